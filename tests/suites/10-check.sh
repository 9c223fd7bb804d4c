#!/bin/sh
# End-to-end checks of `qbpress check` and `qbpress build` on fixture trees.
# tests/fixtures/good is a small valid content tree. Each folder in
# tests/fixtures/bad/ turns a copy of it into a broken one (files/ replaces
# files, setup.sh runs in the copy) and says in `expect` what must happen:
#   status N        the exit status of check and of build
#   diag LINE       a line that must appear on stderr, exactly
#   summary LINE    the summary line
# A failing build must leave the previous output folder byte-for-byte as it was.
. "$(dirname "$0")/../lib.sh"
FIX=$ROOT/tests/fixtures

prepare() { # prepare DIR: a fresh copy of the good tree as DIR/content
	rm -rf "$1"
	mkdir -p "$1"
	cp -R "$FIX/good" "$1/content"
}

# The good tree: clean check, and a build.
t=$OUT/good
prepare "$t"
if (cd "$t" && "$QBPRESS" check > out.txt 2> err.txt); then
	if [ "$(cat "$t/err.txt")" = "0 errors, 0 warnings" ]; then pass "good tree: check reports 0 errors, 0 warnings"
	else fail "good tree: check output" "$(cat "$t/err.txt")"; fi
else
	fail "good tree: check exits 0" "$(cat "$t/err.txt")"
fi
check "good tree: build exits 0" sh -c "cd '$t' && '$QBPRESS' build --today 2026-11-25"
check "good tree: build writes output/site/index.html" test -f "$t/output/site/index.html"
if [ -n "$(find "$t" -maxdepth 1 -name '.output.staging-*')" ]; then fail "good tree: no staging folder left behind"
else pass "good tree: no staging folder left behind"; fi

for case in "$FIX"/bad/*/; do
	name=$(basename "$case")
	t=$OUT/bad-$name
	prepare "$t"
	(cd "$t" && "$QBPRESS" build --today 2026-11-25 > /dev/null 2>&1) || { fail "$name: the good tree builds first"; continue; }
	before=$(tree_hash "$t/output")
	[ -d "$case/files" ] && cp -R "$case/files/." "$t/content/"
	[ -f "$case/setup.sh" ] && (cd "$t" && sh "$case/setup.sh")
	want=$(sed -n 's/^status //p' "$case/expect")
	(cd "$t" && "$QBPRESS" check --today 2026-11-25 > check.out 2> check.err)
	crc=$?
	(cd "$t" && "$QBPRESS" build --today 2026-11-25 > build.out 2> build.err)
	brc=$?
	if [ "$crc" = "$want" ] && [ "$brc" = "$want" ]; then pass "$name: check and build exit $want"
	else fail "$name: check and build exit $want (got $crc and $brc)" "$(head -5 "$t/check.err")"; fi
	if grep -q "AddressSanitizer\|runtime error:\|LeakSanitizer" "$t/check.err" "$t/build.err"; then
		fail "$name: no sanitizer report" "$(grep -h -m3 'Sanitizer\|runtime error' "$t/check.err" "$t/build.err")"
	fi
	grep '^diag ' "$case/expect" | sed 's/^diag //' | while IFS= read -r line; do
		if grep -qxF "$line" "$t/check.err"; then pass "$name: $line"
		else fail "$name: expected diagnostic: $line" "got:" "$(cat "$t/check.err")"; fi
	done
	sum=$(sed -n 's/^summary //p' "$case/expect")
	if [ -n "$sum" ]; then
		if [ "$(tail -1 "$t/check.err")" = "$sum" ]; then pass "$name: summary '$sum'"
		else fail "$name: summary '$sum'" "got: $(tail -1 "$t/check.err")"; fi
	fi
	if [ "$want" != 0 ]; then
		after=$(tree_hash "$t/output")
		if [ "$before" = "$after" ] && [ -n "$before" ]; then pass "$name: previous output untouched"
		else fail "$name: previous output untouched"; fi
		if [ -n "$(find "$t" -maxdepth 1 -name '.output.staging-*')" ]; then fail "$name: staging folder removed"; fi
	fi
done
