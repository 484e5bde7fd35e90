/* xlsx_int.h - what the parts of the XLSX reader share (not a public header). */
#ifndef CX_XLSX_INT_H
#define CX_XLSX_INT_H

#include <expat.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "xlsx_lib.h"

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

/*
 * The shared strings: their text in chunks that never move (or in a temporary
 * file), and where each starts in chunks that never move either, so that the
 * sheet can use the strings published so far while a second thread adds more.
 * String i is text [off(i), off(i + 1)).
 */
#define XSST_TEXT_CHUNK ((size_t)64 << 10)
#define XSST_OFF_CHUNK ((size_t)1 << 16) /* offsets per chunk */
/* Most strings a part within XLSX_MAX_SST_PART can hold ("<si/>": 5 bytes), and the end. */
#define XSST_MAX_COUNT ((size_t)(XLSX_MAX_SST_PART / 5) + 2)

typedef struct xsst {
    char **text;          /* in memory: XLSX_MAX_STRINGS / XSST_TEXT_CHUNK chunks */
    uint64_t len;         /* bytes of text so far (spilled ones included) */
    uint32_t **off;       /* XSST_MAX_COUNT / XSST_OFF_CHUNK + 1 chunks of offsets */
    size_t n;             /* complete strings */
    /* Past XLSX_SST_ALL, the text goes to a temporary file instead (gather holds
     * what is not written yet) and is read back through a small page cache. */
    FILE *spill;
    uint64_t spilled;
    xbuf gather;
    /* Loaded on a second thread: the first `ready` strings are published. */
    bool threaded;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t ready;
    int state;            /* XSST_LOADING, XSST_DONE, XSST_FAILED */
    unsigned waiting;     /* the sheet's parsers waiting for a string */
} xsst;

enum { XSST_LOADING, XSST_DONE, XSST_FAILED };

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
    xsst table;           /* the shared strings (loaded here, or on a second thread) */
    xsst *t;              /* &table, for the reader and for the loader's own context */
    size_t known;         /* strings the sheet may use without asking (xlsx_string_ready) */
    char *pages;          /* the spill's cache: XLSX_SPILL_SLOTS pages of XLSX_SPILL_PAGE */
    uint64_t *page_tag;   /* per slot: 1 + the page it holds, 0: none */
    uint32_t *page_len;   /* per slot: its bytes read (the file may have grown since) */
    /* the workbook's bytes, to open the archive a second time for the loader */
    int fd;               /* -1: in memory */
    const void *buf;
    size_t buflen;
    struct xlsx_loader *loader; /* the second thread, while it runs */
    bool pipe;            /* parts inflated on a second thread while expat parses them */
} xlsx;

/** Inflated bytes handed to expat at a time: large blocks, inflated straight into
 * expat's own buffer (XML_GetBuffer) when on one thread, so that no block is copied. */
#define XLSX_PART_BLOCK ((size_t)256 << 10)

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
/* The pieces of xlsx_parse(): a part opened (NULL: missing, an error when required,
 * or unreadable, an error), and a parser with namespaces, no DOCTYPE and these
 * handlers on ud, which becomes x->parser (NULL: out of memory, an error). */
zip_file_t *xlsx_open_part(xlsx *x, const char *path, bool required);
XML_Parser xlsx_parser(xlsx *x, void *ud, XML_StartElementHandler start,
                       XML_EndElementHandler end, XML_CharacterDataHandler text);

/* xlsx_book.c */
bool xlsx_load_book(xlsx *x);
bool xlsx_load_styles(xlsx *x);
void xlsx_free_book(xlsx *x);
/* The workbook's part of a relationship kind ("sharedStrings"), else fallback. */
char *xlsx_part_of(xlsx *x, const char *kind, const char *fallback);

/* xlsx_sst.c: the shared strings */
size_t xlsx_chars(const char *s, size_t n);
bool xlsx_load_strings(xlsx *x);
/* The shared strings part's declared inflated size (0: none), to choose the mode. */
unsigned long long xlsx_strings_size(xlsx *x);
void xlsx_drop_strings(xlsx *x);
/* Make the temporary file the strings go to; false without an error when none can
 * be made (the caller then reads in passes), false with one without memory. */
bool xlsx_spill_open(xlsx *x);
/* The page cache a reader of the spill reads it through (one per thread). */
bool xlsx_spill_cache(xlsx *x);
void xlsx_spill_cache_free(xlsx *x);
/* Load the shared strings into it (after xlsx_spill_open). */
bool xlsx_spill_strings(xlsx *x);
/* Load the shared strings on a second thread, with the archive opened again;
 * false (no error) when that cannot be done: the caller loads them itself. */
bool xlsx_strings_start(xlsx *x);
/* Wait for that thread; false when it failed: its error is then the result. */
bool xlsx_strings_join(xlsx *x);
/* 1: shared string k can be read; 0: the table ends before it; -1: the loading
 * thread failed (the sheet stops; xlsx_strings_join() gives the error). */
int xlsx_string_ready(xlsx *x, size_t k);
/* Append shared string k (ready) to b. */
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
