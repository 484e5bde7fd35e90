#!/bin/sh
# alloc_check.sh - the reader and scoring allocate per run, never per record:
# valgrind's heap count must be the same for 1,000 and 100,000 records, for the
# report on one thread and for a follow-up list (--list), whose rows go to
# temporary files; on two threads (-j 2: per chunk, never per record) it must
# not grow from 100,000 to 400,000 records.
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
for mode in "-j 1 -f csv" "--list=detractors -f csv"; do
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
# On two threads the chunks are cut as the threads go (their number depends on
# timing, about CHUNKS_PER_JOB per thread once a part is folded), so the count
# is not exact; an allocation per record, or per 3,000 records, would add
# 100 or more from 100,000 to 400,000 records.
small=$(allocs 100000 -j 2 -f csv)
large=$(allocs 400000 -j 2 -f csv)
if [ -z "$small" ] || [ -z "$large" ] || [ $((large - small)) -ge 100 ]; then
    echo "alloc_check: FAIL (-j 2 -f csv): $small allocations for 100,000 records, $large for 400,000"
    exit 1
fi
echo "alloc_check (-j 2 -f csv): $small allocations for 100,000 records, $large for 400,000 (per chunk)"
