<?xml version="1.0" encoding="UTF-8"?>
<!-- The spreadsheets (qbpress's sheets renderer): every list the office or
     an analyst takes into Excel. Applied once to the whole model; makes a
     list of workbooks, each written as .xlsx, and each sheet with a csv
     attribute also as CSV (UTF-8 with a byte-order mark):

       <workbooks>
         <workbook path="cases/cases.xlsx">
           <sheet name="…" csv="cases/cases.csv">   (a sheet name: at most 31 characters, none of []:*?/\)
             <column heading="…" width="14" type="text|number|date"/>   (width in characters; text by default)
             <row><cell>…</cell>…</row>
           </sheet>
         </workbook>
       </workbooks>

     Paths are below the site's top; the pages link them through the
     "sheet-path" template of common.xsl. Headings and sheet names are
     wording: change them here. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:import href="charts.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Publicity notices are out from their date (as on the site). -->
  <xsl:variable name="publicised" select="$campaigns[number(translate(publicity/@date, '-', '')) &lt;= $today]"/>

  <xsl:template match="/">
    <workbooks>
      <xsl:for-each select="$publicised">
        <xsl:call-template name="list-book">
          <xsl:with-param name="list" select="'publicity'"/>
          <xsl:with-param name="sheet" select="concat(@year, '年推荐名单')"/>
          <xsl:with-param name="records" select="records/record"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="$campaigns[announcement]">
        <xsl:call-template name="list-book">
          <xsl:with-param name="list" select="'announcement'"/>
          <xsl:with-param name="sheet" select="concat(@year, '年全国质量标杆名单')"/>
          <xsl:with-param name="records" select="records/record[@issued = 'true']"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="library-book"/>
      <xsl:call-template name="statistics-book"/>
    </workbooks>
  </xsl:template>

  <xsl:template name="path">
    <xsl:param name="list"/>
    <xsl:param name="year"/>
    <xsl:call-template name="sheet-path">
      <xsl:with-param name="list" select="$list"/>
      <xsl:with-param name="year" select="$year"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The csv attribute of a statistics table's sheet. -->
  <xsl:template name="csv">
    <xsl:param name="list"/>
    <xsl:attribute name="csv">
      <xsl:call-template name="path"><xsl:with-param name="list" select="$list"/></xsl:call-template>
      <xsl:text>.csv</xsl:text>
    </xsl:attribute>
  </xsl:template>

  <!-- A publicity or announcement list, as on its notice, with the facts
       an analyst groups by. -->
  <xsl:template name="list-book">
    <xsl:param name="list"/>
    <xsl:param name="sheet"/>
    <xsl:param name="records"/>
    <xsl:variable name="p">
      <xsl:call-template name="path">
        <xsl:with-param name="list" select="$list"/>
        <xsl:with-param name="year" select="@year"/>
      </xsl:call-template>
    </xsl:variable>
    <workbook path="{$p}.xlsx">
      <sheet name="{$sheet}" csv="{$p}.csv">
        <column heading="序号" width="6" type="number"/>
        <column heading="企业名称" width="36"/>
        <column heading="典型经验名称" width="44"/>
        <column heading="推荐单位" width="28"/>
        <xsl:if test="$list = 'announcement'">
          <column heading="证书编号" width="13"/>
        </xsl:if>
        <column heading="地区" width="14"/>
        <column heading="重点领域" width="24"/>
        <column heading="行业门类" width="20"/>
        <column heading="行业大类" width="28"/>
        <xsl:if test="$list = 'announcement'">
          <column heading="证书状态" width="10"/>
        </xsl:if>
        <xsl:for-each select="$records">
          <row>
            <cell><xsl:value-of select="position()"/></cell>
            <cell><xsl:value-of select="enterprise"/></cell>
            <cell><xsl:value-of select="experience"/></cell>
            <cell><xsl:value-of select="recommender"/></cell>
            <xsl:if test="$list = 'announcement'">
              <cell><xsl:value-of select="@certificate"/></cell>
            </xsl:if>
            <cell><xsl:value-of select="region"/></cell>
            <cell><xsl:value-of select="concat(focus/@item, focus/@name)"/></cell>
            <cell><xsl:value-of select="industry/@section-name"/></cell>
            <cell><xsl:value-of select="industry/@division-name"/></cell>
            <xsl:if test="$list = 'announcement'">
              <cell>
                <xsl:choose>
                  <xsl:when test="revoked">已撤销</xsl:when>
                  <xsl:otherwise>有效</xsl:otherwise>
                </xsl:choose>
              </cell>
            </xsl:if>
          </row>
        </xsl:for-each>
      </sheet>
    </workbook>
  </xsl:template>

  <!-- The case library: every published case, newest year first. -->
  <xsl:template name="library-book">
    <xsl:variable name="p">
      <xsl:call-template name="path"><xsl:with-param name="list" select="'library'"/></xsl:call-template>
    </xsl:variable>
    <workbook path="{$p}.xlsx">
      <sheet name="典型经验案例库" csv="{$p}.csv">
        <column heading="证书编号" width="13"/>
        <column heading="遴选年度" width="9" type="number"/>
        <column heading="企业名称" width="36"/>
        <column heading="统一社会信用代码" width="21"/>
        <column heading="典型经验名称" width="44"/>
        <column heading="重点领域" width="24"/>
        <column heading="行业门类" width="20"/>
        <column heading="行业大类" width="28"/>
        <column heading="地区" width="14"/>
        <column heading="推荐单位" width="28"/>
        <column heading="主要方法" width="30"/>
        <column heading="关键词" width="30"/>
        <column heading="摘要" width="60"/>
        <column heading="公告日期" width="11" type="date"/>
        <column heading="案例网址" width="50"/>
        <xsl:for-each select="$campaigns/records/record[@published = 'true']">
          <xsl:sort select="@year" data-type="number" order="descending"/>
          <xsl:sort select="@position" data-type="number"/>
          <row>
            <cell><xsl:value-of select="@certificate"/></cell>
            <cell><xsl:value-of select="@year"/></cell>
            <cell><xsl:value-of select="enterprise"/></cell>
            <cell><xsl:value-of select="uscc"/></cell>
            <cell><xsl:value-of select="experience"/></cell>
            <cell><xsl:value-of select="concat(focus/@item, focus/@name)"/></cell>
            <cell><xsl:value-of select="industry/@section-name"/></cell>
            <cell><xsl:value-of select="industry/@division-name"/></cell>
            <cell><xsl:value-of select="region"/></cell>
            <cell><xsl:value-of select="recommender"/></cell>
            <cell>
              <xsl:for-each select="methods/method">
                <xsl:value-of select="."/>
                <xsl:if test="position() != last()">、</xsl:if>
              </xsl:for-each>
            </cell>
            <cell>
              <xsl:for-each select="narrative/keywords/keyword">
                <xsl:value-of select="."/>
                <xsl:if test="position() != last()">、</xsl:if>
              </xsl:for-each>
            </cell>
            <cell><xsl:value-of select="narrative/summary"/></cell>
            <cell><xsl:value-of select="../../announcement/@date"/></cell>
            <cell><xsl:value-of select="concat($base, @address)"/></cell>
          </row>
        </xsl:for-each>
      </sheet>
    </workbook>
  </xsl:template>

  <!-- The tables of the statistics page, a sheet each. -->
  <xsl:template name="statistics-book">
    <xsl:variable name="p">
      <xsl:call-template name="path"><xsl:with-param name="list" select="'statistics'"/></xsl:call-template>
    </xsl:variable>
    <workbook path="{$p}.xlsx">
      <sheet name="各年度入选数量">
        <xsl:call-template name="csv"><xsl:with-param name="list" select="'years'"/></xsl:call-template>
        <column heading="年度" width="8" type="number"/>
        <column heading="公示" width="8" type="number"/>
        <column heading="公示期撤回" width="11" type="number"/>
        <column heading="入选" width="8" type="number"/>
        <column heading="已撤销" width="8" type="number"/>
        <column heading="案例库收录" width="11" type="number"/>
        <xsl:for-each select="$stats/year">
          <row>
            <cell><xsl:value-of select="@year"/></cell>
            <cell><xsl:value-of select="@publicised"/></cell>
            <cell><xsl:value-of select="@withdrawn"/></cell>
            <xsl:if test="@announced = 'true'">
              <cell><xsl:value-of select="@named"/></cell>
              <cell><xsl:value-of select="@revoked"/></cell>
              <cell><xsl:value-of select="@published"/></cell>
            </xsl:if>
          </row>
        </xsl:for-each>
      </sheet>
      <sheet name="重点领域">
        <xsl:call-template name="csv"><xsl:with-param name="list" select="'focus'"/></xsl:call-template>
        <column heading="年度" width="8" type="number"/>
        <xsl:for-each select="/model/focus-areas/focus">
          <column heading="{concat(@item, @name)}" width="24" type="number"/>
        </xsl:for-each>
        <column heading="合计" width="8" type="number"/>
        <xsl:for-each select="$announced-years">
          <row>
            <cell><xsl:value-of select="@year"/></cell>
            <xsl:for-each select="focus"><cell><xsl:value-of select="@count"/></cell></xsl:for-each>
            <cell><xsl:value-of select="@named"/></cell>
          </row>
        </xsl:for-each>
      </sheet>
      <sheet name="行业门类">
        <xsl:call-template name="csv"><xsl:with-param name="list" select="'industries'"/></xsl:call-template>
        <column heading="门类代码" width="9"/>
        <column heading="行业门类" width="32"/>
        <column heading="入选数量" width="9" type="number"/>
        <xsl:for-each select="$stats/section">
          <row>
            <cell><xsl:value-of select="@code"/></cell>
            <cell><xsl:value-of select="@name"/></cell>
            <cell><xsl:value-of select="@count"/></cell>
          </row>
        </xsl:for-each>
      </sheet>
      <sheet name="地区">
        <xsl:call-template name="csv"><xsl:with-param name="list" select="'regions'"/></xsl:call-template>
        <column heading="行政区划代码" width="12"/>
        <column heading="地区" width="18"/>
        <column heading="入选数量" width="9" type="number"/>
        <xsl:for-each select="$stats/region">
          <row>
            <cell><xsl:value-of select="@code"/></cell>
            <cell><xsl:value-of select="@name"/></cell>
            <cell><xsl:value-of select="@count"/></cell>
          </row>
        </xsl:for-each>
      </sheet>
      <sheet name="推荐单位">
        <xsl:call-template name="csv"><xsl:with-param name="list" select="'recommenders'"/></xsl:call-template>
        <column heading="推荐单位" width="36"/>
        <column heading="入选数量" width="9" type="number"/>
        <xsl:for-each select="$stats/recommender">
          <row>
            <cell><xsl:value-of select="@name"/></cell>
            <cell><xsl:value-of select="@count"/></cell>
          </row>
        </xsl:for-each>
      </sheet>
      <sheet name="撤销的证书">
        <xsl:call-template name="csv"><xsl:with-param name="list" select="'revoked'"/></xsl:call-template>
        <column heading="证书编号" width="13"/>
        <column heading="企业名称" width="36"/>
        <column heading="入选年度" width="9" type="number"/>
        <column heading="撤销日期" width="11" type="date"/>
        <column heading="撤销文号" width="26"/>
        <xsl:for-each select="$campaigns/records/record[@issued = 'true' and revoked]">
          <xsl:sort select="revoked/@date"/>
          <row>
            <cell><xsl:value-of select="@certificate"/></cell>
            <cell><xsl:value-of select="enterprise"/></cell>
            <cell><xsl:value-of select="@year"/></cell>
            <cell><xsl:value-of select="revoked/@date"/></cell>
            <cell><xsl:value-of select="revoked/@number"/></cell>
          </row>
        </xsl:for-each>
      </sheet>
    </workbook>
  </xsl:template>
</xsl:stylesheet>
