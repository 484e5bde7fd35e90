/* report_text.c - the human-readable reports: per-metric detail, group tables, comparisons. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "verdict.h"

#define BAR_WIDTH 30
#define MAX_ROWS 12
#define CELL 256

/* ---- the detailed report of one row (no -g) ---- */

typedef struct line {
    const char *label;
    char value[32];
    char pct[32];
    char note[CELL];
} line;

typedef struct table {
    size_t n;
    line r[MAX_ROWS];
} table;

static line *add_row(table *t, const char *label)
{
    line *r = &t->r[t->n++];
    memset(r, 0, sizeof *r);
    r->label = label;
    return r;
}

static void count_row(table *t, const char *label, uint64_t n)
{
    snprintf(add_row(t, label)->value, 32, "%llu", (unsigned long long)n);
}

static void shown_text(const shown *v, out_lang lang, char *buf, size_t size)
{
    if (v->defined)
        report_format(v, buf, size);
    else
        snprintf(buf, size, "%s", i18n_text(lang, MSG_NA));
}

static void share_row(table *t, const char *label, uint64_t n, const shown *pct, int lo,
                      int hi, out_lang lang)
{
    line *r = add_row(t, label);
    snprintf(r->value, sizeof r->value, "%llu", (unsigned long long)n);
    if (pct->defined) {
        char num[32];
        snprintf(r->pct, sizeof r->pct, "%s%%", report_format(pct, num, sizeof num));
    } else {
        shown_text(pct, lang, r->pct, sizeof r->pct);
    }
    if (lo == hi)
        snprintf(r->note, sizeof r->note, "%d", lo);
    else
        snprintf(r->note, sizeof r->note, "%d-%d", lo, hi);
}

/* "NPS 25.0 ±38.2 95% CI -20.4 to 58.9" */
static void figure_row(table *t, const char *label, const figure *f, const report_style *o)
{
    line *r = add_row(t, label);
    char lo[32], hi[32];
    shown_text(&f->value, o->lang, r->value, sizeof r->value);
    if (!f->moe.defined)
        return;
    strcpy(r->pct, "±");
    report_format(&f->moe, r->pct + strlen(r->pct), sizeof r->pct - strlen(r->pct));
    snprintf(r->note, sizeof r->note, "%g%% %s %s %s %s", o->confidence * 100,
             i18n_text(o->lang, MSG_CI), report_format(&f->lo, lo, sizeof lo),
             o->lang == LANG_RU ? "…" : "to", report_format(&f->hi, hi, sizeof hi));
}

static void band_row(table *t, const metric_view *v, out_lang lang)
{
    if (v->band) {
        line *r = add_row(t, i18n_text(lang, metric_def_of(v->metric)->band_head));
        snprintf(r->value, sizeof r->value, "%s", i18n_band_id(lang, v->band->id));
        snprintf(r->note, sizeof r->note, "%s",
                 lang == LANG_RU ? v->band->label_ru : v->band->label_en);
    } else if (!v->bands) {
        line *r = add_row(t, i18n_text(lang, MSG_BAND));
        snprintf(r->note, sizeof r->note, "%s", i18n_text(lang, MSG_NO_BANDS));
    }
}

static void print_table(FILE *out, const table *t)
{
    size_t lw = 0, vw = 0, pw = 0;
    for (size_t i = 0; i < t->n; i++) {
        size_t w = text_width(t->r[i].label);
        lw = w > lw ? w : lw;
        vw = text_width(t->r[i].value) > vw ? text_width(t->r[i].value) : vw;
        pw = text_width(t->r[i].pct) > pw ? text_width(t->r[i].pct) : pw;
    }
    for (size_t i = 0; i < t->n; i++) {
        const line *r = &t->r[i];
        fprintf(out, "  %s%*s  %*s%s", r->label, (int)(lw - text_width(r->label)), "",
                (int)(vw - text_width(r->value)), "", r->value);
        if (r->pct[0] || r->note[0])
            fprintf(out, "  %*s%s", (int)(pw - text_width(r->pct)), "", r->pct);
        if (r->note[0])
            fprintf(out, "  %s", r->note);
        fputc('\n', out);
    }
}

/* A bar of count/max * BAR_WIDTH cells, in eighths of a cell. */
static void print_bar(FILE *out, uint64_t count, uint64_t max)
{
    static const char *const part[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    uint64_t eighths = max ? (count * ((uint64_t)BAR_WIDTH * 8) + max / 2) / max : 0;
    if (count > 0 && eighths == 0)
        eighths = 1;
    size_t cells = 0;
    for (uint64_t i = 0; i < eighths / 8; i++, cells++)
        fputs("█", out);
    if (eighths % 8) {
        fputs(part[eighths % 8], out);
        cells++;
    }
    fprintf(out, "%*s", (int)(BAR_WIDTH - cells), "");
}

static void print_distribution(FILE *out, const metric_view *v)
{
    const cx_hist *h = v->hist;
    int bins = v->scale->hi - v->scale->lo + 1;
    uint64_t max = 0;
    for (int i = 0; i < bins; i++)
        max = h->count[i] > max ? h->count[i] : max;
    char buf[24];
    int cw = snprintf(buf, sizeof buf, "%llu", (unsigned long long)max);
    for (int i = 0; i < bins; i++) {
        fprintf(out, "  %3d  ", v->scale->lo + i);
        print_bar(out, h->count[i], max);
        fprintf(out, "  %*llu\n", cw, (unsigned long long)h->count[i]);
    }
}

static void print_title(FILE *out, const metric_view *v, out_lang lang)
{
    const metric_def *d = metric_def_of(v->metric);
    const cx_scale *sc = v->scale;
    fprintf(out, "%s, %s %d-%d", i18n_text(lang, d->title), i18n_text(lang, MSG_SCALE), sc->lo, sc->hi);
    if (d->directed)
        fprintf(out, " (%s)",
                i18n_text(lang, sc->direction == CX_CES_AGREE ? MSG_AGREE : MSG_EFFORT));
    if (v->weighted)
        fprintf(out, ", %s", i18n_text(lang, MSG_WEIGHTED));
    fputc('\n', out);
}

static void print_metric(FILE *out, const metric_view *v, const report_style *o)
{
    out_lang lang = o->lang;
    const cx_scale *sc = v->scale;
    const cx_summary *s = &v->sum;
    table t = {0};
    print_title(out, v, lang);
    count_row(&t, i18n_text(lang, MSG_RESPONSES), s->n);
    count_row(&t, i18n_text(lang, MSG_BLANK), s->blank);
    count_row(&t, i18n_text(lang, MSG_INVALID), s->invalid);
    if (v->weighted) {
        line *r = add_row(&t, "n_eff");
        snprintf(r->value, sizeof r->value, "%.1f", v->n_eff);
    }
    const metric_def *d = metric_def_of(v->metric);
    const uint64_t count[BUCKET_COUNT] = {s->good, s->mid, s->bad};
    const shown *pct[BUCKET_COUNT] = {&v->good_pct, &v->mid_pct, &v->bad_pct};
    const int lo[BUCKET_COUNT] = {sc->good_lo, sc->bad_hi + 1, sc->bad_lo};
    const int hi[BUCKET_COUNT] = {sc->good_hi, sc->good_lo - 1, sc->bad_hi};
    for (int b = 0; b < BUCKET_COUNT; b++)
        if (d->bucket[b].label != MSG_COUNT)
            share_row(&t, i18n_text(lang, d->bucket[b].label), count[b], pct[b], lo[b], hi[b], lang);
    if (d->interval != IV_NONE)
        figure_row(&t, i18n_text(lang, d->index_row), &v->index, o);
    if (d->figure[FIG_MEAN])
        figure_row(&t, i18n_text(lang, MSG_MEAN), &v->mean, o);
    band_row(&t, v, lang);
    if (v->note != NOTE_NONE) {
        line *r = add_row(&t, "");
        snprintf(r->note, sizeof r->note, "%s",
                 i18n_text(lang, v->note == NOTE_WIDE ? MSG_NOTE_WIDE : MSG_NOTE_INDICATIVE));
    }
    print_table(out, &t);
    fprintf(out, "  %s\n", i18n_text(lang, MSG_DISTRIBUTION));
    print_distribution(out, v);
}

static void print_input(const report *r, FILE *out)
{
    const report_style *st = r->style;
    out_lang lang = st->lang;
    fprintf(out, "%s: ", i18n_text(lang, MSG_INPUT));
    if (r->s->ninputs == 1)
        fputs(r->s->inputs[0], out);
    else
        fprintf(out, "%zu %s", r->s->ninputs, i18n_text(lang, MSG_FILES));
    fprintf(out, ", %llu %s", (unsigned long long)r->s->records,
            i18n_records(lang, r->s->records));
    if (r->s->malformed)
        fprintf(out, ", %llu %s", (unsigned long long)r->s->malformed,
                i18n_text(lang, MSG_MALFORMED));
    if (st->population) {
        char buf[32];
        fprintf(out, ", %s %s%% (N = %llu)", i18n_text(lang, MSG_RESPONSE_RATE),
                report_format(&r->response_rate, buf, sizeof buf),
                (unsigned long long)st->population);
    }
    fputc('\n', out);
}

/* ---- tables of rows: groups, periods, comparisons ---- */

typedef struct column {
    const char *head;
    bool left;      /* text: aligned left */
    size_t metric;  /* group tables: index of the row's view */
    int part;       /* group tables: which MC_ cell of that metric */
} column;

#define MAX_COLUMNS (MAX_GROUP_COLUMNS + 4 + 5 * CX_METRIC_COUNT)

/*
 * A table printed in two passes (widths, then cells), each row's cells made
 * at once by fill(): no row is stored, so a table of a million groups takes
 * no more memory than one of ten.
 */
typedef struct grid {
    column col[MAX_COLUMNS];
    size_t ncol;
    size_t width[MAX_COLUMNS];
    void (*fill)(const report *r, const struct grid *g, size_t row, char (*cells)[CELL]);
    size_t nrows;
    double spark_lo[CX_METRIC_COUNT], spark_hi[CX_METRIC_COUNT]; /* --period: lead range */
} grid;

static void grid_line(const grid *g, char (*cells)[CELL], FILE *out)
{
    size_t pending = 0; /* spaces owed: no trailing blanks on a line */
    for (size_t c = 0; c < g->ncol; c++) {
        const char *s = cells[c];
        size_t w = text_width(s), pad = g->width[c] > w ? g->width[c] - w : 0;
        if (c)
            pending += 2;
        if (!g->col[c].left)
            pending += pad;
        if (*s) {
            fprintf(out, "%*s%s", (int)pending, "", s);
            pending = 0;
        }
        if (g->col[c].left)
            pending += pad;
    }
    fputc('\n', out);
}

static void grid_print(const report *r, grid *g, FILE *out)
{
    char cells[MAX_COLUMNS][CELL];
    for (size_t c = 0; c < g->ncol; c++)
        g->width[c] = text_width(g->col[c].head);
    for (size_t i = 0; i < g->nrows; i++) {
        g->fill(r, g, i, cells);
        for (size_t c = 0; c < g->ncol; c++) {
            size_t w = text_width(cells[c]);
            g->width[c] = w > g->width[c] ? w : g->width[c];
        }
    }
    for (size_t c = 0; c < g->ncol; c++)
        snprintf(cells[c], CELL, "%s", g->col[c].head);
    grid_line(g, cells, out);
    for (size_t i = 0; i < g->nrows; i++) {
        g->fill(r, g, i, cells);
        grid_line(g, cells, out);
    }
}

/* Columns of a metric in a group table: figure, margin, band, change. */
enum { MC_VALUE, MC_MOE, MC_BAND, MC_CHANGE, MC_SPARK, MC_COUNT };

/* The displayed lead figure as a number (NAN when none). */
static double lead_number(const metric_view *v)
{
    const shown *s = &report_lead(v)->value;
    double d = (double)s->scaled;
    if (!s->defined)
        return NAN;
    for (unsigned i = 0; i < s->prec; i++)
        d /= 10;
    return d;
}

/* Each metric's lowest and highest lead figure over the rows, for the sparkline column. */
static void spark_range(const report *r, grid *g)
{
    for (size_t m = 0; m < CX_METRIC_COUNT; m++) {
        g->spark_lo[m] = INFINITY;
        g->spark_hi[m] = -INFINITY;
    }
    for (size_t i = 0; i < r->nrows; i++) {
        report_row row;
        report_row_at(r, i, &row);
        for (size_t m = 0; m < row.count; m++) {
            double v = lead_number(&row.view[m]);
            if (isnan(v))
                continue;
            g->spark_lo[m] = v < g->spark_lo[m] ? v : g->spark_lo[m];
            g->spark_hi[m] = v > g->spark_hi[m] ? v : g->spark_hi[m];
        }
    }
}

/* One of eight blocks by where the row's figure lies between the lowest and the highest. */
static void spark_cell(const grid *g, size_t m, const report_row *row, char *buf)
{
    static const char *const blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    double v = lead_number(&row->view[m]), lo = g->spark_lo[m], hi = g->spark_hi[m];
    buf[0] = '\0';
    if (!row->key || isnan(v))
        return;
    long level = hi > lo ? lround((v - lo) / (hi - lo) * 7) : 3;
    snprintf(buf, CELL, "%s", blocks[level < 0 ? 0 : level > 7 ? 7 : level]);
}

static size_t key_columns(const run_plan *o)
{
    return o->ngroup + (o->period ? 1 : 0);
}

static void key_cell(const report *r, const report_row *row, size_t c, char *buf)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    buf[0] = '\0';
    if (!row->key) {
        if (c == 0)
            snprintf(buf, CELL, "%s", i18n_text(st->lang, MSG_TOTAL));
        return;
    }
    if (c == o->ngroup) {
        cx_period_label(row->period, o->every, buf, CELL);
        return;
    }
    size_t pos = 0, len;
    const char *part;
    for (size_t i = 0; key_next(row->key, row->key_len, &pos, &part, &len); i++)
        if (i == c) {
            if (len == 0)
                snprintf(buf, CELL, "%s", i18n_text(st->lang, MSG_BLANK_KEY));
            else
                text_quote(buf, CELL, part, len);
            /* drop the quotes text_quote adds: a table cell needs none */
            size_t n = strlen(buf);
            if (len) {
                memmove(buf, buf + 1, n - 2);
                buf[n - 2] = '\0';
            }
            return;
        }
}

static void metric_cell(const report *r, const metric_view *v, size_t mc, char *buf)
{
    const figure *f = report_lead(v);
    buf[0] = '\0';
    switch (mc) {
    case MC_VALUE:
        shown_text(&f->value, r->style->lang, buf, CELL);
        if (v->note == NOTE_INDICATIVE)
            snprintf(buf + strlen(buf), CELL - strlen(buf), "~");
        break;
    case MC_MOE:
        report_format(&f->moe, buf, CELL);
        break;
    case MC_BAND:
        if (v->band)
            snprintf(buf, CELL, "%s", i18n_band_id(r->style->lang, v->band->id));
        break;
    default:
        if (v->change.value.defined) {
            char tmp[32];
            report_format(&v->change.value, tmp, sizeof tmp);
            /* A significant change whose sign disagrees with its interval (or is 0)
             * carries the interval's direction, not a contradiction. */
            const char *mark = !v->change.significant ? ""
                               : !v->change.contrary  ? "*"
                               : v->change.direction > 0 ? "*↑" : "*↓";
            snprintf(buf, CELL, "%s%s%s", v->change.value.scaled > 0 ? "+" : "", tmp, mark);
        }
        break;
    }
}

/* Row i of a group table: the groups, then the total. */
static void group_fill(const report *r, const grid *g, size_t i, char (*cells)[CELL])
{
    report_row row;
    const report_row *rw = &r->total;
    if (i < r->nrows) {
        report_row_at(r, i, &row);
        rw = &row;
    }
    size_t keys = key_columns(r->plan);
    for (size_t c = 0; c < g->ncol; c++) {
        if (c < keys)
            key_cell(r, rw, c, cells[c]);
        else if (c == keys)
            snprintf(cells[c], CELL, "%llu", (unsigned long long)rw->records);
        else if (g->col[c].part == MC_SPARK)
            spark_cell(g, g->col[c].metric, rw, cells[c]);
        else
            metric_cell(r, &rw->view[g->col[c].metric], (size_t)g->col[c].part, cells[c]);
    }
}


/* How many changes each metric tested, whether they were adjusted, and the arrows if any. */
static void period_footnote(const report *r, FILE *out)
{
    bool ru = r->style->lang == LANG_RU;
    fputs(ru ? "; * значимое изменение (проверено: " : "; * significant change (tested: ", out);
    for (size_t m = 0; m < r->total.count; m++)
        fprintf(out, "%s%s %zu", m ? ", " : "",
                i18n_text(r->style->lang, metric_def_of(r->total.view[m].metric)->lead_head),
                r->tested[m]);
    if (r->style->adjust == ADJUST_HOLM)
        fputs(ru ? "; поправка Холма по каждой метрике)" : "; Holm-adjusted per metric)", out);
    else
        fputs(ru ? "; без поправки на множественные проверки)"
                 : "; not adjusted for multiple tests)",
              out);
    if (r->contrary)
        fputs(ru ? "; *↑ *↓ значимый рост или спад по интервалу, хотя показанное изменение "
                   "другого знака или равно 0"
                 : "; *↑ *↓ a significant rise or fall by its interval, though the change "
                   "shown has the other sign or is 0",
              out);
}

static void report_groups(const report *r, FILE *out)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    grid g = {.fill = group_fill, .nrows = r->nrows + 1};
    for (size_t i = 0; i < o->ngroup; i++)
        g.col[g.ncol++] = (column){.head = survey_group_name(r->s, i), .left = true};
    if (o->period)
        g.col[g.ncol++] = (column){.head = i18n_text(st->lang, MSG_PERIOD), .left = true};
    g.col[g.ncol++] = (column){.head = i18n_text(st->lang, MSG_RECORDS_COL), .left = false};
    for (size_t m = 0; m < r->total.count; m++) {
        cx_metric metric = r->total.view[m].metric;
        g.col[g.ncol++] = (column){i18n_text(st->lang, metric_def_of(metric)->lead_head), false, m, MC_VALUE};
        g.col[g.ncol++] = (column){"±", false, m, MC_MOE};
        if (r->total.view[m].bands)
            g.col[g.ncol++] = (column){i18n_text(st->lang, metric_def_of(metric)->band_head), true, m,
                                       MC_BAND};
        if (o->period) {
            g.col[g.ncol++] = (column){i18n_text(st->lang, MSG_CHANGE), false, m, MC_CHANGE};
            g.col[g.ncol++] = (column){st->lang == LANG_RU ? "тренд" : "trend", true, m,
                                       MC_SPARK};
        }
    }
    if (o->period)
        spark_range(r, &g);
    print_input(r, out);
    fputc('\n', out);
    grid_print(r, &g, out);
    fprintf(out, "\n± %g%% %s", st->confidence * 100, i18n_text(st->lang, MSG_CI));
    fprintf(out, "; ~ %s", i18n_text(st->lang, MSG_NOTE_INDICATIVE));
    if (o->period)
        period_footnote(r, out);
    fputc('\n', out);
}

static void compare_fill(const report *r, const grid *g, size_t i, char (*cells)[CELL])
{
    const comparison *cmp = &r->cmp[i];
    const difference *d = &cmp->diff;
    char lo[32], hi[32];
    for (size_t c = 0; c < g->ncol; c++) {
        const metric_view *v = report_view(&r->cmp_row[c >= 3 ? 1 : 0], cmp->metric);
        const figure *f = cmp->mean ? &v->mean : &v->index;
        char *buf = cells[c];
        buf[0] = '\0';
        switch (c) {
        case 0:
            snprintf(buf, CELL, "%s",
                     report_figure_name(cmp->metric, cmp->mean ? FIG_MEAN : FIG_INDEX));
            break;
        case 1:
        case 3: shown_text(&f->value, r->style->lang, buf, CELL); break;
        case 2:
        case 4: snprintf(buf, CELL, "%llu", (unsigned long long)v->sum.n); break;
        case 5: shown_text(&d->value, r->style->lang, buf, CELL); break;
        case 6:
            if (d->tested)
                snprintf(buf, CELL, "%s %s %s", report_format(&d->lo, lo, sizeof lo),
                         r->style->lang == LANG_RU ? "…" : "to",
                         report_format(&d->hi, hi, sizeof hi));
            break;
        case 7: report_format(&d->p, buf, CELL); break;
        default: verdict_text(r, cmp, buf, CELL); break;
        }
    }
}

static void report_compare(const report *r, FILE *out)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    char ci[64];
    snprintf(ci, sizeof ci, "%g%% %s", st->confidence * 100, i18n_text(st->lang, MSG_CI));
    grid g = {.fill = compare_fill, .nrows = r->ncmp};
    g.col[g.ncol++] = (column){.head = i18n_text(st->lang, MSG_FIGURE), .left = true};
    g.col[g.ncol++] = (column){.head = o->compare_value[0], .left = false};
    g.col[g.ncol++] = (column){.head = "n", .left = false};
    g.col[g.ncol++] = (column){.head = o->compare_value[1], .left = false};
    g.col[g.ncol++] = (column){.head = "n", .left = false};
    g.col[g.ncol++] = (column){.head = i18n_text(st->lang, MSG_DIFFERENCE), .left = false};
    g.col[g.ncol++] = (column){.head = ci, .left = false};
    g.col[g.ncol++] = (column){.head = "p", .left = false};
    g.col[g.ncol++] = (column){.head = i18n_text(st->lang, MSG_VERDICT), .left = true};
    print_input(r, out);
    fprintf(out, "%s: %s = %s %s %s\n\n", st->lang == LANG_RU ? "Сравнение" : "Comparison",
            survey_role_name(r->s, ROLE_COMPARE), o->compare_value[0], i18n_text(st->lang, MSG_VS), o->compare_value[1]);
    grid_print(r, &g, out);
}

void report_text(const report *r, FILE *out)
{
    if (r->plan->compare) {
        report_compare(r, out);
        return;
    }
    if (plan_grouped(r->plan)) {
        report_groups(r, out);
        return;
    }
    print_input(r, out);
    for (size_t i = 0; i < r->total.count; i++) {
        fputc('\n', out);
        print_metric(out, &r->total.view[i], r->style);
    }
}
