#!/bin/sh
# peer_mlr.sh - the bench's grouped report in Miller (mlr 6): the validity rules
# of METRICS.md 6 as regular expressions in the DSL, counts per store, figures
# from the integer counts.  Installs Debian's miller when mlr is missing.
#
# Usage: sh tests/bench/peer_mlr.sh FILE
#
# Prints store,nps,csat,ces_mean: one row per store in byte order of the name,
# NPS (0-10) and CSAT % (1-5, satisfied 4-5) to 1 decimal, the CES mean (1-7)
# to 2, rounded half away from zero; empty where a store has no valid answer.
#
# Valid: with spaces and tabs around it taken off, a whole number on the scale
# with optional leading zeros, an optional decimal part of zeros (.0, ,00) and
# an optional label that starts with a space, '-', '(' or ':' and has no digit;
# or a label with no digit that ends with its number ("Very likely - 9",
# "Satisfied (5)"); never a sign.  The number is matched as at most two digits
# after leading zeros: longer ones are off every scale here.  -S keeps every
# field a string, so "9.0" is matched as written.  Each distinct field is
# judged once (@memo).  Store names are written as they are (no CSV quoting).
set -eu
if [ $# -ne 1 ]; then
    echo "usage: sh peer_mlr.sh FILE" >&2
    exit 2
fi
if ! command -v mlr >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq miller >/dev/null
fi

# shellcheck disable=SC2016 # the DSL is for mlr, not the shell
exec mlr -S --icsv --from "$1" put -q '
begin {
    @acc = {};
    @memo = {};
}

# The whole number a field holds, or -1 (blank or not an answer).
func score(str x): int {
    s = sub(x, "^[ \t]+", "");
    s = sub(s, "[ \t]+$", "");
    if (s =~ "^0*([0-9]{1,2})(?:[.,]0+)?(?:[ (:-][^0-9]*)?$") {
        return int("\1");
    }
    if (s =~ "^(?:[^0-9+-][^0-9]*)?[ :]0*([0-9]{1,2})$") {
        return int("\1");
    }
    if (s =~ "^(?:[^0-9+-][^0-9]*)?[(]0*([0-9]{1,2})[)]$") {
        return int("\1");
    }
    return -1;
}

# top/bottom rounded half away from zero at places decimals, as text; "" when
# bottom is 0.
func shown(int top, int bottom, int places): str {
    if (bottom == 0) {
        return "";
    }
    p = 1;
    for (i = 0; i < places; i += 1) {
        p *= 10;
    }
    r = (2 * abs(top) * p + bottom) // (2 * bottom);
    sign = top < 0 && r != 0 ? "-" : "";
    return sign . fmtnum(r // p, "%d") . "." . fmtnum(r % p, "%0" . places . "d");
}

# Map keys get a "=" in front: Miller refuses the empty string as a key.
func judged(str x): int {
    k = "=" . x;
    if (!haskey(@memo, k)) {
        @memo[k] = score(x);
    }
    return @memo[k];
}

k = "=" . $store;
if (!haskey(@acc, k)) {
    @acc[k] = {"nps_n": 0, "pro": 0, "det": 0, "csat_n": 0, "sat": 0, "ces_n": 0, "ces_sum": 0};
}
n = judged($nps);
if (n >= 0 && n <= 10) {
    @acc[k]["nps_n"] += 1;
    if (n >= 9) { @acc[k]["pro"] += 1 }
    if (n <= 6) { @acc[k]["det"] += 1 }
}
c = judged($csat);
if (c >= 1 && c <= 5) {
    @acc[k]["csat_n"] += 1;
    if (c >= 4) { @acc[k]["sat"] += 1 }
}
e = judged($ces);
if (e >= 1 && e <= 7) {
    @acc[k]["ces_n"] += 1;
    @acc[k]["ces_sum"] += e;
}

end {
    print "store,nps,csat,ces_mean";
    for (k, a in sort(@acc, "f")) {
        print substr1(k, 2, strlen(k)) . ","
            . shown(100 * (a["pro"] - a["det"]), a["nps_n"], 1) . ","
            . shown(100 * a["sat"], a["csat_n"], 1) . ","
            . shown(a["ces_sum"], a["ces_n"], 2);
    }
}'
