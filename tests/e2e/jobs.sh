#!/bin/sh
# jobs.sh - runs cxstat with "-j N" added, so the whole golden suite also
# checks that reading in N chunks gives byte for byte what one thread gives.
# Usage (as CXSTAT_WRAP of run.sh): sh jobs.sh N CXSTAT [ARG...]
n=$1
bin=$2
shift 2
if [ "${1:-}" = merge ]; then
    shift
    exec "$bin" merge -j "$n" "$@"
fi
exec "$bin" -j "$n" "$@"
