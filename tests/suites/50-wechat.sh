#!/bin/sh
# The WeChat export (output/wechat/).
#  - The conformance checker (tests/tools/wechat-lint.c) rejects each
#    hand-made violating article in tests/wechat/bad/ for its rule (the file
#    name starts with the rule) and accepts tests/wechat/good/.
#  - The bundled content: exactly the expected articles, every one passes
#    the checker and the round trip, the manifest matches, the copy page
#    copies in Chromium, the build is reproducible.
#  - tests/wechat/content (every Markdown construct) plus a generated long
#    case, an image over 1 MB and a GIF: rendered as WECHAT.md says, limits
#    reported in the build summary and the manifest, nothing cut.
#  - A theme with only its own style.xsl restyles the articles.
. "$(dirname "$0")/../lib.sh"
: "${LINT:=$ROOT/build/tools/wechat-lint}"
cd "$ROOT" || exit 2
TODAY=2026-11-25
W=tests/wechat

[ -x "$LINT" ] || make -s build/tools/wechat-lint > /dev/null 2>&1
if [ ! -x "$LINT" ]; then
	fail "the checker builds (make build/tools/wechat-lint)"
	exit 1
fi

sanitizer_clean() { # sanitizer_clean NAME FILE...
	if grep -q "AddressSanitizer\|LeakSanitizer\|runtime error:" "$@" 2> /dev/null; then
		fail "$1: no sanitizer report" "$(grep -h -m3 'Sanitizer\|runtime error' "$@")"
	fi
}

# --- the checker itself -----------------------------------------------------
for f in $W/bad/*.html; do
	name=$(basename "$f" .html)
	rule=${name%%-*}
	out=$("$LINT" "$f" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] && printf '%s\n' "$out" | grep -q "^$f: $rule: "; then
		pass "checker rejects bad/$name.html under rule '$rule'"
	else
		fail "checker rejects bad/$name.html under rule '$rule' (exit $rc)" "$out"
	fi
done
check "checker accepts good/minimal.html" "$LINT" $W/good/minimal.html

# --- the bundled content ----------------------------------------------------
B=$OUT/bundled
rm -rf "$B"
mkdir -p "$B"
"$QBPRESS" build -C content -o "$B/output" --today $TODAY --only wechat > "$B/build.out" 2> "$B/build.err"
rc=$?
if [ "$rc" -eq 0 ]; then pass "bundled content: build --only wechat exits 0"
else fail "bundled content: build --only wechat exits 0 (got $rc)" "$(head -20 "$B/build.err")"; fi
sanitizer_clean "bundled build" "$B/build.err"
if grep -q "warning" "$B/build.err"; then fail "bundled content: no WeChat limit warnings" "$(grep warning "$B/build.err" | head)"
else pass "bundled content: no WeChat limit warnings"; fi
"$QBPRESS" model -C content --today $TODAY > "$B/model.xml" 2> /dev/null
WX=$B/output/wechat

# The articles the model calls for: a publicity notice per campaign, an
# announcement per announced campaign, a revocation notice per revoked
# record, a case per published record.
xp() { xmllint --xpath "$1" "$B/model.xml" 2> /dev/null | grep -o '"[^"]*"' | tr -d '"'; }
: > "$B/expected"
for y in $(xp '//campaigns/campaign/@year'); do
	echo "$y/notice_publicity.html" >> "$B/expected"
	[ -n "$(xp "//campaign[@year='$y']/announcement/@date")" ] && echo "$y/notice_announcement.html" >> "$B/expected"
	for id in $(xp "//campaign[@year='$y']/records/record[@issued='true'][revoked]/@id"); do
		echo "$y/notice_revocation_$id.html" >> "$B/expected"
	done
	for id in $(xp "//campaign[@year='$y']/records/record[@published='true']/@id"); do
		echo "$y/$id.html" >> "$B/expected"
	done
done
sort -o "$B/expected" "$B/expected"
(cd "$WX" 2> /dev/null && ls [0-9][0-9][0-9][0-9]/*.html) | sort > "$B/got"
if [ -s "$B/expected" ] && cmp -s "$B/expected" "$B/got"; then
	pass "bundled content: one article per published case and per notice ($(wc -l < "$B/got") articles)"
else
	fail "bundled content: one article per published case and per notice" "$(diff "$B/expected" "$B/got" | head -20)"
fi

out=$("$LINT" "$WX"/[0-9]*/*.html 2>&1)
if [ $? -eq 0 ]; then pass "bundled content: every article passes the conformance checker"
else fail "bundled content: every article passes the conformance checker" "$out"; fi

bad=""
for f in "$WX"/[0-9]*/*.html; do
	id=$(basename "$f" .html)
	case $id in notice_*) continue ;; esac
	y=$(basename "$(dirname "$f")")
	"$LINT" --roundtrip "$B/model.xml" "$y" "$id" "$f" > "$B/rt.out" 2>&1 || bad="$bad$(cat "$B/rt.out")
"
done
if [ -z "$bad" ]; then pass "bundled content: every case article holds every narrative paragraph, in order"
else fail "bundled content: round trip" "$bad"; fi

for y in $(xp '//campaigns/campaign/@year'); do
	miss=""
	xmllint --xpath "//campaign[@year='$y']/records/record/enterprise" "$B/model.xml" 2> /dev/null |
		sed 's/<[^>]*>/\n/g' | grep -v '^$' > "$B/names"
	while read -r name; do
		grep -qF "$name" "$WX/$y/notice_publicity.html" || miss="$miss $name"
	done < "$B/names"
	if [ -z "$miss" ]; then pass "$y publicity notice names every publicised enterprise"
	else fail "$y publicity notice names every publicised enterprise" "missing:$miss"; fi
done

node $W/manifest-check.js "$WX" "$(xmllint --xpath 'string(/model/site/@base-url)' "$B/model.xml")" > "$B/manifest.out" 2>&1
grep '^ok - \|^not ok - \|^    ' "$B/manifest.out" | sed 's/^\(not \)\{0,1\}ok - /&bundled content: /'
figures=$(grep '^largest ' "$B/manifest.out")
echo "# bundled content: $figures"

page=$WX/index.html
if [ -f "$page" ] && [ -f "$WX/copy.js" ] && [ -f "$WX/copy.css" ] && grep -q '<script src="copy.js" defer></script>' "$page"; then
	pass "copy page: index.html with its script and styles in separate files"
else
	fail "copy page: index.html with its script and styles in separate files"
fi
if grep -q '<script>\|<script [^s]\|<style\| on[a-z]*="' "$page"; then fail "copy page: no inline script or style element" "$(grep -o '<script>\|<style[^>]*>\| on[a-z]*="' "$page" | head -3)"
else pass "copy page: no inline script or style element"; fi
n=$(grep -o '<button type="button" data-copy="' "$page" | wc -l)
if [ "$n" -eq "$(wc -l < "$B/got")" ]; then pass "copy page: a copy button per article"
else fail "copy page: a copy button per article" "$n buttons"; fi
VNU=$ROOT/tests/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$VNU" ] && command -v java > /dev/null 2>&1; then
	if out=$(java -jar "$VNU" --errors-only "$page" 2>&1); then pass "copy page passes the Nu HTML Checker"
	else fail "copy page passes the Nu HTML Checker" "$(printf '%s' "$out" | head -10)"; fi
fi

"$QBPRESS" build -C content -o "$B/output2" --today $TODAY --only wechat > /dev/null 2>&1
if [ "$(tree_hash "$WX")" = "$(tree_hash "$B/output2/wechat")" ]; then pass "bundled content: the export is reproducible"
else fail "bundled content: the export is reproducible" "$(diff -r "$WX" "$B/output2/wechat" | head -5)"; fi

# --- every construct, a long case, a large image ---------------------------
F=$OUT/features
rm -rf "$F"
mkdir -p "$F"
cp -R $W/content "$F/content"
C=$F/content/campaigns/2025/cases
i=1
while [ $i -le 60 ]; do
	printf '\n### （%d）第%d部分\n\n第%d段：公司把质量管理要求延伸到供应链上下游，建立在途温湿度、震动和位置的实时监控，出现异常自动预警并分派处置，处置结果回写到供应商质量档案，形成闭环。\n\n- 要点一：在途监控覆盖全部线路；\n- 要点二：异常两小时内闭环。\n' $i $i $i >> "$C/long-case.md"
	i=$((i + 1))
done
printf '\n![超过一兆字节的图片](../../../images/big.png)\n\n![动图](../../../images/anim.gif)\n' >> "$C/long-case.md"
head -c 1100000 /dev/zero > "$F/content/images/big.png"
printf 'GIF89a' > "$F/content/images/anim.gif"
"$QBPRESS" build -C "$F/content" -o "$F/output" --today $TODAY --only wechat > "$F/build.out" 2> "$F/build.err"
rc=$?
if [ "$rc" -eq 0 ]; then pass "features: build exits 0 (limits are warnings)"
else fail "features: build exits 0 (got $rc)" "$(head -20 "$F/build.err")"; fi
sanitizer_clean "features build" "$F/build.err"
"$QBPRESS" model -C "$F/content" --today $TODAY > "$F/model.xml" 2> /dev/null
FX=$F/output/wechat
A=$FX/2025/features.html
L=$FX/2025/long-case.html

long_chars=$(sed -n 's/.*long-case.html has \([0-9]*\) characters of HTML.*/\1/p' "$F/build.err")
if [ -n "$long_chars" ] && [ "$long_chars" -ge 20000 ] && grep -q "long-case.md: warning: WeChat article 2025/long-case.html has $long_chars characters" "$F/build.err"; then
	pass "features: the build summary reports the long case's $long_chars characters against its narrative"
else
	fail "features: the build summary reports the long case's character count" "$(cat "$F/build.err")"
fi
if grep -q "records.yaml:[0-9]*:[0-9]*: warning: the WeChat title .* has 42 characters; the draft API takes 32" "$F/build.err"; then
	pass "features: a title over 32 characters is reported"
else fail "features: a title over 32 characters is reported" "$(cat "$F/build.err")"; fi
if grep -q "warning: image images/big.png has 1100000 bytes" "$F/build.err"; then pass "features: an image over 1 MB is reported"
else fail "features: an image over 1 MB is reported" "$(cat "$F/build.err")"; fi
if grep -q "warning: WeChat articles take JPEG and PNG images only: images/anim.gif" "$F/build.err"; then pass "features: an image neither JPEG nor PNG is reported"
else fail "features: an image neither JPEG nor PNG is reported" "$(cat "$F/build.err")"; fi
if grep -q "features.md: warning: the summary has 176 characters" "$F/build.err"; then pass "features: a summary over 120 characters is reported"
else fail "features: a summary over 120 characters is reported" "$(cat "$F/build.err")"; fi
if grep -q "^0 errors, 5 warnings$" "$F/build.err"; then pass "features: exactly those 5 warnings"
else fail "features: exactly those 5 warnings" "$(tail -3 "$F/build.err")"; fi

out=$("$LINT" "$FX"/2025/*.html 2>&1)
if [ "$(printf '%s\n' "$out" | grep -v "^$L: limit: " | grep -c .)" -eq 0 ] && printf '%s\n' "$out" | grep -q "^$L: limit: $long_chars characters"; then
	pass "features: every article passes the checker but for the long case's character limit"
else
	fail "features: every article passes the checker but for the long case's character limit" "$out"
fi
for id in features long-case; do
	check "features: round trip of $id" "$LINT" --roundtrip "$F/model.xml" 2025 "$id" "$FX/2025/$id.html"
done
if grep -q '"limit": "html_chars", "value": '"$long_chars"', "max": 19999' "$FX/manifest.json" &&
	grep -q '"limit": "image_bytes", "image": "images/big.png", "value": 1100000' "$FX/manifest.json" &&
	grep -q '"limit": "image_type", "image": "images/anim.gif"' "$FX/manifest.json"; then
	pass "features: the manifest gives the limits the long case breaks, with figures"
else
	fail "features: the manifest gives the limits the long case breaks, with figures" "$(grep -A3 limits_broken "$FX/manifest.json" | head -20)"
fi
node $W/manifest-check.js "$FX" https://benchmark.example.org/ 2>&1 | grep '^ok - \|^not ok - \|^    ' | sed 's/^\(not \)\{0,1\}ok - /&features: /'

for f in withdrawn-co revoked-bank; do
	if [ -e "$FX/2025/$f.html" ]; then fail "features: no case article for $f"
	else pass "features: no case article for $f"; fi
done
check "features: a revocation notice for revoked-bank" test -f "$FX/2025/notice_revocation_revoked-bank.html"
check "features: the images an article needs are in wechat/images/" cmp "$F/content/images/chart.png" "$FX/images/chart.png"

# What the rules in WECHAT.md ask of each construct, in the exported markup.
has() { # has DESCRIPTION FIXED-STRING
	if grep -qF -- "$2" "$A"; then pass "features: $1"; else fail "features: $1" "not found: $2"; fi
}
hasnt() {
	if grep -qF -- "$2" "$A"; then fail "features: $1" "found: $2"; else pass "features: $1"; fi
}
strip() { sed 's/ style="[^"]*"//g' "$A"; }
has_plain() { # markup without styles
	if strip | grep -qF -- "$2"; then pass "features: $1"; else fail "features: $1" "not found: $2"; fi
}
has_plain "an ordered list keeps its start number" "<p>3. 第三步</p></section><section><p>4. 第四步</p>"
has_plain "nested lists are sections, three levels deep" "<section><section><p>1. 嵌套第一</p>"
has_plain "a fourth-level list keeps its start number and ) delimiter" "<p>7) 四级第七</p></section><section><p>8) 四级第八</p>"
has_plain "bullets are literal markers" "<p>▪ 三级要点</p>"
has "each nesting level adds a left indent, in which the marker hangs" '<section style="margin:0 0 .3em;padding-left:1.3em"><p style="margin:0;text-indent:-1.3em">4. 第四步</p><section style="margin:.3em 0 0"><section style="margin:0 0 .3em;padding-left:1.3em"><p style="margin:0;text-indent:-1.3em">1. 嵌套第一'
has "a loose item's second paragraph lines up under its text" '<p style="margin:0 0 .5em;text-indent:-1.1em">• 松散列表第一项</p><p style="margin:0 0 .5em">第一项的第二段。</p>'
has_plain "a repeated URL reuses its note number" "ISO 9001<sup>[1]</sup> 的要求，并结合 ISO 9001 官网<sup>[1]</sup> 与卓越绩效<sup>[2]</sup>"
has_plain "links to pages and cases become numbered notes, de-duplicated" "另见活动介绍<sup>[3]</sup>、同年案例<sup>[4]</sup>和活动介绍二<sup>[3]</sup>"
has_plain "the closing 参考链接 list" "<p>参考链接</p><p>[1] ISO 9001: https://www.iso.org/standard/62085.html</p><p>[2] 卓越绩效: https://example.org/excellence</p><p>[3] 活动介绍: https://benchmark.example.org/pages/about/</p><p>[4] 同年案例: https://benchmark.example.org/cases/2025/revoked-bank/</p><p>[5] 图表原图: https://benchmark.example.org/images/chart.png</p></section>"
has_plain "mp.weixin.qq.com links stay links" '<a href="https://mp.weixin.qq.com/s/abc">公众号文章</a>'
has_plain "a link whose text is its URL stays plain text" "访问 https://www.example.com/plain 或"
has_plain "an in-page anchor loses its href" "以及本页小节。"
has "code keeps every space as &nbsp; and tabs as four" "rules:<br>&nbsp;&nbsp;&nbsp;&nbsp;-&nbsp;id:&nbsp;R1&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;#&nbsp;一点超出控制限<br>"
has "code scrolls sideways" "overflow-x:auto;white-space:nowrap"
has "a table scrolls in its section" '<section style="margin:0 0 1em;overflow-x:auto"><table'
has "cells carry their alignment" 'text-align:center;background:#faf5f5;white-space:nowrap;min-width:4em">实施前</th>'
has "right-aligned cells stay right-aligned" 'text-align:right">96ppm</td>'
has_plain "images are figures captioned with their alt text" '<figure><img src="images/chart.png" alt="对比柱状图：实施前后"><figcaption>对比柱状图：实施前后</figcaption></figure>'
has_plain "an image inside text splits the paragraph around its figure" "<p>文字前 </p><figure><img src=\"images/chart.png\" alt=\"行内图片说明\"><figcaption>行内图片说明</figcaption></figure><p> 文字后。</p>"
has "strikethrough is a styled span" '<span style="text-decoration:line-through">删除线</span>'
has_plain "the case opens with year, experience, enterprise and focus area" "<p>2025年全国质量标杆 · 典型经验</p><p>全流程质量数字化管控经验</p><p>甲乙精工股份有限公司</p><p>重点领域（四）质量管理数字化</p>"
has_plain "the case ends with the account and the case library" "<p>全国质量标杆</p><p>更多典型经验请访问全国质量标杆案例库：https://benchmark.example.org/cases/</p></section></section>"
hasnt "no pure black anywhere" "#000"
if grep -q '"digest": "甲乙精工把统计过程控制嵌入全部关键工序，关键特性过程能力指数由一点一二提升到一点七八，一次交验合格率提升到百分之九十九点三。"' "$FX/manifest.json"; then
	pass "features: a long summary is cut to whole sentences for the digest"
else fail "features: a long summary is cut to whole sentences for the digest" "$(grep digest "$FX/manifest.json")"; fi

if grep -q '"digest": "壬癸乳业是一家从事液态奶和奶粉生产的企业，合作牧场一百二十家。没有摘要时，微信摘要取正文开头的整句。"' "$FX/manifest.json"; then
	pass "features: without a summary, the digest is the narrative's first whole sentences"
else fail "features: without a summary, the digest is the narrative's first whole sentences" "$(grep digest "$FX/manifest.json")"; fi
check "features: round trip of no-summary" "$LINT" --roundtrip "$F/model.xml" 2025 no-summary "$FX/2025/no-summary.html"

# --- restyling without recompiling ------------------------------------------
# A theme that overrides only templates/wechat/style.xsl (a blue brand colour)
# changes every article; the rest comes from the default theme.
S=$OUT/restyle
rm -rf "$S"
mkdir -p "$S/themes/blue/templates/wechat"
cp -R $W/content "$S/content"
sed 's/#b4282d/#1a5fb4/' themes/default/templates/wechat/style.xsl > "$S/themes/blue/templates/wechat/style.xsl"
"$QBPRESS" build -C "$S/content" -o "$S/output" --today $TODAY --theme blue --only wechat > /dev/null 2> "$S/build.err"
if grep -q '#1a5fb4' "$S/output/wechat/2025/features.html" && ! grep -q '#b4282d' "$S/output/wechat/2025/features.html"; then
	pass "restyle: a theme's style.xsl alone recolours the articles"
else
	fail "restyle: a theme's style.xsl alone recolours the articles" "$(cat "$S/build.err")"
fi
check "restyle: the restyled articles pass the checker" "$LINT" "$S"/output/wechat/2025/*.html

# --- what a template writes ----------------------------------------------------
# An article template's result is read as it would read back from XML: text
# written with disable-output-escaping becomes markup, and a result without
# one <section>, or not one <article>, is refused with a diagnostic naming
# the template.
R=$OUT/raw
rm -rf "$R"
mkdir -p "$R/themes/raw/templates/wechat" "$R/themes/two/templates/wechat"
cp -R $W/content "$R/content"
cat > "$R/themes/raw/templates/wechat/article.xsl" << 'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes"/>
  <xsl:template match="/">
    <article><title>标题</title><digest>摘要。</digest><section><p>正文</p><xsl:text disable-output-escaping="yes">&lt;p&gt;&lt;b&gt;原样&lt;/b&gt;&lt;/p&gt;</xsl:text></section></article>
  </xsl:template>
</xsl:stylesheet>
XSL
mkdir -p "$R/themes/bare/templates/wechat"
sed 's|<section><p>正文</p>.*</section>|<section/><section/>|' "$R/themes/raw/templates/wechat/article.xsl" > "$R/themes/two/templates/wechat/article.xsl"
sed 's|<article>|<page>|; s|</article>|</page>|' "$R/themes/raw/templates/wechat/article.xsl" > "$R/themes/bare/templates/wechat/article.xsl"
"$QBPRESS" build -C "$R/content" -o "$R/out-raw" --today $TODAY --theme raw --only wechat > /dev/null 2> "$R/raw.err"
rc=$?
if [ $rc -eq 0 ] && grep -q '<section><p>正文</p><p><b>原样</b></p></section>' "$R/out-raw/wechat/2025/features.html"; then
	pass "template result: disable-output-escaping text is read as markup"
else
	fail "template result: disable-output-escaping text is read as markup (exit $rc)" "$(cat "$R/raw.err"; head -c 400 "$R/out-raw/wechat/2025/features.html" 2> /dev/null)"
fi
"$QBPRESS" build -C "$R/content" -o "$R/out-two" --today $TODAY --theme two --only wechat > /dev/null 2> "$R/two.err"
rc=$?
if [ $rc -eq 1 ] && grep -q "themes/two/templates/wechat/article.xsl.*error: the markup of WeChat article 2025/features.html is not one <section> element" "$R/two.err" &&
	[ ! -e "$R/out-two" ]; then
	pass "template result: two <section> elements are refused with a diagnostic, no output"
else
	fail "template result: two <section> elements are refused with a diagnostic, no output (exit $rc)" "$(head -5 "$R/two.err")"
fi
"$QBPRESS" build -C "$R/content" -o "$R/out-bare" --today $TODAY --theme bare --only wechat > /dev/null 2> "$R/bare.err"
rc=$?
if [ $rc -eq 1 ] && grep -q "themes/bare/templates/wechat/article.xsl.*error: the result of WeChat article 2025/features.html is not one <article> element" "$R/bare.err" &&
	[ ! -e "$R/out-bare" ]; then
	pass "template result: a result that is not one <article> is refused with a diagnostic, no output"
else
	fail "template result: a result that is not one <article> is refused with a diagnostic, no output (exit $rc)" "$(head -5 "$R/bare.err")"
fi
if grep -q '"title": "标题"' "$R/out-raw/wechat/manifest.json"; then
	pass "template result: the title comes from the article's <title>"
else
	fail "template result: the title comes from the article's <title>" "$(head -c 600 "$R/out-raw/wechat/manifest.json")"
fi
sanitizer_clean "template result" "$R/raw.err" "$R/two.err" "$R/bare.err"

# --- the copy page in Chromium ------------------------------------------------
if command -v /usr/bin/chromium > /dev/null 2>&1 && [ -d tests/node_modules/playwright-core ]; then
	largest=$(node -e 'const m=require(process.argv[1]);let b=m.articles[0];for(const a of m.articles)if(a.chars>b.chars)b=a;console.log(b.file)' "$WX/manifest.json")
	(cd tests && timeout 300 node wechat/copy-test.js "$WX" "$largest,2024/notice_publicity.html,2024/notice_revocation_jinshi-cement.html" "$OUT/copy-page-375.png") 2>&1 |
		sed 's/^\(not \)\{0,1\}ok - /&bundled copy page: /'
	(cd tests && timeout 300 node wechat/copy-test.js "$FX" "2025/features.html,2025/long-case.html") 2>&1 |
		sed 's/^\(not \)\{0,1\}ok - /&features copy page: /'
else
	fail "the copy test needs /usr/bin/chromium and tests/node_modules/playwright-core"
fi

# --- many articles: the copy page lists them, one page per year previews them --
M=$OUT/many
sh tests/bench/corpus.sh 2 60 "$M" > /dev/null
"$QBPRESS" build -C "$M/content" -o "$M/output" --today $TODAY --only wechat -q > /dev/null 2> "$M/build.err"
MX=$M/output/wechat
if [ -f "$MX/2023/index.html" ] && [ -f "$MX/2024/index.html" ] && ! grep -q 'class="preview"' "$MX/index.html" &&
	grep -q 'href="2024/index.html"' "$MX/index.html" && grep -q 'href="2023/index.html"' "$MX/index.html" &&
	grep -q '<base href="../">' "$MX/2024/index.html" && grep -q 'href="2024/index.html#a' "$MX/2024/index.html"; then
	pass "124 articles: index.html lists the years, 2023/index.html and 2024/index.html list and preview their articles"
else
	fail "124 articles: the copy page splits by year" "$(ls "$MX" | head)" "$(tail -3 "$M/build.err")"
fi
# The index lists years, not articles: it stays as small as a year's page
# however many years there are.
if ! grep -q 'href="[0-9]*/index.html#a' "$MX/index.html" && ! grep -q 'data-copy=' "$MX/index.html"; then
	pass "124 articles: the index lists no article of its own"
else
	fail "124 articles: the index lists no article of its own" "$(grep -o 'href="[^"]*#a[0-9]*"' "$MX/index.html" | head -3)"
fi
n23=$(grep -o '<button type="button" data-copy="' "$MX/2023/index.html" | wc -l)
n24=$(grep -o '<button type="button" data-copy="' "$MX/2024/index.html" | wc -l)
[ $((n23 + n24)) -eq 124 ] && pass "124 articles: each has its copy button on its year's page" ||
	fail "124 articles: copy buttons on the year pages" "$n23 + $n24"
# A year's page counts that year's articles; the index counts them all,
# and each year's beside its link.
if grep -q "共 $n24 篇" "$MX/2024/index.html" && grep -q "共 $n23 篇" "$MX/2023/index.html" &&
	grep -q '共 124 篇' "$MX/index.html" && grep -q "2024年</a>：共 $n24 篇" "$MX/index.html" &&
	grep -q "2023年</a>：共 $n23 篇" "$MX/index.html"; then
	pass "124 articles: each year's page counts its year's articles, the index all of them"
else
	fail "124 articles: each year's page counts its year's articles, the index all of them" \
		"$(grep -o '共 [0-9]* 篇' "$MX/index.html" "$MX/2023/index.html" "$MX/2024/index.html")"
fi
# An edit of a 2024 case rewrites the 2024 page (its preview changed), not
# 2023's (made from 2023's articles only); the index lists the years'
# figures, which did not change.
touch "$M/stamp"
sleep 0.01
printf '\n补充一段。\n' >> "$M/content/campaigns/2024/cases/c2024-0005.md"
"$QBPRESS" build -C "$M/content" -o "$M/output" --today $TODAY --only wechat -q > /dev/null 2>> "$M/build.err"
changed=$(cd "$MX" && find . -name index.html -newer "$M/stamp" | sort | tr '\n' ' ')
[ "$changed" = "./2024/index.html " ] &&
	pass "124 articles: an edit of a 2024 case rewrites only the 2024 copy page" ||
	fail "124 articles: an edit of a 2024 case rewrites only the 2024 copy page" "$changed"
# Every address on a year page resolves against wechat/ (its <base>).
missing=$(grep -o '\(href\|src\)="[^"]*"' "$MX/2024/index.html" | sed 's/^[a-z]*="//; s/"$//; s/#.*//' |
	grep -v ':' | sort -u |
	while read -r u; do [ -z "$u" ] || [ -e "$MX/$u" ] || echo "$u"; done)
[ -z "$missing" ] && pass "124 articles: every address on a year page resolves" ||
	fail "124 articles: every address on a year page resolves" "$missing"
if [ -f "$VNU" ] && command -v java > /dev/null 2>&1; then
	check "124 articles: the index and the year pages pass the Nu HTML Checker" \
		java -jar "$VNU" --errors-only "$MX/index.html" "$MX/2023/index.html" "$MX/2024/index.html"
fi
if command -v /usr/bin/chromium > /dev/null 2>&1 && [ -d tests/node_modules/playwright-core ]; then
	(cd tests && COPY_PAGE=2024/index.html timeout 300 node wechat/copy-test.js "$MX" "2024/c2024-0060.html") 2>&1 |
		sed 's/^\(not \)\{0,1\}ok - /&year page: /'
fi
