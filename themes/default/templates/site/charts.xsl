<?xml version="1.0" encoding="UTF-8"?>
<!-- Charts of the programme's figures (/model/statistics, computed by
     qbpress) as inline SVG, each with a title, a description and a table
     of the same figures beside it. stats.xsl and the announcements
     (notice.xsl) import it; sheets.xsl uses the labels.

     The charts are drawn in SVG units that match CSS pixels on a phone
     (the drawing is 320 wide), so their text stays legible at 375 px;
     site.css caps their width on wider screens. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="stats" select="/model/statistics"/>
  <xsl:variable name="announced-years" select="$stats/year[@announced = 'true']"/>

  <!-- Geometry: a row per value, its label above its bar; the longest bar
       leaves room for its figure. -->
  <xsl:variable name="chart-width" select="320"/>
  <xsl:variable name="chart-row" select="44"/>
  <xsl:variable name="chart-bar" select="280"/>
  <xsl:variable name="legend-row" select="24"/>

  <!-- A value's label in a chart (short) and in a table (full). -->
  <xsl:template match="statistics/year" mode="label"><xsl:value-of select="concat(@year, '年')"/></xsl:template>
  <xsl:template match="focus" mode="label"><xsl:value-of select="/model/focus-areas/focus[@key = current()/@key]/@name"/></xsl:template>
  <xsl:template match="section | recommender" mode="label"><xsl:value-of select="@name"/></xsl:template>
  <xsl:template match="region" mode="label"><xsl:value-of select="@short"/></xsl:template>
  <xsl:template match="*" mode="full-label"><xsl:apply-templates select="." mode="label"/></xsl:template>
  <xsl:template match="region" mode="full-label"><xsl:value-of select="@name"/></xsl:template>
  <xsl:template match="focus" mode="full-label">
    <xsl:variable name="f" select="/model/focus-areas/focus[@key = current()/@key]"/>
    <xsl:value-of select="concat($f/@item, $f/@name)"/>
  </xsl:template>

  <!-- The largest value of the attribute named value among nodes. -->
  <xsl:template name="chart-max">
    <xsl:param name="nodes"/>
    <xsl:param name="value"/>
    <xsl:for-each select="$nodes">
      <xsl:sort select="@*[name() = $value]" data-type="number" order="descending"/>
      <xsl:if test="position() = 1"><xsl:value-of select="@*[name() = $value]"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The length of the bar of v when the longest stands for max. -->
  <xsl:template name="bar-length">
    <xsl:param name="v"/>
    <xsl:param name="max"/>
    <xsl:choose>
      <xsl:when test="$max &lt;= 0 or $v &lt;= 0">0</xsl:when>
      <xsl:when test="round($v * $chart-bar div $max) &lt; 2">2</xsl:when>
      <xsl:otherwise><xsl:value-of select="round($v * $chart-bar div $max)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A horizontal bar chart of bars (in their order), each as long as its
       attribute named value. id names its title and description. -->
  <xsl:template name="bar-chart">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="bars"/>
    <xsl:param name="value" select="'count'"/>
    <xsl:variable name="max">
      <xsl:call-template name="chart-max">
        <xsl:with-param name="nodes" select="$bars"/>
        <xsl:with-param name="value" select="$value"/>
      </xsl:call-template>
    </xsl:variable>
    <svg class="chart" viewBox="0 0 {$chart-width} {count($bars) * $chart-row + 4}" role="img"
         aria-labelledby="{$id}-t" aria-describedby="{$id}-d">
      <title id="{$id}-t"><xsl:value-of select="$title"/></title>
      <desc id="{$id}-d">
        <xsl:for-each select="$bars">
          <xsl:apply-templates select="." mode="full-label"/>
          <xsl:value-of select="concat(' ', @*[name() = $value], ' 项')"/>
          <xsl:if test="position() != last()">；</xsl:if>
        </xsl:for-each>
      </desc>
      <xsl:for-each select="$bars">
        <xsl:variable name="y" select="(position() - 1) * $chart-row"/>
        <xsl:variable name="w">
          <xsl:call-template name="bar-length">
            <xsl:with-param name="v" select="number(@*[name() = $value])"/>
            <xsl:with-param name="max" select="number($max)"/>
          </xsl:call-template>
        </xsl:variable>
        <text class="chart-label" x="0" y="{$y + 17}"><xsl:apply-templates select="." mode="label"/></text>
        <rect class="chart-bar" x="0" y="{$y + 24}" width="{$w}" height="15"/>
        <text class="chart-value" x="{$w + 6}" y="{$y + 37}"><xsl:value-of select="@*[name() = $value]"/></text>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <!-- Benchmarks by focus area per year: a stacked bar a year, the four
       areas in the order of Art. 11, a legend above. -->
  <xsl:template name="focus-chart">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="years"/>
    <xsl:variable name="max">
      <xsl:call-template name="chart-max">
        <xsl:with-param name="nodes" select="$years"/>
        <xsl:with-param name="value" select="'named'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="top" select="4 * $legend-row + 8"/>
    <svg class="chart" viewBox="0 0 {$chart-width} {$top + count($years) * $chart-row + 4}" role="img"
         aria-labelledby="{$id}-t" aria-describedby="{$id}-d">
      <title id="{$id}-t"><xsl:value-of select="$title"/></title>
      <desc id="{$id}-d">
        <xsl:for-each select="$years">
          <xsl:apply-templates select="." mode="label"/>
          <xsl:text>：</xsl:text>
          <xsl:for-each select="focus">
            <xsl:apply-templates select="." mode="full-label"/>
            <xsl:value-of select="concat(' ', @count, ' 项')"/>
            <xsl:if test="position() != last()">，</xsl:if>
          </xsl:for-each>
          <xsl:if test="position() != last()">；</xsl:if>
        </xsl:for-each>
      </desc>
      <xsl:for-each select="/model/focus-areas/focus">
        <xsl:variable name="y" select="(position() - 1) * $legend-row"/>
        <rect class="chart-bar f{position()}" x="0" y="{$y + 4}" width="15" height="15"/>
        <text class="chart-label" x="22" y="{$y + 17}"><xsl:value-of select="concat(@item, @name)"/></text>
      </xsl:for-each>
      <xsl:for-each select="$years">
        <xsl:variable name="y" select="$top + (position() - 1) * $chart-row"/>
        <text class="chart-label" x="0" y="{$y + 17}"><xsl:apply-templates select="." mode="label"/></text>
        <xsl:for-each select="focus[@count &gt; 0]">
          <xsl:variable name="x1" select="round(sum(preceding-sibling::focus/@count) * $chart-bar div $max)"/>
          <xsl:variable name="x2" select="round((sum(preceding-sibling::focus/@count) + @count) * $chart-bar div $max)"/>
          <xsl:variable name="n" select="count(preceding-sibling::focus) + 1"/>
          <rect class="chart-bar f{$n}" x="{$x1}" y="{$y + 24}" width="{$x2 - $x1}" height="15"/>
          <xsl:if test="$x2 - $x1 &gt;= 18">
            <text class="chart-in" x="{($x1 + $x2) div 2}" y="{$y + 36}" text-anchor="middle"><xsl:value-of select="@count"/></text>
          </xsl:if>
        </xsl:for-each>
        <xsl:variable name="w">
          <xsl:call-template name="bar-length">
            <xsl:with-param name="v" select="number(@named)"/>
            <xsl:with-param name="max" select="number($max)"/>
          </xsl:call-template>
        </xsl:variable>
        <text class="chart-value" x="{$w + 6}" y="{$y + 37}"><xsl:value-of select="@named"/></text>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <!-- The table of a bar chart: a row per value, ranked when asked. -->
  <xsl:template name="bar-table">
    <xsl:param name="id"/>
    <xsl:param name="caption"/>
    <xsl:param name="bars"/>
    <xsl:param name="value" select="'count'"/>
    <xsl:param name="head"/>
    <xsl:param name="ranked" select="false()"/>
    <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{$id}-c">
      <table class="stat-table">
        <caption id="{$id}-c"><xsl:value-of select="$caption"/></caption>
        <thead>
          <tr>
            <xsl:if test="$ranked"><th scope="col" class="num">排名</th></xsl:if>
            <th scope="col"><xsl:value-of select="$head"/></th>
            <th scope="col" class="num">数量（项）</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$bars">
            <xsl:variable name="v" select="number(@*[name() = $value])"/>
            <tr>
              <xsl:if test="$ranked">
                <td class="num"><xsl:value-of select="1 + count($bars[number(@*[name() = $value]) &gt; $v])"/></td>
              </xsl:if>
              <th scope="row"><xsl:apply-templates select="." mode="full-label"/></th>
              <td class="num"><xsl:value-of select="$v"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- The table of the focus chart: years by focus area, with totals. -->
  <xsl:template name="focus-table">
    <xsl:param name="id"/>
    <xsl:param name="caption"/>
    <xsl:param name="years"/>
    <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{$id}-c">
      <table class="stat-table">
        <caption id="{$id}-c"><xsl:value-of select="$caption"/></caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <xsl:for-each select="/model/focus-areas/focus">
              <th scope="col" class="num"><abbr title="{@name}"><xsl:value-of select="@item"/></abbr></th>
            </xsl:for-each>
            <th scope="col" class="num">合计</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$years">
            <tr>
              <th scope="row" class="nowrap"><xsl:apply-templates select="." mode="label"/></th>
              <xsl:for-each select="focus"><td class="num"><xsl:value-of select="@count"/></td></xsl:for-each>
              <td class="num"><xsl:value-of select="@named"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合计</th>
            <xsl:for-each select="/model/focus-areas/focus">
              <td class="num"><xsl:value-of select="sum($years/focus[@key = current()/@key]/@count)"/></td>
            </xsl:for-each>
            <td class="num"><xsl:value-of select="sum($years/@named)"/></td>
          </tr>
        </tfoot>
      </table>
    </div>
  </xsl:template>

  <!-- A chart with its table beside it. -->
  <xsl:template name="stat-block">
    <xsl:param name="chart"/>
    <xsl:param name="table"/>
    <div class="stat-body">
      <div class="stat-chart"><xsl:copy-of select="$chart"/></div>
      <xsl:copy-of select="$table"/>
    </div>
  </xsl:template>

  <!-- One year's figures, on its announcement: by focus area, industry
       section and region. -->
  <xsl:template name="year-figures">
    <xsl:param name="y"/>
    <xsl:variable name="label" select="concat($y/@year, '年')"/>
    <section class="year-figures screen-only" aria-labelledby="yf-h">
      <h2 id="yf-h"><xsl:value-of select="concat($label, '入选情况')"/></h2>
      <p><xsl:value-of select="concat($label, '共有 ', $y/@named, ' 项典型经验入选全国质量标杆，分布如下。')"/></p>
      <h3>按重点领域</h3>
      <xsl:call-template name="stat-block">
        <xsl:with-param name="chart">
          <xsl:call-template name="bar-chart">
            <xsl:with-param name="id" select="'yf-focus'"/>
            <xsl:with-param name="title" select="concat($label, '入选数量：按重点领域')"/>
            <xsl:with-param name="bars" select="$y/focus"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="table">
          <xsl:call-template name="bar-table">
            <xsl:with-param name="id" select="'yf-focus-table'"/>
            <xsl:with-param name="caption" select="concat($label, '入选数量：按重点领域')"/>
            <xsl:with-param name="bars" select="$y/focus"/>
            <xsl:with-param name="head" select="'重点领域'"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <h3>按行业门类</h3>
      <xsl:call-template name="stat-block">
        <xsl:with-param name="chart">
          <xsl:call-template name="bar-chart">
            <xsl:with-param name="id" select="'yf-section'"/>
            <xsl:with-param name="title" select="concat($label, '入选数量：按行业门类')"/>
            <xsl:with-param name="bars" select="$y/section"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="table">
          <xsl:call-template name="bar-table">
            <xsl:with-param name="id" select="'yf-section-table'"/>
            <xsl:with-param name="caption" select="concat($label, '入选数量：按行业门类')"/>
            <xsl:with-param name="bars" select="$y/section"/>
            <xsl:with-param name="head" select="'行业门类'"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <h3>按地区</h3>
      <xsl:call-template name="stat-block">
        <xsl:with-param name="chart">
          <xsl:call-template name="bar-chart">
            <xsl:with-param name="id" select="'yf-region'"/>
            <xsl:with-param name="title" select="concat($label, '入选数量：按地区')"/>
            <xsl:with-param name="bars" select="$y/region"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="table">
          <xsl:call-template name="bar-table">
            <xsl:with-param name="id" select="'yf-region-table'"/>
            <xsl:with-param name="caption" select="concat($label, '入选数量：按地区')"/>
            <xsl:with-param name="bars" select="$y/region"/>
            <xsl:with-param name="head" select="'地区'"/>
            <xsl:with-param name="ranked" select="true()"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <p class="more"><a href="{$root}{$addr/@stats}{$index-file}">历年统计</a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
