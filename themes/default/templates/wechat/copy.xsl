<?xml version="1.0" encoding="UTF-8"?>
<!-- The copy page (output/wechat/index.html, and past 100 articles one
     page per year, output/wechat/YEAR/index.html): each article's facts,
     the limits it breaks, the images to upload, its preview at phone width
     and its copy button (copy.js). The input, made by qbpress, is
     /copy (README.md beside this file): the site, WeChat's limits and an
     <article> per article of the page (on a year's page, that year's), with
     the fragment to preview in <html>; past 100 articles the index gets a
     <year> per year instead, with its figures, and links the year pages. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>

  <xsl:variable name="copy" select="/copy"/>
  <xsl:variable name="site" select="/copy/site"/>
  <!-- a year's page, or the index (year 0) -->
  <xsl:variable name="year" select="number($copy/@year)"/>
  <xsl:variable name="split" select="$copy/@split = 'true'"/>
  <xsl:variable name="articles" select="$copy/article"/>
  <!-- the index past 100 articles: the years, newest first -->
  <xsl:variable name="years" select="$copy/year"/>

  <xsl:template match="/">
    <html lang="{$site/@language}">
      <head>
        <xsl:if test="$year != 0"><base href="../"/></xsl:if>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:text>微信文章 · </xsl:text>
          <xsl:if test="$year != 0"><xsl:value-of select="concat($year, ' · ')"/></xsl:if>
          <xsl:value-of select="$site/@title"/>
        </title>
        <link rel="icon" href="data:,"/>
        <link rel="stylesheet" href="copy.css"/>
        <script src="copy.js" defer="defer"></script>
      </head>
      <body>
        <header class="top">
          <h1>
            <xsl:value-of select="concat('微信公众号文章 · ', $site/wechat/@account)"/>
            <xsl:if test="$year != 0"><xsl:value-of select="concat(' · ', $year, '年')"/></xsl:if>
          </h1>
          <p>
            <xsl:choose>
              <xsl:when test="$years">
                <xsl:value-of select="concat('共 ', sum($years/@articles), ' 篇，', sum($years/@fit), ' 篇符合全部限制；最长一篇 ')"/>
                <xsl:for-each select="$years">
                  <xsl:sort select="@longest" data-type="number" order="descending"/>
                  <xsl:if test="position() = 1"><xsl:value-of select="format-number(@longest, '#,##0')"/></xsl:if>
                </xsl:for-each>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat('共 ', count($articles), ' 篇，', count($articles[not(limit)]), ' 篇符合全部限制；最长一篇 ')"/>
                <xsl:for-each select="$articles">
                  <xsl:sort select="@chars" data-type="number" order="descending"/>
                  <xsl:if test="position() = 1"><xsl:value-of select="format-number(@chars, '#,##0')"/></xsl:if>
                </xsl:for-each>
                <xsl:if test="not($articles)">0</xsl:if>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="concat(' 字符（上限 ', format-number($copy/limits/@html-chars + 1, '#,##0'), '）。')"/>
            <xsl:text>按“复制文章”，在公众号编辑器中粘贴；再上传列出的图片，替换文中同名图片，并把“阅读原文”设为所列地址。</xsl:text>
            <xsl:choose>
              <xsl:when test="$split and $year = 0">文章较多，按年度分页预览。</xsl:when>
              <xsl:when test="$split"><a href="index.html">全部年度</a></xsl:when>
            </xsl:choose>
          </p>
          <xsl:if test="$years">
            <nav aria-label="年度">
              <ol>
                <xsl:for-each select="$years">
                  <li>
                    <a href="{@year}/index.html"><xsl:value-of select="concat(@year, '年')"/></a>
                    <xsl:value-of select="concat('：共 ', @articles, ' 篇（公示 ', @publicity, '，公告 ', @announcement, '，撤销公告 ', @revocation, '，典型经验 ', @case, '），', @fit, ' 篇符合全部限制；最长一篇 ', format-number(@longest, '#,##0'), ' 字符')"/>
                    <xsl:if test="@fit &lt; @articles"><xsl:text> </xsl:text><span class="over"><xsl:value-of select="concat('超限 ', @articles - @fit, ' 篇')"/></span></xsl:if>
                  </li>
                </xsl:for-each>
              </ol>
            </nav>
          </xsl:if>
          <xsl:if test="not($years)">
            <nav aria-label="文章">
              <ol>
                <xsl:for-each select="$articles[$year = 0 or @year = $year]">
                  <li>
                    <a>
                      <xsl:attribute name="href">
                        <xsl:if test="$split"><xsl:value-of select="concat(@year, '/index.html')"/></xsl:if>
                        <xsl:value-of select="concat('#a', @n)"/>
                      </xsl:attribute>
                      <xsl:value-of select="concat(@year, ' · ')"/>
                      <xsl:apply-templates select="." mode="kind"/>
                      <xsl:value-of select="concat(' · ', @title)"/>
                    </a>
                    <xsl:if test="limit"><xsl:text> </xsl:text><span class="over">超限</span></xsl:if>
                  </li>
                </xsl:for-each>
              </ol>
            </nav>
          </xsl:if>
        </header>
        <main>
          <xsl:apply-templates select="$articles[html]" mode="card"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="article" mode="kind">
    <xsl:choose>
      <xsl:when test="@kind = 'publicity'">公示</xsl:when>
      <xsl:when test="@kind = 'announcement'">公告</xsl:when>
      <xsl:when test="@kind = 'revocation'">撤销公告</xsl:when>
      <xsl:otherwise>典型经验</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a broken limit says. -->
  <xsl:template match="limit">
    <xsl:if test="position() &gt; 1">；</xsl:if>
    <xsl:choose>
      <xsl:when test="@name = 'html_chars'"><xsl:value-of select="concat('正文 HTML ', @value, ' 字符，超过 ', @max)"/></xsl:when>
      <xsl:when test="@name = 'html_bytes'"><xsl:value-of select="concat('正文 ', @value, ' 字节，超过 1 MB')"/></xsl:when>
      <xsl:when test="@name = 'title'"><xsl:value-of select="concat('标题 ', @value, ' 字，超过接口上限 ', @max, '（网页编辑器可到 ', $copy/limits/@title-web, '）')"/></xsl:when>
      <xsl:when test="@name = 'title_web'"><xsl:value-of select="concat('标题 ', @value, ' 字，超过 ', @max)"/></xsl:when>
      <xsl:when test="@name = 'author'"><xsl:value-of select="concat('作者 ', @value, ' 字，超过 ', @max)"/></xsl:when>
      <xsl:when test="@name = 'image_bytes'"><xsl:value-of select="concat(@image, ' 超过 1 MB')"/></xsl:when>
      <xsl:when test="@name = 'image_type'"><xsl:value-of select="concat(@image, ' 不是 JPG/PNG')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="article" mode="card">
    <section class="card" id="a{@n}" aria-labelledby="t{@n}">
      <div class="info">
        <p class="kind"><xsl:value-of select="concat(@year, ' · ')"/><xsl:apply-templates select="." mode="kind"/></p>
        <h2 id="t{@n}"><xsl:value-of select="@title"/></h2>
        <dl>
          <dt>摘要</dt><dd><xsl:value-of select="@digest"/><xsl:text> </xsl:text><span class="count"><xsl:value-of select="concat('（', @digest-chars, ' 字）')"/></span></dd>
          <dt>作者</dt><dd><xsl:value-of select="@author"/></dd>
          <dt>字符数</dt><dd><xsl:value-of select="concat(format-number(@chars, '#,##0'), ' / ', format-number($copy/limits/@html-chars + 1, '#,##0'))"/></dd>
          <dt>限制</dt><dd>
            <xsl:choose>
              <xsl:when test="not(limit)"><span class="ok">全部符合</span></xsl:when>
              <xsl:otherwise><span class="over"><xsl:apply-templates select="limit"/></span></xsl:otherwise>
            </xsl:choose>
          </dd>
          <dt>阅读原文</dt><dd><a href="{@source-url}"><xsl:value-of select="@source-url"/></a></dd>
          <xsl:if test="@pdf">
            <dt>正式文件</dt><dd><a href="{@pdf}" type="application/pdf"><xsl:value-of select="@pdf"/></a></dd>
          </xsl:if>
          <dt>文件</dt><dd><a href="{@file}"><xsl:value-of select="@file"/></a></dd>
        </dl>
        <p class="uploads-title"><xsl:value-of select="concat('需上传的图片（', count(upload), '）')"/></p>
        <xsl:choose>
          <xsl:when test="not(upload)"><p class="none">无</p></xsl:when>
          <xsl:otherwise>
            <ul class="uploads">
              <xsl:for-each select="upload">
                <li>
                  <a href="{@src}"><xsl:value-of select="@src"/></a>
                  <xsl:choose>
                    <xsl:when test="@as = 'cover'">（封面）</xsl:when>
                    <xsl:when test="@as = 'cover-inside'">（封面，也在文中）</xsl:when>
                    <xsl:otherwise>（文中）</xsl:otherwise>
                  </xsl:choose>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:otherwise>
        </xsl:choose>
        <p class="actions"><button type="button" data-copy="p{@n}" aria-describedby="t{@n}">复制文章</button><label><input type="checkbox" data-dark="f{@n}"/> 深色预览</label></p>
        <p class="status" role="status" aria-live="polite"></p>
      </div>
      <!-- the fragment as exported, byte for byte -->
      <div class="phone" id="f{@n}"><div class="preview" id="p{@n}"><xsl:apply-templates select="html/node()"/></div></div>
    </section>
  </xsl:template>
</xsl:stylesheet>
