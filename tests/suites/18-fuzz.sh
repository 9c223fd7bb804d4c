#!/bin/sh
# The fuzz targets (tests/fuzz/) in short: every regression input replayed,
# then one second of each target over its seed corpus. `make fuzz` runs
# them for long.
. "$(dirname "$0")/../lib.sh"
sh "$ROOT/tests/fuzz/run.sh" smoke
