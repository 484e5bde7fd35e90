/* svg_chart.c - the charts of the HTML and SVG reports (layout in svg_chart.h). */
#include "svg_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "i18n.h"
#include "text.h"
#include "verdict.h"

/* ---- palette: light colours as attributes; the HTML page's CSS restyles the classes ---- */

typedef enum paint { P_BG, P_FG, P_MU, P_BAR, P_WH, P_B0, P_B1, P_B2, P_LV, P_Z0, P_Z1, P_Z2,
                     P_Z3, P_SL, P_COUNT } paint;

static const char *const paint_class[P_COUNT] = {"bg", "fg", "mu", "bar", "wh", "b0", "b1", "b2",
                                                 "lv", "z0", "z1", "z2", "z3", "sl"};
static const char *const paint_light[P_COUNT] = {
    "#ffffff", "#1a1a1a", "#555555", "#0072B2", "#000000", "#D55E00", "#999999", "#009E73",
    "#0072B2", "#bdbdbd", "#d4d4d4", "#e6e6e6", "#f2f2f2", "#000000"};

static void fill(FILE *f, paint p)
{
    fprintf(f, " class=\"%s\" fill=\"%s\"", paint_class[p], paint_light[p]);
}

static void stroke(FILE *f, paint p, double width)
{
    fprintf(f, " class=\"%s s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%g\"", paint_class[p],
            paint_light[p], width);
}

/* A coordinate with one decimal; never "-0.0". */
static void coord(FILE *f, const char *name, double v)
{
    double r = round(v * 10) / 10;
    fprintf(f, " %s=\"%.1f\"", name, r + 0.0); /* -0.0 + 0.0 is +0.0 */
}

static void rect(FILE *f, paint p, double x, double y, double w, double h)
{
    fputs("<rect", f);
    coord(f, "x", x);
    coord(f, "y", y);
    coord(f, "width", w > 0 ? w : 0);
    coord(f, "height", h > 0 ? h : 0);
    fill(f, p);
    fputs("/>\n", f);
}

static void line(FILE *f, paint p, double x1, double y1, double x2, double y2, double width)
{
    fputs("<line", f);
    coord(f, "x1", x1);
    coord(f, "y1", y1);
    coord(f, "x2", x2);
    coord(f, "y2", y2);
    stroke(f, p, width);
    fputs("/>\n", f);
}

/* "<text ...>": anchor 's' start, 'm' middle, 'e' end; size in px, bold or not. */
static void text_open(FILE *f, paint p, double x, double y, char anchor, int size, bool bold)
{
    fputs("<text", f);
    coord(f, "x", x);
    coord(f, "y", y);
    fill(f, p);
    if (anchor != 's')
        fprintf(f, " text-anchor=\"%s\"", anchor == 'm' ? "middle" : "end");
    if (size != 12)
        fprintf(f, " font-size=\"%d\"", size);
    if (bold)
        fputs(" font-weight=\"bold\"", f);
    fputc('>', f);
}

static void label(FILE *f, paint p, double x, double y, char anchor, int size, const char *s)
{
    text_open(f, p, x, y, anchor, size, false);
    xml_text(f, s, strlen(s));
    fputs("</text>\n", f);
}

/* ---- text ---- */

static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    return len <= n && text_utf8_valid((const char *)s, len) ? len : 0;
}

static size_t put_char(FILE *f, const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t len = utf8_len((const unsigned char *)s, n);
    if (len == 0 || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
        fputs("\xEF\xBF\xBD", f);
        return len ? len : 1;
    }
    switch (c) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    default: fwrite(s, 1, len, f); break;
    }
    return len;
}

bool xml_text_cut(FILE *f, const char *s, size_t n, size_t max)
{
    size_t i = 0, cp = 0;
    while (i < n && cp < max) {
        i += put_char(f, s + i, n - i);
        cp++;
    }
    if (i < n)
        fputs("…", f);
    return i < n;
}

void xml_text(FILE *f, const char *s, size_t n)
{
    xml_text_cut(f, s, n, SIZE_MAX);
}

/* ---- words ---- */

static const char *word(out_lang lang, const char *en, const char *ru)
{
    return lang == LANG_RU ? ru : en;
}

const char *chart_lead_name(const metric_view *v, out_lang lang)
{
    switch (v->metric) {
    case CX_NPS: return "NPS";
    case CX_CSAT: return "CSAT";
    case CX_CES: return i18n_text(lang, MSG_CES_MEAN);
    default: return i18n_text(lang, MSG_MEAN);
    }
}

int chart_bucket(const metric_view *v, int score)
{
    const cx_scale *sc = v->scale;
    if (v->metric == CX_LEVEL)
        return 3;
    if (score >= sc->good_lo && score <= sc->good_hi)
        return 2;
    if (sc->bad_lo > sc->bad_hi || (score >= sc->bad_lo && score <= sc->bad_hi))
        return 0;
    return 1;
}

static bool has_mid(const metric_view *v)
{
    return v->metric != CX_LEVEL && v->scale->bad_lo <= v->scale->bad_hi;
}

const char *chart_bucket_name(const metric_view *v, int bucket, out_lang lang)
{
    static const char *const en[3][3] = {{"detractors", "passives", "promoters"},
                                         {"dissatisfied", "neutral", "satisfied"},
                                         {"high effort", "neutral", "low effort"}};
    static const char *const ru[3][3] = {{"критики", "пассивные", "промоутеры"},
                                         {"неудовлетворены", "нейтрально", "удовлетворены"},
                                         {"большие усилия", "нейтрально", "малые усилия"}};
    if (v->metric == CX_LEVEL || bucket < 0 || bucket > 2)
        return "";
    return (lang == LANG_RU ? ru : en)[v->metric][bucket];
}

/* The share shown for a bucket: without a bad range (CSAT) the rest are the dissatisfied. */
static const shown *bucket_pct(const metric_view *v, int bucket)
{
    if (bucket == 2)
        return &v->good_pct;
    if (bucket == 1)
        return &v->mid_pct;
    return has_mid(v) ? &v->bad_pct : &v->mid_pct;
}

static double bucket_share(const metric_view *v, int bucket)
{
    if (bucket == 2)
        return v->good;
    if (!has_mid(v))
        return bucket == 0 ? v->mid + v->bad : 0;
    return bucket == 1 ? v->mid : v->bad;
}

static double shown_value(const shown *s)
{
    double d = (double)s->scaled;
    for (unsigned i = 0; i < s->prec; i++)
        d /= 10;
    return d;
}

/* "32.3", or the language's n/a. */
static const char *fmt(const shown *s, out_lang lang, char *buf, size_t size)
{
    if (!s->defined)
        snprintf(buf, size, "%s", i18n_text(lang, MSG_NA));
    else
        report_format(s, buf, size);
    return buf;
}

static const char *to_word(out_lang lang)
{
    return lang == LANG_RU ? "…" : "to";
}

/* " (95% CI 29.4 to 35.2)" when the figure has an interval. */
static void put_ci(FILE *f, const report *r, const figure *fg)
{
    char lo[32], hi[32];
    out_lang lang = r->style->lang;
    if (!fg->lo.defined)
        return;
    fprintf(f, " (%g%% %s %s %s %s)", r->style->confidence * 100, i18n_text(lang, MSG_CI),
            report_format(&fg->lo, lo, sizeof lo), to_word(lang),
            report_format(&fg->hi, hi, sizeof hi));
}

void chart_row_name(const report *r, const report_row *row, char *buf, size_t size)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    size_t used = 0, pos = 0, len;
    const char *part;
    buf[0] = '\0';
    if (!row->key) {
        snprintf(buf, size, "%s", i18n_text(st->lang, MSG_TOTAL));
        return;
    }
    for (size_t i = 0; key_next(row->key, row->key_len, &pos, &part, &len) && used + 8 < size;
         i++) {
        if (i)
            used += (size_t)snprintf(buf + used, size - used, ", ");
        if (row->has_period && pos == row->key_len) {
            cx_period_label(row->period, o->every, buf + used, size - used);
        } else if (len == 0) {
            snprintf(buf + used, size - used, "%s", i18n_text(st->lang, MSG_BLANK_KEY));
        } else {
            size_t n = len < size - used - 1 ? len : size - used - 1;
            while (n > 0 && n < len && ((unsigned char)part[n] & 0xC0) == 0x80)
                n--; /* cut at a code point's start */
            memcpy(buf + used, part, n);
            buf[used + n] = '\0';
        }
        used += strlen(buf + used);
    }
}

/* ---- the <svg> element ---- */

/* Opens the element and its <title>: the caller writes the title, then svg_desc(). */
static unsigned svg_open(const svg_out *o, double y, double h)
{
    FILE *f = o->f;
    unsigned id = (*o->next_id)++;
    fputs("<svg", f);
    if (o->html)
        fprintf(f, " xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                   "aria-labelledby=\"t%u d%u\"", id, id);
    else
        coord(f, "y", y);
    fprintf(f, " width=\"%d\" height=\"%g\" viewBox=\"0 0 %d %g\" "
               "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\">\n"
               "<title id=\"t%u\">", CHART_W, h, CHART_W, h, id);
    return id;
}

static void svg_desc(const svg_out *o, unsigned id)
{
    fprintf(o->f, "</title>\n<desc id=\"d%u\">", id);
}

static void svg_body(const svg_out *o, double h)
{
    fputs("</desc>\n", o->f);
    rect(o->f, P_BG, 0, 0, CHART_W, h);
}

static void svg_close(const svg_out *o)
{
    fputs("</svg>\n", o->f);
}

/* ---- scales and band zones ---- */

typedef struct axis {
    double lo, hi; /* values */
    double x, w;   /* pixels */
} axis;

static double ax(const axis *a, double v)
{
    if (v < a->lo)
        v = a->lo;
    if (v > a->hi)
        v = a->hi;
    return a->x + (v - a->lo) * a->w / (a->hi - a->lo);
}

/* The range a figure lives on: NPS -100..100, shares 0..100, means the scale. */
static void figure_range(const metric_view *v, const figure *fg, double *lo, double *hi)
{
    if (fg == &v->index) {
        *lo = v->metric == CX_NPS ? -100 : 0;
        *hi = 100;
    } else {
        *lo = v->scale->lo;
        *hi = v->scale->hi;
    }
}

static double decimal_value(cx_decimal d)
{
    double v = (double)d.mant;
    for (unsigned i = 0; i < d.exp; i++)
        v /= 10;
    return v;
}

/* Band indices from the lowest interval up; @return their number. */
static size_t bands_sorted(const cx_bandset *b, size_t *idx)
{
    size_t n = b ? b->count : 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && cx_decimal_compare(b->band[idx[j - 1]].lo, b->band[i].lo) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = i;
    }
    return n;
}

static paint zone_paint(size_t rank, size_t n)
{
    return (paint)(P_Z0 + (n > 1 ? rank * 3 / (n - 1) : 2));
}

static const char *band_text(const cx_band *b, out_lang lang)
{
    return lang == LANG_RU ? b->label_ru : b->label_en;
}

/* Zones of the bands along an axis, from y, h high, with their ids under them at id_y (0: none). */
static void draw_zones(FILE *f, const metric_view *v, const axis *a, double y, double h,
                       double id_y)
{
    size_t idx[CX_MAX_BANDS];
    size_t n = bands_sorted(v->bands, idx);
    if (n == 0) {
        rect(f, P_Z3, a->x, y, a->w, h);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const cx_band *b = &v->bands->band[idx[i]];
        double x0 = ax(a, decimal_value(b->lo)), x1 = ax(a, decimal_value(b->hi));
        rect(f, zone_paint(i, n), x0, y, x1 - x0, h);
        if (i > 0) /* a boundary stays visible where two zones share a shade */
            line(f, P_BG, x0, y, x0, y + h, 1);
        if (id_y > 0 && x1 - x0 >= 6.0 * (double)text_width(b->id))
            label(f, P_MU, (x0 + x1) / 2, id_y, 'm', 11, b->id);
    }
}

/* Tick labels at the axis ends and the band boundaries. */
static void draw_ticks(FILE *f, const metric_view *v, const axis *a, double y)
{
    size_t idx[CX_MAX_BANDS];
    size_t n = bands_sorted(v->bands, idx);
    char buf[32];
    snprintf(buf, sizeof buf, "%g", a->lo);
    label(f, P_MU, a->x, y, 'm', 10, buf);
    for (size_t i = 1; i < n; i++) {
        double t = decimal_value(v->bands->band[idx[i]].lo);
        snprintf(buf, sizeof buf, "%g", t);
        label(f, P_MU, ax(a, t), y, 'm', 10, buf);
    }
    snprintf(buf, sizeof buf, "%g", a->hi);
    label(f, P_MU, a->x + a->w, y, 'm', 10, buf);
}

/* A dot-and-whisker: the interval's line with caps, the value's dot. */
static void whisker(FILE *f, const axis *a, const figure *fg, double y, double cap, bool dot)
{
    if (fg->lo.defined && fg->hi.defined) {
        double x0 = ax(a, shown_value(&fg->lo)), x1 = ax(a, shown_value(&fg->hi));
        line(f, P_WH, x0, y, x1, y, 2);
        line(f, P_WH, x0, y - cap, x0, y + cap, 2);
        line(f, P_WH, x1, y - cap, x1, y + cap, 2);
    }
    if (dot && fg->value.defined) {
        fputs("<circle", f);
        coord(f, "cx", ax(a, shown_value(&fg->value)));
        coord(f, "cy", y);
        fputs(" r=\"3.5\"", f);
        fill(f, P_BAR);
        fputs("/>\n", f);
    }
}

/* ---- the bullet bar ---- */

static void bullet_words(FILE *f, const report *r, const metric_view *v, bool desc)
{
    out_lang lang = r->style->lang;
    const figure *fg = report_lead(v);
    char buf[32];
    fprintf(f, "%s %s", chart_lead_name(v, lang), fmt(&fg->value, lang, buf, sizeof buf));
    put_ci(f, r, fg);
    if (v->band) {
        fprintf(f, ", %s ", i18n_text(lang, v->metric == CX_LEVEL ? MSG_LEVEL : MSG_BAND));
        xml_text(f, v->band->id, strlen(v->band->id));
        if (desc) {
            fputs(": ", f);
            xml_text(f, band_text(v->band, lang), strlen(band_text(v->band, lang)));
        }
    }
    if (desc)
        fprintf(f, "; n = %llu", (unsigned long long)v->sum.n);
    if (desc && v->note != NOTE_NONE)
        fprintf(f, "; %s",
                i18n_text(lang, v->note == NOTE_WIDE ? MSG_NOTE_WIDE : MSG_NOTE_INDICATIVE));
}

static void bullet_left(FILE *f, const report *r, const metric_view *v)
{
    const figure *fg = report_lead(v);
    char buf[48];
    text_open(f, P_FG, 8, 30, 's', 12, true);
    xml_text(f, chart_lead_name(v, r->style->lang), strlen(chart_lead_name(v, r->style->lang)));
    fputs("</text>\n", f);
    text_open(f, P_FG, 8, 52, 's', 18, true);
    fprintf(f, "%s%s</text>\n", fmt(&fg->value, r->style->lang, buf, sizeof buf),
            v->note == NOTE_INDICATIVE ? "~" : "");
    if (fg->lo.defined) {
        char lo[32], hi[32];
        snprintf(buf, sizeof buf, "%g%% %s %s %s %s", r->style->confidence * 100,
                 i18n_text(r->style->lang, MSG_CI), report_format(&fg->lo, lo, sizeof lo),
                 to_word(r->style->lang), report_format(&fg->hi, hi, sizeof hi));
        label(f, P_MU, 8, 68, 's', 10, buf);
    }
}

void chart_bullet(const svg_out *o, const report *r, const metric_view *v, double y)
{
    FILE *f = o->f;
    const figure *fg = report_lead(v);
    axis a = {0, 0, BULLET_X, BULLET_PW};
    figure_range(v, fg, &a.lo, &a.hi);
    unsigned id = svg_open(o, y, BULLET_H);
    bullet_words(f, r, v, false);
    svg_desc(o, id);
    bullet_words(f, r, v, true);
    fputc('.', f);
    svg_body(o, BULLET_H);
    draw_zones(f, v, &a, BULLET_ZONE_Y, BULLET_ZONE_H, BULLET_ZONE_Y + BULLET_ZONE_H + 13);
    if (fg->value.defined)
        rect(f, P_BAR, a.x, BULLET_BAR_Y, ax(&a, shown_value(&fg->value)) - a.x, BULLET_BAR_H);
    whisker(f, &a, fg, BULLET_BAR_Y + BULLET_BAR_H / 2.0, 8, false);
    draw_ticks(f, v, &a, BULLET_ZONE_Y - 6);
    bullet_left(f, r, v);
    if (v->band) {
        text_open(f, P_FG, BULLET_X, 86, 's', 12, false);
        xml_text(f, v->band->id, strlen(v->band->id));
        fputs(": ", f);
        xml_text(f, band_text(v->band, r->style->lang), strlen(band_text(v->band, r->style->lang)));
        fputs("</text>\n", f);
    } else if (!v->bands) {
        label(f, P_MU, BULLET_X, 86, 's', 12, i18n_text(r->style->lang, MSG_NO_BANDS));
    }
    svg_close(o);
}

/* ---- the distribution ---- */

static void dist_desc(FILE *f, const report *r, const metric_view *v)
{
    out_lang lang = r->style->lang;
    int bins = v->scale->hi - v->scale->lo + 1;
    fprintf(f, "%s:", word(lang, "Answers by score", "Ответы по баллам"));
    for (int i = 0; i < bins; i++)
        fprintf(f, "%s %d: %llu", i ? "," : "", v->scale->lo + i,
                (unsigned long long)v->hist->count[i]);
    for (int b = 0; b < 3 && v->metric != CX_LEVEL; b++) {
        char buf[32];
        if (b == 1 && !has_mid(v))
            continue;
        fprintf(f, "%s %s %s%%", b ? "," : ";", chart_bucket_name(v, b, lang),
                fmt(bucket_pct(v, b), lang, buf, sizeof buf));
    }
    fputc('.', f);
}

/* Under the bins: each bucket's span in its colour with its name and share. */
static void dist_buckets(FILE *f, const report *r, const metric_view *v, double slot)
{
    int bins = v->scale->hi - v->scale->lo + 1;
    for (int i = 0; i < bins && v->metric != CX_LEVEL;) {
        int b = chart_bucket(v, v->scale->lo + i), j = i;
        while (j + 1 < bins && chart_bucket(v, v->scale->lo + j + 1) == b)
            j++;
        double x0 = DIST_X + i * slot + 3, x1 = DIST_X + (j + 1) * slot - 3;
        rect(f, (paint)(P_B0 + b), x0, DIST_BASE + 22, x1 - x0, 4);
        char buf[96], pct[32];
        snprintf(buf, sizeof buf, "%s %s%%", chart_bucket_name(v, b, r->style->lang),
                 fmt(bucket_pct(v, b), r->style->lang, pct, sizeof pct));
        label(f, P_FG, (x0 + x1) / 2, DIST_BASE + 42, 'm', 11, buf);
        i = j + 1;
    }
}

void chart_distribution(const svg_out *o, const report *r, const metric_view *v, double y)
{
    FILE *f = o->f;
    int bins = v->scale->hi - v->scale->lo + 1;
    uint64_t max = 0;
    for (int i = 0; i < bins; i++)
        max = v->hist->count[i] > max ? v->hist->count[i] : max;
    double slot = (double)DIST_PW / bins;
    unsigned id = svg_open(o, y, DIST_H);
    fprintf(f, "%s: %s", chart_lead_name(v, r->style->lang), i18n_text(r->style->lang, MSG_DISTRIBUTION));
    svg_desc(o, id);
    dist_desc(f, r, v);
    svg_body(o, DIST_H);
    for (int i = 0; i < bins; i++) {
        uint64_t c = v->hist->count[i];
        double h = max ? (double)c * DIST_TALL / (double)max : 0;
        double x = DIST_X + i * slot;
        char buf[24];
        rect(f, (paint)(P_B0 + chart_bucket(v, v->scale->lo + i)), x + slot * 0.15,
             DIST_BASE - h, slot * 0.7, h);
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)c);
        label(f, P_FG, x + slot / 2, DIST_BASE - h - 4, 'm', 10, buf);
        snprintf(buf, sizeof buf, "%d", v->scale->lo + i);
        label(f, P_MU, x + slot / 2, DIST_BASE + 14, 'm', 11, buf);
    }
    line(f, P_MU, DIST_X, DIST_BASE + 0.5, DIST_X + DIST_PW, DIST_BASE + 0.5, 1);
    dist_buckets(f, r, v, slot);
    svg_close(o);
}

/* ---- segments: 100% stacked buckets, then the lead figure's dot and whisker ---- */

#define SEG_WH_X 410 /* the whisker's axis: left edge and width */
#define SEG_WH_W 150

static size_t seg_drawn(const report *r)
{
    return r->nrows < SEG_MAX ? r->nrows : SEG_MAX;
}

double chart_segments_height(size_t rows)
{
    return SEG_TOP + (double)((rows < SEG_MAX ? rows : SEG_MAX) + 1) * SEG_ROW + 34;
}

/* The rows drawn, then the total: computed once for the description and the drawing. */
static report_row *seg_rows(const report *r, size_t drawn)
{
    report_row *rows = malloc((drawn + 1) * sizeof *rows);
    for (size_t i = 0; rows && i < drawn; i++)
        report_row_at(r, i, &rows[i]);
    if (rows)
        rows[drawn] = r->total;
    return rows;
}

static void seg_desc(FILE *f, const report *r, const report_row *rows, size_t drawn, size_t m)
{
    out_lang lang = r->style->lang;
    for (size_t i = 0; i <= drawn; i++) {
        char name[512], buf[32];
        const metric_view *v = &rows[i].view[m];
        chart_row_name(r, &rows[i], name, sizeof name);
        fputs(i ? "; " : "", f);
        xml_text(f, name, strlen(name));
        fprintf(f, ": n = %llu, %s %s", (unsigned long long)v->sum.n, chart_lead_name(v, lang),
                fmt(&report_lead(v)->value, lang, buf, sizeof buf));
        put_ci(f, r, report_lead(v));
        for (int b = 0; b < 3 && v->metric != CX_LEVEL; b++)
            if (b != 1 || has_mid(v))
                fprintf(f, ", %s %s%%", chart_bucket_name(v, b, lang),
                        fmt(bucket_pct(v, b), lang, buf, sizeof buf));
        if (v->note == NOTE_INDICATIVE)
            fputs(" ~", f);
    }
    if (r->nrows > drawn)
        fprintf(f, "; %s: %zu", word(lang, "segments not drawn", "не показано сегментов"),
                r->nrows - drawn);
    fputc('.', f);
}

/* The legend: a swatch and the name of each bucket, and the whisker's heading. */
static void seg_legend(FILE *f, const report *r, const metric_view *v)
{
    double x = SEG_BAR_X;
    for (int b = 0; b < 3 && v->metric != CX_LEVEL; b++) {
        if (b == 1 && !has_mid(v))
            continue;
        const char *name = chart_bucket_name(v, b, r->style->lang);
        rect(f, (paint)(P_B0 + b), x, 8, 10, 10);
        label(f, P_FG, x + 14, 17, 's', 11, name);
        x += 24 + 6.5 * (double)text_width(name);
    }
    char head[64];
    snprintf(head, sizeof head, "%s, %g%% %s", chart_lead_name(v, r->style->lang),
             r->style->confidence * 100, i18n_text(r->style->lang, MSG_CI));
    label(f, P_FG, SEG_WH_X + SEG_WH_W / 2.0, 30, 'm', 11, head);
    label(f, P_FG, CHART_W - 4, 30, 'e', 11, "n");
}

static void seg_bar(FILE *f, const metric_view *v, double y, out_lang lang)
{
    double x = SEG_BAR_X;
    for (int b = 0; b < 3 && v->metric != CX_LEVEL && v->sum.n > 0; b++) {
        double w = b == 2 ? SEG_BAR_X + SEG_BAR_W - x : bucket_share(v, b) * SEG_BAR_W;
        if (w <= 0)
            continue;
        char buf[32];
        fmt(bucket_pct(v, b), lang, buf, sizeof buf);
        /* a tooltip names every segment; the label shows where it fits */
        fputs("<g><title>", f);
        xml_text(f, chart_bucket_name(v, b, lang), strlen(chart_bucket_name(v, b, lang)));
        fprintf(f, " %s%%</title>", buf);
        rect(f, (paint)(P_B0 + b), x, y, w, SEG_BAR_H);
        fputs("</g>", f);
        if (w >= 5.5 * (double)strlen(buf) + 2)
            label(f, P_SL, x + w / 2, y + SEG_BAR_H - 4, 'm', 10, buf);
        x += w;
    }
}

static void seg_row(FILE *f, const report *r, const report_row *row, size_t m, double y)
{
    const metric_view *v = &row->view[m];
    const figure *fg = report_lead(v);
    char name[512], buf[48];
    axis a = {0, 0, SEG_WH_X, SEG_WH_W};
    figure_range(v, fg, &a.lo, &a.hi);
    chart_row_name(r, row, name, sizeof name);
    fputs("<g><title>", f);
    xml_text(f, name, strlen(name));
    fputs("</title>", f);
    text_open(f, P_FG, 8, y + SEG_BAR_H - 3, 's', 11, !row->key);
    xml_text_cut(f, name, strlen(name), SEG_NAME_CP);
    fputs("</text></g>\n", f);
    seg_bar(f, v, y, r->style->lang);
    line(f, P_MU, a.x, y + SEG_BAR_H / 2.0, a.x + a.w, y + SEG_BAR_H / 2.0, 0.5);
    whisker(f, &a, fg, y + SEG_BAR_H / 2.0, 4, true);
    char val[32];
    snprintf(buf, sizeof buf, "%s%s", fmt(&fg->value, r->style->lang, val, sizeof val),
             v->note == NOTE_INDICATIVE ? "~" : "");
    label(f, P_FG, SEG_WH_X + SEG_WH_W + 6, y + SEG_BAR_H - 3, 's', 11, buf);
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)v->sum.n);
    label(f, P_FG, CHART_W - 4, y + SEG_BAR_H - 3, 'e', 11, buf);
}

void chart_segments(const svg_out *o, const report *r, size_t m, double y)
{
    FILE *f = o->f;
    const run_plan *opt = r->plan;
    size_t drawn = seg_drawn(r);
    double h = chart_segments_height(r->nrows);
    const metric_view *tv = &r->total.view[m];
    report_row *own = seg_rows(r, drawn);
    const report_row *rows = own ? own : &r->total;
    if (!own) /* out of memory: the total alone */
        drawn = 0;
    unsigned id = svg_open(o, y, h);
    fprintf(f, "%s %s ", chart_lead_name(tv, r->style->lang), word(r->style->lang, "by", "по"));
    for (size_t i = 0; i < opt->ngroup; i++) {
        fputs(i ? ", " : "", f);
        xml_text(f, opt->group[i], strlen(opt->group[i]));
    }
    if (opt->period)
        fprintf(f, "%s%s", opt->ngroup ? ", " : "", i18n_text(r->style->lang, MSG_PERIOD));
    svg_desc(o, id);
    seg_desc(f, r, rows, drawn, m);
    svg_body(o, h);
    seg_legend(f, r, tv);
    for (size_t i = 0; i <= drawn; i++) {
        double ry = SEG_TOP + (double)i * SEG_ROW + (i == drawn ? 6 : 0);
        if (i == drawn)
            line(f, P_MU, 4, ry - 5, CHART_W - 4, ry - 5, 1);
        seg_row(f, r, &rows[i], m, ry);
    }
    free(own);
    if (r->nrows > drawn) {
        char buf[160];
        snprintf(buf, sizeof buf, "%s: %zu (%s)",
                 word(r->style->lang, "segments not drawn", "не показано сегментов"), r->nrows - drawn,
                 word(r->style->lang, "the table lists them all", "в таблице есть все"));
        label(f, P_FG, 8, h - 8, 's', 11, buf);
    }
    svg_close(o);
}

/* ---- the trend over periods ---- */

#define TREND_X 56 /* plot area */
#define TREND_W 520
#define TREND_Y 24
#define TREND_PH 176

typedef struct tpoint {
    int32_t period;
    size_t row;
    bool has, ci, sig;
    double v, lo, hi;
    shown change;
    figure fig; /* the lead figure as shown, for the description */
} tpoint;

static int tpoint_cmp(const void *a, const void *b)
{
    const tpoint *x = a, *y = b;
    return (x->period > y->period) - (x->period < y->period);
}

/* The latest TREND_MAX periods in time order with metric m's figures; @return how many. */
static size_t trend_points(const report *r, size_t m, tpoint **out)
{
    tpoint *p = calloc(r->nrows ? r->nrows : 1, sizeof *p);
    if (!p)
        return 0;
    report_row row;
    for (size_t i = 0; i < r->nrows; i++) {
        report_row_at(r, i, &row);
        p[i].period = row.period;
        p[i].row = i;
    }
    qsort(p, r->nrows, sizeof *p, tpoint_cmp);
    size_t skip = r->nrows > TREND_MAX ? r->nrows - TREND_MAX : 0, n = r->nrows - skip;
    memmove(p, p + skip, n * sizeof *p);
    for (size_t i = 0; i < n; i++) {
        report_row_at(r, p[i].row, &row);
        const metric_view *v = &row.view[m];
        const figure *fg = report_lead(v);
        p[i].fig = *fg;
        p[i].has = fg->value.defined;
        p[i].v = shown_value(&fg->value);
        p[i].ci = fg->lo.defined && fg->hi.defined;
        p[i].lo = p[i].ci ? shown_value(&fg->lo) : p[i].v;
        p[i].hi = p[i].ci ? shown_value(&fg->hi) : p[i].v;
        p[i].sig = v->change.tested && v->change.significant;
        p[i].change = v->change.value;
    }
    *out = p;
    return n;
}

/* The value axis: the points' intervals widened to whole steps, inside the scale. */
static void trend_axis(const metric_view *v, const tpoint *p, size_t n, axis *a, double *step)
{
    double slo, shi, lo = INFINITY, hi = -INFINITY;
    figure_range(v, report_lead(v), &slo, &shi);
    *step = shi - slo > 20 ? 10 : shi - slo > 5 ? 1 : 0.5;
    for (size_t i = 0; i < n; i++)
        if (p[i].has) {
            lo = p[i].lo < lo ? p[i].lo : lo;
            hi = p[i].hi > hi ? p[i].hi : hi;
        }
    if (!(lo <= hi))
        lo = slo, hi = shi;
    lo = floor(lo / *step) * *step;
    hi = ceil(hi / *step) * *step;
    if (hi - lo < *step * 2)
        lo -= *step, hi += *step;
    a->lo = lo < slo ? slo : lo;
    a->hi = hi > shi ? shi : hi;
    /* pixels run down: x holds the bottom, w the height taken upwards */
    a->x = TREND_Y + TREND_PH;
    a->w = -TREND_PH;
}

static double px_of(size_t i, size_t n)
{
    return TREND_X + ((double)i + 0.5) * TREND_W / (double)n;
}

static void trend_zones(FILE *f, const metric_view *v, const axis *a)
{
    size_t idx[CX_MAX_BANDS];
    size_t n = bands_sorted(v->bands, idx);
    for (size_t i = 0; i < n; i++) {
        const cx_band *b = &v->bands->band[idx[i]];
        double lo = decimal_value(b->lo), hi = decimal_value(b->hi);
        if (hi <= a->lo || lo >= a->hi)
            continue;
        double y0 = ax(a, hi), y1 = ax(a, lo);
        rect(f, zone_paint(i, n), TREND_X, y0, TREND_W, y1 - y0);
        if (i > 0 && lo > a->lo)
            line(f, P_BG, TREND_X, y1, TREND_X + TREND_W, y1, 1);
        if (y1 - y0 >= 12)
            label(f, P_MU, TREND_X + TREND_W + 4, (y0 + y1) / 2 + 4, 's', 10, b->id);
    }
}

static void trend_grid(FILE *f, const axis *a, double step)
{
    double count = (a->hi - a->lo) / step;
    double every = ceil(count / 8) * step;
    double first = ceil(a->lo / every);
    for (int k = 0; (first + k) * every <= a->hi + 1e-9; k++) {
        char buf[32];
        double t = (first + k) * every, y = ax(a, t);
        line(f, P_MU, TREND_X, y, TREND_X + TREND_W, y, 0.5);
        snprintf(buf, sizeof buf, "%g", fabs(t) < 1e-9 ? 0.0 : t);
        label(f, P_MU, TREND_X - 6, y + 4, 'e', 10, buf);
    }
}

/* The interval band and the line, each broken where a period has no value. */
static void trend_series(FILE *f, const tpoint *p, size_t n, const axis *a)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j].has && p[j].ci)
            j++;
        if (j > i) {
            fputs("<polygon points=\"", f);
            for (size_t k = i; k < j; k++)
                fprintf(f, "%.1f,%.1f ", px_of(k, n), ax(a, p[k].hi));
            for (size_t k = j; k-- > i;)
                fprintf(f, "%.1f,%.1f%s", px_of(k, n), ax(a, p[k].lo), k > i ? " " : "");
            fputc('"', f);
            fill(f, P_BAR);
            fputs(" fill-opacity=\"0.22\"/>\n", f);
        }
        i = j > i ? j : i + 1;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j].has)
            j++;
        if (j > i + 1) {
            fputs("<polyline points=\"", f);
            for (size_t k = i; k < j; k++)
                fprintf(f, "%.1f,%.1f%s", px_of(k, n), ax(a, p[k].v), k + 1 < j ? " " : "");
            fputc('"', f);
            stroke(f, P_BAR, 2);
            fputs("/>\n", f);
        }
        i = j > i ? j : i + 1;
    }
}

static void trend_points_draw(FILE *f, const tpoint *p, size_t n, const axis *a)
{
    for (size_t i = 0; i < n; i++) {
        if (!p[i].has)
            continue;
        double x = px_of(i, n), y = ax(a, p[i].v);
        fputs("<circle", f);
        coord(f, "cx", x);
        coord(f, "cy", y);
        fprintf(f, " r=\"%s\"", p[i].sig ? "5" : "3");
        if (p[i].sig)
            fill(f, P_BAR);
        else
            fprintf(f, " class=\"bg sbar\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"",
                    paint_light[P_BG], paint_light[P_BAR]);
        fputs("/>\n", f);
        if (p[i].sig) {
            char buf[40], num[32];
            snprintf(buf, sizeof buf, "%s%s*", p[i].change.scaled > 0 ? "+" : "",
                     report_format(&p[i].change, num, sizeof num));
            double ly = ax(a, p[i].hi) - 6;
            label(f, P_FG, x, ly < TREND_Y + 10 ? TREND_Y + 10 : ly, 'm', 10, buf);
        }
    }
}

static void trend_labels(FILE *f, const report *r, const tpoint *p, size_t n)
{
    size_t every = (n + 9) / 10;
    for (size_t i = 0; i < n; i += every ? every : 1) {
        char buf[32];
        cx_period_label(p[i].period, r->plan->every, buf, sizeof buf);
        label(f, P_MU, px_of(i, n), TREND_Y + TREND_PH + 16, 'm', 10, buf);
    }
}

static void trend_legend(FILE *f, const report *r, const metric_view *v)
{
    out_lang lang = r->style->lang;
    double y = TREND_H - 14;
    char buf[64];
    line(f, P_BAR, TREND_X, y - 4, TREND_X + 20, y - 4, 2);
    label(f, P_FG, TREND_X + 26, y, 's', 11, chart_lead_name(v, lang));
    fputs("<rect", f);
    coord(f, "x", TREND_X + 110);
    coord(f, "y", y - 10);
    fputs(" width=\"20\" height=\"10\"", f);
    fill(f, P_BAR);
    fputs(" fill-opacity=\"0.22\"/>\n", f);
    snprintf(buf, sizeof buf, "%g%% %s", r->style->confidence * 100, i18n_text(lang, MSG_CI));
    label(f, P_FG, TREND_X + 136, y, 's', 11, buf);
    fputs("<circle", f);
    coord(f, "cx", TREND_X + 250);
    coord(f, "cy", y - 4);
    fputs(" r=\"5\"", f);
    fill(f, P_BAR);
    fputs("/>\n", f);
    label(f, P_FG, TREND_X + 260, y, 's', 11,
          word(lang, "* significant change", "* значимое изменение"));
}

static void trend_desc(FILE *f, const report *r, const tpoint *p, size_t n)
{
    out_lang lang = r->style->lang;
    const char *sep = "";
    for (size_t i = 0; i < n; i++) {
        char buf[32];
        const figure *fg = &p[i].fig;
        cx_period_label(p[i].period, r->plan->every, buf, sizeof buf);
        fprintf(f, "%s%s: ", i ? "; " : "", buf);
        fputs(fmt(&fg->value, lang, buf, sizeof buf), f);
        put_ci(f, r, fg);
    }
    fprintf(f, ". %s:", word(lang, "Significant changes", "Значимые изменения"));
    for (size_t i = 0; i < n; i++)
        if (p[i].sig) {
            char label_buf[32], num[32];
            cx_period_label(p[i].period, r->plan->every, label_buf, sizeof label_buf);
            fprintf(f, "%s %s %s%s", sep, label_buf, p[i].change.scaled > 0 ? "+" : "",
                    report_format(&p[i].change, num, sizeof num));
            sep = ",";
        }
    if (!*sep)
        fprintf(f, " %s", word(lang, "none", "нет"));
    if (r->nrows > n)
        fprintf(f, ". %s: %zu", word(lang, "Earlier periods not drawn", "Не показано ранних периодов"),
                r->nrows - n);
    fputc('.', f);
}

void chart_trend(const svg_out *o, const report *r, size_t m, double y)
{
    FILE *f = o->f;
    const metric_view *tv = &r->total.view[m];
    tpoint *p = NULL;
    size_t n = trend_points(r, m, &p);
    axis a;
    double step;
    trend_axis(tv, p, n, &a, &step);
    unsigned id = svg_open(o, y, TREND_H);
    fprintf(f, "%s %s ", chart_lead_name(tv, r->style->lang), word(r->style->lang, "by", "по"));
    xml_text(f, r->plan->period, strlen(r->plan->period));
    fprintf(f, " (%s)", cx_every_name(r->plan->every));
    svg_desc(o, id);
    trend_desc(f, r, p, n);
    svg_body(o, TREND_H);
    trend_zones(f, tv, &a);
    trend_grid(f, &a, step);
    trend_series(f, p, n, &a);
    trend_points_draw(f, p, n, &a);
    trend_labels(f, r, p, n);
    trend_legend(f, r, tv);
    if (r->nrows > n) {
        char buf[96];
        snprintf(buf, sizeof buf, "%s: %zu",
                 word(r->style->lang, "earlier periods not drawn", "не показано ранних периодов"),
                 r->nrows - n);
        label(f, P_FG, TREND_X, 14, 's', 11, buf);
    }
    svg_close(o);
    free(p);
}

/* ---- a comparison: both values with intervals, the difference against 0 ---- */

#define CMP_Y_A 44
#define CMP_Y_B 70
#define CMP_Y_D 104

static void cmp_words(FILE *f, const report *r, const comparison *c, bool desc)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    const difference *d = &c->diff;
    static const msg_id index_name[] = {MSG_INDEX_NPS, MSG_INDEX_CSAT, MSG_LOW_EFFORT_PCT,
                                        MSG_MEAN};
    static const msg_id mean_name[] = {MSG_MEAN, MSG_CSAT_MEAN, MSG_CES_MEAN, MSG_MEAN};
    const char *what = i18n_text(st->lang, (c->mean ? mean_name : index_name)[c->metric]);
    char buf[32], verdict[256];
    fprintf(f, "%s: ", what);
    for (int i = 0; i < 2; i++) {
        const metric_view *v = report_view(&r->cmp_row[i], c->metric);
        const figure *fg = c->mean ? &v->mean : &v->index;
        fputs(i ? (st->lang == LANG_RU ? " и " : " vs ") : "", f);
        xml_text(f, o->compare_value[i], strlen(o->compare_value[i]));
        fprintf(f, " %s", fmt(&fg->value, st->lang, buf, sizeof buf));
        if (desc) {
            put_ci(f, r, fg);
            fprintf(f, " n = %llu", (unsigned long long)v->sum.n);
        }
    }
    if (!desc)
        return;
    fprintf(f, "; %s %s", i18n_text(st->lang, MSG_DIFFERENCE), fmt(&d->value, st->lang, buf, sizeof buf));
    if (d->tested) {
        char lo[32], hi[32];
        fprintf(f, " (%g%% %s %s %s %s, p = %s)", st->confidence * 100, i18n_text(st->lang, MSG_CI),
                report_format(&d->lo, lo, sizeof lo), to_word(st->lang),
                report_format(&d->hi, hi, sizeof hi), report_format(&d->p, buf, sizeof buf));
    }
    verdict_text(r, c, verdict, sizeof verdict);
    fputs(": ", f);
    xml_text(f, verdict, strlen(verdict));
    fputc('.', f);
}

static void cmp_row(FILE *f, const axis *a, const char *name, const figure *fg, double y,
                    out_lang lang)
{
    char buf[32];
    fputs("<g><title>", f);
    xml_text(f, name, strlen(name));
    fputs("</title>", f);
    text_open(f, P_FG, 8, y + 4, 's', 11, false);
    xml_text_cut(f, name, strlen(name), SEG_NAME_CP);
    fputs("</text></g>\n", f);
    line(f, P_MU, a->x, y, a->x + a->w, y, 0.5);
    whisker(f, a, fg, y, 5, true);
    label(f, P_FG, a->x + a->w + 6, y + 4, 's', 11, fmt(&fg->value, lang, buf, sizeof buf));
}

/* The difference's axis: symmetric about 0, in whole steps. */
static void cmp_diff_axis(const comparison *c, axis *a)
{
    const difference *d = &c->diff;
    double step = c->mean ? 0.5 : 10, m = 0;
    const shown *s[] = {&d->value, &d->lo, &d->hi};
    for (int i = 0; i < 3; i++)
        if (s[i]->defined && fabs(shown_value(s[i])) > m)
            m = fabs(shown_value(s[i]));
    a->hi = ceil(m / step) * step;
    if (a->hi < step)
        a->hi = step;
    a->lo = -a->hi;
    a->x = BULLET_X;
    a->w = BULLET_PW;
}

void chart_compare(const svg_out *o, const report *r, const comparison *c, double y)
{
    FILE *f = o->f;
    out_lang lang = r->style->lang;
    const metric_view *va = report_view(&r->cmp_row[0], c->metric);
    const metric_view *vb = report_view(&r->cmp_row[1], c->metric);
    const figure *fa = c->mean ? &va->mean : &va->index, *fb = c->mean ? &vb->mean : &vb->index;
    axis a = {0, 0, BULLET_X, BULLET_PW}, d;
    char buf[256];
    figure_range(va, fa, &a.lo, &a.hi);
    cmp_diff_axis(c, &d);
    unsigned id = svg_open(o, y, COMPARE_H);
    cmp_words(f, r, c, false);
    svg_desc(o, id);
    cmp_words(f, r, c, true);
    svg_body(o, COMPARE_H);
    text_open(f, P_FG, 8, 18, 's', 12, true);
    cmp_words(f, r, c, false);
    fputs("</text>\n", f);
    snprintf(buf, sizeof buf, "%g", a.lo);
    label(f, P_MU, a.x, CMP_Y_A - 12, 'm', 10, buf);
    snprintf(buf, sizeof buf, "%g", a.hi);
    label(f, P_MU, a.x + a.w, CMP_Y_A - 12, 'm', 10, buf);
    cmp_row(f, &a, r->plan->compare_value[0], fa, CMP_Y_A, lang);
    cmp_row(f, &a, r->plan->compare_value[1], fb, CMP_Y_B, lang);
    line(f, P_FG, ax(&d, 0), CMP_Y_D - 10, ax(&d, 0), CMP_Y_D + 10, 1);
    figure df = {.value = c->diff.value, .lo = c->diff.lo, .hi = c->diff.hi};
    cmp_row(f, &d, i18n_text(lang, MSG_DIFFERENCE), &df, CMP_Y_D, lang);
    snprintf(buf, sizeof buf, "%g", d.lo);
    label(f, P_MU, d.x, CMP_Y_D + 18, 'm', 10, buf);
    label(f, P_MU, ax(&d, 0), CMP_Y_D + 18, 'm', 10, "0");
    snprintf(buf, sizeof buf, "%g", d.hi);
    label(f, P_MU, d.x + d.w, CMP_Y_D + 18, 'm', 10, buf);
    verdict_text(r, c, buf, sizeof buf);
    label(f, P_FG, 8, COMPARE_H - 4, 's', 11, buf);
    svg_close(o);
}
