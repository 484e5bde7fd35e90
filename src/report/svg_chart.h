/*
 * svg_chart.h - the charts of the HTML and SVG reports, drawn from a built
 * report: a bullet bar with band zones and the interval's whisker, the
 * distribution by bucket, stacked bucket bars per segment, the trend with its
 * interval band, and a comparison.  Each chart is one <svg> element with a
 * <title> and a <desc> that states its numbers; the layout is fixed (the
 * constants below), so the bytes depend on the figures only.
 */
#ifndef CX_SVG_CHART_H
#define CX_SVG_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report.h"

/* Layout, in SVG user units (= CSS pixels).  The tests compute pixels from these. */
#define CHART_W 640         /* every chart's width */
#define BULLET_H 96         /* a bullet bar's height */
#define BULLET_X 150        /* where the scale starts */
#define BULLET_PW 440       /* the scale's width */
#define BULLET_ZONE_Y 20    /* band zones: y and height */
#define BULLET_ZONE_H 24
#define BULLET_BAR_Y 26     /* the value's bar: y and height */
#define BULLET_BAR_H 12
#define DIST_H 196          /* the distribution's height */
#define DIST_X 50           /* first bin's left edge */
#define DIST_PW 560         /* width of all bins */
#define DIST_BASE 140       /* baseline y */
#define DIST_TALL 110       /* the largest bin's height */
#define SEG_TOP 34          /* first segment row's top */
#define SEG_ROW 24          /* segment row height */
#define SEG_BAR_X 176       /* stacked bar: left edge, width, height */
#define SEG_BAR_W 220
#define SEG_BAR_H 16
#define SEG_MAX 50          /* segments drawn; the table keeps them all */
#define SEG_NAME_CP 22      /* code points of a segment name before it is cut */
#define TREND_H 268
#define TREND_MAX 400       /* periods drawn (the latest) */

/** Where a chart goes: inline in an HTML page (ARIA attributes) or a standalone SVG. */
typedef struct svg_out {
    FILE *f;
    bool html;
    out_lang lang;
    unsigned *next_id; /* ids unique in one document */
} svg_out;

/** XML text: escaped, bytes that are not UTF-8 or are control characters become U+FFFD. */
void xml_text(FILE *f, const char *s, size_t n);

/** XML text cut after max code points with "…"; @return true if it was cut. */
bool xml_text_cut(FILE *f, const char *s, size_t n, size_t max);

/** A row's name: its group values (and period) joined by ", ", or the total's word. */
void chart_row_name(const report *r, const report_row *row, char *buf, size_t size);

/** The words for a metric's buckets (bad, mid, good) and whether bad is empty. */
const char *chart_bucket_name(const metric_view *v, int bucket, out_lang lang);

/** Bucket of a score: 0 bad, 1 mid, 2 good (CSAT's non-satisfied count as bad). */
int chart_bucket(const metric_view *v, int score);

/** The metric's short name: "NPS", "CSAT", "CES mean", "mean". */
const char *chart_lead_name(const metric_view *v, out_lang lang);

/** Heights of the charts, for stacking them in one SVG. */
double chart_segments_height(size_t rows);

/** The charts; each writes one <svg> at (x, y) of its parent (0, 0 in HTML). */
void chart_bullet(const svg_out *o, const report *r, const metric_view *v, double y);
void chart_distribution(const svg_out *o, const report *r, const metric_view *v, double y);
/** Segment rows 0..nrows-1 of the report plus the total, for the metric at index m. */
void chart_segments(const svg_out *o, const report *r, size_t m, double y);
/** The trend of the metric at index m over the report's periods. */
void chart_trend(const svg_out *o, const report *r, size_t m, double y);
/** One --compare comparison. */
void chart_compare(const svg_out *o, const report *r, const comparison *c, double y);
#define COMPARE_H 140

#endif
