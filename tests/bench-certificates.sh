#!/bin/sh
# Benchmark of the certificate renderer, timed as whole commands (loading
# and checking the content included):
#   qbpress build --only certificates -C CORPUS -o NEW_FOLDER
# on a 3,000-record corpus (3 campaigns of 1,000, tests/bench/corpus.sh).
# The build runs RUNS times (default 5) on every core into a new folder
# each time, and as often with -j 1, the two alternating; the medians give
# certificates per second and the time per certificate on one core. Also
# reported: the median and largest certificate, whether -j 1 and -j N give
# the same bytes, a one-record build, WeasyPrint making 100 of the same
# certificates in one process, and the machine's load (other work on the
# machine slows every figure).
#   sh tests/bench-certificates.sh [QBPRESS]
# Fails when a target is missed: at least 1,000 certificates/s, a median
# certificate of at most 20 KB (20,480 bytes), identical bytes.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QB=${1:-$ROOT/qbpress}
DIR=${BENCH_DIR:-$ROOT/tests/out/bench-certificates}
RUNS=${RUNS:-5}
RATE_TARGET=1000
SIZE_TARGET=20480
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764028800}
[ -x "$QB" ] || { echo "bench-certificates: build $QB first (make qbpress)" >&2; exit 2; }

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

sh "$ROOT/tests/bench/corpus.sh" 3 1000 "$DIR/corpus" >/dev/null
"$QB" check -C "$DIR/corpus/content" >/dev/null 2>&1 || {
	echo "bench-certificates: the corpus does not pass 'qbpress check'" >&2
	"$QB" check -C "$DIR/corpus/content" 2>&1 | tail -5 >&2
	exit 1
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$DIR/times-j"
: > "$DIR/times-1"
i=0
while [ "$i" -lt "$RUNS" ]; do
	rm -rf "$DIR/out" "$DIR/out1"
	t0=$(now)
	"$QB" build -q -C "$DIR/corpus/content" -o "$DIR/out" --only certificates
	t1=$(now)
	"$QB" build -q -j 1 -C "$DIR/corpus/content" -o "$DIR/out1" --only certificates
	t2=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >> "$DIR/times-j"
	awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }' >> "$DIR/times-1"
	i=$((i + 1))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

n=$(find "$DIR/out/site/certificates" -name '*.pdf' | wc -l)
secs=$(median < "$DIR/times-j")
secs1=$(median < "$DIR/times-1")
rate=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
per1=$(awk -v n="$n" -v s="$secs1" 'BEGIN { printf "%.2f", s * 1000 / n }')
# the certificates themselves (the build's manifest names files by inode)
same=different
[ "$(cd "$DIR/out/site/certificates" && find . -type f | sort | xargs sha256sum | sha256sum)" = \
  "$(cd "$DIR/out1/site/certificates" && find . -type f | sort | xargs sha256sum | sha256sum)" ] && same=identical
median_size=$(find "$DIR/out/site/certificates" -name '*.pdf' -printf '%s\n' | median | awk '{ printf "%.0f", $1 }')
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
one_ms=$(awk -v a="$t3" -v b="$t4" 'BEGIN { printf "%.0f", (b - a) * 1000 }')

# WeasyPrint making 100 of the same certificates in one process, from one
# HTML document (tests/bench/certificates-html.py).
wp_line="WeasyPrint: not installed (make deps-bench)"
if command -v weasyprint > /dev/null; then
	mkdir -p "$DIR/weasy"
	"$QB" model -C "$DIR/corpus/content" > "$DIR/weasy/model.xml" 2> /dev/null
	wp_made=$(python3 "$ROOT/tests/bench/certificates-html.py" "$DIR/weasy/model.xml" "$DIR/weasy/certificates.html")
	if [ "$wp_made" = 100 ] && /usr/bin/time -f '%e %U %S %M' -o "$DIR/weasy/time" \
		weasyprint "$DIR/weasy/certificates.html" "$DIR/weasy/certificates.pdf" > "$DIR/weasy/log" 2>&1; then
		read -r w u s m < "$DIR/weasy/time"
		wp_pages=$(pdfinfo "$DIR/weasy/certificates.pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
		wp_size=$(wc -c < "$DIR/weasy/certificates.pdf")
		wp_line=$(awk -v w="$w" -v u="$u" -v s="$s" -v m="$m" -v p="${wp_pages:-0}" -v z="$wp_size" -v q="$per1" 'BEGIN {
			c = u + s
			printf "WeasyPrint, 100 certificates in one process (one core): %d pages, wall %.2f s, CPU %.2f s, %.1f ms and %.1f KB a certificate, peak %.0f MiB; qbpress on one core: %s ms a certificate (whole build), %.0f times faster",
				p, w, c, c * 10, z / 102400, m / 1024, q, c * 10 / q }')
	else
		wp_line="WeasyPrint: failed ($(tail -1 "$DIR/weasy/log" 2> /dev/null))"
	fi
fi

printf 'machine: %d cores, load average %s before, %s after\n' "$(nproc)" "$load_before" "$load_after"
printf 'certificates: %d, whole build (load and check included) median %.2f s of %d runs on %d cores: %d certificates/s (target >= %d)\n' \
	"$n" "$secs" "$RUNS" "$(nproc)" "$rate" "$RATE_TARGET"
printf 'runs: %s s\n' "$(tr '\n' ' ' < "$DIR/times-j")"
printf 'one core (-j 1): median %.2f s, %s ms per certificate (whole build); output %s to the -j %d build\n' \
	"$secs1" "$per1" "$same" "$(nproc)"
printf 'certificate size: median %d bytes (%.1f KB, target <= %.0f KB), largest %d bytes\n' "$median_size" \
	"$(awk -v m="$median_size" 'BEGIN { print m / 1024 }')" "$(awk -v m="$SIZE_TARGET" 'BEGIN { print m / 1024 }')" \
	"$largest"
printf 'one certificate alone (whole build of a one-record tree): %d ms\n' "$one_ms"
printf '%s\n' "$wp_line"

missed=
[ "$rate" -ge "$RATE_TARGET" ] || missed="$missed rate"
[ "$median_size" -le "$SIZE_TARGET" ] || missed="$missed size"
[ "$same" = identical ] || missed="$missed reproducibility"
if [ -n "$missed" ]; then
	echo "bench-certificates: target missed:$missed" >&2
	exit 1
fi
echo "bench-certificates: every target met"
