<?xml version="1.0" encoding="UTF-8"?>
<!-- One WeChat article: <article> holding its <title>, the text its
     digest is taken from (<digest>) and the fragment to paste (one
     <section>, inline styles only). Parameters, set by the WeChat renderer:
       kind  case | publicity | announcement | revocation
       year  the campaign year
       id    the record (case, revocation) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="cm exsl">

  <xsl:import href="style.xsl"/>
  <xsl:import href="markdown.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <xsl:param name="kind"/>
  <xsl:param name="year"/>
  <xsl:param name="id"/>

  <!-- only a case's article renders a narrative, and so notes of its
       links (markdown.xsl) -->
  <xsl:variable name="md-notes" select="$kind = 'case'"/>

  <xsl:variable name="site" select="/model/site"/>
  <xsl:variable name="campaign" select="/model/campaigns/campaign[@year = $year]"/>
  <xsl:variable name="record" select="$campaign/records/record[@id = $id]"/>
  <!-- A notice's text, composed once for every channel. -->
  <xsl:variable name="notice-text" select="/model/notice"/>
  <xsl:variable name="notice"
      select="$campaign/publicity[$kind = 'publicity'] | $campaign/announcement[$kind = 'announcement'] | $record/revoked[$kind = 'revocation']"/>

  <xsl:template match="/">
    <article>
      <title><xsl:call-template name="title"/></title>
      <digest><xsl:call-template name="digest"/></digest>
      <section style="{$s-root}">
        <xsl:choose>
          <xsl:when test="$kind = 'case'"><xsl:call-template name="case"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="notice"/></xsl:otherwise>
        </xsl:choose>
      </section>
    </article>
  </xsl:template>

  <!-- Titles, as the site gives them: WeChat's draft API takes 32
       characters, the web editor 64. -->
  <xsl:template name="title">
    <xsl:choose>
      <xsl:when test="$kind = 'case'">
        <xsl:value-of select="$record/experience"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$notice-text/head/title"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text the digest is cut from (at most 120 characters, whole
       sentences where possible): a case's summary, else its opening
       paragraphs; a notice's opening paragraph. -->
  <xsl:template name="digest">
    <xsl:choose>
      <xsl:when test="$kind = 'case' and normalize-space($record/narrative/summary) != ''">
        <xsl:value-of select="normalize-space($record/narrative/summary)"/>
      </xsl:when>
      <xsl:when test="$kind = 'case'">
        <xsl:for-each select="$record/narrative/cm:document/cm:paragraph[not(cm:image)][position() &lt;= 3]">
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($notice-text/body/p[1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="footer">
    <xsl:param name="line"/>
    <xsl:param name="pdf"/>
    <section style="{$s-foot}">
      <p style="{$s-foot-account}"><xsl:value-of select="$site/wechat/@account"/></p>
      <p style="{$s-foot-line}"><xsl:value-of select="$line"/></p>
      <xsl:if test="$pdf"><p style="{$s-foot-line}"><xsl:value-of select="$pdf"/></p></xsl:if>
    </section>
  </xsl:template>

  <!-- A case: the enterprise, the experience, year and focus area, then
       the narrative, its notes, and the account's footer. -->
  <xsl:template name="case">
    <section style="{$s-head}">
      <p style="{$s-head-label}"><xsl:value-of select="concat($campaign/@title, ' · 典型经验')"/></p>
      <p style="{$s-head-title}"><xsl:value-of select="$record/experience"/></p>
      <p style="{$s-head-line}"><xsl:value-of select="$record/enterprise"/></p>
      <p style="{$s-head-line}"><xsl:value-of select="concat('重点领域', $record/focus/@item, $record/focus/@name)"/></p>
    </section>
    <xsl:apply-templates select="$record/narrative/cm:document"/>
    <xsl:call-template name="references"/>
    <xsl:call-template name="footer">
      <xsl:with-param name="line" select="concat('更多典型经验请访问全国质量标杆案例库：', $base-url, /model/site/addresses/@cases)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A notice: its text as composed once for every channel (/model/notice,
       templates/notice/README.md), then the account's footer with the
       addresses of the notice and its official PDF. -->
  <xsl:template name="notice">
    <xsl:variable name="head" select="$notice-text/head"/>
    <xsl:if test="$head/masthead"><p style="{$s-masthead}"><xsl:value-of select="$head/masthead"/></p></xsl:if>
    <xsl:if test="$head/number"><p style="{$s-number}"><xsl:value-of select="$head/number"/></p></xsl:if>
    <xsl:apply-templates select="$notice-text/body/p" mode="notice"/>
    <xsl:for-each select="$notice-text/attachments/line">
      <p style="{$s-p-attachments}"><xsl:apply-templates mode="notice"/></p>
    </xsl:for-each>
    <p style="{$s-sign}"><xsl:value-of select="$notice-text/signature/issuer"/></p>
    <p style="{$s-sign-date}"><xsl:value-of select="$notice-text/signature/date"/></p>
    <xsl:apply-templates select="$notice-text/annex" mode="notice"/>
    <xsl:call-template name="footer">
      <xsl:with-param name="line" select="concat('全文：', $base-url, $notice/@address)"/>
      <xsl:with-param name="pdf" select="concat('正式文件（PDF）：', $base-url, $notice/@pdf-address)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="p" mode="notice">
    <p style="{$s-p-indent}"><xsl:apply-templates mode="notice"/></p>
  </xsl:template>
  <xsl:template match="em" mode="notice">
    <strong style="{$s-strong}"><xsl:apply-templates mode="notice"/></strong>
  </xsl:template>
  <!-- Dates and addresses are text: WeChat keeps no link but its own. -->
  <xsl:template match="date | link" mode="notice"><xsl:apply-templates mode="notice"/></xsl:template>

  <xsl:template match="annex" mode="notice">
    <p style="{$s-annex-label}"><xsl:value-of select="@label"/></p>
    <p style="{$s-annex-title}"><xsl:value-of select="@title"/></p>
    <xsl:for-each select="table">
      <!-- the style of each column's cells, made once per table and
           looked up by each cell's position (a path from the cell would
           walk every row of a long list for each cell); a cell past the
           last column is aligned left -->
      <xsl:variable name="ncolumns" select="count(column)"/>
      <xsl:variable name="td-styles">
        <xsl:for-each select="column">
          <s>
            <xsl:value-of select="$s-cell"/>
            <xsl:choose>
              <xsl:when test="@align = 'center'">center</xsl:when>
              <xsl:otherwise>left</xsl:otherwise>
            </xsl:choose>
          </s>
        </xsl:for-each>
        <s><xsl:value-of select="concat($s-cell, 'left')"/></s>
      </xsl:variable>
      <xsl:variable name="td-style" select="exsl:node-set($td-styles)/s[position() &lt;= $ncolumns]"/>
      <xsl:variable name="td-extra" select="exsl:node-set($td-styles)/s[last()]"/>
      <section style="{$s-table-box}">
        <table style="{$s-table}">
          <thead>
            <tr>
              <xsl:for-each select="column">
                <xsl:variable name="min">
                  <xsl:choose>
                    <xsl:when test="@width &gt; $cell-max-em"><xsl:value-of select="concat(';min-width:', $cell-max-em, 'em')"/></xsl:when>
                    <xsl:when test="@width &gt;= 4"><xsl:value-of select="concat(';min-width:', @width, 'em')"/></xsl:when>
                  </xsl:choose>
                </xsl:variable>
                <xsl:variable name="align">
                  <xsl:choose>
                    <xsl:when test="@align = 'center'">center</xsl:when>
                    <xsl:otherwise>left</xsl:otherwise>
                  </xsl:choose>
                </xsl:variable>
                <th style="{concat($s-cell, $align, $s-th, $min)}"><xsl:value-of select="@heading"/></th>
              </xsl:for-each>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="row">
              <tr>
                <xsl:for-each select="cell">
                  <xsl:variable name="n" select="position()"/>
                  <td style="{$td-style[$n]}{$td-extra[$n &gt; $ncolumns]}"><xsl:apply-templates mode="notice"/></td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </xsl:for-each>
    <xsl:apply-templates select="p" mode="notice"/>
  </xsl:template>

</xsl:stylesheet>
