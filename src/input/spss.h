/*
 * spss.h - SPSS (.sav, .zsav) and Stata (.dta) files through libreadstat,
 * handed to the same header and record callbacks as the CSV reader (reader.h),
 * so the count stage does not know which format it reads.
 *
 * What a statistics file carries that CSV does not is turned into text here:
 *   - the header names are the variable names; the variable labels are given
 *     to an optional callback first, so columns can be named by either;
 *   - a value label names a code: a labelled column that is not scored gives
 *     its labels ("North"), so -g segments carry the labels;
 *   - a scored column (a metric's) follows the labels rule: when every code
 *     in the data has a value label that starts with a whole number on the
 *     scale, the label's number is the answer (said once); otherwise the codes
 *     are the answers when they are all on the scale; otherwise, for a
 *     labelled column, the file is refused (SPSS_ELABELS) and --labels named;
 *   - user-defined missing values (SPSS), system-missing and Stata's tagged
 *     missing values (.a-.z) are blank fields; the user-missing answers of a
 *     scored column are counted and listed by label once;
 *   - dates (SPSS DATE, ADATE, EDATE, SDATE, JDATE, DATETIME, YMDHMS; Stata
 *     %td, %tc, %tC) become ISO 8601 text for --period.
 * A record's "line" is its case number + 1 (the header is line 1), so
 * messages name the case.
 *
 * The file is parsed three times (variables; codes and labels; records), so
 * it must be seekable: the caller copies a pipe to an unlinked temporary
 * file (format_spool()).  Memory is the variables, the value labels and one record.
 */
#ifndef CX_SPSS_H
#define CX_SPSS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "formats.h"
#include "reader.h"

/** Distinct codes looked at per scored column; more cannot be a scale's labels. */
#define SPSS_MAX_CODES 256

/** What the caller reads a wanted column as (filled by spss_callbacks.column). */
typedef format_column spss_column;

typedef struct spss_callbacks {
    reader_callbacks base; /* header and record as reader.c calls them; base.ctx for all */
    /* Optional: the variable labels ("" for none), n of them, before the header. */
    void (*labels)(void *ctx, const reader_field *labels, size_t n);
    /* Optional: after the header, once per wanted column; *out starts zeroed (not scored). */
    void (*column)(void *ctx, size_t col, spss_column *out);
} spss_callbacks;

typedef struct spss_config {
    bool stata;          /* a Stata .dta file; false: SPSS .sav or .zsav */
    const char *name;    /* the input's name in messages */
    FILE *err;           /* notes and refusals go here; NULL: nowhere */
    bool quiet;          /* no notes (a refusal is still written) */
} spss_config;

typedef enum spss_status {
    SPSS_OK = 0,
    SPSS_STOPPED,  /* a callback returned non-zero */
    SPSS_EPARSE,   /* libreadstat could not read the file: message holds why */
    SPSS_ENOMEM,
    SPSS_EFIELD,   /* a value longer than READER_MAX_FIELD, or too many variables */
    SPSS_ELABELS   /* a scored column whose codes and labels are no scores (message written) */
} spss_status;

typedef struct spss_result {
    spss_status status;
    uint64_t records;    /* cases delivered */
    uint64_t line;       /* the case (+1) an error is in; 0 when none */
    char message[256];   /* for SPSS_EPARSE: libreadstat's words */
} spss_result;

/** Read the file open on fd from byte offset on (pread; fd's offset is not used). */
spss_status spss_read_fd(int fd, uint64_t offset, const spss_config *cfg,
                         const spss_callbacks *cb, spss_result *res);

/** Read a file held in memory (the fuzz target's way in). */
spss_status spss_read_buffer(const void *buf, size_t len, const spss_config *cfg,
                             const spss_callbacks *cb, spss_result *res);


/** A short English phrase for a status (no trailing period). */
const char *spss_strerror(spss_status status);

/**
 * The ISO 8601 text of a date value: SPSS seconds since 1582-10-14 or Stata
 * days / milliseconds since 1960-01-01, chosen by the variable's display
 * format ("DATE11", "%td", "%tcDD/NN/CCYY"...).  "YYYY-MM-DD" for a date
 * format, "YYYY-MM-DDTHH:MM:SS" for a date-time one.
 * @return false when the format is no date format or the value is no date
 *         of years 1..9999 (then buf is untouched).
 */
bool spss_date_text(const char *format, bool stata, double value, char *buf, size_t size);

#endif /* CX_SPSS_H */
