/*
 * dates.h - the --period column's dates: which order ("A/B/YYYY": day or
 * month first) a file writes them in, decided from the whole column before
 * counting, and the examples of dates that cannot be read.
 */
#ifndef CX_DATES_H
#define CX_DATES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cxstat.h"
#include "reader.h"

/** Unreadable dates quoted in a warning or an error. */
#define DATES_EXAMPLES 3

typedef struct date_examples {
    char text[DATES_EXAMPLES][48];
    size_t n;
    uint64_t count; /* dates that could not be read, examples or not */
} date_examples;

/** Keep a distinct example of a date that cannot be read (up to DATES_EXAMPLES). */
void dates_example(date_examples *e, const char *text, size_t len);

/** Add src's examples to dst's, as one reading would have kept them. */
void dates_examples_merge(date_examples *dst, const date_examples *src);

/** What a look over a column found: the order, or 0 when none settles it. */
typedef struct date_order_scan {
    unsigned order;          /* CX_DATE_MDY, CX_DATE_DMY, or 0 */
    uint64_t line;           /* the line of the date that settled it */
    char settled_by[48];     /* that date */
    char ambiguous[48];      /* a date that reads both ways, when one was seen */
} date_order_scan;

/**
 * Read the column col_spec of fp (a header name or number, as the column
 * options take it) from where fp is, with the reader configuration cfg, up
 * to the first date that only one order reads, or the first readable date
 * of a form without the question; fp is then put back where it was.
 * @return false when fp could not be read or put back.
 */
bool dates_scan_order(FILE *fp, const reader_config *cfg, const char *col_spec,
                      date_order_scan *out);

/** A date in the file's order: --date-format when given, else order (0: only plain ones). */
cx_status dates_parse(const char *format, unsigned order, const char *text, size_t len,
                      cx_date *out);

#endif
