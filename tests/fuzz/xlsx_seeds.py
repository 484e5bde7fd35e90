#!/usr/bin/env python3
"""xlsx_seeds.py - the xlsx fuzz target's part-form seeds (tests/fuzz/fuzz_xlsx.c),
written from the zip seeds in tests/fuzz/corpus/xlsx/*.xlsx: a flag byte, then
the workbook's parts in the target's order, separated as it splits them; a part
the workbook lacks is "-", and the first worksheet the workbook names stands in
for sheet1.xml.  Run once after a zip seed is added; the outputs are committed.

  python3 tests/fuzz/xlsx_seeds.py
"""
import glob
import os
import re
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEP = b"\n=====\n"
PARTS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
         "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
         "xl/worksheets/sheet2.xml"]
# flag bytes (see fuzz_xlsx.c): plain; deflated + layout detection; strings spilled;
# strings in passes + the second sheet
FLAGS = [0x00, 0x24, 0x40, 0x88]


def main():
    corpus = os.path.join(HERE, "corpus", "xlsx")
    for n, path in enumerate(sorted(glob.glob(os.path.join(corpus, "*.xlsx")))):
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            got = {}
            for part in PARTS:
                if part in names:
                    got[part] = z.read(part)
            sheets = [m for m in names if re.match(r"xl/.*\.xml$", m) and m not in PARTS and
                      b"<worksheet" in z.read(m)[:400]]
            if "xl/worksheets/sheet1.xml" not in got and sheets:
                got["xl/worksheets/sheet1.xml"] = z.read(sheets[0])
        body = SEP.join(got.get(p, b"-") for p in PARTS)
        name = os.path.splitext(os.path.basename(path))[0] + ".parts"
        with open(os.path.join(corpus, name), "wb") as f:
            f.write(bytes([FLAGS[n % len(FLAGS)]]) + body)
    # the templates alone, each way
    for flag in FLAGS:
        with open(os.path.join(corpus, f"template_{flag:02x}.parts"), "wb") as f:
            f.write(bytes([flag]))


if __name__ == "__main__":
    main()
