#!/usr/bin/env python3
"""csv2xlsx.py - write a CSV file's records as an XLSX workbook (stdlib only), for
the differential test: the workbook must give the same report as the CSV.

  csv2xlsx.py IN.csv OUT.xlsx sst|inline [DELIM]

sst:    strings in the shared string table, each with a phonetic <rPh> run the
        reader must skip; whole numbers as number cells; sheet "Sheet1".
sstplain: the same without the <rPh> runs and the false <dimension> (which xlsx2csv,
        the bench's peer, trusts), and with Excel's spans="1:N" on each row (N: the
        header's width), which xlsx2csv pads short rows to, as cxstat does, for the bench.
inline: strings inline, split into two rich-text runs; whole numbers as numbers;
        ISO dates as date-styled serials (built-in formats 14 and 22 and a
        custom one); a second, hidden sheet; the sheet part at an absolute,
        odd target; sharedStrings absent.
Each record keeps its CSV line number as its row number; blank lines leave gaps.
"""
import csv
import datetime
import re
import sys
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
WHOLE = re.compile(r"^-?(0|[1-9][0-9]{0,14})$")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$")


def esc(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace('"', "&quot;").replace("\r", "&#13;").replace("\t", "&#9;")
    return s.replace("\n", "&#10;")


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def serial(m):
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        day = (datetime.date(y, mo, d) - datetime.date(1899, 12, 30)).days
    except ValueError:
        return None, None
    if day < 61:
        return None, None
    if m.group(4) is None:
        return str(day), 1
    h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if h > 23 or mi > 59 or s > 59:
        return None, None
    frac = (h * 3600 + mi * 60 + s) / 86400
    return repr(day + frac), 2 if m.group(6) else 3


def main():
    src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    phonetic = mode == "sst"
    spans = mode == "sstplain"
    if mode == "sstplain":
        mode = "sst"
    with open(src, encoding="utf-8-sig", newline="") as f:
        text = f.read()  # whole: the generator is for test files
    first = text.split("\n", 1)[0]
    delim = sys.argv[4] if len(sys.argv) > 4 else max(",;\t|", key=first.count)
    sst, sst_index = [], {}
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delim,
                        skipinitialspace=False)
    z = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    name = "Sheet1" if mode == "sst" else "Ответы"
    target = "worksheets/sheet1.xml" if mode == "sst" else "/xl/data/answers.xml"
    part = "xl/worksheets/sheet1.xml" if mode == "sst" else "xl/data/answers.xml"
    out = z.open(part, "w", force_zip64=True)  # streamed: the sheet part comes first
    # a dimension no reader may trust (xlsx2csv does: not in the bench's file)
    dim = '<dimension ref="A1:XFD1048576"/>' if phonetic or mode == "inline" else ""
    out.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<worksheet xmlns="{NS}" xmlns:r="{RNS}">{dim}<sheetData>'.encode())
    width = 0
    for rec in reader:
        if not rec or rec == [""] or all(not c.strip(" \t") for c in rec) and len(rec) == 1:
            continue
        line = reader.line_num
        width = width or len(rec)
        cells = []
        for i, v in enumerate(rec):
            if "\"" not in v:
                v = v.strip(" \t")
            ref = f"{col_name(i)}{line}"
            if v == "":
                continue
            if WHOLE.match(v):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                continue
            m = DATE.match(v) if mode == "inline" else None
            if m:
                num, style = serial(m)
                if num is not None:
                    cells.append(f'<c r="{ref}" s="{style}"><v>{num}</v></c>')
                    continue
            if mode == "sst":
                if v not in sst_index:
                    sst_index[v] = len(sst)
                    sst.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{sst_index[v]}</v></c>')
            else:
                half = len(v) // 2
                runs = (f'<r><t xml:space="preserve">{esc(v[:half])}</t></r>'
                        f'<r><rPr><b/></rPr><t xml:space="preserve">{esc(v[half:])}</t></r>')
                cells.append(f'<c r="{ref}" t="inlineStr"><is>{runs}</is></c>')
        span = f' spans="1:{max(width, len(rec))}"' if spans else ""
        out.write(f'<row r="{line}"{span}>{"".join(cells)}</row>'.encode())
    out.write(b"</sheetData></worksheet>")
    out.close()
    empty = f'<worksheet xmlns="{NS}"><sheetData/></worksheet>'
    styles = (f'<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" '
              f'formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="4">'
              f'<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/>'
              f'<xf numFmtId="164"/></cellXfs></styleSheet>')
    sheets = f'<sheet name="{name}" sheetId="1" r:id="rId1"/>'
    rels = (f'<Relationship Id="rId1" Type="{RNS}/worksheet" Target="{target}"/>'
            f'<Relationship Id="rId2" Type="{RNS}/styles" Target="styles.xml"/>')
    if mode == "inline":
        sheets += '<sheet name="Лист2" sheetId="2" state="hidden" r:id="rId3"/>'
        rels += f'<Relationship Id="rId3" Type="{RNS}/worksheet" Target="../xl/worksheets/s2.xml"/>'
    else:
        rels += f'<Relationship Id="rId4" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>'
    book = (f'<workbook xmlns="{NS}" xmlns:r="{RNS}"><workbookPr/><sheets>{sheets}</sheets>'
            f'</workbook>')
    rph = '<rPh sb="0" eb="1"><t>ふりがな</t></rPh>' if phonetic else ""
    sis = "".join(f'<si><t xml:space="preserve">{esc(s)}</t>{rph}</si>' for s in sst)
    counts = 'count="999999999" uniqueCount="999999999"' if phonetic else f'uniqueCount="{len(sst)}"'
    sst_xml = f'<sst xmlns="{NS}" {counts}>{sis}</sst>'
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    over = [("/xl/workbook.xml", "sheet.main+xml"), (f"/{part}", "worksheet+xml"),
            ("/xl/styles.xml", "styles+xml")]
    over += [("/xl/sharedStrings.xml", "sharedStrings+xml")] if mode == "sst" else []
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Default Extension="rels" '
             'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             + "".join(f'<Override PartName="{n}" ContentType="{ct}.{t}"/>' for n, t in over)
             + '</Types>')
    with z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                   f'Type="{RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}'
                   f'</Relationships>')
        z.writestr("xl/styles.xml", styles)
        if mode == "inline":
            z.writestr("xl/worksheets/s2.xml", empty)
        else:
            z.writestr("xl/sharedStrings.xml", sst_xml)


if __name__ == "__main__":
    main()
