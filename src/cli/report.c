/* report.c - turns histograms into the displayed figures and band every writer prints. */
#include "report.h"

#include <stdio.h>
#include <string.h>

static shown show(cx_frac f, unsigned mul, unsigned prec)
{
    shown s = {.prec = prec};
    s.defined = cx_frac_round(f, mul, prec, &s.scaled) == CX_OK;
    return s;
}

static void build_view(metric_view *v, const options *opt, const survey *s,
                       const band_choice *bc, cx_metric m)
{
    unsigned p = opt->precision, pm = p + 1;
    v->metric = m;
    v->scale = &s->scale[m];
    v->hist = &s->hist[m];
    cx_summarize(v->hist, v->scale, &v->sum);
    v->good_pct = show(v->sum.good_share, 100, p);
    v->mid_pct = show(v->sum.mid_share, 100, p);
    v->bad_pct = show(v->sum.bad_share, 100, p);
    v->index = show(v->sum.index, 100, p);
    v->mean = show(v->sum.mean, 1, pm);
    v->bands = bc->set[m];
    /* The band reads the figure the report leads with: NPS, CSAT %, CES mean. */
    const shown *lead = m == CX_CES ? &v->mean : &v->index;
    v->band = v->bands && lead->defined ? cx_bandset_find(v->bands, lead->scaled, lead->prec)
                                        : NULL;
}

void report_build(report *r, const options *opt, const survey *s, const band_choice *bc)
{
    memset(r, 0, sizeof *r);
    r->opt = opt;
    r->records = s->records;
    r->malformed = s->malformed;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (s->active[m])
            build_view(&r->view[r->count++], opt, s, bc, (cx_metric)m);
}

const shown *report_figure(const metric_view *v, figure fig)
{
    return fig == FIG_MEAN ? &v->mean : &v->index;
}

const char *report_format(const shown *v, char *buf, size_t size)
{
    if (!v->defined)
        buf[0] = '\0';
    else
        cx_fixed_format(v->scaled, v->prec, buf, size);
    return buf;
}

static size_t add_count(report_field *f, size_t i, const char *key, uint64_t n)
{
    f[i] = (report_field){.key = key, .kind = FK_COUNT, .count = n};
    return i + 1;
}

static size_t add_shown(report_field *f, size_t i, const char *key, shown v)
{
    f[i] = (report_field){.key = key, .kind = FK_SHOWN, .value = v};
    return i + 1;
}

static size_t add_text(report_field *f, size_t i, const char *key, const char *t, bool json)
{
    f[i] = (report_field){.key = key, .kind = FK_TEXT, .text = t, .json_only = json};
    return i + 1;
}

size_t report_fields(const metric_view *v, out_lang lang, report_field f[REPORT_MAX_FIELDS])
{
    static const char *const scales[] = {"", "", "1-2", "1-3", "1-4", "1-5", "1-6",
                                         "1-7", "1-8", "1-9", "1-10"};
    const cx_summary *s = &v->sum;
    size_t i = 0;
    i = add_text(f, i, "scale", v->metric == CX_NPS ? "0-10" : scales[v->scale->hi], true);
    if (v->metric == CX_CES)
        i = add_text(f, i, "direction",
                     v->scale->direction == CX_CES_AGREE ? "agree" : "effort", true);
    i = add_count(f, i, "responses", s->n);
    i = add_count(f, i, "blank", s->blank);
    i = add_count(f, i, "invalid", s->invalid);
    switch (v->metric) {
    case CX_NPS:
        i = add_count(f, i, "promoters", s->good);
        i = add_count(f, i, "passives", s->mid);
        i = add_count(f, i, "detractors", s->bad);
        i = add_shown(f, i, "promoters_pct", v->good_pct);
        i = add_shown(f, i, "passives_pct", v->mid_pct);
        i = add_shown(f, i, "detractors_pct", v->bad_pct);
        i = add_shown(f, i, "nps", v->index);
        break;
    case CX_CSAT:
        i = add_count(f, i, "satisfied", s->good);
        i = add_shown(f, i, "csat", v->index);
        i = add_shown(f, i, "mean", v->mean);
        break;
    default:
        i = add_count(f, i, "low_effort", s->good);
        i = add_shown(f, i, "low_effort_pct", v->index);
        i = add_shown(f, i, "mean", v->mean);
        break;
    }
    i = add_text(f, i, "band", v->band ? v->band->id : NULL, false);
    i = add_text(f, i, "band_label",
                 v->band ? (lang == LANG_RU ? v->band->label_ru : v->band->label_en) : NULL,
                 false);
    return i;
}
