#!/bin/sh
# make bench: whole commands, timed the same way on both sides, medians of
# RUNS alternating runs, in one run of this script; writes every figure
# with the machine and the commands to tests/bench/results.md and fails
# when a target is missed.
#
#   site      `qbpress build --only site` against Hugo on the same
#             narratives and a comparable layout (one page per case, list
#             pages per year, focus, industry and region), each run into a
#             new folder, on the disk and on tmpfs; 3 x 100 and 10 x 300
#   full      `qbpress build --only site,wechat,certificates` on 10 x 300 and
#             20 x 300: time (against Hugo's site build, alternating) and
#             peak memory (which must grow with the largest campaign, not
#             with the number of campaigns)
#   rebuilds  on 10 x 300, a build with nothing changed and one after one
#             narrative changed, against a full build; files written
#   floor     cmark-gfm parsing and rendering every narrative in one
#             process, and copying the site's bytes into new files
#   pdf       certificates per second (tests/bench-certificates.sh),
#             WeasyPrint making 100 certificates in one process, and the
#             300-case compendium against WeasyPrint (tests/bench-book.sh)
#
#   RUNS=5 QUICK=1 (3 x 100 only, no PDFs) sh tests/bench.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
QB=$ROOT/qbpress
RUNS=${RUNS:-5}
DISK=${BENCH_DIR:-$ROOT/build/bench}
TMPFS=${BENCH_TMPFS:-/dev/shm/qbpress-bench}
RESULTS=$ROOT/tests/bench/results.md
export SOURCE_DATE_EPOCH=1795564800 # 2026-11-25: every campaign of the corpus announced
JOBS=$(nproc 2>/dev/null || echo 1)

for t in hugo /usr/bin/time cmark-gfm; do
	command -v "$t" > /dev/null || { echo "bench: $t is missing (make deps-bench)" >&2; exit 2; }
done
[ -x "$QB" ] || { echo "bench: build $QB first (make qbpress)" >&2; exit 2; }
mkdir -p "$DISK"
missed=0
report=$DISK/report.md
: > "$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }
target() { # target TEXT OK: records a target and whether it holds
	if [ "$2" = 1 ]; then say "- target met: $1"; else say "- **target missed: $1**"; missed=$((missed + 1)); fi
}
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }

# timed NAME COMMAND…: one run under /usr/bin/time; appends "wall cpu rss"
# (seconds, seconds, MiB) to $DISK/NAME.runs.
timed() {
	name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$DISK/time.out" "$@" > "$DISK/cmd.out" 2>&1 ||
		{ echo "bench: '$*' failed:" >&2; tail -5 "$DISK/cmd.out" >&2; exit 1; }
	awk '{ printf "%s %.2f %.1f\n", $1, $2 + $3, $4 / 1024 }' "$DISK/time.out" >> "$DISK/$name.runs"
}
# stat NAME FIELD: the median of a column of NAME's runs (1 wall, 2 cpu, 3 rss)
stat() { awk -v f="$2" '{ print $f }' "$DISK/$1.runs" | median; }

# Folders the bench is done with on disk go to $TRASH (a rename) and are
# deleted once every timing is over. ext4 without a journal (as on many
# virtual machines) does not reuse an inode deleted in the last minute, or
# in the last six while its inode table block is not yet written back
# (Linux's RECENTCY_MIN and RECENTCY_DIRTY), and it looks at every such
# inode again for each inode it allocates: a command run within minutes of
# a large deletion pays for it, in proportion to the files and folders it
# makes, whichever tool that is. So nothing is deleted on disk before a
# timing. A folder elsewhere (tmpfs) is deleted at once.
TRASH=$DISK/trash
ntrash=0
trash() {
	for d in "$@"; do
		[ -e "$d" ] || continue
		case $d in
		"$DISK"/*) ;;
		*) rm -rf "$d"; continue ;;
		esac
		mkdir -p "$TRASH"
		ntrash=$((ntrash + 1))
		mv "$d" "$TRASH/$ntrash-$(basename "$d")"
	done
}
if [ -d "$TRASH" ]; then
	echo "bench: deleting the folders a stopped run left in $TRASH; disk timings in the next minutes pay for it" >&2
	rm -rf "$TRASH"
fi
# settle: lets the file system write back what earlier steps wrote before a
# loop on disk starts.
settle() {
	sync
	sleep 6
}

corpus() { # corpus CAMPAIGNS CASES: DIR of a generated corpus, made once
	d=$DISK/corpus-$1x$2
	[ -d "$d/content" ] || sh tests/bench/corpus.sh "$1" "$2" "$d" > /dev/null
	echo "$d"
}

say "# Benchmarks"
say ""
say "Written by \`make bench\` ($(date -u '+%Y-%m-%d %H:%M UTC')). Whole commands, each side run the same way,"
say "medians of $RUNS alternating runs. Wall and CPU (user + system) in seconds, peak memory (RSS) in MiB."
say ""
say "## Machine"
say ""
say "- $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $JOBS processors, $(free -g | awk '/^Mem:/ { print $2 }') GiB"
say "- $(uname -sr), disk $(df -T "$DISK" | awk 'NR == 2 { print $2 }'), load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
say "- qbpress $($QB --version | cut -d' ' -f2) (-j $JOBS), $(hugo version | cut -d' ' -f1-2 | sed 's/+.*//'), $(cmark-gfm --version 2>&1 | head -1)"
say ""

# ---- the site against Hugo ----
say "## The website: \`qbpress build --only site\` and Hugo"
say ""
say "Each side writes a new folder each run. On disk nothing is deleted before the last timing of the"
say "bench (ext4 without a journal taxes every new inode for up to six minutes after a deletion, see bench.sh),"
say "so that no run pays for an earlier one; a loop on disk starts once earlier writes are on the disk (\`sync\`)."
say ""
say "| corpus | disk | qbpress wall | CPU | RSS | Hugo wall | CPU | RSS | qbpress / Hugo |"
say "|---|---|---|---|---|---|---|---|---|"
site_shapes="3x100 10x300"
[ "${QUICK:-}" ] && site_shapes="3x100"
for shape in $site_shapes; do
	c=$(corpus "${shape%x*}" "${shape#*x}")
	for where in disk tmpfs; do
		base=$DISK/site-$shape
		[ $where = tmpfs ] && base=$TMPFS/site-$shape
		if [ $where = tmpfs ] && ! mkdir -p "$TMPFS" 2> /dev/null; then continue; fi
		trash "$base"
		mkdir -p "$base"
		[ $where = disk ] && settle
		rm -f "$DISK/qb-$shape-$where.runs" "$DISK/hugo-$shape-$where.runs"
		i=0
		while [ $i -lt "$RUNS" ]; do
			i=$((i + 1))
			timed "qb-$shape-$where" "$QB" build -C "$c/content" -o "$base/qb-$i" --only site -q -j "$JOBS"
			timed "hugo-$shape-$where" hugo -s "$c/hugo" --config "$ROOT/tests/bench/hugo-layout/config.toml" \
				--layoutDir "$ROOT/tests/bench/hugo-layout/layouts" -d "$base/hugo-$i" --quiet
		done
		qw=$(stat "qb-$shape-$where" 1)
		hw=$(stat "hugo-$shape-$where" 1)
		ratio=$(calc "$qw / $hw")
		say "| $shape | $where | $qw | $(stat "qb-$shape-$where" 2) | $(stat "qb-$shape-$where" 3) | $hw | $(stat "hugo-$shape-$where" 2) | $(stat "hugo-$shape-$where" 3) | $ratio |"
		eval "ratio_${shape}_$where=$ratio"
		qb_files=$(find "$base/qb-1/site" -type f | wc -l)
		hugo_files=$(find "$base/hugo-1" -type f | wc -l)
		qb_bytes=$(du -sk "$base/qb-1/site" | cut -f1)
		trash "$base"
	done
	say ""
	say "$shape: qbpress writes $qb_files files ($qb_bytes KB), Hugo $hugo_files."
	say ""
done
for shape in $site_shapes; do
	for where in disk tmpfs; do
		r=$(eval "echo \${ratio_${shape}_$where:-}")
		[ -n "$r" ] && target "$shape on $where: qbpress at most 0.5 x Hugo's wall time (is $r)" "$(awk -v r="$r" 'BEGIN { print (r <= 0.5) }')"
	done
done
say ""

# ---- full builds: time and memory ----
if [ -z "${QUICK:-}" ]; then
	say "## Full builds: \`qbpress build --only site,wechat,certificates\`"
	say ""
	say "| corpus | wall | CPU | peak RSS | files |"
	say "|---|---|---|---|---|"
	rm -f "$DISK/hugo-full.runs"
	for shape in 10x300 20x300; do
		c=$(corpus "${shape%x*}" "${shape#*x}")
		rm -f "$DISK/full-$shape.runs"
		i=0
		n=$RUNS
		[ "$shape" = 20x300 ] && n=1
		while [ $i -lt "$n" ]; do
			i=$((i + 1))
			trash "$DISK/full-$shape" "$DISK/hugo-full"
			timed "full-$shape" "$QB" build -C "$c/content" -o "$DISK/full-$shape" --only site,wechat,certificates -q -j "$JOBS"
			# The yardstick, alternating with the full builds it is compared with.
			[ "$shape" = 10x300 ] && timed hugo-full hugo -s "$c/hugo" --config "$ROOT/tests/bench/hugo-layout/config.toml" \
				--layoutDir "$ROOT/tests/bench/hugo-layout/layouts" -d "$DISK/hugo-full" --quiet
		done
		say "| $shape | $(stat "full-$shape" 1) | $(stat "full-$shape" 2) | $(stat "full-$shape" 3) | $(find "$DISK/full-$shape" -type f | wc -l) |"
		trash "$DISK/full-$shape"
	done
	trash "$DISK/hugo-full"
	say ""
	fw=$(stat full-10x300 1)
	hf=$(stat hugo-full 1)
	r10=$(stat full-10x300 3)
	r20=$(stat full-20x300 3)
	say "Hugo's site build of 10 x 300 (on disk), alternating with the full builds of 10 x 300: wall $hf s, CPU $(stat hugo-full 2) s."
	say ""
	target "full build of 10 x 300 at most 2 x Hugo's site time ($fw s against 2 x $hf s, the Hugo runs alternating with these)" \
		"$(awk -v a="$fw" -v b="$hf" 'BEGIN { print (a <= 2 * b) }')"
	target "peak RSS of the full build at most 300 MiB ($r10 MiB for 10 x 300)" "$(awk -v a="$r10" 'BEGIN { print (a <= 300) }')"
	target "peak RSS grows with the largest campaign, not with the decade ($r20 MiB for 20 x 300 against $r10 MiB, at most 15 % more)" \
		"$(awk -v a="$r20" -v b="$r10" 'BEGIN { print (a <= 1.15 * b) }')"
	say ""

	# ---- rebuilds ----
	say "## Rebuilds on 10 x 300 (every output: site, WeChat, certificates, compendium, spreadsheets)"
	say ""
	c=$(corpus 10 300)
	w=$DISK/rebuild
	trash "$w" "$w-content" "$DISK/.rebuild.twin"
	cp -R "$c/content" "$w-content"
	find "$w-content" -exec touch -h -d '1 hour ago' {} +
	sleep 1
	rm -f "$DISK"/reb-*.runs
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		trash "$w-full"
		timed reb-full "$QB" build -C "$w-content" -o "$w-full" -q -j "$JOBS"
	done
	"$QB" build -C "$w-content" -o "$w" -q -j "$JOBS" > /dev/null 2>&1
	"$QB" build -C "$w-content" -o "$w" -q -j "$JOBS" > /dev/null 2>&1
	touch "$DISK/stamp"
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		timed reb-none "$QB" build -C "$w-content" -o "$w" -q -j "$JOBS"
	done
	none_written=$(find "$w" -newer "$DISK/stamp" -type f | wc -l)
	n=$w-content/campaigns/2020/cases/c2020-0150.md
	i=0
	written=
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		printf '\n第%d次修改：补充说明一段。\n' "$i" >> "$n"
		pages_before=$(pdfinfo "$w/site/compendium/2020.pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
		touch "$DISK/stamp"
		sleep 0.01
		timed reb-one "$QB" build -C "$w-content" -o "$w" -q -j "$JOBS"
		written=$(cd "$w" && find . -newer "$DISK/stamp" -type f ! -name .qbpress-manifest | sed 's|^\./||' | sort | tr '\n' ' ')
		pages_after=$(pdfinfo "$w/site/compendium/2020.pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
	done
	full=$(stat reb-full 1)
	none=$(stat reb-none 1)
	one=$(stat reb-one 1)
	say "| build | wall | CPU | peak RSS | ratio to the full build |"
	say "|---|---|---|---|---|"
	say "| full, into a new folder | $full | $(stat reb-full 2) | $(stat reb-full 3) | 1 |"
	say "| nothing changed | $none | $(stat reb-none 2) | $(stat reb-none 3) | $(calc "$none / $full" 3) |"
	say "| one narrative changed | $one | $(stat reb-one 2) | $(stat reb-one 3) | $(calc "$one / $full" 3) |"
	say ""
	say "Files written with nothing changed: $none_written. With one narrative changed: $written(and the manifest)."
	say ""
	target "nothing changed: at most 0.05 x a full build, no file written ($(calc "$none / $full" 3), $none_written files)" \
		"$(awk -v a="$none" -v b="$full" -v n="$none_written" 'BEGIN { print (a <= 0.05 * b && n == 0) }')"
	target "one narrative changed: at most 0.15 x a full build ($(calc "$one / $full" 3))" \
		"$(awk -v a="$one" -v b="$full" 'BEGIN { print (a <= 0.15 * b) }')"
	case $written in
	*cases/2020/c2020-0150/index.html*) ok=1 ;;
	*) ok=0 ;;
	esac
	# What shows the narrative: its case page and article, the year's book,
	# the copy page and the manifest (the book's bytes); when the book's
	# page count changed, also every page that gives it (the year's case
	# pages, with the page where each case starts, the pages of the year's list, the
	# announcement, the home page).
	for f in $written; do
		case $f in
		*c2020-0150*|site/compendium/2020.pdf|wechat/index.html|wechat/2020/index.html|wechat/manifest.json) ;;
		site/cases/2020/*/index.html|site/cases/year/2020/index.html|site/cases/year/2020/page/*/index.html|site/notices/2020-*/index.html|site/index.html)
			[ "$pages_before" != "$pages_after" ] || ok=0 ;;
		*) ok=0 ;;
		esac
	done
	say "The last edit took the 2020 book from $pages_before to $pages_after pages."
	say ""
	target "one narrative changed: only the files that show it are written" "$ok"
	trash "$w" "$w-full" "$w-content" "$DISK/.rebuild.twin"
	rm -f "$DISK/.rebuild.lock" "$DISK/.rebuild-full.lock"
	say ""
fi

# ---- the floor ----
say "## The floor: what any generator of these pages must do"
say ""
c=$(corpus 10 300)
rm -f "$DISK/floor-cmark.runs" "$DISK/floor-copy.runs"
trash "$DISK/floor-site"
"$QB" build -C "$c/content" -o "$DISK/floor-site" --only site -q > /dev/null 2>&1
settle
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	timed floor-cmark sh -c "cat '$c'/content/campaigns/*/cases/*.md | cmark-gfm -e table -e strikethrough -e autolink > /dev/null"
	# Into a new folder each time, kept until the end, as the builds above.
	timed floor-copy cp -R "$DISK/floor-site/site" "$DISK/floor-copy-$i"
done
trash "$DISK"/floor-copy-*
fc=$(stat floor-cmark 1)
fcopy=$(stat floor-copy 1)
qs=$(stat qb-10x300-disk 1 2> /dev/null || echo 0)
qt=$(stat qb-10x300-tmpfs 1 2> /dev/null || echo 0)
say "| step | wall | CPU |"
say "|---|---|---|"
say "| cmark-gfm parses and renders all 3,000 narratives, one process | $fc | $(stat floor-cmark 2) |"
say "| writing the site's $(find "$DISK/floor-site/site" -type f | wc -l) files ($(du -sk "$DISK/floor-site/site" | cut -f1) KB) as new files | $fcopy | $(stat floor-copy 2) |"
say "| the floor: the two | $(calc "$fc + $fcopy") | |"
say "| \`qbpress build --only site\` on 10 x 300, disk | $qs | $(stat qb-10x300-disk 2 2> /dev/null) |"
say "| \`qbpress build --only site\` on 10 x 300, tmpfs | $qt | $(stat qb-10x300-tmpfs 2 2> /dev/null) |"
say ""
say "qbpress's site build is $(calc "$qs / ($fc + $fcopy)" 1) times the floor on disk, $(calc "$qt / ($fc + $fcopy)" 1) times on tmpfs."
trash "$DISK/floor-site"
say ""

# ---- PDFs ----
if [ -z "${QUICK:-}" ]; then
	say "## PDF"
	say ""
	say '```'
	if sh tests/bench-certificates.sh "$QB" > "$DISK/certs.out" 2>&1; then cat "$DISK/certs.out" | tee -a "$report"
	else cat "$DISK/certs.out" | tee -a "$report"; missed=$((missed + 1)); fi
	if sh tests/bench-book.sh "$QB" > "$DISK/book.out" 2>&1; then cat "$DISK/book.out" | tee -a "$report"
	else cat "$DISK/book.out" | tee -a "$report"; missed=$((missed + 1)); fi
	say '```'
	say ""
fi

say "## Commands"
say ""
say '```'
say "qbpress build -C CORPUS/content -o NEW_FOLDER --only site -q -j $JOBS"
say "hugo -s CORPUS/hugo --config tests/bench/hugo-layout/config.toml --layoutDir tests/bench/hugo-layout/layouts -d NEW_FOLDER --quiet"
say "qbpress build -C CORPUS/content -o NEW_FOLDER --only site,wechat,certificates -q -j $JOBS"
say "qbpress build -C CORPUS/content -o OUTPUT -q -j $JOBS   (rebuilds: the same OUTPUT again)"
say "cat CORPUS/content/campaigns/*/cases/*.md | cmark-gfm -e table -e strikethrough -e autolink > /dev/null"
say "cp -R SITE NEW_FOLDER"
say "sh tests/bench-certificates.sh; sh tests/bench-book.sh"
say '```'
say ""
say "Corpora: \`sh tests/bench/corpus.sh CAMPAIGNS CASES DIR\` (narratives of the bundled content, 2,500 to"
say "4,000 Chinese characters each, with a table, lists, a quote, a link and a picture)."
cp "$report" "$RESULTS"
rm -rf "$TMPFS" "$TRASH"
echo "bench: results in $RESULTS"
if [ "$missed" -gt 0 ]; then
	echo "bench: $missed target(s) missed" >&2
	exit 1
fi
