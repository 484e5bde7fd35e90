#!/bin/sh
# memory.sh - peak RSS of cxstat on workbooks, asserted with /usr/bin/time -f %M:
# a 200,000-row export (shared strings past 16 MiB of XML: spilled to a file) under
# 16 MB, with a group per row no more on two threads than on one, and the bombs (1 GiB deflate bomb, one 32,767-character string in 12,000
# cells) under 64 MB with their exit statuses.
#   sh tests/xlsx/memory.sh CXSTAT GEN_SURVEY
set -u
CXSTAT=$1 GEN=$2
HERE=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
fail=0
# check NAME LIMIT_KB WANT_EXIT FILE
check() {
    /usr/bin/time -f %M -o "$t/rss" "$CXSTAT" -q "$4" > /dev/null 2> "$t/err"
    rc=$?
    kb=$(tail -n 1 "$t/rss")
    if [ "$rc" != "$3" ] || [ "$kb" -ge "$2" ]; then
        echo "FAIL xlsx memory: $1: exit $rc (want $3), peak $kb KB (limit $2 KB)"
        head -3 "$t/err"
        fail=1
    else
        echo "xlsx memory: $1: exit $rc, peak RSS $kb KB (limit $2 KB)"
    fi
}
"$GEN" --rows 200000 --seed 2026 --stores 50 > "$t/e.csv" &&
    python3 "$HERE/csv2xlsx.py" "$t/e.csv" "$t/export.xlsx" sst || exit 1
check "200000-row export" 16384 0 "$t/export.xlsx"
# A group per row: a sheet read by several parsers adds its groups up apart from the
# caller's, and hands them over whole; they must not be held twice (-j 2 against -j 1).
peak() {
    /usr/bin/time -f %M -o "$t/rss" "$CXSTAT" -q -j "$1" -g id -f csv "$t/export.xlsx" > /dev/null 2>&1
    tail -n 1 "$t/rss"
}
one=$(peak 1) two=$(peak 2)
if [ "$two" -gt $((one + one / 4 + 4096)) ]; then
    echo "FAIL xlsx memory: a group per row: -j 2 peak $two KB, -j 1 $one KB (limit 1.25x + 4 MB)"
    fail=1
else
    echo "xlsx memory: a group per row (200000 groups): -j 2 peak $two KB, -j 1 $one KB"
fi
python3 "$HERE/hostile.py" bomb "$t/bomb.xlsx" && check "deflate bomb" 65536 3 "$t/bomb.xlsx"
python3 "$HERE/hostile.py" bigstring "$t/big.xlsx" && check "12000 x 32767 characters" 65536 0 "$t/big.xlsx"
exit $fail
