#!/usr/bin/env python3
"""chunks.py - a sheet cut into chunks at <row boundaries and read by two parsers
at once (-j 2) gives what one parser gives (-j 1), byte for byte: standard output,
standard error and exit status, on plain, odd and broken sheets.

  python3 tests/xlsx/chunks.py [-v] [-q] [-k SUBSTRING] CXSTAT [CXSTAT...]

-v prints each case's exit statuses (-j 1) and first line of standard error;
-q runs each case with its first option set only (for builds with tiny chunks,
where every chunk's counts are a part of their own and the runs are slow);
-k runs only the cases whose name contains SUBSTRING.

The test is differential only: what -j 1 gives is taken as right.  The odd part
of each sheet sits near the release build's chunk boundaries (multiples of
512 KiB of sheet XML), repeated between the rows of a window around each of them
and padded longer than a row, so that a cut falls inside it; a test build with
tiny chunks (-DXLSX_SHEET_CHUNK=512) cuts through everything.  Sheets are about
2-3 MB of XML, so the release build has several chunks too.
"""
import difflib
import os
import random
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hostile import T, parts, write  # noqa: E402  (the repo's raw workbook writer)
from csv2xlsx import col_name  # noqa: E402

CH = 512 * 1024  # the release build's chunk of sheet XML
HEADER = ["id", "submitted_at", "store", "channel", "nps", "csat", "ces", "comment"]
STORES = ["Moscow Tverskaya", "Kazan Center", "Novosibirsk", "Saint Petersburg Nevsky",
          "Екатеринбург", "Omsk", "Самара & Co", "Perm <West>"]
CHANNELS = ["web", "app", "phone", "email", "store"]
COMMENTS = ["Charged twice for one order!!!", "Консультант Мария помогла, спасибо",
            'Prices "could" be lower & <b>fine</b>', "Two lines\nof text",
            "  spaced  "]
STYLES = (f'<styleSheet xmlns="{T}"><numFmts count="1"><numFmt numFmtId="164" '
          f'formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>'
          f'<xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/></cellXfs></styleSheet>')


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def record(rng, i, dates, junk):
    """One answer: (kind, value) per column; None is a blank (no cell)."""
    day, secs = 45292 + rng.randrange(400), rng.randrange(86400)
    if dates == "serial" or (dates == "mixed" and rng.random() < 0.5):
        when = ("d", repr(day + secs / 86400), rng.choice((1, 2, 3)))
    else:
        y, m, d = 2024 + (day - 45292) // 366, 1 + (day % 12), 1 + day % 28
        when = ("s", f"{y}-{m:02}-{d:02}T{secs // 3600:02}:{secs // 60 % 60:02}:"
                     f"{secs % 60:02}+03:00")
    nps = ("n", str(rng.randrange(11)))
    if junk and rng.random() < 0.03:
        nps = rng.choice((None, ("s", "N/A"), ("n", "11"), ("s", "ten"), ("n", "7.5")))
    comment = ("s", rng.choice(COMMENTS)) if rng.random() < 0.3 else None
    return [("n", str(i)), when, ("s", rng.choice(STORES)), ("s", rng.choice(CHANNELS)),
            nps, ("n", str(rng.randint(1, 5))), ("n", str(rng.randint(1, 7))), comment]


class Sheet:
    """A survey export's sheet as separate pieces of XML (one per row), so that odd
    pieces can be put between rows, or in their place, at chosen byte offsets."""

    def __init__(self, n, mode="sst", seed=1, dates="mixed", junk=True, p="", sep=""):
        self.mode, self.p, self.sep = mode, p, sep
        self.strings, self.index = [], {}
        self.after, self.tail = "", None
        rng = random.Random(seed)
        self.rows = [self.row(1, [("s", h) for h in HEADER])]
        self.rows += [self.row(r, record(rng, r - 1, dates, junk)) for r in range(2, n + 2)]
        self.before = [[] for _ in self.rows]

    def sst(self, s):
        if s not in self.index:
            self.index[s] = len(self.strings)
            self.strings.append(s)
        return self.index[s]

    def cell(self, ref, v):
        p, at = self.p, f' r="{ref}"' if ref else ""
        if v is None:
            return "" if ref else f"<{p}c/>"
        kind, text = v[0], v[1]
        if kind == "x":
            return text
        if kind == "n":
            return f"<{p}c{at}><{p}v>{text}</{p}v></{p}c>"
        if kind == "d":
            return f'<{p}c{at} s="{v[2]}"><{p}v>{text}</{p}v></{p}c>'
        if self.mode == "sst":
            return f'<{p}c{at} t="s"><{p}v>{self.sst(text)}</{p}v></{p}c>'
        return (f'<{p}c{at} t="inlineStr"><{p}is><{p}t xml:space="preserve">{esc(text)}'
                f'</{p}t></{p}is></{p}c>')

    def row(self, r, values, ref=True, cell_refs=None):
        """Row r; ref=False: no r= on the row (nor on its cells unless cell_refs)."""
        cell_refs = ref if cell_refs is None else cell_refs
        cells = "".join(self.cell(f"{col_name(i)}{r}" if cell_refs else None, v)
                        for i, v in enumerate(values))
        at = f' r="{r}"' if ref else ""
        return f"<{self.p}row{at}>{cells}</{self.p}row>"

    def redo(self, r, values, **kw):
        self.rows[r - 1] = self.row(r, values, **kw)

    def head(self):
        p = self.p
        ns = f' xmlns:{p[:-1]}="{T}"' if p else f' xmlns="{T}"'
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet{ns}>'
                f'<{p}dimension ref="A1"/><{p}sheetData>')

    def starts(self):
        """The byte offset of each row in the sheet XML, as it stands."""
        pos, out = len(self.head().encode()), []
        for extra, row in zip(self.before, self.rows):
            pos += sum(len(e.encode()) + len(self.sep) for e in extra) + len(self.sep)
            out.append(pos)
            pos += len(row.encode())
        return out

    def spanning(self, off):
        """The index of the row that holds byte `off` (the last to start at or before it)."""
        st = self.starts()
        return max(0, max((i for i, s in enumerate(st) if s <= off), default=0))

    def put(self, text, off):
        """Text before the row that holds byte `off`: it starts before `off` and,
        when longer than that row's start is from it, runs across it."""
        self.before[max(1, self.spanning(off))].append(text)

    def window(self, text, k, lo=1024, hi=2048):
        """Text between every two rows around chunk boundary k (k * 512 KiB)."""
        st = self.starts()
        first = self.spanning(k * CH - lo)
        for i in range(max(1, first), len(self.rows)):
            if st[i] > k * CH + hi:
                break
            self.before[i].append(text)

    def xml(self):
        body = self.sep.join(e for extra, row in zip(self.before, self.rows)
                             for e in extra + [row])
        p = self.p
        end = self.tail if self.tail is not None else (
            f"{self.sep}</{p}sheetData>{self.after}</{p}worksheet>")
        return self.head() + self.sep + body + end

    def write(self, path):
        extra = {"xl/styles.xml": STYLES}
        if self.strings:
            extra["xl/sharedStrings.xml"] = (
                f'<sst xmlns="{T}" uniqueCount="{len(self.strings)}">'
                + "".join(f'<si><t xml:space="preserve">{esc(s)}</t></si>' for s in self.strings)
                + "</sst>")
        xml = self.xml()
        write(path, parts([("Answers", "worksheets/sheet1.xml", None, xml)], extra))
        return len(xml.encode())


def late(s):
    """A byte offset in the sheet's late part: just before the third chunk boundary
    when the sheet has it, else two thirds of the way."""
    end = s.starts()[-1]
    return 2 * CH - 200 if end > 2 * CH + 4096 else end * 2 // 3


def pad(text, n=600):
    return text + " " * max(0, n - len(text))


# Option sets: everything on the plain sheets, a spread on the odd ones, and on the
# broken ones what reports the error (the error must not depend on what is asked).
F_CSV, F_JSON, G = ["-f", "csv"], ["-f", "json"], ["-g", "store"]
GC = ["-g", "store,channel", "-f", "csv"]
PER = ["--period=submitted_at", "-g", "store", "-f", "csv"]
REQ = ["--require", "nps>=0"]
LIST = ["--list=detractors", "-f", "csv"]
STRICT = ["--strict", "-f", "csv"]
ALL = [F_CSV, F_JSON, G, GC, PER, REQ, LIST, STRICT]
ODD = [F_JSON, GC, PER, LIST, STRICT]
BROKEN = [F_CSV, LIST]

CASES = []


def case(opts):
    def add(f):
        CASES.append((f.__name__[2:], f, opts))
        return f
    return add


# 1. plain sheets, no oddity
# reading that starts late: a header row, rows skipped, no header
LATE = [["--header-row=4000", "--nps=5", "--csat=6", "--ces=7", "-f", "csv"],
        ["--skip=3000", "-g", "channel", "-f", "csv"], ["-n", "--nps=5", "-f", "csv"]]


@case(ALL + LATE)
def c_plain_sst():
    return Sheet(12000, "sst", seed=1)


@case(ALL + [["--where=channel=web", "-g", "store", "-f", "csv"]])
def c_plain_inline():
    return Sheet(9000, "inline", seed=2)


@case(ODD)
def c_lf_rows():
    return Sheet(8000, "sst", seed=3, sep="\n")


@case(ODD)
def c_crlf_rows():
    return Sheet(8000, "inline", seed=4, sep="\r\n")


@case(ODD)
def c_spaces_rows():
    return Sheet(8000, "sst", seed=5, sep="   \t ")


@case(ODD)
def c_strict_stop_late():
    """Clean answers but one, late: --strict stops there (a callback's stop)."""
    s = Sheet(8000, "sst", seed=6, junk=False)
    i = s.spanning(late(s)) + 1
    v = record(random.Random(6), i, "mixed", False)
    v[4] = ("n", "12")
    s.redo(i + 1, v)
    return s


# 2. comments, processing instructions, CDATA in sheetData
@case(ODD)
def c_comment():
    s = Sheet(7000, "sst", seed=7)
    s.put("<!-- x -->", s.starts()[-1] // 2)
    for k in (1, 2, 3):
        s.window(pad("<!-- x") + " -->", k)
    return s


@case(ODD)
def c_pi():
    s = Sheet(7000, "inline", seed=8, sep="\n")
    s.put("<?pi x?>", s.starts()[-1] // 2)
    for k in (1, 2, 3):
        s.window(pad("<?pi x") + "?>", k)
    return s


@case(ODD)
def c_cdata_markup():
    """Inline strings whose CDATA text looks like row tags, in the comment column."""
    s = Sheet(7000, "inline", seed=9)
    rng = random.Random(9)
    st = s.starts()
    fake = '</row><row r="77">'
    for i in range(2, len(s.rows), 400):
        v = record(rng, i, "mixed", True)
        v[7] = ("x", f'<c r="H{i + 1}" t="inlineStr"><is><t><![CDATA[{fake}]]></t></is></c>')
        s.redo(i + 1, v)
    for k in (1, 2, 3):
        for i in range(len(st)):
            if k * CH - 1024 <= st[i] <= k * CH + 2048:
                v = record(rng, i, "mixed", True)
                v[7] = ("x", f'<c r="H{i + 1}" t="inlineStr"><is><t><![CDATA[{fake * 40}]]>'
                             f'</t></is></c>')
                s.redo(i + 1, v)
    return s


@case(ODD)
def c_comment_fake_row():
    s = Sheet(7000, "sst", seed=10, sep="\n")
    s.put('<!-- </row><row r="5"> -->', s.starts()[-1] // 2)
    for k in (1, 2, 3):
        s.window("<!-- " + '</row><row r="5">' * 40 + " -->", k)
    return s


@case(ODD + LATE + [["--nps=nosuch"]])
def c_comment_before_rows():
    """1.2 MB of comment before the header: the first chunks hold no row."""
    s = Sheet(3000, "sst", seed=11)
    s.before[0].append("<!-- " + '<row r="9">x</row> ' * 60000 + "-->")
    return s


# without a header the first record sets the width the others are held to
@case([["-n", "--nps=5", "-g", "3", "-f", "json"], ["-n", "--nps=5", "-f", "csv"]])
def c_noheader_narrow_first():
    """No header (-n), and a first row of one cell: every later row is malformed."""
    s = Sheet(9000, "sst", seed=41)
    s.redo(1, [("n", "7")])
    return s


# 3. rows without r=
@case(ODD)
def c_noref_all():
    s = Sheet(10000, "sst", seed=12)
    rng = random.Random(12)
    for r in range(1, len(s.rows) + 1):
        s.redo(r, [("s", h) for h in HEADER] if r == 1 else record(rng, r - 1, "mixed", True),
               ref=False)
    return s


@case(ODD)
def c_noref_after_100():
    s = Sheet(7000, "inline", seed=13)
    rng = random.Random(13)
    for r in range(101, len(s.rows) + 1):
        s.redo(r, record(rng, r - 1, "mixed", True), ref=False)
    return s


@case(ODD)
def c_noref_one():
    """One row without r= (its cells keep theirs) at a boundary."""
    s = Sheet(7000, "sst", seed=14)
    i = s.spanning(CH)
    s.redo(i + 1, record(random.Random(14), i, "mixed", True), ref=False, cell_refs=True)
    return s


# 4. row numbers that go back, repeat or jump
@case(BROKEN)
def c_order_late():
    s = Sheet(7000, "sst", seed=15)
    i = s.spanning(late(s))
    s.redo(i + 1, record(random.Random(15), i, "mixed", True))
    s.rows[i] = s.rows[i].replace(f'r="{i + 1}"', f'r="{i - 30}"', 1)
    s.rows[i] = s.rows[i].replace(f'{i + 1}"', f'{i - 30}"')
    return s


@case(BROKEN)
def c_duplicate_late():
    s = Sheet(7000, "inline", seed=16)
    i = s.spanning(late(s))
    s.before[i].append(s.rows[i - 1])
    return s


@case(ODD + [F_CSV])
def c_jump_then_back():
    s = Sheet(7000, "sst", seed=17)
    i = s.spanning(CH + 100)
    s.before[i].append('<row r="1000000"><c r="A1000000"><v>1</v></c><c r="E1000000"><v>9</v>'
                       '</c></row>')
    return s


# 5. shared string indices
@case(BROKEN + [GC])
def c_sst_past_table():
    s = Sheet(7000, "sst", seed=18)
    i = s.spanning(late(s))
    s.rows[i] = s.rows[i].replace(f'C{i + 1}" t="s"><v>', f'C{i + 1}" t="s"><v>9999')  # store
    return s


@case(BROKEN + [GC])
def c_sst_not_number():
    s = Sheet(7000, "sst", seed=19)
    i = s.spanning(late(s))
    s.rows[i] = s.rows[i].replace(f'C{i + 1}" t="s"><v>', f'C{i + 1}" t="s"><v>x')  # store
    return s


# 6. malformed XML, multi-line so the line and column matter
def broken(seed, bad, mode="inline"):
    s = Sheet(7000, mode, seed=seed, sep="\n")
    i = s.spanning(late(s))
    s.rows[i] = bad(s.rows[i], i + 1)
    return s


@case(BROKEN)
def c_mismatched_tag():
    return broken(20, lambda row, r: row.replace("</v></c>", "</c>", 1))


@case(BROKEN)
def c_bogus_entity():
    return broken(21, lambda row, r: row.replace(
        "</row>", f'<c r="I{r}" t="inlineStr"><is><t>a &bogus; b</t></is></c></row>'))


@case(BROKEN)
def c_bare_lt():
    return broken(22, lambda row, r: row.replace(
        "</row>", f'<c r="I{r}" t="inlineStr"><is><t>a < b</t></is></c></row>'), "sst")


@case(BROKEN)
def c_cut_mid_row():
    s = Sheet(7000, "sst", seed=23, sep="\n")
    i = s.spanning(late(s))
    s.rows, s.before = s.rows[:i + 1], s.before[:i + 1]
    s.rows[i] = s.rows[i][:len(s.rows[i]) // 2]
    s.tail = ""
    return s


@case(BROKEN)
def c_cut_after_row():
    s = Sheet(7000, "inline", seed=24)
    i = s.spanning(late(s))
    s.rows, s.before = s.rows[:i], s.before[:i]
    s.tail = ""
    return s


@case(BROKEN)
def c_two_errors():
    """A row that goes back in the second chunk and bad XML in the third: the
    first is the one reported."""
    s = Sheet(7000, "sst", seed=25, sep="\n")
    i = s.spanning(CH + 3000)
    s.before[i].append('<row r="3"/>')
    j = s.spanning(late(s) + 4000)
    s.rows[j] = s.rows[j].replace("</v></c>", "</c>", 1)
    return s


@case(BROKEN)
def c_bad_xml_then_order():
    s = Sheet(7000, "sst", seed=26, sep="\n")
    i = s.spanning(CH + 3000)
    s.rows[i] = s.rows[i].replace("</v></c>", "</c>", 1)
    j = s.spanning(late(s) + 4000)
    s.before[j].append('<row r="3"/>')
    return s


# 7. formulas without a cached value
@case(ODD)
def c_formulas_scattered():
    s = Sheet(7000, "sst", seed=27)
    for r in range(500, len(s.rows), 337):  # csat, and a column past the header's
        s.rows[r - 1] = re.sub(f'<c r="F{r}"><v>[0-9]+</v>', f'<c r="F{r}"><f>1+1</f>',
                               s.rows[r - 1])
        s.rows[r - 1] = s.rows[r - 1].replace("</row>", f'<c r="I{r}"><f>1+1</f></c></row>')
    for r in range(700, len(s.rows), 911):  # in the nps column, so it counts as blank
        s.rows[r - 1] = f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="E{r}"><f>1+1</f></c></row>'
    return s


@case(ODD)
def c_formulas_late():
    """The first formula without a value past the first chunk: its cell is named."""
    s = Sheet(7000, "inline", seed=28)
    first = s.spanning(CH + 50)
    for i in range(first, len(s.rows), 50):
        r = i + 1
        s.rows[i] = f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="E{r}"><f>1+1</f></c></row>'
    return s


@case(BROKEN)
def c_formulas_then_error():
    s = Sheet(7000, "sst", seed=29, sep="\n")
    for r in range(300, len(s.rows), 250):
        s.rows[r - 1] = s.rows[r - 1].replace("</row>", f"<c r=\"J{r}\"><f>A1</f></c></row>")
    i = s.spanning(late(s))
    s.rows[i] = s.rows[i].replace("</v></c>", "</c>", 1)
    return s


# 8. namespace prefixes
@case(ODD)
def c_prefixed():
    return Sheet(7000, "inline", seed=30, p="x:")


@case(ODD)
def c_prefixed_sst():
    return Sheet(8000, "sst", seed=31, p="x:", sep="\n")


# 9. content after </sheetData>, rows where rows are not
@case(ODD)
def c_merge_after():
    s = Sheet(7000, "sst", seed=32)
    s.after = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    return s


@case(ODD)
def c_row_after_sheetdata():
    s = Sheet(7000, "sst", seed=33)
    s.after = ('<row r="99999"><c r="A99999"><v>1</v></c><c r="E99999"><v>0</v></c></row>'
               '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>')
    return s


@case(ODD + [F_CSV])
def c_row_in_cell():
    s = Sheet(7000, "inline", seed=34)
    i = s.spanning(late(s))
    r = i + 1
    s.rows[i] = s.rows[i].replace(
        "</row>", f'<c r="I{r}"><row r="{r + 1}"><c r="A{r + 1}"><v>0</v></c></row></c></row>')
    return s


# 10. long strings
@case(ODD)
def c_long_inline():
    """30,000-character inline strings across the boundaries (under the cap)."""
    s = Sheet(7000, "inline", seed=35)
    rng = random.Random(35)
    for k in (1, 2):
        i = s.spanning(k * CH - 5000)
        v = record(rng, i, "mixed", True)
        v[7] = ("s", "я" * 10000 + "ab" * 10000)
        s.redo(i + 1, v)
    return s


@case(ODD)
def c_long_shared():
    s = Sheet(7000, "sst", seed=36)
    i = s.spanning(late(s))
    v = record(random.Random(36), i, "mixed", True)
    v[7] = ("s", "q" * 30000)
    s.redo(i + 1, v)
    return s


@case(BROKEN)
def c_cell_too_long():
    s = Sheet(7000, "inline", seed=37)
    i = s.spanning(late(s))
    v = record(random.Random(37), i, "mixed", True)
    v[7] = ("s", "z" * 32768)
    s.redo(i + 1, v)
    return s


# 11. wide rows
@case(ODD)
def c_wide_rows_late():
    s = Sheet(7000, "sst", seed=38)
    rng = random.Random(38)
    start = s.spanning(late(s))
    for i in range(start, min(start + 40, len(s.rows)), 7):
        v = record(rng, i, "mixed", True) + [("n", str(k)) for k in range(292)]
        s.redo(i + 1, v)
    return s


@case(ODD)
def c_row_wider_than_chunk():
    """One row of 16,000 cells (about 600 KB of XML) late in the sheet."""
    s = Sheet(7000, "sst", seed=39)
    i = s.spanning(late(s))
    v = record(random.Random(39), i, "mixed", True) + [("n", str(k)) for k in range(15992)]
    s.redo(i + 1, v)
    return s


def run(binary, jobs, args, path):
    try:
        r = subprocess.run([binary, "-j", str(jobs)] + args + [path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""


def diff(a, b):
    lines = difflib.unified_diff(a.decode(errors="replace").splitlines(),
                                 b.decode(errors="replace").splitlines(),
                                 "-j 1", "-j 2", n=0, lineterm="")
    return ["    " + x[:160] for x in list(lines)[:8]]


def main(argv):
    verbose, quick, only = False, False, ""
    while argv and argv[0].startswith("-"):
        if argv[0] == "-v":
            verbose = True
        elif argv[0] == "-q":
            quick = True
        elif argv[0] == "-k" and len(argv) > 1:
            argv, only = argv[1:], argv[1]
        else:
            break
        argv = argv[1:]
    if not argv:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    t0 = time.monotonic()
    runs, fails = 0, 0
    with tempfile.TemporaryDirectory(prefix="cxstat-chunks.") as tmp:
        books = []
        for name, make, opts in CASES:
            if only in name:
                path = os.path.join(tmp, name + ".xlsx")
                size = make().write(path)
                books.append((name, path, opts, size))
        for binary in argv:
            for name, path, opts, size in books:
                statuses, shown = [], None
                for args in opts[:1] if quick else opts:
                    one, two = run(binary, 1, args, path), run(binary, 2, args, path)
                    runs += 1
                    statuses.append(str(one[0]))
                    if shown is None and one[0] not in (0, 1):  # the error, else a warning
                        shown = (one[2].decode(errors="replace").splitlines() or [""])[-1]
                    for what, k in (("exit status", 0), ("stdout", 1), ("stderr", 2)):
                        if one[k] != two[k]:
                            fails += 1
                            print(f"FAIL xlsx chunks: {name} ({binary} {' '.join(args)}): "
                                  f"{what} differs (-j 1 exit {one[0]}, -j 2 exit {two[0]})")
                            if k:
                                print("\n".join(diff(one[k], two[k])))
                if verbose:
                    if shown is None:
                        shown = (run(binary, 1, opts[0], path)[2].decode(errors="replace")
                                 .splitlines() or [""])[0]
                    err = shown.replace(path, "FILE")[:100]
                    print(f"  {name:24} {size / 1e6:4.1f} MB  exit {','.join(statuses):12} {err}")
    print(f"xlsx chunks: {runs} runs, -j 1 and -j 2 identical: {'yes' if not fails else 'NO'}"
          + (f" ({time.monotonic() - t0:.0f} s)" if verbose else ""))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
