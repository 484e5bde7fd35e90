/*
 * report.h - what a report shows, computed once from the histograms: every
 * figure rounded for display with its interval, the band looked up on the
 * rounded value, rows for the groups and the total, period-to-period changes
 * and comparisons, so all formats and the --require checks read the same
 * numbers.
 */
#ifndef CX_REPORT_H
#define CX_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cxstat.h"
#include "metrics.h"
#include "plan.h"
#include "style.h"
#include "survey.h"

/** The name of a figure as --require and --compare write it ("csat_mean"). */
const char *report_figure_name(cx_metric metric, figure_kind fig);

/** A figure as displayed: scaled / 10^prec, or no value. */
typedef struct shown {
    bool defined;
    int64_t scaled;
    unsigned prec;
} shown;

/** Why a figure should be read with care (doc/METHODS.md, small samples). */
typedef enum figure_note { NOTE_NONE, NOTE_WIDE, NOTE_INDICATIVE } figure_note;

/** A displayed figure with its interval at the run's confidence. */
typedef struct figure {
    shown value;
    shown lo, hi, moe; /* undefined when there is no interval */
    double raw;        /* the unrounded value, NaN when none (for sorting) */
} figure;

/** A difference between two samples of one figure, as displayed. */
typedef struct difference {
    bool tested;      /* an interval and a test exist */
    bool significant; /* the interval excludes 0 (after --adjust for period changes) */
    int direction;    /* significant: +1 when the interval lies above 0, -1 below; else 0 */
    bool contrary;    /* significant, but the value shown has the other sign or is 0 */
    shown value, lo, hi, p;
    shown p_adj;      /* the p-value after --adjust (p itself without it) */
    double raw_p;     /* p unrounded, NaN without a test (for the adjustment) */
} difference;

typedef struct metric_view {
    cx_metric metric;
    const cx_scale *scale;
    const cx_hist *hist;
    cx_summary sum;                   /* respondents, exact */
    bool weighted;
    double weight_sum, n_eff;         /* with --weight */
    cx_u128 weight_units;             /* the exact weight sum, in millionths */
    double n_stat;                    /* n the statistics use: n, or n_eff */
    double good, mid, bad;            /* shares 0..1 the statistics use */
    double mean_raw, sd_raw;
    shown good_pct, mid_pct, bad_pct; /* shares of responses, in % */
    figure index;                     /* NPS, CSAT %, CES low-effort % (none for level) */
    figure mean;
    figure_note note;                 /* on the lead figure */
    const cx_bandset *bands;          /* NULL: none chosen */
    const cx_band *band;              /* NULL: no set, or no value */
    difference change;                /* against the previous period, on the lead figure */
} metric_view;

typedef struct report_row {
    const char *key;                  /* encoded group key (groups.h); NULL for the total */
    size_t key_len;
    bool has_period, has_previous;
    int32_t period, previous;
    uint64_t records;
    size_t count;
    metric_view view[CX_METRIC_COUNT];
    cx_hist hist[CX_METRIC_COUNT];    /* a group's counts, which its views point to */
} report_row;

/** A period change as decided over the whole table (see period_tests.h). */
typedef struct change_test {
    double p_adj;     /* NaN: no test */
    bool significant;
    bool contrary;
} change_test;

/** A --compare: one figure of segment A against segment B. */
typedef struct comparison {
    cx_metric metric;
    bool mean;                        /* the mean rather than the index */
    difference diff;
} comparison;

typedef struct report {
    const run_plan *plan;
    const report_style *style;
    const survey *s;
    const band_choice *bc;
    report_row total;
    size_t nrows;                     /* rows shown besides the total: groups, or 2 compared */
    size_t *order;                    /* groups shown, in order (indices into s->groups) */
    size_t *prev;                     /* --period: each group's previous period, or SIZE_MAX */
    report_row cmp_row[2];            /* --compare: the two segments */
    size_t hidden;                    /* groups under --min-n */
    size_t wide;                      /* rows whose margin passes 10 points */
    shown response_rate;              /* with --population */
    comparison cmp[2 * CX_METRIC_COUNT];
    size_t ncmp;
    change_test *tests;               /* --period: per group and view, the decided changes */
    size_t tested[CX_METRIC_COUNT];   /* --period: changes tested, per view of the total */
    size_t contrary;                  /* --period: significant changes shown with the other sign */
    double *tcrit;                    /* t critical values by df, 0 not yet computed */
} report;

/** The i-th row shown besides the total (0 <= i < nrows), computed into *row. */
void report_row_at(const report *r, size_t i, report_row *row);

/** The figure a report leads with: NPS, CSAT %, CES mean, level mean. */
const figure *report_lead(const metric_view *v);

/** Build the report.  @return EXIT_OK, or EXIT_DATA when memory is exhausted. */
int report_build(report *r, const run_plan *plan, const report_style *style, const survey *s,
                 const band_choice *bc);

void report_free(report *r);

/** The row of group gi (an index into the group table), without its change. */
void report_group_row(const report *r, size_t gi, report_row *row);

/** The change from before to now of a view's lead figure, tested at confidence. */
difference report_change(const report *r, const metric_view *now, const metric_view *before,
                         double confidence);

/** The figure a --require check reads. */
const shown *report_figure(const metric_view *v, figure_kind fig);

/** The view of a metric in a row, or NULL when the metric is not reported. */
const metric_view *report_view(const report_row *row, cx_metric m);

/** The name of a row's group for messages, "store=Kazan, channel=web" (or "total"). */
void report_row_name(const report *r, const report_row *row, char *buf, size_t size);

/** Format a shown value ("71.4"), or "" when it has none.  @return buf. */
const char *report_format(const shown *v, char *buf, size_t size);

/* ---- fields: one table that the CSV, TSV and JSON writers share ---- */

typedef enum field_kind { FK_COUNT, FK_SHOWN, FK_TEXT, FK_BOOL, FK_UNITS } field_kind;
typedef struct report_field {
    const char *key;   /* JSON key inside the metric; CSV column "<metric>_<key>" */
    field_kind kind;
    bool json_only;
    bool defined;      /* FK_BOOL and FK_UNITS: false prints null / empty */
    uint64_t count;
    shown value;
    const char *text;  /* NULL: no value */
    bool flag;
    cx_u128 units;     /* FK_UNITS: an exact weight sum in millionths */
} report_field;

#define REPORT_MAX_FIELDS 48

/** The fields of one metric, in output order.  @return their number. */
size_t report_fields(const report *r, const metric_view *v, report_field *out);

/** Write the report in the chosen format. */
void report_text(const report *r, FILE *out);
void report_table(const report *r, FILE *out, char delim);
void report_json(const report *r, FILE *out);
void report_html(const report *r, FILE *out);
void report_svg(const report *r, FILE *out);

#endif
