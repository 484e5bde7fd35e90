/*
 * report.h - what a report shows, computed once from the histograms: every
 * figure rounded for display and the band looked up on that rounded value,
 * so all formats and the --require checks read the same numbers.
 */
#ifndef CX_REPORT_H
#define CX_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bandfile.h"
#include "cxstat.h"
#include "options.h"
#include "survey.h"

/** A figure as displayed: scaled / 10^prec, or no value. */
typedef struct shown {
    bool defined;
    int64_t scaled;
    unsigned prec;
} shown;

typedef struct metric_view {
    cx_metric metric;
    const cx_scale *scale;
    const cx_hist *hist;
    cx_summary sum;
    shown good_pct, mid_pct, bad_pct; /* shares of responses, in % */
    shown index;                      /* NPS, CSAT %, CES low-effort % */
    shown mean;
    const cx_bandset *bands;          /* NULL: none chosen */
    const cx_band *band;              /* NULL: no set, or no value */
} metric_view;

typedef struct report {
    const options *opt;
    uint64_t records, malformed;
    size_t count;
    metric_view view[CX_METRIC_COUNT];
} report;

/** One named value of a metric, for the tabular and JSON writers. */
typedef enum field_kind { FK_COUNT, FK_SHOWN, FK_TEXT } field_kind;
typedef struct report_field {
    const char *key;   /* JSON key inside the metric; CSV column "<metric>_<key>" */
    field_kind kind;
    bool json_only;
    uint64_t count;
    shown value;
    const char *text;  /* NULL: no value */
} report_field;

#define REPORT_MAX_FIELDS 16

void report_build(report *r, const options *opt, const survey *s, const band_choice *bc);

/** The figure a --require check reads. */
const shown *report_figure(const metric_view *v, figure fig);

/** The fields of one metric, in output order.  @return their number. */
size_t report_fields(const metric_view *v, out_lang lang, report_field out[REPORT_MAX_FIELDS]);

/** Format a shown value ("71.4"), or "" when it has none.  @return buf. */
const char *report_format(const shown *v, char *buf, size_t size);

/** Write the report in the chosen format. */
void report_text(const report *r, FILE *out);
void report_table(const report *r, FILE *out, char delim);
void report_json(const report *r, FILE *out);

#endif
