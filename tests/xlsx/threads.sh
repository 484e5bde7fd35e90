#!/bin/sh
# threads.sh - shared strings loaded on a second thread while the sheet is read
# (-j 2) give what loading them first gives (-j 1), byte for byte: on a 200,000-row
# export (strings past 16 MiB of XML: spilled to a temporary file), on a 2,000-row
# one (kept in memory), and with no temporary directory (read in passes, one
# thread).  Run on a ThreadSanitizer build by make tsan, on the release one by
# make xlsx-check.
#   sh tests/xlsx/threads.sh CXSTAT GEN_SURVEY
set -u
CXSTAT=$1 GEN=$2
HERE=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
fail=0 runs=0
# same LABEL ARGS...: the report and exit status on one thread and on two
same() {
    label=$1
    shift
    "$CXSTAT" -j 1 "$@" > "$t/one" 2>&1
    a=$?
    "$CXSTAT" -j 2 "$@" > "$t/two" 2>&1
    b=$?
    runs=$((runs + 1))
    if [ "$a" != "$b" ] || ! cmp -s "$t/one" "$t/two"; then
        echo "FAIL xlsx threads: $label: -j 1 exit $a, -j 2 exit $b"
        diff "$t/one" "$t/two" | head -5
        fail=1
    fi
}
for rows in 200000 2000; do
    "$GEN" --rows $rows --seed 7 --stores 50 > "$t/e.csv" &&
        python3 "$HERE/csv2xlsx.py" "$t/e.csv" "$t/e$rows.xlsx" sst || exit 1
    for f in csv json; do
        same "$rows rows -f $f" -g store,channel -f $f "$t/e$rows.xlsx"
    done
    same "$rows rows --period" -g store --period=submitted_at -f csv "$t/e$rows.xlsx"
done
same "200000 rows --list" --list=detractors -f csv "$t/e200000.xlsx"
mkdir "$t/ro" && chmod 500 "$t/ro"
TMPDIR="$t/ro/none" same "200000 rows without a temporary directory" -g store -f csv \
    "$t/e200000.xlsx"
echo "xlsx threads: $runs runs, -j 1 and -j 2 identical: $([ $fail = 0 ] && echo yes || echo NO)"
exit $fail
