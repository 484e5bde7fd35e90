#!/bin/sh
# alloc_check.sh - the reader and scoring allocate per run, never per record:
# valgrind's heap count must be the same for 1,000 and 50,000 records.
# Usage: alloc_check.sh CXSTAT_BINARY GEN_BINARY
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
allocs() {
    "$2" --rows "$1" --seed 11 >"$tmp/in.csv"
    valgrind "$3" -q -f csv "$tmp/in.csv" 2>&1 >/dev/null |
        sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p'
}
small=$(allocs 1000 "$2" "$1")
large=$(allocs 50000 "$2" "$1")
if [ -z "$small" ] || [ "$small" != "$large" ]; then
    echo "alloc_check: FAIL: $small allocations for 1,000 records, $large for 50,000"
    exit 1
fi
echo "alloc_check: $small allocations for 1,000 and for 50,000 records"
