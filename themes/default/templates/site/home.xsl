<?xml version="1.0" encoding="UTF-8"?>
<!-- The home page: the programme in brief, where each live campaign stands
     (in publicity or about to be, under review, or announced within the
     last year; the latest announced one at least), the latest notices,
     exchange activities, the way into the library. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="markdown.xsl"/>

  <xsl:template name="section">home</xsl:template>
  <xsl:template name="title"><xsl:value-of select="$site/@title"/></xsl:template>
  <xsl:template name="head-extra">
    <xsl:if test="$campaigns[not(announcement)]">
      <script src="{$root}static/countdown.js" defer="defer"></script>
    </xsl:if>
  </xsl:template>

  <!-- The campaigns the home page follows, newest first. -->
  <xsl:variable name="live"
      select="$campaigns[not(announcement)]
              | $campaigns[announcement][number(translate(announcement/@date, '-', '')) + 10000 &gt;= $today]
              | $campaigns[announcement][last()]"/>

  <xsl:template name="main">
    <section class="hero">
      <h1><xsl:value-of select="$site/@title"/></h1>
      <p class="lead"><xsl:value-of select="$site/description"/></p>
      <p class="hero-text">全国质量标杆遴选及交流活动由<xsl:value-of select="$site/@organization"/>组织开展，遴选企业运用先进适用的质量管理方法和质量工程技术、在系统提升产品和服务质量中形成的具有示范效应、可借鉴、可推广的典型经验。活动坚持自愿申报、择优推荐、集中评审、跟踪管理，不收取任何费用。</p>
      <p class="hero-actions">
        <a class="button" href="{$root}{$addr/@cases}{$index-file}">浏览典型经验案例库</a>
        <a class="button secondary" href="{$root}{$addr/@verify}{$index-file}">查验证书</a>
      </p>
    </section>

    <xsl:apply-templates select="$live" mode="status">
      <xsl:sort select="@year" data-type="number" order="descending"/>
    </xsl:apply-templates>

    <div class="home-columns">
      <section aria-labelledby="notices-h">
        <h2 id="notices-h">最新公示公告</h2>
        <xsl:call-template name="notice-list">
          <xsl:with-param name="max" select="5"/>
        </xsl:call-template>
        <p class="more"><a href="{$root}{$addr/@notices}{$index-file}">全部公示公告</a></p>
        <xsl:call-template name="exchange-next"/>
      </section>
      <section aria-labelledby="library-h">
        <h2 id="library-h">典型经验案例库</h2>
        <p>案例库收录已公告且称号有效的全国质量标杆典型经验，共 <strong><xsl:value-of select="/model/library/@count"/></strong> 项，可按年度、重点领域、行业和地区浏览，也可按企业名称、经验名称、方法和摘要搜索。</p>
        <ul class="focus-list">
          <xsl:for-each select="/model/library/facet[@name='focus']/value">
            <li>
              <a href="{$root}{@address}{$index-file}">
                <span class="focus-item"><xsl:value-of select="@code"/></span>
                <xsl:value-of select="@label"/>
              </a>
              <span class="count"><xsl:value-of select="concat(@count, ' 项')"/></span>
            </li>
          </xsl:for-each>
        </ul>
        <p class="more"><a href="{$root}{$addr/@cases}{$index-file}">进入案例库</a></p>
      </section>
    </div>
  </xsl:template>

  <!-- One campaign: its steps and where it stands. -->
  <xsl:template match="campaign" mode="status">
    <xsl:variable name="p" select="publicity"/>
    <xsl:variable name="out" select="number(translate($p/@date, '-', '')) &lt;= $today"/>
    <section class="status" aria-labelledby="status-{@year}">
      <h2 id="status-{@year}"><xsl:value-of select="@title"/></h2>
      <xsl:choose>
        <xsl:when test="announcement">
          <xsl:call-template name="steps"><xsl:with-param name="current" select="'announced'"/></xsl:call-template>
          <p class="status-text">遴选结果已于<xsl:apply-templates select="announcement/@date" mode="date"/>公告，共<strong class="big"><xsl:value-of select="count(records/record[@issued='true'])"/></strong>项典型经验入选全国质量标杆。</p>
          <p><a class="button" href="{$root}{announcement/@address}{$index-file}">查看公告</a>
            <xsl:if test="records/record[@published = 'true']">
              <xsl:text> </xsl:text>
              <a href="{$root}{@cases-address}{$index-file}">浏览 <xsl:value-of select="@year"/> 年案例</a>
            </xsl:if>
          </p>
          <xsl:if test="compendium">
            <p><xsl:call-template name="compendium-link"><xsl:with-param name="c" select="."/></xsl:call-template></p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$p" mode="phase">
            <xsl:with-param name="steps" select="true()"/>
          </xsl:apply-templates>
          <xsl:if test="$out">
            <p><a class="button" href="{$root}{$p/@address}{$index-file}">查看公示名单</a></p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The exchange activities to come, and a link to all of them. -->
  <xsl:template name="exchange-next">
    <xsl:variable name="next" select="$campaigns/exchange[number(translate(@date, '-', '')) &gt;= $today]"/>
    <xsl:if test="$campaigns/exchange">
      <h2 id="exchange-h">经验交流活动</h2>
      <xsl:choose>
        <xsl:when test="$next">
          <ul class="exchange-list">
            <xsl:for-each select="$next">
              <xsl:sort select="translate(@date, '-', '')" data-type="number"/>
              <xsl:apply-templates select="." mode="exchange-item"/>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p>近期暂无安排。</p></xsl:otherwise>
      </xsl:choose>
      <p class="more"><a href="{$root}{$addr/@exchange}{$index-file}">全部经验交流活动</a></p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
