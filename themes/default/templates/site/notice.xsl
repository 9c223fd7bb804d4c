<?xml version="1.0" encoding="UTF-8"?>
<!-- One notice (kind: publicity, announcement or revocation). Its text is
     /model/notice, composed once by templates/notice/text.xsl and rendered
     the same by the WeChat article and the official PDF; this page sets it
     as an official document (print.css: A4 after GB/T 9704) and adds,
     outside the document, where the notice stands, its PDF and its list's
     spreadsheets. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="charts.xsl"/>

  <xsl:param name="kind"/>
  <xsl:param name="year"/>
  <xsl:param name="certificate"/>

  <xsl:variable name="text" select="/model/notice"/>
  <xsl:variable name="campaign" select="$campaigns[@year = $year]"/>
  <xsl:variable name="record" select="$campaign/records/record[@certificate = $certificate]"/>
  <xsl:variable name="notice"
      select="$campaign/publicity[$kind = 'publicity'] | $campaign/announcement[$kind = 'announcement'] | $record/revoked[$kind = 'revocation']"/>

  <xsl:template name="section">notices</xsl:template>
  <xsl:template name="title"><xsl:value-of select="$text/head/title"/></xsl:template>
  <xsl:template name="og-type">article</xsl:template>
  <xsl:template name="description"><xsl:value-of select="normalize-space($text/body/p[1])"/></xsl:template>
  <xsl:template name="head-extra">
    <link rel="stylesheet" href="{$root}static/print.css" media="print"/>
    <xsl:if test="$kind = 'publicity' and not($campaign/announcement)">
      <script src="{$root}static/countdown.js" defer="defer"></script>
    </xsl:if>
  </xsl:template>

  <xsl:template name="breadcrumbs">
    <xsl:call-template name="crumbs">
      <xsl:with-param name="links">
        <li><a href="{$root}{$addr/@notices}{$index-file}">公示公告</a></li>
      </xsl:with-param>
      <xsl:with-param name="here"><xsl:apply-templates select="$notice" mode="notice-kind"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="main">
    <xsl:if test="$kind = 'publicity' and not($campaign/announcement)">
      <section class="state screen-only" aria-label="公示进展">
        <xsl:apply-templates select="$campaign/publicity" mode="phase"/>
      </section>
    </xsl:if>
    <p class="doc-links screen-only">
      <a class="button secondary" href="{$root}{$notice/@pdf-address}" type="application/pdf">下载正式文件（PDF）</a>
      <span class="print-hint">本页也可直接打印为A4公文版式。</span>
    </p>
    <article class="notice">
      <xsl:apply-templates select="$text" mode="doc"/>
    </article>
    <xsl:if test="$text/annex">
      <xsl:call-template name="downloads">
        <xsl:with-param name="list" select="$text/annex/@list"/>
        <xsl:with-param name="year" select="$year"/>
        <xsl:with-param name="name" select="$text/annex/@title"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$kind = 'announcement' and $campaign/compendium">
      <p class="screen-only"><xsl:call-template name="compendium-link"><xsl:with-param name="c" select="$campaign"/></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="$kind = 'announcement'">
      <xsl:for-each select="$campaign/records/record[@issued = 'true'][revoked]">
        <p class="note screen-only">注：<xsl:value-of select="enterprise"/>的全国质量标杆称号已于<xsl:apply-templates select="revoked/@date" mode="date"/>撤销，见<a href="{$root}{revoked/@address}{$index-file}"><xsl:apply-templates select="revoked" mode="notice-title"/></a>。</p>
      </xsl:for-each>
      <xsl:if test="$stats/year[@year = $year]">
        <xsl:call-template name="year-figures"><xsl:with-param name="y" select="$stats/year[@year = $year]"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
    <xsl:if test="$kind = 'revocation'">
      <p class="screen-only related">证书状态：<a href="{$root}{$record/@verify-address}{$index-file}">查验证书 <xsl:value-of select="$record/@certificate"/></a></p>
    </xsl:if>
  </xsl:template>

  <!-- ==== the document: /model/notice (templates/notice/README.md) ==== -->

  <xsl:template match="notice" mode="doc">
    <header class="doc-head">
      <xsl:if test="head/masthead"><p class="masthead"><xsl:value-of select="head/masthead"/></p></xsl:if>
      <xsl:if test="head/number"><p class="doc-number"><xsl:value-of select="head/number"/></p></xsl:if>
      <h1><xsl:value-of select="head/title"/></h1>
    </header>
    <div class="doc-body">
      <xsl:apply-templates select="body/p[position() &lt; last()]" mode="doc"/>
      <!-- The last paragraph, the attachments and the signature stay
           together on a printed page. -->
      <div class="doc-end">
        <xsl:apply-templates select="body/p[last()]" mode="doc"/>
        <xsl:for-each select="attachments/line">
          <p class="doc-attachments"><xsl:apply-templates mode="doc"/></p>
        </xsl:for-each>
        <footer class="signature">
          <p class="issuer"><xsl:value-of select="signature/issuer"/></p>
          <p class="date"><xsl:apply-templates select="signature/date" mode="doc"/></p>
        </footer>
      </div>
    </div>
    <xsl:apply-templates select="annex" mode="doc"/>
  </xsl:template>

  <xsl:template match="p" mode="doc">
    <p><xsl:apply-templates mode="doc"/></p>
  </xsl:template>
  <xsl:template match="em" mode="doc">
    <strong><xsl:apply-templates mode="doc"/></strong>
  </xsl:template>
  <xsl:template match="date" mode="doc">
    <time datetime="{@iso}"><xsl:value-of select="."/></time>
  </xsl:template>
  <xsl:template match="link" mode="doc">
    <a href="{@href}"><xsl:apply-templates mode="doc"/></a>
  </xsl:template>

  <!-- An attachment: its label, its title (the caption of its table, which
       stays in view when the table scrolls sideways), its notes. -->
  <xsl:template match="annex" mode="doc">
    <section class="annex">
      <p class="annex-label"><xsl:value-of select="@label"/></p>
      <xsl:choose>
        <xsl:when test="table">
          <xsl:apply-templates select="table[1]" mode="doc">
            <xsl:with-param name="caption" select="@title"/>
          </xsl:apply-templates>
          <xsl:apply-templates select="table[position() &gt; 1]" mode="doc"/>
        </xsl:when>
        <xsl:otherwise><h2 class="annex-title"><xsl:value-of select="@title"/></h2></xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="p" mode="doc"/>
    </section>
  </xsl:template>

  <xsl:template match="table" mode="doc">
    <xsl:param name="caption"/>
    <div class="table-wrap" role="region" tabindex="0" aria-label="{$caption}{../@title[not($caption)]}">
      <table class="doc-table">
        <!-- the columns, looked up by each cell's position (a path from
             the cell would walk every row of a long list for each cell) -->
        <xsl:variable name="columns" select="column"/>
        <xsl:if test="$caption"><caption class="annex-title"><xsl:value-of select="$caption"/></caption></xsl:if>
        <thead>
          <tr>
            <xsl:for-each select="column">
              <th scope="col">
                <xsl:if test="@align = 'center'"><xsl:attribute name="class">num</xsl:attribute></xsl:if>
                <xsl:value-of select="@heading"/>
              </th>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="row">
            <tr>
              <xsl:for-each select="cell">
                <xsl:variable name="n" select="position()"/>
                <td>
                  <xsl:if test="$columns[$n]/@align = 'center'"><xsl:attribute name="class">num</xsl:attribute></xsl:if>
                  <xsl:choose>
                    <xsl:when test="@address">
                      <a>
                        <xsl:attribute name="href"><xsl:call-template name="href"><xsl:with-param name="to" select="@address"/></xsl:call-template></xsl:attribute>
                        <xsl:if test="substring(@address, string-length(@address) - 3) = '.pdf'">
                          <xsl:attribute name="type">application/pdf</xsl:attribute>
                        </xsl:if>
                        <xsl:apply-templates mode="doc"/>
                      </a>
                    </xsl:when>
                    <xsl:otherwise><xsl:apply-templates mode="doc"/></xsl:otherwise>
                  </xsl:choose>
                </td>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
