<?xml version="1.0" encoding="UTF-8"?>
<!-- The statistics page (/stats/): the programme's figures, computed by
     qbpress (/model/statistics), as charts with their tables, and the
     spreadsheets of those tables. No script. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="charts.xsl"/>

  <xsl:variable name="revoked" select="$campaigns/records/record[@issued = 'true' and revoked]"/>

  <xsl:template name="section">stats</xsl:template>
  <xsl:template name="title">统计</xsl:template>
  <xsl:template name="description">
    <xsl:value-of select="concat('全国质量标杆历年遴选结果统计：共公告', $stats/@named, '项全国质量标杆，按年度、重点领域、行业门类、地区和推荐单位分布。')"/>
  </xsl:template>

  <xsl:template name="breadcrumbs">
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="'统计'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="main">
    <h1>统计</h1>
    <xsl:choose>
      <xsl:when test="$announced-years">
        <p class="lead">
          <xsl:text>截至</xsl:text>
          <xsl:apply-templates select="/model/@today" mode="date"/>
          <xsl:value-of select="concat('，共公告 ', $stats/@named, ' 项全国质量标杆，其中 ', $stats/@revoked, ' 项称号已撤销，案例库收录 ', $stats/@published, ' 项典型经验。')"/>
        </p>
        <p class="note">各项统计均以各年度公告的入选名单为准，已撤销的称号计入其入选年度。</p>
        <xsl:call-template name="downloads">
          <xsl:with-param name="list" select="'statistics'"/>
          <xsl:with-param name="name" select="'全国质量标杆统计'"/>
          <xsl:with-param name="csv" select="false()"/>
          <xsl:with-param name="label" select="'下载全部统计表'"/>
        </xsl:call-template>
        <xsl:call-template name="years"/>
        <xsl:call-template name="focus"/>
        <xsl:call-template name="sections"/>
        <xsl:call-template name="regions"/>
        <xsl:call-template name="revoked"/>
        <xsl:call-template name="recommenders"/>
      </xsl:when>
      <xsl:otherwise>
        <p class="lead">尚无公告的遴选结果。遴选结果公告后，本页按年度、重点领域、行业门类、地区和推荐单位统计全国质量标杆。</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A statistics table's CSV. -->
  <xsl:template name="table-download">
    <xsl:param name="list"/>
    <xsl:param name="name"/>
    <xsl:call-template name="downloads">
      <xsl:with-param name="list" select="$list"/>
      <xsl:with-param name="name" select="$name"/>
      <xsl:with-param name="xlsx" select="false()"/>
      <xsl:with-param name="label" select="'下载本表'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="years">
    <section class="stat" aria-labelledby="st-years-h">
      <h2 id="st-years-h">各年度入选数量</h2>
      <xsl:call-template name="stat-block">
        <xsl:with-param name="chart">
          <xsl:call-template name="bar-chart">
            <xsl:with-param name="id" select="'st-years'"/>
            <xsl:with-param name="title" select="'各年度入选全国质量标杆数量'"/>
            <xsl:with-param name="bars" select="$announced-years"/>
            <xsl:with-param name="value" select="'named'"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="table">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="st-years-table-c">
            <table class="stat-table">
              <caption id="st-years-table-c">各年度公示、入选和撤销数量（项）</caption>
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col" class="num">公示</th>
                  <th scope="col" class="num">公示期撤回</th>
                  <th scope="col" class="num">入选</th>
                  <th scope="col" class="num">已撤销</th>
                  <th scope="col" class="num">案例库收录</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$stats/year">
                  <tr>
                    <th scope="row" class="nowrap"><xsl:apply-templates select="." mode="label"/></th>
                    <td class="num"><xsl:value-of select="@publicised"/></td>
                    <td class="num"><xsl:value-of select="@withdrawn"/></td>
                    <xsl:choose>
                      <xsl:when test="@announced = 'true'">
                        <td class="num"><xsl:value-of select="@named"/></td>
                        <td class="num"><xsl:value-of select="@revoked"/></td>
                        <td class="num"><xsl:value-of select="@published"/></td>
                      </xsl:when>
                      <xsl:otherwise>
                        <td class="num" colspan="3">尚未公告</td>
                      </xsl:otherwise>
                    </xsl:choose>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="table-download">
        <xsl:with-param name="list" select="'years'"/>
        <xsl:with-param name="name" select="'全国质量标杆各年度入选数量'"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template name="focus">
    <section class="stat" aria-labelledby="st-focus-h">
      <h2 id="st-focus-h">各年度重点领域分布</h2>
      <xsl:call-template name="stat-block">
        <xsl:with-param name="chart">
          <xsl:call-template name="focus-chart">
            <xsl:with-param name="id" select="'st-focus'"/>
            <xsl:with-param name="title" select="'各年度入选数量：按重点领域'"/>
            <xsl:with-param name="years" select="$announced-years"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="table">
          <xsl:call-template name="focus-table">
            <xsl:with-param name="id" select="'st-focus-table'"/>
            <xsl:with-param name="caption" select="'各年度入选数量：按重点领域（项）'"/>
            <xsl:with-param name="years" select="$announced-years"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="table-download">
        <xsl:with-param name="list" select="'focus'"/>
        <xsl:with-param name="name" select="'全国质量标杆重点领域分布'"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template name="sections">
    <section class="stat" aria-labelledby="st-sections-h">
      <h2 id="st-sections-h">行业门类分布</h2>
      <xsl:call-template name="stat-block">
        <xsl:with-param name="chart">
          <xsl:call-template name="bar-chart">
            <xsl:with-param name="id" select="'st-sections'"/>
            <xsl:with-param name="title" select="'入选数量：按行业门类（GB/T 4754—2017）'"/>
            <xsl:with-param name="bars" select="$stats/section"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="table">
          <xsl:call-template name="bar-table">
            <xsl:with-param name="id" select="'st-sections-table'"/>
            <xsl:with-param name="caption" select="'入选数量：按行业门类'"/>
            <xsl:with-param name="bars" select="$stats/section"/>
            <xsl:with-param name="head" select="'行业门类'"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="table-download">
        <xsl:with-param name="list" select="'industries'"/>
        <xsl:with-param name="name" select="'全国质量标杆行业门类分布'"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template name="regions">
    <xsl:variable name="with" select="$stats/region[@count &gt; 0]"/>
    <xsl:variable name="without" select="$stats/region[@count = 0]"/>
    <section class="stat" aria-labelledby="st-regions-h">
      <h2 id="st-regions-h">地区分布</h2>
      <xsl:call-template name="stat-block">
        <xsl:with-param name="chart">
          <xsl:call-template name="bar-chart">
            <xsl:with-param name="id" select="'st-regions'"/>
            <xsl:with-param name="title" select="'入选数量：按省级行政区排序'"/>
            <xsl:with-param name="bars" select="$with"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="table">
          <xsl:call-template name="bar-table">
            <xsl:with-param name="id" select="'st-regions-table'"/>
            <xsl:with-param name="caption" select="'入选数量：按省级行政区'"/>
            <xsl:with-param name="bars" select="$with"/>
            <xsl:with-param name="head" select="'地区'"/>
            <xsl:with-param name="ranked" select="true()"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="$without">
        <p class="note">
          <xsl:value-of select="concat('尚无全国质量标杆的省级行政区（', count($without), ' 个）：')"/>
          <xsl:for-each select="$without">
            <xsl:value-of select="@short"/>
            <xsl:if test="position() != last()">、</xsl:if>
          </xsl:for-each>
          <xsl:text>。</xsl:text>
        </p>
      </xsl:if>
      <xsl:call-template name="table-download">
        <xsl:with-param name="list" select="'regions'"/>
        <xsl:with-param name="name" select="'全国质量标杆地区分布'"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template name="revoked">
    <section class="stat" aria-labelledby="st-revoked-h">
      <h2 id="st-revoked-h">撤销的证书</h2>
      <xsl:choose>
        <xsl:when test="$revoked">
          <p><xsl:value-of select="concat('共撤销 ', count($revoked), ' 项全国质量标杆称号，收回其证书。')"/></p>
          <xsl:call-template name="stat-block">
            <xsl:with-param name="chart">
              <xsl:call-template name="bar-chart">
                <xsl:with-param name="id" select="'st-revoked'"/>
                <xsl:with-param name="title" select="'撤销数量：按入选年度'"/>
                <xsl:with-param name="bars" select="$announced-years"/>
                <xsl:with-param name="value" select="'revoked'"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="table">
              <div class="table-wrap" role="region" tabindex="0" aria-labelledby="st-revoked-table-c">
                <table class="stat-table">
                  <caption id="st-revoked-table-c">撤销的证书</caption>
                  <thead>
                    <tr>
                      <th scope="col">证书编号</th>
                      <th scope="col">企业名称</th>
                      <th scope="col" class="num">入选年度</th>
                      <th scope="col">撤销日期</th>
                    </tr>
                  </thead>
                  <tbody>
                    <xsl:for-each select="$revoked">
                      <xsl:sort select="revoked/@date"/>
                      <tr>
                        <th scope="row"><a class="nowrap" href="{$root}{@verify-address}{$index-file}"><xsl:value-of select="@certificate"/></a></th>
                        <td><a href="{$root}{revoked/@address}{$index-file}"><xsl:value-of select="enterprise"/></a></td>
                        <td class="num"><xsl:value-of select="@year"/></td>
                        <td><xsl:apply-templates select="revoked/@date" mode="date"/></td>
                      </tr>
                    </xsl:for-each>
                  </tbody>
                </table>
              </div>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="table-download">
            <xsl:with-param name="list" select="'revoked'"/>
            <xsl:with-param name="name" select="'全国质量标杆撤销的证书'"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><p>尚无撤销的全国质量标杆称号。</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="recommenders">
    <xsl:variable name="top" select="$stats/recommender[position() &lt;= 10]"/>
    <section class="stat" aria-labelledby="st-recommenders-h">
      <h2 id="st-recommenders-h">入选最多的推荐单位</h2>
      <xsl:call-template name="stat-block">
        <xsl:with-param name="chart">
          <xsl:call-template name="bar-chart">
            <xsl:with-param name="id" select="'st-recommenders'"/>
            <xsl:with-param name="title" select="concat('入选数量最多的 ', count($top), ' 个推荐单位')"/>
            <xsl:with-param name="bars" select="$top"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="table">
          <xsl:call-template name="bar-table">
            <xsl:with-param name="id" select="'st-recommenders-table'"/>
            <xsl:with-param name="caption" select="concat('入选数量最多的 ', count($top), ' 个推荐单位')"/>
            <xsl:with-param name="bars" select="$top"/>
            <xsl:with-param name="head" select="'推荐单位'"/>
            <xsl:with-param name="ranked" select="true()"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <p class="note"><xsl:value-of select="concat('共有 ', count($stats/recommender), ' 个推荐单位推荐的企业入选；全部推荐单位见下载的表格。')"/></p>
      <xsl:call-template name="table-download">
        <xsl:with-param name="list" select="'recommenders'"/>
        <xsl:with-param name="name" select="'全国质量标杆推荐单位'"/>
      </xsl:call-template>
    </section>
  </xsl:template>
</xsl:stylesheet>
