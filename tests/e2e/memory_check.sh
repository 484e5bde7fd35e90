#!/bin/sh
# memory_check.sh - memory of many groups, asserted with /usr/bin/time -f %M:
#   * a group costs what its report needs: 200,000 groups of NPS, CSAT and CES
#     answers (800,000 rows) stay under 48 MB at -j 1 (each group once kept
#     the histograms of every metric, ~480 bytes: 100 MB);
#   * memory does not multiply with threads: at -j 8 the peak stays within
#     32 MB of -j 1's (each chunk's part once kept its own table until the end:
#     8 tables, 470 MB), with the same output; and so with --weight (50,000
#     groups, within 48 MB of -j 1's; once 8 times as much);
#   * long quoted records (400 of 108 KiB, a comment over 1,600 lines) at -j 16
#     peak within 1.5x of -j 1's (on two processors; 1 MB more for each
#     processor past two), with the same output: no more threads read at
#     once than there are processors, and an arena per processor (16 readers
#     with their buffers and arenas once took 2.5x).
# Usage: sh tests/e2e/memory_check.sh CXSTAT
set -u
bin=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; trap - EXIT; exit 130' INT
trap 'rm -rf "$tmp"; trap - EXIT; exit 143' TERM HUP
# under ASan, UBSan or TSan the peak is the sanitizer's (shadow memory, quarantine):
# make check measures the plain build
if grep -q -e __asan_init -e __tsan_init -e __msan_init "$bin"; then
    echo "memory: SKIPPED: $bin is a sanitizer build; the plain build's make check measures it"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "FAIL memory: /usr/bin/time is needed (make test-deps installs the package time)"
    exit 1
fi

# each key 4 times, the keys in turn: every chunk of the file meets a new set of keys
awk 'BEGIN { print "key,nps,csat,ces,w"
    for (r = 0; r < 4; r++) for (i = 0; i < 200000; i++)
        printf "k%d,%d,%d,%d,%d.5\n", i, (i + r) % 11, 1 + (i + 2 * r) % 5, 1 + (i * 3 + r) % 7, 1 + r % 3 }' \
    >"$tmp/keys.csv" || exit 1
awk -F, 'NR == 1 || substr($1, 2) + 0 < 50000' "$tmp/keys.csv" >"$tmp/wkeys.csv" || exit 1
awk 'BEGIN { print "store,nps,comment"
    line = "a line of the comment, with a comma, and a \"\"quote\"\" in it.........."
    for (i = 0; i < 400; i++) {
        printf "s%d,%d,\"", i % 7, i % 11
        for (k = 0; k < 1600; k++) printf "%s\n", line
        printf "\"\n" } }' >"$tmp/quoted.csv" || exit 1

fail=0
# run NAME FILE ARGS...: peak RSS in KB into $tmp/NAME.kb, output into $tmp/NAME.out
run() {
    name=$1 file=$2
    shift 2
    /usr/bin/time -f %M -o "$tmp/$name.time" "$bin" "$@" "$tmp/$file.csv" >"$tmp/$name.out" 2>"$tmp/$name.err"
    echo $? >>"$tmp/$name.out"
    tail -n 1 "$tmp/$name.time" >"$tmp/$name.kb"
}
# within NAME LIMIT_KB WHAT
within() {
    kb=$(cat "$tmp/$1.kb")
    if [ "$kb" -le "$2" ]; then
        echo "memory: $3: peak RSS $kb KB (limit $2 KB)"
    else
        echo "FAIL memory: $3: peak RSS $kb KB (limit $2 KB)"
        fail=1
    fi
}
same() {
    if ! cmp -s "$tmp/$1.out" "$tmp/$2.out"; then
        echo "FAIL memory: $2 prints other figures than $1"
        diff "$tmp/$1.out" "$tmp/$2.out" | head -5
        fail=1
    fi
}

run j1 keys -j 1 -q -g key -f csv
run j8 keys -j 8 -q -g key -f csv
run w1 wkeys -j 1 -q -g key -w w -f csv
run w8 wkeys -j 8 -q -g key -w w -f csv
run q1 quoted -j 1 -q -g store -f csv
run q16 quoted -j 16 -q -g store -f csv
if [ "$(wc -l <"$tmp/j1.out")" -ne 200003 ]; then
    echo "FAIL memory: -j 1 did not print 200,000 groups: $(head -c 300 "$tmp/j1.err")"
    fail=1
fi
if [ "$(wc -l <"$tmp/w1.out")" -ne 50003 ]; then
    echo "FAIL memory: -j 1 -w did not print 50,000 groups: $(head -c 300 "$tmp/w1.err")"
    fail=1
fi
same j1 j8
same w1 w8
same q1 q16
within j1 49152 "200000 groups at -j 1"
within j8 $(($(cat "$tmp/j1.kb") + 32768)) "the same at -j 8 (-j 1's + 32 MB)"
within w8 $(($(cat "$tmp/w1.kb") + 49152)) "weighted at -j 8 (-j 1's $(cat "$tmp/w1.kb") KB + 48 MB)"
# (a processor past two may add a reader's buffers: 1 MB each)
cores=$(nproc 2>/dev/null || echo 2)
extra=$((cores > 2 ? (cores - 2) * 1024 : 0))
within q16 $(($(cat "$tmp/q1.kb") * 3 / 2 + extra)) \
    "long quoted records at -j 16 (-j 1's $(cat "$tmp/q1.kb") KB x 1.5 + $extra KB)"
exit $fail
