#!/bin/sh
# qbpress serve: the preview server over a copy of the bundled content.
# tests/site/serve.js starts it on a free port and checks, over HTTP and in
# headless Chromium, the pages and their content types, the script added
# to served pages only, requests that try to leave the served folder, the
# event stream after an edit, a content error's overlay with its exact
# diagnostic while the last good page stays, the fix, and a clean stop.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

w=$OUT/w
rm -rf "$w"
mkdir -p "$w/tmp"
cp -R content "$w/content"

# The command line.
"$QBPRESS" serve -o "$OUT/o" > "$OUT/o.out" 2> "$OUT/o.err"
[ $? = 2 ] && grep -q "serve builds into a folder of its own" "$OUT/o.err" && pass "serve -o is a usage error (exit 2)" ||
	fail "serve -o is a usage error" "$(cat "$OUT/o.err")"
"$QBPRESS" serve -C "$w/content" -p 70000 > "$OUT/p.out" 2> "$OUT/p.err"
[ $? = 2 ] && grep -q "port number" "$OUT/p.err" && pass "serve -p 70000 is a usage error (exit 2)" ||
	fail "serve -p 70000 is a usage error" "$(cat "$OUT/p.err")"
"$QBPRESS" serve -C "$w/nowhere" -p 0 > "$OUT/c.out" 2> "$OUT/c.err"
[ $? = 2 ] && grep -q "does not exist" "$OUT/c.err" && pass "serve without a content folder exits 2" ||
	fail "serve without a content folder exits 2" "$(cat "$OUT/c.err")"
"$QBPRESS" --help | grep -q "qbpress serve \[-C DIR\] \[-p PORT\]" && pass "--help shows serve" || fail "--help shows serve"

if ! command -v node > /dev/null; then
	fail "serve: node is needed for the end-to-end test"
	exit 0
fi
timeout 180 node tests/site/serve.js "$QBPRESS" "$w" "$OUT/screenshots" > "$OUT/serve.log" 2>&1
rc=$?
cat "$OUT/serve.log"
[ "$rc" = 0 ] || grep -q '^not ok - ' "$OUT/serve.log" || fail "the end-to-end test ended with status $rc"
left=$(find "$w/tmp" -mindepth 1 -maxdepth 1 | head -3)
[ -z "$left" ] && pass "nothing is left in TMPDIR" || fail "nothing is left in TMPDIR" "$left"
