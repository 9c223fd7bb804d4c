<?xml version="1.0" encoding="UTF-8"?>
<!-- Narratives and free pages to HTML, in mode "md".

     A page's input holds as CommonMark XML (cm:*) only the node types that
     some template of the theme names: here tables, links and images.
     qbpress writes every other node (paragraphs, headings, lists,
     emphasis, code, quotes, line breaks, a table's rows and cells) as
     standard HTML, in text that the built-in rules copy as it is; links
     and images always come as elements. Headings start at h2 (every page
     has its own h1) and carry their anchor as GitHub makes it, so that
     [见下文](#三实施成效) works. To change how such a node looks, add a
     template that matches it (for example cm:block_quote) and it arrives
     as an element.

     Raw HTML and unsafe links are already gone from the model. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="cm exsl">

  <xsl:template match="cm:document" mode="md">
    <xsl:apply-templates mode="md"/>
  </xsl:template>

  <!-- An image that is a paragraph of its own (@block) is a figure,
       captioned by the image's alt text. -->
  <xsl:template match="cm:image[@block and @target-kind='file']" mode="md" priority="2">
    <figure>
      <xsl:apply-templates select="." mode="md-img"/>
      <xsl:if test="normalize-space(.) != ''">
        <figcaption><xsl:value-of select="."/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- A table scrolls sideways in its own box. Its rows come written:
       header cells with scope="col", a cell of an aligned column with the
       class align-left, align-center or align-right. -->
  <xsl:template match="cm:table" mode="md">
    <div class="table-wrap" role="region" tabindex="0" aria-label="表格（可左右滚动）">
      <table><xsl:apply-templates mode="md"/></table>
    </div>
  </xsl:template>

  <!-- Links: local targets become addresses of this site; a case that is
       not in the library keeps its text without a link. -->
  <xsl:template match="cm:link" mode="md">
    <xsl:choose>
      <xsl:when test="@target-kind = 'case' and @target-status = 'none'">
        <xsl:apply-templates mode="md"/>
      </xsl:when>
      <xsl:otherwise>
        <a>
          <xsl:attribute name="href"><xsl:call-template name="md-href"/></xsl:attribute>
          <xsl:if test="@title">
            <xsl:attribute name="title"><xsl:value-of select="@title"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates mode="md"/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="md-href">
    <xsl:variable name="frag">
      <xsl:if test="@fragment"><xsl:value-of select="concat('#', @fragment)"/></xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@target-kind = 'case' or @target-kind = 'page' or @target-kind = 'file'">
        <xsl:call-template name="href"><xsl:with-param name="to" select="@target-address"/></xsl:call-template>
        <xsl:value-of select="$frag"/>
      </xsl:when>
      <xsl:when test="@target-kind = 'anchor'">
        <xsl:value-of select="$frag"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@destination"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cm:image" mode="md">
    <xsl:choose>
      <xsl:when test="@target-kind = 'file'">
        <xsl:apply-templates select="." mode="md-img"/>
      </xsl:when>
      <!-- The site loads nothing from elsewhere: a remote image is a link. -->
      <xsl:otherwise>
        <a href="{@destination}"><xsl:value-of select="."/></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cm:image" mode="md-img">
    <img loading="lazy" alt="{normalize-space(.)}">
      <xsl:attribute name="src">
        <xsl:value-of select="concat($root, @target-address)"/>
      </xsl:attribute>
    </img>
  </xsl:template>
</xsl:stylesheet>
