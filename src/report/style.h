/*
 * style.h - how a report is shown: its format, language, rounding, row
 * order, and the statistics' confidence and population; and the band sets
 * its figures are read against.
 */
#ifndef CX_STYLE_H
#define CX_STYLE_H

#include <stdint.h>

#include "cxstat.h"
#include "i18n.h"

#define DEFAULT_PRECISION 1
#define DEFAULT_CONFIDENCE 0.95

typedef enum out_format { FMT_TEXT, FMT_CSV, FMT_TSV, FMT_JSON, FMT_STATE, FMT_HTML, FMT_SVG } out_format;

/** Order of group rows: by key, by records, or by a metric's lead figure (SORT_METRIC + the
 * metric), largest first. */
typedef enum sort_order { SORT_KEY, SORT_N, SORT_METRIC } sort_order;

/** --adjust: how the period changes of one metric are corrected for being many tests. */
typedef enum adjust_method { ADJUST_NONE, ADJUST_HOLM } adjust_method;

typedef struct report_style {
    out_format format;
    unsigned precision;
    out_lang lang;
    sort_order sort;
    uint64_t min_n;     /* hide groups with fewer records */
    double confidence;
    adjust_method adjust; /* --adjust; ADJUST_NONE by default */
    uint64_t population; /* 0: not given */
    bool raw_cells;      /* --no-escape-formulas: list cells as read, formulas too */
} report_style;

/** The band set each metric's figures are read against (the command line loads them). */
typedef struct band_choice {
    const cx_bandset *set[CX_METRIC_COUNT]; /* NULL: no bands for that metric */
    cx_bandset loaded[CX_METRIC_COUNT];     /* sets read from files */
    char *strings[CX_METRIC_COUNT];         /* the loaded sets' labels and ids */
} band_choice;

#endif
