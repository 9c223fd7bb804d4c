<?xml version="1.0" encoding="UTF-8"?>
<!-- The exchange activities (Art. 24: benchmark enterprises share their
     experience at the activities the organization holds), by campaign,
     newest first, each beside its campaign's announcement. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:template name="section">exchange</xsl:template>
  <xsl:template name="title">经验交流活动</xsl:template>
  <xsl:template name="description">全国质量标杆经验交流活动：时间、地点和活动名称，按遴选年度排列。</xsl:template>

  <xsl:template name="breadcrumbs">
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="'经验交流活动'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="main">
    <h1>经验交流活动</h1>
    <p class="lead">全国质量标杆企业参加<xsl:value-of select="$site/@organization"/>举办的经验交流活动，分享、交流本单位的典型经验，带动广大企业提升管理水平。</p>
    <xsl:choose>
      <xsl:when test="$campaigns/exchange">
        <xsl:for-each select="$campaigns[exchange]">
          <xsl:sort select="@year" data-type="number" order="descending"/>
          <section class="exchange-year" aria-labelledby="exchange-{@year}">
            <h2 id="exchange-{@year}"><xsl:value-of select="@title"/></h2>
            <ul class="exchange-list">
              <xsl:for-each select="exchange">
                <xsl:sort select="translate(@date, '-', '')" data-type="number"/>
                <xsl:apply-templates select="." mode="exchange-item"/>
              </xsl:for-each>
            </ul>
            <xsl:if test="announcement">
              <p class="more"><a href="{$root}{announcement/@address}{$index-file}"><xsl:apply-templates select="announcement" mode="notice-title"/></a></p>
            </xsl:if>
          </section>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p>暂无经验交流活动。</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
