#!/usr/bin/env python3
"""The bench's grouped report in Python: the csv module and the validity rules.

Usage: python3 tests/bench/peer_python.py FILE

Prints store,nps,csat,ces_mean - one row per store in byte order of the name -
the figures cxstat -g store shows: NPS (0-10, promoters 9-10, detractors 0-6)
and CSAT % (1-5, satisfied 4-5) to 1 decimal, the CES mean (1-7) to 2, each
rounded half away from zero from the integer counts, empty when a store has no
valid answer.

An answer is valid (METRICS.md 6) when, with spaces and tabs around it taken
off, it is a whole number on the scale, with optional leading zeros, an
optional decimal part of zeros (.0, ,00) and an optional label that starts
with a space, '-', '(' or ':' and has no digit ("9 - Very likely",
"5 (Very satisfied)"); or a label with no digit that ends with its number
("Very likely - 9", "Satisfied (5)"); never with a sign.  Blank (empty or
spaces) and everything else are not answers.
"""

import csv
import re
import sys

# The number is captured as at most two digits after any leading zeros: a
# longer number is off every scale here, and then the pattern does not match.
LEADING = re.compile(r'0*([0-9]{1,2})(?:[.,]0+)?(?:[ (:-][^0-9]*)?')
TRAILING = re.compile(r'(?:[^0-9+-][^0-9]*)?(?:[ :]0*([0-9]{1,2})|\(0*([0-9]{1,2})\))')


def score(text):
    """The whole number a field holds, or None (blank or invalid)."""
    s = text.strip(' \t')
    if not s:
        return None
    m = LEADING.fullmatch(s) or TRAILING.fullmatch(s)
    if m is None:
        return None
    return int(m.group(1) or m.group(2))


def rounded(num, den, decimals):
    """num/den rounded half away from zero at `decimals`, as text; '' if den is 0."""
    if den == 0:
        return ''
    scale = 10 ** decimals
    q = abs(num) * scale
    r = (2 * q + den) // (2 * den)
    digits = str(r).rjust(decimals + 1, '0')
    text = digits[:-decimals] + '.' + digits[-decimals:] if decimals else digits
    return '-' + text if num < 0 and r != 0 else text


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: peer_python.py FILE')
    # per store: nps n, promoters, detractors, csat n, satisfied, ces n, ces sum
    stores = {}
    memo = {}
    with open(sys.argv[1], newline='', encoding='utf-8') as f:
        rows = csv.reader(f)
        head = next(rows)
        cols = {name.strip().lower(): i for i, name in reversed(list(enumerate(head)))}
        i_store, i_nps, i_csat, i_ces = (cols[c] for c in ('store', 'nps', 'csat', 'ces'))
        for row in rows:
            if not row:
                continue
            acc = stores.get(row[i_store])
            if acc is None:
                acc = stores[row[i_store]] = [0] * 7
            for k, col in ((0, i_nps), (1, i_csat), (2, i_ces)):
                field = row[col] if col < len(row) else ''
                v = memo.get(field, -1)
                if v == -1:
                    v = memo[field] = score(field)
                if v is None:
                    continue
                if k == 0:
                    if v <= 10:
                        acc[0] += 1
                        acc[1] += v >= 9
                        acc[2] += v <= 6
                elif k == 1:
                    if 1 <= v <= 5:
                        acc[3] += 1
                        acc[4] += v >= 4
                elif 1 <= v <= 7:
                    acc[5] += 1
                    acc[6] += v
    out = ['store,nps,csat,ces_mean']
    for name in sorted(stores, key=lambda s: s.encode('utf-8')):
        a = stores[name]
        out.append(','.join((name, rounded(100 * (a[1] - a[2]), a[0], 1),
                             rounded(100 * a[4], a[3], 1), rounded(a[6], a[5], 2))))
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
