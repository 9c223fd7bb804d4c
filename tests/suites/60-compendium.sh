#!/bin/sh
# The experience compendium (output/site/compendium/<year>.pdf): one book per
# announced campaign and none for one in publicity or review; qpdf --check,
# every font embedded and subset, the outline holds every case, the text of
# every paragraph of every narrative in order, no line starting or ending
# with a prohibited character, contents entries that give the page where
# the case stands, every case on a right-hand page, no text outside the type
# area, page labels and document information, withdrawn and revoked cases
# left out, pictures as their PNGs hold them, reproducible bytes; hostile
# narratives laid out without overflow, crash or hang; characters no face
# has reported by `check`.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
export SOURCE_DATE_EPOCH=1764028800
TOOL=$ROOT/build/tools/book_check
[ -x "$TOOL" ] || make -s build/tools/book_check >/dev/null 2>&1 || { fail "build $TOOL"; exit 0; }

# The default theme's A4 page and margins (mm), in points; the body size.
PW=595.2756
PH=841.8898
mm() { awk -v v="$1" 'BEGIN { printf "%.4f", v * 72 / 25.4 }'; }
TOP=$(mm 30)
BOTTOM=$(mm 28)
INSIDE=$(mm 26)
OUTSIDE=$(mm 22)
EM=10.5

build() { # build NAME CONTENT_DIR [options…] into $OUT/NAME
	name=$1
	content=$2
	shift 2
	rm -rf "$OUT/$name"
	"$QBPRESS" build -C "$content" -o "$OUT/$name" --only compendium -q "$@" 2> "$OUT/$name.err"
}

fonts_ok() {
	pdffonts "$1" 2>&1 | awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad = 1 }
		END { exit bad || n == 0 }'
}

# model DIR: the model of a content tree, for the expected values.
model() {
	"$QBPRESS" model -C "$1" > "$OUT/model.xml" 2>/dev/null
}
xp() { xmllint --xpath "$1" "$OUT/model.xml" 2>/dev/null; }
# values XPATH: one value a line.
values() { xmllint --xpath "$1" "$OUT/model.xml" 2>/dev/null | sed 's/<[^>]*>/\n/g' | grep -v '^ *$'; }

# allowed PDF YEAR: the running heads (the book's title, each enterprise).
allowed() {
	pdfinfo "$1" 2>/dev/null | sed -n 's/^Title: *//p'
	values "//campaign[@year='$2']//record[@published='true']/enterprise"
}

# check_book PDF YEAR: the checks every book passes.
check_book() {
	pdf=$1
	year=$2
	tag="book $year"
	check "$tag: qpdf --check passes" qpdf --check "$pdf"
	check "$tag: pdffonts shows every font embedded, subset, with ToUnicode" fonts_ok "$pdf"
	pdftotext -raw "$pdf" "$OUT/$year.txt" 2> "$OUT/$year.pdftotext.err"
	allowed "$pdf" "$year" > "$OUT/$year.txt.allowed"
	r=$("$TOOL" text "$OUT/model.xml" "$year" "$OUT/$year.txt") &&
		pass "$tag: pdftotext gives every paragraph of every narrative, in order ($r)" ||
		fail "$tag: pdftotext gives every paragraph of every narrative, in order" "$r"
	pdftotext -bbox-layout "$pdf" "$OUT/$year.html" 2>/dev/null
	check "$tag: no line starts with ，。、；：！？）》」』】… or a closing quote, none ends with an opening one" \
		"$TOOL" lines "$OUT/$year.html"
	r=$("$TOOL" headings "$OUT/model.xml" "$year" "$OUT/$year.html" "$OUT/$year.txt.allowed") &&
		pass "$tag: no heading at the foot of a page ($r)" || fail "$tag: no heading at the foot of a page" "$r"
	r=$("$TOOL" breaks "$OUT/model.xml" "$year" "$OUT/$year.html" "$OUT/$year.txt.allowed") &&
		pass "$tag: no paragraph leaves one line alone at the foot or top of a page ($r)" ||
		fail "$tag: no paragraph leaves one line alone at the foot or top of a page" "$r"
	n=$(echo "$r" | sed -n 's/^\([0-9]*\) paragraphs cross.*/\1/p')
	crossing=$((crossing + ${n:-0}))
	check "$tag: no text outside the type area but running heads and folios" \
		"$TOOL" area "$OUT/$year.html" $PW $PH $TOP $BOTTOM $INSIDE $OUTSIDE $EM "$OUT/$year.txt.allowed"
	# the outline: every case's experience
	qpdf --json --json-key=outlines "$pdf" 2>/dev/null | sed -n 's/^ *"title": "\(.*\)",\{0,1\}$/\1/p' > "$OUT/$year.outline"
	missing=
	values "//campaign[@year='$year']//record[@published='true']/experience" > "$OUT/$year.cases"
	while IFS= read -r e; do
		grep -qxF -- "$e" "$OUT/$year.outline" || missing="$missing [$e]"
	done < "$OUT/$year.cases"
	[ -z "$missing" ] && [ -s "$OUT/$year.cases" ] &&
		pass "$tag: the outline holds every case ($(wc -l < "$OUT/$year.cases"))" ||
		fail "$tag: the outline holds every case" "missing:$missing"
	# contents: each entry's number is the page (its folio) where the case's
	# title stands, and that page is a right-hand one
	pdftotext -layout "$pdf" "$OUT/$year.layout" 2>/dev/null
	# the pages the links of the book lead to, by number from 1
	qpdf --qdf --object-streams=disable "$pdf" "$OUT/$year.qdf" 2>/dev/null
	awk '/^%% Page [0-9]+$/ { page = $3; next }
		/^[0-9]+ 0 obj$/ { obj = $1; if (page) { num[obj] = page; page = 0 } first = 1; d = ""; next }
		first && /^\[$/ { arr = obj; first = 0; next }
		arr && /^  [0-9]+ 0 R$/ { dest[arr] = $1; arr = 0; next }
		{ first = 0; arr = 0 }
		/^  \/Dest [0-9]+ 0 R$/ { d = $2 }
		/^  \/Subtype \/Link$/ && d != "" { links[++n] = d }
		END { for (i = 1; i <= n; i++) print num[dest[links[i]]] }' "$OUT/$year.qdf" | sort -un > "$OUT/$year.links"
	bad=
	while IFS= read -r e; do
		n=$(awk -v e="$e" 'BEGIN { RS = "\f" } index($0, e) { print; exit }' "$OUT/$year.layout" |
			grep -F -- "$e" | head -1 | awk '{ print $NF }')
		page=$(awk -v f="— $n —" 'BEGIN { RS = "\f" } { if (index($0, f)) { print NR; exit } }' "$OUT/$year.layout")
		head=$(printf '%s' "$e" | cut -c1-18)
		on=$(awk -v p="$page" 'BEGIN { RS = "\f" } NR == p' "$OUT/$year.layout" | tr -d ' ' | grep -cF -- "$head")
		if [ -z "$n" ] || [ -z "$page" ] || [ "$on" -eq 0 ] || [ $((n % 2)) -ne 1 ] || [ $((page % 2)) -ne 1 ] ||
			! grep -qx "$page" "$OUT/$year.links"; then
			bad="$bad [$e: contents $n, PDF page $page]"
		fi
	done < "$OUT/$year.cases"
	[ -z "$bad" ] && pass "$tag: each contents entry gives the page where its case's title stands, a right-hand page, and links to it" ||
		fail "$tag: each contents entry gives the page where its case's title stands, a right-hand page, and links to it" "$bad"
}

# ---- the bundled content ----
model content
if build a content -j 2; then
	pass "the bundled content builds its books"
else
	fail "the bundled content builds its books" "$(head -20 "$OUT/a.err")"
	exit 0
fi
[ ! -s "$OUT/a.err" ] && pass "the build prints nothing (no warnings, no sanitizer reports)" ||
	fail "the build prints nothing" "$(head -10 "$OUT/a.err")"
expected=$(xp "//campaign[@phase='announced']/@year" | sed 's/ *year="\([^"]*\)"/\1.pdf\n/g' | grep . | sort)
got=$(ls "$OUT/a/site/compendium" 2>/dev/null | sort)
[ -n "$expected" ] && [ "$expected" = "$got" ] &&
	pass "one book per announced campaign ($(echo $got)), none for a campaign in publicity or review" ||
	fail "one book per announced campaign" "expected: $(echo $expected)" "got: $(echo $got)"

crossing=0
for f in $got; do
	check_book "$OUT/a/site/compendium/$f" "${f%.pdf}"
done
[ "$crossing" -gt 0 ] && pass "the bundled books break $crossing paragraphs across pages (the check above saw them)" ||
	fail "some paragraph of the bundled books crosses a page (or the check of page breaks sees nothing)"

pdf=$OUT/a/site/compendium/2025.pdf
r=$(python3 tests/tools/png_rows.py "$pdf" content/images 2>&1) &&
	pass "pictures placed as their PNG holds them (the stream is the PNG's own data, not decoded and deflated again) and read back to the same pixels: $r" ||
	fail "pictures placed as their PNG holds them and read back to the same pixels" "$r"
info=$(pdfinfo "$pdf" 2>/dev/null)
echo "$info" | grep -q '^Title: *2025年全国质量标杆典型经验汇编$' &&
	echo "$info" | grep -q '^Author: *中国质量协会' &&
	echo "$info" | grep -q '^Creator: *qbpress' &&
	echo "$info" | grep -q '^CreationDate: *Wed Nov 19 16:00:00 2025 UTC' &&
	echo "$info" | grep -q '^Page size: *595.276 x 841.89 pts (A4)' &&
	pass "document info: title, author, creator, the announcement as date; A4 pages" ||
	fail "document info and page size" "$info"
labels=$(qpdf --json --json-key=pagelabels "$pdf" 2>/dev/null | tr -d ' \n')
front=$(printf '%s' "$labels" | sed -n 's/.*"index":\([0-9]*\),"label":{"\/S":"\/D".*/\1/p')
printf '%s' "$labels" | grep -q '"index":0,"label":{"/S":"/r"' && [ -n "$front" ] && [ $((front % 2)) -eq 0 ] &&
	pass "page labels: roman for the front matter, arabic from 1 for the body, which starts on a right-hand page" ||
	fail "page labels: roman for the front matter, arabic from 1 for the body" "$labels"
p1=$(pdftotext -f 1 -l 1 "$pdf" - 2>/dev/null)
printf '%s' "$p1" | grep -q '典型经验汇编' && printf '%s' "$p1" | grep -q '中国质量协会' &&
	printf '%s' "$p1" | grep -q '二〇二五年十一月二十日' && ! printf '%s' "$p1" | grep -q '—' &&
	pass "the cover: year, title, organization, date, and no page number" ||
	fail "the cover: year, title, organization, date, and no page number" "$p1"
part=$(pdftotext -f $((front + 1)) -l $((front + 1)) "$pdf" - 2>/dev/null)
printf '%s' "$part" | grep -q '第一篇' && ! printf '%s' "$part" | grep -q '—' &&
	pass "a part title page ($((front + 1))) without a page number" ||
	fail "a part title page without a page number" "$part"
# running heads: the book's title on a left-hand page, an enterprise on a right-hand one
heads=$(awk 'BEGIN { RS = "\f" } { n = split($0, l, "\n"); for (i = 1; i <= n; i++) if (l[i] ~ /[^ ]/) { gsub(/^ +| +$/, "", l[i]); print NR "\t" l[i]; break } }' "$OUT/2025.layout")
left=$(printf '%s\n' "$heads" | awk -F'\t' '$1 % 2 == 0 && $2 == "2025年全国质量标杆典型经验汇编"' | wc -l)
right=$(printf '%s\n' "$heads" | awk -F'\t' '$1 % 2 == 1 && $2 ~ /公司$/' | wc -l)
[ "$left" -gt 3 ] && [ "$right" -gt 3 ] &&
	pass "running heads: the book's title on left-hand pages ($left), the enterprise on right-hand ones ($right)" ||
	fail "running heads: the book's title on left-hand pages, the enterprise on right-hand ones" "$heads"
folios=$(grep -c '^ *— [0-9]* —$' "$OUT/2025.layout")
[ "$folios" -gt 10 ] && pass "page numbers in the form — 12 — ($folios)" || fail "page numbers in the form — 12 —" "$folios"

# withdrawn and revoked cases are not in the book
for year in 2024 2025; do
	out=$(values "//campaign[@year='$year']//record[@published='false']/enterprise")
	leak=
	for e in $out; do grep -qF -- "$e" "$OUT/$year.txt" && leak="$leak [$e]"; done
	[ -n "$out" ] && [ -z "$leak" ] && pass "book $year: the withdrawn or revoked cases are left out ($(echo $out))" ||
		fail "book $year: the withdrawn or revoked cases are left out" "in the book:$leak" "unpublished: $out"
done

build b content -j 1
cmp -s "$OUT/a/site/compendium/2025.pdf" "$OUT/b/site/compendium/2025.pdf" &&
	cmp -s "$OUT/a/site/compendium/2024.pdf" "$OUT/b/site/compendium/2024.pdf" &&
	pass "reproducible: the same content and date give the same bytes (-j 2 and -j 1)" ||
	fail "reproducible: the same content and date give the same bytes"

# ---- a hostile narrative, a preface, a 16K theme ----
H=$OUT/hostile
rm -rf "$H"
mkdir -p "$H/themes/k16"
cp -R content "$H/content"
sed 's/^  page: A4$/  page: 16K/' themes/default/pdf.yaml > "$H/themes/k16/pdf.yaml"
"$TOOL" png 4000 4000 "$H/content/images/huge.png"
{ printf 'P5\n4000 4000\n255\n'; head -c 16000000 /dev/zero | tr '\0' '\200'; } | cjpeg -quality 50 > "$H/content/images/huge.jpg" 2>/dev/null
case=$H/content/campaigns/2025/cases/shumin-machinery.md
{
	printf '\n## 附：对比数据\n\n| 序号 | 指标 | 数值 |\n|---:|---|---:|\n'
	for i in $(seq 1 60); do printf '| %d | 第%d项质量指标的说明文字 | %d.%d%% |\n' "$i" "$i" "$i" "$((i % 10))"; done
	printf '| 61 | 见[表内链接](https://example.org/table-note) | 0 |\n'
	printf '\n'
	printf '|'; for i in $(seq 1 12); do printf ' 第%d列 |' "$i"; done; printf '\n|'
	for i in $(seq 1 12); do printf -- '---|'; done; printf '\n'
	for r in 1 2 3; do printf '|'; for i in $(seq 1 12); do printf ' 数据%d%d |' "$r" "$i"; done; printf '\n'; done
	printf '\n- 第一层\n  - 第二层\n    - 第三层\n      - 第四层\n        - 第五层\n          - 第六层：嵌套列表的最深一层，文字足够长，需要在很窄的宽度里换行排版，不能溢出版心。\n\n'
	printf '超长拉丁字符串：'; head -c 300 /dev/zero | tr '\0' 'x'; printf '。\n\n'
	printf '![四千像素见方的灰度图](../../../images/huge.png)\n\n![四千像素见方的JPEG图](../../../images/huge.jpg)\n\n'
	# first lines full just before a ， ～ or ·, or with a 《 at their end
	# (UAX #14 allows a break before ～ and ·, clreq does not)
	for n in $(seq 36 46); do
		for c in '，' '～' '·'; do
			for i in $(seq 1 "$n"); do printf '质'; done; printf '%s后文。\n\n' "$c"
		done
		for i in $(seq 1 "$n"); do printf '量'; done; printf '《标准》后文。\n\n'
	done
	printf '长段落：'; for i in $(seq 1 1820); do printf '质量标杆经验交流会议，'; done; printf '结束。\n'
} >> "$case"
printf -- '---\ntitle: 编者的话\n---\n\n本书收录年度全国质量标杆的典型经验，供学习交流。\n' > "$H/content/campaigns/2025/compendium.md"
model "$H/content"
if timeout 300 "$QBPRESS" build -C "$H/content" -o "$H/out" --only compendium -q 2> "$H.err"; then
	pass "hostile narrative: a 60-row table, a 12-column table, a 6-level list, a 300-character Latin string, 4000 × 4000 px PNG and JPEG images and a 20,000-character paragraph build"
	[ ! -s "$H.err" ] && pass "hostile narrative: no warnings, no sanitizer reports" ||
		fail "hostile narrative: no warnings, no sanitizer reports" "$(head -10 "$H.err")"
	check_book "$H/out/site/compendium/2025.pdf" 2025
	t=$(pdftotext "$H/out/site/compendium/2025.pdf" - 2>/dev/null)
	printf '%s' "$t" | grep -q '编者的话' && printf '%s' "$t" | grep -q '本书收录年度全国质量标杆的典型经验' &&
		pass "compendium.md: the preface, with its title" || fail "compendium.md: the preface, with its title"
	printf '%s' "$t" | grep -q '四千像素见方的灰度图' && [ "$(pdfimages -list "$H/out/site/compendium/2025.pdf" 2>/dev/null | grep -c ' 4000  4000 ')" -ge 2 ] &&
		pass "images: PNG and JPEG embedded at full resolution, with their alt text as caption" ||
		fail "images: PNG and JPEG embedded at full resolution, with their alt text as caption"
	page=$(pdftotext -layout "$H/out/site/compendium/2025.pdf" - 2>/dev/null | awk 'BEGIN { RS = "\f" } /表内链接/')
	printf '%s' "$page" | grep -q '^ *[0-9][0-9]* https://example.org/table-note$' &&
		pass "a link in a table cell: its address as a footnote on the same page" ||
		fail "a link in a table cell: its address as a footnote on the same page" "$page"
	n=$(pdftotext -layout "$H/out/site/compendium/2025.pdf" - 2>/dev/null | grep -c '^ *序号 *指标 *数值')
	[ "$n" -ge 2 ] && pass "a table crossing pages repeats its header row ($n times)" ||
		fail "a table crossing pages repeats its header row" "$n"
else
	fail "hostile narrative builds within 300 s" "$(head -20 "$H.err")"
fi
if "$QBPRESS" build -C "$H/content" -o "$H/out16" --only compendium --theme k16 -q 2> "$H.16.err"; then
	pdfinfo "$H/out16/site/compendium/2025.pdf" 2>/dev/null | grep -q '^Page size: *524.409 x 737.008 pts' &&
		pass "a theme selects 16K (185 × 260 mm) pages" ||
		fail "a theme selects 16K (185 × 260 mm) pages" "$(pdfinfo "$H/out16/site/compendium/2025.pdf" 2>&1 | grep size)"
else
	fail "a 16K theme builds" "$(head -5 "$H.16.err")"
fi

# ---- characters no face can show: errors at check time ----
C=$OUT/chars
rm -rf "$C"
cp -R content "$C"
n=$C/campaigns/2025/cases/shumin-machinery.md
awk 'NR == 9 { sub(/公司现有员工/, "公司现有𠮷员工") } { print }' "$n" > "$n.tmp" && mv "$n.tmp" "$n"
printf '\n| 甲 | 乙 |\n|---|---|\n| 私用区 | 字\356\200\200 |\n' >> "$n"
col=$(sed -n 9p "$n" | sed 's/𠮷.*//' | tr -d '\n' | wc -m)
last=$(wc -l < "$n")
"$QBPRESS" check -C "$C" > "$OUT/chars.out" 2>&1
rc=$?
grep -q "^$n:9:$((col + 1)): error: the narrative has '𠮷' (U+20BB7), which the compendium cannot print" "$OUT/chars.out" &&
	grep -q "^$n:$last:10: error: the narrative has '.*' (U+E000), which the compendium cannot print: no face has it" "$OUT/chars.out" &&
	[ $rc -eq 1 ] &&
	pass "check: a character above U+FFFF and one no face has are errors at their file:line:col" ||
	fail "check: characters no face can show are errors at their file:line:col (exit $rc)" "$(cat "$OUT/chars.out")"
"$QBPRESS" build -C "$C" -o "$OUT/chars-out" --only compendium -q > "$OUT/chars-build.out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q "^$n:9:$((col + 1)): error: the narrative has '𠮷'" "$OUT/chars-build.out" &&
	[ ! -e "$OUT/chars-out/site/compendium" ] &&
	pass "build: the same errors, and no book is written" ||
	fail "build: the same errors, and no book is written (exit $rc)" "$(cat "$OUT/chars-build.out")"
# The book is set while its texts are checked beside it: the setting's own
# guard adds nothing to what the check reports, with one job or two.
"$QBPRESS" build -C "$C" -o "$OUT/chars-out" --only compendium -q -j 1 > "$OUT/chars-build-1.out" 2>&1
"$QBPRESS" build -C "$C" -o "$OUT/chars-out" --only compendium -q -j 2 > "$OUT/chars-build-2.out" 2>&1
if cmp -s "$OUT/chars-build-1.out" "$OUT/chars-build-2.out" && ! grep -q 'cannot be printed' "$OUT/chars-build-2.out" &&
	[ "$(grep -c ': error: ' "$OUT/chars-build-2.out")" -eq "$(grep -c ': error: ' "$OUT/chars.out")" ]; then
	pass "build: the check's errors only, the same with -j 1 and -j 2"
else
	fail "build: the check's errors only, the same with -j 1 and -j 2" "$(diff "$OUT/chars-build-1.out" "$OUT/chars-build-2.out"; head -5 "$OUT/chars-build-2.out")"
fi

# ---- where readers find the books: the site and the WeChat manifest ----
L=$OUT/links
rm -rf "$L"
"$QBPRESS" build -C content -o "$L" -q 2> "$OUT/links.err" || fail "the bundled content builds with every output" "$(head -5 "$OUT/links.err")"
model content
for pdf in "$L"/site/compendium/*.pdf; do
	[ -f "$pdf" ] || continue
	year=$(basename "$pdf" .pdf)
	pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	mb=$(awk -v b="$(stat -c %s "$pdf")" 'BEGIN { printf "%.1f", b / 1048576 }')
	want="（PDF，$pages 页，$mb MB"
	for page in "notices/$year-announcement/index.html" "cases/year/$year/index.html"; do
		if grep -q "href=\"[./]*compendium/$year.pdf\">$year年典型经验汇编<span class=\"nowrap\">$want）" "$L/site/$page"; then
			pass "book $year: $page links it with its pages and size"
		else
			fail "book $year: $page links it with its pages and size" "$(grep -o '<a class="compendium"[^>]*>[^<]*<span[^<]*' "$L/site/$page")"
		fi
	done
	# Every case of the year links the page where its title stands.
	bad=
	for id in $(xp "//campaign[@year='$year']/records/record[@published='true']/@id" | sed 's/ id="\([^"]*\)"/\1\n/g'); do
		f=$L/site/cases/$year/$id/index.html
		n=$(grep -o "compendium/$year.pdf#page=[0-9]*" "$f" | sed 's/.*=//')
		title=$(xp "string(//campaign[@year='$year']/records/record[@id='$id']/experience)")
		if [ -z "$n" ] || ! pdftotext -f "$n" -l "$n" "$pdf" - 2>/dev/null | tr -d ' \n' | grep -qF "$(printf '%s' "$title" | tr -d ' ')"; then
			bad="$bad $id(page ${n:-none})"
		fi
		grep -q "本案例见第 [0-9]* 页" "$f" || bad="$bad $id(no printed page)"
	done
	[ -z "$bad" ] && pass "book $year: every case page links the page where its title stands" ||
		fail "book $year: every case page links the page where its title stands" "$bad"
	grep -q "\"url\": \"https://benchmark.example.org/compendium/$year.pdf\", \"pages\": $pages" "$L/wechat/manifest.json" &&
		pass "book $year: the WeChat manifest lists its address" || fail "book $year: the WeChat manifest lists its address"
done
grep -q 'class="compendium"' "$L/site/index.html" && pass "the home page links the latest book" ||
	fail "the home page links the latest book"
[ -z "$(grep -l 'compendium/2026' -r "$L/site" 2>/dev/null)" ] && pass "no book and no link for a campaign not yet announced" ||
	fail "no book and no link for a campaign not yet announced"
