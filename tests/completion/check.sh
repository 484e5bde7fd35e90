#!/bin/bash
# check.sh - the bash completion, sourced and asked as bash would ask it, and
# the zsh completion checked to offer every long option of --help.
# Usage: bash check.sh CXSTAT_BINARY
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" && ln -s "$bin" "$tmp/bin/cxstat"
PATH=$tmp/bin:$PATH
. "$here/completions/cxstat.bash"
cd "$tmp" || exit 1
printf 'nps,Store city,when\n9,a,2024-03-05\n' > answers.csv
printf 'id;nps;store\n1;9;a\n' > semi.csv
pass=0 fail=0
# expect "WANT" CWORD WORD...: complete word CWORD of the line, as bash splits it
expect()
{
    local want=$1
    COMP_CWORD=$2
    shift 2
    COMP_WORDS=("$@")
    COMPREPLY=()
    _cxstat
    local got=
    [ "${#COMPREPLY[@]}" -gt 0 ] && got=$(printf '%s|' "${COMPREPLY[@]}")
    if [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL completion of '${COMP_WORDS[*]}' (word $COMP_CWORD): want '$want', got '$got'"
    fi
}
expect '--group|' 1 cxstat --gro
expect '--date-format|' 1 cxstat --date-f
expect 'json|' 2 cxstat -f j
expect 'text|tsv|' 3 cxstat --format = t
expect 'nps|nps-market|' 3 cxstat --bands = nps
expect 'quarter|' 3 cxstat --every = q
expect 'ru|' 3 cxstat --lang = r
expect 'nps|Store city|when|' 3 cxstat answers.csv -g ''
expect 'Store city|' 4 cxstat answers.csv --nps = S
expect 'nps,Store city|' 4 cxstat answers.csv --show = 'nps,St'
expect 'when|' 3 cxstat --period = w answers.csv
expect 'store|' 3 cxstat --nps = st semi.csv
expect 'answers.csv|' 1 cxstat answ
expect '' 3 cxstat --nps = x
# zsh: every long option of --help is offered
for opt in $(cxstat --help | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z-]*\).*/\2/p'); do
    if grep -q -- "--$opt[=[]" "$here/completions/_cxstat" ||
       grep -q -- "--$opt}" "$here/completions/_cxstat" ||
       grep -q -- "--$opt," "$here/completions/_cxstat"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL zsh completion lacks --$opt"
    fi
done
echo "completion: $pass passed, $fail failed"
[ "$fail" = 0 ]
