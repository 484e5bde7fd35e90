/* verdict.c - words for the outcome of a --compare test (formats kept literal, per language). */
#include "verdict.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

/*
 * Why there is no test.  With weights n means n_eff, as in the tests
 * themselves: a mean needs n >= 2 in each segment, so a segment of two
 * answers whose weights give n_eff 1.5 has too few answers, not equal ones.
 */
static const char *untested(const report *r, const comparison *c)
{
    bool ru = r->style->lang == LANG_RU;
    const metric_view *va = report_view(&r->cmp_row[0], c->metric);
    const metric_view *vb = report_view(&r->cmp_row[1], c->metric);
    if (c->mean && va && vb && va->n_stat >= 2 && vb->n_stat >= 2)
        return ru ? "нечего проверять: в обоих сегментах все ответы одинаковы"
                  : "nothing to test: every answer in each segment is the same";
    return i18n_text(r->style->lang, MSG_UNTESTED);
}

/*
 * The note on a significant difference whose shown value has the other sign
 * than its interval, or is 0: the NPS test is on the adjusted NPS, and any
 * difference can round to 0.
 */
static void contrary_note(const report *r, const comparison *c, char *buf, size_t size)
{
    bool ru = r->style->lang == LANG_RU;
    char num[32];
    const shown *v = &c->diff.value;
    report_format(v, num, sizeof num);
    const char *sign = v->defined && v->scaled > 0 ? "+" : "";
    if (c->metric == CX_NPS)
        snprintf(buf, size,
                 ru ? "; примечание: простая разность равна %s%s, проверка идёт по "
                      "скорректированному NPS"
                    : "; note: the plain difference is %s%s, the test uses the adjusted NPS",
                 sign, num);
    else
        snprintf(buf, size,
                 ru ? "; примечание: разность после округления равна %s%s"
                    : "; note: the difference rounds to %s%s",
                 sign, num);
}

void verdict_text(const report *r, const comparison *c, char *buf, size_t size)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    const difference *d = &c->diff;
    const char *a = o->compare_value[0], *b = o->compare_value[1];
    double pct = st->confidence * 100;
    bool ru = st->lang == LANG_RU;
    if (!d->tested) {
        snprintf(buf, size, "%s", untested(r, c));
        return;
    }
    if (!d->significant) {
        snprintf(buf, size, ru ? "значимой разницы нет (%g%%)" : "no significant difference at %g%%",
                 pct);
        return;
    }
    /* The direction is the interval's, never the sign of the value shown. */
    if (d->direction > 0)
        snprintf(buf, size, ru ? "%s выше, чем %s (значимо, %g%%)"
                               : "%s is higher than %s (significant at %g%%)", a, b, pct);
    else
        snprintf(buf, size, ru ? "%s ниже, чем %s (значимо, %g%%)"
                               : "%s is lower than %s (significant at %g%%)", a, b, pct);
    size_t used = strlen(buf);
    if (d->contrary && used + 1 < size)
        contrary_note(r, c, buf + used, size - used);
}
