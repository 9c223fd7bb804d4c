#!/bin/sh
# Incremental builds: a rebuild renders only what changed, writes only the
# files whose bytes changed, leaves every other file as it was (same inode,
# same time stamps), deletes what is gone, survives a killed build, and
# always gives what a clean build of the same tree gives.
#   EDITS=N  random edits in the equivalence run (default 200)
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
EDITS=${EDITS:-200}
TODAY=2026-11-25

# stamps DIR: inode, modification time and path of every file, sorted.
stamps() {
	(cd "$1" && find . -type f ! -name .qbpress-manifest -printf '%i %T@ %p\n' | sort -k3)
}
# changed A B: the paths whose line differs between two stamp lists.
changed() {
	diff "$1" "$2" | sed -n 's/^> [0-9]* [0-9.]* \.\///p' | sort | tr '\n' ' '
}
# same_as_clean NAME TREE OUT [options]: OUT equals a clean build of TREE.
same_as_clean() {
	name=$1 tree=$2 out=$3
	shift 3
	rm -rf "$OUT/clean"
	"$QB" build -C "$tree" -o "$OUT/clean" -q "$@" > /dev/null 2> "$OUT/clean.err"
	if [ "$(tree_hash "$out")" = "$(tree_hash "$OUT/clean")" ]; then pass "$name"
	else fail "$name" "$(diff -rq --exclude=.qbpress-manifest "$out" "$OUT/clean" | head -5)"; fi
}

QB=$QBPRESS
w=$OUT/w
rm -rf "$w"
mkdir -p "$w"
cp -R content "$w/content"
# Old time stamps: files changed just before a build are not trusted to be
# unchanged by the next one.
find "$w/content" -exec touch -h -d '1 hour ago' {} +
sleep 1.1

"$QB" build -C "$w/content" -o "$w/out" --today $TODAY -q 2> "$OUT/b1.err" || fail "the first build" "$(head -3 "$OUT/b1.err")"
[ -f "$w/out/.qbpress-manifest" ] && pass "a build leaves a manifest in its output folder" || fail "a build leaves a manifest"
stamps "$w/out" > "$OUT/s1"
mtime_manifest=$(stat -c %Y.%i "$w/out/.qbpress-manifest")
sleep 1.1
"$QB" build -C "$w/content" -o "$w/out" --today $TODAY -q 2> "$OUT/b2.err"
rc=$?
stamps "$w/out" > "$OUT/s2"
if [ "$rc" = 0 ] && cmp -s "$OUT/s1" "$OUT/s2" && [ "$(stat -c %Y.%i "$w/out/.qbpress-manifest")" = "$mtime_manifest" ]; then
	pass "a rebuild with nothing changed writes no file at all (not even the manifest)"
else
	fail "a rebuild with nothing changed writes no file" "status $rc" "$(changed "$OUT/s1" "$OUT/s2")"
fi
[ -z "$(find "$w" -maxdepth 1 -name '.out.staging-*')" ] && pass "no staging folder is left" || fail "no staging folder is left"

# One narrative's body: its case page, its WeChat article, the copy page
# that previews it, its year's compendium and the WeChat manifest that
# gives the book's size in bytes; nothing else.
n=content/campaigns/2025/cases/lanyue-precision.md
sed -i 's/始建于2006年/始建于2007年/' "$w/$n"
grep -q 始建于2007年 "$w/$n" || fail "the edit of the narrative applies"
"$QB" build -C "$w/content" -o "$w/out" --today $TODAY -q 2> "$OUT/b3.err"
stamps "$w/out" > "$OUT/s3"
got=$(changed "$OUT/s2" "$OUT/s3")
want="site/cases/2025/lanyue-precision/index.html site/compendium/2025.pdf wechat/2025/lanyue-precision.html wechat/index.html wechat/manifest.json "
[ "$got" = "$want" ] && pass "one narrative changed: only the files that show it are written" ||
	fail "one narrative changed: only the files that show it are written" "written: $got" "expected: $want"
same_as_clean "after a narrative edit, the output equals a clean build" "$w/content" "$w/out" --today $TODAY

# --force renders everything again; files with the same bytes stay.
"$QB" build -C "$w/content" -o "$w/out" --today $TODAY -q --force 2> "$OUT/b4.err"
stamps "$w/out" > "$OUT/s4"
cmp -s "$OUT/s3" "$OUT/s4" && pass "--force renders all again and replaces no file whose bytes are the same" ||
	fail "--force keeps files with the same bytes" "$(changed "$OUT/s3" "$OUT/s4")"

# A deleted record: its pages, certificate and article are gone.
awk 'BEGIN { RS = ""; ORS = "\n\n" } !/^- id: tianmu-textile\n/' "$w/content/campaigns/2025/records.yaml" > "$OUT/r.yaml" &&
	cp "$OUT/r.yaml" "$w/content/campaigns/2025/records.yaml"
rm -f "$w/content/campaigns/2025/cases/tianmu-textile.md"
"$QB" build -C "$w/content" -o "$w/out" --today $TODAY -q 2> "$OUT/b5.err" || fail "the build without the record" "$(head -3 "$OUT/b5.err")"
left=$(find "$w/out" -path '*tianmu-textile*' | head -3)
[ -z "$left" ] && pass "a deleted record's files are deleted" || fail "a deleted record's files are deleted" "$left"
same_as_clean "after deleting a record, the output equals a clean build" "$w/content" "$w/out" --today $TODAY

# A later build date crosses the end of the 2026 publicity period.
stamps "$w/out" > "$OUT/s5"
"$QB" build -C "$w/content" -o "$w/out" --today 2026-12-20 -q 2> "$OUT/b6.err"
stamps "$w/out" > "$OUT/s6"
got=$(changed "$OUT/s5" "$OUT/s6")
case $got in
*cases/2025/lanyue-precision/index.html*) fail "a new build date leaves the case pages alone" "written: $got" ;;
"") fail "a new build date rewrites the pages that show it" ;;
*) pass "a new build date rewrites the pages that show it, not the case pages" ;;
esac
same_as_clean "after the period ends, the output equals a clean build" "$w/content" "$w/out" --today 2026-12-20

# A build killed halfway leaves the output as it was; the next build is right.
before=$(tree_hash "$w/out")
sed -i 's/始建于2007年/始建于2008年/' "$w/$n"
"$QB" build -C "$w/content" -o "$w/out" --today $TODAY -q -j 2 > /dev/null 2>&1 &
pid=$!
sleep 0.2
kill -9 $pid 2> /dev/null
wait $pid 2> /dev/null
after=$(tree_hash "$w/out")
if [ "$after" = "$before" ] || [ "$after" = "$(same_as_clean x "$w/content" "$w/out" --today $TODAY > /dev/null; tree_hash "$OUT/clean")" ]; then
	pass "a killed build leaves the output as it was (or, finished, right)"
else
	fail "a killed build leaves the output as it was"
fi
"$QB" build -C "$w/content" -o "$w/out" --today $TODAY -q 2> "$OUT/b7.err"
same_as_clean "the build after a killed one equals a clean build" "$w/content" "$w/out" --today $TODAY
rm -f "$w/.out.twin/.qbpress-manifest"
sed -i 's/始建于2008年/始建于2009年/' "$w/$n"
"$QB" build -C "$w/content" -o "$w/out" --today $TODAY -q 2> "$OUT/b8.err"
same_as_clean "a twin that lost its manifest is not trusted" "$w/content" "$w/out" --today $TODAY

# What parsing a narrative finds (its warnings, the files it publishes) is
# kept with the build: a rebuild that parses only the edited narrative gives
# every warning a clean build gives, once, picks up what the edited one
# brings, and still finds a picture gone that an unchanged one shows.
v=$OUT/facts
rm -rf "$v"
mkdir -p "$v"
cp -R tests/fixtures/good "$v/content"
vc=$v/content/campaigns/2025/cases
printf '\n含<span>原始标记</span>与[不安全的链接](javascript:alert)的一段。\n' >> "$vc/alpha-works.md"
printf '\n<div>原始区块</div>\n' >> "$vc/gamma-bank.md"
cp "$v/content/images/chart.png" "$v/content/images/kept.png"
printf '\n![留存的图](../../../images/kept.png)\n' >> "$vc/gamma-bank.md"
find "$v" -exec touch -h -d '1 hour ago' {} +
# facts_build NAME: an incremental build into $v/out, then a clean one;
# both give the same status and standard error.
facts_build() {
	"$QB" build -C "$v/content" -o "$v/out" --today $TODAY -q > /dev/null 2> "$OUT/facts-inc.err"
	irc=$?
	rm -rf "$v/clean"
	"$QB" build -C "$v/content" -o "$v/clean" --today $TODAY -q > /dev/null 2> "$OUT/facts-clean.err"
	crc=$?
	if [ "$irc" = "$crc" ] && cmp -s "$OUT/facts-inc.err" "$OUT/facts-clean.err"; then pass "$1"
	else fail "$1" "status $irc / $crc" "$(diff "$OUT/facts-clean.err" "$OUT/facts-inc.err" | head -8)"; fi
}
facts_build "narratives with warnings: the first build gives a clean build's messages"
nw=$(grep -c -e 'raw HTML is not published' -e "unsafe link 'javascript:alert'" "$OUT/facts-inc.err")
[ "$nw" = 4 ] && [ -z "$(sort "$OUT/facts-inc.err" | uniq -d)" ] && pass "each narrative warning is given once" ||
	fail "each narrative warning is given once" "$(cat "$OUT/facts-inc.err")"
nf=$(grep -c '^narrative ' "$v/out/.qbpress-manifest")
[ "$nf" = 4 ] && pass "the manifest keeps what parsing each narrative found" ||
	fail "the manifest keeps what parsing each narrative found" "$nf narrative lines"
printf '\n第二次修改的段落。\n' >> "$vc/beta-logistics.md"
facts_build "another narrative edited: the unchanged narratives' warnings are given as a clean build gives them, once each"
nw=$(grep -c -e 'raw HTML is not published' -e "unsafe link 'javascript:alert'" "$OUT/facts-inc.err")
[ "$nw" = 4 ] && [ -z "$(sort "$OUT/facts-inc.err" | uniq -d)" ] && pass "after an edit of another narrative, each warning is still given once" ||
	fail "after an edit of another narrative, each warning is still given once" "$(cat "$OUT/facts-inc.err")"
same_as_clean "after the edit, the output equals a clean build" "$v/content" "$v/out" --today $TODAY
cp "$v/content/images/chart.png" "$v/content/images/added.png"
printf '\n![新图](../../../images/added.png)与<em>新的原始标记</em>。\n' >> "$vc/beta-logistics.md"
facts_build "a new warning and picture in the edited narrative: the messages of a clean build"
line=$(grep -c '' "$vc/beta-logistics.md")
grep -q "beta-logistics.md:$line:[0-9]*: warning: raw HTML is not published" "$OUT/facts-inc.err" &&
	pass "the edited narrative's new warning is given" ||
	fail "the edited narrative's new warning is given" "$(cat "$OUT/facts-inc.err")"
[ -n "$(find "$v/out/site" -name added.png)" ] && pass "the edited narrative's new picture is published" ||
	fail "the edited narrative's new picture is published"
same_as_clean "after a new picture, the output equals a clean build" "$v/content" "$v/out" --today $TODAY
rm "$v/content/images/kept.png"
facts_build "a picture that an unchanged narrative shows is deleted: the error of a clean build"
grep -q "gamma-bank.md:[0-9]*:[0-9]*: error: image '../../../images/kept.png' does not exist" "$OUT/facts-inc.err" &&
	pass "the unchanged narrative's missing picture is an error" ||
	fail "the unchanged narrative's missing picture is an error" "$(cat "$OUT/facts-inc.err")"

# The certificate lookup by year: with a theme's certificates_per_list: 2,
# a third certificate makes /verify/ list the years, each with a page of
# its numbers; the page of a year is written when one of its
# certificates changes, not when a narrative does, and goes when /verify/
# lists numbers again.
y=$OUT/years
rm -rf "$y"
mkdir -p "$y/themes/two"
cp -R tests/fixtures/good "$y/content"
printf 'theme: two\n' >> "$y/content/site.yaml"
printf 'cards_per_page: 60\ncertificates_per_list: 2\n' > "$y/themes/two/site.yaml"
find "$y" -exec touch -h -d '1 hour ago' {} +
yrecs=$y/content/campaigns/2025/records.yaml
ypage=site/verify/year/2025/index.html
ybuild() {
	"$QB" build -C "$y/content" -o "$y/out" --today $TODAY -q 2> "$OUT/years.err" || fail "$1: the build" "$(head -3 "$OUT/years.err")"
}
ybuild "two certificates"
cp "$yrecs" "$OUT/years-records.yaml"
[ ! -e "$y/out/site/verify/year" ] && pass "two certificates of a certificates_per_list of 2: /verify/ lists their numbers, no year page" ||
	fail "two certificates of a certificates_per_list of 2: no year page"
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR == 1' "$yrecs" | sed 's/^- id: .*/- id: delta-added/; s/enterprise: .*/enterprise: 新增科技有限公司/' >> "$yrecs"
cp "$y/content/campaigns/2025/cases/alpha-works.md" "$y/content/campaigns/2025/cases/delta-added.md"
ybuild "a third certificate"
grep -q '新增科技有限公司' "$y/out/$ypage" && grep -q 'verify/year/2025/' "$y/out/site/verify/index.html" &&
	pass "a third certificate: /verify/ lists the years, and the new certificate is on its year's page" ||
	fail "a third certificate: /verify/ lists the years, and the new certificate is on its year's page"
same_as_clean "after a third certificate, the output equals a clean build" "$y/content" "$y/out" --today $TODAY
stamps "$y/out" > "$OUT/y1"
sed -i 's/^summary: .*/summary: 新版摘要，以数据驱动的质量改进。/' "$y/content/campaigns/2025/cases/alpha-works.md"
ybuild "a narrative edit"
stamps "$y/out" > "$OUT/y2"
sed -i 's/新增科技有限公司/新增智能科技有限公司/' "$yrecs"
ybuild "an enterprise renamed"
stamps "$y/out" > "$OUT/y3"
case "$(changed "$OUT/y1" "$OUT/y2")" in
*"$ypage"*) fail "a narrative edit leaves the year's page of certificates alone" "written: $(changed "$OUT/y1" "$OUT/y2")" ;;
*cases/2025/alpha-works/*) pass "a narrative edit leaves the year's page of certificates alone" ;;
*) fail "a narrative edit rewrites its case page" "written: $(changed "$OUT/y1" "$OUT/y2")" ;;
esac
case "$(changed "$OUT/y2" "$OUT/y3")" in
*"$ypage"*) pass "an enterprise renamed rewrites its year's page of certificates" ;;
*) fail "an enterprise renamed rewrites its year's page of certificates" "written: $(changed "$OUT/y2" "$OUT/y3")" ;;
esac
same_as_clean "after the rename, the output equals a clean build" "$y/content" "$y/out" --today $TODAY
cp "$OUT/years-records.yaml" "$yrecs"
rm "$y/content/campaigns/2025/cases/delta-added.md"
ybuild "the third certificate deleted"
[ ! -e "$y/out/site/verify/year" ] && pass "with the third certificate deleted, the year pages are gone" ||
	fail "with the third certificate deleted, the year pages are gone"
same_as_clean "after the third certificate is deleted, the output equals a clean build" "$y/content" "$y/out" --today $TODAY

# Random edits, each followed by an incremental build that must equal a
# clean build of the same tree. The release binary keeps this quick; the
# sanitised binary runs the first ones.
QBR=$ROOT/qbpress
[ -x "$QBR" ] || QBR=$QB
r=$OUT/random
rm -rf "$r"
mkdir -p "$r/themes/local/static"
cp -R tests/fixtures/good "$r/content"
cp themes/default/static/site.css "$r/themes/local/static/site.css"
find "$r" -exec touch -h -d '1 hour ago' {} +
printf 'theme: local\n' >> "$r/content/site.yaml"
# Two certificates by number at most: a record added (edit 2) makes
# /verify/ list the years, its deletion (edit 3) the numbers again.
printf 'cards_per_page: 60\ncertificates_per_list: 2\n' > "$r/themes/local/site.yaml"
# A case that links another, whose revocation (edit 10) and date changes
# change what the link becomes.
printf '\n另见[首个案例](alpha-works.md)。\n' >> "$r/content/campaigns/2025/cases/beta-logistics.md"
i=0
bad=0
seed=${SEED:-$(date +%s)}
dates="2025-09-20 2025-10-01 2025-11-25 2026-11-18 2026-11-25 2026-12-05 2027-01-10"
while [ $i -lt "$EDITS" ]; do
	i=$((i + 1))
	qb=$QBR
	[ $i -le 5 ] && qb=$QB
	op=$(awk -v s="$seed" -v i="$i" 'BEGIN { srand(s * 1000 + i); print int(rand() * 11) }')
	pick=$(awk -v s="$seed" -v i="$i" 'BEGIN { srand(s * 7919 + i); print int(rand() * 1000) }')
	recs=$r/content/campaigns/2025/records.yaml
	case $op in
	0) f=$(ls "$r"/content/campaigns/*/cases/*.md | awk -v p="$pick" '{ a[NR] = $0 } END { print a[p % NR + 1] }')
		printf '\n第%d次修改的段落。\n' "$i" >> "$f" ;;
	1) sed -i "0,/^  enterprise: /s/^  enterprise: \(.*\)/  enterprise: \1/" "$recs"
		sed -i "0,/^  experience: /s/^  experience: [^（]*/  experience: 修订${pick}经验/" "$recs" ;;
	2) id=extra-$pick
		if ! grep -q "^- id: $id\$" "$recs"; then
			awk 'BEGIN { RS = ""; ORS = "\n\n" } NR == 1' "$recs" | sed "s/^- id: .*/- id: $id/; s/enterprise: .*/enterprise: 新增${pick}科技有限公司/" >> "$recs"
			cp "$r/content/campaigns/2025/cases/alpha-works.md" "$r/content/campaigns/2025/cases/$id.md"
		fi ;;
	3) id=$(grep -o '^- id: extra-[0-9]*' "$recs" | head -1 | cut -c7-)
		if [ -n "$id" ]; then
			awk -v id="$id" 'BEGIN { RS = ""; ORS = "\n\n" } $0 !~ "^- id: " id "\n"' "$recs" > "$r/t.yaml" && mv "$r/t.yaml" "$recs"
			rm -f "$r/content/campaigns/2025/cases/$id.md"
		fi ;;
	4) cp "$r/content/images/chart.png" "$r/content/images/extra.png"
		printf '\n![新图](../../../images/extra.png)\n' >> "$r/content/campaigns/2025/cases/beta-logistics.md" ;;
	5) sed -i '/extra\.png/d' "$r/content/campaigns/2025/cases/beta-logistics.md"
		rm -f "$r/content/images/extra.png" ;;
	6) printf '/* %d */\n' "$pick" >> "$r/themes/local/static/site.css" ;;
	7) TODAY=$(echo $dates | awk -v p="$pick" '{ print $(p % NF + 1) }') ;;
	8) sed -i "s/^summary: .*/summary: 第${pick}版摘要，以数据驱动的质量改进。/" "$r/content/campaigns/2025/cases/gamma-bank.md" ;;
	9) touch "$r/content/campaigns/2025/cases/alpha-works.md" ;;
	10) if grep -q '^  revoked:' "$recs"; then
			sed -i '/^  revoked:/,/^    number:/d' "$recs"
		else
			sed -i '0,/^  profitable: .*/s//&\n  revoked:\n    date: 2026-03-02\n    reason: 经核查存在重大质量问题\n    number: 中质协质字〔2026〕9号/' "$recs"
		fi ;;
	esac
	"$qb" build -C "$r/content" -o "$r/out" --today "$TODAY" -q > /dev/null 2> "$r/inc.err"
	irc=$?
	rm -rf "$r/clean"
	"$qb" build -C "$r/content" -o "$r/clean" --today "$TODAY" -q > /dev/null 2> "$r/clean.err"
	crc=$?
	if [ "$irc" != "$crc" ] || { [ "$irc" = 0 ] && [ "$(tree_hash "$r/out")" != "$(tree_hash "$r/clean")" ]; }; then
		bad=$((bad + 1))
		[ $bad -le 3 ] && fail "edit $i (operation $op, seed $seed): incremental build equals a clean build" \
			"status $irc / $crc" "$(diff -rq --exclude=.qbpress-manifest "$r/out" "$r/clean" | head -5)" "$(head -3 "$r/inc.err")"
	fi
done
[ $bad = 0 ] && pass "$EDITS random edits (seed $seed): every incremental build equals a clean build" ||
	fail "$bad of $EDITS random edits (seed $seed) gave an output other than a clean build's"

# A case page shows its links to other cases as what those became: when a
# case of another year is withdrawn, the link to it becomes plain text,
# though nothing else of the page changed.
l=$OUT/links
rm -rf "$l"
mkdir -p "$l"
cp -R tests/fixtures/good "$l/content"
c=$l/content/campaigns
mkdir -p "$c/2024/cases"
sed 's/2025/2024/g' "$c/2025/campaign.yaml" > "$c/2024/campaign.yaml"
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR == 1' "$c/2025/records.yaml" |
	sed 's/^- id: .*/- id: omega-last/; s/enterprise: .*/enterprise: 末位测试科技有限公司/;
	     s/profitable: .*/profitable: [2021, 2022, 2023]/; s/valid_until: .*/valid_until: 2026-03-31/' > "$c/2024/records.yaml"
cp "$c/2025/cases/alpha-works.md" "$c/2024/cases/omega-last.md"
printf '\n另见[往年案例](../../2024/cases/omega-last.md)。\n' >> "$c/2025/cases/alpha-works.md"
find "$l" -exec touch -h -d '1 hour ago' {} +
"$QB" build -C "$l/content" -o "$l/out" --today 2026-11-25 -q 2> "$OUT/l1.err" || fail "the tree with a case link builds" "$(head -3 "$OUT/l1.err")"
page=$l/out/site/cases/2025/alpha-works/index.html
grep -q 'cases/2024/omega-last/' "$page" && pass "a link to a published case of another year is a link" ||
	fail "a link to a published case of another year is a link"
awk '/^- id: omega-last$/ { print; print "  withdrawn:\n    date: 2024-10-10\n    reason: 异议经核实成立"; next } { print }' \
	"$c/2024/records.yaml" > "$l/t.yaml" && mv "$l/t.yaml" "$c/2024/records.yaml"
"$QB" build -C "$l/content" -o "$l/out" --today 2026-11-25 -q 2> "$OUT/l2.err" || fail "the tree builds after the withdrawal" "$(head -3 "$OUT/l2.err")"
if grep -q 'cases/2024/omega-last/' "$page"; then
	fail "after the linked case is withdrawn, the link is gone from the page that names it"
else
	pass "after the linked case is withdrawn, the link is gone from the page that names it"
fi
same_as_clean "after a linked case is withdrawn, the output equals a clean build" "$l/content" "$l/out" --today 2026-11-25
