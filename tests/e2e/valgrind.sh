#!/bin/sh
# valgrind.sh - valgrind in front of cxstat in the end-to-end cases (make valgrind).
# valgrind keeps files of its own in $TMPDIR.  A case that points TMPDIR at a
# missing directory, to see cxstat refuse to spool there, runs that one command
# without valgrind: valgrind could not start, and the output is checked all the same.
# valgrind.supp: the dynamic loader's records of libzip, loaded at the first workbook.
if [ -n "${TMPDIR:-}" ] && [ ! -d "$TMPDIR" ]; then
    exec "$@"
fi
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all \
    --suppressions="$(dirname "$0")/valgrind.supp" "$@"
