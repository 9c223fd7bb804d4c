<?xml version="1.0" encoding="UTF-8"?>
<!-- A free page from content/pages (/pages/NAME/). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0" exclude-result-prefixes="cm">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="markdown.xsl"/>

  <xsl:param name="name"/>
  <xsl:variable name="page" select="/model/pages/page[@name = $name]"/>

  <xsl:template name="section"><xsl:value-of select="concat('page:', $name)"/></xsl:template>
  <xsl:template name="title"><xsl:value-of select="$page/title"/></xsl:template>
  <xsl:template name="description">
    <xsl:choose>
      <xsl:when test="$page/summary"><xsl:value-of select="$page/summary"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="substring($page/excerpt, 1, 120)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="breadcrumbs">
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="$page/title"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="main">
    <article class="page">
      <h1><xsl:value-of select="$page/title"/></h1>
      <div class="prose"><xsl:apply-templates select="$page/cm:document" mode="md"/></div>
    </article>
  </xsl:template>
</xsl:stylesheet>
