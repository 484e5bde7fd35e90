#!/bin/sh
# memory.sh - peak RSS of cxstat on workbooks, asserted with /usr/bin/time -f %M:
# a 200,000-row export (shared strings past 16 MiB of XML: spilled to a file) under
# 16 MB, and the bombs (1 GiB deflate bomb, one 32,767-character string in 12,000
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
python3 "$HERE/hostile.py" bomb "$t/bomb.xlsx" && check "deflate bomb" 65536 3 "$t/bomb.xlsx"
python3 "$HERE/hostile.py" bigstring "$t/big.xlsx" && check "12000 x 32767 characters" 65536 0 "$t/big.xlsx"
exit $fail
