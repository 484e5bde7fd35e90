/* xlsx_int.h - what the parts of the XLSX reader share (not a public header). */
#ifndef CX_XLSX_INT_H
#define CX_XLSX_INT_H

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "reader.h"
#include "xlsx.h"

/** A growable byte buffer with a cap. */
typedef struct xbuf {
    char *p;
    size_t len, cap;
} xbuf;

typedef struct xsheet {
    char *name, *rid, *state, *path; /* path: the part, resolved through the rels */
    bool worksheet;                  /* the rels call it a worksheet (not a chart sheet) */
} xsheet;

typedef struct xrel {
    char *id, *type, *target;
} xrel;

typedef struct xfmt {
    uint32_t id;
    bool date;
} xfmt;

typedef struct xlsx {
    zip_t *za;
    XML_Parser parser;    /* the part being parsed (one at a time) */
    reader_result *res;
    bool failed;
    char *wb_path;        /* the workbook part */
    bool date1904;
    xsheet *sheets;
    size_t nsheets, sheets_cap;
    xrel *rels;           /* the workbook's relationships */
    size_t nrels, rels_cap;
    xfmt *fmts;           /* custom number formats */
    size_t nfmts, fmts_cap;
    unsigned char *xf_date; /* per cellXfs entry: a date style */
    size_t nxf, xf_cap;
    /* Past XLSX_SST_ALL bytes of shared strings XML, only the strings that the
     * header and the wanted columns use are kept (marks: a bit per string). */
    bool sparse;
    unsigned char *marks;
    size_t marks_cap;
    reader_want want;     /* the header callback's answer, from the probe pass */
    bool header_given;    /* the probe pass called the header callback */
    xbuf sst;             /* shared strings, one after another */
    uint32_t *sst_off;    /* string i is sst.p[sst_off[i] .. sst_off[i + 1]) */
    size_t nsst, sst_off_cap;
    /* Past XLSX_SST_ALL, the strings go to a temporary file instead (sst is then
     * its write buffer, spilled bytes before it) and are read back through a
     * small cache of file pages: one pass over the sheet and one over the strings. */
    FILE *spill;
    uint64_t spilled;
    char *pages;          /* XLSX_SPILL_SLOTS pages of XLSX_SPILL_PAGE bytes */
    uint64_t *page_tag;   /* per slot: 1 + the page it holds, 0: none */
} xlsx;

/** The spill's page cache: a direct-mapped cache of file pages (1 MiB). */
#define XLSX_SPILL_PAGE ((size_t)4096)
#define XLSX_SPILL_SLOTS ((size_t)256)

/* xlsx_zip.c */
bool xlsx_fail(xlsx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool xbuf_add(xbuf *b, const char *s, size_t n, size_t cap);
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
const char *xlocal(const char *name);
const char *xattr(const char **atts, const char *local);
bool xlsx_has(xlsx *x, const char *path);
/* The elements the sheet and shared strings readers look at, by local name. */
enum xtag { T_OTHER, T_SHEETDATA, T_ROW, T_C, T_V, T_F, T_IS, T_T, T_RPH, T_SI };
enum xtag xlsx_tag(const char *name);
char *xlsx_resolve(const char *base_part, const char *target);
/*
 * Parse one part with expat, handlers h on user data ud (whose first member
 * is the xlsx *); at most cap inflated bytes.  A missing part is an error
 * when required, else false without one.  *stopped: a handler stopped it.
 */
bool xlsx_parse(xlsx *x, const char *path, unsigned long long cap, bool required, void *ud,
                XML_StartElementHandler start, XML_EndElementHandler end,
                XML_CharacterDataHandler text, XML_Parser *pp);

/* xlsx_book.c */
bool xlsx_load_book(xlsx *x);
bool xlsx_load_strings(xlsx *x);
bool xlsx_load_styles(xlsx *x);
void xlsx_free_book(xlsx *x);
size_t xlsx_chars(const char *s, size_t n);

/* The shared strings part's declared inflated size (0: none), to choose the mode. */
unsigned long long xlsx_strings_size(xlsx *x);
void xlsx_drop_strings(xlsx *x);
/* Load the shared strings into a temporary file; false without an error when none
 * can be made (the caller then reads in passes), false with one when they cannot be
 * read or written. */
bool xlsx_spill_strings(xlsx *x);
/* Append shared string k to b (from memory, or from the spill). */
bool xlsx_string_to(xlsx *x, size_t k, xbuf *b);
bool xlsx_marked(const xlsx *x, size_t i);

/* xlsx_sheet.c: a sheet is read once, or in passes when the strings are sparse */
typedef enum sheet_pass {
    PASS_READ,        /* the records (and the header, unless the probe gave it) */
    PASS_MARK_HEADER, /* mark the header row's strings, stop after it */
    PASS_PROBE,       /* the header callback only: x->want */
    PASS_MARK_DATA    /* mark the strings of the wanted columns */
} sheet_pass;
bool xlsx_read_sheet(xlsx *x, const xsheet *sh, const reader_config *cfg,
                     const xlsx_options *xo, const reader_callbacks *cb, sheet_pass pass);
/* The ISO 8601 text of an Excel serial (out: 20 bytes); false outside 0..2958465. */
bool xlsx_serial_text(double serial, bool date1904, char *out, size_t size);

#endif
