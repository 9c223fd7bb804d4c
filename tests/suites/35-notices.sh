#!/bin/sh
# Notices: one text in every channel, every phase of every campaign, the
# official PDFs.
#  - The bundled content on the test date and on a day inside the 2026
#    publicity, and a tree with next year's campaign drafted beside a live
#    publicity: every notice says the same, paragraph by paragraph, on its
#    page, printed (Chromium, A4), in its WeChat article and in its PDF
#    (tests/tools/notice_channels.py); no printed page holds the signature
#    without the last paragraph (tests/site/notices.js).
#  - The PDFs after GB/T 9704-2012 (tests/tools/notice_pdf.py), qpdf --check,
#    every font embedded, the same bytes with -j 1 and -j 2.
#  - Several campaigns live at once: each with its own state on the home
#    page and the notices list; the countdown on the reader's day in
#    Chromium with its clock set (tests/site/countdown.js).
#  - What the notices say: the withdrawn record on the announcement, the
#    announcement a revocation cites, the exchange activities; the list by
#    year with numbers and states; the exchange page.
#  - The program has no wording of its own.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
export SOURCE_DATE_EPOCH=1764028800
CH=tests/tools/notice_channels.py
VNU=tests/node_modules/vnu-jar/build/dist/vnu.jar
browser=false
command -v node > /dev/null && [ -x /usr/bin/chromium ] && [ -d tests/node_modules/playwright-core ] && browser=true

# build NAME CONTENT [options]: a full build into $OUT/NAME.
build() {
	name=$1 content=$2
	shift 2
	rm -rf "$OUT/$name"
	if "$QBPRESS" build -C "$content" -o "$OUT/$name" -q "$@" 2> "$OUT/$name.err" && [ ! -s "$OUT/$name.err" ]; then
		pass "$name: builds, printing nothing"
	else
		fail "$name: builds, printing nothing" "$(head -10 "$OUT/$name.err")"
		return 1
	fi
}

# channels NAME: every notice of a build, in every channel.
channels() {
	if $browser; then
		node tests/site/notices.js "$OUT/$1/site" "$OUT/$1.print.json" "$OUT/$1.printed" > "$OUT/$1.print.log" 2>&1
		sed "s/^\(\(not \)\{0,1\}ok - \)/\1$1: /" "$OUT/$1.print.log"
		python3 "$CH" "$OUT/$1" "$OUT/$1.print.json" | sed "s/^\(\(not \)\{0,1\}ok - \)/\1$1: /"
	else
		fail "$1: node, chromium and playwright-core are installed (make test installs them)"
		python3 "$CH" "$OUT/$1" | sed "s/^\(\(not \)\{0,1\}ok - \)/\1$1: /"
	fi
}

# ---- the bundled content ---------------------------------------------------
build bundled content && channels bundled
build live content --today 2026-11-25 && channels live
b=$OUT/bundled/site
l=$OUT/live/site

n=$(find "$b/notices" -name '*.pdf' | wc -l)
pages=$(find "$b/notices" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$n" = 5 ] && [ "$n" = "$pages" ] && pass "an official PDF per published notice ($n)" ||
	fail "an official PDF per published notice" "$n PDFs, $pages notice pages"
[ ! -e "$b/notices/2026-publicity" ] && [ -f "$l/notices/2026-publicity/2026-publicity.pdf" ] &&
	pass "a publicity notice's PDF is published with its page, on its date" ||
	fail "a publicity notice's PDF is published with its page, on its date"
for f in "$b"/notices/*/*.pdf "$l/notices/2026-publicity/2026-publicity.pdf"; do
	s=$(basename "$f" .pdf)
	check "$s.pdf: qpdf --check passes" qpdf --check "$f"
	if pdffonts "$f" 2> /dev/null | awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") { bad = 1 } NR > 2 { n++ } END { exit bad || !n }'; then
		pass "$s.pdf: every font embedded, subset, with ToUnicode"
	else
		fail "$s.pdf: every font embedded, subset, with ToUnicode" "$(pdffonts "$f" 2>&1)"
	fi
	grep -q "href=\"\.\./\.\./notices/$s/$s.pdf\" type=\"application/pdf\"" "$(dirname "$f")/index.html" &&
		pass "$s.pdf: linked from its notice page" || fail "$s.pdf: linked from its notice page"
done
python3 tests/tools/notice_pdf.py "$b"/notices/*/*.pdf "$l/notices/2026-publicity/2026-publicity.pdf"
"$QBPRESS" build -C content -o "$OUT/j1" --only notices -q -j 1 2> /dev/null
"$QBPRESS" build -C content -o "$OUT/j2" --only notices -q -j 2 2> /dev/null
pdfs() { (cd "$1" && find . -name '*.pdf' | sort | xargs sha256sum); }
[ -n "$(pdfs "$OUT/j1")" ] && [ "$(pdfs "$OUT/j1/site/notices")" = "$(pdfs "$b/notices")" ] &&
	[ "$(pdfs "$OUT/j1")" = "$(pdfs "$OUT/j2")" ] &&
	[ -z "$(find "$OUT/j1" -name '*.html')" ] &&
	pass "the PDFs are the same bytes with -j 1 and -j 2, alone or beside the site" ||
	fail "the PDFs are the same bytes with -j 1 and -j 2" "$(diff -rq "$OUT/j1" "$OUT/j2" | head -3)"

# What the notices say.
a=$b/notices/2025-announcement/index.html
grep -q '公示的9项典型经验中，1项经调查核实并报评审委员会审议，未列入本名单；其余8项列入本名单。' "$a" &&
	! grep -q '未列入本名单' "$b/notices/2024-announcement/index.html" &&
	pass "the announcement says how many were publicised and how many announced, where a record was withdrawn" ||
	fail "the announcement explains a withdrawn record"
grep -q '<p><time datetime="2024-11-15">2024年11月15日</time>，中国质量协会发布《关于公布2024年全国质量标杆名单的公告》（中质协质字〔2024〕118号），安徽金硕建材集团有限公司' \
	"$b/notices/revocation-QB2024-006/index.html" &&
	pass "the revocation notice cites the announcement that conferred the title (its date and number)" ||
	fail "the revocation notice cites the announcement that conferred the title"
grep -q '（一）2025年全国质量标杆经验交流会：<time datetime="2026-03-18">2026年3月18日</time>，青岛。' "$a" &&
	grep -q '（二）质量管理数字化专题交流活动：<time datetime="2025-05-16">2025年5月16日</time>，重庆。' \
		"$b/notices/2024-announcement/index.html" &&
	pass "the announcement lists its campaign's exchange activities" ||
	fail "the announcement lists its campaign's exchange activities"
x=$b/exchange/index.html
if [ -f "$x" ] && grep -q '<h2 id="exchange-2025">2025年全国质量标杆</h2>' "$x" &&
	grep -q '<h2 id="exchange-2024">2024年全国质量标杆</h2>' "$x" &&
	[ "$(grep -o 'class="exchange-title"' "$x" | wc -l)" = 3 ] &&
	[ "$(grep -o 'exchange-2025' "$x" | head -1)" = exchange-2025 ] &&
	[ "$(grep -bo 'exchange-2025' "$x" | head -1 | cut -d: -f1)" -lt "$(grep -bo 'exchange-2024' "$x" | head -1 | cut -d: -f1)" ]; then
	pass "the exchange page lists the activities by year, newest first"
else
	fail "the exchange page lists the activities by year, newest first"
fi
grep -q '<span class="exchange-title">2025年全国质量标杆经验交流会</span>' "$b/index.html" &&
	! grep -q '<span class="exchange-title">质量管理数字化专题交流活动</span>' "$b/index.html" &&
	grep -q 'href="exchange/"' "$b/index.html" &&
	pass "the home page shows the exchange activities to come and links them all" ||
	fail "the home page shows the exchange activities to come"
list=$b/notices/index.html
grep -q '<h2 id="notices-2025">2025年全国质量标杆</h2>' "$list" && grep -q '<h2 id="notices-2024">2024年全国质量标杆</h2>' "$list" &&
	grep -q '中质协质字〔2025〕41号' "$list" && grep -q '称号已撤销' "$list" &&
	grep -q '公示期已结束，结果已公告' "$list" &&
	grep -q '<span class="notice-state" data-text="">公示中，截至<time datetime="2026-11-25">' "$l/notices/index.html" &&
	pass "the notices list groups by year, with each notice's number and state" ||
	fail "the notices list groups by year, with each notice's number and state"

# ---- next year's campaign drafted beside a live publicity ------------------
t=$OUT/next-tree
rm -rf "$t"
mkdir -p "$t"
cp -R content "$t/content"
c=$t/content/campaigns/2027
mkdir -p "$c/cases"
printf 'year: 2027\nholidays: [2027-01-01]\nworkdays: []\n' > "$t/content/calendar/2027.yaml"
printf 'year: 2027\npublicity:\n  date: 2027-01-12\n  number: 中质协质字〔2027〕3号\n' > "$c/campaign.yaml"
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 2' content/campaigns/2026/records.yaml |
	sed 's/^- id: \(.*\)/- id: \1-next/; s/profitable: \[2023, 2024, 2025\]/profitable: [2024, 2025, 2026]/; s/valid_until: 2027-/valid_until: 2028-/' > "$c/records.yaml"
for id in $(sed -n 's/^- id: \(.*\)-next$/\1/p' "$c/records.yaml"); do
	sed 's|](\.\./\.\./\.\./|](../../../|' "content/campaigns/2026/cases/$id.md" > "$c/cases/$id-next.md"
done
if (cd "$t" && "$QBPRESS" check --today 2026-11-25 > /dev/null 2> check.err) && [ "$(cat "$t/check.err")" = "0 errors, 0 warnings" ]; then
	pass "next: the tree with a 2027 campaign checks clean"
else
	fail "next: the tree with a 2027 campaign checks clean" "$(head -5 "$t/check.err")"
fi
build next "$t/content" --today 2026-11-25 && channels next
build next-review "$t/content" --today 2027-01-13
h=$OUT/next/site/index.html
state() { grep -oP '<p class="notice-state" data-text="">.*?</p>' "$1"; }
if grep -q '<h2 id="status-2027">2027年全国质量标杆</h2>' "$h" && grep -q '<h2 id="status-2026">2026年全国质量标杆</h2>' "$h" &&
	state "$h" | grep -q '推荐名单将于<strong><time datetime="2027-01-12">2027年1月12日</time></strong>开始公示' &&
	state "$h" | grep -q '截至<time datetime="2026-11-25">2026年11月25日</time>（本页生成之日），还剩<strong class="big">5</strong>个工作日。对推荐名单有异议的，请于<strong><time datetime="2026-12-01">2026年12月1日</time></strong>前' &&
	[ "$(grep -bo 'status-2027' "$h" | head -1 | cut -d: -f1)" -lt "$(grep -bo 'status-2026' "$h" | head -1 | cut -d: -f1)" ]; then
	pass "next: the home page shows next year's campaign to come and this year's running publicity, its countdown and deadline"
else
	fail "next: the home page shows both campaigns, each with its own state" "$(state "$h")"
fi
[ -f "$OUT/next/site/notices/2026-publicity/index.html" ] && [ ! -e "$OUT/next/site/notices/2027-publicity" ] &&
	state "$OUT/next/site/notices/2026-publicity/index.html" | grep -q '还剩<strong class="big">5</strong>个工作日' &&
	pass "next: the running publicity's notice keeps its countdown; next year's is not out yet" ||
	fail "next: the running publicity's notice keeps its countdown"
h=$OUT/next-review/site/index.html
state "$h" | grep -q '公示期已结束（公示时间：<time datetime="2026-11-18">2026年11月18日</time>至<time datetime="2026-12-01">12月1日</time>）。办公室正在对异议进行调查核实' &&
	state "$h" | grep -q '截至<time datetime="2027-01-13">2027年1月13日</time>（本页生成之日），还剩<strong class="big">9</strong>个工作日' &&
	grep -q '关于2027年全国质量标杆推荐名单的公示' "$OUT/next-review/site/notices/index.html" &&
	pass "next: on 2027-01-13, 2026 under review and 2027 in publicity, each with its own state" ||
	fail "next: on 2027-01-13, 2026 under review and 2027 in publicity, each with its own state" "$(state "$h")"
if [ -f "$VNU" ] && command -v java > /dev/null; then
	if java -jar "$VNU" --skip-non-html --errors-only "$OUT/next/site" "$OUT/next-review/site" "$l" > "$OUT/vnu.log" 2>&1; then
		pass "the Nu HTML Checker finds no error in the sites of every phase"
	else
		fail "the Nu HTML Checker finds no error in the sites of every phase" "$(head -5 "$OUT/vnu.log")"
	fi
else
	fail "the Nu HTML Checker is installed (make test installs it)"
fi

# The countdown on the reader's day: inside the period, after it, before
# it; and the build day's text with scripts off.
if $browser; then
	node tests/site/countdown.js "$OUT/next/site" 2026-publicity 2026-11-25 \
		'[["2026-11-27", "还剩3个工作日", "公示期已结束"], ["2026-12-05", "公示期已结束", "还剩"], ["2026-11-16", "2026年11月18日开始", "还剩"]]' \
		> "$OUT/countdown.log" 2>&1
	cat "$OUT/countdown.log"
fi

# ---- a text template that writes the wrong shape --------------------------------
# Each notice's text is composed on the worker processes; a template whose
# text lacks the required parts fails the build with one diagnostic a
# notice, naming the template, and leaves no output, with -j 1 and -j 2.
# The bundled content has six notices: the publicity of 2024, 2025 and
# 2026, the announcements of 2024 and 2025, one revocation.
n_notices=6
T=$OUT/badtext
rm -rf "$T"
mkdir -p "$T/themes/bad/templates/notice"
cp -R content "$T/content"
cat > "$T/themes/bad/templates/notice/text.xsl" << 'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:template match="/"><notice><head><title>标题</title></head></notice></xsl:template>
</xsl:stylesheet>
XSL
for j in 1 2; do
	"$QBPRESS" build -C "$T/content" -o "$T/out-$j" --theme bad -q -j $j > /dev/null 2> "$T/err-$j"
	rc=$?
	nd=$(grep -c 'themes/bad/templates/notice/text.xsl: error: the text of the .* notice .* is not one <notice> with head/title, body' "$T/err-$j")
	if [ $rc -eq 1 ] && [ "$nd" -eq "$n_notices" ] && [ ! -e "$T/out-$j" ]; then
		pass "a notice text without body or signature: one diagnostic a notice ($nd), exit 1, no output (-j $j)"
	else
		fail "a notice text without body or signature: one diagnostic a notice, exit 1, no output (-j $j; exit $rc, $nd of $n_notices)" "$(head -5 "$T/err-$j")"
	fi
done
cmp -s "$T/err-1" "$T/err-2" && pass "a notice text without body or signature: the same diagnostics with -j 1 and -j 2" ||
	fail "a notice text without body or signature: the same diagnostics with -j 1 and -j 2" "$(diff "$T/err-1" "$T/err-2" | head -5)"

# ---- the program's words -----------------------------------------------------
# Every word a reader sees comes from the theme or the content: the program
# holds Chinese only in the tables of standards (GB/T 2260 regions and
# their address segments, GB/T 4754 industries), in the classes of
# characters that line breaking and digests use, and in the diagnostics
# that name a full-width character the YAML reader found.
words=$(grep -nP '"[^"\n]*[\x{4e00}-\x{9fff}\x{3001}-\x{303f}\x{ff01}-\x{ff5e}]' generator/*.c generator/*/*.c generator/*/*/*.c |
	grep -v '^[^:]*:[0-9]*:[[:space:]]*\(\*\|/\*\|//\)' |
	grep -v '^generator/region\.c\|^generator/industry_table\.c\|^generator/address\.c\|^generator/render/pdf/pdf_break\.c\|^generator/markdown_html\.c:.*anchor_punct\|^generator/main\.c:.*publishing tool\|^generator/yamldoc\.c:.*full-width')
[ -z "$words" ] && pass "the program has no wording of its own (theme and content hold it)" ||
	fail "the program has no wording of its own" "$words"
