<?xml version="1.0" encoding="UTF-8"?>
<!-- The case library (/cases/) and its facet pages (/cases/FACET/VALUE/):
     static lists that work without JavaScript, in pages of at most
     cards_per_page cards (the theme's site.yaml) with a pager
     (/cases/page/2/, /cases/FACET/VALUE/page/2/); the view holds only the
     page's cases and /model/pager. With JavaScript, qb.js searches
     cases/index.json (every field a card or case shows) and combines
     facets, keeping the query in the address (/cases/?q=山东省); its list
     then takes the place of the page's cards and pager. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qb="urn:qbpress:xslt" extension-element-prefixes="qb">
  <xsl:import href="layout.xsl"/>

  <xsl:param name="facet" select="''"/>
  <xsl:param name="value" select="''"/>

  <xsl:variable name="here" select="/model/library/facet[@name = $facet]/value[@key = $value]"/>
  <xsl:variable name="here-label">
    <xsl:call-template name="value-label">
      <xsl:with-param name="facet" select="$facet"/>
      <xsl:with-param name="v" select="$here"/>
    </xsl:call-template>
  </xsl:variable>
  <!-- The page's cases (the view holds no others), and the list's: its
       count, this page's number. -->
  <xsl:variable name="pager" select="/model/pager"/>
  <xsl:variable name="cases" select="$campaigns/records/record"/>

  <xsl:template name="section">cases</xsl:template>
  <xsl:template name="title">
    <xsl:choose>
      <xsl:when test="$facet = ''">典型经验案例库</xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($here-label, ' · 典型经验案例')"/></xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="page-of"/>
  </xsl:template>
  <xsl:template name="description">
    <xsl:value-of select="concat('全国质量标杆典型经验案例库', $here-label, '：共', $pager/@count, '项案例，可按年度、重点领域、行业和地区浏览和搜索。')"/>
    <xsl:if test="$pager/@page &gt; 1">
      <xsl:value-of select="concat('本页列出第', $pager/@first, '至', $pager/@last, '项。')"/>
    </xsl:if>
  </xsl:template>

  <!-- A site read from files cannot fetch the search data: a script
       brings it. -->
  <xsl:template name="head-extra">
    <xsl:if test="$index-file != ''">
      <script src="{$root}{$addr/@cases}index.js" defer="defer"></script>
    </xsl:if>
  </xsl:template>

  <xsl:template name="breadcrumbs">
    <xsl:variable name="first-page">
      <xsl:call-template name="href"><xsl:with-param name="to" select="$pager/page[1]/@address"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="nth" select="concat('第 ', $pager/@page, ' 页')"/>
    <xsl:choose>
      <xsl:when test="$pager/@page &gt; 1 and $facet = ''">
        <xsl:call-template name="crumbs">
          <xsl:with-param name="links"><li><a href="{$first-page}">案例库</a></li></xsl:with-param>
          <xsl:with-param name="here" select="$nth"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$pager/@page &gt; 1">
        <xsl:call-template name="crumbs">
          <xsl:with-param name="links">
            <li><a href="{$root}{$addr/@cases}{$index-file}">案例库</a></li>
            <li><a href="{$first-page}"><xsl:value-of select="$here-label"/></a></li>
          </xsl:with-param>
          <xsl:with-param name="here" select="$nth"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$facet = ''">
        <xsl:call-template name="crumbs"><xsl:with-param name="here" select="'案例库'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="crumbs">
          <xsl:with-param name="links"><li><a href="{$root}{$addr/@cases}{$index-file}">案例库</a></li></xsl:with-param>
          <xsl:with-param name="here" select="$here-label"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "（第 2 页）" after the title of every page but the first. -->
  <xsl:template name="page-of">
    <xsl:if test="$pager/@page &gt; 1"><xsl:value-of select="concat('（第 ', $pager/@page, ' 页）')"/></xsl:if>
  </xsl:template>

  <xsl:template name="main">
    <h1>
      <xsl:choose>
        <xsl:when test="$facet = ''">典型经验案例库</xsl:when>
        <xsl:otherwise>
          <span class="h1-kicker"><xsl:call-template name="facet-label"><xsl:with-param name="facet" select="$facet"/></xsl:call-template></span>
          <xsl:value-of select="$here-label"/>
        </xsl:otherwise>
      </xsl:choose>
    </h1>
    <xsl:if test="$facet = 'year' and $campaigns[@year = $value]/compendium">
      <p class="compendium-line"><xsl:call-template name="compendium-link"><xsl:with-param name="c" select="$campaigns[@year = $value]"/></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="$facet = ''">
      <xsl:call-template name="downloads">
        <xsl:with-param name="list" select="'library'"/>
        <xsl:with-param name="name" select="'全国质量标杆典型经验案例库'"/>
        <xsl:with-param name="label" select="'下载案例库'"/>
      </xsl:call-template>
    </xsl:if>
    <div class="library" id="qb-library" data-index="{$root}{$addr/@cases}index.json" data-base="{$root}{$addr/@cases}"
         data-index-file="{$index-file}" data-facet="{$facet}" data-value="{$value}">
      <form class="search" role="search" hidden="">
        <label for="qb-q">搜索案例</label>
        <input type="search" id="qb-q" name="q" autocomplete="off" placeholder="企业、经验、地区、证书编号"/>
        <button type="button" class="reset" id="qb-reset" hidden="">清除条件</button>
      </form>
      <div class="library-body">
        <nav class="facets" aria-label="按类别浏览">
          <!-- A facet's links are the same on every list of the same
               depth, but for the picked value of the list's own facet. -->
          <xsl:for-each select="/model/library/facet[value]">
            <xsl:variable name="f" select="@name"/>
            <xsl:variable name="picked"><xsl:if test="$f = $facet"><xsl:value-of select="$value"/></xsl:if></xsl:variable>
            <qb:cached key="concat($root, ' ', $f, ' ', $picked)">
              <section class="facet" data-facet="{$f}">
                <h2><xsl:call-template name="facet-label"><xsl:with-param name="facet" select="$f"/></xsl:call-template></h2>
                <ul>
                  <xsl:for-each select="value">
                    <li>
                      <a href="{$root}{@address}{$index-file}" data-facet="{$f}" data-value="{@key}">
                        <xsl:if test="$f = $facet and @key = $value">
                          <xsl:attribute name="aria-current">page</xsl:attribute>
                        </xsl:if>
                        <xsl:call-template name="value-label">
                          <xsl:with-param name="facet" select="$f"/>
                          <xsl:with-param name="v" select="."/>
                        </xsl:call-template>
                        <span class="count"><xsl:value-of select="@count"/></span>
                      </a>
                    </li>
                  </xsl:for-each>
                </ul>
              </section>
            </qb:cached>
          </xsl:for-each>
          <xsl:if test="$facet != ''">
            <p class="all"><a href="{$root}{$addr/@cases}{$index-file}">全部案例</a></p>
          </xsl:if>
        </nav>
        <section class="results" aria-labelledby="results-h">
          <h2 id="results-h" class="visually-hidden">案例列表</h2>
          <p class="count-line" id="qb-count" aria-live="polite" aria-atomic="true" data-many="共 {{}} 项案例"
             data-none="没有符合条件的案例，请换个关键词或减少筛选条件。" data-picked="（已选：{{}}）" data-sep="、">
            <xsl:value-of select="concat('共 ', $pager/@count, ' 项案例')"/>
            <xsl:if test="$pager/@pages &gt; 1">
              <xsl:value-of select="concat('，本页列出第 ', $pager/@first, '–', $pager/@last, ' 项')"/>
            </xsl:if>
          </p>
          <ul class="cards" id="qb-results">
            <xsl:apply-templates select="$cases" mode="card">
              <xsl:sort select="@year" data-type="number" order="descending"/>
              <xsl:sort select="@position" data-type="number"/>
            </xsl:apply-templates>
          </ul>
          <xsl:call-template name="pager">
            <xsl:with-param name="p" select="$pager"/>
            <xsl:with-param name="label" select="'案例列表分页'"/>
          </xsl:call-template>
          <p class="more-line"><button type="button" class="more-button" id="qb-more" hidden="" data-format="显示更多（还有 {{}} 项）"></button></p>
          <xsl:call-template name="card-template"/>
        </section>
      </div>
    </div>
  </xsl:template>
</xsl:stylesheet>
