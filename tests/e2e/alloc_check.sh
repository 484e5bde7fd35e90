#!/bin/sh
# alloc_check.sh - the reader and scoring allocate per run, never per record:
# valgrind's heap count must be the same for 1,000 and 100,000 records, for the
# report on one thread and on two (-j 2: per chunk, never per record), and for
# a follow-up list (--list), whose rows go to temporary files.
# Usage: alloc_check.sh CXSTAT_BINARY GEN_BINARY
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
allocs() {
    rows=$1
    shift
    "$GEN" --rows "$rows" --seed 11 >"$tmp/in.csv"
    valgrind "$CX" -q "$@" "$tmp/in.csv" 2>&1 >/dev/null |
        sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p'
}
CX=$1
GEN=$2
for mode in "-j 1 -f csv" "-j 2 -f csv" "--list=detractors -f csv"; do
    # shellcheck disable=SC2086
    small=$(allocs 1000 $mode)
    # shellcheck disable=SC2086
    large=$(allocs 100000 $mode)
    if [ -z "$small" ] || [ "$small" != "$large" ]; then
        echo "alloc_check: FAIL ($mode): $small allocations for 1,000 records, $large for 100,000"
        exit 1
    fi
    echo "alloc_check ($mode): $small allocations for 1,000 and for 100,000 records"
done
