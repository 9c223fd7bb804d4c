<?xml version="1.0" encoding="UTF-8"?>
<!-- Every notice, by year, newest first: each with its number and state. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:template name="section">notices</xsl:template>
  <xsl:template name="title">公示公告</xsl:template>
  <xsl:template name="description">全国质量标杆推荐名单公示、结果公告和称号撤销公告。</xsl:template>
  <xsl:template name="head-extra">
    <xsl:if test="$campaigns[not(announcement)]">
      <script src="{$root}static/countdown.js" defer="defer"></script>
    </xsl:if>
  </xsl:template>

  <xsl:template name="breadcrumbs">
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="'公示公告'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="main">
    <h1>公示公告</h1>
    <p class="lead">推荐名单公示期为10个工作日；遴选结果经批准后公告；对弄虚作假或发生重大责任事故的，撤销称号并公告。每份公示公告均可下载正式文件（PDF）。</p>
    <xsl:call-template name="notice-list"><xsl:with-param name="grouped" select="true()"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
