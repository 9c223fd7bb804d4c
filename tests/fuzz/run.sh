#!/bin/sh
# Runs the fuzz targets (build/fuzz/NAME, built by `make fuzz-build`).
#   run.sh SECONDS [NAME...]   fuzz each target for SECONDS, one at a time
#   run.sh smoke               replay every regression input, then a short
#                              run (1 s) of each target over its seeds
# Each target's corpus is build/fuzz/corpus/NAME: seeds from content/,
# tests/fixtures and tests/fuzz/seeds/NAME (remade each run), the
# regression inputs of tests/fuzz/regress/NAME and what earlier runs found.
# A crash, a hang (-timeout) or a leak is saved as
# build/fuzz/artifacts/NAME-*: copy it into tests/fuzz/regress/NAME once
# fixed. Prints one line per target: executions, executions per second,
# edges covered.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
TARGETS="yaml records campaign front_matter markdown wechat pdf_text book"
mode=$1
shift
[ $# -gt 0 ] && TARGETS=$*
export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

seed() { # seed NAME DIR: the seed inputs of a target
	case $1 in
	yaml) find content tests/fixtures tests/wechat themes -name '*.yaml' ;;
	records) find content tests/fixtures tests/wechat -name records.yaml ;;
	campaign) find content tests/fixtures tests/wechat -name campaign.yaml ;;
	front_matter | markdown | wechat | book) find content tests/fixtures tests/wechat -name '*.md' ! -name README.md ;;
	pdf_text) : ;;
	esac | while read -r f; do cp "$f" "$2/seed-$(echo "$f" | tr / _)"; done
	# Syntax the content does not show (tests/fuzz/seeds/NAME/).
	for f in tests/fuzz/seeds/"$1"/*; do [ -f "$f" ] && cp "$f" "$2/seed-$(basename "$f")"; done
	if [ "$1" = pdf_text ]; then
		find content tests/fixtures -name records.yaml | xargs sed -n 's/^  \(enterprise\|experience\): //p' |
			awk -v dir="$2" '{ f = dir "/seed-" NR; printf "%c%s", 60 + NR % 120, $0 > f; close(f) }'
	fi
}

dict() {
	case $1 in
	yaml | records | campaign) echo "-dict=tests/fuzz/content.dict" ;;
	front_matter | markdown | wechat | book) echo "-dict=tests/fuzz/markdown.dict" ;;
	esac
}

failed=0
mkdir -p build/fuzz/artifacts
for t in $TARGETS; do
	bin=build/fuzz/$t
	[ -x "$bin" ] || { echo "fuzz $t: $bin is missing (make fuzz-build)"; failed=1; continue; }
	log=build/fuzz/$t.log
	if [ "$mode" = smoke ]; then
		log=build/fuzz/smoke/$t.log
		mkdir -p build/fuzz/smoke
		# Every regression input once, then 1 s over the seeds (a fresh
		# corpus folder, so that runs do not grow it).
		regress=$(find "tests/fuzz/regress/$t" -type f 2>/dev/null | sort)
		if [ -n "$regress" ] && ! "$bin" -timeout=10 $regress > "$log" 2>&1; then
			echo "not ok - fuzz $t: a regression input fails"
			grep -m5 'ERROR\|runtime error\|Running:' "$log" | sed 's/^/    /'
			failed=1
			continue
		fi
		echo "ok - fuzz $t: $(echo "$regress" | grep -c .) regression inputs replayed"
		corpus=build/fuzz/smoke/$t
		rm -rf "$corpus"
		mkdir -p "$corpus"
		seed "$t" "$corpus"
		if "$bin" -max_total_time=1 -timeout=10 -rss_limit_mb=2048 $(dict "$t") \
			-artifact_prefix="build/fuzz/artifacts/$t-" "$corpus" > "$log" 2>&1; then
			echo "ok - fuzz $t: 1 s smoke run, $(sed -n 's/^#\([0-9]*\).*DONE.*cov: \([0-9]*\).*/\1 executions, \2 edges/p' "$log")"
		else
			echo "not ok - fuzz $t: the smoke run failed"
			grep -m5 'ERROR\|runtime error\|Test unit written' "$log" | sed 's/^/    /'
			failed=1
		fi
		continue
	fi
	corpus=build/fuzz/corpus/$t
	mkdir -p "$corpus"
	seed "$t" "$corpus"
	cp tests/fuzz/regress/"$t"/* "$corpus"/ 2>/dev/null
	"$bin" -max_total_time="$mode" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $(dict "$t") \
		-artifact_prefix="build/fuzz/artifacts/$t-" "$corpus" > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $t: ${execs:-?} executions, ${rate:-?}/s, ${cov:-?} edges"
	else
		echo "fuzz $t: FAILED after ${execs:-?} executions (${cov:-?} edges): see $log"
		grep -m5 'ERROR\|runtime error\|Test unit written' "$log" | sed 's/^/    /'
		failed=1
	fi
done
exit $failed
