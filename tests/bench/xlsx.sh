#!/bin/sh
# xlsx.sh - make bench, XLSX row: cxstat on a 1,000,000-row workbook against
# `xlsx2csv FILE | cxstat` and against the floor of inflating the sheet and
# running expat with empty handlers (floor_xlsx).  The workbook is the bench's
# generated export (gen_survey --rows 1000000), converted by
# tests/xlsx/csv2xlsx.py (shared strings) once and reused.
#   sh tests/bench/xlsx.sh CXSTAT GEN_SURVEY FLOOR_XLSX      (BENCH_DIR as run.sh)
set -u
CXSTAT=$1 GEN=$2 FLOOR=$3
HERE=$(cd "$(dirname "$0")" && pwd)
B=${BENCH_DIR:-build/bench}
ROWS=${BENCH_XLSX_ROWS:-1000000}
X=$B/bench_$ROWS.plain.xlsx
mkdir -p "$B"
say() { echo "bench xlsx: $*"; }
if [ ! -f "$X" ]; then
    say "generating $X ($ROWS rows; about a minute)"
    "$GEN" --rows "$ROWS" --seed 2026 --stores 50 > "$B/xlsx_src.csv" &&
        python3 "$HERE/../xlsx/csv2xlsx.py" "$B/xlsx_src.csv" "$X.tmp" sstplain && mv "$X.tmp" "$X"
    rm -f "$B/xlsx_src.csv"
fi
if ! command -v xlsx2csv >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    say "installing xlsx2csv"
    $SUDO apt-get install -y -qq xlsx2csv >/dev/null 2>&1
fi
cat "$X" > /dev/null
# run NAME CMD: wall seconds and peak RSS (KB) of one run, best of 3 for all but xlsx2csv
run() {
    name=$1
    shift
    best='' rss=0 i=0 n=3
    [ "$name" = xlsx2csv ] && n=1
    while [ $i -lt $n ]; do
        t0=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$B/xlsx_$name.time" sh -c "$*" > "$B/xlsx_$name.out" 2>/dev/null
        t1=$(date +%s%N)
        w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
        m=$(tail -n 1 "$B/xlsx_$name.time")
        if [ -z "$best" ] || awk -v w="$w" -v b="$best" 'BEGIN { exit !(w < b) }'; then best=$w; fi
        [ "$m" -gt "$rss" ] 2>/dev/null && rss=$m
        i=$((i + 1))
    done
    echo "$name $best $rss"
}
say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
{
    run cxstat "'$CXSTAT' -q -g store -f csv '$X'"
    run floor "'$FLOOR' '$X' xl/worksheets/sheet1.xml"
    run floor_sst "'$FLOOR' '$X' xl/worksheets/sheet1.xml && '$FLOOR' '$X' xl/sharedStrings.xml"
    command -v xlsx2csv >/dev/null 2>&1 &&
        run xlsx2csv "xlsx2csv '$X' | '$CXSTAT' -q -g store -f csv"
} > "$B/xlsx_results"
if command -v xlsx2csv >/dev/null 2>&1 && ! cmp -s "$B/xlsx_cxstat.out" "$B/xlsx_xlsx2csv.out"; then
    say "MISMATCH: cxstat on the workbook and on xlsx2csv's CSV differ"
    diff "$B/xlsx_cxstat.out" "$B/xlsx_xlsx2csv.out" | head -5
fi
printf '%-34s %8s %9s %8s\n' "$ROWS-row XLSX ($(du -m "$X" | cut -f1) MB)" "wall s" "peak MB" "vs cxstat"
c=$(awk '$1 == "cxstat" { print $2 }' "$B/xlsx_results")
while read -r name w m; do
    label=$name
    case $name in
    cxstat) label="cxstat FILE.xlsx" ;;
    floor) label="floor: inflate+expat, sheet" ;;
    floor_sst) label="floor: inflate+expat, sheet+strings" ;;
    xlsx2csv) label="xlsx2csv FILE | cxstat" ;;
    esac
    printf '%-34s %8s %9s %8s\n' "$label" "$w" "$(awk -v k="$m" 'BEGIN { printf "%.1f", k / 1024 }')" \
        "$(awk -v a="$w" -v b="$c" 'BEGIN { if (b > 0) printf "%.2fx", a / b }')"
done < "$B/xlsx_results"
say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
