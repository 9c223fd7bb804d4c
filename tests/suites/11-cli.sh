#!/bin/sh
# The command line: dates, exit statuses, help, the bundled content.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

# dates: first and last day of a publicity period from the official calendar.
while read -r start days want what; do
	want=$(echo "$want" | tr '|' ' ')
	got=$("$QBPRESS" dates "$start" --days "$days" -C content 2>&1)
	if [ "$got" = "$want" ]; then pass "dates $start --days $days: $what"
	else fail "dates $start --days $days: $what" "want: $want" "got:  $got"; fi
done <<'EOT'
2025-09-26 10 2025-09-26|2025-10-15 National Day 2025 with adjusted Sunday 09-28 and Saturday 10-11
2024-09-25 10 2024-09-25|2024-10-12 National Day 2024 with adjusted Sunday 09-29 and Saturday 10-12
2026-09-24 10 2026-09-24|2026-10-14 Mid-Autumn 09-25 and National Day 2026 with adjusted Saturday 10-10
2026-09-28 10 2026-09-28|2026-10-15 National Day 2026
2025-01-20 10 2025-01-20|2025-02-07 Spring Festival 2025 with adjusted Sunday 01-26
2026-02-09 10 2026-02-09|2026-02-27 Spring Festival 2026 with adjusted Saturday 02-14
2025-12-24 10 2025-12-24|2026-01-07 New Year across the year boundary, adjusted Sunday 2026-01-04
2025-10-01 10 2025-10-09|2025-10-21 a start on a holiday moves to the next working day
2025-10-11 1 2025-10-11|2025-10-11 an adjusted Saturday is a working day
2025-09-26 5 2025-09-26|2025-10-09 --days
EOT

out=$("$QBPRESS" dates 2025-09-26 -C content)
if [ "$out" = "2025-09-26 2025-10-15" ]; then pass "dates prints exactly one line 'FIRST LAST'"
else fail "dates prints exactly one line 'FIRST LAST'" "$out"; fi

"$QBPRESS" dates 2026-12-25 -C content > "$OUT/d.out" 2> "$OUT/d.err"
rc=$?
if [ "$rc" = 1 ] && grep -q "content/calendar/2027.yaml" "$OUT/d.err" && [ ! -s "$OUT/d.out" ]; then
	pass "dates into a year with no calendar fails and names content/calendar/2027.yaml"
else fail "dates into a year with no calendar" "status $rc" "$(cat "$OUT/d.err")"; fi

expect_status() { # expect_status WANT WHAT COMMAND...
	want=$1 what=$2
	shift 2
	"$@" > "$OUT/s.out" 2> "$OUT/s.err"
	rc=$?
	if [ "$rc" = "$want" ]; then pass "$what: exit $want"; else fail "$what: exit $want (got $rc)" "$(head -3 "$OUT/s.err")"; fi
}
expect_status 2 "dates with a malformed date" "$QBPRESS" dates 2025-9-26
expect_status 2 "dates with an impossible date" "$QBPRESS" dates 2025-02-30
expect_status 2 "dates without a date" "$QBPRESS" dates
expect_status 2 "dates --days 0" "$QBPRESS" dates 2025-09-26 --days 0
expect_status 2 "an unknown command" "$QBPRESS" publish
expect_status 2 "an unknown option" "$QBPRESS" check --frobnicate
expect_status 2 "no command" "$QBPRESS"
expect_status 2 "a missing content folder" "$QBPRESS" check -C "$OUT/nowhere"
expect_status 2 "--today with a bad date" "$QBPRESS" check --today 2025-13-01
expect_status 2 "--only with an unknown renderer" "$QBPRESS" build --only nothing -o "$OUT/o"
expect_status 0 "--help" "$QBPRESS" --help
grep -q "usage: qbpress check" "$OUT/s.out" && pass "--help prints the usage" || fail "--help prints the usage"
expect_status 0 "--version" "$QBPRESS" --version
grep -qE '^qbpress [0-9]+\.[0-9]+\.[0-9]+$' "$OUT/s.out" && pass "--version prints 'qbpress X.Y.Z'" || fail "--version output" "$(cat "$OUT/s.out")"

# A write to standard output that fails is an I/O error (exit 2), said on
# standard error.
to_full() { # to_full WHAT COMMAND...
	what=$1
	shift
	"$@" > /dev/full 2> "$OUT/f.err"
	rc=$?
	if [ "$rc" = 2 ] && grep -q 'No space left on device' "$OUT/f.err"; then pass "$what > /dev/full: exit 2 with the reason"
	else fail "$what > /dev/full: exit 2 with the reason (got $rc)" "$(head -3 "$OUT/f.err")"; fi
}
to_full "dates" "$QBPRESS" dates 2025-09-26 -C content
to_full "model" "$QBPRESS" model -C content
to_full "--version" "$QBPRESS" --version
to_full "--help" "$QBPRESS" --help

# An output folder that cannot be made (a loop of symbolic links) is an
# I/O error, and so is a full disk while the files are written (a small
# tmpfs, where the machine allows mounting one).
rm -rf "$OUT/loop" && mkdir -p "$OUT/loop" && ln -s b "$OUT/loop/a" && ln -s a "$OUT/loop/b"
expect_status 2 "build into a loop of symbolic links" "$QBPRESS" build -C content -o "$OUT/loop/a/out" -q
mkdir -p "$OUT/small"
if mount -t tmpfs -o size=2m tmpfs "$OUT/small" 2> /dev/null; then
	"$QBPRESS" build -C content -o "$OUT/small/out" -q 2> "$OUT/small.err"
	rc=$?
	n=$(grep -c 'No space left on device' "$OUT/small.err")
	if [ "$rc" = 2 ] && [ "$n" -ge 1 ] && [ "$n" -le 4 ] && [ ! -e "$OUT/small/out" ] &&
		[ -z "$(find "$OUT/small" -maxdepth 1 -name '.out.staging-*')" ]; then
		pass "a full disk: exit 2, the first failed write of each process said once, no output, no staging folder"
	else
		fail "a full disk: exit 2, one message per process, no output" "status $rc, $n messages" "$(head -3 "$OUT/small.err")"
	fi
	umount "$OUT/small"
else
	pass "a full disk: not tried (this machine does not allow mounting a tmpfs) # SKIP"
fi

# The bundled content is clean.
"$QBPRESS" check -C content > "$OUT/c.out" 2> "$OUT/c.err"
rc=$?
if [ "$rc" = 0 ] && [ "$(cat "$OUT/c.err")" = "0 errors, 0 warnings" ]; then pass "bundled content: 0 errors, 0 warnings"
else fail "bundled content: 0 errors, 0 warnings" "$(head -20 "$OUT/c.err")"; fi

# The bundled content holds what the demo promises.
model=$OUT/model.xml
"$QBPRESS" model -C content --today 2026-11-25 > "$model" 2> "$OUT/m.err" || fail "model of the bundled content" "$(cat "$OUT/m.err")"
count() { xmllint --xpath "$1" "$model" 2>/dev/null; }
[ "$(count 'count(//record)')" -ge 24 ] && pass "bundled content: at least 24 records" || fail "bundled content: at least 24 records"
[ "$(count 'count(//campaign[@phase="announced"])')" -ge 2 ] && pass "bundled content: two announced campaigns" || fail "two announced campaigns"
[ "$(count 'count(//campaign[@phase="publicity"])')" -ge 1 ] && pass "bundled content: a campaign in publicity on 2026-11-25" || fail "a campaign in publicity"
[ "$(count 'count(//record[@status="withdrawn"])')" -ge 1 ] && pass "bundled content: a withdrawn record" || fail "a withdrawn record"
[ "$(count 'count(//record[@status="revoked"])')" -ge 1 ] && pass "bundled content: a revoked record" || fail "a revoked record"
for f in tqm engineering supply-chain digital; do
	[ "$(count "count(//record/focus[@key='$f'])")" -ge 2 ] && pass "bundled content: focus $f" || fail "bundled content: focus $f"
done
short=$(for f in content/campaigns/*/cases/*.md; do
	n=$(sed '1,/^---$/{/^---$/!d}' "$f" | LC_ALL=C.UTF-8 grep -oP '\p{Han}' | wc -l)
	[ "$n" -lt 2000 ] && echo "$f: $n"
done)
[ -z "$short" ] && pass "bundled content: every narrative has 2,000+ Chinese characters" || fail "narratives of 2,000+ characters" "$short"

# Libraries that only the spreadsheets and the preview server need are
# loaded when those run: a build of the website loads neither; the
# spreadsheets load libxlsxwriter; one that cannot be loaded fails the
# build with its name, and the previous output stays.
rm -rf "$OUT/dl" && mkdir -p "$OUT/dl/lib"
LD_DEBUG=libs "$QBPRESS" build -C content -o "$OUT/dl/site" --only site -q -j 1 > /dev/null 2> "$OUT/dl/site.log"
rc=$?
[ "$rc" = 0 ] && ! grep -q 'libxlsxwriter\|libmicrohttpd\|libgnutls\|libcrypto' "$OUT/dl/site.log" &&
	pass "a build of the website loads neither libxlsxwriter nor libmicrohttpd (nor GnuTLS, OpenSSL)" ||
	fail "a build of the website loads neither libxlsxwriter nor libmicrohttpd" "status $rc" \
		"$(grep -o 'file=[^ ]*' "$OUT/dl/site.log" | sort -u | head -20)"
LD_DEBUG=libs "$QBPRESS" build -C content -o "$OUT/dl/sheets" --only sheets -q -j 1 > /dev/null 2> "$OUT/dl/sheets.log"
rc=$?
[ "$rc" = 0 ] && grep -q 'find library=libxlsxwriter' "$OUT/dl/sheets.log" && [ -s "$OUT/dl/sheets/site/cases/cases.xlsx" ] &&
	pass "the spreadsheets load libxlsxwriter when they are made" ||
	fail "the spreadsheets load libxlsxwriter when they are made" "status $rc" "$(grep -c 'file=' "$OUT/dl/sheets.log")"
: > "$OUT/dl/lib/$(grep -o 'find library=libxlsxwriter[^ ]*' "$OUT/dl/sheets.log" | head -1 | cut -d= -f2)"
before=$(find "$OUT/dl/sheets" -type f | sort | xargs cat | cksum)
LD_LIBRARY_PATH="$OUT/dl/lib" "$QBPRESS" build -C content -o "$OUT/dl/sheets" --only sheets -q -j 1 --force > /dev/null 2> "$OUT/dl/bad.err"
rc=$?
after=$(find "$OUT/dl/sheets" -type f | sort | xargs cat | cksum)
[ "$rc" != 0 ] && grep -q 'error: spreadsheets: cannot load libxlsxwriter' "$OUT/dl/bad.err" && [ "$before" = "$after" ] &&
	pass "a libxlsxwriter that cannot be loaded fails the build with its name; the previous output stays" ||
	fail "a libxlsxwriter that cannot be loaded fails the build with its name" "status $rc" "$(head -3 "$OUT/dl/bad.err")"
