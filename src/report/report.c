/* report.c - turns histograms into the rows, figures, intervals and bands every writer prints. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "period_tests.h"
#include "text.h"

/* A margin wider than this many points is flagged (doc/METHODS.md, small samples). */
#define WIDE_POINTS 10.0
/* Fewer answers than this (n_eff with weights) make a figure indicative only. */
#define INDICATIVE_N 30
/* Decimals of p-values. */
#define P_DECIMALS 4

static const double pow10_table[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

/* An exact ratio rounded half away from zero. */
static shown show(cx_frac f, unsigned mul, unsigned prec)
{
    shown s = {.prec = prec};
    s.defined = cx_frac_round(f, mul, prec, &s.scaled) == CX_OK;
    return s;
}

/* A computed real (weighted figures, interval bounds) rounded half away from zero. */
static shown show_real(double v, unsigned mul, unsigned prec)
{
    shown s = {.prec = prec};
    double x = v * mul * pow10_table[prec];
    if (isfinite(x) && fabs(x) < 9e15) {
        s.scaled = llround(x);
        s.defined = true;
    }
    return s;
}

static void set_interval(figure *f, const cx_interval *ci, unsigned mul, unsigned prec)
{
    if (!ci->defined)
        return;
    f->lo = show_real(ci->lo, mul, prec);
    f->hi = show_real(ci->hi, mul, prec);
    f->moe = show_real(ci->moe, mul, prec);
}

const char *report_figure_name(cx_metric metric, figure_kind fig)
{
    const char *name = metric_def_of(metric)->figure[fig];
    return name ? name : "?";
}

const figure *report_lead(const metric_view *v)
{
    return metric_def_of(v->metric)->lead == FIG_MEAN ? &v->mean : &v->index;
}

/* The figures of one histogram, weighted or not, without intervals. */
static void view_figures(metric_view *v, const cx_whist *w, unsigned p)
{
    const cx_summary *s = &v->sum;
    unsigned pm = p + 1;
    if (w) {
        cx_wsummary ws;
        cx_wsummarize(w, v->scale, &ws);
        v->weighted = true;
        v->weight_sum = ws.sum_w;
        v->weight_units = ws.sum_units;
        v->n_eff = ws.n_eff;
        v->n_stat = ws.defined ? ws.n_eff : 0;
        v->good = ws.good;
        v->mid = ws.mid;
        v->bad = ws.bad;
        v->mean_raw = ws.mean;
        v->sd_raw = ws.sd;
        v->good_pct = show_real(ws.good, 100, p);
        v->mid_pct = show_real(ws.mid, 100, p);
        v->bad_pct = show_real(ws.bad, 100, p);
        v->index.raw = ws.index;
        v->index.value = show_real(ws.index, 100, p);
        v->mean.value = show_real(ws.mean, 1, pm);
    } else {
        v->n_stat = (double)s->n;
        v->good = cx_frac_value(s->good_share);
        v->mid = cx_frac_value(s->mid_share);
        v->bad = cx_frac_value(s->bad_share);
        if (cx_hist_moments(v->hist, v->scale, &v->mean_raw, &v->sd_raw) != CX_OK)
            v->mean_raw = v->sd_raw = NAN;
        v->good_pct = show(s->good_share, 100, p);
        v->mid_pct = show(s->mid_share, 100, p);
        v->bad_pct = show(s->bad_share, 100, p);
        v->index.raw = cx_frac_value(s->index);
        v->index.value = show(s->index, 100, p);
        v->mean.value = show(s->mean, 1, pm);
    }
    v->mean.raw = v->mean_raw;
    if (metric_def_of(v->metric)->interval == IV_NONE) { /* no share: the mean leads */
        v->index = (figure){.raw = NAN};
        v->good_pct = v->mid_pct = v->bad_pct = (shown){0};
    }
}

/*
 * The t critical value for a mean of n answers, computed once per whole df
 * below T_CACHE: a report of many small groups would otherwise spend most of
 * its time in the same quantiles.
 */
#define T_CACHE 4096

static double t_for(const report *r, double n)
{
    double df = n - 1.0;
    if (!(df >= 1.0) || df >= T_CACHE || df > floor(df) || !r->tcrit)
        return cx_t_critical(r->style->confidence, df);
    double *t = &r->tcrit[(size_t)df];
    if (!(*t > 0.0))
        *t = cx_t_critical(r->style->confidence, df);
    return *t;
}

static void view_intervals(metric_view *v, const report *r, double fpc, unsigned p)
{
    cx_interval ci;
    double confidence = r->style->confidence;
    double n = v->n_stat;
    interval_kind iv = metric_def_of(v->metric)->interval;
    if (iv == IV_NPS) {
        if (cx_nps_interval(v->good * n, v->mid * n, v->bad * n, confidence, fpc, &ci) == CX_OK)
            set_interval(&v->index, &ci, 100, p);
    } else if (iv == IV_WILSON && n > 0) {
        if (cx_wilson_interval(v->good * n, n, confidence, fpc, &ci) == CX_OK)
            set_interval(&v->index, &ci, 100, p);
    }
    double sd = isfinite(v->sd_raw) ? v->sd_raw : 0.0;
    double t = n >= 2.0 && fpc > 0.0 ? t_for(r, n) : NAN;
    if (n > 0 && cx_mean_interval_t(n, v->mean_raw, sd, confidence, t, fpc, &ci) == CX_OK)
        set_interval(&v->mean, &ci, 1, p + 1);
    /* No value (no answer, or all weights 0): nothing to qualify.  With weights
     * n means n_eff here too, as in every interval and test. */
    if (!report_lead(v)->value.defined)
        v->note = NOTE_NONE;
    else if (n < INDICATIVE_N)
        v->note = NOTE_INDICATIVE;
    else if (iv != IV_NONE && v->index.moe.defined &&
             (double)v->index.moe.scaled > WIDE_POINTS * pow10_table[p])
        v->note = NOTE_WIDE;
}

static void view_build(metric_view *v, const report *r, cx_metric m, const cx_hist *h,
                       const cx_whist *w, const cx_bandset *bands, double population)
{
    const report_style *st = r->style;
    memset(v, 0, sizeof *v);
    v->metric = m;
    v->scale = &r->s->scale[m];
    v->hist = h;
    v->bands = bands;
    v->index.raw = v->mean.raw = v->mean_raw = v->sd_raw = NAN;
    cx_summarize(h, v->scale, &v->sum);
    view_figures(v, w, st->precision);
    double fpc = population > 0 ? cx_fpc((double)v->sum.n, population) : 1.0;
    view_intervals(v, r, fpc, st->precision);
    const shown *lead = &report_lead(v)->value;
    v->band = v->bands && lead->defined ? cx_bandset_find(v->bands, lead->scaled, lead->prec)
                                        : NULL;
}

static void row_build(report_row *row, const report *r, const cx_hist *hist,
                      const cx_whist *whist, const band_choice *bc, double population)
{
    row->count = 0;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (r->s->active[m])
            view_build(&row->view[row->count++], r, (cx_metric)m, &hist[m],
                       whist ? &whist[m] : NULL, bc->set[m], population);
}

/* ---- differences: periods and comparisons ---- */

/*
 * The direction of a significant difference is the side of 0 its interval
 * lies on: the NPS interval is centred on the adjusted difference, which can
 * have the other sign than the plain one shown (or be 0 where it is 0), and
 * any difference can round to 0.  Such a change is "contrary" and the
 * writers say so instead of showing a contradiction.
 */
static void difference_settle(difference *d, double lo)
{
    int64_t v = d->value.defined ? d->value.scaled : 0;
    d->direction = d->significant ? (lo > 0.0 ? 1 : -1) : 0;
    d->contrary = d->significant && (v > 0 ? 1 : v < 0 ? -1 : 0) != d->direction;
}

static difference difference_of(const cx_diff *d, cx_status st, unsigned mul, unsigned prec)
{
    difference out = {.raw_p = NAN};
    if (st != CX_OK)
        return out;
    out.value = show_real(d->shown, mul, prec);
    if (d->defined) {
        out.tested = true;
        out.significant = d->significant;
        out.lo = show_real(d->lo, mul, prec);
        out.hi = show_real(d->hi, mul, prec);
        out.p = out.p_adj = show_real(d->p, 1, P_DECIMALS);
        out.raw_p = d->p;
        difference_settle(&out, d->lo);
    }
    return out;
}

/* Sample a minus sample b, on the index (mean = false) or the mean. */
static difference view_diff(const metric_view *a, const metric_view *b, bool mean, double conf,
                            unsigned p)
{
    cx_diff d;
    cx_status st;
    double na = a->n_stat, nb = b->n_stat;
    if (mean) {
        double sa = isfinite(a->sd_raw) ? a->sd_raw : 0, sb = isfinite(b->sd_raw) ? b->sd_raw : 0;
        double ma = na > 0 ? a->mean_raw : 0, mb = nb > 0 ? b->mean_raw : 0;
        st = cx_welch(na, ma, sa, nb, mb, sb, conf, 1, 1, &d);
        return difference_of(&d, st, 1, p + 1);
    }
    if (metric_def_of(a->metric)->interval == IV_NPS)
        st = cx_nps_diff(a->good * na, a->mid * na, a->bad * na, b->good * nb, b->mid * nb,
                         b->bad * nb, conf, 1, 1, &d);
    else
        st = cx_share_diff(na > 0 ? a->good * na : 0, na, nb > 0 ? b->good * nb : 0, nb, conf, 1,
                           1, &d);
    return difference_of(&d, st, 100, p);
}

/* ---- ordering rows ---- */

/* Keys compare part by part, bytes first, then length: "A" < "AB" < "B"; periods in time. */
static int key_compare(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t pa = 0, pb = 0, la, lb;
    const char *xa, *xb;
    for (;;) {
        bool ha = key_next(a, alen, &pa, &xa, &la), hb = key_next(b, blen, &pb, &xb, &lb);
        if (!ha || !hb)
            return ha - hb;
        int c = memcmp(xa, xb, la < lb ? la : lb);
        if (c || la != lb)
            return c ? c : (la < lb ? -1 : 1);
    }
}

/* Rows are indices into the group table; the figures they sort by are computed once. */
typedef struct row_order {
    const group_table *t;
    const double *value; /* per group; NULL: by key only */
} row_order;

/* Largest value first, no value last, ties by key. */
static int group_compare(const row_order *o, size_t a, size_t b)
{
    if (o->value) {
        double x = o->value[a], y = o->value[b];
        if (isnan(x) != isnan(y))
            return isnan(x) ? 1 : -1;
        if (x > y)
            return -1;
        if (x < y)
            return 1;
    }
    const group *ga = &o->t->g[a], *gb = &o->t->g[b];
    return key_compare(groups_key(o->t, ga), ga->key_len, groups_key(o->t, gb), gb->key_len);
}

/* A stable merge sort of group indices (qsort takes no context, and is not stable). */
static void sort_groups(size_t *idx, size_t *tmp, size_t n, const row_order *o)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_groups(idx, tmp, h, o);
    sort_groups(idx + h, tmp, n - h, o);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = group_compare(o, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
    while (i < h)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}

difference report_change(const report *r, const metric_view *now, const metric_view *before,
                         double confidence)
{
    bool mean = metric_def_of(now->metric)->lead == FIG_MEAN;
    return view_diff(now, before, mean, confidence, r->style->precision);
}

/* A group's row, without its change against the previous period. */
void report_group_row(const report *r, size_t gi, report_row *row)
{
    const group_table *t = &r->s->groups;
    const group *g = &t->g[gi];
    memset(row, 0, sizeof *row);
    row->key = groups_key(t, g);
    row->key_len = g->key_len;
    row->records = groups_records(t, g);
    if (r->plan->period) {
        row->has_period = true;
        row->period = period_decode(row->key + row->key_len - PERIOD_KEY_BYTES);
    }
    cx_whist w[CX_METRIC_COUNT];
    groups_hists(t, g, row->hist, t->weighted ? w : NULL);
    row_build(row, r, row->hist, t->weighted ? w : NULL, r->bc, 0);
}

void report_row_at(const report *r, size_t i, report_row *row)
{
    if (r->plan->compare) {
        *row = r->cmp_row[i];
        return;
    }
    report_group_row(r, r->order[i], row);
    size_t pi = r->prev ? r->prev[r->order[i]] : SIZE_MAX;
    if (pi == SIZE_MAX)
        return;
    report_row prev;
    report_group_row(r, pi, &prev);
    row->has_previous = true;
    row->previous = prev.period;
    for (size_t m = 0; m < row->count; m++) {
        difference *d = &row->view[m].change;
        *d = report_change(r, &row->view[m], &prev.view[m], r->style->confidence);
        if (!r->tests)
            continue;
        /* the decision over the whole table (period_tests.c) */
        const change_test *t = &r->tests[r->order[i] * CX_METRIC_COUNT + m];
        d->p_adj = show_real(t->p_adj, 1, P_DECIMALS);
        d->significant = t->significant;
        d->contrary = t->contrary;
        if (!t->significant)
            d->direction = 0;
    }
}

static void comparisons(report *r)
{
    const report_row *a = &r->cmp_row[0], *b = &r->cmp_row[1];
    for (size_t m = 0; m < a->count; m++) {
        const metric_view *va = &a->view[m], *vb = &b->view[m];
        for (int mean = 0; mean < 2; mean++) {
            if (!metric_def_of(va->metric)->figure[mean])
                continue;
            comparison *c = &r->cmp[r->ncmp++];
            c->metric = va->metric;
            c->mean = mean;
            c->diff = view_diff(va, vb, mean, r->style->confidence, r->style->precision);
        }
    }
}

/* The two compared segments, in the order given, present in the data or not. */
static int compare_rows(report *r)
{
    static const cx_hist empty[CX_METRIC_COUNT];
    static const cx_whist wempty[CX_METRIC_COUNT];
    const group_table *t = &r->s->groups;
    key_builder kb = {0};
    r->nrows = 2;
    for (int i = 0; i < 2; i++) {
        const char *v = r->plan->compare_value[i];
        kb.len = 0;
        if (!key_add(&kb, v, strlen(v))) {
            free(kb.buf);
            return EXIT_DATA;
        }
        const group *g = NULL;
        for (size_t j = 0; j < t->count && !g; j++)
            if (t->g[j].key_len == kb.len && memcmp(groups_key(t, &t->g[j]), kb.buf, kb.len) == 0)
                g = &t->g[j];
        report_row *row = &r->cmp_row[i];
        row->key = g ? groups_key(t, g) : NULL;
        row->key_len = g ? g->key_len : 0;
        row->records = g ? groups_records(t, g) : 0;
        cx_whist w[CX_METRIC_COUNT];
        if (g)
            groups_hists(t, g, row->hist, w);
        else
            memcpy(row->hist, empty, sizeof row->hist);
        row_build(row, r, row->hist,
                  survey_weighted(r->s) ? (g ? w : wempty) : NULL, r->bc, 0);
    }
    free(kb.buf);
    comparisons(r);
    return EXIT_OK;
}

/*
 * With --period, each group's previous period: the group before it in key
 * order when both keys agree but for the period (the key's last part).
 */
/*
 * With --window=K the change is against the window ending K periods before,
 * which shares no answer with this one: the test assumes independent samples,
 * and consecutive trailing windows share K-1 periods.
 */
static bool link_windows(report *r, const size_t *by_key, size_t n)
{
    const group_table *t = &r->s->groups;
    unsigned k = r->plan->window;
    char *copy = NULL;
    for (size_t i = 0; i < n; i++) {
        const group *g = &t->g[by_key[i]];
        char *c = realloc(copy, g->key_len);
        if (!c) {
            free(copy);
            return false;
        }
        copy = c;
        memcpy(copy, groups_key(t, g), g->key_len);
        int64_t p = period_decode(copy + g->key_len - PERIOD_KEY_BYTES);
        const group *prev = NULL;
        if (p - k > INT32_MIN) {
            period_encode((int32_t)(p - k), copy + g->key_len - PERIOD_KEY_BYTES);
            prev = groups_find(t, copy, g->key_len);
        }
        r->prev[by_key[i]] = prev ? (size_t)(prev - t->g) : SIZE_MAX;
    }
    free(copy);
    return true;
}

static bool link_periods(report *r, const size_t *by_key, size_t n)
{
    const group_table *t = &r->s->groups;
    const size_t tail = 4 + PERIOD_KEY_BYTES;
    if (r->plan->window > 1)
        return link_windows(r, by_key, n);
    for (size_t i = 0; i < n; i++) {
        r->prev[by_key[i]] = SIZE_MAX;
        if (i == 0)
            continue;
        const group *g = &t->g[by_key[i]], *p = &t->g[by_key[i - 1]];
        if (p->key_len == g->key_len &&
            memcmp(groups_key(t, p), groups_key(t, g), g->key_len - tail) == 0)
            r->prev[by_key[i]] = by_key[i - 1];
    }
    return true;
}

static double sort_figure(const report_row *row, sort_order order)
{
    if (order == SORT_N)
        return (double)row->records;
    const metric_view *v = report_view(row, (cx_metric)(order - SORT_METRIC));
    return v ? report_lead(v)->raw : NAN;
}

/*
 * The groups shown, in order; each group's row is computed once here (for
 * the sort figure and the wide-margin count), then again when it is written:
 * memory stays a few words per group.
 */
static int group_rows(report *r)
{
    const group_table *t = &r->s->groups;
    size_t n = t->count ? t->count : 1;
    size_t *tmp = calloc(n, sizeof *tmp);
    double *value = r->style->sort != SORT_KEY ? calloc(n, sizeof *value) : NULL;
    r->order = calloc(n, sizeof *r->order);
    r->prev = r->plan->period ? calloc(n, sizeof *r->prev) : NULL;
    if (!tmp || !r->order || (r->style->sort != SORT_KEY && !value) || (r->plan->period && !r->prev)) {
        free(tmp);
        free(value);
        return EXIT_DATA;
    }
    for (size_t i = 0; i < t->count; i++)
        r->order[i] = i;
    row_order by_key = {t, NULL};
    sort_groups(r->order, tmp, t->count, &by_key);
    if (r->prev && !link_periods(r, r->order, t->count)) {
        free(tmp);
        free(value);
        return EXIT_DATA;
    }
    for (size_t i = 0; i < t->count; i++) {
        if (groups_records(t, &t->g[r->order[i]]) < r->style->min_n) {
            r->hidden++;
            continue;
        }
        r->order[r->nrows++] = r->order[i];
        report_row row;
        report_group_row(r, r->order[r->nrows - 1], &row);
        if (value)
            value[r->order[r->nrows - 1]] = sort_figure(&row, r->style->sort);
        for (size_t m = 0; m < row.count; m++)
            if (row.view[m].note == NOTE_WIDE) {
                r->wide++;
                break;
            }
    }
    if (value) {
        row_order by_value = {t, value};
        sort_groups(r->order, tmp, r->nrows, &by_value);
    }
    free(tmp);
    free(value);
    return r->prev ? period_tests(r) : EXIT_OK;
}

int report_build(report *r, const run_plan *p, const report_style *style, const survey *s,
                 const band_choice *bc)
{
    memset(r, 0, sizeof *r);
    r->plan = p;
    r->style = style;
    r->s = s;
    r->bc = bc;
    r->tcrit = calloc(T_CACHE, sizeof *r->tcrit); /* without memory: computed each time */
    double population = (double)style->population;
    r->total.records = s->records;
    row_build(&r->total, r, s->hist, survey_weighted(s) ? s->whist : NULL, bc, population);
    if (style->population)
        r->response_rate = show_real((double)s->records / population, 100, style->precision);
    for (size_t m = 0; m < r->total.count; m++)
        if (r->total.view[m].note == NOTE_WIDE) {
            r->wide++;
            break;
        }
    if (p->compare)
        return compare_rows(r);
    if (plan_grouped(p))
        return group_rows(r);
    return EXIT_OK;
}

void report_free(report *r)
{
    free(r->order);
    free(r->prev);
    free(r->tests);
    free(r->tcrit);
    r->order = r->prev = NULL;
    r->tests = NULL;
    r->tcrit = NULL;
}

const shown *report_figure(const metric_view *v, figure_kind fig)
{
    return fig == FIG_MEAN ? &v->mean.value : &v->index.value;
}

const metric_view *report_view(const report_row *row, cx_metric m)
{
    for (size_t i = 0; i < row->count; i++)
        if (row->view[i].metric == m)
            return &row->view[i];
    return NULL;
}

const char *report_format(const shown *v, char *buf, size_t size)
{
    if (!v->defined)
        buf[0] = '\0';
    else
        cx_fixed_format(v->scaled, v->prec, buf, size);
    return buf;
}

void report_row_name(const report *r, const report_row *row, char *buf, size_t size)
{
    const run_plan *o = r->plan;
    size_t used = 0, pos = 0, len, i = 0;
    const char *part;
    buf[0] = '\0';
    if (row == &r->cmp_row[0] || row == &r->cmp_row[1]) {
        char q[120];
        const char *v = o->compare_value[row == &r->cmp_row[1]];
        text_quote(q, sizeof q, v, strlen(v));
        snprintf(buf, size, "%s=%s", survey_role_name(r->s, ROLE_COMPARE), q);
        return;
    }
    if (!row->key) {
        snprintf(buf, size, "total");
        return;
    }
    while (key_next(row->key, row->key_len, &pos, &part, &len) && used < size) {
        const char *col = i < o->ngroup ? survey_group_name(r->s, i)
                          : o->compare ? survey_role_name(r->s, ROLE_COMPARE) : "period";
        if (row->has_period && pos == row->key_len) {
            char label[32];
            cx_period_label(row->period, o->every, label, sizeof label);
            used += (size_t)snprintf(buf + used, size - used, "%s%s=%s", i ? ", " : "",
                                     survey_role_name(r->s, ROLE_PERIOD), label);
        } else {
            char q[120];
            text_quote(q, sizeof q, part, len);
            used += (size_t)snprintf(buf + used, size - used, "%s%s=%s", i ? ", " : "", col, q);
        }
        i++;
    }
}

/* ---- the field table ---- */

typedef struct field_list {
    report_field *f;
    size_t n;
} field_list;

static void add(field_list *l, report_field f)
{
    l->f[l->n++] = f;
}

static void add_count(field_list *l, const char *key, uint64_t n)
{
    add(l, (report_field){.key = key, .kind = FK_COUNT, .count = n});
}

static void add_shown(field_list *l, const char *key, shown v)
{
    add(l, (report_field){.key = key, .kind = FK_SHOWN, .value = v});
}

static void add_text(field_list *l, const char *key, const char *t, bool json_only)
{
    add(l, (report_field){.key = key, .kind = FK_TEXT, .text = t, .json_only = json_only});
}

/* A figure and its interval: KEY, KEY_ci_low, KEY_ci_high, KEY_moe. */
static void add_figure(field_list *l, const char *const keys[4], const figure *f)
{
    add_shown(l, keys[0], f->value);
    add_shown(l, keys[1], f->lo);
    add_shown(l, keys[2], f->hi);
    add_shown(l, keys[3], f->moe);
}

static void add_change(field_list *l, const char *const keys[6], const difference *d)
{
    add_shown(l, keys[0], d->value);
    add_shown(l, keys[1], d->lo);
    add_shown(l, keys[2], d->hi);
    add_shown(l, keys[3], d->p);
    add_shown(l, keys[4], d->p_adj);
    add(l, (report_field){.key = keys[5], .kind = FK_BOOL, .defined = d->tested,
                          .flag = d->significant});
}

size_t report_fields(const report *r, const metric_view *v, report_field *out)
{
    static const char *const scales[] = {"", "", "1-2", "1-3", "1-4", "1-5", "1-6",
                                         "1-7", "1-8", "1-9", "1-10"};
    static const char *const notes[] = {NULL, "wide", "indicative"};
    static const char *const mean_keys[] = {"mean", "mean_ci_low", "mean_ci_high", "mean_moe"};
    static const char *const lead_change[] = {"change", "change_ci_low", "change_ci_high",
                                              "change_p", "change_p_adjusted",
                                              "change_significant"};
    const cx_summary *s = &v->sum;
    const metric_def *d = metric_def_of(v->metric);
    field_list l = {out, 0};
    add_text(&l, "scale", v->scale->lo == 0 ? "0-10" : scales[v->scale->hi], true);
    if (d->directed)
        add_text(&l, "direction", v->scale->direction == CX_CES_AGREE ? "agree" : "effort",
                 true);
    add_count(&l, "responses", s->n);
    add_count(&l, "blank", s->blank);
    add_count(&l, "invalid", s->invalid);
    if (v->weighted) {
        add(&l, (report_field){.key = "weight_sum", .kind = FK_UNITS, .units = v->weight_units,
                               .defined = true});
        add_shown(&l, "n_eff", show_real(v->n_eff, 1, 1));
    }
    const shown *pct[BUCKET_COUNT] = {&v->good_pct, &v->mid_pct, &v->bad_pct};
    const uint64_t count[BUCKET_COUNT] = {s->good, s->mid, s->bad};
    for (int b = 0; b < BUCKET_COUNT; b++)
        if (d->bucket[b].count_key)
            add_count(&l, d->bucket[b].count_key, count[b]);
    for (int b = 0; b < BUCKET_COUNT; b++)
        if (d->bucket[b].pct_key)
            add_shown(&l, d->bucket[b].pct_key, *pct[b]);
    if (d->interval != IV_NONE)
        add_figure(&l, d->index_keys, &v->index);
    if (d->figure[FIG_MEAN])
        add_figure(&l, mean_keys, &v->mean);
    add_text(&l, "note", notes[v->note], false);
    add_text(&l, "band", v->band ? v->band->id : NULL, false);
    add_text(&l, "band_label",
             v->band ? (r->style->lang == LANG_RU ? v->band->label_ru : v->band->label_en) : NULL,
             false);
    if (r->plan->period)
        add_change(&l, lead_change, &v->change);
    return l.n;
}
