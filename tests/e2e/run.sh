#!/bin/sh
# run.sh - end-to-end golden tests: each directory under tests/e2e/cases holds
#   cmd      a shell snippet run in that directory, with $CXSTAT the binary
#            (and $GEN the sample generator) to call
#   stdout   expected standard output, byte for byte (absent: must be empty)
#   stderr   expected standard error (absent: must be empty)
#   exit     expected exit status (absent: 0)
# Usage: run.sh CXSTAT_BINARY GEN_BINARY [CASE...]
# CXSTAT_WRAP (e.g. a valgrind command) is put in front of the binary.
# BLESS=1 writes the actual outputs as the expected ones (review them!).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
gen=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
shift 2
here=$(cd "$(dirname "$0")" && pwd)
CXSTAT="${CXSTAT_WRAP:+$CXSTAT_WRAP }$bin"
GEN=$gen
export CXSTAT GEN
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
if [ $# -eq 0 ]; then set -- "$here"/cases/*/; fi
for dir in "$@"; do
    dir=${dir%/}
    case $dir in /*) ;; *) dir=$here/cases/$dir ;; esac
    name=$(basename "$dir")
    (cd "$dir" && sh ./cmd >"$tmp/stdout" 2>"$tmp/stderr" </dev/null; echo $? >"$tmp/exit")
    ok=1
    for f in stdout stderr exit; do
        want="$dir/$f"
        if [ "${BLESS:-}" = 1 ]; then
            if [ -s "$tmp/$f" ] && ! { [ $f = exit ] && [ "$(cat "$tmp/exit")" = 0 ]; }; then
                cp "$tmp/$f" "$want"
            else
                rm -f "$want"
            fi
            continue
        fi
        if [ -f "$want" ]; then
            cmp -s "$want" "$tmp/$f" || ok=0
        elif [ $f = exit ]; then
            [ "$(cat "$tmp/exit")" = 0 ] || ok=0
        else
            [ -s "$tmp/$f" ] && ok=0
        fi
        if [ $ok = 0 ]; then
            echo "FAIL $name: $f differs"
            if [ -f "$want" ]; then diff "$want" "$tmp/$f" | head -20; else head -20 "$tmp/$f"; fi
            break
        fi
    done
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "e2e: $pass passed, $fail failed"
[ $fail = 0 ]
