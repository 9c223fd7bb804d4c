<?xml version="1.0" encoding="UTF-8"?>
<!-- One WeChat article: the fragment to paste (one root section, inline
     styles only). Parameters, set by the WeChat renderer:
       kind  case | publicity | announcement | revocation
       year  the campaign year
       id    the record (case, revocation)
       part  article (the fragment) | meta (<meta><title/><digest/></meta>:
             the article's title and the text its digest is taken from) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0" exclude-result-prefixes="cm">

  <xsl:import href="../dates.xsl"/>
  <xsl:import href="style.xsl"/>
  <xsl:import href="markdown.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <xsl:param name="kind"/>
  <xsl:param name="year"/>
  <xsl:param name="id"/>
  <xsl:param name="part" select="'article'"/>

  <xsl:variable name="site" select="/model/site"/>
  <xsl:variable name="campaign" select="/model/campaigns/campaign[@year = $year]"/>
  <xsl:variable name="record" select="$campaign/records/record[@id = $id]"/>
  <xsl:variable name="measures">《全国质量标杆遴选及交流实施办法》</xsl:variable>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$part = 'meta'">
        <meta>
          <title><xsl:call-template name="title"/></title>
          <digest><xsl:call-template name="digest"/></digest>
        </meta>
      </xsl:when>
      <xsl:otherwise>
        <section style="{$s-root}">
          <xsl:choose>
            <xsl:when test="$kind = 'case'"><xsl:call-template name="case"/></xsl:when>
            <xsl:when test="$kind = 'publicity'"><xsl:call-template name="publicity"/></xsl:when>
            <xsl:when test="$kind = 'announcement'"><xsl:call-template name="announcement"/></xsl:when>
            <xsl:when test="$kind = 'revocation'"><xsl:call-template name="revocation"/></xsl:when>
          </xsl:choose>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Titles, as the site gives them: WeChat's draft API takes 32
       characters, the web editor 64. -->
  <xsl:template name="title">
    <xsl:choose>
      <xsl:when test="$kind = 'case'">
        <xsl:value-of select="$record/experience"/>
      </xsl:when>
      <xsl:when test="$kind = 'publicity'">
        <xsl:value-of select="concat('关于', $year, '年全国质量标杆推荐名单的公示')"/>
      </xsl:when>
      <xsl:when test="$kind = 'announcement'">
        <xsl:value-of select="concat('关于公布', $year, '年全国质量标杆名单的公告')"/>
      </xsl:when>
      <xsl:when test="$kind = 'revocation'">
        <xsl:value-of select="concat('关于撤销', $record/enterprise, '全国质量标杆称号的公告')"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The text the digest is cut from (at most 120 characters, whole
       sentences where possible): a case's summary, else its opening
       paragraphs; a notice's opening paragraph. -->
  <xsl:template name="digest">
    <xsl:choose>
      <xsl:when test="$kind = 'case' and normalize-space($record/narrative/summary) != ''">
        <xsl:value-of select="normalize-space($record/narrative/summary)"/>
      </xsl:when>
      <xsl:when test="$kind = 'case'">
        <xsl:for-each select="$record/narrative/cm:document/cm:paragraph[not(cm:image)][position() &lt;= 3]">
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$kind = 'publicity'"><xsl:call-template name="publicity-lead"/></xsl:when>
      <xsl:when test="$kind = 'announcement'"><xsl:call-template name="announcement-lead"/></xsl:when>
      <xsl:when test="$kind = 'revocation'"><xsl:call-template name="revocation-lead"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="footer">
    <xsl:param name="line"/>
    <section style="{$s-foot}">
      <p style="{$s-foot-account}"><xsl:value-of select="$site/wechat/@account"/></p>
      <p style="{$s-foot-line}"><xsl:value-of select="$line"/></p>
    </section>
  </xsl:template>

  <!-- A case: the enterprise, the experience, year and focus area, then
       the narrative, its notes, and the account's footer. -->
  <xsl:template name="case">
    <section style="{$s-head}">
      <p style="{$s-head-label}"><xsl:value-of select="concat($campaign/@title, ' · 典型经验')"/></p>
      <p style="{$s-head-title}"><xsl:value-of select="$record/experience"/></p>
      <p style="{$s-head-line}"><xsl:value-of select="$record/enterprise"/></p>
      <p style="{$s-head-line}"><xsl:value-of select="concat('重点领域', $record/focus/@item, $record/focus/@name)"/></p>
    </section>
    <xsl:apply-templates select="$record/narrative/cm:document"/>
    <xsl:call-template name="references">
      <xsl:with-param name="doc" select="$record/narrative/cm:document"/>
    </xsl:call-template>
    <xsl:call-template name="footer">
      <xsl:with-param name="line" select="concat('更多典型经验请访问全国质量标杆案例库：', $base-url, /model/site/addresses/@cases)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="number">
    <xsl:param name="n"/>
    <xsl:if test="normalize-space($n) != ''">
      <p style="{$s-number}"><xsl:value-of select="$n"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="sign">
    <xsl:param name="who"/>
    <xsl:param name="date"/>
    <p style="{$s-sign}"><xsl:value-of select="$who"/><br/><xsl:value-of select="$date"/></p>
  </xsl:template>

  <!-- One record in a notice's list. -->
  <xsl:template name="entry">
    <xsl:param name="n"/>
    <xsl:param name="certificate"/>
    <section style="{$s-entry}">
      <p style="{$s-entry-name}"><xsl:value-of select="concat($n, '. ', enterprise)"/></p>
      <p style="{$s-entry-line}"><xsl:value-of select="concat('典型经验：', experience)"/></p>
      <p style="{$s-entry-line}"><xsl:value-of select="concat('重点领域：', focus/@item, focus/@name)"/></p>
      <p style="{$s-entry-line}"><xsl:value-of select="concat('推荐单位：', recommender)"/></p>
      <xsl:if test="$certificate">
        <p style="{$s-entry-line}"><xsl:value-of select="concat('证书编号：', @certificate)"/></p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="publicity-lead">
    <xsl:value-of select="concat('根据', $measures, '，经自愿申报、择优推荐、形式审查、资料评审和答辩评审，评审委员会形成了',
        $campaign/@title, '推荐名单（共', count($campaign/records/record), '项），现予以公示，广泛征求社会意见。')"/>
    <xsl:choose>
      <xsl:when test="$campaign/publicity/@first">
        <xsl:text>公示期为</xsl:text>
        <xsl:call-template name="date-words"><xsl:with-param name="iso" select="$campaign/publicity/@first"/></xsl:call-template>
        <xsl:text>至</xsl:text>
        <xsl:call-template name="date-words"><xsl:with-param name="iso" select="$campaign/publicity/@last"/></xsl:call-template>
        <xsl:value-of select="concat('（', $campaign/publicity/@working-days, '个工作日）。')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('公示期为', $campaign/publicity/@working-days, '个工作日。')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="publicity">
    <xsl:call-template name="number"><xsl:with-param name="n" select="$campaign/publicity/@number"/></xsl:call-template>
    <p style="{$s-p}"><xsl:call-template name="publicity-lead"/></p>
    <xsl:for-each select="$campaign/records/record">
      <xsl:call-template name="entry"><xsl:with-param name="n" select="position()"/></xsl:call-template>
    </xsl:for-each>
    <p style="{$s-p}">公示期内，任何单位和个人对名单有异议的，可通过电话、电子邮件或书面形式向全国质量标杆工作办公室反映。以单位名义提出异议的，应加盖单位公章；以个人名义提出异议的，应署真实姓名并提供联系方式。</p>
    <xsl:variable name="o" select="$site/objections"/>
    <section style="{$s-contact}">
      <p style="{$s-p-tight}">异议受理：<xsl:value-of select="$site/@office"/></p>
      <xsl:if test="$o/@phone != ''"><p style="{$s-p-tight}">联系电话：<xsl:value-of select="$o/@phone"/></p></xsl:if>
      <xsl:if test="$o/@email != ''"><p style="{$s-p-tight}">电子邮箱：<xsl:value-of select="$o/@email"/></p></xsl:if>
      <xsl:if test="$o/@address != ''"><p style="{$s-p-tight}">通信地址：<xsl:value-of select="$o/@address"/></p></xsl:if>
      <xsl:if test="$o/@postcode != ''"><p style="{$s-p-tight}">邮政编码：<xsl:value-of select="$o/@postcode"/></p></xsl:if>
    </section>
    <p style="{$s-p}">特此公示。</p>
    <xsl:call-template name="sign">
      <xsl:with-param name="who" select="$site/@office"/>
      <xsl:with-param name="date"><xsl:call-template name="date-words"><xsl:with-param name="iso" select="$campaign/publicity/@date"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="footer">
      <xsl:with-param name="line" select="concat('公示全文：', $base-url, $campaign/publicity/@address)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="announcement-lead">
    <xsl:value-of select="concat('根据', $measures, '，经申报推荐、评审和公示，并经', $site/@organization, '批准，现将',
        $campaign/@title, '名单（共', count($campaign/records/record[@issued = 'true']), '项）予以公告。')"/>
  </xsl:template>

  <xsl:template name="announcement">
    <xsl:call-template name="number"><xsl:with-param name="n" select="$campaign/announcement/@number"/></xsl:call-template>
    <p style="{$s-p}"><xsl:call-template name="announcement-lead"/></p>
    <xsl:for-each select="$campaign/records/record[@issued = 'true']">
      <xsl:call-template name="entry">
        <xsl:with-param name="n" select="position()"/>
        <xsl:with-param name="certificate" select="true()"/>
      </xsl:call-template>
    </xsl:for-each>
    <p style="{$s-p}">希望全国质量标杆企业珍惜荣誉，持续提升质量管理水平，积极参加经验交流活动，分享典型经验，带动广大企业共同提升质量水平。</p>
    <xsl:if test="$campaign/exchange">
      <p style="{$s-p-loose}">经验交流活动安排：</p>
      <section style="{$s-list}">
        <xsl:for-each select="$campaign/exchange">
          <section style="{$s-item}">
            <p style="{$s-p-tight}">• <xsl:call-template name="date-words"><xsl:with-param name="iso" select="@date"/></xsl:call-template><xsl:value-of select="concat('，', @city, '：', @title)"/></p>
          </section>
        </xsl:for-each>
      </section>
    </xsl:if>
    <p style="{$s-p}">特此公告。</p>
    <xsl:call-template name="sign">
      <xsl:with-param name="who" select="$site/@organization"/>
      <xsl:with-param name="date"><xsl:call-template name="date-words"><xsl:with-param name="iso" select="$campaign/announcement/@date"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="footer">
      <xsl:with-param name="line" select="concat('公告全文：', $base-url, $campaign/announcement/@address)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="revocation-lead">
    <xsl:value-of select="concat($record/enterprise, '经', $campaign/@title, '遴选入选全国质量标杆（证书编号', $record/@certificate,
        '，典型经验“', $record/experience, '”）。')"/>
  </xsl:template>

  <xsl:template name="revocation">
    <xsl:call-template name="number"><xsl:with-param name="n" select="$record/revoked/@number"/></xsl:call-template>
    <p style="{$s-p}"><xsl:call-template name="revocation-lead"/></p>
    <p style="{$s-p}"><xsl:value-of select="$record/revoked/reason"/></p>
    <p style="{$s-p}">自<xsl:call-template name="date-words"><xsl:with-param name="iso" select="$record/revoked/@date"/></xsl:call-template><xsl:value-of select="concat('起，', $record/enterprise, '不得再以全国质量标杆名义开展宣传，证书', $record/@certificate, '同时作废。')"/></p>
    <p style="{$s-p}">特此公告。</p>
    <xsl:call-template name="sign">
      <xsl:with-param name="who" select="$site/@organization"/>
      <xsl:with-param name="date"><xsl:call-template name="date-words"><xsl:with-param name="iso" select="$record/revoked/@date"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="footer">
      <xsl:with-param name="line" select="concat('公告全文：', $base-url, $record/revoked/@address)"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
