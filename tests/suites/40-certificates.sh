#!/bin/sh
# PDF certificates (output/site/certificates/): one per published record and
# none for the others; for each: qpdf --check, every font embedded and
# subset, the exact texts, the QR code, ink inside the border; long and short
# names fitted inside the frame; a fallback face for a character the body
# face lacks; the error for characters no face can show (output untouched);
# the seal only when site.yaml has one; reproducible bytes.
. "$(dirname "$0")/../lib.sh"
# upper_date YYYY-MM-DD: the date as the default theme's pdf.yaml writes it
# on certificates (二〇二五年十一月二十日); empty for no date.
upper_date() {
	python3 -c '
import sys
n = "〇一二三四五六七八九"
def w(v): return (n[v // 10] if v >= 20 else "") + ("十" if v >= 10 else "") + (n[v % 10] if v % 10 or v < 10 else "")
a = sys.argv[1]
if a: print("".join(n[int(c)] for c in a[:4]) + "年" + w(int(a[5:7])) + "月" + w(int(a[8:10])) + "日")
' "$1"
}
cd "$ROOT" || exit 2
export SOURCE_DATE_EPOCH=1764028800
INK=$ROOT/build/tools/cert_ink
SEAL=$ROOT/build/tools/cert_seal
for t in "$INK" "$SEAL"; do
	[ -x "$t" ] || make -s "build/tools/$(basename "$t")" >/dev/null 2>&1 || { fail "build $t"; exit 0; }
done

# A4 landscape at 72 dpi is 842 x 595 pixels: one pixel per point. The
# border's outer line is 22 points from the edges, 3.2 points wide; the inner
# line is 30 points from the edges.
W=842
H=595
FRAME=30

build() { # build NAME CONTENT_DIR [options…]: builds certificates into $OUT/NAME, or
	# into $OUT/NAME/output when the content is a copy in $OUT/NAME/content
	name=$1
	content=$2
	shift 2
	o=$OUT/$name
	[ "$content" = "$OUT/$name/content" ] && o=$OUT/$name/output
	"$QBPRESS" build -C "$content" -o "$o" --only certificates -q "$@" 2> "$OUT/$name.err"
}

# copy_content NAME: a copy of the bundled content to change.
copy_content() {
	rm -rf "$OUT/$1"
	mkdir -p "$OUT/$1"
	cp -R content "$OUT/$1/content"
}

# text_inside PDF: every word's box (pdftotext -bbox) lies inside the inner frame.
text_inside() {
	pdftotext -bbox "$1" - 2>/dev/null | awk -v w="$W" -v h="$H" -v m="$FRAME" '
		/<word / {
			n++
			for (i = 1; i <= NF; i++) {
				split($i, kv, "=")
				gsub(/"|>.*/, "", kv[2])
				v[kv[1]] = kv[2] + 0
			}
			if (v["xMin"] < m || v["yMin"] < m || v["xMax"] > w - m || v["yMax"] > h - m) {
				print "outside the frame: " $0
				bad = 1
			}
		}
		END { exit bad || n == 0 }'
}

# ink_inside PDF: no ink outside the border (72 dpi rendering).
ink_inside() {
	pdftoppm -r 72 -gray "$1" "$OUT/ink" >/dev/null 2>&1 || return 1
	r=$("$INK" "$OUT/ink-1.pgm" 19 19 $((W - 20)) $((H - 20))) || return 1
	rm -f "$OUT/ink-1.pgm"
	echo "$r" | grep -q '^outside 0$' || { echo "$r"; return 1; }
}

# fonts_ok PDF: pdffonts lists fonts, each embedded, subset and with a ToUnicode map.
fonts_ok() {
	pdffonts "$1" 2>&1 | awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad = 1 }
		END { exit bad || n == 0 }'
}

qr_ok() { # qr_ok PDF URL
	pdftoppm -r 150 -gray "$1" "$OUT/qr" >/dev/null 2>&1 || return 1
	got=$(zbarimg --raw -q "$OUT/qr-1.pgm" 2>/dev/null)
	rm -f "$OUT/qr-1.pgm"
	[ "$got" = "$2" ] || { echo "decoded '$got', expected '$2'"; return 1; }
}

# ---- the bundled content ----
if build a content -j 2; then
	pass "the bundled content builds its certificates"
else
	fail "the bundled content builds its certificates" "$(head -20 "$OUT/a.err")"
	exit 0
fi
[ ! -s "$OUT/a.err" ] && pass "the build prints nothing (no warnings, no sanitizer reports)" ||
	fail "the build prints nothing" "$(head -10 "$OUT/a.err")"

"$QBPRESS" model -C content > "$OUT/model.xml" 2>/dev/null
xp() { xmllint --xpath "$1" "$OUT/model.xml" 2>/dev/null; }
expected=$(xp "//record[@published='true']/@certificate" | sed 's/ *certificate="\([^"]*\)"/\1\n/g' | grep . | sort)
got=$(ls "$OUT/a/site/certificates" | sed 's/\.pdf$//' | sort)
[ -n "$expected" ] && [ "$expected" = "$got" ] &&
	pass "one certificate per published record ($(echo "$got" | wc -l)), none for withdrawn, revoked or unannounced ones" ||
	fail "one certificate per published record" "expected: $(echo $expected)" "got: $(echo $got)"
[ ! -e "$OUT/a/site/certificates/QB2024-006.pdf" ] && pass "the revoked QB2024-006 offers no certificate" ||
	fail "the revoked QB2024-006 offers no certificate"

base=$(xp "string(/model/site/@base-url)")
for c in $got; do
	pdf=$OUT/a/site/certificates/$c.pdf
	check "$c: qpdf --check passes" qpdf --check "$pdf"
	check "$c: pdffonts shows every font embedded, subset, with ToUnicode" fonts_ok "$pdf"
	rec="//record[@certificate='$c']"
	ent=$(xp "string($rec/enterprise)")
	exp=$(xp "string($rec/experience)")
	date=$(upper_date "$(xp "string($rec/ancestor::campaign/announcement/@date)")")
	text=$(pdftotext "$pdf" - 2>"$OUT/pdftotext.err")
	missing=
	for want in "$ent" "《$exp》" "证书编号：$c" "$date"; do
		printf '%s\n' "$text" | grep -qxF -- "$want" || missing="$missing [$want]"
	done
	[ -z "$missing" ] && [ ! -s "$OUT/pdftotext.err" ] &&
		pass "$c: pdftotext gives the enterprise, 《experience》, number and date exactly, without warnings" ||
		fail "$c: pdftotext gives the enterprise, experience, number and date exactly" "missing:$missing" \
			"$(cat "$OUT/pdftotext.err")"
	check "$c: the QR code decodes to ${base}verify/$c/" qr_ok "$pdf" "${base}verify/$c/"
	check "$c: no ink outside the border" ink_inside "$pdf"
	check "$c: every word inside the inner frame" text_inside "$pdf"
done

pdf=$OUT/a/site/certificates/QB2025-001.pdf
info=$(pdfinfo "$pdf" 2>/dev/null)
echo "$info" | grep -q '^Title: *2025年全国质量标杆证书（QB2025-001）' &&
	echo "$info" | grep -q '^Author: *中国质量协会' &&
	echo "$info" | grep -q '^Subject: *青岛澜岳精密制造股份有限公司《' &&
	echo "$info" | grep -q '^Keywords: *全国质量标杆, 2025, QB2025-001' &&
	echo "$info" | grep -q '^CreationDate: *Wed Nov 19 16:00:00 2025 UTC' &&
	echo "$info" | grep -q '^Page size: *841.89 x 595.276 pts (A4)' &&
	echo "$info" | grep -q '^Pages: *1' &&
	pass "document info: title, author, subject, keywords, the announcement as date; one A4 landscape page" ||
	fail "document info and page" "$info"
grep -aq '/ProcSet' "$pdf" && fail "the page's resources name no procedure sets" || pass "the page's resources name no procedure sets"
size=$(wc -c < "$pdf")
[ "$size" -le 40960 ] && pass "a certificate is small ($size bytes)" || fail "a certificate is at most 40 KB" "$size bytes"
imgs=$(pdfimages -list "$pdf" 2>/dev/null | sed 1,2d)
[ "$(echo "$imgs" | grep -c ' stencil ')" = 1 ] && [ -z "$(echo "$imgs" | grep -v ' stencil ')" ] &&
	pass "without seal: in site.yaml, no seal image is drawn (the one stencil mask is the QR code)" ||
	fail "without seal: in site.yaml, no seal image is drawn (the one stencil mask is the QR code)" "$imgs"

# ---- reproducible ----
build b content -j 1
SOURCE_DATE_EPOCH=1800000000 build c content -j 2
[ "$(tree_hash "$OUT/a")" = "$(tree_hash "$OUT/b")" ] &&
	pass "the same content gives byte-identical certificates (-j 2 and -j 1)" ||
	fail "the same content gives byte-identical certificates (-j 2 and -j 1)"
[ "$(tree_hash "$OUT/a")" = "$(tree_hash "$OUT/c")" ] &&
	pass "the certificates do not depend on the build date (dates come from the announcement)" ||
	fail "the certificates do not depend on the build date"
if grep -aq '/ID' "$pdf"; then fail "no document ID (random or time-based)"; else pass "no document ID"; fi
# Every certificate prints its own campaign's announcement date and year.
"$QBPRESS" model -C content > "$OUT/model.xml" 2> /dev/null
wrong=
for f in "$OUT"/a/site/certificates/*.pdf; do
	y=$(basename "$f" .pdf | sed 's/^QB\([0-9]\{4\}\)-.*/\1/')
	d=$(upper_date "$(xmllint --xpath "string(//campaign[@year='$y']/announcement/@date)" "$OUT/model.xml" 2> /dev/null)")
	t=$(pdftotext "$f" - 2> /dev/null | tr -d '\n')
	case $t in *"$d"*) ;; *) wrong="$wrong $(basename "$f")" ;; esac
	[ -n "$d" ] || wrong="$wrong $(basename "$f")(no date)"
done
[ -z "$wrong" ] && pass "every certificate prints its own campaign's announcement date" ||
	fail "every certificate prints its own campaign's announcement date" "$wrong"


# ---- long and short names ----
copy_content long
R=$OUT/long/content/campaigns/2025/records.yaml
LONG_ENT=中国航空工业集团有限公司西安飞机工业（集团）有限责任公司第一分公司
LONG_EXP=基于数字孪生与工业互联网平台的大型飞机复杂结构件全生命周期质量数据协同管控与持续改进经验
sed -i "s/enterprise: 青岛澜岳精密制造股份有限公司/enterprise: $LONG_ENT/; s/experience: 基于工业互联网的全流程质量数字化管控经验/experience: $LONG_EXP/" "$R"
sed -i 's/enterprise: 浙江天沐纺织科技有限公司/enterprise: 天沐纺织/; s/experience: 印染过程色差在线检测与闭环控制经验/experience: 零缺陷经验/' "$R"
if build long "$OUT/long/content"; then
	pass "long and short names build"
	lp=$OUT/long/output/site/certificates/QB2025-001.pdf
	sp=$OUT/long/output/site/certificates/QB2025-002.pdf
	lines=$(pdftotext "$lp" - 2>/dev/null)
	joined=$(printf '%s\n' "$lines" | tr -d '\n')
	n_ent=$(printf '%s\n' "$lines" | grep -c '^中国航空\|第一分公司$')
	case $joined in
	*"$LONG_ENT"*"《$LONG_EXP》"*) ok=1 ;;
	*) ok= ;;
	esac
	[ -n "$ok" ] && [ "$n_ent" = 2 ] && pass "a long name and a long title wrap onto two lines each, text intact" ||
		fail "a long name and a long title wrap onto two lines" "$lines"
	check "the long-name certificate has no ink outside the border" ink_inside "$lp"
	check "the long-name certificate keeps every word inside the inner frame" text_inside "$lp"
	check "the short-name certificate keeps every word inside the inner frame" text_inside "$sp"
	pdftotext "$sp" - 2>/dev/null | grep -qx '天沐纺织' && pass "a short name is one line" || fail "a short name is one line"
	[ ! -s "$OUT/long.err" ] && pass "names that fit within the floor size give no warning" ||
		fail "names that fit within the floor size give no warning" "$(head -5 "$OUT/long.err")"
else
	fail "long and short names build" "$(head -10 "$OUT/long.err")"
fi

copy_content huge
HUGE=$(printf '超长名称测试%.0s' 1 2 3 4 5 6 7 8 9 10 11 12)有限公司
sed -i "s/enterprise: 青岛澜岳精密制造股份有限公司/enterprise: $HUGE/" "$OUT/huge/content/campaigns/2025/records.yaml"
if build huge "$OUT/huge/content"; then
	hp=$OUT/huge/output/site/certificates/QB2025-001.pdf
	grep -q "records.yaml:[0-9]*:[0-9]*: warning: record 'lanyue-precision'.*too long" "$OUT/huge.err" &&
		pass "a name too long even for two lines at the floor size is a warning naming the record" ||
		fail "a name too long for two lines at the floor size is a warning" "$(head -5 "$OUT/huge.err")"
	check "…and it is still printed inside the inner frame" text_inside "$hp"
	check "…with no ink outside the border" ink_inside "$hp"
else
	fail "a very long name still builds" "$(head -10 "$OUT/huge.err")"
fi

# ---- a fallback face ----
copy_content fallback
# U+42B7 (䊷) is not in AR PL UKai but in WenQuanYi Zen Hei.
sed -i 's/enterprise: 青岛澜岳精密制造股份有限公司/enterprise: 青岛澜岳䊷业股份有限公司/' \
	"$OUT/fallback/content/campaigns/2025/records.yaml"
if build fallback "$OUT/fallback/content"; then
	fp=$OUT/fallback/output/site/certificates/QB2025-001.pdf
	nf=$(pdffonts "$fp" 2>/dev/null | sed 1,2d | wc -l)
	pdftotext "$fp" - 2>/dev/null | grep -qx '青岛澜岳䊷业股份有限公司' && [ "$nf" = 2 ] &&
		pass "a character the body face lacks comes from the fallback face (2 fonts), text exact" ||
		fail "a character the body face lacks comes from the fallback face" "$(pdffonts "$fp" 2>&1)"
	check "the fallback certificate's fonts are all embedded and subset" fonts_ok "$fp"
else
	fail "a character only a fallback face has builds" "$(head -5 "$OUT/fallback.err")"
fi

# ---- characters no face can show: the build fails, output untouched ----
for case in "𠮷 20BB7 above" "鿍 9FCD nofont"; do
	set -- $case
	ch=$1
	cp=$2
	copy_content "bad-$3"
	cp -R "$OUT/a" "$OUT/bad-$3/out"
	before=$(tree_hash "$OUT/bad-$3/out")
	sed -i "s/enterprise: 青岛澜岳精密制造股份有限公司/enterprise: 青岛澜岳${ch}制造股份有限公司/" \
		"$OUT/bad-$3/content/campaigns/2025/records.yaml"
	"$QBPRESS" build -C "$OUT/bad-$3/content" -o "$OUT/bad-$3/out" --only certificates -q 2> "$OUT/bad-$3.err"
	rc=$?
	line=$(grep -n "enterprise: 青岛澜岳${ch}" "$OUT/bad-$3/content/campaigns/2025/records.yaml" | cut -d: -f1)
	[ "$rc" = 1 ] && grep -q "campaigns/2025/records.yaml:$line:15: error: record 'lanyue-precision': enterprise '青岛澜岳${ch}制造股份有限公司' has '$ch' (U+$cp)" "$OUT/bad-$3.err" &&
		pass "U+$cp in an enterprise name fails the build at the value (file:line:col), naming record, field and code point" ||
		fail "U+$cp in an enterprise name fails the build with the diagnostic" "exit $rc" "$(head -5 "$OUT/bad-$3.err")"
	[ "$(tree_hash "$OUT/bad-$3/out")" = "$before" ] && [ -z "$(ls -d "$OUT/bad-$3"/.out.staging* 2>/dev/null)" ] &&
		pass "…and leaves the previous output untouched" || fail "…and leaves the previous output untouched"
done
grep -q 'encodes no character above U+FFFF' "$OUT/bad-above.err" &&
	grep -q 'no certificate font has it (AR PL UKai CN' "$OUT/bad-nofont.err" &&
	pass "the diagnostics say why: beyond U+FFFF, or which faces were tried" ||
	fail "the diagnostics say why" "$(cat "$OUT/bad-above.err" "$OUT/bad-nofont.err" | head -4)"

# ---- the same at `qbpress check` time, with the faces a theme names ----
# A theme whose certificate face (and fallback) draws no Chinese: check
# reports the enterprise name at its place, as the certificate would.
copy_content check-faces
mkdir -p "$OUT/check-faces/themes/latin"
sed 's/^  kai: .*/  kai: DejaVu Sans/; s/^  fallback: .*/  fallback: [DejaVu Sans]/' themes/default/pdf.yaml \
	> "$OUT/check-faces/themes/latin/pdf.yaml"
(cd "$OUT/check-faces" && "$QBPRESS" check --today 2026-11-25 --theme latin > /dev/null 2> check.err)
rc=$?
[ "$rc" = 1 ] && grep -qxF "content/campaigns/2025/records.yaml:2:15: error: record 'lanyue-precision' has '青' (U+9752), which the certificate cannot print: no face has it (DejaVu Sans)" "$OUT/check-faces/check.err" &&
	pass "check: a name the certificate's faces cannot show is an error at its place, before any build" ||
	fail "check: a name the certificate's faces cannot show is an error at its place" "exit $rc" "$(grep -m3 certificate "$OUT/check-faces/check.err")"

# ---- the seal ----
copy_content seal
"$SEAL" "$OUT/seal/content/images/seal.png" 240
printf 'seal: images/seal.png\n' >> "$OUT/seal/content/site.yaml"
if build seal "$OUT/seal/content"; then
	sp=$OUT/seal/output/site/certificates/QB2025-001.pdf
	imgs=$(pdfimages -list "$sp" 2>/dev/null | sed 1,2d)
	echo "$imgs" | grep -q ' image ' && echo "$imgs" | grep -q ' smask ' &&
		pass "with seal: in site.yaml the seal is drawn, with its transparency" ||
		fail "with seal: the seal is drawn with its transparency" "$imgs"
	pdftoppm -r 72 "$sp" "$OUT/seal" >/dev/null 2>&1
	# the signature block: right of the middle, bottom quarter
	red=$("$INK" "$OUT/seal-1.ppm" $((W - 330)) $((H - 200)) $((W - 80)) $((H - 40)) | sed -n 's/^red //p')
	[ "${red:-0}" -gt 500 ] && pass "the seal lies over the signature and date ($red red pixels)" ||
		fail "the seal lies over the signature and date" "red pixels: $red"
	check "the sealed certificate passes qpdf --check" qpdf --check "$sp"
	[ "$(head -c 8 "$sp")" = "%PDF-1.4" ] && pass "a certificate with a transparent seal says PDF 1.4" ||
		fail "a certificate with a transparent seal says PDF 1.4" "$(head -c 8 "$sp")"
	ssize=$(wc -c < "$sp")
	[ "$ssize" -le 61440 ] && pass "the seal's transparency is compressed ($ssize bytes)" ||
		fail "the seal's transparency is compressed" "$ssize bytes"
	check "the seal keeps the text extractable" sh -c "pdftotext '$sp' - | grep -qx '中国质量协会'"
else
	fail "content with a seal builds" "$(head -5 "$OUT/seal.err")"
fi
copy_content badseal
printf 'not a png\n' > "$OUT/badseal/content/images/seal.png"
printf 'seal: images/seal.png\n' >> "$OUT/badseal/content/site.yaml"
if build badseal "$OUT/badseal/content"; then
	fail "a seal that is not a PNG is an error"
else
	grep -q 'site.yaml:[0-9]*:[0-9]*: error: the seal image .* must be a PNG' "$OUT/badseal.err" &&
		pass "a seal that is not a PNG is an error in site.yaml" ||
		fail "a seal that is not a PNG is an error in site.yaml" "$(head -3 "$OUT/badseal.err")"
fi

# ---- the theme's PDF settings ----
copy_content theme
mkdir -p "$OUT/theme/themes/custom"
sed -e 's/^  kai: AR PL UKai CN .*/  kai: No Such Family 4711/' -e 's/{experience}》/{experiense}》/' \
	themes/default/pdf.yaml > "$OUT/theme/themes/custom/pdf.yaml"
if build theme "$OUT/theme/content" --theme custom; then
	fail "a theme naming a missing font family or an unknown placeholder is an error"
else
	fam=$(grep -n 'No Such Family' "$OUT/theme/themes/custom/pdf.yaml" | cut -d: -f1)
	ph=$(grep -n 'experiense' "$OUT/theme/themes/custom/pdf.yaml" | cut -d: -f1)
	grep -q "custom/pdf.yaml:$fam:[0-9]*: error: fontconfig finds no font of the family 'No Such Family 4711'" "$OUT/theme.err" &&
		grep -q "custom/pdf.yaml:$ph:[0-9]*: error: unknown placeholder '{experiense}'" "$OUT/theme.err" &&
		pass "a missing font family and an unknown placeholder are errors at their line in pdf.yaml" ||
		fail "a missing font family and an unknown placeholder are errors at their line in pdf.yaml" \
			"$(head -5 "$OUT/theme.err")"
fi
mkdir -p "$OUT/theme/themes/odd"
sed -e 's/^  title: {text: 全国质量标杆,/  title: {text: 全国质量标杆𠮷,/' themes/default/pdf.yaml > "$OUT/theme/themes/odd/pdf.yaml"
line=$(grep -n '全国质量标杆𠮷' "$OUT/theme/themes/odd/pdf.yaml" | cut -d: -f1)
if build theme-odd "$OUT/theme/content" --theme odd; then
	fail "a theme text with a character no face can show is an error"
else
	n=$(grep -c 'error:' "$OUT/theme-odd.err")
	grep -q "odd/pdf.yaml:$line:[0-9]*: error: the certificate text '全国质量标杆𠮷' has '𠮷' (U+20BB7)" "$OUT/theme-odd.err" &&
		[ "$n" = 1 ] && pass "a theme text with a character no face can show is one error at its line in pdf.yaml" ||
		fail "a theme text with a character no face can show is one error at its line" "$(head -5 "$OUT/theme-odd.err")"
fi
mkdir -p "$OUT/theme/themes/plain"
sed -e 's/^  title: {text: 全国质量标杆,/  title: {text: 质量标杆证书,/' themes/default/pdf.yaml > "$OUT/theme/themes/plain/pdf.yaml"
if build theme-plain "$OUT/theme/content" --theme plain; then
	pdftotext "$OUT/theme-plain/site/certificates/QB2025-001.pdf" - 2>/dev/null | grep -qx '质量标杆证书' &&
		pass "the wording comes from the theme's pdf.yaml" || fail "the wording comes from the theme's pdf.yaml"
else
	fail "a theme with its own pdf.yaml builds" "$(head -5 "$OUT/theme-plain.err")"
fi
