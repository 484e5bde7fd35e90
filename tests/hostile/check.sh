#!/bin/sh
# check.sh - bounded time on inputs built to be slow: each hostile input must
# run in about the processor time of an ordinary one of the same size (a
# factor of 3 plus half a second of slack).
# Then what cannot be a golden case: a file changed while it is read, at a
# known moment (tests/hostile/grow.c), must fail alike at every -j; and a
# workbook on a machine without libzip (tests/hostile/nozip.c) is a clear error.
# Usage: sh tests/hostile/check.sh CXSTAT FLOOD_KEYS GROW_SO NOZIP_SO
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
flood=$2
grow=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
nozip=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ms() { # run "$@" to /dev/null, print the processor time it took (user + system) in ms:
        # unlike the wall time, it does not grow when other jobs share the machine
    ( "$@" >/dev/null 2>&1; times ) | awk 'NR == 2 {
        split($1, u, /[ms]/); split($2, s, /[ms]/)
        printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }'
}

# NAME PLAIN_MS HOSTILE_MS
within() {
    [ -n "${HOSTILE_VERBOSE:-}" ] && echo "$1: $3 ms against $2 ms"
    if [ "$3" -le $(($2 * 3 + 500)) ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $1: $3 ms against $2 ms for ordinary input"
    fi
}

# 1. Keys that all fell into one probe run of the unkeyed hash.
"$flood" 30000 plain 1 >"$tmp/plain.csv" || exit 1
"$flood" 30000 crafted 1 >"$tmp/crafted.csv" || exit 1
for j in 1 2; do
    p=$(ms "$bin" -j $j -g g "$tmp/plain.csv")
    c=$(ms "$bin" -j $j -g g "$tmp/crafted.csv")
    within "flood -j $j" "$p" "$c"
done
"$bin" -g g -f state "$tmp/plain.csv" >"$tmp/plain.state"
"$bin" -g g -f state "$tmp/crafted.csv" >"$tmp/crafted.state"
p=$(ms "$bin" merge "$tmp/plain.state" "$tmp/plain.state")
c=$(ms "$bin" merge "$tmp/crafted.state" "$tmp/crafted.state")
within "flood merge" "$p" "$c"

# 2. Answers that are labels, looked up among 4096 labels or among the 96 used.
awk 'BEGIN { print "label,score"
    for (i = 0; i < 4096; i++) printf "word %c%c%c%c,%d\n", 97 + int(i / 1000), 97 + int(i / 100) % 10,
        97 + int(i / 10) % 10, 97 + i % 10, i % 11 }' >"$tmp/labels_all.csv"
awk -F, 'NR == 1 || NR > 4001' "$tmp/labels_all.csv" >"$tmp/labels_used.csv"
awk -F, 'NR > 4001 { w[n++] = $1 } END { print "nps"; for (i = 0; i < 30000; i++) print w[i % n] }' \
    "$tmp/labels_all.csv" >"$tmp/labelled.csv"
p=$(ms "$bin" -j 1 --labels="$tmp/labels_used.csv" "$tmp/labelled.csv")
c=$(ms "$bin" -j 1 --labels="$tmp/labels_all.csv" "$tmp/labelled.csv")
within "4096 labels" "$p" "$c"

# 3. Many small groups: a t quantile per group made the report slow, and -f
# state, which prints no figure, computed them all the same.  The report
# against the same counting with every group hidden (--min-n), the state
# against the records counted without groups.
awk 'BEGIN { print "g,nps,csat"; for (i = 0; i < 400000; i++)
    printf "k%d,%d,%d\n", i % 100000, (i * 7) % 11, 1 + (i * 3) % 5 }' >"$tmp/small_groups.csv"
p=$(ms "$bin" -j 1 -q -g g --min-n=5 -f csv "$tmp/small_groups.csv")
c=$(ms "$bin" -j 1 -q -g g -f csv "$tmp/small_groups.csv")
within "100000 groups of 4, -f csv" "$p" "$c"
p=$(ms "$bin" -j 1 -q -f csv "$tmp/small_groups.csv")
c=$(ms "$bin" -j 1 -q -g g -f state "$tmp/small_groups.csv")
within "100000 groups of 4, -f state" "$p" "$c"

# 4. A file appended to, or cut to half, after cxstat looked at its size.
"$flood" 3000 plain 2 >"$tmp/grow.orig" || exit 1
size=$(wc -c <"$tmp/grow.orig")
for lines in 500 0; do
    if [ $lines = 0 ]; then after=$((size / 2)); else after=$((size + lines * 3)); fi
    want="cxstat: grow.csv: changed while it was read ($size bytes before, $after after); read a copy that stays as it is"
    for j in 1 2 3; do
        cp "$tmp/grow.orig" "$tmp/grow.csv"
        got=$(cd "$tmp" && GROW_FILE=grow.csv GROW_LINES=$lines LD_PRELOAD="$grow" \
              ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
              "$bin" -j $j -q --nps=nps grow.csv 2>&1 >/dev/null; echo "exit $?")
        if [ "$got" = "$want
exit 3" ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "FAIL changed file, $lines lines, -j $j: $got"
        fi
    done
done

# 5. A state line longer than the memory cxstat may take is said to be one, not
# "cut short".  A sanitizer's shadow memory does not fit under ulimit -v.
if grep -q __asan_init "$bin" 2>/dev/null; then
    echo "hostile: SKIPPED the long state line under ulimit -v (an ASan build)"
else
    { printf 'cxstat-state 1\nscale\tnps\t0\t10\t9\t10\t0\t6\tagree\ninput\tx\n'
      printf 'counts\t1\t0\t0\t0\t0\t0\nrow\t1\t1\t'
      head -c 40000000 /dev/zero | tr '\0' a; echo; } >"$tmp/long.state"
    got=$(cd "$tmp" && ulimit -v 50000 && "$bin" merge long.state 2>&1; echo "exit $?")
    want="cxstat: long.state:5: a line too long for the memory there is (out of memory)
exit 3"
    if [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL long state line: $got"
    fi
    rm -f "$tmp/long.state"
fi

# 6. Without libzip (loaded only when a workbook is met): a workbook is an
# input error naming the file and the library; a CSV file is read as ever.
if "$bin" --help | grep -q -- --sheet; then
    book=$tmp/book.xlsx
    python3 "$(dirname "$0")/../xlsx/hostile.py" hidden "$book" || exit 1
    "$bin" -q "$book" >/dev/null || { fail=$((fail + 1)); echo "FAIL the workbook with libzip"; }
    nozip_env() {
        LD_PRELOAD="$nozip" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" "$@"
    }
    got=$(cd "$tmp" && nozip_env "$bin" -q "$book" 2>&1 >/dev/null; echo "exit $?")
    case $got in
    "cxstat: $book: cannot read workbooks: libzip cannot be loaded ("*")
exit 3") pass=$((pass + 1)) ;;
    *) fail=$((fail + 1)); echo "FAIL workbook without libzip: $got" ;;
    esac
    got=$(cd "$tmp" && nozip_env "$bin" -q -j 1 --nps=nps grow.orig 2>&1 >/dev/null; echo "exit $?")
    if [ "$got" = "exit 0" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL CSV file without libzip: $got"
    fi
fi

echo "hostile: $pass passed, $fail failed"
[ $fail = 0 ]
