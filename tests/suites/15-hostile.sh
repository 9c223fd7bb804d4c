#!/bin/sh
# Hostile content (tests/hostile/inputs.sh): every input an editor can
# write ends in exit status 0 or 1 with diagnostics, never a signal, within
# generous bounds of time and memory (the figures are in
# tests/bench/hostile.md). For each case: `qbpress check`, then
# `qbpress build`, each under a timeout, with its peak memory measured by
# /usr/bin/time; the exit status and the first diagnostic are exact.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/hostile/inputs.sh"
N=$HOSTILE_NARRATIVE
R=$HOSTILE_RECORDS
# Generous bounds, for the sanitizer build on a shared machine.
LIMIT_S=${HOSTILE_TIMEOUT:-300}
LIMIT_KB=${HOSTILE_MEMORY_KB:-6000000}

# run NAME STATUS DIAG [COMMAND]: runs COMMAND (check, or build) on the
# tree of case NAME; passes when the status is STATUS, the first line of
# stderr is DIAG ("" for none: then the last line must say 0 errors), and
# time and memory stay in bounds.
run() {
	name=$1 want=$2 diag=$3 cmd=${4:-check}
	t=$OUT/$name
	(cd "$t" && /usr/bin/time -f %M -o "$cmd.mem" timeout "$LIMIT_S" "$QBPRESS" "$cmd" -q --today 2026-11-25 \
		> "$cmd.out" 2> "$cmd.err")
	rc=$?
	mem=$(tail -1 "$t/$cmd.mem")
	case $mem in *[!0-9]* | '') mem=0 ;; esac
	if [ "$rc" = 124 ]; then fail "$name: $cmd ends within ${LIMIT_S}s"; return; fi
	if [ "$rc" = "$want" ]; then pass "$name: $cmd exits $want"
	else fail "$name: $cmd exits $want (got $rc)" "$(head -3 "$t/$cmd.err")"; fi
	if grep -q "AddressSanitizer\|runtime error:\|LeakSanitizer" "$t/$cmd.err"; then
		fail "$name: $cmd: no sanitizer report" "$(grep -m3 'Sanitizer\|runtime error' "$t/$cmd.err")"
	fi
	if [ "$mem" -le "$LIMIT_KB" ]; then pass "$name: $cmd peak memory ${mem} KB within ${LIMIT_KB} KB"
	else fail "$name: $cmd peak memory ${mem} KB within ${LIMIT_KB} KB"; fi
	if [ -n "$diag" ]; then
		got=$(head -1 "$t/$cmd.err")
		if [ "$got" = "$diag" ]; then pass "$name: $cmd: $diag"
		else fail "$name: $cmd diagnostic: $diag" "got: $got"; fi
	elif [ "$want" = 0 ]; then
		last=$(tail -1 "$t/$cmd.err")
		case $last in "0 errors,"* | "") pass "$name: $cmd reports no error" ;;
		*) fail "$name: $cmd reports no error" "got: $last" ;; esac
	fi
}

case_() { # case_ NAME STATUS DIAG: makes the tree, runs check and build
	hostile "$1" "$OUT/$1"
	run "$1" "$2" "$3" check
	run "$1" "$2" "$3" build
}

case_ narrative-50mb 1 "$N: error: the file has 52838478 bytes; a Markdown file may have at most 2 MB"
case_ narrative-2mb 0 ""
case_ line-1mb 0 ""
case_ list-10000-deep 1 "$N:22:31: error: lists, quotes and emphasis are nested more than 32 deep here: write it flatter"
case_ list-50000-deep 1 "$N:22:31: error: lists, quotes and emphasis are nested more than 32 deep here: write it flatter"
case_ quote-10000-deep 1 "$N:22:63: error: lists, quotes and emphasis are nested more than 32 deep here: write it flatter"
case_ table-1000-columns 0 ""
# Each of these once grew with the square of its count (the templates
# counted siblings or earlier nodes for every node): the timeout catches a
# return of that. They run the build without sanitizers, which spends
# minutes of system time on their gigabytes of heap; the fuzz targets run
# the same code under ASan.
QBPRESS_SAN=$QBPRESS
QBPRESS=$ROOT/qbpress
case_ headings-80000 0 ""
case_ images-50000 0 ""
case_ links-50000 0 ""
case_ items-100000 0 ""
QBPRESS=$QBPRESS_SAN
case_ yaml-alias-bomb 1 "content/calendar/2026.yaml:3:10: error: YAML aliases ('*a0') are not supported: write the value out"
case_ yaml-20000-deep 1 "content/calendar/2026.yaml:2:74: error: lists and mappings are nested more than 64 deep: write the value flatter"
case_ invalid-utf8 1 "$N:23:3: error: invalid UTF-8 (byte 0xFF): save the file as UTF-8"
case_ bom 0 ""
case_ utf16 1 "$N:1:1: error: the file is UTF-16: save it as UTF-8"
case_ cr 0 ""
case_ crlf 0 ""
case_ nul 1 "$R:52:2: error: the file contains a NUL character"
case_ fifo-yaml 1 "content/calendar/2027.yaml: error: a special file (a pipe or a device) is not content: put a regular file here"
case_ fifo-narrative 1 "$N: error: a special file (a pipe or a device) is not content: put a regular file here"
case_ device-narrative 1 "$N: error: a special file (a pipe or a device) is not content: put a regular file here"
case_ control-characters 1 "$N:23:1: error: control character U+001B has no place in text: delete it (3 more in this file)"
case_ experience-1mb 1 "$R:8:15: error: 'experience' has 1000000 characters; it may have at most 200"
# 100,000 records: check only (a build renders 100,000 of every output;
# its figures are in tests/bench/hostile.md), with the build without
# sanitizers: under ASan the same check spends minutes in the leak check's
# scan of a 500 MB heap.
hostile records-100k "$OUT/records-100k"
QBPRESS=$ROOT/qbpress run records-100k 0 "" check
