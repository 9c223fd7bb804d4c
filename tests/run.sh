#!/bin/sh
# Runs every test: the unit test binaries, then each suite in tests/suites/.
# Ends with the line "N passed, M failed"; exits non-zero on any failure.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
export QBPRESS="$ROOT/build/qbpress-san"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export SOURCE_DATE_EPOCH=1764028800
cd "$ROOT" || exit 2
rm -rf tests/out
mkdir -p tests/out
passed=0
failed=0
log=tests/out/run.log
: > "$log"

for t in build/unit/*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	if CMOCKA_MESSAGE_OUTPUT=stdout "$t" > "tests/out/$name.log" 2>&1; then
		status=ok
	else
		status=fail
	fi
	p=$(grep -c '^\[       OK \]' "tests/out/$name.log")
	f=$(grep -c '^\[  FAILED  \]' "tests/out/$name.log")
	[ "$status" = fail ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p))
	failed=$((failed + f))
	echo "unit $name: $p passed, $f failed"
	[ "$f" -gt 0 ] && grep -E '^\[  (FAILED|ERROR)|error|Error' "tests/out/$name.log" | head -20
done

for s in tests/suites/*.sh; do
	[ -f "$s" ] || continue
	name=$(basename "$s" .sh)
	OUT="$ROOT/tests/out/$name"
	export OUT
	mkdir -p "$OUT"
	start=$(date +%s)
	sh "$s" > "tests/out/$name.log" 2>&1
	rc=$?
	p=$(grep -c '^ok - ' "tests/out/$name.log")
	f=$(grep -c '^not ok - ' "tests/out/$name.log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - suite $name exited with status $rc" >> "tests/out/$name.log"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	echo "suite $name: $p passed, $f failed ($(( $(date +%s) - start ))s)"
	if [ "$f" -gt 0 ]; then
		grep -A8 '^not ok - ' "tests/out/$name.log" | head -60
		tail -5 "tests/out/$name.log"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
