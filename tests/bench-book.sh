#!/bin/sh
# Benchmark of the compendium: a 300-case book (tests/bench/corpus.sh, one
# announced campaign) set by qbpress, and the same cases set by WeasyPrint
# from HTML with the same faces, page size and margins, in the same run.
# Reports pages, seconds (wall and CPU: user + system), pages per second
# on one core (the renderer is single-threaded; `-j 1`), peak memory
# (/usr/bin/time %M), file size, and the ratio of the two.
#   sh tests/bench-book.sh [QBPRESS]
# Floor: 300 pages/s for qbpress.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QB=${1:-$ROOT/qbpress}
DIR=${BENCH_DIR:-$ROOT/tests/out/bench-book}
CASES=${BENCH_CASES:-300}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764028800}
[ -x "$QB" ] || { echo "bench-book: build $QB first (make qbpress)" >&2; exit 2; }
for t in weasyprint cmark-gfm pdfinfo; do
	command -v "$t" >/dev/null || { echo "bench-book: $t is missing (make deps-test)" >&2; exit 2; }
done

sh "$ROOT/tests/bench/corpus.sh" 1 "$CASES" "$DIR/corpus" >/dev/null
content=$DIR/corpus/content
year=$(ls "$content/campaigns")
"$QB" check -C "$content" >/dev/null 2>&1 || { echo "bench-book: the corpus does not pass 'qbpress check'" >&2; exit 1; }

# measure NAME COMMAND…: runs a command under /usr/bin/time; sets
# NAME_wall, NAME_cpu (seconds) and NAME_rss (KB).
measure() {
	name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$DIR/$name.time" "$@" > "$DIR/$name.log" 2>&1 ||
		{ echo "bench-book: $name failed" >&2; tail -5 "$DIR/$name.log" >&2; exit 1; }
	read -r w u s m < "$DIR/$name.time"
	eval "${name}_wall=$w ${name}_cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') ${name}_rss=$m"
}

rm -rf "$DIR/out"
measure qb "$QB" build -q -j 1 -C "$content" -o "$DIR/out" --only compendium
qb_pdf=$DIR/out/site/compendium/$year.pdf
qb_pages=$(pdfinfo "$qb_pdf" | sed -n 's/^Pages: *//p')
qb_size=$(wc -c < "$qb_pdf")

# The same cases as one HTML document: each narrative (front matter taken
# off) through cmark-gfm, headed by its experience and fields, in the
# book's order (focus area, then records.yaml).
html=$DIR/weasy/book.html
mkdir -p "$DIR/weasy"
cases=$content/campaigns/$year/cases
{
	cat <<EOT
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>$year</title>
<base href="file://$cases/">
<style>
@page { size: A4; margin: 30mm 22mm 28mm 26mm;
  @bottom-center { content: "— " counter(page) " —"; font: 9pt "AR PL UMing CN"; } }
@page :left { margin-left: 22mm; margin-right: 26mm; }
body { font-family: "AR PL UMing CN", "WenQuanYi Zen Hei"; font-size: 10.5pt; line-height: 1.8;
  text-align: justify; color: #1a1a1a; }
p { text-indent: 2em; margin: 0; orphans: 2; widows: 2; }
li p, td p { text-indent: 0; }
h1, h2, h3, h4, strong, th { font-family: "WenQuanYi Zen Hei"; font-weight: normal; }
h1, h2, h3, h4 { break-after: avoid; }
h1 { font-size: 18pt; text-align: center; margin: 3em 0 1em; }
h2 { font-size: 14pt; margin: 14pt 0 0; }
h3 { font-size: 12pt; margin: 10pt 0 0; }
.fields { font-family: "AR PL UKai CN"; text-align: center; text-indent: 0; }
section.case { break-before: right; }
img { width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.45; border-top: 1pt solid;
  border-bottom: 1pt solid; }
thead { display: table-header-group; border-bottom: 0.5pt solid; }
td, th { padding: 3.6pt; text-align: left; }
code, pre { font-family: "WenQuanYi Zen Hei Mono"; font-size: 8.5pt; }
pre { white-space: pre-wrap; }
blockquote { font-family: "AR PL UKai CN"; margin: 0 2em; }
</style></head><body>
EOT
	for focus in tqm engineering supply-chain digital; do
		awk -v f="$focus" '
			/^- id: / { if (id != "" && fo == f) print id "\t" ex "\t" en "\t" rg "\t" rc; id = $3; fo = ex = en = rg = rc = "" }
			/^  focus: / { fo = $2 }
			/^  experience: / { sub(/^  experience: /, ""); ex = $0 }
			/^  enterprise: / { sub(/^  enterprise: /, ""); en = $0 }
			/^  region: / { sub(/^  region: /, ""); rg = $0 }
			/^  recommender: / { sub(/^  recommender: /, ""); rc = $0 }
			END { if (id != "" && fo == f) print id "\t" ex "\t" en "\t" rg "\t" rc }' \
			"$content/campaigns/$year/records.yaml" |
		while IFS='	' read -r id ex en rg rc; do
			printf '<section class="case"><h1>%s</h1><p class="fields">%s</p><p class="fields">%s</p><p class="fields">%s</p>\n' \
				"$ex" "$en" "$rg" "$rc"
			awk 'NR == 1 && /^---/ { fm = 1; next } fm && /^(---|\.\.\.)/ { fm = 0; next } !fm' "$cases/$id.md" |
				cmark-gfm -e table -e strikethrough -e autolink
			printf '</section>\n'
		done
	done
	printf '</body></html>\n'
} > "$html"
measure wp weasyprint "$html" "$DIR/weasy/book.pdf"
wp_pages=$(pdfinfo "$DIR/weasy/book.pdf" | sed -n 's/^Pages: *//p')
wp_size=$(wc -c < "$DIR/weasy/book.pdf")

rate() { awk -v p="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? p / s : 0) }'; }
qb_rate=$(rate "$qb_pages" "$qb_cpu")
wp_rate=$(rate "$wp_pages" "$wp_cpu")
printf 'compendium bench: %d cases of corpus.sh, A4, one core (%s)\n' "$CASES" "$(uname -m)"
printf '%-10s %6s %9s %9s %13s %11s %12s\n' "" pages "wall s" "cpu s" "pages/s(cpu)" "peak MiB" "size KiB"
printf '%-10s %6d %9.2f %9.2f %13d %11.1f %12.0f\n' qbpress "$qb_pages" "$qb_wall" "$qb_cpu" "$qb_rate" \
	"$(awk -v k="$qb_rss" 'BEGIN { print k / 1024 }')" "$(awk -v b="$qb_size" 'BEGIN { print b / 1024 }')"
printf '%-10s %6d %9.2f %9.2f %13d %11.1f %12.0f\n' weasyprint "$wp_pages" "$wp_wall" "$wp_cpu" "$wp_rate" \
	"$(awk -v k="$wp_rss" 'BEGIN { print k / 1024 }')" "$(awk -v b="$wp_size" 'BEGIN { print b / 1024 }')"
printf 'ratio: qbpress sets %.1f times the pages per CPU second of WeasyPrint; qbpress whole command (load, check, layout, PDF) %s the floor of 300 pages/s\n' \
	"$(awk -v a="$qb_rate" -v b="$wp_rate" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
	"$(awk -v r="$qb_rate" 'BEGIN { print (r >= 300 ? "meets" : "MISSES") }')"
[ "$qb_rate" -ge 300 ]
