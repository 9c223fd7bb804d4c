<?xml version="1.0" encoding="UTF-8"?>
<!-- feed.xml: an Atom entry per notice, with absolute addresses. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/2005/Atom">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <feed xml:lang="{$site/@language}">
      <title><xsl:value-of select="concat($site/@title, '：公示公告')"/></title>
      <subtitle><xsl:value-of select="$site/description"/></subtitle>
      <id><xsl:value-of select="concat($base, $addr/@feed)"/></id>
      <link rel="self" type="application/atom+xml" href="{$base}{$addr/@feed}"/>
      <link rel="alternate" type="text/html" href="{$base}{$addr/@notices}"/>
      <updated>
        <xsl:for-each select="$notices">
          <xsl:sort select="translate(@date, '-', '')" data-type="number" order="descending"/>
          <xsl:if test="position() = 1"><xsl:value-of select="concat(@date, 'T00:00:00+08:00')"/></xsl:if>
        </xsl:for-each>
        <xsl:if test="not($notices)"><xsl:value-of select="concat(/model/@today, 'T00:00:00+08:00')"/></xsl:if>
      </updated>
      <author><name><xsl:value-of select="$site/@office"/></name></author>
      <generator><xsl:value-of select="/model/@generator"/></generator>
      <xsl:for-each select="$notices">
        <xsl:sort select="translate(@date, '-', '')" data-type="number" order="descending"/>
        <xsl:variable name="url" select="concat($base, @address)"/>
        <entry>
          <title><xsl:apply-templates select="." mode="notice-title"/></title>
          <id><xsl:value-of select="$url"/></id>
          <link rel="alternate" type="text/html" href="{$url}"/>
          <published><xsl:value-of select="concat(@date, 'T00:00:00+08:00')"/></published>
          <updated><xsl:value-of select="concat(@date, 'T00:00:00+08:00')"/></updated>
          <summary>
            <xsl:choose>
              <xsl:when test="self::publicity">
                <xsl:text>公示时间：</xsl:text>
                <xsl:call-template name="period"/>
                <xsl:value-of select="concat('（', @working-days, '个工作日）')"/>
                <xsl:if test="@number"><xsl:value-of select="concat('。', @number)"/></xsl:if>
              </xsl:when>
              <xsl:when test="self::announcement">
                <xsl:value-of select="concat(../@year, '年全国质量标杆名单，共', count(../records/record[@issued = 'true']), '项典型经验')"/>
                <xsl:if test="@number"><xsl:value-of select="concat('。', @number)"/></xsl:if>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat('撤销', ../enterprise, ../@year, '年全国质量标杆称号，证书编号', ../@certificate)"/>
                <xsl:if test="@number"><xsl:value-of select="concat('。', @number)"/></xsl:if>
              </xsl:otherwise>
            </xsl:choose>
          </summary>
        </entry>
      </xsl:for-each>
    </feed>
  </xsl:template>

  <!-- The feed's text has no markup: dates as plain text. -->
  <xsl:template match="@*" mode="date">
    <xsl:param name="text">
      <xsl:call-template name="date-words"><xsl:with-param name="iso" select="string(.)"/></xsl:call-template>
    </xsl:param>
    <xsl:value-of select="$text"/>
  </xsl:template>
</xsl:stylesheet>
