#!/bin/sh
# Never crash: builds of the fixture tree with one file mutated at random
# (fixed seeds, so every run tries the same trees) end with exit status 0
# or 1 and no sanitizer report. A crashing tree is kept in $OUT/crash-SEED.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
MUTATE=$ROOT/build/tools/mutate
[ -x "$MUTATE" ] || { fail "build/tools/mutate is built"; exit 0; }
files="campaigns/2025/records.yaml campaigns/2025/campaign.yaml site.yaml campaigns/2025/cases/alpha-works.md pages/about.md calendar/2025.yaml"
nfiles=6
runs=${ROBUST_RUNS:-200}
crashes=0
seed=1
while [ "$seed" -le "$runs" ]; do
	t=$OUT/t
	rm -rf "$t"
	mkdir -p "$t"
	cp -R tests/fixtures/good "$t/content"
	f=$(echo $files | cut -d' ' -f$((seed % nfiles + 1)))
	"$MUTATE" "$seed" "$t/content/$f"
	(cd "$t" && "$QBPRESS" build --today 2026-11-25 -q -j 1 > out.txt 2> err.txt)
	rc=$?
	if { [ "$rc" != 0 ] && [ "$rc" != 1 ]; } || grep -q 'Sanitizer\|runtime error' "$t/err.txt"; then
		crashes=$((crashes + 1))
		rm -rf "$OUT/crash-$seed"
		mv "$t" "$OUT/crash-$seed"
		fail "mutated $f (seed $seed): exit $rc" "$(grep -m5 'ERROR\|runtime error\|#[0-3] ' "$OUT/crash-$seed/err.txt")"
	elif [ "$rc" = 1 ] && ! grep -qE '^[^ ]+(:[0-9]+:[0-9]+)?: error: ' "$t/err.txt"; then
		fail "mutated $f (seed $seed): exit 1 without a diagnostic" "$(head -3 "$t/err.txt")"
	fi
	seed=$((seed + 1))
done
[ "$crashes" = 0 ] && pass "$runs mutated trees: every build ends with a result or a diagnostic, never a crash"
