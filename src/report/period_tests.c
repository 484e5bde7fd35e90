/* period_tests.c - a period table's changes as one family of tests, per metric. */
#include "period_tests.h"

#include <math.h>
#include <stdlib.h>

#include "style.h"

/* The table's p-values of view m, one per row shown (NaN: no test). */
static void collect(const report *r, size_t m, double *p)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const change_test *t = &r->tests[r->order[i] * CX_METRIC_COUNT + m];
        p[i] = t->p_adj; /* before any adjustment: the plain p */
    }
}

/*
 * Holm's step-down procedure on the intervals that decide significance: the
 * j-th smallest of m p-values is tested at level alpha / (m - j + 1), i.e.
 * its interval at confidence 1 - alpha / (m - j + 1) must exclude 0, and
 * the first change that fails stops the procedure.  For the NPS and the
 * means the interval excludes 0 exactly when p is below the level, so this
 * is "Holm-adjusted p < alpha"; for shares the Newcombe interval decides, as
 * it does without adjustment.
 */
static void step_down(const report *r, size_t m, const size_t *order, size_t tested)
{
    double alpha = 1.0 - r->style->confidence;
    bool go = true;
    for (size_t j = 0; j < tested; j++) {
        size_t gi = r->order[order[j]];
        change_test *t = &r->tests[gi * CX_METRIC_COUNT + m];
        size_t left = tested - j;
        if (go) {
            report_row now, before;
            report_group_row(r, gi, &now);
            report_group_row(r, r->prev[gi], &before);
            double conf = left == 1 ? r->style->confidence : 1.0 - alpha / (double)left;
            go = report_change(r, &now.view[m], &before.view[m], conf).significant;
        }
        t->contrary = t->contrary && go;
        t->significant = go;
    }
}

/* The plain decision of every change shown. */
static void plain_tests(const report *r, change_test *tests)
{
    for (size_t i = 0; i < r->nrows; i++) {
        report_row row;
        report_row_at(r, i, &row);
        for (size_t m = 0; m < row.count; m++) {
            const difference *d = &row.view[m].change;
            /* The first period of a group has no change: NaN, not the 0 of an empty one. */
            tests[r->order[i] * CX_METRIC_COUNT + m] = (change_test){
                .p_adj = d->tested ? d->raw_p : NAN, .significant = d->significant,
                .contrary = d->contrary};
        }
    }
}

int period_tests(report *r)
{
    size_t groups = r->s->groups.count ? r->s->groups.count : 1;
    size_t rows = r->nrows ? r->nrows : 1;
    change_test *tests = calloc(groups * CX_METRIC_COUNT, sizeof *tests);
    double *p = malloc(rows * sizeof *p), *adj = malloc(rows * sizeof *adj);
    size_t *order = malloc(rows * sizeof *order);
    if (!tests || !p || !adj || !order) {
        free(tests);
        free(p);
        free(adj);
        free(order);
        return EXIT_DATA;
    }
    plain_tests(r, tests); /* r->tests is still NULL: report_row_at gives the plain changes */
    r->tests = tests;
    for (size_t m = 0; m < r->total.count; m++) {
        size_t tested = 0;
        collect(r, m, p);
        /* The p-values come from the tests themselves, all in [0, 1]. */
        (void)cx_holm(p, r->nrows, adj, order, &tested);
        r->tested[m] = tested;
        if (r->style->adjust == ADJUST_HOLM) {
            for (size_t i = 0; i < r->nrows; i++)
                r->tests[r->order[i] * CX_METRIC_COUNT + m].p_adj = adj[i];
            step_down(r, m, order, tested);
        }
    }
    for (size_t i = 0; i < groups * CX_METRIC_COUNT; i++)
        r->contrary += r->tests[i].contrary;
    free(p);
    free(adj);
    free(order);
    return EXIT_OK;
}
