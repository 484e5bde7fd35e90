#!/bin/sh
# check.sh - the HTML and SVG reports tested as a person sees them.
#   1. every standalone SVG (the sample in each shape, the known file) is valid
#      SVG 1.1 (xmllint against the DTD of w3c-sgml-lib, offline), so is every
#      inline chart of the HTML pages once its ARIA attributes are set aside, and
#      every page is well-formed, fetches nothing, and has 4.5:1 text contrast;
#   2. rsvg-convert renders the known file's charts, and pixels are probed where
#      the layout constants of src/report/svg_chart.h put them (worked out below);
#   3. headless Chromium opens the sample's page, light and dark, with the
#      network off; the screenshots are probed; doc/report.png must match a
#      fresh render (CHARTS_BLESS=1 re-renders it).
# Usage: check.sh CXSTAT_BINARY   (SVG_DTD: the SVG 1.1 DTD's path)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dtd=${SVG_DTD:-/usr/share/xml/w3c-sgml-lib/schema/dtd/REC-SVG11-20110816/svg11.dtd}
probe="python3 $here/probe.py"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for tool in xmllint rsvg-convert chromium python3; do
    command -v $tool >/dev/null 2>&1 || { echo "charts: FAIL $tool is missing (make test-deps)"; exit 1; }
done
[ -f "$dtd" ] || { echo "charts: FAIL no SVG 1.1 DTD at $dtd (w3c-sgml-lib)"; exit 1; }
die() { echo "charts: FAIL $*"; exit 1; }
valid() { xmllint --noout --nonet --dtdvalid "$dtd" "$1" 2>"$tmp/xmllint" || { cat "$tmp/xmllint"; die "$1 is not valid SVG 1.1"; }; }

# ---- 1. validity ----
svgs=0
for shape in plain:"" groups:"-g store" period:"--period submitted_at" \
             compare:"--compare channel:email,web" ru:"--lang=ru"; do
    name=${shape%%:*} args=${shape#*:}
    # run from the top of the tree: the page names its input as make run's page does
    # shellcheck disable=SC2086
    (cd "$root" && "$bin" -q -f svg $args data/sample_survey.csv) > "$tmp/$name.svg" || die "cxstat -f svg $args"
    # shellcheck disable=SC2086
    (cd "$root" && "$bin" -q -f html $args data/sample_survey.csv) > "$tmp/$name.html" || die "cxstat -f html $args"
    valid "$tmp/$name.svg"
    xmllint --noout --nonet "$tmp/$name.html" 2>"$tmp/xmllint" || { cat "$tmp/xmllint"; die "$name.html is not well-formed"; }
    $probe offline "$tmp/$name.html" || exit 1
    $probe contrast "$tmp/$name.html" >/dev/null || exit 1
    mkdir "$tmp/$name.inline"
    n=$($probe inline "$tmp/$name.html" "$tmp/$name.inline") || exit 1
    for f in "$tmp/$name.inline"/*.svg; do valid "$f"; done
    svgs=$((svgs + n + 1))
    size=$(wc -c < "$tmp/$name.html")
    [ "$size" -lt 102400 ] || die "$name.html is $size bytes, over 100 KB"
done
grep -q '<html lang="ru">' "$tmp/ru.html" || die "--lang=ru page is not lang=ru"
echo "charts: $svgs SVG valid against the SVG 1.1 DTD (5 standalone, the rest inline), 5 pages well-formed, offline, contrast >= $($probe contrast "$tmp/plain.html"):1"

# ---- 2. rsvg-convert and pixel probes ----
# known.csv: group A has 6 answers of 10, 2 of 8, 2 of 0: NPS (6-2)/10 = 40;
# group B 1/1/8: NPS -70.  Colours: bar #0072B2, zone of band "develop" (the
# second of three, z1) #D4D4D4, buckets #D55E00 #999999 #009E73.
grep -v '^B' "$here/known.csv" > "$tmp/a.csv"
"$bin" -q -f svg "$tmp/a.csv" > "$tmp/a.svg" && valid "$tmp/a.svg"
rsvg-convert -o "$tmp/a.png" "$tmp/a.svg" || die "rsvg-convert"
# The bullet bar spans BULLET_X = 150 to 150 + (40 + 100) / 200 * BULLET_PW 440 = 458,
# rows BULLET_BAR_Y 26 to 38: in row 28 the bar's pixels run 150..457, 458 is the zone.
$probe run "$tmp/a.png" 28 '#0072B2' 150 457 || exit 1
$probe px "$tmp/a.png" 460,28='#D4D4D4' || exit 1
# The distribution starts at y = BULLET_H 96; 11 bins of 560/11 = 50.9 from x 50,
# each bar 70% of its bin, from the baseline y 96 + 140 = 236 up to 110 px for the
# largest count (6): score 10 at x 566.7..602.3 (height 110), score 8 at
# 464.9..500.5 and score 0 at 57.6..93.2 (height 110 * 2/6 = 36.7, from y 199.3).
$probe px "$tmp/a.png" 584,200='#009E73' 482,226='#999999' 75,226='#D55E00' \
    100,226='#FFFFFF' 584,120='#FFFFFF' || exit 1
# Segments (-g g): rows from SEG_TOP 34 every 24 px, stacked bar x 176..396 (220 px):
# A 20/20/60% -> 176..220..264..396; B 80/10/10% -> 176..352..374..396.
# A's NPS dot: 410 + (40 + 100) / 200 * 150 = 515 at y 34 + 8 = 42.
"$bin" -q -f svg -g g "$here/known.csv" > "$tmp/g.svg" && valid "$tmp/g.svg"
rsvg-convert -o "$tmp/g.png" "$tmp/g.svg" || die "rsvg-convert"
$probe px "$tmp/g.png" 190,36='#D55E00' 240,36='#999999' 300,36='#009E73' \
    250,60='#D55E00' 363,60='#999999' 385,60='#009E73' 515,42='#0072B2' || exit 1
echo "charts: rsvg-convert probes: NPS 40 bar ends at x 458, bucket colours in the distribution and the stacked bars"

# ---- 3. Chromium, light and dark, network off ----
# As root the browser runs in a network namespace of its own (unshare -n); else a
# proxy that is nowhere.  Either way the page has nothing to fetch (offline above).
net=""
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then net="unshare -n"; fi
shot() { # page png extra-flags
    # shellcheck disable=SC2086
    timeout 60 $net chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --no-first-run --no-default-browser-check --user-data-dir="$tmp/profile" \
        --proxy-server=127.0.0.1:9 --window-size=680,900 $3 \
        --screenshot="$2" "file://$1" >"$tmp/chromium.log" 2>&1
    [ -s "$2" ] || { tail -5 "$tmp/chromium.log"; die "chromium wrote no screenshot of $1"; }
}
cp "$tmp/plain.html" "$tmp/page.html"
start=$(date +%s)
shot "$tmp/page.html" "$tmp/light.png" ""
shot "$tmp/page.html" "$tmp/dark.png" "--force-dark-mode"
took=$(($(date +%s) - start))
# The page is 680 px wide: the body's 660 px content starts at x 10, and the
# first chart (the NPS bullet bar) has its scale from 10 + 150 = 160; NPS 32.3 ends
# the bar at 160 + 132.3 / 200 * 440 = 451.06, so 450 is its last whole pixel.
row=$($probe page "$tmp/light.png" '#FFFFFF' '#0072B2' 160 450) || { echo "$row"; exit 1; }
out=$($probe page "$tmp/dark.png" '#121212' '#56B4E9' 160 450) || { echo "$out"; exit 1; }
echo "charts: chromium light and dark (${took}s for both): background, NPS bar 160..450 in row $row, bucket colours, nothing at the right edge"
if [ "${CHARTS_BLESS:-}" = 1 ]; then
    cp "$tmp/light.png" "$root/doc/report.png"
    echo "charts: doc/report.png re-rendered"
fi
[ -f "$root/doc/report.png" ] || die "doc/report.png is missing (CHARTS_BLESS=1 make charts)"
$probe same "$root/doc/report.png" "$tmp/light.png" || exit 1
echo "charts: doc/report.png matches a fresh render"
