#!/bin/sh
# make install honours PREFIX and DESTDIR, and the installed program finds its themes.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
dest=$OUT/dest
rm -rf "$dest"
if make -s install PREFIX=/opt/qb DESTDIR="$dest" > "$OUT/install.log" 2>&1; then pass "make install PREFIX=/opt/qb DESTDIR=…"
else fail "make install" "$(tail -5 "$OUT/install.log")"; fi
for f in bin/qbpress share/man/man1/qbpress.1 share/qbpress/themes/default; do
	[ -e "$dest/opt/qb/$f" ] && pass "installed /opt/qb/$f" || fail "installed /opt/qb/$f"
done
[ -x "$dest/opt/qb/bin/qbpress" ] && "$dest/opt/qb/bin/qbpress" --version > /dev/null && pass "the installed program runs" || fail "the installed program runs"
mkdir -p "$OUT/elsewhere"
cp -R tests/fixtures/good "$OUT/elsewhere/content"
if (cd "$OUT/elsewhere" && "$dest/opt/qb/bin/qbpress" build --only site > build.log 2>&1) && [ -f "$OUT/elsewhere/output/site/index.html" ]; then
	pass "the installed program finds its installed themes"
else fail "the installed program finds its installed themes" "$(tail -3 "$OUT/elsewhere/build.log")"; fi
