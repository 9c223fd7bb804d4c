#!/bin/sh
# What readers, enterprises and analysts expect of the site: the search over
# every field, the certificate lookup by name and code, the statistics page,
# the spreadsheets (read back with Python, cell by cell against the model),
# and a site built with --relative, used from files and over HTTP. The same
# browser test also runs on a generated corpus of 300 cases.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
export SOURCE_DATE_EPOCH=1764028800

# build NAME CONTENT [OPTION...]: builds the site and its spreadsheets into
# $OUT/NAME and the model into $OUT/NAME.xml and $OUT/NAME.json.
build() {
	name=$1
	content=$2
	shift 2
	rm -rf "$OUT/$name"
	"$QBPRESS" build -C "$content" -o "$OUT/$name" --only site,sheets,notices -q "$@" 2> "$OUT/$name.err" &&
		[ ! -s "$OUT/$name.err" ] && "$QBPRESS" model -C "$content" > "$OUT/$name.xml" 2>> "$OUT/$name.err" &&
		python3 tests/tools/qbmodel.py "$OUT/$name.xml" > "$OUT/$name.json"
}

# The bundled content, with one case recommended by a national industry
# association (Art. 7) rather than by its province's department, so that
# its region is the only field that names its province.
rm -rf "$OUT/content"
cp -R content "$OUT/content"
sed -i '/^- id: lanyue-precision$/,/^$/ s/^  recommender: .*/  recommender: 中国机械工业联合会/' "$OUT/content/campaigns/2025/records.yaml"
if grep -q '^  recommender: 中国机械工业联合会$' "$OUT/content/campaigns/2025/records.yaml" &&
	build web "$OUT/content" && build files "$OUT/content" --relative; then
	pass "the bundled content builds for a web server and with --relative, without a word on stderr"
else
	fail "the bundled content builds for a web server and with --relative" "$(head -10 "$OUT/web.err" "$OUT/files.err")"
	exit 0
fi
web=$OUT/web/site
files=$OUT/files/site

# The statistics in the model.
if xmllint --noout --relaxng docs/model.rng "$OUT/web.xml" 2> "$OUT/rng.err"; then
	pass "the model with its statistics validates against docs/model.rng"
else
	fail "the model with its statistics validates against docs/model.rng" "$(head -5 "$OUT/rng.err")"
fi
"$QBPRESS" model -C content --today 2026-11-17 > "$OUT/before.xml" 2> /dev/null
"$QBPRESS" model -C content --today 2026-11-18 > "$OUT/after.xml" 2> /dev/null
if ! grep -q '<year year="2026"' "$OUT/before.xml" && grep -q '<year year="2026" announced="false" publicised="8"' "$OUT/after.xml"; then
	pass "a campaign's figures appear the day its publicity notice is out, not before"
else
	fail "a campaign's figures appear the day its publicity notice is out, not before"
fi

# The spreadsheets, read back without libxlsxwriter.
python3 tests/tools/check_sheets.py "$web" "$OUT/web.xml" > "$OUT/sheets.log" 2>&1
rc=$?
cat "$OUT/sheets.log"
[ "$rc" = 0 ] || fail "the spreadsheet check exits 0" "exit $rc"
for f in $(cd "$web" && find . -name '*.xlsx' -o -name '*.csv' | sort); do
	cmp -s "$web/$f" "$files/$f" || { fail "the spreadsheets are the same in both builds" "$f differs"; f=x; break; }
done
[ "$f" != x ] && pass "the spreadsheets are the same in both builds"
sleep 1
rm -rf "$OUT/again"
"$QBPRESS" build -C "$OUT/content" -o "$OUT/again" --only sheets -q 2> /dev/null
n=0
for f in $(cd "$OUT/again/site" && find . -type f | sort); do
	cmp -s "$web/$f" "$OUT/again/site/$f" || { n=x; break; }
	n=$((n + 1))
done
[ "$n" != x ] && [ "$n" -gt 10 ] &&
	pass "the spreadsheets ($n files) are byte-identical from one build to the next (timestamps from the build date)" ||
	fail "the spreadsheets are byte-identical from one build to the next" "$f differs"

# The spreadsheet check catches a wrong column; a bad path or sheet name
# in the theme stops the build with the template's name.
theme_with() {
	rm -rf "$OUT/themes/t"
	mkdir -p "$OUT/themes/t/templates/site"
	sed "$1" themes/default/templates/site/sheets.xsl > "$OUT/themes/t/templates/site/sheets.xsl"
	rm -rf "$OUT/tb"
	"$QBPRESS" build -C "$OUT/content" -o "$OUT/tb" --only sheets --theme t -q 2> "$OUT/tb.err"
}
theme_with 's|<cell><xsl:value-of select="region"/></cell>|<cell><xsl:value-of select="recommender"/></cell>|'
if [ $? = 0 ] && ! python3 tests/tools/check_sheets.py "$OUT/tb/site" "$OUT/web.xml" > "$OUT/tb.log" 2>&1 &&
	grep -q '^not ok - cases/cases.xlsx \[典型经验案例库\]: every cell' "$OUT/tb.log"; then
	pass "the spreadsheet check finds a column filled from the wrong field"
else
	fail "the spreadsheet check finds a column filled from the wrong field" "$(head -5 "$OUT/tb.err" "$OUT/tb.log")"
fi
theme_with 's|<workbook path="{$p}.xlsx">|<workbook path="../{$p}.xlsx">|'
[ $? = 1 ] && grep -q "t/templates/site/sheets.xsl: error: spreadsheet path '../notices/2024-publicity/list.xlsx' must be a relative path" "$OUT/tb.err" &&
	pass "a spreadsheet path outside the site stops the build, naming the template" ||
	fail "a spreadsheet path outside the site stops the build, naming the template" "$(head -3 "$OUT/tb.err")"
theme_with 's|<sheet name="典型经验案例库"|<sheet name="典型经验/案例库"|'
[ $? = 1 ] && grep -q "spreadsheet cases/cases.xlsx: sheet name .* is missing, taken, longer than 31 characters" "$OUT/tb.err" &&
	pass "a sheet name Excel refuses stops the build" || fail "a sheet name Excel refuses stops the build" "$(head -3 "$OUT/tb.err")"

# The pages link their lists' spreadsheets.
grep -q 'href="../cases/cases.xlsx" download="全国质量标杆典型经验案例库.xlsx"' "$web/cases/index.html" &&
	grep -q 'href="../../notices/2025-publicity/list.csv"' "$web/notices/2025-publicity/index.html" &&
	grep -q 'href="../../notices/2025-announcement/list.xlsx"' "$web/notices/2025-announcement/index.html" &&
	grep -q 'href="../stats/statistics.xlsx"' "$web/stats/index.html" && grep -q 'href="../stats/regions.csv"' "$web/stats/index.html" &&
	pass "the library, the notices and the statistics link their spreadsheets" ||
	fail "the library, the notices and the statistics link their spreadsheets"

# The search data.
size=$(wc -c < "$web/cases/index.json")
grep -q '"names":{"f":{"tqm":\["（一）","全面质量管理"\]' "$web/cases/index.json" &&
	grep -q '"shandong":\["山东省","山东"\]' "$web/cases/index.json" && grep -q '"n":"QB2025-001"' "$web/cases/index.json" &&
	pass "the search index holds focus numbers, both forms of regions, certificate numbers ($size bytes)" ||
	fail "the search index holds focus numbers, both forms of regions, certificate numbers"
grep -q '^\["QB2025-001","青岛澜岳精密制造股份有限公司","91370200MAQHPKXHXX",2025,0\]' "$web/verify/index.json" &&
	grep -q '^\["QB2024-006","安徽金硕建材集团有限公司",".*",2024,1\]' "$web/verify/index.json" &&
	pass "the verification index holds number, enterprise, credit code, year and whether revoked" ||
	fail "the verification index holds number, enterprise, credit code, year and whether revoked" "$(head -3 "$web/verify/index.json")"

# Every page of both forms passes the Nu HTML Checker; every link of the
# --relative site leads to a file.
if java -jar tests/node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --errors-only "$web" "$files" > "$OUT/vnu.log" 2>&1; then
	pass "the Nu HTML Checker finds no error in either form of the site"
else
	fail "the Nu HTML Checker finds no error in either form of the site" "$(head -10 "$OUT/vnu.log")"
fi
if build/tools/linkcheck --files --optional certificates/ "$files" > "$OUT/files-links.log" &&
	build/tools/linkcheck --optional certificates/ "$web" > "$OUT/web-links.log"; then
	pass "every link resolves: to a file in the --relative site ($(tail -1 "$OUT/files-links.log"))"
else
	fail "every link resolves: to a file in the --relative site" "$(head -5 "$OUT/files-links.log" "$OUT/web-links.log")"
fi

# In the browser: the bundled content, then a corpus of 300 cases (long
# lists come a page at a time; many regions and recommending units).
node tests/site/reader.js "$web" "$files" "$OUT/web.json" "$OUT/screenshots" > "$OUT/reader.log" 2>&1
rc=$?
cat "$OUT/reader.log"
[ "$rc" = 0 ] || fail "the reader test exits 0" "exit $rc"
sh tests/bench/corpus.sh 2 150 "$OUT/corpus" > /dev/null 2>&1
if build corpus-web "$OUT/corpus/content" && build corpus-files "$OUT/corpus/content" --relative; then
	node tests/site/reader.js "$OUT/corpus-web/site" "$OUT/corpus-files/site" "$OUT/corpus-web.json" "$OUT/corpus-screenshots" \
		> "$OUT/corpus-reader.log" 2>&1
	rc=$?
	sed 's/^\(not \)\{0,1\}ok - /&corpus: /' "$OUT/corpus-reader.log"
	[ "$rc" = 0 ] || fail "corpus: the reader test exits 0" "exit $rc"
	python3 tests/tools/check_sheets.py "$OUT/corpus-web/site" "$OUT/corpus-web.xml" > "$OUT/corpus-sheets.log" 2>&1 &&
		pass "corpus: every spreadsheet cell equals the model ($(grep -c '^ok' "$OUT/corpus-sheets.log") checks)" ||
		fail "corpus: every spreadsheet cell equals the model" "$(grep -A3 '^not ok' "$OUT/corpus-sheets.log" | head -8)"
else
	fail "the 300-case corpus builds" "$(head -5 "$OUT/corpus-web.err" "$OUT/corpus-files.err")"
fi
