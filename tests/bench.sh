#!/bin/sh
# make bench: times qbpress's site renderer on a generated corpus (default
# 4 campaigns x 750 cases = 3,000 cases) and Hugo on the same narratives
# with comparable layouts (tests/bench/hugo-layout/), in the same run. Each
# side runs RUNS times (default 3) into a fresh folder; the best time counts.
# The site renderer's time is `qbpress build --only site` minus
# `qbpress check` (loading and checking the content, which Hugo has no
# equivalent of). Fails when the site renderer is slower than Hugo.
#   BENCH_CAMPAIGNS=4 BENCH_CASES=750 RUNS=3 sh tests/bench.sh
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ncamp=${BENCH_CAMPAIGNS:-4}
ncase=${BENCH_CASES:-750}
runs=${RUNS:-3}
dir=${BENCH_DIR:-$ROOT/build/bench}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
export SOURCE_DATE_EPOCH=1764028800

command -v hugo >/dev/null || { echo "bench: hugo is not installed (make deps-test)" >&2; exit 2; }
[ -x ./qbpress ] || { echo "bench: build ./qbpress first (make qbpress)" >&2; exit 2; }

sh tests/bench/corpus.sh "$ncamp" "$ncase" "$dir" >/dev/null
ncases=$(cat "$dir"/content/campaigns/*/records.yaml | grep -c '^- id:')

now() { date +%s%N; }
# best NAME COMMAND...: runs the command RUNS times, prints the best time in ms.
best() {
	b=
	i=0
	while [ "$i" -lt "$runs" ]; do
		rm -rf "$dir/out" "$dir/hugo-out"
		t0=$(now)
		"$@" >/dev/null 2>"$dir/stderr" || { cat "$dir/stderr" >&2; echo "bench: '$*' failed" >&2; exit 1; }
		t1=$(now)
		ms=$(( (t1 - t0) / 1000000 ))
		if [ -z "$b" ] || [ "$ms" -lt "$b" ]; then b=$ms; fi
		i=$((i + 1))
	done
	echo "$b"
}

check_ms=$(best ./qbpress check -C "$dir/content")
build_ms=$(best ./qbpress build -C "$dir/content" -o "$dir/out" --only site -q -j "$jobs")
qb_pages=$(find "$dir/out/site" -name '*.html' | wc -l)
qb_bytes=$(du -sk "$dir/out/site" | cut -f1)
hugo_ms=$(best hugo -s "$dir/hugo" --config "$ROOT/tests/bench/hugo-layout/config.toml" \
	--layoutDir "$ROOT/tests/bench/hugo-layout/layouts" -d "$dir/hugo-out" --quiet)
hugo_pages=$(find "$dir/hugo-out" -name '*.html' | wc -l)
site_ms=$((build_ms - check_ms))
[ "$site_ms" -gt 0 ] || site_ms=1

echo "corpus: $ncamp campaigns x $ncase cases = $ncases cases ($dir)"
echo "machine: $(nproc 2>/dev/null || echo '?') processors; qbpress -j $jobs; best of $runs runs"
printf '%-34s %8s %8s %10s\n' "" "ms" "pages" "ms/page"
printf '%-34s %8d %8s %10s\n' "qbpress check (load + check)" "$check_ms" "" ""
printf '%-34s %8d %8d %10s\n' "qbpress build --only site" "$build_ms" "$qb_pages" \
	"$(awk -v a="$build_ms" -v b="$qb_pages" 'BEGIN { printf "%.3f", a / b }')"
printf '%-34s %8d %8d %10s\n' "site renderer (build - check)" "$site_ms" "$qb_pages" \
	"$(awk -v a="$site_ms" -v b="$qb_pages" 'BEGIN { printf "%.3f", a / b }')"
printf '%-34s %8d %8d %10s\n' "hugo $(hugo version | cut -d' ' -f2 | cut -d+ -f1)" "$hugo_ms" "$hugo_pages" \
	"$(awk -v a="$hugo_ms" -v b="$hugo_pages" 'BEGIN { printf "%.3f", a / b }')"
echo "site output: $qb_bytes KB"
ratio=$(awk -v a="$site_ms" -v b="$hugo_ms" 'BEGIN { printf "%.2f", a / b }')
echo "site renderer / hugo: $ratio (whole build / hugo: $(awk -v a="$build_ms" -v b="$hugo_ms" 'BEGIN { printf "%.2f", a / b }'))"
all_ms=$(best ./qbpress build -C "$dir/content" -o "$dir/out" -q -j "$jobs")
echo "whole build, every renderer (site, certificates, WeChat): $all_ms ms, $(find "$dir/out" -type f | wc -l) files"
if [ "$site_ms" -gt "$hugo_ms" ]; then
	echo "bench: the site renderer is slower than Hugo" >&2
	exit 1
fi
