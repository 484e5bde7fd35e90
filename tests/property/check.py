#!/usr/bin/env python3
"""Property tests of cxstat's exact accounting, against Python's csv module.

Usage: python3 tests/property/check.py CXSTAT_BINARY

Environment:
  PROPERTY_FILES   how many generated files (default 2000)
  PROPERTY_SEED    the first seed; file i uses seed PROPERTY_SEED + i (default 1)
  PROPERTY_JOBS    worker processes (default: the number of CPUs)
  PROPERTY_KEEP    a directory where the files of failed checks are kept
                   (default: a new directory under $TMPDIR, named on failure)
  PROPERTY_MAX_FAILURES  stop after this many failed files (default 5)

Python 3 standard library only.  Every file comes from its own seeded
random.Random, so a failure is reproduced by its seed alone:
  PROPERTY_SEED=<seed> PROPERTY_FILES=1 python3 tests/property/check.py build/cxstat

What a generated file looks like - a messy survey export:
  * delimiter , ; tab or |, given with -d or left to detection;
  * quoting: every field, only where needed (delimiter, quote, line break;
    keys with surrounding spaces), or at random; quoted line breaks (LF, CR,
    CRLF) and doubled quotes in comments, answers and keys;
  * line ends LF, CRLF, CR alone or mixed; a final line end or not; a UTF-8
    BOM or not; empty lines and lines of spaces between the records;
  * header names in any case, padded with spaces, in any column order, with
    extra columns and a second column called NPS or CSAT (the first wins);
  * answers valid, blank or invalid, in messy forms: " 9 ", 9.0, 9,0 (quoted
    when the delimiter is a comma), 09, "9 - Very likely", "Very likely - 9",
    "(9)", abc, 11, 7.5, +9, -0, "9 - 10", ٩, "9\\n" and so on;
  * records shorter or longer than the header; comments of up to 15 KB, and
    a few files of 1,000-3,000 records (past cxstat's 64 KiB read blocks);
  * random scales (--csat-scale, --csat-satisfied, --ces-scale,
    --ces-direction) and --precision 0-5;
  * stores (and channels) for -g: non-ASCII, empty, with spaces, quotes,
    delimiters and line breaks in them.

For each file the expected figures are computed independently: the bytes are
parsed with Python's csv module, and the answers judged by this file's own
implementation of the validity rules (METRICS.md 6, cxstat.h): a whole number
on the scale, optionally with spaces or tabs around it, leading zeros, a
decimal part of zeros (.0, ,00) and a label that starts with a space, '-',
'(' or ':' and holds no digit; or a label with no digit that ends with its
number ("Very likely - 9", "Satisfied (5)"); no sign.  Blank is empty or only
spaces and tabs.  Then `cxstat -q -f csv` and `cxstat -q -g store -f csv`
(sometimes `-g store,channel`) must show:
  * records and malformed records as counted here;
  * for every metric, in the total and in every group: responses + blank +
    invalid = records, and each of them, the promoters/passives/detractors,
    satisfied and low-effort counts, equal to the ones counted here;
  * the percentages, NPS, CSAT and the means equal to the exact values
    (fractions.Fraction) rounded half away from zero at --precision (means
    at one more decimal), never -0; the NPS and CSAT bands of those values;
  * one row per group, in key order (bytes), plus the total, which equals
    the report without -g.
And the output must be byte for byte the same across one of, in turn (seed
mod 6: without -g, then with it): a second run in 2-8 chunks on threads (-j);
the same records shuffled;
the file split into 2-4 files, each with its own header (and its own delimiter, quoting,
line ends, BOM and, when no record is ragged, column order), given together.

Where libcsv and Python's csv module read the same bytes differently, the
generator keeps to bytes they agree on, and says so: libcsv drops spaces and
tabs around unquoted fields (keys with surrounding spaces are therefore
always quoted; answers are not, as the validity rules ignore the spaces
anyway), skips lines of nothing but spaces (Python reads one field: such
lines are skipped here too, and no record is a single blank field), and
reads a space before an opening quote, or text after a closing quote,
otherwise than Python (never generated).  Lines of spaces with a tab come
after the header only: cxstat takes such a line before the header as the
header (tests/e2e/pending/blank_line_with_tab_before_header).
"""

import csv
import io
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from fractions import Fraction

# ---- the validity rules, written from the documentation --------------------


def is_digit(c):
    return '0' <= c <= '9'


def has_digit(s):
    return any(is_digit(c) for c in s)


def classify(text, lo, hi):
    """('blank', None), ('valid', score) or ('invalid', None) for one field."""
    s = text.strip(' \t')
    if s == '':
        return 'blank', None
    if s[0] in '+-':
        return 'invalid', None
    if is_digit(s[0]):
        i = 0
        while i < len(s) and is_digit(s[i]):
            i += 1
        value = int(s[:i])
        if i < len(s) and s[i] in '.,':
            j = i + 1
            while j < len(s) and is_digit(s[j]):
                j += 1
            if j == i + 1:
                return 'invalid', None  # "9." or "9,"
            if s[i + 1:j].strip('0'):
                return 'invalid', None  # 7.5
            i = j
        rest = s[i:]
        if rest and (rest[0] not in ' -(:' or has_digit(rest)):
            return 'invalid', None
    else:
        # a label with no digit ending with its number: "Likely - 9", "Good (4)"
        closed = s.endswith(')')
        body = s[:-1] if closed else s
        d = len(body)
        while d > 0 and is_digit(body[d - 1]):
            d -= 1
        if d == len(body) or d == 0 or body[d - 1] not in ' (:':
            return 'invalid', None
        if (body[d - 1] == '(') != closed or has_digit(body[:d]):
            return 'invalid', None
        value = int(body[d:])
    if lo <= value <= hi:
        return 'valid', value
    return 'invalid', None


# ---- exact figures -----------------------------------------------------------


def show(value, prec):
    """A Fraction rounded half away from zero at prec decimals, as cxstat prints it."""
    if value is None:
        return ''
    q = value * 10 ** prec
    r = int(abs(q) + Fraction(1, 2))  # floor for non-negative numbers
    digits = str(r).rjust(prec + 1, '0')
    text = digits if prec == 0 else digits[:-prec] + '.' + digits[-prec:]
    return '-' + text if q < 0 and r != 0 else text


def pct(part, n):
    return Fraction(100 * part, n) if n else None


def nps_band(shown):
    if shown == '':
        return ''
    v = Fraction(shown)
    return 'good' if v >= 50 else 'develop' if v >= 30 else 'act'


def csat_band(shown):
    if shown == '':
        return ''
    v = Fraction(shown)
    return 'good' if v > 80 else 'average' if v >= 60 else 'improve'


class Tally:
    """One metric's counts over some records."""

    def __init__(self):
        self.valid = []
        self.blank = 0
        self.invalid = 0

    def add(self, verdict, score):
        if verdict == 'valid':
            self.valid.append(score)
        elif verdict == 'blank':
            self.blank += 1
        else:
            self.invalid += 1


def expected_metric(name, tally, cfg, prec):
    """The CSV cells cxstat must print for one metric (those this test checks)."""
    v = tally.valid
    n = len(v)
    out = {f'{name}_responses': str(n), f'{name}_blank': str(tally.blank),
           f'{name}_invalid': str(tally.invalid)}
    mean = Fraction(sum(v), n) if n else None
    if name == 'nps':
        p = sum(1 for x in v if x >= 9)
        d = sum(1 for x in v if x <= 6)
        out.update(nps_promoters=str(p), nps_passives=str(n - p - d), nps_detractors=str(d),
                   nps_promoters_pct=show(pct(p, n), prec),
                   nps_passives_pct=show(pct(n - p - d, n), prec),
                   nps_detractors_pct=show(pct(d, n), prec),
                   nps=show(pct(p - d, n), prec))
        out['nps_band'] = nps_band(out['nps'])
    elif name == 'csat':
        s = sum(1 for x in v if x >= cfg['csat_satisfied'])
        out.update(csat_satisfied=str(s), csat=show(pct(s, n), prec),
                   csat_mean=show(mean, prec + 1))
        out['csat_band'] = csat_band(out['csat'])
    else:
        mid = Fraction(1 + cfg['ces_hi'], 2)
        if cfg['ces_direction'] == 'agree':
            low = sum(1 for x in v if x > mid)
        else:
            low = sum(1 for x in v if x < mid)
        out.update(ces_low_effort=str(low), ces_low_effort_pct=show(pct(low, n), prec),
                   ces_mean=show(mean, prec + 1), ces_band='')
    return out


# ---- the oracle: Python's csv module and the rules above ------------------------

METRICS = ('nps', 'csat', 'ces')


def oracle(data, cfg):
    """Expected cells of the report without -g ('total') and of every group."""
    text = data.decode('utf-8-sig')
    rows = csv.reader(io.StringIO(text, newline=''), delimiter=cfg['delim'], quotechar='"',
                      doublequote=True, skipinitialspace=False, strict=False)
    header = None
    records = malformed = 0
    scales = {'nps': (0, 10), 'csat': (1, cfg['csat_hi']), 'ces': (1, cfg['ces_hi'])}
    total = {m: Tally() for m in METRICS}
    groups = {}
    rows = list(rows)
    # a last record short of fields without a line end is a file cut while written: cxstat
    # does not count it (man page, INPUT); a blank last line means the record before ended
    if rows and not data.endswith((b'\n', b'\r')) and rows[-1] and \
            not (len(rows[-1]) == 1 and rows[-1][0].strip(' \t') == ''):
        nonblank = [r for r in rows if r and not (len(r) == 1 and r[0].strip(' \t') == '')]
        if len(nonblank) > 1 and len(rows[-1]) < len(nonblank[0]):
            rows.pop()
    for row in rows:
        # libcsv skips empty lines and lines of nothing but spaces and tabs
        if not row or (len(row) == 1 and row[0].strip(' \t') == ''):
            continue
        if header is None:
            names = [h.strip(' \t').lower() for h in row]
            col = {m: names.index(m) for m in METRICS}
            gcol = [names.index(g) for g in cfg['group']]
            header = row
            continue
        records += 1
        if len(row) != len(header):
            malformed += 1
        # cxstat trims group values of spaces and tabs, quoted or not (man page, -g)
        key = tuple((row[c] if c < len(row) else '').strip(' \t').encode() for c in gcol)
        g = groups.setdefault(key, [0, {m: Tally() for m in METRICS}])
        g[0] += 1
        for m in METRICS:
            if col[m] < len(row):
                verdict, score = classify(row[col[m]], *scales[m])
            else:
                verdict, score = 'invalid', None  # the record is too short
            total[m].add(verdict, score)
            g[1][m].add(verdict, score)
    prec = cfg['precision']
    exp_total = {'records': str(records), 'malformed': str(malformed)}
    for m in METRICS:
        exp_total.update(expected_metric(m, total[m], cfg, prec))
    exp_groups = {}
    for key, (n, tallies) in groups.items():
        cells = {'records': str(n)}
        for m in METRICS:
            cells.update(expected_metric(m, tallies[m], cfg, prec))
        exp_groups[key] = cells
    return exp_total, exp_groups


# ---- the generator ---------------------------------------------------------------

WORDS = ['good', 'slow delivery', 'Очень быстро', 'ok', 'n/a', 'très bien', '东西很好',
         'call me', 'price', '"quoted" word', 'a;b', 'x,y', 'pipe|here', 'tab\there',
         'line\nbreak', 'cr\ronly', 'crlf\r\nline', '', '  ', 'emoji 😀', '5 stars', '10/10',
         'nul\x00byte', '"', '""', 'say "hi"']
STORES = ['Kazan', 'Moscow Center', 'СПб', 'A', 'a', '', 'B-2', 'Ünïcödé', '東京',
          ' padded ', 'quote"d', 'semi;colon', 'comma,here', 'pipe|x', 'tab\tx',
          'line\nbreak', 'cr\rkey', '(blank)', 'total', '0', '-']
CHANNELS = ['web', 'app', 'email', '', 'SMS', 'phone call']
LABELS = {'nps': ['Very likely', 'Not likely', 'Extremely likely', 'Neutral'],
          'csat': ['Very satisfied', 'Satisfied', 'Bad'],
          'ces': ['Very easy', 'Agree', 'Hard']}


def messy_answer(rng, metric, lo, hi, delim):
    """An answer in one of the forms exports and people write."""
    r = rng.random()
    v = rng.randint(lo, hi)
    if r < 0.30:
        return str(v)
    if r < 0.36:
        return ''
    if r < 0.40:
        return rng.choice([' ', '   ', '\t', ' \t '] if delim != '\t' else [' ', '   '])
    label = rng.choice(LABELS[metric])
    forms = [
        lambda: ' %d ' % v, lambda: '\t%d' % v if delim != '\t' else '%d ' % v,
        lambda: '%d.0' % v, lambda: '%d,0' % v, lambda: '%d,000' % v, lambda: '0%d' % v,
        lambda: '%d - %s' % (v, label), lambda: '%d (%s)' % (v, label), lambda: '%d:%s' % (v, label),
        lambda: '%d-%s' % (v, label), lambda: '%d.00 - %s' % (v, label),
        lambda: '%s - %d' % (label, v), lambda: '%s (%d)' % (label, v), lambda: '%s: %d' % (label, v),
        lambda: '(%d)' % v,
        # invalid forms (and a few that look invalid but are not)
        lambda: 'abc', lambda: 'n/a', lambda: str(hi + 1), lambda: str(lo - 1) if lo > 0 else '-1',
        lambda: '11', lambda: '7.5', lambda: '+%d' % v, lambda: '-0', lambda: '-%d' % v,
        lambda: '%d - 10' % v, lambda: '%d+' % v, lambda: '1e1', lambda: '%d.' % v,
        lambda: '.%d' % v, lambda: '٩', lambda: '９', lambda: '%d\n' % v, lambda: '%d x' % v,
        lambda: '%s -%d' % (label, v), lambda: '%s %d)' % (label, v), lambda: '%s(%d' % (label, v),
        lambda: '%d%s' % (v, label), lambda: '%d\t- %s' % (v, label), lambda: '%d,5' % v,
        lambda: '99999999999999999999', lambda: '%d..0' % v, lambda: 'Likely 9 - %d' % v,
        lambda: '%d\r' % v, lambda: '%d\x00' % v, lambda: '\x00', lambda: '%d"' % v,
        lambda: '%d" - %s' % (v, label), lambda: '%d - "%s"' % (v, label),
    ]
    return rng.choice(forms)()


def make_survey(rng):
    """A header (canonical column names), records as lists of fields, and options."""
    cfg = {
        'csat_hi': rng.choice([3, 5, 5, 5, 7, 10]),
        'ces_hi': rng.choice([5, 7, 7, 10]),
        'ces_direction': rng.choice(['agree', 'agree', 'effort']),
        'precision': rng.choice([0, 1, 1, 1, 2, 3, 5]),
    }
    default_sat = {3: 3, 5: 4, 7: 6, 10: 9}[cfg['csat_hi']]
    cfg['csat_satisfied'] = default_sat if rng.random() < 0.7 else rng.randint(2, cfg['csat_hi'])
    cfg['group'] = ['store'] if rng.random() < 0.7 else ['store', 'channel']
    names = ['id', 'submitted_at', 'store', 'channel', 'nps', 'csat', 'ces', 'comment']
    if rng.random() < 0.3:
        # a later duplicate loses; delimiters inside quotes do not count for detection
        names.append(rng.choice(['extra', 'NPS', 'csat', 'note', 'x,y;z|w\tv']))
    delim = rng.choice([',', ';', '\t', '|'])
    stores = rng.sample(STORES, rng.randint(1, 8))
    # mostly small; some past cxstat's 64 KiB read blocks, so that records, CRLFs
    # and multi-byte characters are cut between blocks
    r = rng.random()
    n = rng.randint(0, 40) if r < 0.9 else rng.randint(40, 400) if r < 0.99 else \
        rng.randint(1000, 3000)
    long_comment = 'long ' * rng.choice([0, 0, 100, 3000])
    records = []
    scales = {'nps': (0, 10), 'csat': (1, cfg['csat_hi']), 'ces': (1, cfg['ces_hi'])}
    for i in range(n):
        rec = []
        for name in names:
            if name == 'id':
                rec.append(str(i + 1))
            elif name == 'submitted_at':
                rec.append('2025-%02d-%02d 10:%02d' % (rng.randint(1, 12), rng.randint(1, 28),
                                                        rng.randint(0, 59)))
            elif name == 'store':
                rec.append(rng.choice(stores))
            elif name == 'channel':
                rec.append(rng.choice(CHANNELS))
            elif name.lower() in scales:
                m = name.lower()
                rec.append(messy_answer(rng, m, *scales[m], delim))
            else:
                words = [rng.choice(WORDS) for _ in range(rng.randint(0, 3))]
                if long_comment and rng.random() < 0.1:
                    words.append(long_comment)
                rec.append(' '.join(words))
        # short records keep their first fields in file order (never a single one)
        r = rng.random()
        cut = rng.randint(2, len(rec) - 1) if r < 0.04 else None
        extra = ['surplus'] * rng.randint(1, 3) if 0.04 <= r < 0.07 else []
        records.append((rec, cut, extra))
    cfg['delim_given'] = rng.random() < 0.4
    return names, records, cfg, delim


def header_name(rng, name):
    forms = [name, name.upper(), name.capitalize(), ' %s ' % name, '\t%s' % name]
    return rng.choice(forms)


def random_style(rng, delim):
    return {
        'delim': delim,
        'quoting': rng.choice(['all', 'minimal', 'minimal', 'random']),
        'eol': rng.choice(['\n', '\r\n', '\r', 'mixed']),
        'final_eol': rng.random() < 0.8,
        'bom': rng.random() < 0.3,
        'blank_lines': rng.choice([0, 0, 0.05, 0.3]),
    }


def same_names_in_order(names, order, new):
    """new, with columns of the same name (the first wins) in the order they have in order."""
    for name in set(n.lower() for n in names):
        cols = [i for i in order if names[i].lower() == name]
        slots = [k for k, i in enumerate(new) if names[i].lower() == name]
        for k, i in zip(slots, cols):
            new[k] = i
    return new


def render(rng, names, records, style, order):
    """The bytes of one CSV file: header and records with the style's habits."""
    d = style['delim']
    exact = {'store', 'channel'}  # fields whose bytes matter beyond the validity rules

    def cell(text, col):
        special = any(c in text for c in (d, '\r', '\n'))
        need = special or '"' in text
        padded = text != text.strip(' \t')
        if padded and (col in exact or col == 'header'):
            need = True
        if padded and text.strip(' \t') == '' and col not in exact:
            need = need or rng.random() < 0.3
        q = style['quoting']
        answer = col.lower() in METRICS
        if answer and q != 'all' and '"' in text and not special and \
                not text.lstrip(' \t').startswith('"') and rng.random() < 0.5:
            return text  # a stray quote inside an unquoted field stays a character
        if need or q == 'all' or (q == 'random' and rng.random() < 0.5):
            # spaces after the closing quote: libcsv drops them, Python keeps them
            # (harmless for answers, whose surrounding spaces do not count)
            after = ' ' * rng.randint(1, 2) if answer and rng.random() < 0.1 else ''
            return '"' + text.replace('"', '""') + '"' + after
        return text

    def eol():
        e = style['eol']
        return rng.choice(['\n', '\r\n', '\r']) if e == 'mixed' else e

    out = ['\ufeff'] if style['bom'] else []
    if style['blank_lines'] and rng.random() < 0.5:
        out.append(rng.choice(['', '   ']) + eol())  # before the header: spaces only
    hdr = [names[i] for i in order]
    out.append(d.join(cell(header_name(rng, h), 'header') for h in hdr))
    for rec in records:
        out.append(eol())
        if rng.random() < style['blank_lines']:
            blank = ['', ' ', '   '] + ([] if d == '\t' else ['\t', ' \t '])
            out.append(rng.choice(blank) + eol())
        fields, cut, extra = rec
        cells = [cell(fields[i], names[i]) for i in order] + [cell(x, 'extra') for x in extra]
        out.append(d.join(cells[:cut]))
    if style['final_eol']:
        out.append(eol())
    return ''.join(out).encode('utf-8')


# ---- running cxstat and comparing -----------------------------------------------


def cxstat_args(cfg, grouped, delim):
    args = ['-q', '-f', 'csv', '-p', str(cfg['precision']),
            '--csat-scale=1-%d' % cfg['csat_hi'], '--csat-satisfied=%d' % cfg['csat_satisfied'],
            '--ces-scale=1-%d' % cfg['ces_hi'], '--ces-direction=' + cfg['ces_direction']]
    if cfg['delim_given']:
        args.append('--delimiter=' + ('tab' if delim == '\t' else delim))
    if grouped:
        args += ['-g', ','.join(cfg['group'])]
    return args


def run(binary, args, files):
    p = subprocess.run([binary] + args + files, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


def parse_csv(out):
    rows = list(csv.reader(io.StringIO(out.decode('utf-8'), newline='')))
    return rows[0], rows[1:]


def compare_cells(what, expected, header, row, problems):
    got = dict(zip(header, row))
    for k, v in expected.items():
        if got.get(k) != v:
            problems.append('%s: %s is %r, expected %r' % (what, k, got.get(k), v))
    rec = int(got.get('records', '-1'))
    for m in METRICS:
        try:
            s = sum(int(got[m + k]) for k in ('_responses', '_blank', '_invalid'))
        except (KeyError, ValueError):
            problems.append('%s: %s counts missing' % (what, m))
            continue
        if s != rec:
            problems.append('%s: %s responses + blank + invalid = %d, records %d' % (what, m, s, rec))


def check_file(seed, binary, workdir):
    """All properties for one seed; returns (problems, files to keep, command lines)."""
    rng = random.Random(seed)
    names, records, cfg, delim = make_survey(rng)
    cfg['delim'] = delim
    order = list(range(len(names)))
    if rng.random() < 0.5:
        rng.shuffle(order)
    style = random_style(rng, delim)
    whole = render(rng, names, records, style, order)
    path = os.path.join(workdir, 'whole.csv')
    with open(path, 'wb') as f:
        f.write(whole)
    problems = []
    keep = {'whole.csv': whole}
    cmds = []

    exp_total, exp_groups = oracle(whole, cfg)
    stats = {'records': int(exp_total['records']), 'malformed': int(exp_total['malformed']),
             'groups': len(exp_groups)}
    for k in ('responses', 'blank', 'invalid'):
        stats[k] = sum(int(exp_total[m + '_' + k]) for m in METRICS)
    outputs = {}
    for grouped in (False, True):
        args = cxstat_args(cfg, grouped, delim)
        cmds.append(' '.join(['cxstat'] + [repr(a) if ' ' in a else a for a in args] + ['whole.csv']))
        rc, out, err = run(binary, args, [path])
        outputs[grouped] = out
        if rc != 0 or err:
            problems.append('exit %d, stderr %r (%s)' % (rc, err[:300], cmds[-1]))
            continue
        header, rows = parse_csv(out)
        if not grouped:
            if len(rows) != 1:
                problems.append('%d data rows without -g' % len(rows))
                continue
            compare_cells('total', exp_total, header, rows[0], problems)
            continue
        ng = len(cfg['group'])
        if rows and rows[-1][0] == 'total':
            compare_cells('-g total', {k: v for k, v in exp_total.items() if k != 'malformed'},
                          header, rows[-1], problems)
        else:
            problems.append('-g: no total row last')
        seen = []
        for row in rows[:-1]:
            key = tuple(c.encode() for c in row[1:1 + ng])
            seen.append(key)
            if row[0] != 'group':
                problems.append('-g: row kind %r' % row[0])
            elif key not in exp_groups:
                problems.append('-g: group %r is not in the data' % (key,))
            else:
                compare_cells('group %r' % (key,), exp_groups[key], header, row, problems)
        if sorted(seen) != seen:
            problems.append('-g: groups not in key order: %r' % seen)
        if set(seen) != set(exp_groups) or len(seen) != len(exp_groups):
            problems.append('-g: %d group rows, expected %d (missing %r)' % (
                len(seen), len(exp_groups), sorted(set(exp_groups) - set(seen))[:5]))

    # invariance: one variant per file, in turn, without -g or with it
    variant = seed % 3
    grouped = seed % 6 >= 3
    files = [path]
    extra = []
    counted = records
    if not style['final_eol'] and records and records[-1][1] is not None:
        counted = records[:-1]  # the whole file's cut last record is not counted
    if variant == 0:
        extra = ['-j', str(2 + seed % 7)]
        what = 'a second run in %s chunks on threads (-j)' % extra[1]
    elif variant == 1:
        what = 'the records shuffled'
        shuffled = counted[:]
        rng.shuffle(shuffled)
        data = render(rng, names, shuffled, dict(style, final_eol=True), order)
        files = [os.path.join(workdir, 'shuffled.csv')]
        keep['shuffled.csv'] = data
    else:
        k = rng.randint(2, 4)
        cuts = sorted(rng.randint(0, len(counted)) for _ in range(k - 1))
        bounds = [0] + cuts + [len(counted)]
        ragged = any(cut is not None for _, cut, _ in records)
        what = 'the file split in %d' % k
        files = []
        for i in range(k):
            part_style = random_style(rng, delim if cfg['delim_given'] else
                                      rng.choice([',', ';', '\t', '|']))
            part_order = order
            if not ragged and rng.random() < 0.5:
                part_order = same_names_in_order(names, order, rng.sample(order, len(order)))
            part_style['final_eol'] = True  # a part's last record is not a cut one
            data = render(rng, names, counted[bounds[i]:bounds[i + 1]], part_style, part_order)
            name = 'part%d.csv' % (i + 1)
            files.append(os.path.join(workdir, name))
            keep[name] = data
    for name, data in keep.items():
        with open(os.path.join(workdir, name), 'wb') as f:
            f.write(data)
    if outputs[grouped]:
        rc, out, err = run(binary, cxstat_args(cfg, grouped, delim) + extra, files)
        if out != outputs[grouped] or rc != 0:
            problems.append('%s: the output differs from the whole file\'s (%s -g, exit %d, %s)\n'
                            '--- whole\n%s--- variant\n%s' % (
                                what, 'with' if grouped else 'without', rc, ' '.join(
                                    os.path.basename(f) for f in files),
                                outputs[grouped].decode('utf-8', 'replace')[:1500],
                                out.decode('utf-8', 'replace')[:1500]))
    return problems, keep, cmds, stats


_binary = None


def _init(binary):
    global _binary
    _binary = binary


def _work(seed):
    workdir = tempfile.mkdtemp(prefix='cxstat-property-')
    try:
        problems, keep, cmds, stats = check_file(seed, _binary, workdir)
    except Exception:  # a bug of this script must fail loudly too
        problems, keep, cmds, stats = ['check.py raised: ' + traceback.format_exc()], {}, [], {}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return seed, problems, keep if problems else {}, cmds, stats


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: check.py CXSTAT_BINARY')
    binary = os.path.abspath(sys.argv[1])
    n = int(os.environ.get('PROPERTY_FILES', '2000'))
    first = int(os.environ.get('PROPERTY_SEED', '1'))
    jobs = int(os.environ.get('PROPERTY_JOBS', '0')) or os.cpu_count() or 2
    max_failures = int(os.environ.get('PROPERTY_MAX_FAILURES', '5'))
    start = time.time()
    failed = 0
    totals = {}
    keepdir = None
    with multiprocessing.Pool(jobs, initializer=_init, initargs=(binary,)) as pool:
        for seed, problems, keep, cmds, stats in pool.imap_unordered(_work, range(first, first + n), 8):
            for k, v in stats.items():
                totals[k] = totals.get(k, 0) + v
            if not problems:
                continue
            failed += 1
            if keepdir is None:
                keepdir = os.environ.get('PROPERTY_KEEP') or tempfile.mkdtemp(prefix='cxstat-property-failed-')
            d = os.path.join(keepdir, 'seed%d' % seed)
            os.makedirs(d, exist_ok=True)
            for name, data in keep.items():
                with open(os.path.join(d, name), 'wb') as f:
                    f.write(data)
            print('property: FAIL seed %d (files in %s)' % (seed, d))
            for c in cmds:
                print('  ' + c)
            for p in problems[:12]:
                print('  ' + p.replace('\n', '\n  '))
            if failed >= max_failures:
                pool.terminate()
                break
    took = time.time() - start
    if failed:
        print('property: %d of the files failed (stopped after %d), seeds %d-%d, %.1f s' % (
            failed, max_failures, first, first + n - 1, took) if failed >= max_failures else
            'property: %d of %d files failed, seeds %d-%d, %.1f s' % (failed, n, first, first + n - 1, took))
        sys.exit(1)
    print('property: %d files, seeds %d-%d: counts, figures and invariance hold (%.1f s)' % (
        n, first, first + n - 1, took))
    print('property: %(records)d records (%(malformed)d malformed) in %(groups)d groups; '
          '%(responses)d valid, %(blank)d blank, %(invalid)d invalid answers' % totals)


if __name__ == '__main__':
    main()
