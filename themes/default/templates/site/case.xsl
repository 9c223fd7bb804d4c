<?xml version="1.0" encoding="UTF-8"?>
<!-- A case page (/cases/YEAR/ID/): the facts of the record, the narrative,
     the certificate and its verification, the previous and next case. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0" exclude-result-prefixes="cm">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="markdown.xsl"/>

  <xsl:param name="year"/>
  <xsl:param name="id"/>

  <xsl:variable name="r" select="$campaigns/records/record[@id = $id]"/>

  <xsl:template name="section">cases</xsl:template>
  <xsl:template name="og-type">article</xsl:template>
  <xsl:template name="title"><xsl:value-of select="concat($r/experience, ' - ', $r/enterprise)"/></xsl:template>
  <xsl:template name="description">
    <xsl:choose>
      <xsl:when test="$r/narrative/summary"><xsl:value-of select="$r/narrative/summary"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($r/enterprise, '：', $r/experience)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="og-image">
    <xsl:value-of select="$r/narrative/cover/@address"/>
  </xsl:template>

  <xsl:template name="breadcrumbs">
    <xsl:call-template name="crumbs">
      <xsl:with-param name="links">
        <li><a href="{$root}{$addr/@cases}{$index-file}">案例库</a></li>
        <li><a href="{$root}{$r/../../@cases-address}{$index-file}"><xsl:value-of select="concat($year, '年')"/></a></li>
      </xsl:with-param>
      <xsl:with-param name="here" select="$r/enterprise"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="main">
    <article class="case">
      <header class="case-header">
        <p class="kicker">
          <a href="{$root}{$r/focus/@address}{$index-file}"><xsl:value-of select="concat('重点领域', $r/focus/@item, $r/focus/@name)"/></a>
        </p>
        <h1><xsl:value-of select="$r/experience"/></h1>
        <p class="enterprise"><xsl:value-of select="$r/enterprise"/></p>
        <xsl:if test="$r/narrative/summary">
          <p class="lead"><xsl:value-of select="$r/narrative/summary"/></p>
        </xsl:if>
      </header>

      <!-- Near the top on a phone; beside the narrative on a wide screen. -->
      <aside class="case-actions" aria-label="证书">
        <a class="button" href="{$root}{$r/@certificate-address}" type="application/pdf">下载证书（PDF）</a>
        <a class="button secondary" href="{$root}{$r/@verify-address}{$index-file}">查验证书 <span class="nowrap"><xsl:value-of select="$r/@certificate"/></span></a>
        <xsl:call-template name="compendium-link">
          <xsl:with-param name="c" select="$r/ancestor::campaign"/>
          <xsl:with-param name="start" select="$r/compendium"/>
        </xsl:call-template>
      </aside>

      <dl class="facts">
        <div><dt>企业名称</dt><dd><xsl:value-of select="$r/enterprise"/></dd></div>
        <div><dt>典型经验</dt><dd><xsl:value-of select="$r/experience"/></dd></div>
        <div><dt>遴选年度</dt><dd><a href="{$root}{$r/../../@cases-address}{$index-file}"><xsl:value-of select="concat($year, '年')"/></a></dd></div>
        <div><dt>重点领域</dt><dd><a href="{$root}{$r/focus/@address}{$index-file}"><xsl:value-of select="concat($r/focus/@item, $r/focus/@name)"/></a></dd></div>
        <div><dt>所属行业</dt><dd>
          <a href="{$root}{$r/industry/@address}{$index-file}"><xsl:value-of select="$r/industry/@section-name"/></a>
          <xsl:if test="$r/industry/@division-name">
            <span class="sep" aria-hidden="true"> › </span>
            <xsl:value-of select="$r/industry/@division-name"/>
          </xsl:if>
        </dd></div>
        <div><dt>地区</dt><dd><a href="{$root}{$r/region/@address}{$index-file}"><xsl:value-of select="$r/region"/></a></dd></div>
        <div><dt>推荐单位</dt><dd><xsl:value-of select="$r/recommender"/></dd></div>
        <div><dt>主要方法</dt><dd>
          <ul class="tags">
            <xsl:for-each select="$r/methods/method"><li><xsl:value-of select="."/></li></xsl:for-each>
          </ul>
        </dd></div>
        <xsl:if test="$r/narrative/keywords">
          <div><dt>关键词</dt><dd>
            <ul class="tags">
              <xsl:for-each select="$r/narrative/keywords/keyword"><li><xsl:value-of select="."/></li></xsl:for-each>
            </ul>
          </dd></div>
        </xsl:if>
        <div><dt>证书编号</dt><dd class="nowrap"><xsl:value-of select="$r/@certificate"/></dd></div>
      </dl>

      <div class="prose">
        <xsl:apply-templates select="$r/narrative/cm:document" mode="md"/>
      </div>

    </article>

    <xsl:variable name="prev" select="$r/preceding-sibling::record[1]"/>
    <xsl:variable name="next" select="$r/following-sibling::record[1]"/>
    <xsl:if test="$prev or $next">
      <nav class="pager" aria-label="同年度案例">
        <xsl:if test="$prev">
          <a class="prev" rel="prev"><xsl:attribute name="href"><xsl:call-template name="case-href"><xsl:with-param name="r" select="$prev"/></xsl:call-template></xsl:attribute>
            <span class="pager-label">上一篇</span>
            <span class="pager-title"><xsl:value-of select="$prev/enterprise"/></span></a>
        </xsl:if>
        <xsl:if test="$next">
          <a class="next" rel="next"><xsl:attribute name="href"><xsl:call-template name="case-href"><xsl:with-param name="r" select="$next"/></xsl:call-template></xsl:attribute>
            <span class="pager-label">下一篇</span>
            <span class="pager-title"><xsl:value-of select="$next/enterprise"/></span></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
