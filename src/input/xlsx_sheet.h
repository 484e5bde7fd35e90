/* xlsx_sheet.h - the state of one parser reading a sheet (xlsx_sheet.c), shared
 * with xlsx_split.c, which runs several such parsers on one sheet at once.  Not a
 * public header. */
#ifndef CX_XLSX_SHEET_H
#define CX_XLSX_SHEET_H

#include "parallel.h"
#include "xlsx_int.h"

/* Where a cell's text is: nowhere (empty), or in the row's buffer. */
enum { CELL_NONE, CELL_ROW };

typedef struct cell_slot {
    unsigned char kind;
    size_t off, len;
} cell_slot;

/* Elements open whose tags are kept, so that their ends need not look at names. */
#define TAG_STACK 32

typedef struct sheet_ud {
    xlsx *x;
    XML_Parser p;
    const xsheet *sh;
    const reader_config *cfg;
    const reader_callbacks *cb;
    sheet_pass pass;
    bool mark_all;        /* PASS_MARK_DATA: this row's strings are all kept */
    uint64_t data_rows;   /* PASS_MARK_DATA: rows after the header so far */
    bool stopped;
    unsigned depth;       /* elements open */
    unsigned char tags[TAG_STACK]; /* the tags of the outer ones */
    /* where we are */
    int data;             /* inside <sheetData> */
    bool in_row, in_cell, in_v, in_is, in_t;
    int rph;
    uint64_t row, last_row;
    size_t col;           /* 0-based column of the cell, or of the last one */
    char type;            /* t=: 's', 'i' inlineStr, 'n', 'b', 'e', 'f' str, 'd' */
    size_t style;
    bool has_v, has_f;
    xbuf val;             /* the cell's <v> or inline text */
    size_t val_chars;     /* its characters */
    /* the row being collected */
    xbuf text;
    cell_slot *slots;
    size_t nslots, slots_cap;
    size_t width;         /* columns up to the last cell with text */
    reader_field *fields;
    size_t fields_cap;
    /* records */
    bool header_done;
    size_t header_n;      /* the header's width (or the first record's) */
    uint64_t records_left;
    reader_want want;
    /* layout detection: the first records after the header, copied */
    bool holding;
    size_t nheld;
    char *held_bytes[READER_LAYOUT_ROWS];
    reader_field *held[READER_LAYOUT_ROWS];
    size_t held_n[READER_LAYOUT_ROWS];
    uint64_t held_row[READER_LAYOUT_ROWS];
    uint64_t no_value;    /* formulas without a cached value */
    char no_value_at[24]; /* the first one's cell (of those past no_value_base) */
    uint64_t no_value_base;
    /* Records go to cb->record, or with ops (xlsx_split.c) to a part of the
     * caller's, made at the first record of each chunk of the sheet. */
    const parallel_ops *ops;
    void *part;
    /* what xlsx_split.c checks a chunk's reading by: the offsets in this parser's
     * input where the <sheetData> start tag and the last row ended, and the
     * chunk's first row */
    uint64_t data_at, row_end;
    bool first_seen, first_implicit;
    uint64_t first_row;
    bool header_stopped;  /* the header callback stopped the reading */
} sheet_ud;

/* Its buffers and held rows freed (not the parser). */
void xlsx_sheet_free(sheet_ud *u);
void XMLCALL xlsx_sheet_start(void *ud, const XML_Char *name, const XML_Char **atts);
void XMLCALL xlsx_sheet_end(void *ud, const XML_Char *name);
void XMLCALL xlsx_sheet_text(void *ud, const XML_Char *s, int len);

/* xlsx_split.c */
/** Parsers of one sheet at most. */
#define SPLIT_WORKERS 4u
typedef enum split_result {
    SPLIT_DONE,  /* read: the records are counted in the caller's counts */
    SPLIT_AGAIN, /* read it again on one parser: nothing was counted but the header */
    SPLIT_NOT    /* could not start (nothing read): read it on one parser */
} split_result;
/*
 * Read the sheet at path with u (a PASS_READ state, u->ops set) as the first of
 * up to workers parsers: its XML cut into chunks at row starts, each chunk's
 * records counted in a part of u->ops, the parts added up in the sheet's order.
 */
split_result xlsx_split_read(sheet_ud *u, const char *path, unsigned workers);

#endif
