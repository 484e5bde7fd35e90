#!/bin/sh
# tidy.sh - clang-tidy over the given sources, two at a time (the machine has
# two cores), with the checks of tests/lint/clang-tidy-checks; any finding fails.
set -eu
checks="-*,$(grep -v '^#' "$(dirname "$0")/clang-tidy-checks" | paste -sd, -)"
export checks
printf '%s\n' "$@" | xargs -P 2 -n 3 sh -c '
    out=$(clang-tidy --quiet -checks="$checks" --warnings-as-errors="*" "$@" -- \
          -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc/base -Isrc/input -Isrc/count -Isrc/report -Isrc/cli 2>&1) && exit 0
    printf "%s\n" "$out" | grep -E "warning|error" >&2
    exit 1' sh
