#!/bin/sh
# run.sh - make bench: cxstat's grouped report (NPS, CSAT %, CES mean per
# store) against DuckDB, Miller, Python's csv module and two parsing floors, on
# one generated export, in one run; then a 100-row file against starting
# /bin/true, and a scaling table.
#
# Usage: sh tests/bench/run.sh CXSTAT GEN_SURVEY
#   (make bench builds both and the floors build/bench/floor_lines and
#   build/bench/floor_libcsv first; run.sh builds missing floors with cc -O2.)
#
# Environment (for a quick try of the driver; the defaults are the bench):
#   BENCH_DIR=build/bench         where the data, the floors and node_modules are
#   BENCH_ROWS=2000000            rows of the main file
#   BENCH_SCALE="10000 100000 1000000 10000000"   rows of the scaling table
#   BENCH_GROUPS="1000000 4000000"   groups of the memory table (one per record)
#   BENCH_KEYS=500000                keys of the threads' memory table (8 rows each)
#
# What it does:
#   * installs what it compares against when missing: Debian's miller (and
#     time, nodejs, npm, hyperfine), @duckdb/node-api with
#     `npm install --prefix build/bench`; hyperfine is optional (the 100-row
#     timings fall back to a loop timed with date);
#   * generates build/bench/bench.csv once (gen_survey --rows 2000000
#     --stores 50 --seed 2026, ~144 MiB) and reuses it while its stamp (options,
#     generator checksum, size) matches;
#   * warms the page cache, then times each command with /usr/bin/time (CPU
#     seconds, peak RSS) and the nanosecond clock (wall seconds): best of 7
#     (Python best of 3, Miller one run), as the VM's speed drifts;
#   * checks that every tool prints the same store,nps,csat,ces_mean as cxstat
#     (cxstat -q -g store -f csv, cut by tests/bench/cxstat_columns.awk): a
#     disagreement prints the diff and makes the bench exit 1;
#   * prints the table, the targets (PASS/FAIL; a FAIL does not change the exit
#     status; "far ahead" of a peer on the 100-row file is taken as >= 10x,
#     "flat" peak RSS as within 1 MB from 10^4 to 10^7 rows) and the scaling
#     table (10^7 rows is ~725 MiB in build/bench,
#     deleted afterwards);
#   * memory: peak RSS of the grouped report with a group per record
#     (-g id; 10^6 and 4x10^6 groups, files kept in build/bench) for cxstat and
#     DuckDB (cxstat's exact rules, rows written by COPY), and JSON against CSV
#     there; cxstat at -j 1, 2 and 8 on BENCH_KEYS keys seen 8 times each, with
#     and without -w (one run each); and files of large quoted multi-line
#     fields (records of 108 KiB and 3.3 MiB) at -j 16 against -j 1 (best of 3).
# The machine is shared: the load average is printed at the start and the end,
# and CPU seconds beside wall seconds.
set -u

if [ $# -ne 2 ]; then
    echo "usage: sh tests/bench/run.sh CXSTAT GEN_SURVEY" >&2
    exit 2
fi
CXSTAT=$1
GEN=$2
HERE=$(cd "$(dirname "$0")" && pwd)
B=${BENCH_DIR:-build/bench}
ROWS=${BENCH_ROWS:-2000000}
SCALE=${BENCH_SCALE:-"10000 100000 1000000 10000000"}
SEED=2026
STORES=50
OUT=$B/out
mkdir -p "$OUT"
rm -f "$OUT"/*
status=0

say() { echo "bench: $*"; }
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi

# ---- what the bench compares against ----------------------------------------
apt_missing=""
command -v mlr >/dev/null 2>&1 || apt_missing="$apt_missing miller"
[ -x /usr/bin/time ] || apt_missing="$apt_missing time"
command -v node >/dev/null 2>&1 || apt_missing="$apt_missing nodejs"
command -v npm >/dev/null 2>&1 || apt_missing="$apt_missing npm"
command -v python3 >/dev/null 2>&1 || apt_missing="$apt_missing python3"
command -v hyperfine >/dev/null 2>&1 || apt_missing="$apt_missing hyperfine"
if [ -n "$apt_missing" ]; then
    say "installing$apt_missing"
    $SUDO apt-get update -qq >/dev/null 2>&1
    for p in $apt_missing; do
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$p" >/dev/null 2>&1 ||
            say "could not install $p"
    done
fi
if [ ! -f "$B/node_modules/@duckdb/node-api/package.json" ] && command -v npm >/dev/null 2>&1; then
    say "installing @duckdb/node-api into $B"
    npm install --prefix "$B" --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1 ||
        say "could not install @duckdb/node-api"
fi
if [ ! -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time is needed (Debian package time)" >&2
    exit 2
fi
for f in floor_lines floor_libcsv; do
    if [ ! -x "$B/$f" ]; then
        lib=; [ $f = floor_libcsv ] && lib=-lcsv
        cc -std=c11 -O2 -o "$B/$f" "$HERE/$f.c" $lib || exit 2
    fi
done
# The interpreter itself, not a version manager's shim script in front of it.
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || echo python3)
have_duckdb=false; [ -f "$B/node_modules/@duckdb/node-api/package.json" ] && command -v node >/dev/null 2>&1 && have_duckdb=true
have_mlr=false; command -v mlr >/dev/null 2>&1 && have_mlr=true
have_hyperfine=false; command -v hyperfine >/dev/null 2>&1 && have_hyperfine=true

# ---- data -----------------------------------------------------------------------
GENSUM=$(cksum < "$GEN" | cut -d' ' -f1)
# gen_file ROWS FILE: generates FILE unless its stamp says it is that file already.
gen_file() {
    want="rows=$1 seed=$SEED stores=$STORES generator=$GENSUM"
    if [ -f "$2" ] && [ -f "$2.stamp" ] && [ "$(sed -n 1p "$2.stamp")" = "$want" ] &&
        [ "$(sed -n 2p "$2.stamp")" = "$(wc -c < "$2" | tr -d ' ')" ]; then
        say "reusing $2 ($1 rows)"
        return 0
    fi
    say "generating $2 ($1 rows)"
    rm -f "$2.stamp"
    "$GEN" --rows "$1" --seed "$SEED" --stores "$STORES" > "$2.tmp" || exit 2
    mv "$2.tmp" "$2"
    printf '%s\n%s\n' "$want" "$(wc -c < "$2" | tr -d ' ')" > "$2.stamp"
}
now() { date +%s%N; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# measure NAME RUNS CMD...: runs CMD (standard output to $OUT/NAME.raw) RUNS times
# and appends "NAME best-wall cpu-of-that-run max-peak-RSS-KB" to $OUT/results.
measure() {
    name=$1 runs=$2
    shift 2
    best='' cpu='' rss=0 i=0
    while [ $i -lt "$runs" ]; do
        t0=$(now)
        raw=$OUT/$name.raw
        case $name in *_null) raw=/dev/null ;; esac # output too large to keep
        /usr/bin/time -f '%U %S %M' -o "$OUT/$name.time" "$@" > "$raw" 2> "$OUT/$name.err"
        rc=$?
        t1=$(now)
        if [ $rc -ne 0 ]; then
            say "$name exited with status $rc:"
            sed 's/^/    /' "$OUT/$name.err" | head -20
        fi
        read -r u s m <<EOF
$(tail -n 1 "$OUT/$name.time")
EOF
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        if [ -z "$best" ] || awk -v w="$wall" -v b="$best" 'BEGIN { exit !(w < b) }'; then
            best=$wall
            cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
        fi
        [ "$m" -gt "$rss" ] && rss=$m
        i=$((i + 1))
    done
    echo "$name $best $cpu $rss" >> "$OUT/results"
}
field() { awk -v n="$1" -v k="$2" '$1 == n { print $k }' "$OUT/results"; }

# agree NAME FILE-OF-CXSTAT: compares $OUT/NAME.csv with cxstat's.
agree() {
    if [ ! -s "$OUT/$1.csv" ] || ! diff -u "$2" "$OUT/$1.csv" > "$OUT/$1.diff"; then
        echo "bench: MISMATCH: $1 and cxstat disagree on $3 (< cxstat, > $1):"
        head -40 "$OUT/$1.diff"
        status=1
        echo "$1 $3 disagrees" >> "$OUT/agreement"
    else
        echo "$1 $3 agrees" >> "$OUT/agreement"
    fi
}

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
gen_file "$ROWS" "$B/bench.csv"
DATA=$B/bench.csv
SIZE=$(wc -c < "$DATA" | tr -d ' ')
say "warming the page cache"
cat "$DATA" > /dev/null
cat "$DATA" > /dev/null

# ---- the grouped report on the main file -------------------------------------------
say "timing cxstat"
measure cxstat 7 "$CXSTAT" -q -g store -f csv "$DATA"
awk -f "$HERE/cxstat_columns.awk" "$OUT/cxstat.raw" > "$OUT/cxstat.csv"
if [ "$(wc -l < "$OUT/cxstat.csv")" -lt 2 ]; then
    echo "bench: cxstat printed no group rows" >&2
    status=1
fi
say "timing cxstat on one thread (-j 1)"
measure cxstat_j1 7 "$CXSTAT" -j 1 -q -g store -f csv "$DATA"
awk -f "$HERE/cxstat_columns.awk" "$OUT/cxstat_j1.raw" > "$OUT/cxstat_j1.csv"
agree cxstat_j1 "$OUT/cxstat.csv" "$ROWS rows"
say "timing the floors"
measure floor_lines 7 "$B/floor_lines" "$DATA"
measure floor_libcsv 7 "$B/floor_libcsv" "$DATA"
if $have_duckdb; then
    say "timing DuckDB"
    measure duckdb 7 node "$HERE/peer_duckdb.mjs" "$DATA" "$B" exact
    cp "$OUT/duckdb.raw" "$OUT/duckdb.csv"
    agree duckdb "$OUT/cxstat.csv" "$ROWS rows"
    say "timing DuckDB, the analyst's query (typed read_csv, no validity rules)"
    measure duckdb_analyst 7 node "$HERE/peer_duckdb.mjs" "$DATA" "$B" analyst
fi
if $have_mlr; then
    say "timing Miller (one run)"
    measure miller 1 sh "$HERE/peer_mlr.sh" "$DATA"
    cp "$OUT/miller.raw" "$OUT/miller.csv"
    agree miller "$OUT/cxstat.csv" "$ROWS rows"
fi
say "timing Python"
measure python 3 "$PYTHON" "$HERE/peer_python.py" "$DATA"
cp "$OUT/python.raw" "$OUT/python.csv"
agree python "$OUT/cxstat.csv" "$ROWS rows"

# ---- a 100-row file ---------------------------------------------------------------
SMALL=$B/small.csv
gen_file 100 "$SMALL"
"$CXSTAT" -q -g store -f csv "$SMALL" | awk -f "$HERE/cxstat_columns.awk" > "$OUT/small_cxstat.csv"
{
    echo "true|/bin/true"
    echo "cxstat|$CXSTAT -q -g store -f csv $SMALL"
    $have_duckdb && echo "duckdb|node $HERE/peer_duckdb.mjs $SMALL $B"
    $have_mlr && echo "miller|sh $HERE/peer_mlr.sh $SMALL"
    echo "python|$PYTHON $HERE/peer_python.py $SMALL"
} > "$OUT/small_cmds"
say "timing the 100-row file"
while IFS='|' read -r name cmd; do
    case $name in
        true | cxstat) runs=200 warm=20 ;;
        duckdb) runs=10 warm=2 ;;
        *) runs=30 warm=3 ;;
    esac
    if [ "$name" != true ] && [ "$name" != cxstat ]; then
        $cmd > "$OUT/small_$name.csv" 2> "$OUT/small_$name.err" < /dev/null
        agree "small_$name" "$OUT/small_cxstat.csv" "the 100-row file"
    fi
    if $have_hyperfine; then
        hyperfine -N --warmup $warm --runs $runs --export-csv "$OUT/small_$name.hf" "$cmd" \
            > /dev/null 2>&1 < /dev/null
        t=$(awk -F, 'NR == 2 { printf "%.6f", $4 }' "$OUT/small_$name.hf")
        how="median of 200 runs (/bin/true, cxstat), 30 (Miller, Python), 10 (DuckDB), hyperfine -N"
    else
        i=0
        t0=$(now)
        while [ $i -lt $runs ]; do
            $cmd > /dev/null 2>&1 < /dev/null
            i=$((i + 1))
        done
        t1=$(now)
        t=$(awk -v a="$t0" -v b="$t1" -v n=$runs 'BEGIN { printf "%.6f", (b - a) / 1e9 / n }')
        how="mean of 200 runs (/bin/true, cxstat), 30 (Miller, Python), 10 (DuckDB), in a shell loop"
    fi
    # shellcheck disable=SC2086 # the command is words
    m=$(/usr/bin/time -f '%M' $cmd 2>&1 > /dev/null < /dev/null | tail -n 1)
    echo "$name $t $m" >> "$OUT/small"
done < "$OUT/small_cmds"
small() { awk -v n="$1" -v k="$2" '$1 == n { print $k }' "$OUT/small"; }

# ---- scaling ---------------------------------------------------------------------------
for n in $SCALE; do
    f=$B/scale_$n.csv
    gen_file "$n" "$f"
    cat "$f" > /dev/null
    runs=3; [ "$n" -ge 10000000 ] && runs=1
    say "timing cxstat on $n rows"
    measure "scale_$n" $runs "$CXSTAT" -q -g store -f csv "$f"
    echo "$n $(wc -c < "$f" | tr -d ' ')" >> "$OUT/scale_sizes"
    rm -f "$f" "$f.stamp"
done
# ---- memory: many groups, threads, large quoted fields ---------------------------------
GROUPS_N=${BENCH_GROUPS:-"1000000 4000000"}
KEYS=${BENCH_KEYS:-500000}
JSON_N=$(echo "$GROUPS_N" | awk '{ print $1 }')
for n in $GROUPS_N; do
    f=$B/groups_$n.csv
    gen_file "$n" "$f"
    cat "$f" > /dev/null
    say "memory: cxstat, $n groups (-g id)"
    measure "groups_cx_$n" 1 "$CXSTAT" -q -g id -f csv "$f"
    grep -c '^group,' "$OUT/groups_cx_$n.raw" > "$OUT/groups_cx_$n.rows"
    if [ "$n" = "$JSON_N" ]; then
        say "JSON vs CSV: cxstat -f json and -f csv, $n groups, output to /dev/null"
        measure "json_null" 3 "$CXSTAT" -q -g id -f json "$f"
        measure "csv_null" 3 "$CXSTAT" -q -g id -f csv "$f"
    fi
    if $have_duckdb; then
        say "memory: DuckDB, $n groups"
        measure "groups_duck_$n" 1 node "$HERE/peer_duckdb.mjs" "$f" "$B" exact id
        echo $(($(wc -l < "$OUT/groups_duck_$n.raw") - 1)) > "$OUT/groups_duck_$n.rows"
        if ! cmp -s "$OUT/groups_cx_$n.rows" "$OUT/groups_duck_$n.rows"; then
            echo "bench: MISMATCH: cxstat reports $(cat "$OUT/groups_cx_$n.rows") groups, DuckDB $(cat "$OUT/groups_duck_$n.rows")"
            status=1
        fi
    fi
done
KF=$B/keys_$KEYS.csv
if [ ! -f "$KF" ] || [ "$(sed -n 1p "$KF.stamp" 2>/dev/null)" != "keys=$KEYS" ]; then
    say "generating $KF ($KEYS keys x 8 rows, with a weight)"
    awk -v n="$KEYS" 'BEGIN { srand(7); print "key,nps,csat,ces,w"
        for (r = 0; r < 8; r++) for (i = 0; i < n; i++)
            printf "k%d,%d,%d,%d,%d.%d\n", (i * 7919) % n, int(rand() * 11), 1 + int(rand() * 5),
                1 + int(rand() * 7), 1 + int(rand() * 3), int(rand() * 10) }' > "$KF"
    echo "keys=$KEYS" > "$KF.stamp"
fi
cat "$KF" > /dev/null
for j in 1 2 8; do
    say "memory: cxstat -j $j, $KEYS keys x 8"
    measure "keys_j$j" 1 "$CXSTAT" -j $j -q -g key -f csv "$KF"
    measure "keysw_j$j" 1 "$CXSTAT" -j $j -q -g key -w w -f csv "$KF"
done
for j in 2 8; do
    cmp -s "$OUT/keys_j1.raw" "$OUT/keys_j$j.raw" && cmp -s "$OUT/keysw_j1.raw" "$OUT/keysw_j$j.raw" ||
        { echo "bench: MISMATCH: -j $j and -j 1 disagree on $KF"; status=1; }
done
# quoted_file NAME RECORDS LINES: a comment of LINES lines (about 80 bytes each) per record
quoted_file() {
    if [ ! -f "$B/$1.csv" ] || [ "$(sed -n 1p "$B/$1.csv.stamp" 2>/dev/null)" != "quoted=$2x$3" ]; then
        say "generating $B/$1.csv ($2 records, a quoted comment of $3 lines each)"
        awk -v n="$2" -v l="$3" 'BEGIN { print "store,nps,comment"
            line = "a line of the comment, with a comma, and a \"\"quote\"\" in it.........."
            for (i = 0; i < n; i++) {
                printf "s%d,%d,\"", i % 7, i % 11
                for (k = 0; k < l; k++) printf "%s\n", line
                printf "\"\n" } }' > "$B/$1.csv"
        echo "quoted=$2x$3" > "$B/$1.csv.stamp"
    fi
    cat "$B/$1.csv" > /dev/null
}
quoted_file quoted 400 1600
quoted_file quoted_big 40 50000
for q in quoted quoted_big; do
    for j in 1 16; do
        say "quoted fields ($q): cxstat -j $j"
        measure "${q}_j$j" 3 "$CXSTAT" -j $j -q -g store -f csv "$B/$q.csv"
    done
    cmp -s "$OUT/${q}_j1.raw" "$OUT/${q}_j16.raw" ||
        { echo "bench: MISMATCH: -j 16 and -j 1 disagree on $B/$q.csv"; status=1; }
done

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----------------------------------------------------------------------------
CX=$(field cxstat 2)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
verdict() { if [ "$1" = 0 ]; then echo PASS; else echo FAIL; fi; }

echo
echo "cxstat bench: $ROWS rows, $STORES stores, 5 channels ($(mb $((SIZE / 1024))) MB, seed $SEED),"
echo "grouped report: NPS, CSAT %, CES mean per store"
echo "machine: $(nproc) cores; load average $LOAD0 at the start, $LOAD1 at the end"
echo "versions: $("$CXSTAT" --version 2>/dev/null | head -1); DuckDB $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$B/node_modules/@duckdb/node-api/package.json" 2>/dev/null | head -1) (@duckdb/node-api, node $(node --version 2>/dev/null)); $(mlr --version 2>/dev/null); $("$PYTHON" --version 2>&1)"
echo
printf '%-32s %8s %8s %10s %10s\n' tool "wall s" "cpu s" "peak MB" "vs cxstat"
row() {
    w=$(field "$1" 2)
    [ -z "$w" ] && { printf '%-32s %8s\n' "$2" "(not run)"; return; }
    printf '%-32s %8s %8s %10s %9sx\n' "$2" "$w" "$(field "$1" 3)" "$(mb "$(field "$1" 4)")" "$(ratio "$w" "$CX")"
}
row cxstat "cxstat -g store ($(nproc 2>/dev/null || echo ?) cores)"
row cxstat_j1 "cxstat -j 1 -g store"
row duckdb "DuckDB, cxstat's exact rules"
row duckdb_analyst "DuckDB, the analyst's query"
row miller "Miller (mlr put)"
row python "Python csv module"
row floor_libcsv "floor: libcsv parse, no work"
row floor_lines "floor: memchr line count"
echo "(wall: best of 7, Python best of 3, Miller 1 run; cpu: user+sys of that run; vs cxstat: wall / cxstat's wall)"
echo
echo "figures: $(awk '{ printf "%s%s %s", (NR > 1 ? "; " : ""), $1, $NF }' "$OUT/agreement" 2>/dev/null)"
echo

echo "targets (ratios of wall times in this run):"
target() { # VERDICT TEXT
    printf '%s  %s\n' "$1" "$2"
}
# faster WHAT LABEL PEER_SECONDS CXSTAT_SECONDS WANT [NOTE]: cxstat at least WANT times faster
faster() {
    if [ -z "$3" ]; then
        target FAIL "${1}cxstat vs $2: not run (target >= ${5}x faster)"
        return
    fi
    r=$(ratio "$3" "$4")
    ge "$r" "$5"
    target "$(verdict $?)" "${1}cxstat vs $2: ${r}x faster (${6:+$6; }target >= ${5}x)"
}
faster "" "DuckDB (the analyst's query)" "$(field duckdb_analyst 2)" "$CX" 4
faster "" "DuckDB (cxstat's exact rules)" "$(field duckdb 2)" "$CX" 15
faster "" Miller "$(field miller 2)" "$CX" 20
r=$(ratio "$CX" "$(field floor_lines 2)")
ge 3 "$r"
target "$(verdict $?)" "cxstat ($(nproc) cores) vs the memchr line-count floor: ${r}x the floor's time (target <= 3x)"
r=$(ratio "$(field cxstat_j1 2)" "$(field floor_libcsv 2)")
ge 0.55 "$r"
target "$(verdict $?)" "cxstat -j 1 vs the libcsv-only floor: ${r}x the floor's time (target <= 0.55x)"
echo "      (cxstat on $(nproc) cores: $(ratio "$CX" "$(field floor_libcsv 2)")x the libcsv floor's time)"
maxrss=$(awk '$1 == "cxstat" || $1 ~ /^scale_/ { if ($4 > m) m = $4 } END { print m + 0 }' "$OUT/results")
minsc=$(awk '$1 ~ /^scale_/ { if (m == "" || $4 < m) m = $4 } END { print m + 0 }' "$OUT/results")
maxsc=$(awk '$1 ~ /^scale_/ { if ($4 > m) m = $4 } END { print m + 0 }' "$OUT/results")
[ "$maxrss" -lt 10240 ]
target "$(verdict $?)" "cxstat peak RSS: $(mb "$maxrss") MB at most, on every file (target < 10 MB)"
[ $((maxsc - minsc)) -le 1024 ]
target "$(verdict $?)" "cxstat peak RSS flat over $(echo "$SCALE" | awk '{ print $1 }')..$(echo "$SCALE" | awk '{ print $NF }') rows: $(mb "$minsc") to $(mb "$maxsc") MB (target: within 1 MB)"
st=$(small true 2)
sc=$(small cxstat 2)
r=$(ratio "$sc" "$st")
ge 3 "$r"
target "$(verdict $?)" "100-row file: cxstat $(awk -v t="$sc" 'BEGIN { printf "%.1f", t * 1000 }') ms = ${r}x /bin/true's $(awk -v t="$st" 'BEGIN { printf "%.1f", t * 1000 }') ms (target <= 3x)"
for p in duckdb:DuckDB miller:Miller python:Python; do
    t=$(small "${p%%:*}" 2)
    faster "100-row file: " "${p#*:}" "$t" "$sc" 10 "$(awk -v t="$t" 'BEGIN { printf "%.1f ms", t * 1000 }')"
done
echo "(100-row timings: $how; peak RSS there: cxstat $(mb "$(small cxstat 3)") MB, /bin/true $(mb "$(small true 3)") MB)"
echo

echo "scaling: cxstat -q -g store -f csv, $STORES stores"
printf '%12s %10s %8s %8s %10s %12s %8s\n' rows "file MB" "wall s" "cpu s" "peak MB" "M rows/s" "MB/s"
for n in $SCALE; do
    w=$(field "scale_$n" 2)
    sz=$(awk -v n="$n" '$1 == n { print $2 }' "$OUT/scale_sizes")
    printf '%12s %10s %8s %8s %10s %12s %8s\n' "$n" "$(mb $((sz / 1024)))" "$w" "$(field "scale_$n" 3)" \
        "$(mb "$(field "scale_$n" 4)")" \
        "$(awk -v n="$n" -v w="$w" 'BEGIN { if (w > 0) printf "%.2f", n / w / 1e6; else print "-" }')" \
        "$(awk -v s="$sz" -v w="$w" 'BEGIN { if (w > 0) printf "%.0f", s / w / 1048576; else print "-" }')"
done
echo "(best of 3, 10^7 rows 1 run)"
echo

echo "memory: the grouped report with a group per record (-g id), one run each"
printf '%10s %12s %12s %10s %10s %10s\n' groups "cxstat MB" "DuckDB MB" "ratio" "cxstat s" "DuckDB s"
for n in $GROUPS_N; do
    printf '%10s %12s %12s %10s %10s %10s\n' "$n" "$(mb "$(field "groups_cx_$n" 4)")" \
        "$(mb "$(field "groups_duck_$n" 4 | grep . || echo 0)")" \
        "$(ratio "$(field "groups_cx_$n" 4)" "$(field "groups_duck_$n" 4)")" \
        "$(field "groups_cx_$n" 2)" "$(field "groups_duck_$n" 2)"
done
for n in $GROUPS_N; do
    c=$(field "groups_cx_$n" 4) d=$(field "groups_duck_$n" 4)
    if [ -z "$d" ]; then
        target FAIL "cxstat peak RSS at $n groups vs DuckDB: DuckDB not run (@duckdb/node-api missing)"
    else
        [ "$c" -le "$d" ]
        target "$(verdict $?)" "cxstat peak RSS at $n groups: $(mb "$c") MB vs DuckDB's $(mb "$d") MB (target: at or below)"
    fi
done
r=$(ratio "$(field json_null 2)" "$(field csv_null 2)")
ge 1.5 "$r"
target "$(verdict $?)" "-f json vs -f csv at $JSON_N groups: ${r}x the wall time ($(field json_null 2) s vs $(field csv_null 2) s, best of 3, to /dev/null; target <= 1.5x)"
echo
echo "memory: threads, $KEYS keys seen 8 times each (-g key), peak MB, one run each"
printf '%12s %10s %10s %10s %14s\n' "" "-j 1" "-j 2" "-j 8" "-j 8 / -j 1"
for k in keys keysw; do
    label=plain; [ $k = keysw ] && label="-w w"
    printf '%12s %10s %10s %10s %13sx\n' "$label" "$(mb "$(field "${k}_j1" 4)")" "$(mb "$(field "${k}_j2" 4)")" \
        "$(mb "$(field "${k}_j8" 4)")" "$(ratio "$(field "${k}_j8" 4)" "$(field "${k}_j1" 4)")"
    r=$(ratio "$(field "${k}_j8" 4)" "$(field "${k}_j1" 4)")
    ge 1.5 "$r"
    target "$(verdict $?)" "peak RSS at -j 8 vs -j 1 ($label): ${r}x (target <= 1.5x: one table plus a bounded working set)"
done
echo
for q in quoted:400x108 quoted_big:40x3369; do
    n=${q%%:*} what=${q#*:}
    echo "large quoted fields ($n): records of a quoted comment over many lines, ${what%%x*} records of ${what#*x} KiB, -g store"
    for j in 1 16; do
        printf '  -j %-3s wall %8s s  cpu %8s s  peak %8s MB\n' $j "$(field "${n}_j$j" 2)" "$(field "${n}_j$j" 3)" "$(mb "$(field "${n}_j$j" 4)")"
    done
    r=$(ratio "$(field "${n}_j16" 2)" "$(field "${n}_j1" 2)")
    ge 1.5 "$r"
    target "$(verdict $?)" "large quoted fields ($n), -j 16 vs -j 1: ${r}x the wall time (target <= 1.5x; $(nproc) cores)"
    r=$(ratio "$(field "${n}_j16" 4)" "$(field "${n}_j1" 4)")
    ge 1.5 "$r"
    target "$(verdict $?)" "large quoted fields ($n), -j 16 vs -j 1: ${r}x the peak RSS (target <= 1.5x)"
done

if [ $status -ne 0 ]; then
    echo
    echo "bench: FIGURES DISAGREE: see the MISMATCH lines above; outputs in $OUT"
fi
exit $status
