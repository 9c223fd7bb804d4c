#!/bin/sh
# The website (output/site/): every page the issue lists, what each notice
# says, the library and its facets, verification, feeds, safety (CSP, no
# external resources, escaping), the Nu HTML Checker over every page, the
# internal link check, reproducibility, theme overrides, and the browser
# test in headless Chromium.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
export SOURCE_DATE_EPOCH=1764028800

renderers=site,sheets,notices
site=$OUT/a/site

if "$QBPRESS" build -C content -o "$OUT/a" --only "$renderers" -j 2 -q 2> "$OUT/a.err"; then
	pass "the bundled content builds the site ($renderers)"
else
	fail "the bundled content builds the site ($renderers)" "$(head -20 "$OUT/a.err")"
	exit 0
fi
[ ! -s "$OUT/a.err" ] && pass "the build prints nothing (no warnings, no sanitizer reports)" ||
	fail "the build prints nothing" "$(head -10 "$OUT/a.err")"

# Every page of the issue.
missing=
for p in index.html 404.html feed.xml sitemap.xml robots.txt \
	notices/index.html notices/2024-publicity/index.html notices/2024-announcement/index.html \
	notices/2025-publicity/index.html notices/2025-announcement/index.html \
	notices/revocation-QB2024-006/index.html \
	cases/index.html cases/index.json cases/year/2024/index.html cases/year/2025/index.html \
	cases/focus/tqm/index.html cases/focus/engineering/index.html cases/focus/supply-chain/index.html \
	cases/focus/digital/index.html cases/industry/c/index.html cases/region/shandong/index.html \
	cases/2025/lanyue-precision/index.html cases/2024/lanfeng-bearing/index.html \
	cases/2024/jinshi-cement/index.html \
	verify/index.html verify/index.json verify/QB2025-001/index.html verify/QB2024-006/index.html \
	pages/about/index.html pages/contact/index.html \
	static/site.css static/print.css static/qb.js images/lanfeng-bearing.png; do
	[ -f "$site/$p" ] || missing="$missing $p"
done
[ -z "$missing" ] && pass "every page and file of the issue exists" || fail "every page and file of the issue exists" "missing:$missing"

ncases=$(find "$site/cases" -mindepth 3 -maxdepth 3 -name index.html -path '*/cases/20*' | wc -l)
[ "$ncases" = 16 ] && pass "a case page for each of the 15 published cases, plus the revoked case's address" ||
	fail "16 case addresses (15 published + 1 revoked)" "found $ncases"
nverify=$(find "$site/verify" -mindepth 2 -name index.html ! -path "$site/verify/year/*" | wc -l)
[ "$nverify" = 16 ] && pass "a verification page for every certificate ever issued (16)" ||
	fail "a verification page for every certificate ever issued" "found $nverify"

# Withdrawn, revoked and not-yet-announced records.
[ ! -e "$site/cases/2025/yukun-auto" ] && ! grep -q yukun "$site/verify/index.json" &&
	pass "a withdrawn record has no case page and no verification page" ||
	fail "a withdrawn record has no case page and no verification page"
grep -q '河南豫坤汽车零部件有限公司' "$site/notices/2025-publicity/index.html" &&
	! grep -q '河南豫坤汽车零部件有限公司' "$site/notices/2025-announcement/index.html" &&
	pass "a withdrawn record is on the publicity notice, not on the announcement" ||
	fail "a withdrawn record is on the publicity notice, not on the announcement"
grep -q '安徽金硕建材集团有限公司' "$site/notices/2024-announcement/index.html" &&
	! grep -q '金硕' "$site/cases/index.html" "$site/cases/index.json" &&
	pass "a revoked record stays on its announcement and leaves the library" ||
	fail "a revoked record stays on its announcement and leaves the library"
grep -q 'http-equiv="refresh" content="0; url=../../../notices/revocation-QB2024-006/"' "$site/cases/2024/jinshi-cement/index.html" &&
	pass "the revoked case's address sends readers to the revocation notice" ||
	fail "the revoked case's address sends readers to the revocation notice"
grep -q '已撤销' "$site/verify/QB2024-006/index.html" && grep -q '2025年6月10日' "$site/verify/QB2024-006/index.html" &&
	grep -q 'notices/revocation-QB2024-006/' "$site/verify/QB2024-006/index.html" &&
	pass "the revoked certificate's page says revoked, with date and notice" ||
	fail "the revoked certificate's page says revoked, with date and notice"
grep -q '有效' "$site/verify/QB2025-001/index.html" && grep -q 'cases/2025/lanyue-precision/' "$site/verify/QB2025-001/index.html" &&
	pass "a valid certificate's page says valid and links its case" || fail "a valid certificate's page says valid and links its case"
[ ! -e "$site/cases/2026" ] && [ ! -e "$site/notices/2026-announcement" ] && ! grep -q 'QB2026' "$site/verify/index.json" &&
	pass "a campaign in publicity has no cases, announcement or certificates yet" ||
	fail "a campaign in publicity has no cases, announcement or certificates yet"

# The publicity notice (Art. 22).
n=$site/notices/2025-publicity/index.html
grep -q '公示时间：<time datetime="2025-09-26">2025年9月26日</time>至<time datetime="2025-10-15">10月15日</time>（10个工作日）。' "$n" &&
	pass "the publicity notice prints the period and its working days (dates that do not break)" ||
	fail "the publicity notice prints the period and its working days" "$(grep -o '公示时间[^<]*' "$n" | head -2)"
grep -q '010-00000000' "$n" && grep -q 'benchmark@example.org' "$n" && grep -q '北京市西城区示例街1号' "$n" &&
	grep -q '请于<strong><time datetime="2025-10-15">2025年10月15日</time></strong>' "$n" &&
	pass "the publicity notice gives the objection contact and the deadline (last day of the period)" ||
	fail "the publicity notice gives the objection contact and the deadline"
grep -q '中质协质字〔2025〕101号' "$n" && grep -q '<p class="issuer">全国质量标杆工作办公室</p>' "$n" &&
	grep -q '<time datetime="2025-09-26">2025年9月26日</time>' "$n" &&
	pass "the publicity notice has its document number, issuer and date" || fail "the publicity notice has its document number, issuer and date"
order=$(grep -o '<td class="num">[0-9]*</td><td>[^<]*</td>' "$n" | sed 's/.*<td>//; s/<.*//' | tr '\n' '|')
want=$(grep '^  enterprise:' content/campaigns/2025/records.yaml | sed 's/^  enterprise: //' | tr '\n' '|')
[ "$order" = "$want" ] && pass "the publicity list is in records.yaml order" || fail "the publicity list is in records.yaml order" "$order" "$want"
grep -q '<th scope="col">企业名称</th><th scope="col">典型经验名称</th><th scope="col">推荐单位</th>' "$n" &&
	pass "the publicity table has 序号 / 企业名称 / 典型经验名称 / 推荐单位" || fail "the publicity table columns"
grep -q 'href="../../static/print.css" media="print"' "$n" && grep -q '@page { size: A4' "$site/static/print.css" &&
	pass "notices carry the A4 print stylesheet" || fail "notices carry the A4 print stylesheet"
# The home page follows the current campaign through its phases.
"$QBPRESS" build -C content -o "$OUT/p1" --only site --today 2026-11-10 -q 2> /dev/null
"$QBPRESS" build -C content -o "$OUT/p2" --only site --today 2026-11-25 -q 2> /dev/null
"$QBPRESS" build -C content -o "$OUT/p3" --only site --today 2026-12-10 -q 2> /dev/null
"$QBPRESS" build -C content -o "$OUT/p0" --only site --today 2026-11-18 -q 2> /dev/null
# A publicity notice is out on its date (2026-11-18), not before.
if [ ! -e "$OUT/p1/site/notices/2026-publicity" ] && [ ! -e "$site/notices/2026-publicity" ] &&
	! grep -q '2026-publicity' "$OUT/p1/site/notices/index.html" "$OUT/p1/site/feed.xml" "$OUT/p1/site/sitemap.xml" \
		"$OUT/p1/site/index.html" &&
	[ -f "$OUT/p0/site/notices/2026-publicity/index.html" ] && grep -q '2026-publicity' "$OUT/p0/site/feed.xml" \
		"$OUT/p0/site/sitemap.xml" "$OUT/p0/site/notices/index.html"; then
	pass "a publicity notice is published on its date: absent from pages, list, feed and sitemap the day before"
else
	fail "a publicity notice is published on its date, not before"
fi
# state FILE: the text a page gives of where a publicity stands as of its
# build date (what it shows without scripts).
state() { grep -oP '<p class="notice-state" data-text="">.*?</p>' "$1"; }
state "$OUT/p1/site/index.html" | grep -q '推荐名单将于<strong><time datetime="2026-11-18">2026年11月18日</time></strong>开始公示' &&
	state "$OUT/p2/site/index.html" | grep -q '截至<time datetime="2026-11-25">2026年11月25日</time>（本页生成之日），还剩<strong class="big">5</strong>个工作日' &&
	state "$OUT/p2/site/notices/2026-publicity/index.html" | grep -q '还剩<strong class="big">5</strong>个工作日。对推荐名单有异议的，请于<strong><time datetime="2026-12-01">2026年12月1日</time></strong>前' &&
	state "$OUT/p3/site/index.html" | grep -q '公示期已结束（公示时间：.*办公室正在对异议进行调查核实' &&
	state "$OUT/p3/site/notices/2026-publicity/index.html" | grep -q '^<p class="notice-state" data-text="">公示期已结束' &&
	grep -q '遴选结果已于<time datetime="2025-11-20">2025年11月20日</time>公告，共<strong class="big">8</strong>项' "$site/index.html" &&
	pass "the home page and the notice show the phase on the build date (before, during, after publicity; announced)" ||
	fail "the home page and the notice show the phase on the build date"

# The case page.
c=$site/cases/2024/lanfeng-bearing/index.html
for want in '浙江岚峰精密轴承股份有限公司' '轴承套圈磨削过程零缺陷控制经验' '质量工程技术与过程控制' '制造业</a><span class="sep" aria-hidden="true"> › </span>通用设备制造业' \
	'浙江省' '浙江省经济和信息化厅' '<li>六西格玛</li>' '../../../certificates/QB2024-001.pdf' '../../../verify/QB2024-001/' \
	'rel="next"' '<nav class="crumbs"' '<figure><img loading="lazy" alt="' '<figcaption>' '<th scope="col"'; do
	grep -qF "$want" "$c" || { fail "the case page has all its parts" "missing: $want"; want=x; break; }
done
[ "$want" != x ] && pass "the case page has all its parts (facts, narrative, figure, table, certificate, verification, pager, breadcrumbs)"
grep -q 'property="og:image" content="https://benchmark.example.org/images/lanfeng-bearing.png"' "$c" &&
	grep -q 'property="og:title"' "$c" && grep -q 'property="og:description"' "$c" &&
	pass "Open Graph title, description and image for WeChat" || fail "Open Graph title, description and image for WeChat"

# Safety: CSP, scripts from files only, no external resources, no review data.
html_files=$(find "$site" -name '*.html')
nhtml=$(echo "$html_files" | wc -l)
ncsp=$(grep -l "Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'" $html_files | wc -l)
[ "$ncsp" = "$nhtml" ] && pass "every page ($nhtml) has a CSP that allows no inline script" || fail "every page has a CSP" "$ncsp of $nhtml"
bad=$(grep -lE '<script>|<script [^>]*>[^<]|<style|style="| on[a-z]+="' $html_files | head -5)
[ -z "$bad" ] && pass "no inline script, style or event handler anywhere" || fail "no inline script, style or event handler anywhere" "$bad"
bad=$(grep -lE '<(script|img|iframe|source|audio|video|embed)[^>]* src="(https?:)?//|<link rel="(stylesheet|icon|preload|manifest)"[^>]* href="(https?:)?//' $html_files | head -5)
[ -z "$bad" ] && pass "no external resources" || fail "no external resources" "$bad"
bad=$(grep -rlE '评审意见（保密）|materials_score|defense_score|专家甲|86\.6|91\.8' "$site" | head -5)
[ -z "$bad" ] && pass "no review data in the site or its indexes" || fail "no review data in the site or its indexes" "$bad"
size=$(wc -c < "$site/static/qb.js")
[ "$size" -lt 10240 ] && pass "the search script is under 10 KB ($size bytes)" || fail "the search script is under 10 KB" "$size bytes"

# Markdown safety and escaping on a copy of the content.
mkdir -p "$OUT/evil"
rm -rf "$OUT/evil/content"
cp -R content "$OUT/evil/content"
f=$OUT/evil/content/campaigns/2025/cases/lanyue-precision.md
printf '\n<script>alert("raw")</script>\n\n[点我](javascript:alert(1)) <b onclick="x()">粗</b> a < b & "c"\n\n[回到开头](#一企业概况与背景)\n' >> "$f"
sed -i 's/^  experience: 基于工业互联网的全流程质量数字化管控经验/  experience: 基于工业互联网的<全流程>质量数字化管控经验 \& "试点"/' "$OUT/evil/content/campaigns/2025/records.yaml"
if "$QBPRESS" build -C "$OUT/evil/content" -o "$OUT/evil/out" --only "$renderers" -q 2> "$OUT/evil.err" &&
	grep -q 'warning: raw HTML is not published' "$OUT/evil.err"; then
	e=$OUT/evil/out/site/cases/2025/lanyue-precision/index.html
	if ! grep -qE 'alert|<script>|onclick|<b>' "$e" && grep -q 'a &lt; b &amp; "c"' "$e" &&
		grep -q '基于工业互联网的&lt;全流程&gt;质量数字化管控经验 &amp; "试点"' "$e" &&
		true; then
		pass "raw HTML and javascript: links are dropped, text is escaped"
	else
		fail "raw HTML and javascript: links are dropped, text is escaped" "$(grep -oE '.{40}(alert|onclick|全流程|远程|a &lt;).{40}' "$e" | head -5)"
	fi
	grep -q '<a href="#%E4%B8%80%E4%BC%81%E4%B8%9A%E6%A6%82%E5%86%B5%E4%B8%8E%E8%83%8C%E6%99%AF">回到开头</a>' "$e" && grep -q '<h2 id="一企业概况与背景">' "$e" &&
		build/tools/linkcheck --optional certificates/ "$OUT/evil/out/site" > /dev/null &&
		pass "headings have ids, and a link to one resolves" || fail "headings have ids, and a link to one resolves"
	grep -q '全流程' "$OUT/evil/out/site/cases/index.json" && ! grep -q '<全流程>' "$OUT/evil/out/site/cases/index.json" &&
		pass "the search index escapes < for JSON" || fail "the search index escapes < for JSON"
else
	fail "content with raw HTML and unsafe links builds" "$(head -5 "$OUT/evil.err")"
fi

# A site before its first announcement: no cases, no certificates yet.
rm -rf "$OUT/first"
mkdir -p "$OUT/first"
cp -R content "$OUT/first/content"
rm -rf "$OUT/first/content/campaigns/2024" "$OUT/first/content/campaigns/2025"
if "$QBPRESS" build -C "$OUT/first/content" -o "$OUT/first/out" --only "$renderers" -q 2> "$OUT/first.err" &&
	grep -q '共 0 项案例' "$OUT/first/out/site/cases/index.html" && grep -q '"cases":\[' "$OUT/first/out/site/cases/index.json" &&
	build/tools/linkcheck "$OUT/first/out/site" > /dev/null; then
	pass "a site with no announced campaign builds, with an empty library"
else
	fail "a site with no announced campaign builds, with an empty library" "$(head -5 "$OUT/first.err")"
fi

# Feeds.
if xmllint --noout "$site/feed.xml" "$site/sitemap.xml" 2> "$OUT/xml.err"; then pass "feed.xml and sitemap.xml are well-formed"
else fail "feed.xml and sitemap.xml are well-formed" "$(head -5 "$OUT/xml.err")"; fi
entries=$(grep -c '<entry>' "$site/feed.xml")
pages=$(find "$site/notices" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$entries" = 5 ] && [ "$entries" = "$pages" ] && pass "the feed has one entry per published notice (5)" ||
	fail "the feed has one entry per published notice" "$entries entries, $pages notice pages"
grep -q '<link rel="alternate" type="text/html" href="https://benchmark.example.org/notices/2025-publicity/"/>' "$site/feed.xml" &&
	grep -q '<updated>2025-11-20T00:00:00+08:00</updated>' "$site/feed.xml" && ! grep -q 'href="\.\./' "$site/feed.xml" &&
	! grep -q DOCTYPE "$site/feed.xml" &&
	pass "feed entries have absolute addresses and dates" || fail "feed entries have absolute addresses and dates"
grep -q '<loc>https://benchmark.example.org/cases/2024/lanfeng-bearing/</loc>' "$site/sitemap.xml" &&
	! grep -q 'jinshi-cement' "$site/sitemap.xml" && ! grep -q '404' "$site/sitemap.xml" &&
	grep -q '^Sitemap: https://benchmark.example.org/sitemap.xml$' "$site/robots.txt" &&
	pass "sitemap.xml lists the pages (not redirects or 404) and robots.txt points to it" ||
	fail "sitemap.xml lists the pages and robots.txt points to it"
grep -q 'href="/static/site.css"' "$site/404.html" && grep -q 'href="/cases/"' "$site/404.html" &&
	pass "404.html uses addresses from the site's root (it is served at any depth)" || fail "404.html uses addresses from the site's root"

# The Nu HTML Checker over every page.
if command -v java >/dev/null && [ -f tests/node_modules/vnu-jar/build/dist/vnu.jar ]; then
	if java -jar tests/node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --errors-only "$site" \
		"$OUT/evil/out/site" "$OUT/first/out/site" "$OUT/p2/site" > "$OUT/vnu.log" 2>&1; then
		pass "the Nu HTML Checker finds no error in any of the $nhtml pages (and in the variants above)"
	else
		fail "the Nu HTML Checker finds no error in any page" "$(head -10 "$OUT/vnu.log")"
	fi
else
	fail "the Nu HTML Checker is installed (make test installs it)"
fi

# Internal links.
if [ -x build/tools/linkcheck ]; then
	if build/tools/linkcheck --base https://benchmark.example.org/ --optional certificates/ "$site" > "$OUT/links.log" 2>&1; then
		pass "every internal link and asset resolves ($(tail -1 "$OUT/links.log"))"
	else
		fail "every internal link and asset resolves" "$(head -10 "$OUT/links.log")"
	fi
	mkdir -p "$OUT/broken-links"
	printf '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><a href="nowhere/">x</a><a href="#nope">y</a><img src="../x.png" alt=""></body></html>\n' > "$OUT/broken-links/index.html"
	nb=$(build/tools/linkcheck "$OUT/broken-links" | tail -1)
	[ "$nb" = "3 links checked, 3 broken" ] && pass "the link check finds broken links" || fail "the link check finds broken links" "$nb"
else
	fail "build/tools/linkcheck is built (make test builds it)"
fi

# The certificate renderer writes the PDFs the case pages link to.
if "$QBPRESS" --help | grep -q -- '--only.*certificates'; then
	if "$QBPRESS" build -C content -o "$OUT/certs" --only "$renderers,certificates" -q 2> "$OUT/certs.err" &&
		build/tools/linkcheck "$OUT/certs/site" > "$OUT/certs-links.log" 2>&1; then
		pass "with the certificate renderer, every certificate link of the case pages resolves"
	else
		fail "with the certificate renderer, every certificate link of the case pages resolves" "$(head -5 "$OUT/certs.err" "$OUT/certs-links.log")"
	fi
fi

# Reproducible, with and without worker processes (the corpus has enough
# cases for -j to fork).
sh tests/bench/corpus.sh 1 140 "$OUT/corpus" > /dev/null 2>&1
"$QBPRESS" build -C content -o "$OUT/b" --only "$renderers" -j 1 -q 2> /dev/null
[ "$(tree_hash "$OUT/a/site")" = "$(tree_hash "$OUT/b/site")" ] && pass "the bundled site builds byte-identically" ||
	fail "the bundled site builds byte-identically" "$(diff -rq "$OUT/a/site" "$OUT/b/site" | head -5)"
if "$QBPRESS" build -C "$OUT/corpus/content" -o "$OUT/c1" --only site -j 1 -q 2> "$OUT/c1.err" &&
	"$QBPRESS" build -C "$OUT/corpus/content" -o "$OUT/c4" --only site -j 4 -q 2> "$OUT/c4.err"; then
	[ "$(tree_hash "$OUT/c1/site")" = "$(tree_hash "$OUT/c4/site")" ] &&
		pass "a 140-case corpus builds the same with -j 1 and -j 4 (worker processes)" ||
		fail "a 140-case corpus builds the same with -j 1 and -j 4" "$(diff -rq "$OUT/c1/site" "$OUT/c4/site" | head -5)"
else
	fail "the generated corpus builds" "$(cat "$OUT/c1.err" "$OUT/c4.err" | head -5)"
fi

# The library's lists in pages (cards_per_page in the theme's site.yaml):
# the 140-case corpus with the default theme's 60, then with 9 in a theme
# of its own; a bad value stops the build and keeps the previous output.
if [ -f "$OUT/c1/site/cases/index.html" ]; then
	python3 tests/tools/check_pages.py "$OUT/c1/site" 60 > "$OUT/pages60.log" 2>&1
	grep -q '^ok' "$OUT/pages60.log" && pass "$(sed 's/^ok - //' "$OUT/pages60.log") (default theme)" ||
		fail "the library's lists are in pages of 60 cards" "$(cat "$OUT/pages60.log")"
	grep -q '<loc>https://benchmark.example.org/cases/page/3/</loc>' "$OUT/c1/site/sitemap.xml" &&
		grep -q '<link rel="canonical" href="https://benchmark.example.org/cases/page/2/">' "$OUT/c1/site/cases/page/2/index.html" &&
		grep -q '<title>典型经验案例库（第 2 页） - ' "$OUT/c1/site/cases/page/2/index.html" &&
		pass "the further pages are in the sitemap and name their page in title and canonical address" ||
		fail "the further pages are in the sitemap and name their page in title and canonical address"
fi
# links_and_html OUTPUT LINKS PAGES FILE...: every link of OUTPUT/site
# resolves (LINKS names the site) and the Nu HTML Checker finds no error
# in the FILEs and folders (PAGES names them).
links_and_html() {
	o=$1 links=$2 pages=$3
	shift 3
	if build/tools/linkcheck --base https://benchmark.example.org/ --optional certificates/ "$o/site" > "$o.links.log" 2>&1; then
		pass "every link of $links resolves ($(tail -1 "$o.links.log"))"
	else
		fail "every link of $links resolves" "$(head -5 "$o.links.log")"
	fi
	if command -v java >/dev/null && [ -f tests/node_modules/vnu-jar/build/dist/vnu.jar ]; then
		java -jar tests/node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --errors-only "$@" > "$o.vnu.log" 2>&1 &&
			pass "the Nu HTML Checker finds no error in $pages" ||
			fail "the Nu HTML Checker finds no error in $pages" "$(head -10 "$o.vnu.log")"
	fi
}
mkdir -p "$OUT/corpus/themes/nine"
printf '# Nine cards a page.\ncards_per_page: 9\n' > "$OUT/corpus/themes/nine/site.yaml"
rm -rf "$OUT/c9"
if "$QBPRESS" build -C "$OUT/corpus/content" -o "$OUT/c9" --only "$renderers" --theme nine -q 2> "$OUT/c9.err"; then
	python3 tests/tools/check_pages.py "$OUT/c9/site" 9 > "$OUT/pages9.log" 2>&1
	grep -q '^ok' "$OUT/pages9.log" && [ -f "$OUT/c9/site/cases/page/16/index.html" ] &&
		pass "$(sed 's/^ok - //' "$OUT/pages9.log") (a theme's cards_per_page: 9)" ||
		fail "a theme's cards_per_page re-splits the lists" "$(cat "$OUT/pages9.log")"
	links_and_html "$OUT/c9" "the paged site (its pagers too)" "the paged lists" \
		"$OUT/c9/site/cases/page" "$OUT/c9/site/cases/focus" "$OUT/c9/site/cases/index.html"
	if command -v node >/dev/null && [ -x /usr/bin/chromium ] && [ -d tests/node_modules/playwright-core ]; then
		node tests/site/paged.js "$OUT/c9/site" > "$OUT/paged.log" 2>&1 || fail "the paged library browser test exits 0"
		cat "$OUT/paged.log"
	fi
else
	fail "a theme with cards_per_page: 9 builds" "$(head -5 "$OUT/c9.err")"
fi
# bad_setting CORPUS THEME NAME KEY POS HEAD VALUES...: each value of KEY,
# written after the lines HEAD in THEME's site.yaml, stops the build of
# CORPUS into $OUT/NAME and its check with "site.yaml:POS: error:" and
# leaves the site built there before as it was.
bad_setting() {
	corpus=$1 theme=$2 out=$OUT/$3 key=$4 pos=$5 head=$6
	shift 6
	before=$(tree_hash "$out/site")
	msg="$theme/site.yaml:$pos: error: '$key' must be a whole number from 1 to 10000"
	for bad in "$@"; do
		printf '%s\n%s: %s\n' "$head" "$key" "$bad" > "$corpus/themes/$theme/site.yaml"
		"$QBPRESS" build -C "$corpus/content" -o "$out" --only "$renderers" --theme "$theme" -q 2> "$out.bad.err"
		rc=$?
		"$QBPRESS" check -C "$corpus/content" --theme "$theme" -q 2> "$out.check.err"
		crc=$?
		if [ "$rc" = 0 ] || ! grep -qF "$msg" "$out.bad.err" || [ "$(tree_hash "$out/site")" != "$before" ] ||
			[ "$crc" = 0 ] || ! grep -qF "$msg" "$out.check.err"; then
			fail "$key: $bad stops the build and check at its line and column, the previous site untouched" "status $rc, check $crc" "$(head -3 "$out.bad.err" "$out.check.err")"
			return
		fi
	done
	pass "a $key that is not a whole number from 1 to 10000 ($*) stops the build and check at its line and column; the previous site stays"
}
bad_setting "$OUT/corpus" nine c9 cards_per_page 2:17 '# Nine cards a page.' 0 many 12.5 '[9]'

# The certificate lookup by year (certificates_per_list in the theme's
# site.yaml): the 140 certificates of the generated corpus are under the
# default theme's 500, so /verify/ lists them all; a corpus of three years
# with a theme of 40 lists the years, each with a page of its numbers; a
# bad value stops the build and check and keeps the previous output.
if [ -f "$OUT/c1/site/verify/index.html" ]; then
	python3 tests/tools/check_verify.py "$OUT/c1/site" numbers > "$OUT/verify500.log" 2>&1 &&
		pass "$(sed 's/^ok - //' "$OUT/verify500.log") (default theme, 140 certificates)" ||
		fail "at or under certificates_per_list, /verify/ lists every number" "$(cat "$OUT/verify500.log")"
fi
sh tests/bench/corpus.sh 3 30 "$OUT/vcorpus" > /dev/null 2>&1
mkdir -p "$OUT/vcorpus/themes/forty"
printf '# Forty certificates by number at most.\ncards_per_page: 60\ncertificates_per_list: 40\n' > "$OUT/vcorpus/themes/forty/site.yaml"
rm -rf "$OUT/v40"
if "$QBPRESS" build -C "$OUT/vcorpus/content" -o "$OUT/v40" --only "$renderers" --theme forty -q 2> "$OUT/v40.err"; then
	[ ! -s "$OUT/v40.err" ] && pass "a theme with certificates_per_list: 40 builds 90 certificates without a word" ||
		fail "a theme with certificates_per_list: 40 builds without a word" "$(head -5 "$OUT/v40.err")"
	python3 tests/tools/check_verify.py "$OUT/v40/site" years > "$OUT/verify40.log" 2>&1 &&
		pass "$(sed 's/^ok - //' "$OUT/verify40.log") (certificates_per_list: 40)" ||
		fail "over certificates_per_list, /verify/ lists the years and each year has its page" "$(cat "$OUT/verify40.log")"
	links_and_html "$OUT/v40" "the site with pages of certificates by year" \
		"/verify/ and the pages of certificates by year" "$OUT/v40/site/verify/year" "$OUT/v40/site/verify/index.html"
else
	fail "a theme with certificates_per_list: 40 builds" "$(head -5 "$OUT/v40.err")"
fi
bad_setting "$OUT/vcorpus" forty v40 certificates_per_list 3:24 "$(printf '# Forty certificates by number at most.\ncards_per_page: 60')" \
	0 10001 many 12.5 '[9]'

# A theme that overrides one module: the default page templates use it.
rm -rf "$OUT/themed"
mkdir -p "$OUT/themed/themes/civic/templates/site" "$OUT/themed/themes/civic/static"
cp -R content "$OUT/themed/content"
sed 's/跳到正文/直达正文/' themes/default/templates/site/layout.xsl > "$OUT/themed/themes/civic/templates/site/layout.xsl"
printf 'body { background: #fffdf5; }\n' > "$OUT/themed/themes/civic/static/site.css"
if "$QBPRESS" build -C "$OUT/themed/content" -o "$OUT/themed/out" --only site --theme civic -q 2> "$OUT/themed.err"; then
	t=$OUT/themed/out/site
	grep -q '直达正文' "$t/cases/index.html" && grep -q '直达正文' "$t/notices/2025-publicity/index.html" &&
		grep -q '#fffdf5' "$t/static/site.css" && [ -f "$t/static/qb.js" ] &&
		pass "a theme overrides one template module and one static file; the rest comes from the default theme" ||
		fail "a theme overrides one template module and one static file"
else
	fail "a theme with one template builds" "$(head -5 "$OUT/themed.err")"
fi
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:value-of select="$nope"/></xsl:template></xsl:stylesheet>\n' \
	> "$OUT/themed/themes/civic/templates/site/home.xsl"
"$QBPRESS" build -C "$OUT/themed/content" -o "$OUT/themed/out" --only site --theme civic -q 2> "$OUT/themed2.err"
rc=$?
[ "$rc" = 1 ] && grep -q 'civic/templates/site/home.xsl' "$OUT/themed2.err" &&
	pass "a broken theme template fails the build with its file name" ||
	fail "a broken theme template fails the build with its file name" "status $rc" "$(head -3 "$OUT/themed2.err")"

# A narrative's table: the default theme boxes it; a theme without a table
# template gets it as standard HTML. Either way the header cells have
# scope="col" and every cell of an aligned column its align- class. Its
# headings start at h2.
rm -rf "$OUT/tables"
mkdir -p "$OUT/tables/themes/bare/templates/site"
cp -R content "$OUT/tables/content"
printf '\n# 总结与*展望*\n\n#### 细节\n\n## ！！！\n\n| 指标 | 实施前 | 实施后 |\n|:--|:-:|--:|\n| [合格率](https://example.org/) | 95.2 | 99.3 |\n| 返修 | 38 | 7.5 |\n' \
	>> "$OUT/tables/content/campaigns/2025/cases/lanyue-precision.md"
python3 -c 'import re,sys; s=open(sys.argv[1]).read(); open(sys.argv[2],"w").write(re.sub(r"  <xsl:template match=\"cm:table\" mode=\"md\">.*?</xsl:template>\n", "", s, flags=re.S))' \
	themes/default/templates/site/markdown.xsl "$OUT/tables/themes/bare/templates/site/markdown.xsl"
rows='<thead><tr><th scope="col" class="align-left">指标</th><th scope="col" class="align-center">实施前</th><th scope="col" class="align-right">实施后</th></tr></thead><tbody><tr><td class="align-left"><a href="https://example.org/">合格率</a></td><td class="align-center">95.2</td><td class="align-right">99.3</td></tr><tr><td class="align-left">返修</td><td class="align-center">38</td><td class="align-right">7.5</td></tr></tbody></table>'
if ! grep -q 'cm:table' "$OUT/tables/themes/bare/templates/site/markdown.xsl" &&
	"$QBPRESS" build -C "$OUT/tables/content" -o "$OUT/tables/a" --only site -q 2> "$OUT/tables.err" &&
	"$QBPRESS" build -C "$OUT/tables/content" -o "$OUT/tables/b" --only site --theme bare -q 2>> "$OUT/tables.err"; then
	page=site/cases/2025/lanyue-precision/index.html
	grep -qF "aria-label=\"表格（可左右滚动）\"><table>$rows</div>" "$OUT/tables/a/$page" &&
		pass "the default theme boxes a narrative's table: header cells scope=col, aligned columns' cells their class" ||
		fail "the default theme boxes a narrative's table" "$(grep -o '<table>.*</table>' "$OUT/tables/a/$page" | head -3)"
	grep -qF "<table>$rows" "$OUT/tables/b/$page" && ! grep -q 'table-wrap' "$OUT/tables/b/$page" &&
		pass "a theme without a table template gets the same table as standard HTML" ||
		fail "a theme without a table template gets the table as standard HTML" "$(grep -o '<table>.*</table>' "$OUT/tables/b/$page" | head -3)"
	heads='<h2 id="总结与展望">总结与<em>展望</em></h2><h4 id="细节">细节</h4><h2>！！！</h2>'
	grep -qF "$heads" "$OUT/tables/a/$page" &&
		pass "a narrative's headings start at h2, with their anchor; a heading without one has no id" ||
		fail "a narrative's headings start at h2, with their anchor" "$(grep -o '<h[1-6][^>]*>[^<]*' "$OUT/tables/a/$page" | tail -4)"
else
	fail "the tables' corpus builds with both themes" "$(head -5 "$OUT/tables.err")"
fi

# Parts made once (qb:cached): the menu marks each page's own section at
# every depth; a theme's part keyed by the page shows each page its own, a
# part with one key is made once and the same on every page; a part with
# no key, or one that sets an attribute of the element around it, stops
# the build with the template's name.
python3 tests/tools/check_menu.py "$site" > "$OUT/menu.log" 2>&1 &&
	pass "$(tail -1 "$OUT/menu.log" | sed 's/^ok - //') (the menu is made once per depth and section)" ||
	fail "every page's menu marks its own section" "$(head -5 "$OUT/menu.log")"
rm -f "$OUT/themed/themes/civic/templates/site/home.xsl"
civic=$OUT/themed/themes/civic/templates/site/layout.xsl
sed 's|<main id="main" class="wrap">|&<qb:cached key="$path"><p class="probe-path"><xsl:value-of select="$path"/></p></qb:cached><qb:cached key="'"'one'"'"><p class="probe-one"><xsl:value-of select="$path"/></p></qb:cached>|' \
	themes/default/templates/site/layout.xsl > "$civic"
rm -rf "$OUT/themed/out"
if "$QBPRESS" build -C "$OUT/themed/content" -o "$OUT/themed/out" --only site --theme civic -j 1 -q 2> "$OUT/themed3.err"; then
	t=$OUT/themed/out/site
	own=0 pages=0
	for f in "$t/index.html" "$t/cases/index.html" "$t/verify/QB2025-001/index.html" "$t/cases/2024/lanfeng-bearing/index.html"; do
		pages=$((pages + 1))
		p=${f#"$t/"}
		p=${p%index.html}
		grep -q "<p class=\"probe-path\">$p</p>" "$f" && own=$((own + 1))
	done
	# One template, one key: the verification pages of certificates show
	# one path among them, the library's pages another.
	vones=$(find "$t/verify" -path "$t/verify/QB*" -name index.html -exec grep -ho '<p class="probe-one">[^<]*</p>' {} + | sort -u | wc -l)
	lones=$(find "$t/cases" -path "$t/cases/[a-z]*" -name index.html -exec grep -ho '<p class="probe-one">[^<]*</p>' {} + | sort -u | wc -l)
	nv=$(find "$t/verify" -path "$t/verify/QB*" -name index.html | wc -l)
	[ "$own" = "$pages" ] && pass "a part keyed by the page's path shows each page its own path ($own pages)" ||
		fail "a part keyed by the page's path shows each page its own path" "$own of $pages"
	[ "$vones" = 1 ] && [ "$lones" = 1 ] && [ "$nv" -gt 10 ] &&
		pass "a part with one key is made once per template: one path on the $nv verification pages, one on the library's pages" ||
		fail "a part with one key is made once per template" "$vones different on $nv verification pages, $lones on the library's pages"
else
	fail "a theme with parts made once builds" "$(head -5 "$OUT/themed3.err")"
fi
for broken in 'key' 'attr'; do
	case $broken in
	key) part='<qb:cached><p>x</p></qb:cached>' what='no key' ;;
	attr) part='<qb:cached key="1"><xsl:attribute name="data-x">1</xsl:attribute></qb:cached>' what='an attribute of the element around it' ;;
	esac
	sed "s|<main id=\"main\" class=\"wrap\">|&$part|" themes/default/templates/site/layout.xsl > "$civic"
	"$QBPRESS" build -C "$OUT/themed/content" -o "$OUT/themed/out" --only site --theme civic -q 2> "$OUT/themed-$broken.err"
	rc=$?
	[ "$rc" = 1 ] && grep -q 'templates/site/[a-z0-9]*\.xsl: error: .*qb:cached' "$OUT/themed-$broken.err" &&
		grep -q 'layout.xsl line 8[0-9]' "$OUT/themed-$broken.err" &&
		cmp -s "$OUT/themed/out/site/index.html" "$t/index.html" &&
		pass "a qb:cached part with $what stops the build, names the template and the line, keeps the last output" ||
		fail "a qb:cached part with $what stops the build with the template and line" "status $rc" "$(head -c 600 "$OUT/themed-$broken.err")"
done
rm -f "$civic"

# A copy for a file share (--relative): folder links name index.html, the
# search data comes as scripts, every link leads to a file.
rm -rf "$OUT/share"
if "$QBPRESS" build -C content -o "$OUT/share" --only "$renderers" --relative -q 2> "$OUT/share.err" &&
	grep -q 'href="../../../cases/year/2024/index.html"' "$OUT/share/site/cases/2024/lanfeng-bearing/index.html" &&
	grep -q 'data-index-file="index.html"' "$OUT/share/site/cases/index.html" &&
	grep -q '<script src="../cases/index.js" defer' "$OUT/share/site/cases/index.html" &&
	grep -q '<script src="../verify/index.js" defer' "$OUT/share/site/verify/index.html" &&
	head -c 17 "$OUT/share/site/cases/index.js" | grep -q '^window.qbCases = ' &&
	head -c 24 "$OUT/share/site/verify/index.js" | grep -q '^window.qbCertificates = ' &&
	build/tools/linkcheck --files --optional certificates/ "$OUT/share/site" > "$OUT/share-links.log"; then
	pass "build --relative: links name index.html, the search data loads as scripts, every link leads to a file ($(tail -1 "$OUT/share-links.log"))"
else
	fail "build --relative: links name index.html, the search data loads as scripts, every link leads to a file" \
		"$(head -5 "$OUT/share.err" "$OUT/share-links.log")"
fi
if build/tools/linkcheck --files --optional certificates/ "$site" > "$OUT/noshare-links.log"; then
	fail "the link check finds folder links in a site built without --relative"
else
	pass "the link check finds folder links in a site built without --relative ($(tail -1 "$OUT/noshare-links.log"))"
fi
[ ! -e "$site/cases/index.js" ] && [ ! -e "$site/verify/index.js" ] && ! grep -q 'index.js"' "$site/cases/index.html" &&
	pass "a site for a web server fetches the search data as JSON (no index.js)" ||
	fail "a site for a web server fetches the search data as JSON (no index.js)"

# Headless Chromium: search, facets, verification, screenshots.
if command -v node >/dev/null && [ -x /usr/bin/chromium ] && [ -d tests/node_modules/playwright-core ]; then
	node tests/site/browser.js "$site" "$OUT/screenshots" > "$OUT/browser.log" 2>&1
	cat "$OUT/browser.log"
	node tests/site/a11y.js "$site" > "$OUT/a11y.log" 2>&1
	rc=$?
	cat "$OUT/a11y.log"
	[ "$rc" = 0 ] && grep -q '^ok - axe' "$OUT/a11y.log" || fail "the accessibility audit (axe-core) passes" "exit $rc"
	ls "$OUT"/screenshots/*-375.png "$OUT"/screenshots/*-1280.png > /dev/null 2>&1 &&
		pass "screenshots at 375 and 1280 px are in $OUT/screenshots" || fail "screenshots at 375 and 1280 px are saved"
else
	fail "node, chromium and playwright-core are installed (make test installs them)"
fi
