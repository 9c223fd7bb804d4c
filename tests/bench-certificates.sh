#!/bin/sh
# Benchmark of the certificate renderer: builds a 3,000-record corpus
# (3 campaigns of 1,000) with tests/bench/corpus.sh, renders only the
# certificates, and reports certificates per second, the median file size
# the time per certificate on one thread, and the time of a build with a
# single certificate.
#   sh tests/bench-certificates.sh [QBPRESS]
# Targets: at least 300 certificates/s, median at most 40 KB.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QB=${1:-$ROOT/qbpress}
DIR=${BENCH_DIR:-$ROOT/tests/out/bench-certificates}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764028800}
[ -x "$QB" ] || { echo "bench-certificates: build $QB first (make qbpress)" >&2; exit 2; }

now() { date +%s.%N; }

sh "$ROOT/tests/bench/corpus.sh" 3 1000 "$DIR/corpus" >/dev/null
"$QB" check -C "$DIR/corpus/content" >/dev/null 2>&1 || {
	echo "bench-certificates: the corpus does not pass 'qbpress check'" >&2
	"$QB" check -C "$DIR/corpus/content" 2>&1 | tail -5 >&2
	exit 1
}

rm -rf "$DIR/out" "$DIR/out1"
t0=$(now)
"$QB" build -q -C "$DIR/corpus/content" -o "$DIR/out" --only certificates
t1=$(now)
"$QB" build -q -j 1 -C "$DIR/corpus/content" -o "$DIR/out1" --only certificates
t2=$(now)
n=$(find "$DIR/out/site/certificates" -name '*.pdf' | wc -l)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
rate=$(awk -v n="$n" -v s="$secs" 'BEGIN { print n / s }')
per1=$(awk -v n="$n" -v a="$t1" -v b="$t2" 'BEGIN { print (b - a) * 1000 / n }')
same=different
[ "$(cd "$DIR/out" && find . -type f | sort | xargs sha256sum | sha256sum)" = \
  "$(cd "$DIR/out1" && find . -type f | sort | xargs sha256sum | sha256sum)" ] && same=identical
median=$(find "$DIR/out/site/certificates" -name '*.pdf' -printf '%s\n' | sort -n |
	awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }')
largest=$(find "$DIR/out/site/certificates" -name '*.pdf' -printf '%s\n' | sort -n | tail -1)

# One certificate alone: the first campaign's first record, in its own tree.
one=$DIR/one
rm -rf "$one"
mkdir -p "$one/content/campaigns"
cp -R "$DIR/corpus/content/calendar" "$DIR/corpus/content/images" "$DIR/corpus/content/pages" \
	"$DIR/corpus/content/site.yaml" "$one/content/"
first=$(ls "$DIR/corpus/content/campaigns" | head -1)
mkdir -p "$one/content/campaigns/$first/cases"
cp "$DIR/corpus/content/campaigns/$first/campaign.yaml" "$one/content/campaigns/$first/"
awk 'NR > 1 && /^- id:/ { exit } { print }' "$DIR/corpus/content/campaigns/$first/records.yaml" \
	> "$one/content/campaigns/$first/records.yaml"
id=$(sed -n 's/^- id: *//p' "$one/content/campaigns/$first/records.yaml" | head -1)
cp "$DIR/corpus/content/campaigns/$first/cases/$id.md" "$one/content/campaigns/$first/cases/"
t3=$(now)
"$QB" build -q -C "$one/content" -o "$one/out" --only certificates
t4=$(now)
one_ms=$(awk -v a="$t3" -v b="$t4" 'BEGIN { print (b - a) * 1000 }')

printf 'certificates: %d in %.2f s on %d cores: %.0f certificates/s (target >= 300)\n' "$n" "$secs" "$(nproc)" "$rate"
printf 'one thread (-j 1): %.2f ms per certificate, output %s to the -j %d build\n' "$per1" "$same" "$(nproc)"
printf 'certificate size: median %d bytes (%.1f KB, target <= 40 KB), largest %d bytes\n' "$median" \
	"$(awk -v m="$median" 'BEGIN { print m / 1024 }')" "$largest"
printf 'one certificate alone (whole build of a one-record tree, load and check included): %.0f ms\n' "$one_ms"
