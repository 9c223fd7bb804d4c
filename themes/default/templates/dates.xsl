<?xml version="1.0" encoding="UTF-8"?>
<!-- How dates read: the model gives them as YYYY-MM-DD; these templates
     write them in words. Imported by the site's templates (common.xsl) and
     the notice text (notice/text.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- "2025年9月26日"; without the year when year is false: "9月26日". -->
  <xsl:template name="date-words">
    <xsl:param name="iso"/>
    <xsl:param name="year" select="true()"/>
    <xsl:if test="$year"><xsl:value-of select="concat(substring($iso, 1, 4), '年')"/></xsl:if>
    <xsl:value-of select="concat(number(substring($iso, 6, 2)), '月', number(substring($iso, 9, 2)), '日')"/>
  </xsl:template>

  <!-- Whether the period's last day is written without its year: when it
       shares it with the first ("2025年9月26日至10月15日"). -->
  <xsl:template name="period-same-year">
    <xsl:param name="first"/>
    <xsl:param name="last"/>
    <xsl:if test="substring($first, 1, 4) = substring($last, 1, 4)">true</xsl:if>
  </xsl:template>

  <!-- The word between a period's first and last day. -->
  <xsl:variable name="period-to" select="'至'"/>
</xsl:stylesheet>
