<?xml version="1.0" encoding="UTF-8"?>
<!-- What every site template shares, HTML or not: the parameters from
     qbpress, addresses, dates, the titles and addresses of notices, case
     cards and facet labels. layout.xsl and feed.xsl import it.

     Parameters from qbpress: root (the way from this page to the site's
     top, e.g. "../../"), path (this page below base_url, e.g. "cases/"). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:qb="urn:qbpress:xslt"
    extension-element-prefixes="qb"
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

  <!-- Every published notice, for lists and the feed: its kind, year,
       addresses, date, number and title as its text has them (qbpress puts
       them in the views of the pages that list or link notices). A
       publicity notice is out from its date on. -->
  <xsl:variable name="notices" select="/model/notices/notice"/>


  <!-- A link to a page of the site whose address the model gives (a path
       below the site's top, such as @address="cases/2025/x/"): from this
       page, naming index.html in a site read from files. -->
  <xsl:template name="href">
    <xsl:param name="to"/>
    <xsl:value-of select="concat($root, $to)"/>
    <xsl:if test="$to = '' or substring($to, string-length($to)) = '/'"><xsl:value-of select="$index-file"/></xsl:if>
  </xsl:template>

  <!-- A link to a year's experience compendium (campaign/compendium: its
       path, pages and bytes), with the page where a case starts when a
       record's compendium/@page is given. -->
  <xsl:template name="compendium-link">
    <xsl:param name="c"/>
    <xsl:param name="start" select="/.."/>
    <xsl:if test="$c/compendium">
      <a class="compendium" type="application/pdf">
        <xsl:attribute name="href">
          <xsl:value-of select="concat($root, $c/compendium/@path)"/>
          <xsl:if test="$start"><xsl:value-of select="concat('#page=', $start/@index)"/></xsl:if>
        </xsl:attribute>
        <xsl:value-of select="concat($c/@year, '年典型经验汇编')"/>
        <span class="nowrap">
          <xsl:value-of select="concat('（PDF，', $c/compendium/@pages, ' 页，', $c/compendium/@mib, ' MB')"/>
          <xsl:if test="$start"><xsl:value-of select="concat('；本案例见第 ', $start/@page, ' 页')"/></xsl:if>
          <xsl:text>）</xsl:text>
        </span>
      </a>
    </xsl:if>
  </xsl:template>

  <!-- A case's address is a folder. -->
  <xsl:template name="case-href">
    <xsl:param name="r" select="."/>
    <xsl:value-of select="concat($root, $r/@address, $index-file)"/>
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

  <!-- Notices: the title a notice's text gives it, for a publicity,
       announcement or revoked element of the model or a notice of the
       list. -->
  <xsl:template match="publicity | announcement | revoked | notice" mode="notice-title">
    <xsl:value-of select="$notices[@address = current()/@address]/title"/>
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

  <xsl:template match="publicity | announcement | revoked | notice" mode="notice-kind">
    <xsl:choose>
      <xsl:when test="self::publicity or @kind = 'publicity'">公示</xsl:when>
      <xsl:when test="self::announcement or @kind = 'announcement'">公告</xsl:when>
      <xsl:otherwise>撤销公告</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A list of notices, newest first: each with its kind, title, number,
       date and state; grouped by year when grouped is set. -->
  <xsl:template name="notice-list">
    <xsl:param name="max" select="1000000"/>
    <xsl:param name="grouped" select="false()"/>
    <xsl:choose>
      <xsl:when test="$grouped">
        <xsl:for-each select="$campaigns[@year = $notices/@year]">
          <xsl:sort select="@year" data-type="number" order="descending"/>
          <xsl:variable name="y" select="@year"/>
          <section class="notice-year" aria-labelledby="notices-{$y}">
            <h2 id="notices-{$y}"><xsl:value-of select="@title"/></h2>
            <ul class="notice-list">
              <xsl:apply-templates select="$notices[@year = $y]" mode="notice-item">
                <xsl:sort select="translate(@date, '-', '')" data-type="number" order="descending"/>
              </xsl:apply-templates>
            </ul>
          </section>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <ul class="notice-list">
          <xsl:for-each select="$notices">
            <xsl:sort select="translate(@date, '-', '')" data-type="number" order="descending"/>
            <xsl:if test="position() &lt;= $max">
              <xsl:apply-templates select="." mode="notice-item"/>
            </xsl:if>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="notice" mode="notice-item">
    <xsl:variable name="c" select="$campaigns[@year = current()/@year]"/>
    <li>
      <span class="tag"><xsl:apply-templates select="." mode="notice-kind"/></span>
      <a>
        <xsl:attribute name="href"><xsl:call-template name="href"><xsl:with-param name="to" select="@address"/></xsl:call-template></xsl:attribute>
        <xsl:value-of select="title"/>
      </a>
      <span class="notice-facts">
        <xsl:if test="@number"><span class="nowrap"><xsl:value-of select="@number"/></span></xsl:if>
        <xsl:apply-templates select="@date" mode="date"/>
        <xsl:choose>
          <xsl:when test="@kind = 'publicity' and not($c/announcement)">
            <xsl:apply-templates select="$c/publicity" mode="phase">
              <xsl:with-param name="short" select="true()"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:when test="@kind = 'publicity'"><span class="notice-state">公示期已结束，结果已公告</span></xsl:when>
          <xsl:when test="@kind = 'announcement'"><span class="notice-state">已公告</span></xsl:when>
          <xsl:otherwise><span class="notice-state">称号已撤销</span></xsl:otherwise>
        </xsl:choose>
      </span>
    </li>
  </xsl:template>

  <!-- Where a publicity period stands: before it, during it (working days
       left, the objection deadline) or after it (under review). The text
       is written as of the build date, which it names; with scripts,
       static/countdown.js puts in its place the text of the reader's day
       from the <template>s below, counting the period's working days
       (data-days, from the official calendar). short: the few words of a
       list. -->
  <xsl:template match="publicity" mode="phase">
    <xsl:param name="short" select="false()"/>
    <xsl:param name="steps" select="false()"/>
    <xsl:variable name="first" select="number(translate(@first, '-', ''))"/>
    <xsl:variable name="last" select="number(translate(@last, '-', ''))"/>
    <xsl:variable name="state">
      <xsl:choose>
        <xsl:when test="$today &lt; $first">before</xsl:when>
        <xsl:when test="$today &lt;= $last">during</xsl:when>
        <xsl:otherwise>after</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="before">
      <xsl:choose>
        <xsl:when test="$short">公示将于<xsl:apply-templates select="@first" mode="date"/>开始</xsl:when>
        <xsl:otherwise>推荐名单将于<strong><xsl:apply-templates select="@first" mode="date"/></strong>开始公示，公示时间<xsl:call-template name="period"/>（<xsl:value-of select="@working-days"/>个工作日）。</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="deadline">对推荐名单有异议的，请于<strong><xsl:apply-templates select="@last" mode="date"/></strong>前以书面形式提出。</xsl:variable>
    <xsl:variable name="after">
      <xsl:choose>
        <xsl:when test="$short">公示期已结束，正在审议</xsl:when>
        <xsl:otherwise>公示期已结束（公示时间：<xsl:call-template name="period"/>）。办公室正在对异议进行调查核实，遴选结果经批准后另行公告。</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="element">
      <xsl:choose>
        <xsl:when test="$short">span</xsl:when>
        <xsl:otherwise>div</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="inner">
      <xsl:choose>
        <xsl:when test="$short">span</xsl:when>
        <xsl:otherwise>p</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$element}">
      <xsl:attribute name="class">phase</xsl:attribute>
      <xsl:attribute name="data-days"><xsl:value-of select="@working-dates"/></xsl:attribute>
      <xsl:attribute name="data-date-format">{y}年{m}月{d}日</xsl:attribute>
      <xsl:attribute name="data-state"><xsl:value-of select="$state"/></xsl:attribute>
      <xsl:if test="$steps"><xsl:call-template name="steps"/></xsl:if>
      <xsl:element name="{$inner}">
        <xsl:attribute name="class">notice-state</xsl:attribute>
        <xsl:attribute name="data-text"/>
        <xsl:choose>
          <xsl:when test="$state = 'before'"><xsl:copy-of select="$before"/></xsl:when>
          <xsl:when test="$state = 'during' and $short">公示中，截至<xsl:apply-templates select="/model/@today" mode="date"/>还剩<xsl:value-of select="@working-days-left"/>个工作日</xsl:when>
          <xsl:when test="$state = 'during'">公示进行中：截至<xsl:apply-templates select="/model/@today" mode="date"/>（本页生成之日），还剩<strong class="big"><xsl:value-of select="@working-days-left"/></strong>个工作日。<xsl:copy-of select="$deadline"/></xsl:when>
          <xsl:otherwise><xsl:copy-of select="$after"/></xsl:otherwise>
        </xsl:choose>
      </xsl:element>
      <template data-state="before"><xsl:copy-of select="$before"/></template>
      <template data-state="during">
        <xsl:choose>
          <xsl:when test="$short">公示中，还剩<span data-slot="left"></span>个工作日</xsl:when>
          <xsl:otherwise>公示进行中：截至今天（<time data-slot="today" datetime="{/model/@today}"><xsl:call-template name="date-words"><xsl:with-param name="iso" select="string(/model/@today)"/></xsl:call-template></time>），还剩<strong class="big" data-slot="left"></strong>个工作日。<xsl:copy-of select="$deadline"/></xsl:otherwise>
        </xsl:choose>
      </template>
      <template data-state="after"><xsl:copy-of select="$after"/></template>
    </xsl:element>
  </xsl:template>

  <!-- An exchange activity (Art. 24) in a list: its date, city and title. -->
  <xsl:template match="exchange" mode="exchange-item">
    <li>
      <xsl:apply-templates select="@date" mode="date"/>
      <xsl:if test="@city"><span class="exchange-city"><xsl:value-of select="@city"/></span></xsl:if>
      <span class="exchange-title"><xsl:value-of select="@title"/></span>
    </li>
  </xsl:template>

  <!-- The steps of a campaign after its list is made; site.css marks the
       current one from the state of the phase around them, or current. -->
  <xsl:template name="steps">
    <xsl:param name="current"/>
    <ol class="steps">
      <li class="step-publicity"><xsl:if test="$current = 'publicity'"><xsl:attribute name="class">step-publicity current</xsl:attribute></xsl:if>推荐名单公示</li>
      <li class="step-review"><xsl:if test="$current = 'review'"><xsl:attribute name="class">step-review current</xsl:attribute></xsl:if>异议核实与审议</li>
      <li class="step-announced"><xsl:if test="$current = 'announced'"><xsl:attribute name="class">step-announced current</xsl:attribute></xsl:if>结果公告</li>
    </ol>
  </xsl:template>

  <!-- A case in a list. The library's script fills a copy of the same
       markup (the "card-template" below) for its results, with the search
       terms marked; a term found in no text the card shows is shown in a
       last line with the field that holds it (labels below). A card shows
       its record alone: made once per record and depth (qb:cached). -->
  <xsl:template match="record" mode="card">
    <qb:cached key="concat($root, ' ', @address)">
      <li class="card">
        <h3 class="card-enterprise">
          <a href="{$root}{@address}{$index-file}"><xsl:value-of select="enterprise"/></a>
        </h3>
        <p class="card-title"><xsl:value-of select="experience"/></p>
        <p class="card-meta">
          <span><xsl:value-of select="concat(@year, '年')"/></span>
          <span><xsl:value-of select="focus/@name"/></span>
          <span><xsl:value-of select="region"/></span>
        </p>
        <p class="card-summary"><xsl:value-of select="narrative/summary"/></p>
      </li>
    </qb:cached>
  </xsl:template>

  <xsl:template name="card-template">
    <qb:cached key="''">
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
    </qb:cached>
  </xsl:template>

  <!-- The pager of a list in pages (p: its pager element, with page,
       pages and a page element with number and address for every page):
       the previous and next pages, the first and last, and the two on
       either side of this one; nothing when the list has one page. -->
  <xsl:template name="pager">
    <xsl:param name="p"/>
    <xsl:param name="label"/>
    <xsl:variable name="at" select="number($p/@page)"/>
    <xsl:variable name="n" select="number($p/@pages)"/>
    <xsl:if test="$n &gt; 1">
      <nav class="page-nav" aria-label="{$label}">
        <ul>
          <xsl:for-each select="$p/page[@number = $at - 1]">
            <li class="page-step"><a rel="prev"><xsl:attribute name="href"><xsl:call-template name="href"><xsl:with-param name="to" select="@address"/></xsl:call-template></xsl:attribute>上一页</a></li>
          </xsl:for-each>
          <xsl:for-each select="$p/page">
            <xsl:variable name="k" select="number(@number)"/>
            <xsl:choose>
              <xsl:when test="$k = 1 or $k = $n or ($k &gt;= $at - 2 and $k &lt;= $at + 2)">
                <li>
                  <a><xsl:attribute name="href"><xsl:call-template name="href"><xsl:with-param name="to" select="@address"/></xsl:call-template></xsl:attribute>
                    <xsl:if test="$k = $at"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                    <span class="visually-hidden">第 </span><xsl:value-of select="$k"/><span class="visually-hidden"> 页</span></a>
                </li>
              </xsl:when>
              <xsl:when test="$k = 2 or $k = $n - 1"><li class="page-gap" aria-hidden="true">…</li></xsl:when>
            </xsl:choose>
          </xsl:for-each>
          <xsl:for-each select="$p/page[@number = $at + 1]">
            <li class="page-step"><a rel="next"><xsl:attribute name="href"><xsl:call-template name="href"><xsl:with-param name="to" select="@address"/></xsl:call-template></xsl:attribute>下一页</a></li>
          </xsl:for-each>
        </ul>
        <p class="page-of"><xsl:value-of select="concat('第 ', $at, ' 页，共 ', $n, ' 页')"/></p>
      </nav>
    </xsl:if>
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
