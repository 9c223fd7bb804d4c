#!/bin/sh
# make bench: the library search on the generated corpus (default 4
# campaigns x 750 cases = 3,000 cases) in headless Chromium with the CPU
# slowed down as on a phone: the size of the search data, the time until
# the search is ready and the time each query takes (tests/site/search-bench.js).
#   BENCH_CAMPAIGNS=4 BENCH_CASES=750 RATES="4 6" sh tests/bench-search.sh
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ncamp=${BENCH_CAMPAIGNS:-4}
ncase=${BENCH_CASES:-750}
dir=${BENCH_DIR:-$ROOT/build/bench}/search
export SOURCE_DATE_EPOCH=1764028800

[ -x ./qbpress ] || { echo "bench: build ./qbpress first (make qbpress)" >&2; exit 2; }
sh tests/bench/corpus.sh "$ncamp" "$ncase" "$dir" > /dev/null
rm -rf "$dir/out"
./qbpress build -C "$dir/content" -o "$dir/out" --only site -q
echo "corpus: $ncamp campaigns x $ncase cases ($dir)"
node tests/site/search-bench.js "$dir/out/site" ${RATES:-4 6}
