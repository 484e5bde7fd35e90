#!/usr/bin/env python3
"""hostile.py - write one odd or hostile XLSX workbook (stdlib only) for a test.

  hostile.py KIND OUT.xlsx      (hostile.py list: the kinds)

Each kind is a small workbook whose right reading is known by hand; the
end-to-end cases tests/e2e/cases/xlsx_* run cxstat on them.
"""
import posixpath
import struct
import sys
import zipfile
import zlib

T = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
S = "http://purl.oclc.org/ooxml/spreadsheetml/main"
TR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SR = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')


def sheet_xml(rows, ns=T):
    return f'<worksheet xmlns="{ns}"><sheetData>{rows}</sheetData></worksheet>'


def book(sheets, ns=T, rns=TR, pr=""):
    """sheets: [(name, target, state or None)]; rIds in order."""
    s = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"'
                f'{f" state={chr(34)}{st}{chr(34)}" if st else ""}/>'
                for i, (n, _, st) in enumerate(sheets))
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{rns}/worksheet" Target="{t}"/>'
                   for i, (_, t, _) in enumerate(sheets))
    return (f'<workbook xmlns="{ns}" xmlns:r="{rns}">{pr}<sheets>{s}</sheets></workbook>',
            f'<Relationships xmlns="{PKG}">{rels}'
            f'<Relationship Id="rIdS" Type="{rns}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rIdT" Type="{rns}/styles" Target="styles.xml"/>'
            f'</Relationships>')


def parts(sheets, extra, ns=T, rns=TR, pr=""):
    wb, rels = book([(n, t, st) for n, t, st, _ in sheets], ns, rns, pr)
    p = {"[Content_Types].xml": TYPES,
         "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                        f'Type="{rns}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
         "xl/workbook.xml": wb, "xl/_rels/workbook.xml.rels": rels}
    for n, t, st, body in sheets:
        path = posixpath.normpath(t[1:] if t.startswith("/") else "xl/" + t)
        p[path] = body
    p.update(extra)
    return p


def write(out, p, **kw):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, **kw) as z:
        for name, body in p.items():
            z.writestr(name, body)


def nps_rows(values, start=2):
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>nps</t></is></c></row>'
    for i, v in enumerate(values):
        rows += f'<row r="{start + i}"><c r="A{start + i}"><v>{v}</v></c></row>'
    return rows


def k_rph(out):
    """Shared strings with furigana: 'Promoter' must be read without its <rPh>."""
    sst = (f'<sst xmlns="{T}"><si><t>nps</t></si><si><r><t>Pro</t></r><r><t>moter</t></r>'
           f'<rPh sb="0" eb="3"><t>ぷろもーたー</t></rPh></si></sst>')
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>1</v></c></row>'
            '<row r="3"><c r="A3"><v>10</v></c></row>')
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))],
                     {"xl/sharedStrings.xml": sst}))


def k_strict(out):
    """ISO 29500 Strict namespaces throughout."""
    rows = nps_rows([10, 9, 0])
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows, S))], {}, S, SR))


def k_strictdates(out):
    """Strict throughout, a 1904 workbook: a date style (built-in 14) and a plain
    serial in the --period column (43466 is 2023-01-02 in the 1904 system)."""
    styles = (f'<styleSheet xmlns="{S}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/>'
              f'</cellXfs></styleSheet>')
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>when</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>nps</t></is></c></row>'
            '<row r="2"><c r="A2" s="1"><v>43466</v></c><c r="B2"><v>10</v></c></row>'
            '<row r="3"><c r="A3"><v>43497.75</v></c><c r="B3"><v>0</v></c></row>')
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows, S))],
                     {"xl/styles.xml": styles}, S, SR, pr='<workbookPr date1904="1"/>'))


def k_timeonly(out):
    """Times of day alone (time-only styles, serials below 1) in the --period column,
    and a full serial with a time-only style (45000.5 is 2023-03-15 12:00)."""
    styles = (f'<styleSheet xmlns="{T}"><numFmts><numFmt numFmtId="164" formatCode="hh:mm"/>'
              f'</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="21"/>'
              f'</cellXfs></styleSheet>')
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>nps</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>when</t></is></c></row>'
            '<row r="2"><c r="A2"><v>9</v></c><c r="B2" s="1"><v>0.5</v></c></row>'
            '<row r="3"><c r="A3"><v>10</v></c><c r="B3" s="2"><v>0.75</v></c></row>'
            '<row r="4"><c r="A4"><v>3</v></c><c r="B4" s="1"><v>45000.5</v></c></row>')
    write(out, parts([("T", "worksheets/sheet1.xml", None, sheet_xml(rows))],
                     {"xl/styles.xml": styles}))


def k_targets(out):
    """Sheets listed out of file order, absolute and ../ targets."""
    write(out, parts([("Second file first", "/xl/worksheets/../worksheets/sheet2.xml", None,
                       sheet_xml(nps_rows([10, 10]))),
                      ("Other", "./worksheets/./sheet1.xml", None, sheet_xml(nps_rows([0])))],
                     {}))


def k_types(out):
    """b, e, str, d, inlineStr, a formula without <v>, an empty <v/>, a fraction."""
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>nps</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>ok</t></is></c></row>'
            '<row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="b"><v>1</v></c></row>'
            '<row r="3"><c r="A3" t="str"><f>A4</f><v>9</v></c><c r="B3" t="b"><v>0</v></c></row>'
            '<row r="4"><c r="A4"><f>SUM(1,2)</f></c></row>'
            '<row r="5"><c r="A5"><v/></c></row>'
            '<row r="6"><c r="A6" t="d"><v>2024-05-01T00:00:00</v></c></row>'
            '<row r="7"><c r="A7"><v>9.0000000001</v></c></row>'
            '<row r="8"><c r="A8"><v>8.5</v></c></row>'
            '<row r="9"><c r="A9" t="inlineStr"><is><t xml:space="preserve"> 7 </t></is></c></row>')
    write(out, parts([("Types", "worksheets/sheet1.xml", None, sheet_xml(rows))], {}))


def k_noref(out):
    """Rows and cells without r: counted in order; gaps from r fill with blanks."""
    rows = ('<row><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>nps</t></is>'
            '</c></row><row><c><v>1</v></c><c><v>10</v></c></row>'
            '<row r="5"><c r="B5"><v>3</v></c></row><row><c><v>4</v></c><c r="B6"><v>9</v></c>'
            '</row>')
    write(out, parts([("N", "worksheets/sheet1.xml", None, sheet_xml(rows))], {}))


def k_dates(out):
    """A 1904 workbook: a custom date format, built-in 14 and a plain serial."""
    styles = (f'<styleSheet xmlns="{T}"><numFmts><numFmt numFmtId="170" '
              f'formatCode="[$-409]d\\ mmm\\ yyyy;@"/><numFmt numFmtId="171" '
              f'formatCode="&quot;day&quot;\\ 0"/></numFmts><cellXfs><xf numFmtId="0"/>'
              f'<xf numFmtId="170"/><xf numFmtId="14"/><xf numFmtId="171"/></cellXfs>'
              f'</styleSheet>')
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>when</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>nps</t></is></c></row>'
            # 1904 system: serial 0 is 1904-01-01; 43466 is 2023-01-02
            '<row r="2"><c r="A2" s="1"><v>43466</v></c><c r="B2" s="3"><v>10</v></c></row>'
            '<row r="3"><c r="A3" s="2"><v>43497.75</v></c><c r="B3"><v>6</v></c></row>'
            '<row r="4"><c r="A4"><v>43560</v></c><c r="B4"><v>9</v></c></row>')
    write(out, parts([("D", "worksheets/sheet1.xml", None, sheet_xml(rows))],
                     {"xl/styles.xml": styles}, pr='<workbookPr date1904="1"/>'))


def k_hidden(out):
    """The first sheet is hidden; the second, in Cyrillic, visible."""
    write(out, parts([("Скрытый", "worksheets/sheet1.xml", "hidden", sheet_xml(nps_rows([0]))),
                      ("Ответы", "worksheets/sheet2.xml", None, sheet_xml(nps_rows([10, 9])))],
                     {}))


def k_infofirst(out):
    """A notes sheet before the answers, as forms' exports add one."""
    info = '<row r="1"><c r="A1" t="inlineStr"><is><t>about</t></is></c></row>'
    write(out, parts([("Инфо", "worksheets/sheet1.xml", None, sheet_xml(info)),
                      ("Ответы", "worksheets/sheet2.xml", None, sheet_xml(nps_rows([10, 9])))],
                     {}))


def k_bigstring(out):
    """One 32,767-character shared string in 12,000 cells: kept once."""
    s = "x" * 32767
    sst = f'<sst xmlns="{T}"><si><t>nps</t></si><si><t>{s}</t></si></sst>'
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + "".join(
        f'<row r="{i}"><c r="A{i}" t="s"><v>1</v></c></row>' for i in range(2, 12002))
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))],
                     {"xl/sharedStrings.xml": sst}))


def k_longstring(out):
    """A shared string past Excel's 32,767 characters."""
    sst = f'<sst xmlns="{T}"><si><t>nps</t></si><si><t>{"y" * 40000}</t></si></sst>'
    write(out, parts([("S", "worksheets/sheet1.xml", None,
                       sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))],
                     {"xl/sharedStrings.xml": sst}))


def k_bomb(out):
    """styles.xml inflating from ~1 MB to 1 GiB of blanks inside its root."""
    p = parts([("S", "worksheets/sheet1.xml", None, sheet_xml(nps_rows([10])))], {})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in p.items():
            z.writestr(name, body)
        with z.open("xl/styles.xml", "w", force_zip64=True) as f:
            f.write(f'<styleSheet xmlns="{T}">'.encode())
            block = b" " * (1 << 20)
            for _ in range(1024):
                f.write(block)
            f.write(b"</styleSheet>")


def k_doctype(out):
    """A DOCTYPE with a nested entity (a billion laughs in small)."""
    wb = ('<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">'
          '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
          f'<workbook xmlns="{T}" xmlns:r="{TR}"><sheets><sheet name="&b;" sheetId="1" '
          'r:id="rId1"/></sheets></workbook>')
    p = parts([("S", "worksheets/sheet1.xml", None, sheet_xml(nps_rows([10])))], {})
    p["xl/workbook.xml"] = wb
    write(out, p)


def k_encrypted(out):
    """The sheet's entry flagged as encrypted (traditional PKWARE), as a password gives."""
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(nps_rows([10])))], {}))
    data = bytearray(open(out, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    i = 0
    while True:  # set bit 0 of the flags in the local header and the central entry
        i = data.find(name, i + 1)
        if i < 0:
            break
        for sig, off in ((b"PK\x03\x04", 30), (b"PK\x01\x02", 46)):
            if data[i - off:i - off + 4] == sig:
                flags_at = i - off + (6 if sig == b"PK\x03\x04" else 8)
                flags = struct.unpack_from("<H", data, flags_at)[0]
                struct.pack_into("<H", data, flags_at, flags | 1)
    open(out, "wb").write(bytes(data))


def k_crc(out):
    """A damaged sheet: one stored byte changed, so its CRC-32 does not match."""
    p = parts([("S", "worksheets/sheet1.xml", None, sheet_xml(nps_rows([10, 9, 8])))], {})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, body in p.items():
            z.writestr(name, body)
    data = bytearray(open(out, "rb").read())
    i = data.find(b"<v>10</v>")
    data[i + 3] = ord("7")
    open(out, "wb").write(bytes(data))


def k_truncated(out):
    """A workbook cut in half."""
    k_types(out)
    data = open(out, "rb").read()
    open(out, "wb").write(data[:len(data) // 2])


def k_noct(out):
    """A zip that is not a workbook: no [Content_Types].xml."""
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")


def k_sstindex(out):
    """t="s" with no shared strings part."""
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))], {}))


def k_sstnotnum(out):
    """t="s" whose value is no number (a shared strings part there)."""
    rows = '<row r="1"><c r="A1" t="s"><v>x12</v></c></row>'
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))],
                     {"xl/sharedStrings.xml": f'<sst xmlns="{T}"><si><t>nps</t></si></sst>'}))


def k_zip64(out):
    """ZIP64 records (as a writer of large files makes them)."""
    p = parts([("S", "worksheets/sheet1.xml", None, sheet_xml(nps_rows([10, 7, 3])))], {})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in p.items():
            with z.open(name, "w", force_zip64=True) as f:
                f.write(body.encode())


def k_order(out):
    """A row number that goes back."""
    write(out, parts([("S", "worksheets/sheet1.xml", None,
                       sheet_xml(nps_rows([10]) + '<row r="1"/>'))], {}))


def k_wide(out):
    """A cell past column XFD."""
    rows = nps_rows([10]) + '<row r="3"><c r="XFE3"><v>1</v></c></row>'
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))], {}))


def k_chart(out):
    """The first sheet is a chart sheet."""
    p = parts([("Chart", "chartsheets/sheet1.xml", None, "<chartsheet/>")], {})
    p["xl/_rels/workbook.xml.rels"] = p["xl/_rels/workbook.xml.rels"].replace(
        "/worksheet\"", "/chartsheet\"")
    write(out, p)


def k_norel(out):
    """A sheet whose r:id no relationship has."""
    p = parts([("S", "worksheets/sheet1.xml", None, sheet_xml(nps_rows([10])))], {})
    p["xl/workbook.xml"] = p["xl/workbook.xml"].replace('r:id="rId1"', 'r:id="rId9"')
    write(out, p)


def k_noname(out):
    """A sheet without a name."""
    p = parts([("S", "worksheets/sheet1.xml", None, sheet_xml(nps_rows([10])))], {})
    p["xl/workbook.xml"] = p["xl/workbook.xml"].replace('name="S" ', "")
    write(out, p)


def k_nosheets(out):
    """A workbook without sheets."""
    p = parts([], {})
    write(out, p)


def k_rowrange(out):
    """A row past Excel's 1,048,576."""
    write(out, parts([("S", "worksheets/sheet1.xml", None,
                       sheet_xml(nps_rows([10]) + '<row r="1048577"/>'))], {}))


def k_cellorder(out):
    """A cell before the one it follows."""
    rows = nps_rows([10]) + '<row r="3"><c r="B3"><v>1</v></c><c r="A3"><v>2</v></c></row>'
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))], {}))


def k_pastxfd(out):
    """A cell without r after one in column XFD."""
    rows = nps_rows([10]) + '<row r="3"><c r="XFD3"><v>1</v></c><c><v>2</v></c></row>'
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))], {}))


def k_longcell(out):
    """An inline string past 32,767 characters."""
    rows = nps_rows([10]) + f'<row r="3"><c r="A3" t="inlineStr"><is><t>{"z" * 32768}</t></is></c></row>'
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))], {}))


def k_nopart(out):
    """A relationship to a part the archive does not have."""
    p = parts([("S", "worksheets/sheet1.xml", None, sheet_xml(nps_rows([10])))], {})
    del p["xl/worksheets/sheet1.xml"]
    write(out, p)


def k_badxml(out):
    """A sheet that is not well-formed XML."""
    write(out, parts([("S", "worksheets/sheet1.xml", None, "<worksheet><sheetData></row>")], {}))


def store_rows(refs):
    """A header (nps, store: shared strings 0 and 1) and rows of a score and a string."""
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    for i, (v, k) in enumerate(refs):
        r = i + 2
        rows += f'<row r="{r}"><c r="A{r}"><v>{v}</v></c><c r="B{r}" t="s"><v>{k}</v></c></row>'
    return rows


def k_sstlast(out):
    """The sheet's first data cells name the last of 60,000 shared strings: the sheet
    waits for them (strings loaded on a second thread), then goes back to the first."""
    sst = "".join(f"<si><t>s{i}</t></si>" for i in range(2, 60000))
    sst = f'<sst xmlns="{T}"><si><t>nps</t></si><si><t>store</t></si>{sst}</sst>'
    rows = store_rows([(10, 59999), (9, 59999), (0, 2), (7, 59998)])
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))],
                     {"xl/sharedStrings.xml": sst}))


def k_sstlate(out):
    """Shared strings that break after 60,000 strings, and a sheet whose third row
    goes back: the strings' error is the one reported, as when they are read first."""
    sst = "".join(f"<si><t>s{i}</t></si>" for i in range(2, 60000))
    sst = f'<sst xmlns="{T}"><si><t>nps</t></si><si><t>store</t></si>{sst}<si><t>x</si></sst>'
    rows = store_rows([(10, 2), (9, 3)]) + '<row r="2"/>'
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))],
                     {"xl/sharedStrings.xml": sst}))


def k_sstwake(out):
    """The sheet's first cell names string 59,999 of shared strings that break before
    it: the sheet, waiting for it, gets the strings' error."""
    sst = "".join(f"<si><t>s{i}</t></si>" for i in range(2, 30000))
    sst = f'<sst xmlns="{T}"><si><t>nps</t></si><si><t>store</t></si>{sst}<si><t>x</si></sst>'
    rows = store_rows([(10, 59999)])
    write(out, parts([("S", "worksheets/sheet1.xml", None, sheet_xml(rows))],
                     {"xl/sharedStrings.xml": sst}))


KINDS = {k[2:]: f for k, f in globals().items() if k.startswith("k_")}

if __name__ == "__main__":
    if sys.argv[1] == "list":
        print("\n".join(sorted(KINDS)))
    else:
        KINDS[sys.argv[1]](sys.argv[2])
