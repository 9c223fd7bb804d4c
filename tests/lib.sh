# Shared helpers for the test suites (sourced). A suite prints one line per
# assertion: "ok - what" or "not ok - what", with details indented below.
# Environment from tests/run.sh: ROOT (the project), QBPRESS (the binary
# under test, built with ASan/UBSan), OUT (a scratch folder for this suite).

: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${QBPRESS:=$ROOT/build/qbpress-san}"
: "${OUT:=$ROOT/tests/out/$(basename "$0" .sh)}"
mkdir -p "$OUT"

pass() { echo "ok - $1"; }
fail() {
	echo "not ok - $1"
	shift
	for line in "$@"; do printf '    %s\n' "$line"; done
}
# check NAME COMMAND...: passes when the command succeeds.
check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(printf '%s' "$out" | head -20)"; fi
}
# A hash of every file below a folder (names and contents), but the build
# manifest (.qbpress-manifest), which records inode numbers and time stamps.
tree_hash() {
	(cd "$1" 2>/dev/null && find . -type f ! -name .qbpress-manifest -print0 | sort -z | xargs -0 sha256sum 2>/dev/null |
		sha256sum | cut -d' ' -f1)
}
