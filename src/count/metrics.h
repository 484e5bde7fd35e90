/*
 * metrics.h - the metrics cxstat reports, one table row each: what every
 * stage needs to know of a metric besides its library scale.  The column
 * option and state line are its name; the report's title, rows, figure
 * names, CSV/JSON keys and interval come from its row; --require, --compare,
 * --list and --sort look metrics up here.  A new metric is a library scale
 * plus one row in metrics.c.
 */
#ifndef CX_METRICS_H
#define CX_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "cxstat.h"
#include "i18n.h"
#include "plan.h"

/** Which figure of a metric: the index (a share) or the mean. */
typedef enum figure_kind {
    FIG_INDEX,      /* nps, csat (%), ces_low_effort (%) */
    FIG_MEAN        /* csat_mean, ces (the CES mean), level */
} figure_kind;

/** How the index's interval and differences are computed (doc/METHODS.md). */
typedef enum interval_kind {
    IV_NONE,    /* no index */
    IV_NPS,     /* adjusted Wald for NPS; its difference likewise */
    IV_WILSON   /* Wilson score for a share; Newcombe's hybrid for a difference */
} interval_kind;

/** The answers on one side of the scale: good (scale good_lo..good_hi), mid, bad. */
enum { BUCKET_GOOD, BUCKET_MID, BUCKET_BAD, BUCKET_COUNT };

typedef struct metric_bucket {
    msg_id label;          /* the text report's row; MSG_COUNT: no row */
    const char *count_key; /* CSV/JSON key of its count; NULL: none */
    const char *pct_key;   /* CSV/JSON key of its share in %; NULL: none */
} metric_bucket;

typedef struct metric_def {
    cx_metric metric;
    const char *name;              /* --NAME, state and JSON name, CSV prefix, --sort key */
    bool detected;                 /* a column of this name is read without --NAME */
    bool directed;                 /* its scale has a direction (CES: agree or effort) */
    msg_id title;                  /* the text report's heading */
    figure_kind lead;              /* the figure rows lead with, are banded and sorted by */
    msg_id lead_head;              /* the lead figure's column head in group tables */
    msg_id band_head;              /* the band's row and column head */
    const char *figure[2];         /* [FIG_INDEX], [FIG_MEAN] as --require names them; NULL:
                                      the metric has no such figure */
    interval_kind interval;        /* the index's interval; IV_NONE: no index */
    msg_id index_row;              /* the index's text row */
    const char *index_keys[4];     /* its CSV/JSON keys: value, ci_low, ci_high, moe */
    metric_bucket bucket[BUCKET_COUNT];
    list_kind lists[3];            /* the --list kinds that read it (LIST_NONE: no more) */
} metric_def;

/** The row of a metric. */
const metric_def *metric_def_of(cx_metric m);

/** The metric whose name is the len bytes at name (text_name_equal()), or NULL. */
const metric_def *metric_named(const char *name, size_t len);

/** The metric a --list kind reads. */
cx_metric metric_of_list(list_kind kind);

/** The metric and figure --require and --compare name len bytes at name.  @return false if none. */
bool metric_figure_named(const char *name, size_t len, cx_metric *m, figure_kind *fig);

/**
 * The scale of a metric as the plan's options give it (csat_hi and
 * csat_satisfied for CSAT, ces_hi and ces_direction for CES).
 * @return CX_OK or the library's error for a scale it does not make.
 */
cx_status metric_scale(cx_metric m, int hi, int satisfied, cx_ces_direction dir, cx_scale *out);

/** The scale of a metric as the plan gives it.  @return as metric_scale(). */
cx_status metric_plan_scale(cx_metric m, const run_plan *p, cx_scale *out);

#endif
