#!/bin/sh
# build.sh - build the SPSS and Stata fixtures from this folder (CSV + readstat's
# JSON metadata) with Debian's readstat command, into a new temporary directory whose
# path is printed.  The caller removes it.  Fails loudly when readstat is missing
# (make test-deps installs it).
#   survey.sav    SPSS, visit DATE11, stamp DATETIME20
#   survey.zsav   the same, zlib-compressed
#   survey.dta    Stata 118, visit %td, stamp_ms %tc
#   cut.sav       survey.sav cut after 300 bytes
#   unended.dta   survey.dta whose last value label name field has no NUL
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=$here
command -v readstat >/dev/null 2>&1 || { echo "build.sh: readstat not found (apt-get install readstat)" >&2; exit 1; }
d=$(mktemp -d)
trap 'rm -rf "$d"' INT TERM
{
    readstat "$data/survey.csv" "$data/survey.spss.json" "$d/survey.sav"
    python3 "$here/setfmt.py" "$d/survey.sav" 5 DATE11
    python3 "$here/setfmt.py" "$d/survey.sav" 6 DATETIME20
    readstat "$d/survey.sav" "$d/survey.zsav"
    python3 "$here/setfmt.py" "$d/survey.zsav" 5 DATE11
    python3 "$here/setfmt.py" "$d/survey.zsav" 6 DATETIME20
    readstat "$data/survey.csv" "$data/survey.stata.json" "$d/survey.dta"
    python3 "$here/setfmt.py" "$d/survey.dta" 5 %td
    python3 "$here/setfmt.py" "$d/survey.dta" 7 %tc
    head -c 300 "$d/survey.sav" > "$d/cut.sav"
    cp "$d/survey.dta" "$d/unended.dta"
    python3 "$here/setfmt.py" "$d/unended.dta" 9 --unend-label
} >"$d/log" 2>&1 || { cat "$d/log" >&2; rm -rf "$d"; exit 1; }
rm -f "$d/log"
echo "$d"
