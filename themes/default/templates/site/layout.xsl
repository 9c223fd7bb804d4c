<?xml version="1.0" encoding="UTF-8"?>
<!-- The frame of every HTML page: head, header with the menu, footer,
     breadcrumbs. A page template imports this file and defines "main" and
     the templates it wants to change ("title", "description", …). The
     parts that depend only on the page's depth ($root) and section are
     made once per template and key (qb:cached, see README.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:qb="urn:qbpress:xslt"
    extension-element-prefixes="qb"
    exclude-result-prefixes="cm">

  <xsl:import href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>

  <xsl:template match="/">
    <html lang="{$site/@language}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta http-equiv="Content-Security-Policy"
              content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"/>
        <xsl:variable name="title"><xsl:call-template name="title"/></xsl:variable>
        <xsl:variable name="description"><xsl:call-template name="description"/></xsl:variable>
        <xsl:variable name="image"><xsl:call-template name="og-image"/></xsl:variable>
        <title>
          <xsl:if test="$path != ''"><xsl:value-of select="concat($title, ' - ')"/></xsl:if>
          <xsl:value-of select="$site/@title"/>
        </title>
        <meta name="description" content="{normalize-space($description)}"/>
        <link rel="canonical" href="{$base}{$path}"/>
        <meta property="og:type"><xsl:attribute name="content"><xsl:call-template name="og-type"/></xsl:attribute></meta>
        <meta property="og:site_name" content="{$site/@title}"/>
        <meta property="og:locale" content="zh_CN"/>
        <meta property="og:title" content="{$title}"/>
        <meta property="og:description" content="{normalize-space($description)}"/>
        <meta property="og:url" content="{$base}{$path}"/>
        <meta property="og:image">
          <xsl:attribute name="content">
            <xsl:choose>
              <xsl:when test="string($image) != ''"><xsl:value-of select="concat($base, $image)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat($base, 'static/share.png')"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </meta>
        <qb:cached key="$root">
          <link rel="icon" href="{$root}static/favicon.svg" type="image/svg+xml"/>
          <link rel="stylesheet" href="{$root}static/site.css"/>
        </qb:cached>
        <xsl:call-template name="head-extra"/>
        <qb:cached key="$root">
          <link rel="alternate" type="application/atom+xml" href="{$root}{$addr/@feed}" title="{$site/@title}：公告公示"/>
          <script src="{$root}static/qb.js" defer="defer"></script>
        </qb:cached>
      </head>
      <body>
        <qb:cached key="concat($root, ' ', $current-section)">
          <a class="skip" href="#main">跳到正文</a>
          <header class="site-header">
            <div class="wrap">
              <a class="brand" href="{$root}{$index-file}">
                <span class="brand-mark" aria-hidden="true">标</span>
                <span class="brand-name"><xsl:value-of select="$site/@title"/></span>
              </a>
              <!-- The sections, then the free pages; the item of the page's
                   section ($current-section) is marked aria-current. -->
              <nav class="menu" aria-label="主菜单">
                <ul>
                  <li><a href="{$root}{$addr/@home}{$index-file}"><xsl:if test="$current-section = 'home'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>首页</a></li>
                  <li><a href="{$root}{$addr/@notices}{$index-file}"><xsl:if test="$current-section = 'notices'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>公示公告</a></li>
                  <li><a href="{$root}{$addr/@cases}{$index-file}"><xsl:if test="$current-section = 'cases'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>案例库</a></li>
                  <li><a href="{$root}{$addr/@verify}{$index-file}"><xsl:if test="$current-section = 'verify'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>证书查验</a></li>
                  <li><a href="{$root}{$addr/@stats}{$index-file}"><xsl:if test="$current-section = 'stats'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>统计</a></li>
                  <xsl:for-each select="/model/pages/page">
                    <xsl:sort select="@order" data-type="number"/>
                    <li><a href="{$root}{@address}{$index-file}"><xsl:if test="$current-section = concat('page:', @name)"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if><xsl:value-of select="title"/></a></li>
                  </xsl:for-each>
                </ul>
              </nav>
            </div>
          </header>
        </qb:cached>
        <main id="main" class="wrap">
          <xsl:call-template name="breadcrumbs"/>
          <xsl:call-template name="main"/>
        </main>
        <qb:cached key="$root">
          <footer class="site-footer">
            <div class="wrap">
              <p>
                <xsl:value-of select="$site/@organization"/>
                <xsl:text> · </xsl:text>
                <xsl:value-of select="$site/@office"/>
              </p>
              <p class="footer-links">
                <a href="{$root}{$addr/@notices}{$index-file}">公示公告</a>
                <a href="{$root}{$addr/@cases}{$index-file}">典型经验案例库</a>
                <a href="{$root}{$addr/@verify}{$index-file}">证书查验</a>
                <a href="{$root}{$addr/@stats}{$index-file}">统计</a>
                <a href="{$root}{$addr/@exchange}{$index-file}">经验交流活动</a>
                <a href="{$root}{$addr/@feed}">订阅公告（Atom）</a>
              </p>
            </div>
          </footer>
        </qb:cached>
      </body>
    </html>
  </xsl:template>

  <!-- The page's section (its template "section"), worked out once. -->
  <xsl:variable name="current-section"><xsl:call-template name="section"/></xsl:variable>

  <!-- What a page template may change. -->
  <xsl:template name="title"><xsl:value-of select="$site/@title"/></xsl:template>
  <xsl:template name="description"><xsl:value-of select="$site/description"/></xsl:template>
  <xsl:template name="og-image"/>
  <xsl:template name="og-type">website</xsl:template>
  <xsl:template name="section"/>
  <xsl:template name="head-extra"/>
  <xsl:template name="breadcrumbs"/>
  <xsl:template name="main"/>

  <!-- Breadcrumbs: the home page, then the given links, then this page. -->
  <xsl:template name="crumbs">
    <xsl:param name="links"/>
    <xsl:param name="here"/>
    <nav class="crumbs" aria-label="当前位置">
      <ol>
        <li><a href="{$root}{$index-file}">首页</a></li>
        <xsl:copy-of select="$links"/>
        <li aria-current="page"><xsl:value-of select="$here"/></li>
      </ol>
    </nav>
  </xsl:template>

</xsl:stylesheet>
