<?xml version="1.0" encoding="UTF-8"?>
<!-- The home page: the programme in brief, where the current campaign
     stands on the build date, the latest notices, the way into the library. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="markdown.xsl"/>

  <xsl:template name="section">home</xsl:template>
  <xsl:template name="title"><xsl:value-of select="$site/@title"/></xsl:template>

  <xsl:template name="main">
    <xsl:variable name="current" select="$campaigns[last()]"/>
    <section class="hero">
      <h1><xsl:value-of select="$site/@title"/></h1>
      <p class="lead"><xsl:value-of select="$site/description"/></p>
      <p class="hero-text">全国质量标杆遴选及交流活动由<xsl:value-of select="$site/@organization"/>组织开展，遴选企业运用先进适用的质量管理方法和质量工程技术、在系统提升产品和服务质量中形成的具有示范效应、可借鉴、可推广的典型经验。活动坚持自愿申报、择优推荐、集中评审、跟踪管理，不收取任何费用。</p>
      <p class="hero-actions">
        <a class="button" href="{$root}{$addr/@cases}{$index-file}">浏览典型经验案例库</a>
        <a class="button secondary" href="{$root}{$addr/@verify}{$index-file}">查验证书</a>
      </p>
    </section>

    <xsl:if test="$current">
      <section class="status" aria-labelledby="status-h">
        <h2 id="status-h"><xsl:value-of select="$current/@title"/>：当前进展</h2>
        <xsl:apply-templates select="$current" mode="status"/>
        <xsl:variable name="last" select="$campaigns[announcement][last()]"/>
        <xsl:if test="$last and not($current/announcement)">
          <p class="previous">上一年度：<xsl:value-of select="$last/@title"/>遴选结果已于 <xsl:apply-templates select="$last/announcement/@date" mode="date"/> 公告，共 <xsl:value-of select="count($last/records/record[@issued='true'])"/> 项典型经验入选（<a href="{$root}{$last/announcement/@address}{$index-file}">查看公告</a>）。</p>
        </xsl:if>
      </section>
    </xsl:if>

    <div class="home-columns">
      <section aria-labelledby="notices-h">
        <h2 id="notices-h">最新公示公告</h2>
        <xsl:call-template name="notice-list">
          <xsl:with-param name="max" select="5"/>
        </xsl:call-template>
        <p class="more"><a href="{$root}{$addr/@notices}{$index-file}">全部公示公告</a></p>
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

  <xsl:template match="campaign" mode="status">
    <xsl:variable name="p" select="publicity"/>
    <xsl:variable name="first" select="number(translate($p/@first, '-', ''))"/>
    <ol class="steps">
      <li>
        <xsl:if test="@phase = 'publicity'"><xsl:attribute name="class">current</xsl:attribute></xsl:if>
        推荐名单公示
      </li>
      <li>
        <xsl:if test="@phase = 'review'"><xsl:attribute name="class">current</xsl:attribute></xsl:if>
        异议核实与审议
      </li>
      <li>
        <xsl:if test="@phase = 'announced'"><xsl:attribute name="class">current</xsl:attribute></xsl:if>
        结果公告
      </li>
    </ol>
    <xsl:choose>
      <xsl:when test="@phase = 'publicity' and $today &lt; $first">
        <p class="status-text">推荐名单将于 <strong><xsl:apply-templates select="$p/@first" mode="date"/></strong> 开始公示，公示期 <xsl:value-of select="$p/@working-days"/> 个工作日（<xsl:call-template name="period"><xsl:with-param name="p" select="$p"/></xsl:call-template>）。</p>
      </xsl:when>
      <xsl:when test="@phase = 'publicity'">
        <p class="status-text">推荐名单正在公示：公示时间 <xsl:call-template name="period"><xsl:with-param name="p" select="$p"/></xsl:call-template>（<xsl:value-of select="$p/@working-days"/>个工作日），截至 <xsl:apply-templates select="/model/@today" mode="date"/> 还剩 <strong class="big"><xsl:value-of select="$p/@working-days-left"/></strong> 个工作日。对名单有异议的，请在 <xsl:apply-templates select="$p/@last" mode="date"/> 前提出。</p>
        <p><a class="button" href="{$root}{publicity/@address}{$index-file}">查看公示名单</a></p>
      </xsl:when>
      <xsl:when test="@phase = 'review'">
        <p class="status-text">推荐名单已于 <xsl:call-template name="period"><xsl:with-param name="p" select="$p"/></xsl:call-template>公示完毕，办公室正在对异议进行调查核实，遴选结果经批准后另行公告。</p>
        <p><a href="{$root}{publicity/@address}{$index-file}">查看公示名单</a></p>
      </xsl:when>
      <xsl:otherwise>
        <p class="status-text">遴选结果已于 <xsl:apply-templates select="announcement/@date" mode="date"/> 公告，共 <strong class="big"><xsl:value-of select="count(records/record[@issued='true'])"/></strong> 项典型经验入选全国质量标杆。</p>
        <p><a class="button" href="{$root}{announcement/@address}{$index-file}">查看公告</a>
          <xsl:text> </xsl:text>
          <a href="{$root}{@cases-address}{$index-file}">浏览 <xsl:value-of select="@year"/> 年案例</a></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
