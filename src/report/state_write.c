/* state_write.c - writes a run's exact histograms as a state file (-f state). */
#include "state_write.h"

#include <string.h>

#include "groups.h"
#include "state.h"

static void put_escaped(FILE *out, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c <= 0x20 || c >= 0x7F || c == '%')
            fprintf(out, "%%%02X", c);
        else
            fputc(c, out);
    }
}

static void put_text(FILE *out, const char *s)
{
    fputc('\t', out);
    put_escaped(out, s, strlen(s));
}

static void put_u128(FILE *out, cx_u128 v)
{
    char digits[40];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    fputc('\t', out);
    while (n)
        fputc(digits[--n], out);
}

static void put_hists(const survey *s, FILE *out, const cx_hist *h, const cx_whist *w)
{
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        if (!s->active[m])
            continue;
        int bins = s->scale[m].hi - s->scale[m].lo + 1;
        fprintf(out, "\t%llu\t%llu", (unsigned long long)h[m].blank,
                (unsigned long long)h[m].invalid);
        for (int i = 0; i < bins; i++)
            fprintf(out, "\t%llu", (unsigned long long)h[m].count[i]);
        for (int i = 0; w && i < bins; i++)
            put_u128(out, w[m].w[i]);
        for (int i = 0; w && i < bins; i++)
            put_u128(out, w[m].w2[i]);
    }
    fputc('\n', out);
}

void state_write(const survey *s, FILE *out)
{
    const run_plan *o = s->plan;
    const group_table *t = &s->groups;
    fputs(STATE_MAGIC "\n", out);
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        const cx_scale *c = &s->scale[m];
        if (s->active[m])
            fprintf(out, "scale\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", cx_metric_name((cx_metric)m),
                    c->lo, c->hi, c->good_lo, c->good_hi, c->bad_lo, c->bad_hi,
                    c->direction == CX_CES_AGREE ? "agree" : "effort");
    }
    for (size_t i = 0; i < o->ngroup; i++) {
        fputs("group", out);
        put_text(out, o->group[i]);
        fputc('\n', out);
    }
    if (o->period) {
        fputs("period", out);
        put_text(out, o->period);
        fprintf(out, "\t%s\n", cx_every_name(o->every));
    }
    if (o->compare) {
        fputs("compare", out);
        put_text(out, o->compare);
        put_text(out, o->compare_value[0]);
        put_text(out, o->compare_value[1]);
        fputc('\n', out);
    }
    if (o->weight) {
        fputs("weight", out);
        put_text(out, o->weight);
        fputc('\n', out);
    }
    for (size_t i = 0; i < s->ninputs; i++) {
        fputs("input", out);
        put_text(out, s->inputs[i]);
        fputc('\n', out);
    }
    fprintf(out, "counts\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\n", (unsigned long long)s->records,
            (unsigned long long)s->malformed, (unsigned long long)s->weight_invalid,
            (unsigned long long)s->period_invalid, (unsigned long long)s->compare_other,
            (unsigned long long)s->skipped);
    fputs("total", out);
    put_hists(s, out, s->hist, o->weight ? s->whist : NULL);
    for (size_t i = 0; i < t->count; i++) {
        const group *g = &t->g[i];
        const char *key = groups_key(t, g), *part;
        size_t pos = 0, len, parts = 0;
        while (key_next(key, g->key_len, &pos, &part, &len))
            parts++;
        fprintf(out, "row\t%llu\t%zu", (unsigned long long)groups_records(t, g), parts);
        for (pos = 0; key_next(key, g->key_len, &pos, &part, &len);) {
            fputc('\t', out);
            put_escaped(out, part, len);
        }
        cx_hist h[CX_METRIC_COUNT];
        cx_whist w[CX_METRIC_COUNT];
        groups_hists(t, g, h, t->weighted ? w : NULL);
        put_hists(s, out, h, t->weighted ? w : NULL);
    }
    fprintf(out, "end\t%zu\n", t->count); /* a file cut short lacks it */
}

