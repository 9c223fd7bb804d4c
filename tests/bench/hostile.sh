#!/bin/sh
# Times ./qbpress (no sanitizers) on the hostile inputs of
# tests/hostile/inputs.sh and on growing inputs that show each phase is
# linear, and writes the table to tests/bench/hostile.md.
#   sh tests/bench/hostile.sh [DIR]
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/hostile/inputs.sh"
dir=${1:-$ROOT/build/hostile}
out=$ROOT/tests/bench/hostile.md
Q=$ROOT/qbpress
export SOURCE_DATE_EPOCH=1764028800
[ -x "$Q" ] || { echo "bench: build ./qbpress first (make qbpress)" >&2; exit 2; }
mkdir -p "$dir" "$(dirname "$out")"
rows=$dir/rows.md
: > "$rows"

# measure NAME TREE ARGS...: one row: exit status, wall and CPU seconds,
# peak memory, the first line of stderr.
measure() {
	name=$1 tree=$2
	shift 2
	(cd "$tree" && /usr/bin/time -f '%e %U %S %M' -o time.txt timeout 1800 "$Q" "$@" -q --today 2026-11-25 \
		> /dev/null 2> err.txt)
	rc=$?
	set -- $(tail -1 "$tree/time.txt")
	cpu=$(echo "$2 + $3" | bc)
	first=$(head -1 "$tree/err.txt" | sed 's/|/\\|/g' | cut -c1-160)
	echo "| $name | $rc | $1 | $cpu | $(($4 / 1024)) | $first |" >> "$rows"
}

for c in $HOSTILE_CASES; do
	hostile "$c" "$dir/$c"
	measure "$c: check" "$dir/$c" check
	[ "$c" = records-100k ] || measure "$c: build" "$dir/$c" build -o out -j1
done
measure "records-100k: build --only wechat" "$dir/records-100k" build -o out-wechat --only wechat -j1

# Growth: narratives of 0.5, 1 and 2 MB; 20,000 and 40,000 headings;
# 12,500, 25,000 and 50,000 records.
for lines in 5750 11500 23000; do
	t=$dir/grow-narrative-$lines
	hostile bom "$t"
	hostile_text "$lines" >> "$t/$HOSTILE_NARRATIVE"
	kb=$(($(wc -c < "$t/$HOSTILE_NARRATIVE") / 1024))
	measure "narrative $kb KB: build --only site" "$t" build -o out-site --only site -j1
	measure "narrative $kb KB: build --only wechat" "$t" build -o out-wechat --only wechat -j1
done
for n in 20000 40000; do
	t=$dir/grow-headings-$n
	hostile bom "$t"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print "## 经验" (i % 3 ? i : "") "\n" }' >> "$t/$HOSTILE_NARRATIVE"
	measure "$n headings: build --only site" "$t" build -o out-site --only site -j1
	measure "$n headings: build --only wechat" "$t" build -o out-wechat --only wechat -j1
done
for n in 12500 25000 50000; do
	t=$dir/grow-records-$n
	hostile records-100k "$t"
	awk -v n="$n" '/^- id: / { k++ } k <= n' "$t/$HOSTILE_RECORDS" > "$t/r.yaml" && mv "$t/r.yaml" "$t/$HOSTILE_RECORDS"
	find "$t/content/campaigns/2025/cases" -name 'r*.md' | awk -v n="$n" -F'/r' '{ i = $NF; sub(/\.md$/, "", i) } i + 0 > n' | xargs rm -f
	measure "$n records: check" "$t" check
	measure "$n records: build --only wechat" "$t" build -o out-wechat --only wechat -j1
done

{
	echo "# Hostile content: time and memory"
	echo
	echo "\`sh tests/bench/hostile.sh\` on $(date -u +%Y-%m-%d), ./qbpress without sanitizers, $(nproc) cores"
	echo "shared with other work (wall time varies with the load; CPU time is user + system)."
	echo "Inputs: tests/hostile/inputs.sh. Builds run all renderers unless --only says otherwise."
	echo
	echo "| input: command | exit | wall s | CPU s | peak MB | first diagnostic |"
	echo "|---|---|---|---|---|---|"
	cat "$rows"
} > "$out"
echo "bench: wrote $out"
