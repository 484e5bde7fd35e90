#!/bin/sh
# in.sh SNIPPET - run a shell snippet in a directory holding the SPSS and Stata fixtures
# (build.sh), with the labels files of this folder beside them; remove it after.
# The snippet's exit status is the script's.
here=$(cd "$(dirname "$0")" && pwd)
d=$(sh "$here/build.sh") || exit 99
cp "$here/"*_labels.csv "$d/" 2>/dev/null
(cd "$d" && eval "$1")
rc=$?
rm -rf "$d"
exit $rc
