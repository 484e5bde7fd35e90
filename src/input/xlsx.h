/*
 * xlsx.h - reads one sheet of an XLSX workbook (an Office Open XML zip) and
 * hands its header and rows to the same callbacks as the CSV reader, with
 * the sheet's row numbers as line numbers.
 *
 * The archive goes through libzip, every XML part through expat with
 * namespaces.  The sheet is streamed: one row is held at a time.  Shared
 * strings are kept once, in one buffer, and a cell that names one points into
 * it.  Each part's inflated size is counted and capped; a part with a DOCTYPE
 * is refused.  Cells become text as a CSV export of the sheet would show
 * them: numbers within 1e-9 of a whole number as that number, date-styled
 * numbers (and plain numbers in a column wanted with READER_WANT_DATE) as
 * ISO 8601 dates, booleans as TRUE/FALSE, error cells as their text (#N/A).
 */
#ifndef CX_XLSX_H
#define CX_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "reader.h"

/** Largest shared string table kept, in bytes of text (256 MiB). */
#define XLSX_MAX_STRINGS ((size_t)256 << 20)
/** Shared strings XML past which the strings go to a temporary file (else, without
 * one, only the strings in use are kept, in passes) (16 MiB). */
#ifndef XLSX_SST_ALL /* a test build sets 0: every workbook's strings spilled */
#define XLSX_SST_ALL ((unsigned long long)16 << 20)
#endif
/** Largest inflated workbook, rels or styles part (64 MiB). */
#define XLSX_MAX_PART ((unsigned long long)64 << 20)
/** Largest inflated shared strings part (1 GiB). */
#define XLSX_MAX_SST_PART ((unsigned long long)1 << 30)
/** Largest inflated sheet (16 GiB: Excel's own limits give less). */
#define XLSX_MAX_SHEET ((unsigned long long)16 << 30)
/** Excel's limits. */
#define XLSX_MAX_ROWS 1048576u
#define XLSX_MAX_COLS 16384u
#define XLSX_MAX_CHARS 32767u

typedef struct xlsx_options {
    const char *sheet;  /* --sheet: a name, or a 1-based position; NULL: the first */
    FILE *err;          /* notes and warnings (a hidden sheet, formulas without
                           values); NULL: none */
    const char *name;   /* the input's name in those */
    void *ctx;          /* for on_sheet */
    /* Called with the chosen sheet's name before its header is read. */
    void (*on_sheet)(void *ctx, const char *sheet);
    /* How shared strings are kept: 0 (XLSX_STRINGS_AUTO, what the command does),
     * or, for tests and the fuzz target, always as past XLSX_SST_ALL. */
    int strings;
    /* -j: 1 loads the shared strings before the sheet is read; 0 (not given) or
     * more, on a second thread while it is read when there are 2 processors or
     * more (the sheet waits for a string not loaded yet). */
    unsigned jobs;
    /* With threads, the sheet's rows may be counted on several at once, in parts
     * of the caller's added up in the sheet's order (the header still goes to the
     * callbacks); NULL: every record to the callbacks. */
    const struct parallel_ops *parts;
} xlsx_options;

enum {
    XLSX_STRINGS_AUTO,   /* in memory up to XLSX_SST_ALL, then spilled (else passes) */
    XLSX_STRINGS_SPILL,  /* any shared strings spilled (else passes) */
    XLSX_STRINGS_PASSES  /* any shared strings read in passes */
};

/** Read one sheet of the workbook in fd (seekable; not closed). */
reader_status xlsx_read_fd(int fd, const reader_config *cfg, const xlsx_options *xo,
                           const reader_callbacks *cb, reader_result *res);

/** The same on a workbook in memory (for the fuzz target and tests). */
reader_status xlsx_read_buffer(const void *buf, size_t len, const reader_config *cfg,
                               const xlsx_options *xo, const reader_callbacks *cb,
                               reader_result *res);

/**
 * Print the workbook's sheets to out, one a line: position, a tab, the name,
 * a tab, its state (visible, hidden or veryHidden).  Errors as in
 * xlsx_read_fd().
 */
reader_status xlsx_list_fd(int fd, FILE *out, reader_result *res);

#endif
