<?xml version="1.0" encoding="UTF-8"?>
<!-- The look of the WeChat articles: every inline style in one place.
     Restyle here (brand colour, headings, tables) and rebuild; no
     recompiling. WeChat keeps inline styles only, drops pure black text
     (#000) and counts every character of these styles against the 20,000
     character limit of an article: keep them short. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="brand" select="'#b4282d'"/>
  <xsl:variable name="text" select="'#3f3f3f'"/>
  <xsl:variable name="muted" select="'#888'"/>
  <xsl:variable name="rule" select="'#e3d9d9'"/>
  <xsl:variable name="tint" select="'#faf5f5'"/>

  <!-- the root section carries the shared font settings -->
  <xsl:variable name="s-root" select="concat('font-family:-apple-system,BlinkMacSystemFont,PingFang SC,Microsoft YaHei,sans-serif;font-size:16px;line-height:1.75;color:', $text, ';text-align:justify;word-break:break-word')"/>

  <xsl:variable name="s-p" select="'margin:0 0 1em'"/>
  <xsl:variable name="s-p-tight" select="'margin:0'"/>
  <xsl:variable name="s-p-loose" select="'margin:0 0 .5em'"/>

  <xsl:variable name="s-h1" select="concat('margin:1.5em 0 1em;font-size:20px;color:', $brand, ';text-align:center')"/>
  <xsl:variable name="s-h2" select="concat('margin:1.6em 0 .8em;padding:0 0 .3em;border-bottom:2px solid ', $brand, ';font-size:18px;color:', $brand)"/>
  <xsl:variable name="s-h3" select="concat('margin:1.3em 0 .6em;padding-left:.5em;border-left:4px solid ', $brand, ';font-size:16px;color:#2f2f2f')"/>
  <xsl:variable name="s-h4" select="'margin:1em 0 .5em;font-size:16px;color:#2f2f2f'"/>

  <xsl:variable name="s-strong" select="concat('color:', $brand)"/>
  <xsl:variable name="s-del" select="'text-decoration:line-through'"/>
  <xsl:variable name="s-code" select="'padding:0 .2em;background:#f3f1f1;border-radius:3px;font-size:90%;font-family:Menlo,Consolas,monospace'"/>
  <xsl:variable name="s-sup" select="concat('color:', $brand, ';font-size:12px')"/>
  <xsl:variable name="s-a" select="concat('color:', $brand, ';text-decoration:underline')"/>

  <!-- lists: one section per list; an item is indented by the width its
       marker hangs in (bullet, numbers of one, two, three digits), so each
       nesting level adds one more step -->
  <xsl:variable name="s-list" select="'margin:0 0 1em .5em'"/>
  <xsl:variable name="s-list-nested" select="'margin:.3em 0 0'"/>
  <xsl:variable name="s-item" select="'margin:0 0 .3em'"/>
  <xsl:variable name="hang-bullet" select="'1.1em'"/>
  <xsl:variable name="hang-1" select="'1.3em'"/>
  <xsl:variable name="hang-2" select="'1.9em'"/>
  <xsl:variable name="hang-3" select="'2.5em'"/>
  <xsl:variable name="bullets" select="'•◦▪'"/>

  <xsl:variable name="s-quote" select="concat('margin:0 0 1em;padding:.6em 1em;border-left:4px solid ', $brand, ';background:', $tint, ';color:#555')"/>
  <xsl:variable name="s-quote-p" select="'margin:0'"/>

  <!-- code blocks scroll sideways instead of wrapping -->
  <xsl:variable name="s-pre" select="'margin:0 0 1em;padding:.8em 1em;overflow-x:auto;white-space:nowrap;background:#f6f6f6;border-radius:4px;font-size:13px;line-height:1.6'"/>
  <xsl:variable name="s-pre-code" select="'font-family:Menlo,Consolas,monospace'"/>

  <xsl:variable name="s-table-box" select="'margin:0 0 1em;overflow-x:auto'"/>
  <xsl:variable name="s-table" select="'border-collapse:collapse;font-size:14px;line-height:1.5'"/>
  <xsl:variable name="s-cell" select="concat('border:1px solid ', $rule, ';padding:4px 8px;text-align:')"/>
  <xsl:variable name="s-th" select="concat(';background:', $tint, ';white-space:nowrap')"/>
  <xsl:variable name="cell-max-em" select="'7'"/>

  <xsl:variable name="s-figure" select="'margin:1em 0;text-align:center'"/>
  <xsl:variable name="s-img" select="'display:block;max-width:100%;margin:0 auto'"/>
  <xsl:variable name="s-caption" select="concat('margin-top:.4em;font-size:13px;line-height:1.5;color:', $muted, ';text-align:center')"/>
  <xsl:variable name="s-hr" select="concat('margin:1.5em 0;border:0;border-top:1px solid ', $rule)"/>

  <!-- the opening of a case article -->
  <xsl:variable name="s-head" select="concat('margin:0 0 1.5em;padding:.8em 1em;border-left:4px solid ', $brand, ';background:', $tint)"/>
  <xsl:variable name="s-head-label" select="concat('margin:0;font-size:13px;color:', $brand)"/>
  <xsl:variable name="s-head-title" select="'margin:.2em 0;font-size:19px;font-weight:bold;line-height:1.5;color:#2f2f2f'"/>
  <xsl:variable name="s-head-line" select="'margin:0;font-size:14px;color:#666'"/>

  <!-- notices: the masthead, the number, paragraphs indented two
       characters, the signature and date at the right, each attachment
       under its label and title -->
  <xsl:variable name="s-masthead" select="concat('margin:0 0 .4em;font-size:22px;font-weight:bold;letter-spacing:.1em;color:', $brand, ';text-align:center')"/>
  <xsl:variable name="s-number" select="concat('margin:0 0 1.2em;padding-bottom:.6em;border-bottom:2px solid ', $brand, ';font-size:14px;color:#666;text-align:center')"/>
  <xsl:variable name="s-p-indent" select="'margin:0 0 .6em;text-indent:2em'"/>
  <xsl:variable name="s-p-attachments" select="'margin:1em 0 0;text-indent:2em'"/>
  <xsl:variable name="s-sign-date" select="'margin:0;text-align:right'"/>
  <xsl:variable name="s-annex-label" select="'margin:2em 0 0;font-weight:bold'"/>
  <xsl:variable name="s-annex-title" select="'margin:.3em 0 .8em;font-size:17px;font-weight:bold;color:#2f2f2f;text-align:center'"/>
  <xsl:variable name="s-sign" select="'margin:1.5em 0 0;text-align:right'"/>

  <!-- references and footer -->
  <xsl:variable name="s-refs" select="concat('margin:2em 0 0;padding-top:.6em;border-top:1px solid ', $rule, ';font-size:13px;line-height:1.6;color:', $muted)"/>
  <xsl:variable name="s-refs-title" select="'margin:0 0 .3em;font-weight:bold'"/>
  <xsl:variable name="s-ref" select="'margin:0 0 .2em;word-break:break-all'"/>
  <xsl:variable name="s-foot" select="concat('margin:2em 0 0;padding-top:1em;border-top:1px solid ', $rule, ';font-size:13px;line-height:1.6;color:', $muted, ';text-align:center')"/>
  <xsl:variable name="s-foot-account" select="concat('margin:0;font-weight:bold;color:', $brand)"/>
  <xsl:variable name="s-foot-line" select="'margin:0;word-break:break-all'"/>

</xsl:stylesheet>
