/* report_text.c - the human-readable report: aligned figures and a score distribution chart. */
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "text.h"

#define BAR_WIDTH 30
#define MAX_ROWS 8

typedef struct row {
    const char *label;
    char value[32];
    char pct[32];
    char note[256];
} row;

typedef struct table {
    size_t n;
    row r[MAX_ROWS];
} table;

static row *add_row(table *t, const char *label)
{
    row *r = &t->r[t->n++];
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
        snprintf(buf, size, "%s", msg(lang, MSG_NA));
}

static void share_row(table *t, const char *label, uint64_t n, const shown *pct, int lo,
                      int hi, out_lang lang)
{
    row *r = add_row(t, label);
    snprintf(r->value, sizeof r->value, "%llu", (unsigned long long)n);
    if (pct->defined) {
        report_format(pct, r->pct, sizeof r->pct - 1);
        strcat(r->pct, "%");
    } else {
        shown_text(pct, lang, r->pct, sizeof r->pct);
    }
    if (lo == hi)
        snprintf(r->note, sizeof r->note, "%d", lo);
    else
        snprintf(r->note, sizeof r->note, "%d-%d", lo, hi);
}

static void band_note(const metric_view *v, out_lang lang, char *buf, size_t size)
{
    if (v->band)
        snprintf(buf, size, "%s (%s)",
                 lang == LANG_RU ? v->band->label_ru : v->band->label_en, v->band->id);
    else if (!v->bands)
        snprintf(buf, size, "%s", msg(lang, MSG_NO_BANDS));
}

static void print_table(FILE *out, const table *t)
{
    size_t lw = 0, vw = 0, pw = 0;
    for (size_t i = 0; i < t->n; i++) {
        size_t w = text_width(t->r[i].label);
        lw = w > lw ? w : lw;
        vw = strlen(t->r[i].value) > vw ? strlen(t->r[i].value) : vw;
        pw = text_width(t->r[i].pct) > pw ? text_width(t->r[i].pct) : pw;
    }
    for (size_t i = 0; i < t->n; i++) {
        const row *r = &t->r[i];
        fprintf(out, "  %s%*s  %*s", r->label, (int)(lw - text_width(r->label)), "", (int)vw,
                r->value);
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
    uint64_t eighths = max ? (count * (BAR_WIDTH * 8) + max / 2) / max : 0;
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

static void print_metric(FILE *out, const metric_view *v, out_lang lang)
{
    static const msg_id titles[] = {MSG_NPS_TITLE, MSG_CSAT_TITLE, MSG_CES_TITLE};
    const cx_scale *sc = v->scale;
    const cx_summary *s = &v->sum;
    table t = {0};
    fprintf(out, "%s, %s %d-%d", msg(lang, titles[v->metric]), msg(lang, MSG_SCALE), sc->lo,
            sc->hi);
    if (v->metric == CX_CES)
        fprintf(out, " (%s)",
                msg(lang, sc->direction == CX_CES_AGREE ? MSG_AGREE : MSG_EFFORT));
    fputc('\n', out);
    count_row(&t, msg(lang, MSG_RESPONSES), s->n);
    count_row(&t, msg(lang, MSG_BLANK), s->blank);
    count_row(&t, msg(lang, MSG_INVALID), s->invalid);
    row *r;
    switch (v->metric) {
    case CX_NPS:
        share_row(&t, msg(lang, MSG_PROMOTERS), s->good, &v->good_pct, sc->good_lo,
                  sc->good_hi, lang);
        share_row(&t, msg(lang, MSG_PASSIVES), s->mid, &v->mid_pct, sc->bad_hi + 1,
                  sc->good_lo - 1, lang);
        share_row(&t, msg(lang, MSG_DETRACTORS), s->bad, &v->bad_pct, sc->bad_lo, sc->bad_hi,
                  lang);
        r = add_row(&t, msg(lang, MSG_INDEX_NPS));
        shown_text(&v->index, lang, r->value, sizeof r->value);
        band_note(v, lang, r->note, sizeof r->note);
        break;
    case CX_CSAT:
        share_row(&t, msg(lang, MSG_SATISFIED), s->good, &v->index, sc->good_lo, sc->good_hi,
                  lang);
        r = add_row(&t, msg(lang, MSG_INDEX_CSAT));
        shown_text(&v->index, lang, r->value, sizeof r->value);
        band_note(v, lang, r->note, sizeof r->note);
        r = add_row(&t, msg(lang, MSG_MEAN));
        shown_text(&v->mean, lang, r->value, sizeof r->value);
        break;
    default:
        share_row(&t, msg(lang, MSG_LOW_EFFORT), s->good, &v->index, sc->good_lo,
                  sc->good_hi, lang);
        r = add_row(&t, msg(lang, MSG_MEAN));
        shown_text(&v->mean, lang, r->value, sizeof r->value);
        band_note(v, lang, r->note, sizeof r->note);
        break;
    }
    print_table(out, &t);
    fprintf(out, "  %s\n", msg(lang, MSG_DISTRIBUTION));
    print_distribution(out, v);
}

void report_text(const report *r, FILE *out)
{
    out_lang lang = r->opt->lang;
    fprintf(out, "%s: ", msg(lang, MSG_INPUT));
    if (r->opt->nfiles == 1)
        fputs(survey_display_name(r->opt->files[0]), out);
    else
        fprintf(out, "%zu %s", r->opt->nfiles, msg(lang, MSG_FILES));
    fprintf(out, ", %llu %s", (unsigned long long)r->records, msg(lang, MSG_RECORDS));
    if (r->malformed)
        fprintf(out, ", %llu %s", (unsigned long long)r->malformed, msg(lang, MSG_MALFORMED));
    fputc('\n', out);
    for (size_t i = 0; i < r->count; i++) {
        fputc('\n', out);
        print_metric(out, &r->view[i], lang);
    }
}
