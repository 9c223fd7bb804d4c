<?xml version="1.0" encoding="UTF-8"?>
<!-- CommonMark XML (narratives and pages) to HTML, in mode "md".
     Raw HTML and unsafe links are already gone from the model. Headings
     start at h2 because every page has its own h1. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="cm exsl">

  <xsl:template match="cm:document" mode="md">
    <xsl:apply-templates mode="md"/>
  </xsl:template>

  <xsl:template match="cm:heading" mode="md">
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="@level &lt; 2">2</xsl:when>
        <xsl:when test="@level &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="@level"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:variable name="id"><xsl:call-template name="md-heading-id"/></xsl:variable>
      <xsl:if test="$id != ''">
        <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates mode="md"/>
    </xsl:element>
  </xsl:template>

  <!-- Heading ids as GitHub makes them, so that [见下文](#三实施成效)
       works: lower case, punctuation dropped, spaces to hyphens, "-1",
       "-2" … for repeats. -->
  <xsl:variable name="md-punct" select="concat('、，。：；！？（）《》〈〉【】「」“”‘’·…—～.,:;!?()[]{}&quot;/\`~@#$%^&amp;*+=|&lt;&gt;', &quot;'&quot;)"/>
  <xsl:template name="md-slug">
    <xsl:param name="h" select="."/>
    <xsl:value-of select="translate(normalize-space(translate(translate(string($h), $md-punct, ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')), ' ', '-')"/>
  </xsl:template>

  <!-- How many earlier sibling headings share each heading's slug, worked
       out once per transformation in three linear passes: every heading's
       parent and slug, sorted (a stable sort keeps document order within
       a group); where each group starts in that order; each heading's
       place in its group. Counting the earlier headings for every heading
       instead grows with the square of their number. -->
  <xsl:key name="md-heading-group" match="group" use="@k"/>
  <xsl:key name="md-heading-repeat" match="repeat" use="@of"/>
  <xsl:variable name="md-heading-sorted">
    <xsl:for-each select="//cm:heading">
      <xsl:sort select="concat(generate-id(..), ' ', translate(normalize-space(translate(translate(string(.), $md-punct, ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')), ' ', '-'))"/>
      <xsl:variable name="slug"><xsl:call-template name="md-slug"/></xsl:variable>
      <h of="{generate-id()}" k="{concat(generate-id(..), ' ', $slug)}"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="md-heading-groups">
    <xsl:for-each select="exsl:node-set($md-heading-sorted)/h">
      <xsl:if test="not(preceding-sibling::h[1]/@k = @k)">
        <group k="{@k}" at="{position()}"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="md-heading-repeats">
    <xsl:for-each select="exsl:node-set($md-heading-sorted)/h">
      <xsl:variable name="at" select="position()"/>
      <xsl:variable name="h" select="."/>
      <xsl:for-each select="exsl:node-set($md-heading-groups)">
        <xsl:variable name="n" select="$at - key('md-heading-group', $h/@k)/@at"/>
        <xsl:if test="$n &gt; 0"><repeat of="{$h/@of}" n="{$n}"/></xsl:if>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>

  <xsl:template name="md-heading-id">
    <xsl:param name="h" select="."/>
    <xsl:variable name="slug"><xsl:call-template name="md-slug"><xsl:with-param name="h" select="$h"/></xsl:call-template></xsl:variable>
    <xsl:variable name="of" select="generate-id($h)"/>
    <xsl:variable name="n">
      <xsl:for-each select="exsl:node-set($md-heading-repeats)">
        <xsl:value-of select="key('md-heading-repeat', $of)/@n"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="$slug != ''">
      <xsl:value-of select="$slug"/>
      <xsl:if test="$n != ''"><xsl:value-of select="concat('-', $n)"/></xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cm:paragraph" mode="md">
    <p><xsl:apply-templates mode="md"/></p>
  </xsl:template>

  <xsl:template match="cm:list[@tight='true']/cm:item/cm:paragraph" mode="md">
    <xsl:apply-templates mode="md"/>
  </xsl:template>

  <!-- A paragraph that holds one local image is a figure, captioned by
       the image's alt text. -->
  <xsl:template match="cm:paragraph[count(node()) = 1 and cm:image[@target-kind='file']]" mode="md" priority="2">
    <figure>
      <xsl:apply-templates select="cm:image" mode="md-img"/>
      <xsl:if test="normalize-space(cm:image) != ''">
        <figcaption><xsl:value-of select="cm:image"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="cm:block_quote" mode="md">
    <blockquote><xsl:apply-templates mode="md"/></blockquote>
  </xsl:template>

  <xsl:template match="cm:list[@type='bullet']" mode="md">
    <ul><xsl:apply-templates mode="md"/></ul>
  </xsl:template>

  <xsl:template match="cm:list[@type='ordered']" mode="md">
    <ol>
      <xsl:if test="@start and @start != 1">
        <xsl:attribute name="start"><xsl:value-of select="@start"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates mode="md"/>
    </ol>
  </xsl:template>

  <xsl:template match="cm:item" mode="md">
    <li><xsl:apply-templates mode="md"/></li>
  </xsl:template>

  <xsl:template match="cm:code_block" mode="md">
    <pre><code>
      <xsl:if test="@info">
        <xsl:attribute name="class">
          <xsl:value-of select="concat('language-', substring-before(concat(normalize-space(@info), ' '), ' '))"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:value-of select="."/>
    </code></pre>
  </xsl:template>

  <xsl:template match="cm:thematic_break" mode="md">
    <hr/>
  </xsl:template>

  <xsl:template match="cm:table" mode="md">
    <div class="table-wrap" role="region" tabindex="0" aria-label="表格（可左右滚动）">
      <table>
        <xsl:apply-templates select="cm:table_header" mode="md"/>
        <xsl:if test="cm:table_row">
          <tbody><xsl:apply-templates select="cm:table_row" mode="md"/></tbody>
        </xsl:if>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="cm:table_header" mode="md">
    <thead>
      <tr>
        <xsl:for-each select="cm:table_cell">
          <th scope="col">
            <xsl:call-template name="md-align"/>
            <xsl:apply-templates mode="md"/>
          </th>
        </xsl:for-each>
      </tr>
    </thead>
  </xsl:template>

  <xsl:template match="cm:table_row" mode="md">
    <tr>
      <xsl:for-each select="cm:table_cell">
        <td>
          <xsl:call-template name="md-align"/>
          <xsl:apply-templates mode="md"/>
        </td>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <xsl:template name="md-align">
    <xsl:if test="@align">
      <xsl:attribute name="class"><xsl:value-of select="concat('align-', @align)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cm:text" mode="md">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- A line break in the source is a space only between Latin words;
       Chinese text runs on without one. -->
  <xsl:template match="cm:softbreak" mode="md">
    <xsl:variable name="before" select="preceding-sibling::node()[1]"/>
    <xsl:variable name="after" select="following-sibling::node()[1]"/>
    <xsl:variable name="b" select="substring(string($before), string-length(string($before)))"/>
    <xsl:variable name="a" select="substring(string($after), 1, 1)"/>
    <xsl:variable name="latin" select="'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?)(%-'"/>
    <xsl:if test="$a != '' and $b != '' and translate($a, $latin, '') = '' and translate($b, $latin, '') = ''">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cm:linebreak" mode="md">
    <br/>
  </xsl:template>

  <xsl:template match="cm:code" mode="md">
    <code><xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="cm:emph" mode="md">
    <em><xsl:apply-templates mode="md"/></em>
  </xsl:template>

  <xsl:template match="cm:strong" mode="md">
    <strong><xsl:apply-templates mode="md"/></strong>
  </xsl:template>

  <xsl:template match="cm:strikethrough" mode="md">
    <del><xsl:apply-templates mode="md"/></del>
  </xsl:template>

  <xsl:template match="cm:html_block | cm:html_inline" mode="md"/>

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
      <xsl:when test="@target-kind = 'case'">
        <xsl:value-of select="concat($root, 'cases/', @target-year, '/', @target-id, '/', $index-file, $frag)"/>
      </xsl:when>
      <xsl:when test="@target-kind = 'page'">
        <xsl:value-of select="concat($root, 'pages/', @target-name, '/', $index-file, $frag)"/>
      </xsl:when>
      <xsl:when test="@target-kind = 'file'">
        <xsl:call-template name="asset"><xsl:with-param name="target" select="@target"/></xsl:call-template>
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
        <xsl:call-template name="asset"><xsl:with-param name="target" select="@target"/></xsl:call-template>
      </xsl:attribute>
    </img>
  </xsl:template>
</xsl:stylesheet>
