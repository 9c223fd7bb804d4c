<?xml version="1.0" encoding="UTF-8"?>
<!-- One notice (kind: publicity, announcement or revocation), laid out as
     an official document: print.css sets it on A4 after GB/T 9704. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="charts.xsl"/>

  <xsl:param name="kind"/>
  <xsl:param name="year"/>
  <xsl:param name="certificate"/>

  <xsl:variable name="campaign" select="$campaigns[@year = $year]"/>
  <xsl:variable name="record" select="$campaign/records/record[@certificate = $certificate]"/>
  <xsl:variable name="notice"
      select="$campaign/publicity[$kind = 'publicity'] | $campaign/announcement[$kind = 'announcement'] | $record/revoked[$kind = 'revocation']"/>

  <xsl:template name="section">notices</xsl:template>
  <xsl:template name="title"><xsl:apply-templates select="$notice" mode="notice-title"/></xsl:template>
  <xsl:template name="og-type">article</xsl:template>
  <xsl:template name="description">
    <xsl:choose>
      <xsl:when test="$kind = 'publicity'">
        <xsl:value-of select="concat($year, '年全国质量标杆推荐名单公示，公示时间')"/>
        <xsl:call-template name="period"><xsl:with-param name="p" select="$notice"/></xsl:call-template>
        <xsl:value-of select="concat('（', $notice/@working-days, '个工作日）。')"/>
      </xsl:when>
      <xsl:when test="$kind = 'announcement'">
        <xsl:value-of select="concat($year, '年全国质量标杆名单公告，共', count($campaign/records/record[@issued = 'true']), '项典型经验入选。')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('撤销', $record/enterprise, $record/@year, '年全国质量标杆称号（证书编号', $certificate, '）。')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="head-extra">
    <link rel="stylesheet" href="{$root}static/print.css" media="print"/>
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
    <article class="notice">
      <header>
        <xsl:if test="$notice/@number">
          <p class="doc-number"><xsl:value-of select="$notice/@number"/></p>
        </xsl:if>
        <h1><xsl:apply-templates select="$notice" mode="notice-title"/></h1>
      </header>
      <xsl:apply-templates select="$notice" mode="body"/>
      <footer class="signature">
        <p class="issuer">
          <xsl:choose>
            <xsl:when test="$kind = 'announcement'"><xsl:value-of select="$site/@organization"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$site/@office"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <p class="date"><xsl:apply-templates select="$notice/@date" mode="date"/></p>
      </footer>
      <xsl:apply-templates select="$notice" mode="annex"/>
    </article>
    <p class="print-hint screen-only">本页可直接打印为A4公文版式。</p>
    <xsl:if test="$kind = 'announcement' and $stats/year[@year = $year]">
      <xsl:call-template name="year-figures"><xsl:with-param name="y" select="$stats/year[@year = $year]"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="publicity" mode="body">
    <xsl:variable name="first" select="number(translate(@first, '-', ''))"/>
    <xsl:variable name="last" select="number(translate(@last, '-', ''))"/>
    <xsl:variable name="o" select="$site/objections"/>
    <xsl:if test="$today &lt;= $last">
      <p class="state screen-only">
        <xsl:choose>
          <xsl:when test="$today &lt; $first">公示将于<xsl:apply-templates select="@first" mode="date"/>开始。</xsl:when>
          <xsl:otherwise>公示进行中：截至<xsl:apply-templates select="/model/@today" mode="date"/>，还剩 <strong><xsl:value-of select="@working-days-left"/></strong> 个工作日。</xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <div class="doc-body">
      <p>根据《全国质量标杆遴选及交流实施办法》，经企业自愿申报、推荐单位择优推荐、形式审查、资料评审、答辩评审与现场考察，评审委员会合议形成了<xsl:value-of select="$year"/>年全国质量标杆推荐名单，现予以公示。</p>
      <p class="period"><strong>公示时间：<xsl:call-template name="period"/></strong>（<xsl:value-of select="@working-days"/>个工作日）。</p>
      <p>公示期间，任何单位和个人对公示名单有异议的，请于<strong><xsl:apply-templates select="@last" mode="date"/></strong>（公示期最后一日）前，以书面形式向<xsl:value-of select="$site/@office"/>提出，写明所涉企业名称和典型经验名称、异议事项和理由，并提供必要的证明材料。以单位名义提出的，应加盖单位公章并注明联系人和联系方式；以个人名义提出的，应署真实姓名并提供联系方式。逾期或匿名提出的异议不予受理。</p>
      <p>受理部门：<xsl:value-of select="$site/@office"/></p>
      <xsl:if test="$o/@phone"><p>联系电话：<xsl:value-of select="$o/@phone"/></p></xsl:if>
      <xsl:if test="$o/@email"><p>电子邮箱：<a href="mailto:{$o/@email}"><xsl:value-of select="$o/@email"/></a></p></xsl:if>
      <xsl:if test="$o/@address">
        <p>通信地址：<xsl:value-of select="$o/@address"/>
          <xsl:if test="$o/@postcode">（邮政编码：<xsl:value-of select="$o/@postcode"/>）</xsl:if></p>
      </xsl:if>
      <p>附件：<xsl:value-of select="$year"/>年全国质量标杆推荐名单</p>
    </div>
  </xsl:template>

  <xsl:template match="publicity" mode="annex">
    <xsl:call-template name="downloads">
      <xsl:with-param name="list" select="'publicity'"/>
      <xsl:with-param name="year" select="$year"/>
      <xsl:with-param name="name" select="concat($year, '年全国质量标杆推荐名单')"/>
    </xsl:call-template>
    <xsl:call-template name="list">
      <xsl:with-param name="caption" select="concat('附件：', $year, '年全国质量标杆推荐名单')"/>
      <xsl:with-param name="records" select="$campaign/records/record"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="announcement" mode="body">
    <xsl:variable name="named" select="$campaign/records/record[@issued = 'true']"/>
    <div class="doc-body">
      <p>根据《全国质量标杆遴选及交流实施办法》，经企业自愿申报、推荐单位择优推荐、集中评审和社会公示（公示时间：<xsl:call-template name="period"><xsl:with-param name="p" select="$campaign/publicity"/></xsl:call-template>），并经<xsl:value-of select="$site/@organization"/>批准，确定<xsl:value-of select="count($named)"/>项典型经验为<xsl:value-of select="$year"/>年全国质量标杆，现予以公告。</p>
      <p>希望入选企业珍惜荣誉，持续提升质量管理水平，积极参加经验交流活动，分享、交流本单位的典型经验，带动广大企业提升质量管理能力。</p>
      <p>附件：<xsl:value-of select="$year"/>年全国质量标杆名单</p>
    </div>
  </xsl:template>

  <xsl:template match="announcement" mode="annex">
    <xsl:variable name="named" select="$campaign/records/record[@issued = 'true']"/>
    <xsl:call-template name="downloads">
      <xsl:with-param name="list" select="'announcement'"/>
      <xsl:with-param name="year" select="$year"/>
      <xsl:with-param name="name" select="concat($year, '年全国质量标杆名单')"/>
    </xsl:call-template>
    <xsl:call-template name="list">
      <xsl:with-param name="caption" select="concat('附件：', $year, '年全国质量标杆名单')"/>
      <xsl:with-param name="records" select="$named"/>
      <xsl:with-param name="certificates" select="true()"/>
    </xsl:call-template>
    <xsl:for-each select="$named[revoked]">
      <p class="note screen-only">注：<xsl:value-of select="enterprise"/>的全国质量标杆称号已于<xsl:apply-templates select="revoked/@date" mode="date"/>撤销，见<a href="{$root}{revoked/@address}{$index-file}"><xsl:apply-templates select="revoked" mode="notice-title"/></a>。</p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="revoked" mode="body">
    <xsl:variable name="r" select=".."/>
    <div class="doc-body">
      <p><xsl:value-of select="$r/enterprise"/>“<xsl:value-of select="$r/experience"/>”经<xsl:value-of select="$r/@year"/>年全国质量标杆遴选入选全国质量标杆（证书编号：<xsl:value-of select="$r/@certificate"/>）。</p>
      <xsl:if test="normalize-space(reason) != ''"><p><xsl:value-of select="reason"/></p></xsl:if>
      <p><xsl:if test="not(contains(reason, '第二十五条'))">依据《全国质量标杆遴选及交流实施办法》第二十五条，</xsl:if>经研究，决定撤销<xsl:value-of select="$r/enterprise"/><xsl:value-of select="$r/@year"/>年全国质量标杆称号，收回证书（编号：<xsl:value-of select="$r/@certificate"/>）。自<xsl:apply-templates select="@date" mode="date"/>起，该企业不得再以全国质量标杆名义开展宣传等活动。</p>
      <p>特此公告。</p>
    </div>
  </xsl:template>

  <xsl:template match="revoked" mode="annex">
    <xsl:variable name="r" select=".."/>
    <p class="screen-only related">证书状态：<a href="{$root}{$r/@verify-address}{$index-file}">查验证书 <xsl:value-of select="$r/@certificate"/></a></p>
  </xsl:template>

  <xsl:template name="list">
    <xsl:param name="caption"/>
    <xsl:param name="records"/>
    <xsl:param name="certificates" select="false()"/>
    <div class="table-wrap" role="region" tabindex="0" aria-label="{$caption}">
      <table class="doc-table">
        <caption><xsl:value-of select="$caption"/></caption>
        <thead>
          <tr>
            <th scope="col" class="num">序号</th>
            <th scope="col">企业名称</th>
            <th scope="col">典型经验名称</th>
            <th scope="col">推荐单位</th>
            <xsl:if test="$certificates"><th scope="col">证书编号</th></xsl:if>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$records">
            <tr>
              <td class="num"><xsl:value-of select="position()"/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="$certificates and @published = 'true'">
                    <a><xsl:attribute name="href"><xsl:call-template name="case-href"/></xsl:attribute><xsl:value-of select="enterprise"/></a>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="enterprise"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <td><xsl:value-of select="experience"/></td>
              <td><xsl:value-of select="recommender"/></td>
              <xsl:if test="$certificates">
                <td class="nowrap">
                  <xsl:choose>
                    <xsl:when test="@published = 'true'"><a href="{$root}{@certificate-address}" type="application/pdf"><xsl:value-of select="@certificate"/></a></xsl:when>
                    <xsl:otherwise><a href="{$root}{@verify-address}{$index-file}"><xsl:value-of select="@certificate"/></a></xsl:otherwise>
                  </xsl:choose>
                </td>
              </xsl:if>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
