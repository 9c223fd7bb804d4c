<?xml version="1.0" encoding="UTF-8"?>
<!-- What every site template shares, HTML or not: the parameters from
     qbpress, addresses, dates, the titles and addresses of notices, case
     cards and facet labels. layout.xsl and feed.xsl import it.

     Parameters from qbpress: root (the way from this page to the site's
     top, e.g. "../../"), path (this page below base_url, e.g. "cases/"). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    exclude-result-prefixes="cm">

  <xsl:import href="../dates.xsl"/>

  <xsl:param name="root" select="''"/>
  <xsl:param name="path" select="''"/>

  <!-- Appended to folder addresses: 'index.html' in a site built with
       the relative option of qbpress build, to be read straight from files
       (a file share, a disk). -->
  <xsl:param name="index-file" select="''"/>

  <xsl:variable name="site" select="/model/site"/>
  <!-- The addresses of the site's sections, below its top (address.c). -->
  <xsl:variable name="addr" select="/model/site/addresses"/>
  <xsl:variable name="base" select="/model/site/@base-url"/>
  <xsl:variable name="today" select="number(translate(/model/@today, '-', ''))"/>
  <xsl:variable name="campaigns" select="/model/campaigns/campaign"/>

  <!-- Every notice, for lists and the feed. A publicity notice is out from
       its date on: a build made before it does not list it. -->
  <xsl:variable name="notices"
      select="$campaigns/publicity[number(translate(@date, '-', '')) &lt;= $today] | $campaigns/announcement
              | $campaigns/records/record[@issued='true']/revoked"/>


  <!-- A link to a page of the site whose address the model gives (a path
       below the site's top, such as @address="cases/2025/x/"): from this
       page, naming index.html in a site read from files. -->
  <xsl:template name="href">
    <xsl:param name="to"/>
    <xsl:value-of select="concat($root, $to)"/>
    <xsl:if test="$to = '' or substring($to, string-length($to)) = '/'"><xsl:value-of select="$index-file"/></xsl:if>
  </xsl:template>

  <xsl:template name="case-href">
    <xsl:param name="r" select="."/>
    <xsl:call-template name="href"><xsl:with-param name="to" select="$r/@address"/></xsl:call-template>
  </xsl:template>

  <!-- A date of the model (an attribute such as @date, YYYY-MM-DD) as
     <time> with the date in words, which site.css keeps on one line; text
     replaces the words. -->
  <xsl:template match="@*" mode="date">
    <xsl:param name="text">
      <xsl:call-template name="date-words"><xsl:with-param name="iso" select="string(.)"/></xsl:call-template>
    </xsl:param>
    <time datetime="{.}"><xsl:value-of select="$text"/></time>
  </xsl:template>

  <!-- "2025年9月26日至10月15日": the year once when both days share it. -->
  <xsl:template name="period">
    <xsl:param name="p" select="."/>
    <xsl:apply-templates select="$p/@first" mode="date"/>
    <xsl:value-of select="$period-to"/>
    <xsl:variable name="same">
      <xsl:call-template name="period-same-year">
        <xsl:with-param name="first" select="$p/@first"/>
        <xsl:with-param name="last" select="$p/@last"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:apply-templates select="$p/@last" mode="date">
      <xsl:with-param name="text">
        <xsl:call-template name="date-words">
          <xsl:with-param name="iso" select="string($p/@last)"/>
          <xsl:with-param name="year" select="$same != 'true'"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Notices: publicity, announcement and revoked elements of the model. -->
  <xsl:template match="publicity" mode="notice-title">
    <xsl:value-of select="concat('关于', ../@year, '年全国质量标杆推荐名单的公示')"/>
  </xsl:template>
  <xsl:template match="announcement" mode="notice-title">
    <xsl:value-of select="concat('关于公布', ../@year, '年全国质量标杆名单的公告')"/>
  </xsl:template>
  <xsl:template match="revoked" mode="notice-title">
    <xsl:value-of select="concat('关于撤销', ../enterprise, '全国质量标杆称号的公告')"/>
  </xsl:template>


  <!-- Spreadsheets (sheets.xsl writes them, the pages link them): the
       address of a list below the site's top, without its extension
       (.xlsx, .csv). list: publicity or announcement (of year), library,
       statistics (the workbook of every table) or one statistics table. -->
  <xsl:template name="sheet-path">
    <xsl:param name="list"/>
    <xsl:param name="year"/>
    <xsl:choose>
      <xsl:when test="$list = 'publicity'"><xsl:value-of select="concat($campaigns[@year = $year]/publicity/@address, 'list')"/></xsl:when>
      <xsl:when test="$list = 'announcement'"><xsl:value-of select="concat($campaigns[@year = $year]/announcement/@address, 'list')"/></xsl:when>
      <xsl:when test="$list = 'library'"><xsl:value-of select="concat($addr/@cases, 'cases')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($addr/@stats, $list)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Links to a list's spreadsheets; name is the file name offered for
       saving, without extension. -->
  <xsl:template name="downloads">
    <xsl:param name="list"/>
    <xsl:param name="year"/>
    <xsl:param name="name"/>
    <xsl:param name="xlsx" select="true()"/>
    <xsl:param name="csv" select="true()"/>
    <xsl:param name="label" select="'下载名单'"/>
    <xsl:variable name="p">
      <xsl:call-template name="sheet-path">
        <xsl:with-param name="list" select="$list"/>
        <xsl:with-param name="year" select="$year"/>
      </xsl:call-template>
    </xsl:variable>
    <p class="downloads screen-only">
      <span class="downloads-label"><xsl:value-of select="$label"/></span>
      <xsl:if test="$xlsx">
        <a href="{$root}{$p}.xlsx" download="{$name}.xlsx" type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">Excel 表格（.xlsx）</a>
      </xsl:if>
      <xsl:if test="$csv">
        <a href="{$root}{$p}.csv" download="{$name}.csv" type="text/csv">CSV（UTF-8）</a>
      </xsl:if>
    </p>
  </xsl:template>

  <xsl:template match="publicity | announcement | revoked" mode="notice-kind">
    <xsl:choose>
      <xsl:when test="self::publicity">公示</xsl:when>
      <xsl:when test="self::announcement">公告</xsl:when>
      <xsl:otherwise>撤销公告</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A list of notices, newest first. -->
  <xsl:template name="notice-list">
    <xsl:param name="max" select="1000000"/>
    <ul class="notice-list">
      <xsl:for-each select="$notices">
        <xsl:sort select="translate(@date, '-', '')" data-type="number" order="descending"/>
        <xsl:if test="position() &lt;= $max">
          <li>
            <span class="tag"><xsl:apply-templates select="." mode="notice-kind"/></span>
            <a>
              <xsl:attribute name="href"><xsl:call-template name="href"><xsl:with-param name="to" select="@address"/></xsl:call-template></xsl:attribute>
              <xsl:apply-templates select="." mode="notice-title"/>
            </a>
            <xsl:apply-templates select="@date" mode="date"/>
          </li>
        </xsl:if>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A case in a list. The library's script fills a copy of the same
       markup (the "card-template" below) for its results, with the search
       terms marked; a term found in no text the card shows is shown in a
       last line with the field that holds it (labels below). -->
  <xsl:template match="record" mode="card">
    <li class="card">
      <h3 class="card-enterprise">
        <a><xsl:attribute name="href"><xsl:call-template name="case-href"/></xsl:attribute>
          <xsl:value-of select="enterprise"/></a>
      </h3>
      <p class="card-title"><xsl:value-of select="experience"/></p>
      <p class="card-meta">
        <span><xsl:value-of select="concat(@year, '年')"/></span>
        <span><xsl:value-of select="focus/@name"/></span>
        <span><xsl:value-of select="region"/></span>
      </p>
      <p class="card-summary"><xsl:value-of select="narrative/summary"/></p>
    </li>
  </xsl:template>

  <xsl:template name="card-template">
    <template id="qb-card">
      <li class="card">
        <h3 class="card-enterprise"><a data-slot="link"></a></h3>
        <p class="card-title" data-slot="t"></p>
        <p class="card-meta">
          <span data-slot="y" data-format="{{}}年"></span>
          <span data-slot="f"></span>
          <span data-slot="r"></span>
        </p>
        <p class="card-summary" data-slot="s"></p>
        <p class="card-why" data-slot="why">
          <span class="why-label" data-field="e">企业名称：</span>
          <span class="why-label" data-field="t">典型经验：</span>
          <span class="why-label" data-field="y">遴选年度：</span>
          <span class="why-label" data-field="f">重点领域：</span>
          <span class="why-label" data-field="r">地区：</span>
          <span class="why-label" data-field="s">摘要：</span>
          <span class="why-label" data-field="m">主要方法：</span>
          <span class="why-label" data-field="k">关键词：</span>
          <span class="why-label" data-field="i">所属行业：</span>
          <span class="why-label" data-field="c">推荐单位：</span>
          <span class="why-label" data-field="n">证书编号：</span>
        </p>
      </li>
    </template>
  </xsl:template>

  <xsl:template name="facet-label">
    <xsl:param name="facet"/>
    <xsl:choose>
      <xsl:when test="$facet = 'year'">遴选年度</xsl:when>
      <xsl:when test="$facet = 'focus'">重点领域</xsl:when>
      <xsl:when test="$facet = 'industry'">行业门类</xsl:when>
      <xsl:when test="$facet = 'region'">地区</xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="value-label">
    <xsl:param name="facet"/>
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$facet = 'year'"><xsl:value-of select="concat($v/@label, '年')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$v/@label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
