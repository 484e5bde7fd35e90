#!/bin/sh
# run.sh - end-to-end golden tests: each directory under tests/e2e/cases, at
# any depth, that holds a file "cmd" is a case:
#   cmd      a shell snippet run in that directory, with $CXSTAT the binary
#            (and $GEN the sample generator) to call
#   stdout   expected standard output, byte for byte (absent: must be empty)
#   stderr   expected standard error (absent: must be empty)
#   exit     expected exit status (absent: 0)
# Cases are grouped by topic in subfolders (input/, groups/, errors/, ...).
# Usage: run.sh CXSTAT_BINARY GEN_BINARY [CASE...]
#   CASE is a directory, or a path under cases/ (errors/bad_option), or a
#   group (errors) whose cases all run.
# CXSTAT_WRAP (e.g. a valgrind command) is put in front of the binary.
# BLESS=1 writes the actual outputs as the expected ones (review them!).
#
# Every case runs in its own scratch copy made with mktemp -d, laid out as in
# the repository (tests/e2e/cases/c, tests/e2e/data, data), so the relative
# paths a cmd uses still hold wherever the case sits, two runs of the suite
# (make -j check runs it twice at once) never share a file, and an
# interrupted run leaves nothing behind in the tree.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
gen=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
shift 2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
CXSTAT="${CXSTAT_WRAP:+$CXSTAT_WRAP }$bin"
GEN=$gen
export CXSTAT GEN
tmp=$(mktemp -d) || exit 1
# dash runs no EXIT trap when a signal trap exits, so each cleans up itself
cleanup() { chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'cleanup; trap - EXIT; exit 130' INT
trap 'cleanup; trap - EXIT; exit 143' TERM HUP

cases() { # the case directories under $1, sorted
    find "$1" -name cmd -type f | sed 's,/cmd$,,' | LC_ALL=C sort
}
if [ $# -eq 0 ]; then set -- "$here/cases"; fi
list=$tmp/list
: >"$list"
for arg in "$@"; do
    arg=${arg%/}
    case $arg in /*) ;; *) [ -d "$arg" ] || arg=$here/cases/$arg ;; esac
    if [ ! -d "$arg" ]; then echo "run.sh: no case $arg" >&2; exit 2; fi
    cases "$arg" >>"$list"
done

run_case() { # DIR WORK: run one case in its scratch copy WORK; print FAIL and return 1 if it fails
    dir=$(cd "$1" && pwd)
    work=$2
    name=${dir#"$here/cases/"}
    mkdir -p "$work/tests/e2e/cases" "$work/out"
    cp -Rp "$dir" "$work/tests/e2e/cases/c"
    cp -Rp "$here/data" "$work/tests/e2e/data"
    ln -s "$repo/data" "$work/data"
    out=$work/out
    (cd "$work/tests/e2e/cases/c" && TMPDIR=$work sh ./cmd >"$out/stdout" 2>"$out/stderr" </dev/null
     echo $? >"$out/exit")
    ok=1
    for f in stdout stderr exit; do
        want="$dir/$f"
        if [ "${BLESS:-}" = 1 ]; then
            if [ -s "$out/$f" ] && ! { [ $f = exit ] && [ "$(cat "$out/exit")" = 0 ]; }; then
                cp "$out/$f" "$want"
            else
                rm -f "$want"
            fi
            continue
        fi
        if [ -f "$want" ]; then
            cmp -s "$want" "$out/$f" || ok=0
        elif [ $f = exit ]; then
            [ "$(cat "$out/exit")" = 0 ] || ok=0
        else
            [ -s "$out/$f" ] && ok=0
        fi
        if [ $ok = 0 ]; then
            echo "FAIL $name: $f differs"
            if [ -f "$want" ]; then diff "$want" "$out/$f" | head -20; else head -20 "$out/$f"; fi
            break
        fi
    done
    chmod -R u+rwx "$work" 2>/dev/null
    rm -rf "$work"
    [ $ok = 1 ]
}

# The cases are dealt round-robin to E2E_JOBS workers (default: the online
# processors, at most 4), each with its own scratch directory; a worker's
# report is printed whole when it ends, so FAIL lines never interleave.
workers=${E2E_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$workers" -gt 4 ] 2>/dev/null && workers=4
[ "$workers" -ge 1 ] 2>/dev/null || workers=1
k=0
while [ $k -lt "$workers" ]; do
    (awk -v k=$k -v n="$workers" 'NR % n == k' "$list" | {
        pass=0 fail=0
        while IFS= read -r dir; do
            if run_case "$dir" "$tmp/work$k"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
        done
        echo "$pass $fail" >"$tmp/count$k"
    } >"$tmp/report$k" 2>&1) &
    k=$((k + 1))
done
wait
pass=0 fail=0 k=0
while [ $k -lt "$workers" ]; do
    cat "$tmp/report$k"
    read -r p f <"$tmp/count$k" || { p=0 f=1; echo "FAIL worker $k ended early"; }
    pass=$((pass + p)) fail=$((fail + f)) k=$((k + 1))
done
echo "e2e: $pass passed, $fail failed"
[ $fail = 0 ]
