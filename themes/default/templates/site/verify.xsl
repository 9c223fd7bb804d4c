<?xml version="1.0" encoding="UTF-8"?>
<!-- Certificate verification: /verify/ (look a certificate up by its
     number, part of the enterprise's name or the unified social credit
     code) and /verify/NUMBER/ for every number ever issued. /verify/ lists
     every number by year; with more certificates in all than the theme's
     certificates_per_list (site.yaml) it lists the years instead
     (/model/verify-years), each linking to its page of numbers
     (/verify/year/YYYY/, made with $year). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:param name="certificate" select="''"/>
  <xsl:param name="year" select="''"/>
  <xsl:variable name="r" select="$campaigns/records/record[@certificate = $certificate and @issued = 'true']"/>

  <xsl:template name="section">verify</xsl:template>
  <xsl:template name="title">
    <xsl:choose>
      <xsl:when test="$certificate = '' and $year = ''">证书查验</xsl:when>
      <xsl:when test="$certificate = ''"><xsl:value-of select="concat('证书查验：', $year, '年颁发的证书')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('证书查验：', $certificate)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="description">
    <xsl:choose>
      <xsl:when test="$certificate = '' and $year = ''">输入全国质量标杆证书编号、企业名称或统一社会信用代码，查验证书是否有效。</xsl:when>
      <xsl:when test="$certificate = ''"><xsl:value-of select="concat($year, '年颁发的', count($campaigns[@year = $year]/records/record[@issued = 'true']), '份全国质量标杆证书的编号和企业名称，点击证书编号可查验证书。')"/></xsl:when>
      <xsl:when test="$r/revoked"><xsl:value-of select="concat('证书', $certificate, '已撤销：', $r/enterprise, '。')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('证书', $certificate, '有效：', $r/enterprise, '，', $r/experience, '。')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A site read from files cannot fetch the certificate list: a script
       brings it. -->
  <xsl:template name="head-extra">
    <xsl:if test="$index-file != '' and $certificate = '' and $year = ''">
      <script src="{$root}{$addr/@verify}index.js" defer="defer"></script>
    </xsl:if>
  </xsl:template>

  <xsl:template name="breadcrumbs">
    <xsl:choose>
      <xsl:when test="$certificate = '' and $year = ''">
        <xsl:call-template name="crumbs"><xsl:with-param name="here" select="'证书查验'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$certificate = ''">
        <xsl:call-template name="crumbs">
          <xsl:with-param name="links"><li><a href="{$root}{$addr/@verify}{$index-file}">证书查验</a></li></xsl:with-param>
          <xsl:with-param name="here" select="concat($year, '年')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="crumbs">
          <xsl:with-param name="links"><li><a href="{$root}{$addr/@verify}{$index-file}">证书查验</a></li></xsl:with-param>
          <xsl:with-param name="here" select="$certificate"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="main">
    <xsl:choose>
      <xsl:when test="$certificate = '' and $year = ''"><xsl:call-template name="lookup"/></xsl:when>
      <xsl:when test="$certificate = ''"><xsl:call-template name="year"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="$r" mode="verify"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="lookup">
    <h1>证书查验</h1>
    <p class="lead">每份全国质量标杆证书都印有证书编号和指向本页的二维码。输入证书编号、企业名称（可只输入一部分）或统一社会信用代码，可查验证书是否有效。</p>
    <form class="verify-form" id="qb-verify" data-index="{$root}{$addr/@verify}index.json" data-base="{$root}{$addr/@verify}"
          data-pdf="{$root}{$addr/@certificates}" data-index-file="{$index-file}"
          data-none="未找到“{{}}”的证书。请核对证书编号（形如 QB2025-001）、企业名称或统一社会信用代码后重试；如有疑问，请联系{$site/@office}。"
          data-found="找到 {{}} 份证书：" data-more="仅列出前 {{}} 份，请输入更完整的名称。" hidden="">
      <label for="qb-cert">证书编号、企业名称或统一社会信用代码</label>
      <div class="verify-row">
        <input type="text" id="qb-cert" name="certificate" autocomplete="off" spellcheck="false" placeholder="例如 QB2025-001" required=""/>
        <button type="submit">查验</button>
      </div>
      <div class="verify-result" aria-live="polite">
        <p class="verify-message" id="qb-verify-message"></p>
        <ul class="found" id="qb-found"></ul>
      </div>
      <template id="qb-cert-item">
        <li>
          <a class="found-name" data-slot="link"></a>
          <span class="found-state" data-slot="state" data-valid="有效" data-revoked="已撤销"></span>
          <span class="found-facts"><span class="nowrap" data-slot="n"></span><xsl:text> </xsl:text><span data-slot="y" data-format="{{}}年"></span></span>
          <a class="found-pdf" data-slot="pdf" type="application/pdf">下载证书（PDF）</a>
        </li>
      </template>
    </form>
    <section aria-labelledby="all-h">
      <h2 id="all-h">按年度查找证书编号</h2>
      <xsl:choose>
        <xsl:when test="/model/verify-years">
          <p><xsl:value-of select="concat('已颁发', /model/verify-years/@count, '份证书。选择颁发年度，查看该年度的证书编号：')"/></p>
          <ul class="cert-list">
            <xsl:for-each select="/model/verify-years/year">
              <li><a href="{$root}{@address}{$index-file}"><xsl:value-of select="concat(@year, '年')"/></a>
                <span><xsl:value-of select="concat(@count, '份证书')"/></span></li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$campaigns[records/record[@issued = 'true']]">
            <xsl:sort select="@year" data-type="number" order="descending"/>
            <h3><xsl:value-of select="concat(@year, '年')"/></h3>
            <xsl:call-template name="cert-list"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- A year's page of numbers: its campaign is the view's only one. -->
  <xsl:template name="year">
    <xsl:variable name="c" select="$campaigns[@year = $year]"/>
    <h1><xsl:value-of select="concat($year, '年颁发的证书')"/></h1>
    <p class="lead"><xsl:value-of select="concat($year, '年共颁发', count($c/records/record[@issued = 'true']), '份全国质量标杆证书。点击证书编号查验证书，或在')"/><a href="{$root}{$addr/@verify}{$index-file}">证书查验</a>页输入证书编号、企业名称或统一社会信用代码查找。</p>
    <xsl:for-each select="$c">
      <xsl:call-template name="cert-list"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The issued certificates of the campaign in context. -->
  <xsl:template name="cert-list">
    <ul class="cert-list">
      <xsl:for-each select="records/record[@issued = 'true']">
        <li><a href="{$root}{@verify-address}{$index-file}"><xsl:value-of select="@certificate"/></a>
          <span><xsl:value-of select="enterprise"/></span></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="record" mode="verify">
    <h1>证书查验结果</h1>
    <xsl:choose>
      <xsl:when test="revoked">
        <div class="verdict revoked" role="status">
          <p class="verdict-label">已撤销</p>
          <p>证书编号 <strong><xsl:value-of select="@certificate"/></strong> 所载全国质量标杆称号已于 <xsl:apply-templates select="revoked/@date" mode="date"/> 撤销，证书不再有效。</p>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <div class="verdict valid" role="status">
          <p class="verdict-label">有效</p>
          <p>证书编号 <strong><xsl:value-of select="@certificate"/></strong> 为<xsl:value-of select="$site/@organization"/>颁发的有效全国质量标杆证书。</p>
        </div>
      </xsl:otherwise>
    </xsl:choose>
    <dl class="facts">
      <div><dt>证书编号</dt><dd><xsl:value-of select="@certificate"/></dd></div>
      <div><dt>企业名称</dt><dd><xsl:value-of select="enterprise"/></dd></div>
      <div><dt>统一社会信用代码</dt><dd><xsl:value-of select="uscc"/></dd></div>
      <div><dt>典型经验</dt><dd><xsl:value-of select="experience"/></dd></div>
      <div><dt>遴选年度</dt><dd><xsl:value-of select="concat(@year, '年')"/></dd></div>
      <div><dt>公告</dt><dd>
        <a href="{$root}{../../announcement/@address}{$index-file}"><xsl:apply-templates select="../../announcement" mode="notice-title"/></a>
        <xsl:if test="../../announcement/@number">（<xsl:value-of select="../../announcement/@number"/>）</xsl:if>
      </dd></div>
      <xsl:choose>
        <xsl:when test="revoked">
          <div><dt>撤销日期</dt><dd><xsl:apply-templates select="revoked/@date" mode="date"/></dd></div>
          <div><dt>撤销公告</dt><dd>
            <a href="{$root}{revoked/@address}{$index-file}"><xsl:apply-templates select="revoked" mode="notice-title"/></a>
            <xsl:if test="revoked/@number">（<xsl:value-of select="revoked/@number"/>）</xsl:if>
          </dd></div>
        </xsl:when>
        <xsl:otherwise>
          <div><dt>证书</dt><dd><a href="{$root}{@certificate-address}" type="application/pdf">下载证书（PDF）</a></dd></div>
          <div><dt>典型经验案例</dt><dd><a><xsl:attribute name="href"><xsl:call-template name="case-href"/></xsl:attribute>阅读案例全文</a></dd></div>
        </xsl:otherwise>
      </xsl:choose>
    </dl>
    <p class="more"><a href="{$root}{$addr/@verify}{$index-file}">查验其他证书</a></p>
  </xsl:template>
</xsl:stylesheet>
