<?xml version="1.0" encoding="UTF-8"?>
<!-- CommonMark XML (the narratives in the model) to the narrow HTML the
     WeChat editor keeps (the rules of WECHAT.md in the shared project
     notes). Styles come from style.xsl. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:exsl="http://exslt.org/common" xmlns:math="http://exslt.org/math" exclude-result-prefixes="cm exsl math">

  <xsl:strip-space elements="cm:document cm:paragraph cm:heading cm:list cm:item cm:block_quote cm:table cm:table_header cm:table_row cm:table_cell cm:emph cm:strong cm:link cm:image cm:strikethrough"/>

  <xsl:variable name="ascii"> !&quot;#$%&amp;'()*+,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~</xsl:variable>

  <xsl:variable name="base-url">
    <xsl:value-of select="/model/site/@base-url"/>
    <xsl:if test="substring(/model/site/@base-url, string-length(/model/site/@base-url)) != '/'">/</xsl:if>
  </xsl:variable>

  <!-- Links that become text plus a numbered note, keyed by the narrative
       they are in and the address they point at, so that repeated
       addresses share one number. -->
  <xsl:template name="ref-key">
    <xsl:value-of select="concat(generate-id(ancestor::cm:document), ' ',
                  substring(concat(@target-kind, ' ', @target, '#', @fragment), 1, 100000 * boolean(@target-kind)),
                  substring(@destination, 1, 100000 * not(@target-kind)))"/>
  </xsl:template>

  <!-- Whether links get numbered notes. A sheet that imports this one
       and renders no narrative in a transformation sets it to false()
       there (article.xsl does for notices): the notes are then not
       worked out. -->
  <xsl:variable name="md-notes" select="true()"/>

  <!-- The notes, numbered once per transformation (an article's view holds
       one narrative) in passes that stay linear in the number of links:
       every noted link with its key, in document order; the same sorted by
       key (a stable sort keeps document order within a key); the first
       link of each key; those in document order, numbered. Looking up
       key('ref') or counting earlier links for every link instead grows
       with the square of their number. The links are found in one walk
       (descendant::, where //cm:link[...] would test each node's
       children). -->
  <xsl:key name="ref-note" match="note" use="@k"/>
  <xsl:variable name="ref-links">
    <xsl:if test="$md-notes">
      <xsl:for-each select="/descendant::cm:link[not(@target-kind = 'anchor')]
                      [not(starts-with(@destination, 'https://mp.weixin.qq.com/') or starts-with(@destination, 'http://mp.weixin.qq.com/'))]
                      [not(string(.) = @destination or concat('http://', string(.)) = @destination
                           or concat('https://', string(.)) = @destination or concat('mailto:', string(.)) = @destination)]">
        <l at="{position()}" text="{normalize-space(string(.))}">
          <xsl:attribute name="k"><xsl:call-template name="ref-key"/></xsl:attribute>
          <xsl:attribute name="url"><xsl:call-template name="url"/></xsl:attribute>
        </l>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="ref-sorted">
    <xsl:for-each select="exsl:node-set($ref-links)/l">
      <xsl:sort select="@k"/>
      <xsl:copy-of select="."/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="ref-firsts">
    <xsl:for-each select="exsl:node-set($ref-sorted)/l[not(preceding-sibling::l[1]/@k = @k)]">
      <xsl:sort select="@at" data-type="number"/>
      <note k="{@k}" n="{position()}" text="{@text}" url="{@url}"/>
    </xsl:for-each>
  </xsl:variable>

  <!-- The number of the note of a key, "" when links with that key get
       none. -->
  <xsl:template name="ref-number">
    <xsl:param name="key"/>
    <xsl:for-each select="exsl:node-set($ref-firsts)">
      <xsl:value-of select="key('ref-note', $key)/@n"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The public address of a link, as the site publishes it. -->
  <xsl:template name="url">
    <xsl:choose>
      <xsl:when test="@target-kind = 'case' or @target-kind = 'page' or @target-kind = 'file'">
        <xsl:value-of select="concat($base-url, @target-address)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@destination"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@target-kind and @fragment">
      <xsl:value-of select="concat('#', @fragment)"/>
    </xsl:if>
  </xsl:template>

  <!-- The closing list of notes for a narrative (nothing when it has none). -->
  <xsl:template name="references">
    <xsl:variable name="notes" select="exsl:node-set($ref-firsts)/note"/>
    <xsl:if test="$notes">
      <section style="{$s-refs}">
        <p style="{$s-refs-title}">参考链接</p>
        <xsl:for-each select="$notes">
          <p style="{$s-ref}"><xsl:value-of select="concat('[', @n, '] ', @text, ': ', @url)"/></p>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cm:document">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Headings: levels 1 to 3 keep their level, deeper ones are h4. -->
  <xsl:template match="cm:heading[@level = 1]">
    <h1 style="{$s-h1}"><xsl:apply-templates/></h1>
  </xsl:template>
  <xsl:template match="cm:heading[@level = 2]">
    <h2 style="{$s-h2}"><xsl:apply-templates/></h2>
  </xsl:template>
  <xsl:template match="cm:heading[@level = 3]">
    <h3 style="{$s-h3}"><xsl:apply-templates/></h3>
  </xsl:template>
  <xsl:template match="cm:heading">
    <h4 style="{$s-h4}"><xsl:apply-templates/></h4>
  </xsl:template>

  <xsl:template name="p-style">
    <xsl:choose>
      <xsl:when test="parent::cm:block_quote"><xsl:value-of select="$s-quote-p"/></xsl:when>
      <xsl:when test="parent::cm:item and ../../@tight = 'true'"><xsl:value-of select="$s-p-tight"/></xsl:when>
      <xsl:when test="parent::cm:item"><xsl:value-of select="$s-p-loose"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$s-p"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Paragraphs, styled by where they stand (p-style): in a quote, in an
       item of a tight or a loose list, elsewhere. The first paragraph of a
       list item starts with the item's marker and hangs it ($indent). -->
  <xsl:template match="cm:paragraph">
    <p style="{$s-p}"><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="cm:block_quote/cm:paragraph">
    <p style="{$s-quote-p}"><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="cm:item/cm:paragraph">
    <xsl:param name="marker"/>
    <xsl:param name="indent"/>
    <p style="{$s-p-loose}{$indent}"><xsl:value-of select="$marker"/><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="cm:list[@tight = 'true']/cm:item/cm:paragraph" priority="1">
    <xsl:param name="marker"/>
    <xsl:param name="indent"/>
    <p style="{$s-p-tight}{$indent}"><xsl:value-of select="$marker"/><xsl:apply-templates/></p>
  </xsl:template>

  <!-- A paragraph with images: they become figures, the text around them
       paragraphs of their own, in order. In a paragraph with images every
       child carries the number of images before it (@images-before): the
       text between two images is found by key, not by counting images
       before each node. -->
  <xsl:key name="md-run" match="cm:paragraph/*[@images-before]" use="concat(generate-id(..), ' ', @images-before)"/>
  <xsl:template match="cm:paragraph[cm:image]" priority="2">
    <xsl:param name="marker"/>
    <xsl:param name="indent"/>
    <xsl:variable name="style">
      <xsl:call-template name="p-style"/>
      <xsl:value-of select="$indent"/>
    </xsl:variable>
    <xsl:if test="$marker != ''">
      <p style="{$style}"><xsl:value-of select="$marker"/></p>
    </xsl:if>
    <xsl:for-each select="node()">
      <xsl:choose>
        <xsl:when test="self::cm:image">
          <xsl:apply-templates select="."/>
        </xsl:when>
        <!-- [1] alone: libxml2 stops at the nearest sibling only when the
             position is the step's last predicate. -->
        <xsl:when test="not(preceding-sibling::node()[1]) or preceding-sibling::node()[1]/self::cm:image">
          <xsl:variable name="run" select="key('md-run', concat(generate-id(..), ' ', @images-before))[not(self::cm:image)]"/>
          <xsl:if test="normalize-space($run) != '' or $run[self::cm:linebreak]">
            <p style="{$style}"><xsl:apply-templates select="$run"/></p>
          </xsl:if>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="cm:block_quote">
    <blockquote style="{$s-quote}"><xsl:apply-templates/></blockquote>
  </xsl:template>

  <!-- A list: one section, nested lists one step further in. What its
       items share is found here once: the width their markers hang in
       (bullet, numbers of one, two, three digits) and a bullet list's
       bullet (by nesting depth) or what follows a numbered list's
       numbers. -->
  <xsl:template match="cm:list">
    <xsl:variable name="depth" select="count(ancestor-or-self::cm:list)"/>
    <xsl:variable name="hang">
      <xsl:choose>
        <xsl:when test="@type != 'ordered'"><xsl:value-of select="$hang-bullet"/></xsl:when>
        <xsl:when test="string-length(@start + count(cm:item) - 1) &lt;= 1"><xsl:value-of select="$hang-1"/></xsl:when>
        <xsl:when test="string-length(@start + count(cm:item) - 1) = 2"><xsl:value-of select="$hang-2"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$hang-3"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section>
      <xsl:attribute name="style">
        <xsl:choose>
          <xsl:when test="$depth &gt; 1"><xsl:value-of select="$s-list-nested"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$s-list"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:choose>
        <xsl:when test="@type = 'ordered'">
          <xsl:apply-templates select="cm:item">
            <xsl:with-param name="after">
              <xsl:choose>
                <xsl:when test="@delim = 'paren'">) </xsl:when>
                <xsl:otherwise>. </xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="hang" select="string($hang)"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="cm:item">
            <xsl:with-param name="marker" select="concat(substring($bullets, 1 + ($depth - 1) mod string-length($bullets), 1), ' ')"/>
            <xsl:with-param name="hang" select="string($hang)"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- A list item: its marker as literal text ("• ", "3. " from the list's
       start number) at the start of the item's first paragraph, hanging
       in the item's left padding so that the text wraps under itself;
       nested lists sit inside that padding, one step further per level.
       Items are applied from their list (select="cm:item"), which passes
       a bullet list's marker, or for a numbered list what follows the
       number: position() is the item's place, found without counting
       siblings for every item. -->
  <xsl:template match="cm:item">
    <xsl:param name="after"/>
    <xsl:param name="marker" select="concat(../@start + position() - 1, $after)"/>
    <xsl:param name="hang"/>
    <section style="{$s-item};padding-left:{$hang}">
      <xsl:choose>
        <xsl:when test="*[1][self::cm:paragraph]">
          <xsl:apply-templates select="*[1]">
            <xsl:with-param name="marker" select="$marker"/>
            <xsl:with-param name="indent" select="concat(';text-indent:-', $hang)"/>
          </xsl:apply-templates>
          <xsl:apply-templates select="*[position() &gt; 1]"/>
        </xsl:when>
        <xsl:otherwise>
          <p style="{$s-p-tight};text-indent:-{$hang}"><xsl:value-of select="$marker"/></p>
          <xsl:apply-templates/>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Code: every space a no-break space, tabs four spaces, newlines <br>,
       so the editor keeps the layout. -->
  <xsl:template match="cm:code_block">
    <xsl:variable name="body">
      <xsl:choose>
        <xsl:when test="substring(., string-length(.)) = '&#10;'">
          <xsl:value-of select="substring(., 1, string-length(.) - 1)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <pre style="{$s-pre}"><code style="{$s-pre-code}"><xsl:call-template name="code-lines">
      <xsl:with-param name="s" select="string($body)"/>
    </xsl:call-template></code></pre>
  </xsl:template>

  <xsl:template name="code-lines">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#10;')">
        <xsl:call-template name="code-line">
          <xsl:with-param name="s" select="substring-before($s, '&#10;')"/>
        </xsl:call-template>
        <br/>
        <xsl:call-template name="code-lines">
          <xsl:with-param name="s" select="substring-after($s, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="code-line">
          <xsl:with-param name="s" select="$s"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="code-line">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#9;')">
        <xsl:value-of select="translate(substring-before($s, '&#9;'), ' &#13;', '&#160;')"/>
        <xsl:text>&#160;&#160;&#160;&#160;</xsl:text>
        <xsl:call-template name="code-line">
          <xsl:with-param name="s" select="substring-after($s, '&#9;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="translate($s, ' &#13;', '&#160;')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cm:thematic_break">
    <hr style="{$s-hr}"/>
  </xsl:template>

  <!-- Tables scroll sideways inside a section; each cell carries its
       border, padding and alignment. -->
  <xsl:template match="cm:table">
    <section style="{$s-table-box}">
      <table style="{$s-table}">
        <xsl:if test="cm:table_header">
          <thead><xsl:apply-templates select="cm:table_header"/></thead>
        </xsl:if>
        <xsl:if test="cm:table_row">
          <tbody><xsl:apply-templates select="cm:table_row"/></tbody>
        </xsl:if>
      </table>
    </section>
  </xsl:template>

  <xsl:template match="cm:table_header | cm:table_row">
    <tr><xsl:apply-templates select="cm:table_cell"/></tr>
  </xsl:template>


  <!-- Each cell is aligned as its column says, else left. -->
  <xsl:template match="cm:table_cell">
    <td style="{$s-cell}{@align}{substring('left', 1 + 4 * boolean(@align))}"><xsl:apply-templates/></td>
  </xsl:template>


  <!-- Chinese text breaks between any two characters: a column of long
       cells gets a minimum width (in em, up to $cell-max-em; a Latin
       letter or digit counts half) so that the table scrolls instead of
       stacking one character per line. -->
  <xsl:template match="cm:table_header/cm:table_cell">
    <!-- the width of each cell of the column, header included; the
         column's cells are its table's cells of that column number (a
         walk of one table per header cell costs less than a key over
         every cell of the article) -->
    <xsl:variable name="column" select="@column"/>
    <xsl:variable name="weights">
      <xsl:for-each select="../../*/cm:table_cell[@column = $column]">
        <w><xsl:value-of select="string-length(.) + string-length(translate(., $ascii, ''))"/></w>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="widest" select="ceiling(math:max(exsl:node-set($weights)/w) div 2)"/>
    <xsl:variable name="min">
      <xsl:choose>
        <xsl:when test="$widest &gt; $cell-max-em"><xsl:value-of select="concat(';min-width:', $cell-max-em, 'em')"/></xsl:when>
        <xsl:when test="$widest &gt;= 4"><xsl:value-of select="concat(';min-width:', $widest, 'em')"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <th style="{$s-cell}{@align}{substring('left', 1 + 4 * boolean(@align))}{$s-th}{$min}"><xsl:apply-templates/></th>
  </xsl:template>

  <!-- An image is a figure, captioned with its alt text. Local images are
       exported to images/ beside the articles (and must be uploaded). -->
  <xsl:template match="cm:image">
    <xsl:variable name="src">
      <xsl:choose>
        <xsl:when test="@target and starts-with(@target, 'images/')"><xsl:value-of select="@target"/></xsl:when>
        <xsl:when test="@target"><xsl:value-of select="concat('images/', @target)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@destination"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="alt" select="normalize-space(string(.))"/>
    <figure style="{$s-figure}">
      <img src="{$src}" alt="{$alt}" style="{$s-img}"/>
      <xsl:if test="$alt != ''">
        <figcaption style="{$s-caption}"><xsl:value-of select="$alt"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- the text, copied by the built-in rule for text -->
  <xsl:template match="cm:text"><xsl:apply-templates/></xsl:template>

  <!-- A soft line break joins Chinese text directly, other text with a space. -->
  <xsl:template match="cm:softbreak">
    <xsl:variable name="before" select="substring(preceding-sibling::node()[1], string-length(preceding-sibling::node()[1]))"/>
    <xsl:variable name="after" select="substring(following-sibling::node()[1], 1, 1)"/>
    <xsl:if test="$before = '' or $after = '' or contains($ascii, $before) or contains($ascii, $after)">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cm:linebreak">
    <br/>
  </xsl:template>

  <xsl:template match="cm:code">
    <code style="{$s-code}"><xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="cm:emph">
    <em><xsl:apply-templates/></em>
  </xsl:template>

  <xsl:template match="cm:strong">
    <strong style="{$s-strong}"><xsl:apply-templates/></strong>
  </xsl:template>

  <xsl:template match="cm:strikethrough">
    <span style="{$s-del}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Only links to other WeChat articles stay links; the rest become
       their text with a numbered note, and a link whose text is its
       address stays plain text. -->
  <xsl:template match="cm:link">
    <xsl:variable name="key"><xsl:call-template name="ref-key"/></xsl:variable>
    <xsl:variable name="note"><xsl:call-template name="ref-number"><xsl:with-param name="key" select="$key"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="not(@target-kind) and (starts-with(@destination, 'https://mp.weixin.qq.com/') or starts-with(@destination, 'http://mp.weixin.qq.com/'))">
        <a href="{@destination}" style="{$s-a}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:when test="$note != ''">
        <xsl:apply-templates/>
        <sup style="{$s-sup}">
          <xsl:text>[</xsl:text>
          <xsl:value-of select="$note"/>
          <xsl:text>]</xsl:text>
        </sup>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cm:html_block | cm:html_inline"/>

</xsl:stylesheet>
