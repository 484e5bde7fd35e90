#!/bin/sh
# jobs_check.sh - reading in chunks on threads (-j N) must give byte for byte
# what one thread gives: stdout, stderr and exit status, for every N.
#
# Inputs: exports from the generator (quoted comments with commas, quotes and
# line breaks, so chunk cuts land inside quoted fields and chunks are read
# again from the true boundary), the same with CRLF, with CR only, with ';'
# and a BOM, without a header, and every CSV the golden tests use.  Option
# sets cover groups, periods, comparisons, weights, -f state and json.
# Usage: sh tests/e2e/jobs_check.sh CXSTAT GEN_SURVEY
# JOBS_LIST="3 13" picks the thread counts compared with -j 1 (default 2 3 5 8 13).
set -u
bin=$1
gen=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 1
# dash runs no EXIT trap when a signal trap exits, so each cleans up itself
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; trap - EXIT; exit 130' INT
trap 'rm -rf "$tmp"; trap - EXIT; exit 143' TERM HUP

"$gen" --rows 4000 --seed 7 >"$tmp/lf.csv" || exit 1
"$gen" --rows 2500 --seed 8 --crlf --stores 40 >"$tmp/crlf.csv" || exit 1
"$gen" --rows 2000 --seed 9 --delim ';' --bom >"$tmp/semi.csv" || exit 1
tr '\n' '\r' <"$tmp/lf.csv" >"$tmp/cr.csv"
tail -n +2 "$tmp/lf.csv" >"$tmp/noheader.csv"
# more than eight distinct words that are no scores, in every chunk
awk -F, 'NR > 1 && NR % 3 == 0 { $5 = "w" (NR % 29) } 1' OFS=, "$tmp/lf.csv" >"$tmp/words.csv"

pass=0 fail=0
check() { # FILE ARGS...
    file=$1
    shift
    "$bin" -j 1 "$@" "$file" >"$tmp/out1" 2>"$tmp/err1"
    echo $? >>"$tmp/out1"
    for j in ${JOBS_LIST:-2 3 5 8 13}; do
        "$bin" -j $j "$@" "$file" >"$tmp/outj" 2>"$tmp/errj"
        echo $? >>"$tmp/outj"
        if cmp -s "$tmp/out1" "$tmp/outj" && cmp -s "$tmp/err1" "$tmp/errj"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "FAIL -j $j $* $(basename "$file")"
            diff "$tmp/out1" "$tmp/outj" | head -5
            diff "$tmp/err1" "$tmp/errj" | head -5
        fi
    done
}

for f in lf crlf cr semi words; do
    check "$tmp/$f.csv"
    check "$tmp/$f.csv" -g store -f csv
    check "$tmp/$f.csv" -g store,channel --sort nps -f json
    check "$tmp/$f.csv" --period submitted_at --every week -f tsv
    check "$tmp/$f.csv" --compare channel:web,app
    check "$tmp/$f.csv" -w id -g channel -f state
    check "$tmp/$f.csv" --where 'channel!=web' --where 'store=Krasnodar,Kazan Center' -g channel -f json
    check "$tmp/$f.csv" --where 'store=Krasnodr' --compare channel:web,App
    check "$tmp/$f.csv" --latest-by store --period submitted_at -g channel -f json
    check "$tmp/$f.csv" --latest-by channel --compare channel:web,app -f csv
    check "$tmp/$f.csv" --period submitted_at --window 3 -g channel -f csv
done
check "$tmp/noheader.csv" -n --nps 5 --csat 6 -g 3
# standard input redirected from a file is a regular file too (read from its offset on)
for j in 1 3; do
    "$bin" -j $j -g store - <"$tmp/lf.csv" >"$tmp/stdin$j" 2>&1
    echo $? >>"$tmp/stdin$j"
done
# ... and from where the shell left it, here after 100 bytes (the pipe is read as a stream)
{ dd bs=100 count=1 status=none >/dev/null; "$bin" -j 3 -g store -; } <"$tmp/lf.csv" >"$tmp/offset3" 2>&1
echo $? >>"$tmp/offset3"
tail -c +101 "$tmp/lf.csv" | "$bin" -g store - >"$tmp/offset1" 2>&1
echo $? >>"$tmp/offset1"
if cmp -s "$tmp/stdin1" "$tmp/stdin3" && cmp -s "$tmp/offset1" "$tmp/offset3"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL -j 3 on standard input"
fi
for f in "$here"/data/*.csv "$here"/data/platforms/*.csv; do
    check "$f"
    check "$f" -g 1 -f csv
done
echo "jobs: $pass passed, $fail failed"
[ $fail = 0 ]
