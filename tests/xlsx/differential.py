#!/usr/bin/env python3
"""differential.py - the XLSX copy of a CSV input must give the same report.

Every end-to-end case that reads data files from tests/e2e/data (and a run on
data/sample_survey.csv) is run twice per output format (-f text, csv, tsv,
json, state): once on the CSV files and once with each CSV file replaced by an
XLSX copy written by csv2xlsx.py, in its "sst" and its "inline" mode.  Standard
output (the input's name aside) and the exit status must be identical.

  differential.py CXSTAT_BINARY [LABEL]
XLSX_DIFF_MODES="sst" runs one mode only.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
E2E = os.path.join(ROOT, "tests", "e2e")
FORMATS = ["text", "csv", "tsv", "json", "state"]
MODES = os.environ.get("XLSX_DIFF_MODES", "sst inline").split()
TOKEN = re.compile(r"(?<=[\s<])([\w./-]+\.(?:csv|tsv|txt))(?=\s|$)")

# Cases whose report depends on what only a text file has, with the reason.
EXPECTED = {
    "platform_qualtrics_layout": "export layout detection reads text records",
    "platform_surveymonkey_layout": "export layout detection reads text records",
    "header_row_with_layout": "export layout detection reads text records",
    "group_unsorted_same": "sorts the CSV's lines with sort(1)",
    "ragged_records": "a sheet row with fewer cells than the header is not malformed",
    "strict_ragged": "a sheet row with fewer cells than the header is not malformed",
    "unterminated_quote": "an open quote exists only in text",
}


def convert(src, dst, mode):
    subprocess.run([sys.executable, os.path.join(HERE, "csv2xlsx.py"), src, dst, mode],
                   check=True)


def run(cmd, cwd, binary, fmt):
    env = dict(os.environ, CXSTAT=f"{binary} -f {fmt}", GEN="false")
    p = subprocess.run(["sh", "-c", cmd], cwd=cwd, env=env, capture_output=True)
    return p.returncode, p.stdout


def utf8_csv(path):
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False
    return not text.startswith("sep=")


def main():
    binary = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="cxstat-xlsx-diff-")
    passed = skipped = 0
    failures, expected = [], []
    try:
        data = os.path.join(tmp, "data")
        shutil.copytree(os.path.join(E2E, "data"), data)
        shutil.copy(os.path.join(ROOT, "data", "sample_survey.csv"), data)
        cases = [("sample_survey", "cd ../../data && $CXSTAT -g store --period=submitted_at "
                  "--every=quarter sample_survey.csv")]
        for root, _, names in sorted(os.walk(os.path.join(E2E, "cases"))):
            if "cmd" in names:  # a case, in its topic's folder
                with open(os.path.join(root, "cmd")) as f:
                    cases.append((os.path.basename(root), f.read()))
        os.makedirs(os.path.join(tmp, "cases", "c"))
        cwd = os.path.join(tmp, "cases", "c")
        for name, cmd in cases:
            lines = [l for l in cmd.splitlines() if l and not l.startswith("#")]
            if len(lines) != 1 or not lines[0].startswith("cd ../../data") or \
                    " merge" in lines[0] or re.search(r"\s(-e|--encoding|-d|--delimiter)", lines[0]):
                skipped += 1
                continue
            line = lines[0]
            toks = [t for t in TOKEN.findall(line)]
            where = os.path.normpath(os.path.join(cwd, line.split()[1]))
            files = [os.path.normpath(os.path.join(where, t)) for t in toks]
            if not toks or not all(os.path.isfile(f) and utf8_csv(f) for f in files):
                skipped += 1
                continue
            for mode in MODES:
                new = line
                for t, f in zip(toks, files):
                    x = f"{f}.{mode}.xlsx"
                    if not os.path.exists(x):
                        convert(f, x, mode)
                    new = re.sub(r"(?<=[\s<])" + re.escape(t) + r"(?=\s|$)",
                                 os.path.relpath(x, where), new)
                for fmt in FORMATS:
                    a = run(line, cwd, binary, fmt)
                    b = run(new, cwd, binary, fmt)
                    out_b = b[1]
                    for t, f in zip(toks, files):
                        rel = os.path.relpath(f"{f}.{mode}.xlsx", where)
                        out_b = out_b.replace(rel.encode(), t.encode())
                    if a[0] == b[0] and a[1] == out_b:
                        passed += 1
                    elif name in EXPECTED:
                        expected.append(f"{name} ({mode}, -f {fmt}): {EXPECTED[name]}")
                    else:
                        failures.append((name, mode, fmt, a, (b[0], out_b)))
    finally:
        shutil.rmtree(tmp)
    shown = set()
    for name, mode, fmt, a, b in failures:
        if name in shown:
            continue
        shown.add(name)
        print(f"FAIL {name} ({mode}, -f {fmt}): exit {a[0]} vs {b[0]}")
        print("  csv: ", a[1][:300])
        print("  xlsx:", b[1][:300])
    for e in sorted(set(e.split(" (")[0] + ": " + e.split("): ")[1] for e in expected)):
        print(f"expected difference: {e}")
    label = f" ({sys.argv[2]})" if len(sys.argv) > 2 else ""
    print(f"xlsx differential{label}: {passed} runs identical, {len(failures)} differ, "
          f"{len(expected)} expected differences, {skipped} cases without CSV files read")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
