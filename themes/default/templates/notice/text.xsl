<?xml version="1.0" encoding="UTF-8"?>
<!-- The text of a notice, composed once per build and rendered by every
     channel: the site's notice page and its print layout, the WeChat
     article and the official PDF (GB/T 9704-2012). What it writes, and how
     each channel sets it, is in README.md beside this file.

     Parameters, set by qbpress:
       kind         publicity | announcement | revocation
       year         the campaign's year
       certificate  the revoked record's certificate (revocation)
     The input is the model with the site and the notice's campaign, its
     records without narratives, and no build date: a notice says the same
     whenever it is read. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../dates.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="kind"/>
  <xsl:param name="year"/>
  <xsl:param name="certificate" select="''"/>

  <xsl:variable name="site" select="/model/site"/>
  <xsl:variable name="campaign" select="/model/campaigns/campaign[@year = $year]"/>
  <xsl:variable name="records" select="$campaign/records/record"/>
  <xsl:variable name="named" select="$records[@issued = 'true']"/>
  <xsl:variable name="record" select="$records[@certificate = $certificate and $certificate != '']"/>
  <xsl:variable name="measures">《全国质量标杆遴选及交流实施办法》</xsl:variable>
  <!-- The masthead (发文机关标志) above the number; empty for none. -->
  <xsl:variable name="masthead" select="concat($site/@organization, '文件')"/>
  <xsl:variable name="numerals" select="'一二三四五六七八九十'"/>

  <xsl:template match="/">
    <notice kind="{$kind}" year="{$year}">
      <xsl:choose>
        <xsl:when test="$kind = 'publicity'"><xsl:call-template name="publicity"/></xsl:when>
        <xsl:when test="$kind = 'announcement'"><xsl:call-template name="announcement"/></xsl:when>
        <xsl:when test="$kind = 'revocation'"><xsl:call-template name="revocation"/></xsl:when>
      </xsl:choose>
    </notice>
  </xsl:template>

  <!-- ==== building blocks ==== -->

  <xsl:template name="head">
    <xsl:param name="number"/>
    <xsl:param name="title"/>
    <head>
      <xsl:if test="$masthead != ''"><masthead><xsl:value-of select="$masthead"/></masthead></xsl:if>
      <xsl:if test="normalize-space($number) != ''"><number><xsl:value-of select="$number"/></number></xsl:if>
      <title><xsl:value-of select="$title"/></title>
    </head>
  </xsl:template>

  <!-- <date iso="2025-09-26">2025年9月26日</date>; without its year when
       year is false. -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:param name="year" select="true()"/>
    <date iso="{$iso}">
      <xsl:call-template name="date-words">
        <xsl:with-param name="iso" select="$iso"/>
        <xsl:with-param name="year" select="$year"/>
      </xsl:call-template>
    </date>
  </xsl:template>

  <!-- "2025年9月26日至10月15日" -->
  <xsl:template name="period">
    <xsl:param name="p" select="$campaign/publicity"/>
    <xsl:variable name="same">
      <xsl:call-template name="period-same-year">
        <xsl:with-param name="first" select="$p/@first"/>
        <xsl:with-param name="last" select="$p/@last"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="date"><xsl:with-param name="iso" select="$p/@first"/></xsl:call-template>
    <xsl:value-of select="$period-to"/>
    <xsl:call-template name="date">
      <xsl:with-param name="iso" select="$p/@last"/>
      <xsl:with-param name="year" select="$same != 'true'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="signature">
    <xsl:param name="issuer"/>
    <xsl:param name="date"/>
    <signature>
      <issuer><xsl:value-of select="$issuer"/></issuer>
      <xsl:call-template name="date"><xsl:with-param name="iso" select="$date"/></xsl:call-template>
    </signature>
  </xsl:template>

  <!-- A list of records as an attachment's table; certificates adds their
       numbers. A cell that names a page of the site carries its address,
       which the site links and the other channels leave. -->
  <xsl:template name="list">
    <xsl:param name="rows"/>
    <xsl:param name="certificates" select="false()"/>
    <table>
      <column heading="序号" align="center" width="2"/>
      <column heading="企业名称" width="9"/>
      <column heading="典型经验名称" width="10"/>
      <column heading="推荐单位" width="7"/>
      <xsl:if test="$certificates"><column heading="证书编号" align="center" width="5"/></xsl:if>
      <xsl:for-each select="$rows">
        <row>
          <cell><xsl:value-of select="position()"/></cell>
          <cell>
            <xsl:if test="$certificates and @published = 'true'">
              <xsl:attribute name="address"><xsl:value-of select="@address"/></xsl:attribute>
            </xsl:if>
            <xsl:value-of select="enterprise"/>
          </cell>
          <cell><xsl:value-of select="experience"/></cell>
          <cell><xsl:value-of select="recommender"/></cell>
          <xsl:if test="$certificates">
            <cell>
              <xsl:attribute name="address">
                <xsl:choose>
                  <xsl:when test="@published = 'true'"><xsl:value-of select="@certificate-address"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@verify-address"/></xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:value-of select="@certificate"/>
            </cell>
          </xsl:if>
        </row>
      </xsl:for-each>
    </table>
  </xsl:template>

  <!-- （一） … （十）, then the digits. -->
  <xsl:template name="item">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &lt;= 10"><xsl:value-of select="concat('（', substring($numerals, $n, 1), '）')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('（', $n, '）')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== 公示 (Art. 22) ==== -->

  <xsl:template name="publicity">
    <xsl:variable name="p" select="$campaign/publicity"/>
    <xsl:variable name="o" select="$site/objections"/>
    <xsl:variable name="list" select="concat($campaign/@title, '推荐名单')"/>
    <xsl:call-template name="head">
      <xsl:with-param name="number" select="$p/@number"/>
      <xsl:with-param name="title" select="concat('关于', $list, '的公示')"/>
    </xsl:call-template>
    <body>
      <p>根据<xsl:value-of select="$measures"/>，经企业自愿申报、推荐单位择优推荐、形式审查、资料评审、答辩评审与现场考察，评审委员会合议形成了<xsl:value-of select="$list"/>（共<xsl:value-of select="count($records)"/>项典型经验，见附件），现予以公示，广泛征求社会意见。</p>
      <p>公示时间：<xsl:call-template name="period"/>（<xsl:value-of select="$p/@working-days"/>个工作日）。</p>
      <p>公示期间，任何单位和个人对推荐名单有异议的，请于<em><xsl:call-template name="date"><xsl:with-param name="iso" select="$p/@last"/></xsl:call-template></em>（公示期最后一日）前，以书面形式（信函或电子邮件）向<xsl:value-of select="$site/@office"/>提出，写明所涉企业名称和典型经验名称、异议事项和理由，并提供必要的证明材料。以单位名义提出的，应加盖单位公章并注明联系人和联系方式；以个人名义提出的，应署真实姓名并提供联系方式。逾期或匿名提出的异议不予受理。</p>
      <p><xsl:value-of select="$site/@office"/>对有异议的典型经验进行调查核实，并报评审委员会审议。</p>
      <p>受理部门：<xsl:value-of select="$site/@office"/></p>
      <xsl:if test="$o/@phone"><p>咨询电话：<xsl:value-of select="$o/@phone"/></p></xsl:if>
      <xsl:if test="$o/@email"><p>电子邮箱：<link href="mailto:{$o/@email}"><xsl:value-of select="$o/@email"/></link></p></xsl:if>
      <xsl:if test="$o/@address">
        <p>通信地址：<xsl:value-of select="$o/@address"/><xsl:if test="$o/@postcode">（邮政编码：<xsl:value-of select="$o/@postcode"/>）</xsl:if></p>
      </xsl:if>
      <p>特此公示。</p>
    </body>
    <attachments><line><xsl:value-of select="concat('附件：', $list)"/></line></attachments>
    <xsl:call-template name="signature">
      <xsl:with-param name="issuer" select="$site/@office"/>
      <xsl:with-param name="date" select="$p/@date"/>
    </xsl:call-template>
    <annex label="附件" title="{$list}" list="publicity">
      <xsl:call-template name="list"><xsl:with-param name="rows" select="$records"/></xsl:call-template>
    </annex>
  </xsl:template>

  <!-- ==== 公告 (Art. 23) ==== -->

  <xsl:template name="announcement">
    <xsl:variable name="a" select="$campaign/announcement"/>
    <xsl:variable name="p" select="$campaign/publicity"/>
    <xsl:variable name="list" select="concat($campaign/@title, '名单')"/>
    <xsl:call-template name="head">
      <xsl:with-param name="number" select="$a/@number"/>
      <xsl:with-param name="title" select="concat('关于公布', $list, '的公告')"/>
    </xsl:call-template>
    <body>
      <p>根据<xsl:value-of select="$measures"/>，经企业自愿申报、推荐单位择优推荐、集中评审和社会公示（公示时间：<xsl:call-template name="period"/><xsl:if test="$p/@number">，<xsl:value-of select="$p/@number"/></xsl:if>），并经<xsl:value-of select="$site/@organization"/>批准，确定<xsl:value-of select="count($named)"/>项典型经验为<xsl:value-of select="$campaign/@title"/>（名单见附件），现予以公告。</p>
      <xsl:if test="count($records) &gt; count($named)">
        <p>公示的<xsl:value-of select="count($records)"/>项典型经验中，<xsl:value-of select="count($records) - count($named)"/>项经调查核实并报评审委员会审议，未列入本名单；其余<xsl:value-of select="count($named)"/>项列入本名单。</p>
      </xsl:if>
      <p>希望入选企业珍惜荣誉，持续提升质量管理水平，积极参加经验交流活动，分享、交流本单位的典型经验，带动广大企业提升质量管理能力。</p>
      <xsl:if test="$campaign/exchange">
        <p><xsl:value-of select="$campaign/@title"/>经验交流活动安排如下：</p>
        <xsl:for-each select="$campaign/exchange">
          <p>
            <xsl:call-template name="item"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:value-of select="@title"/>
            <xsl:text>：</xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/></xsl:call-template>
            <xsl:if test="@city"><xsl:value-of select="concat('，', @city)"/></xsl:if>
            <xsl:text>。</xsl:text>
          </p>
        </xsl:for-each>
      </xsl:if>
      <p>特此公告。</p>
    </body>
    <attachments><line><xsl:value-of select="concat('附件：', $list)"/></line></attachments>
    <xsl:call-template name="signature">
      <xsl:with-param name="issuer" select="$site/@organization"/>
      <xsl:with-param name="date" select="$a/@date"/>
    </xsl:call-template>
    <annex label="附件" title="{$list}" list="announcement">
      <xsl:call-template name="list">
        <xsl:with-param name="rows" select="$named"/>
        <xsl:with-param name="certificates" select="true()"/>
      </xsl:call-template>
    </annex>
  </xsl:template>

  <!-- ==== 撤销公告 (Art. 25) ==== -->

  <xsl:template name="revocation">
    <xsl:variable name="v" select="$record/revoked"/>
    <xsl:variable name="a" select="$campaign/announcement"/>
    <xsl:call-template name="head">
      <xsl:with-param name="number" select="$v/@number"/>
      <xsl:with-param name="title" select="concat('关于撤销', $record/enterprise, '全国质量标杆称号的公告')"/>
    </xsl:call-template>
    <body>
      <p>
        <xsl:call-template name="date"><xsl:with-param name="iso" select="$a/@date"/></xsl:call-template>
        <xsl:value-of select="concat('，', $site/@organization, '发布《关于公布', $campaign/@title, '名单的公告》')"/>
        <xsl:if test="$a/@number"><xsl:value-of select="concat('（', $a/@number, '）')"/></xsl:if>
        <xsl:value-of select="concat('，', $record/enterprise, '“', $record/experience, '”入选', $campaign/@title, '（证书编号：', $record/@certificate, '）。')"/>
      </p>
      <xsl:if test="normalize-space($v/reason) != ''"><p><xsl:value-of select="normalize-space($v/reason)"/></p></xsl:if>
      <p>
        <xsl:if test="not(contains($v/reason, '第二十五条'))">依据<xsl:value-of select="$measures"/>第二十五条，</xsl:if>
        <xsl:value-of select="concat('经研究，决定撤销', $record/enterprise, $campaign/@title, '称号，收回证书（编号：', $record/@certificate, '）。自')"/>
        <xsl:call-template name="date"><xsl:with-param name="iso" select="$v/@date"/></xsl:call-template>
        <xsl:text>起，该企业不得再以全国质量标杆名义开展宣传等活动。</xsl:text>
      </p>
      <p>特此公告。</p>
    </body>
    <xsl:call-template name="signature">
      <xsl:with-param name="issuer" select="$site/@organization"/>
      <xsl:with-param name="date" select="$v/@date"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
