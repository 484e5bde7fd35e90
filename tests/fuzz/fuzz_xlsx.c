/*
 * fuzz_xlsx.c - the XLSX reader on workbooks built from the fuzzer's bytes, the
 * archive in memory (xlsx_read_buffer() through zip_source_buffer).
 *
 * The first byte picks the reading: bit 0 no header, bit 1 a line passed
 * over before the header, bit 2 layout detection, bit 3 the second sheet,
 * bit 4 a record passed over, bit 5 the parts deflated (else stored), bits 6-7
 * how shared strings are kept (automatic, spilled, in passes, automatic) and
 * loaded (on a second thread while the sheet is read, but in passes and the
 * last automatic way: first).  Unless bit 1 is set, the counting stage's parts
 * are given, so that with threads the sheet is read by several parsers at once
 * (this target's build cuts sheets into 64-byte chunks).
 *
 * The rest is either a zip archive as it is (it starts with "PK": the archive
 * layer fuzzed; an input that itself starts with "PK", as the first seeds and
 * regressions do, is read as before: its first byte the flags, bits 0-4 only,
 * the rest as it is), or the parts of a workbook, separated by SEP: in order
 * [Content_Types].xml, _rels/.rels, xl/workbook.xml, xl/_rels/workbook.xml.rels,
 * xl/styles.xml, xl/sharedStrings.xml, xl/worksheets/sheet1.xml,
 * xl/worksheets/sheet2.xml.  An empty part (or one past the end) is the template
 * below, a part of just "-" is left out, any other bytes are the part.  They are
 * written into a zip in memory, so that the XML of every part is what is fuzzed.
 *
 * Every field handed on must lie within Excel's cell limit and have text when
 * it was wanted.
 */
#include <stdbool.h>
#include <string.h>
#define ZLIB_CONST /* next_in is const */
#include <zlib.h>

#include "fuzz.h"
#include "parallel.h"
#include "xlsx.h"

/** Between two parts of the input (the dictionary has it). */
#define SEP "\n=====\n"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const struct {
    const char *name, *template;
} parts[] = {
    {"[Content_Types].xml",
     "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
     "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"},
    {"_rels/.rels",
     "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
     "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
    {"xl/workbook.xml",
     "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><workbookPr/><sheets>"
     "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
     "<sheet name=\"B\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets></workbook>"},
    {"xl/_rels/workbook.xml.rels",
     "<Relationships xmlns=\"" NS_PKG "\">"
     "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
     "<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
     "<Relationship Id=\"rId3\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
     "<Relationship Id=\"rId4\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
     "</Relationships>"},
    {"xl/styles.xml",
     "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
     "formatCode=\"dd/mm/yyyy\\ hh:mm\"/></numFmts><cellXfs count=\"3\"><xf numFmtId=\"0\"/>"
     "<xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"},
    {"xl/sharedStrings.xml",
     "<sst xmlns=\"" NS_MAIN "\"><si><t>nps</t></si><si><t xml:space=\"preserve\"> a </t>"
     "</si><si><r><t>b</t></r><r><t>c</t></r><rPh><t>x</t></rPh></si></sst>"},
    {"xl/worksheets/sheet1.xml",
     "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v>"
     "</c><c r=\"C1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>9</v></c>"
     "<c r=\"C2\" s=\"1\"><v>45000.25</v></c><c r=\"F2\" t=\"s\"><v>2</v></c></row><row>"
     "<c t=\"inlineStr\"><is><t>7</t></is></c><c t=\"b\"><v>1</v></c><c s=\"2\"><v>0.5</v>"
     "</c><c t=\"e\"><v>#N/A</v></c><c><f>1+1</f></c></row></sheetData></worksheet>"},
    {"xl/worksheets/sheet2.xml",
     "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"3\"><c r=\"B3\" t=\"str\"><f>x</f>"
     "<v>y</v></c></row></sheetData></worksheet>"},
};
#define NPARTS (sizeof parts / sizeof parts[0])

typedef struct zbuf {
    unsigned char *p;
    size_t len, cap;
} zbuf;

static void put(zbuf *b, const void *s, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->p = realloc(b->p, b->cap);
        FUZZ_CHECK(b->p != NULL);
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void put16(zbuf *b, unsigned v)
{
    unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    put(b, c, 2);
}

static void put32(zbuf *b, unsigned long v)
{
    put16(b, (unsigned)(v & 0xFFFF));
    put16(b, (unsigned)(v >> 16));
}

/* Raw deflate of s (method 8); false when zlib cannot. */
static bool deflate_raw(const unsigned char *s, size_t n, zbuf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    size_t cap = deflateBound(&z, (uLong)n);
    out->p = malloc(cap);
    FUZZ_CHECK(out->p != NULL);
    z.next_in = s;
    z.avail_in = (uInt)n;
    z.next_out = out->p;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    out->len = z.total_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END;
}

typedef struct entry {
    const char *name;
    unsigned long crc, size, csize, offset;
    unsigned method;
} entry;

/* One local header and its data. */
static void add_part(zbuf *zip, entry *e, const unsigned char *s, size_t n, bool deflated)
{
    zbuf packed = {NULL, 0, 0};
    e->method = deflated && deflate_raw(s, n, &packed) ? 8 : 0;
    const unsigned char *data = e->method ? packed.p : s;
    e->crc = crc32(0, s, (uInt)n);
    e->size = (unsigned long)n;
    e->csize = e->method ? (unsigned long)packed.len : (unsigned long)n;
    e->offset = (unsigned long)zip->len;
    size_t nlen = strlen(e->name);
    put32(zip, 0x04034b50);
    put16(zip, 20), put16(zip, 0), put16(zip, e->method), put16(zip, 0), put16(zip, 0x21);
    put32(zip, e->crc), put32(zip, e->csize), put32(zip, e->size);
    put16(zip, (unsigned)nlen), put16(zip, 0);
    put(zip, e->name, nlen);
    put(zip, data, e->csize);
    free(packed.p);
}

/* The central directory and its end record. */
static void finish(zbuf *zip, const entry *e, size_t n)
{
    unsigned long at = (unsigned long)zip->len;
    for (size_t i = 0; i < n; i++) {
        size_t nlen = strlen(e[i].name);
        put32(zip, 0x02014b50);
        put16(zip, 20), put16(zip, 20), put16(zip, 0), put16(zip, e[i].method);
        put16(zip, 0), put16(zip, 0x21);
        put32(zip, e[i].crc), put32(zip, e[i].csize), put32(zip, e[i].size);
        put16(zip, (unsigned)nlen), put16(zip, 0), put16(zip, 0), put16(zip, 0), put16(zip, 0);
        put32(zip, 0), put32(zip, e[i].offset);
        put(zip, e[i].name, nlen);
    }
    unsigned long size = (unsigned long)zip->len - at;
    put32(zip, 0x06054b50);
    put16(zip, 0), put16(zip, 0), put16(zip, (unsigned)n), put16(zip, (unsigned)n);
    put32(zip, size), put32(zip, at), put16(zip, 0);
}

/* The first SEP in s[0..n), or NULL. */
static const unsigned char *find_sep(const unsigned char *s, size_t n)
{
    size_t k = strlen(SEP);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == SEP[0] && memcmp(s + i, SEP, k) == 0)
            return s + i;
    return NULL;
}

/* The workbook the parts in data describe. */
static void build(const unsigned char *data, size_t size, bool deflated, zbuf *zip)
{
    entry e[NPARTS];
    size_t n = 0, sep = strlen(SEP);
    const unsigned char *at = data, *end = data + size;
    for (size_t i = 0; i < NPARTS; i++) {
        const unsigned char *s = NULL, *next = NULL;
        size_t len = 0;
        if (at != NULL) {
            next = find_sep(at, (size_t)(end - at));
            s = at;
            len = next ? (size_t)(next - at) : (size_t)(end - at);
            at = next ? next + sep : NULL;
        }
        if (len == 1 && s[0] == '-')
            continue; /* left out */
        if (len == 0) {
            s = (const unsigned char *)parts[i].template;
            len = strlen(parts[i].template);
        }
        e[n].name = parts[i].name;
        add_part(zip, &e[n++], s, len, deflated);
    }
    finish(zip, e, n);
}

/* The records seen: by the callbacks, or by a part (xlsx_split.c's chunks). */
typedef struct seen {
    size_t want_len;
    uint64_t last_line;
    uint64_t records, first_line;
} seen;

/* Columns 0, 2 and 5 wanted; column 2 as dates. */
static const unsigned char mask[6] = {1, 0, 1 | READER_WANT_DATE, 0, 0, 1};

static void check_fields(const seen *s, const reader_field *f, size_t n, bool all)
{
    FUZZ_CHECK(n <= XLSX_MAX_COLS);
    for (size_t i = 0; i < n; i++) {
        bool wanted = all || (i < s->want_len && mask[i]);
        FUZZ_CHECK(!wanted || f[i].ptr != NULL);
        FUZZ_CHECK(f[i].len <= (size_t)XLSX_MAX_CHARS * 4);
    }
}

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want)
{
    seen *s = ctx;
    if (f)
        check_fields(s, f, n, true);
    s->last_line = line;
    want->mask = mask;
    want->len = s->want_len = sizeof mask;
    return 0;
}

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    seen *s = ctx;
    check_fields(s, f, n, false);
    FUZZ_CHECK(line > s->last_line && line <= XLSX_MAX_ROWS); /* rows only go forward */
    if (s->records++ == 0)
        s->first_line = line;
    s->last_line = line;
    return 0;
}

/* Parts, as the counting stage gives: a sheet's chunks counted on several threads
 * (this build cuts sheets into 64-byte chunks), added up in the sheet's order. */
static void *part_new(void *owner)
{
    seen *p = calloc(1, sizeof *p);
    if (p)
        p->want_len = ((const seen *)owner)->want_len;
    return p;
}

static bool part_fold(void *owner, const void *part, uint64_t lines)
{
    seen *s = owner;
    const seen *p = part;
    FUZZ_CHECK(lines == 0);
    if (p->records == 0)
        return true;
    FUZZ_CHECK(p->first_line > s->last_line); /* rows only go forward across parts too */
    if (s->records == 0)
        s->first_line = p->first_line;
    s->records += p->records;
    s->last_line = p->last_line;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bool legacy = size >= 2 && data[0] == 'P' && data[1] == 'K';
    unsigned how = size > 0 ? data[0] : 0;
    if (legacy)
        how &= 31;
    if (size > 0) {
        data++;
        size--;
    }
    zbuf zip = {NULL, 0, 0};
    if (!legacy && !(size >= 2 && data[0] == 'P' && data[1] == 'K')) {
        build(data, size, (how & 32) != 0, &zip);
        data = zip.p;
        size = zip.len;
    }
    reader_config cfg = {.header = !(how & 1), .skip_lines = (how >> 1) & 1,
                         .detect_layout = (how & 4) != 0, .skip_records = (how >> 4) & 1};
    static const int strings[4] = {XLSX_STRINGS_AUTO, XLSX_STRINGS_SPILL, XLSX_STRINGS_PASSES,
                                   XLSX_STRINGS_AUTO};
    /* the strings loaded on a second thread while the sheet is read, or (the last
     * automatic way) first */
    xlsx_options xo = {.sheet = (how & 8) ? "2" : NULL, .err = NULL, .name = "fuzz",
                       .strings = strings[how >> 6], .jobs = (how >> 6) == 3 ? 1 : 2};
    seen s = {0, 0, 0, 0};
    reader_callbacks cb = {.ctx = &s, .header = on_header, .record = on_record};
    parallel_ops ops = {.owner = &s, .part_new = part_new, .part_free = free,
                        .record = on_record, .fold = part_fold};
    xo.parts = (how & 2) ? NULL : &ops; /* (with a line passed over: every record to cb) */
    reader_result res;
    reader_status st = xlsx_read_buffer(data, size, &cfg, &xo, &cb, &res);
    FUZZ_CHECK(st == res.status);
    FUZZ_CHECK(st != READER_EFORMAT || res.detail[0] != '\0');
    free(zip.p);
    return 0;
}
