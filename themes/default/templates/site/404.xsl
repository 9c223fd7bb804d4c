<?xml version="1.0" encoding="UTF-8"?>
<!-- The page a web server shows for a missing address; root is the site's
     path from base_url, so its links work at any depth. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:template name="title">页面不存在</xsl:template>
  <xsl:template name="head-extra"><meta name="robots" content="noindex"/></xsl:template>

  <xsl:template name="main">
    <h1>页面不存在</h1>
    <p class="lead">您访问的页面不存在或已移除。撤销称号的案例已从案例库移除，相关情况见撤销公告。</p>
    <ul class="link-list">
      <li><a href="{$root}{$index-file}">返回首页</a></li>
      <li><a href="{$root}{$addr/@notices}{$index-file}">公示公告</a></li>
      <li><a href="{$root}{$addr/@cases}{$index-file}">典型经验案例库</a></li>
      <li><a href="{$root}{$addr/@verify}{$index-file}">证书查验</a></li>
    </ul>
  </xsl:template>
</xsl:stylesheet>
