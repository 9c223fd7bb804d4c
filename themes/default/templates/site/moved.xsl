<?xml version="1.0" encoding="UTF-8"?>
<!-- The address of a revoked case: it sends readers to the revocation
     notice. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:param name="id"/>
  <xsl:param name="certificate"/>
  <xsl:variable name="r" select="$campaigns/records/record[@id = $id]"/>
  <xsl:variable name="to" select="concat($root, $r/revoked/@address, $index-file)"/>

  <xsl:template name="section">cases</xsl:template>
  <xsl:template name="title"><xsl:apply-templates select="$r/revoked" mode="notice-title"/></xsl:template>
  <xsl:template name="head-extra">
    <meta name="robots" content="noindex"/>
    <meta http-equiv="refresh" content="0; url={$to}"/>
  </xsl:template>

  <xsl:template name="main">
    <h1>该案例已撤销</h1>
    <p><xsl:value-of select="$r/enterprise"/>的全国质量标杆称号已于<xsl:apply-templates select="$r/revoked/@date" mode="date"/>撤销，案例不再收录于案例库。</p>
    <p><a class="button" href="{$to}"><xsl:apply-templates select="$r/revoked" mode="notice-title"/></a></p>
  </xsl:template>
</xsl:stylesheet>
