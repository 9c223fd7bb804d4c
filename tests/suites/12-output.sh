#!/bin/sh
# The build as a whole: reproducible, atomic, confidential, leak-free.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

# Same content and SOURCE_DATE_EPOCH: byte-identical output.
SOURCE_DATE_EPOCH=1764028800 "$QBPRESS" build -C content -o "$OUT/a" -j 2 2> "$OUT/a.err" || fail "bundled content builds" "$(head "$OUT/a.err")"
SOURCE_DATE_EPOCH=1764028800 "$QBPRESS" build -C content -o "$OUT/b" -j 1 2> "$OUT/b.err" || fail "bundled content builds again" "$(head "$OUT/b.err")"
ha=$(tree_hash "$OUT/a")
hb=$(tree_hash "$OUT/b")
if [ -n "$ha" ] && [ "$ha" = "$hb" ]; then pass "two builds (-j 2 and -j 1) are byte-identical"
else fail "two builds are byte-identical" "$(diff -rq "$OUT/a" "$OUT/b" | head -5)"; fi
"$QBPRESS" build -C content -o "$OUT/c" --today 2026-12-20 2> /dev/null
hc=$(tree_hash "$OUT/c")
[ "$hc" != "$ha" ] && pass "--today changes what the build says" || fail "--today changes what the build says"

# Nothing from review: reaches any output (Art. 16).
leaks=$(grep -rlE '评审意见（保密）|materials_score|defense_score|专家甲|专家乙' "$OUT/a" "$OUT/c" 2>/dev/null)
[ -z "$leaks" ] && pass "no review data in any output file" || fail "no review data in any output file" "$leaks"

# A renderer that fails leaves the previous output as it was.
mkdir -p "$OUT/themes/broken/templates/site" "$OUT/tree"
cp -R content "$OUT/tree/content"
cp -R themes/default "$OUT/tree/themes-default-copy" 2>/dev/null
"$QBPRESS" build -C "$OUT/tree/content" -o "$OUT/tree/output" 2> /dev/null
before=$(tree_hash "$OUT/tree/output")
mkdir -p "$OUT/tree/themes/broken/templates/site" "$OUT/tree/themes/broken/templates/wechat"
for f in $(cd themes/default/templates 2>/dev/null && find . -name '*.xsl'); do
	mkdir -p "$(dirname "$OUT/tree/themes/broken/templates/$f")"
	printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:message terminate="yes">broken</xsl:message></xsl:template></xsl:stylesheet>\n' > "$OUT/tree/themes/broken/templates/$f"
done
if [ -n "$(find "$OUT/tree/themes/broken" -name '*.xsl')" ]; then
	"$QBPRESS" build -C "$OUT/tree/content" -o "$OUT/tree/output" --theme broken > /dev/null 2> "$OUT/broken.err"
	rc=$?
	after=$(tree_hash "$OUT/tree/output")
	if [ "$rc" = 1 ] && [ "$before" = "$after" ]; then pass "a failing theme template: exit 1, previous output untouched"
	else fail "a failing theme template: exit 1, previous output untouched" "status $rc" "$(head -3 "$OUT/broken.err")"; fi
	grep -q "broken/templates/" "$OUT/broken.err" && pass "the failure names the template file" || fail "the failure names the template file" "$(head -3 "$OUT/broken.err")"
fi
[ -z "$(find "$OUT/tree" -maxdepth 1 -name '.output.staging-*')" ] && pass "no staging folder is left behind" || fail "no staging folder is left behind"

# An output path that cannot be written: exit 2, nothing half-written.
touch "$OUT/file"
"$QBPRESS" build -C content -o "$OUT/file/sub" > /dev/null 2>&1
[ $? = 2 ] && pass "an unwritable output folder: exit 2" || fail "an unwritable output folder: exit 2"

# valgrind: qbpress check on the bundled content, no leaks, no errors.
if command -v valgrind > /dev/null; then
	valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
		--error-exitcode=99 "$ROOT/qbpress" check -C content > /dev/null 2> "$OUT/valgrind.log"
	rc=$?
	if [ "$rc" = 0 ]; then pass "valgrind: qbpress check is clean (no leaks, no errors)"
	else fail "valgrind: qbpress check is clean" "$(grep -m10 '==' "$OUT/valgrind.log")"; fi
	valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$ROOT/qbpress" check -C tests/fixtures/good > /dev/null 2> "$OUT/valgrind-good.log"
	[ $? = 0 ] && pass "valgrind: check on the fixture tree is clean" || fail "valgrind: fixture tree" "$(grep -m10 '==' "$OUT/valgrind-good.log")"
	cp -R tests/fixtures/good "$OUT/vbad"
	cp -R tests/fixtures/bad/many-errors-sorted/files/. "$OUT/vbad/"
	valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$ROOT/qbpress" check -C "$OUT/vbad" > /dev/null 2> "$OUT/valgrind-bad.log"
	[ $? = 1 ] && pass "valgrind: check on a broken tree is clean" || fail "valgrind: broken tree" "$(grep -m10 '==' "$OUT/valgrind-bad.log")"
	valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$ROOT/qbpress" build -C content -o "$OUT/vbuild" -j 1 > /dev/null 2> "$OUT/valgrind-build.log"
	[ $? = 0 ] && [ -f "$OUT/vbuild/site/index.html" ] && pass "valgrind: a full build of the bundled content is clean" ||
		fail "valgrind: a full build" "$(grep -m10 '==' "$OUT/valgrind-build.log")"
else
	fail "valgrind is installed"
fi

# The output folder never swallows the content, the theme or the working
# folder, and a folder qbpress did not make is never replaced.
w=$OUT/guard
rm -rf "$w"
mkdir -p "$w"
cp -R content "$w/content"
before=$(tree_hash "$w/content")
for o in content content/site "." ".." "$ROOT/themes" "$ROOT/themes/default/x"; do
	(cd "$w" && "$QBPRESS" build -C content -o "$o" -q > /dev/null 2> "$w/err")
	rc=$?
	if [ "$rc" = 2 ] && grep -q "error: the output folder" "$w/err"; then pass "-o $o is refused (exit 2)"
	else fail "-o $o is refused (exit 2)" "status $rc" "$(head -3 "$w/err")"; fi
done
[ "$(tree_hash "$w/content")" = "$before" ] && [ -f "$w/content/site.yaml" ] && pass "the content is intact after the refused builds" ||
	fail "the content is intact after the refused builds"
mkdir -p "$w/mine"
echo precious > "$w/mine/notes.txt"
(cd "$w" && "$QBPRESS" build -C content -o mine -q > /dev/null 2> "$w/err")
rc=$?
if [ "$rc" = 2 ] && [ "$(cat "$w/mine/notes.txt")" = precious ] && grep -q "was not made by qbpress" "$w/err"; then
	pass "a non-empty folder without the output mark is neither replaced nor removed"
else fail "a folder without the output mark is left alone" "status $rc" "$(head -3 "$w/err")"; fi
mkdir -p "$w/empty"
(cd "$w" && "$QBPRESS" build -C content -o empty -q > /dev/null 2>&1) && [ -f "$w/empty/.qbpress-output" ] &&
	pass "an empty folder may be the output; the output carries the mark" || fail "an empty folder may be the output"

# Staging folders of killed builds (marked, named after the output) are
# removed by the next build; a staging-like folder without the mark is not.
(cd "$w" && "$QBPRESS" build -C content -o out -q > /dev/null 2>&1)
mkdir -p "$w/.out.staging-AAAAAA/site" "$w/.out.staging-BBBBBB"
touch "$w/.out.staging-AAAAAA/.qbpress-output"
(cd "$w" && "$QBPRESS" build -C content -o out -q > /dev/null 2>&1)
left=$(cd "$w" && ls -d .out.staging-* 2>/dev/null | tr '\n' ' ')
[ "$left" = ".out.staging-BBBBBB " ] && pass "stale staging folders are removed, unmarked ones kept" ||
	fail "stale staging folders are removed, unmarked ones kept" "left: $left"

# Two builds into one output at once: the second is refused.
if command -v flock > /dev/null; then
	(cd "$w" && flock .out.lock sh -c "'$QBPRESS' build -C content -o out -q > /dev/null 2> lock.err; echo \$? > lock.rc")
	[ "$(cat "$w/lock.rc")" = 2 ] && grep -q "another build is writing" "$w/lock.err" &&
		pass "a build while another holds the output's lock is refused" ||
		fail "a second build at once is refused" "$(cat "$w/lock.rc" "$w/lock.err")"
fi

# Documents in downloads/ are published; content sources never are.
cp -R tests/fixtures/good "$w/dl"
mkdir -p "$w/dl/downloads"
printf '%%PDF-1.4\n' > "$w/dl/downloads/guide.pdf"
printf '\n[申报指南](../../../downloads/guide.pdf)\n' >> "$w/dl/campaigns/2025/cases/alpha-works.md"
"$QBPRESS" build -C "$w/dl" -o "$w/dl-out" --today 2026-11-25 -q > /dev/null 2>&1
[ -f "$w/dl-out/site/downloads/guide.pdf" ] && grep -q 'href="../../../downloads/guide.pdf"' "$w/dl-out/site/cases/2025/alpha-works/index.html" &&
	pass "a document in downloads/ is published and linked" || fail "a document in downloads/ is published and linked"
[ -z "$(find "$w/dl-out" -name '*.yaml' -o -name '*.md')" ] && pass "no YAML or Markdown source in the output" ||
	fail "no YAML or Markdown source in the output" "$(find "$w/dl-out" -name '*.yaml' -o -name '*.md' | head)"
