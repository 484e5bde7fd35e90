/* verdict.c - words for the outcome of a --compare test (formats kept literal, per language). */
#include "verdict.h"

#include <stdio.h>

#include "i18n.h"

void verdict_text(const report *r, const comparison *c, char *buf, size_t size)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    const difference *d = &c->diff;
    const char *a = o->compare_value[0], *b = o->compare_value[1];
    double pct = st->confidence * 100;
    bool ru = st->lang == LANG_RU;
    const metric_view *va = report_view(&r->cmp_row[0], c->metric);
    const metric_view *vb = report_view(&r->cmp_row[1], c->metric);
    if (!d->tested && c->mean && va && vb && va->sum.n >= 2 && vb->sum.n >= 2)
        snprintf(buf, size, "%s", ru ? "нечего проверять: в обоих сегментах все ответы одинаковы"
                                     : "nothing to test: every answer in each segment is the same");
    else if (!d->tested)
        snprintf(buf, size, "%s", i18n_text(st->lang, MSG_UNTESTED));
    else if (!d->significant)
        snprintf(buf, size, ru ? "значимой разницы нет (%g%%)" : "no significant difference at %g%%",
                 pct);
    else if (d->value.scaled > 0)
        snprintf(buf, size, ru ? "%s выше, чем %s (значимо, %g%%)"
                               : "%s is higher than %s (significant at %g%%)", a, b, pct);
    else
        snprintf(buf, size, ru ? "%s ниже, чем %s (значимо, %g%%)"
                               : "%s is lower than %s (significant at %g%%)", a, b, pct);
}
