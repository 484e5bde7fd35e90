/*
 * report_svg.c - -f svg: one standalone SVG 1.1 image chosen by the report's
 * shape (the trend with --period, the segments with -g, the comparison with
 * --compare, else the bullet bars and distributions), one panel per metric.
 */
#include <string.h>

#include "report.h"
#include "report_doc.h"
#include "svg_chart.h"

typedef enum shape { SHAPE_PLAIN, SHAPE_SEGMENTS, SHAPE_TREND, SHAPE_COMPARE } shape;

static shape shape_of(const report *r)
{
    if (r->plan->compare)
        return SHAPE_COMPARE;
    if (r->plan->period && r->plan->ngroup == 0)
        return SHAPE_TREND;
    return plan_grouped(r->plan) ? SHAPE_SEGMENTS : SHAPE_PLAIN;
}

static double total_height(const report *r, shape sh)
{
    switch (sh) {
    case SHAPE_COMPARE: return (double)r->ncmp * COMPARE_H;
    case SHAPE_TREND: return (double)r->total.count * TREND_H;
    case SHAPE_SEGMENTS: return (double)r->total.count * chart_segments_height(r->nrows);
    default: return (double)r->total.count * (BULLET_H + DIST_H);
    }
}

static void panels(const report *r, const svg_out *o, shape sh)
{
    double y = 0;
    if (sh == SHAPE_COMPARE) {
        for (size_t i = 0; i < r->ncmp; i++)
            chart_compare(o, r, &r->cmp[i], (double)i * COMPARE_H);
        return;
    }
    for (size_t m = 0; m < r->total.count; m++) {
        const metric_view *v = &r->total.view[m];
        if (sh == SHAPE_TREND) {
            chart_trend(o, r, m, y);
            y += TREND_H;
        } else if (sh == SHAPE_SEGMENTS) {
            chart_segments(o, r, m, y);
            y += chart_segments_height(r->nrows);
        } else {
            chart_bullet(o, r, v, y);
            chart_distribution(o, r, v, y + BULLET_H);
            y += BULLET_H + DIST_H;
        }
    }
}

void report_svg(const report *r, FILE *out)
{
    unsigned id = 1;
    svg_out o = {out, false, r->style->lang, &id};
    shape sh = shape_of(r);
    double h = total_height(r, sh);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                 "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
                 "height=\"%g\" viewBox=\"0 0 %d %g\">\n<title>",
            CHART_W, h, CHART_W, h);
    doc_title(r, out);
    fputs("</title>\n<desc>", out);
    doc_input_line(r, out);
    fputs(". cxstat " CX_VERSION "</desc>\n", out);
    panels(r, &o, sh);
    fputs("</svg>\n", out);
}
