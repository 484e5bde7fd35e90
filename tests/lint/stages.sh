#!/bin/sh
# stages.sh - the one-way include rule: a file in src/STAGE may include the
# public header and the headers of its own stage and the stages below it
# (lib < base < input < count < report < cli), never one above.  The build
# already compiles each stage with only those include paths; this names the
# offending line when someone widens a path.
set -eu
cd "$(dirname "$0")/../.."
stages="lib base input count report cli"
rank() { i=0; for s in $stages; do [ "$s" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
bad=0
for f in src/*/*.c src/*/*.h; do
    stage=$(basename "$(dirname "$f")")
    [ "$stage" = tools ] && continue
    mine=$(rank "$stage")
    grep -n '^#include "' "$f" | while IFS= read -r line; do
        h=$(printf '%s' "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
        [ "$h" = cxstat.h ] && continue
        where=$(ls src/*/"$h" 2>/dev/null | head -n 1)
        if [ -z "$where" ]; then
            echo "stages: $f:${line%%:*}: \"$h\" is in no stage folder"; exit 1
        fi
        theirs=$(rank "$(basename "$(dirname "$where")")")
        if [ "$theirs" -gt "$mine" ]; then
            echo "stages: $f:${line%%:*}: $stage includes \"$h\" from a higher stage ($where)"
            exit 1
        fi
    done || bad=1
done
[ "$bad" = 0 ] && echo "stages: every include points down"
exit "$bad"
