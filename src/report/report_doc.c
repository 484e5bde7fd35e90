/* report_doc.c - the HTML page's text parts and tables (see report_doc.h). */
#include "report_doc.h"

#include <string.h>

#include "groups.h"
#include "i18n.h"
#include "svg_chart.h"
#include "verdict.h"

const char *doc_word(const report *r, const char *en, const char *ru)
{
    return r->style->lang == LANG_RU ? ru : en;
}

static void esc(FILE *f, const char *s)
{
    xml_text(f, s, strlen(s));
}

static void num(FILE *f, const shown *s)
{
    if (s->defined) {
        char buf[32];
        fputs(report_format(s, buf, sizeof buf), f);
    }
}

static void interval(const report *r, FILE *f, const shown *lo, const shown *hi)
{
    if (!lo->defined || !hi->defined)
        return;
    num(f, lo);
    fprintf(f, " %s ", doc_word(r, "to", "…"));
    num(f, hi);
}

void doc_title(const report *r, FILE *f)
{
    fputs(doc_word(r, "cxstat report: ", "Отчёт cxstat: "), f);
    if (r->s->ninputs == 1)
        esc(f, r->s->inputs[0]);
    else
        fprintf(f, "%zu %s", r->s->ninputs, i18n_text(r->style->lang, MSG_FILES));
}

void doc_input_line(const report *r, FILE *f)
{
    out_lang lang = r->style->lang;
    fprintf(f, "%s: ", i18n_text(lang, MSG_INPUT));
    if (r->s->ninputs == 1)
        esc(f, r->s->inputs[0]);
    else
        fprintf(f, "%zu %s", r->s->ninputs, i18n_text(lang, MSG_FILES));
    fprintf(f, ", %llu %s", (unsigned long long)r->s->records, i18n_records(lang, r->s->records));
    if (r->s->malformed)
        fprintf(f, ", %llu %s", (unsigned long long)r->s->malformed, i18n_text(lang, MSG_MALFORMED));
    if (r->style->population) {
        fprintf(f, ", %s ", i18n_text(lang, MSG_RESPONSE_RATE));
        num(f, &r->response_rate);
        fprintf(f, "%% (N = %llu)", (unsigned long long)r->style->population);
    }
}

void doc_metric_title(const report *r, const metric_view *v, FILE *f)
{
    static const msg_id titles[] = {MSG_NPS_TITLE, MSG_CSAT_TITLE, MSG_CES_TITLE,
                                    MSG_LEVEL_TITLE};
    out_lang lang = r->style->lang;
    fprintf(f, "%s, %s %d-%d", i18n_text(lang, titles[v->metric]), i18n_text(lang, MSG_SCALE), v->scale->lo,
            v->scale->hi);
    if (v->metric == CX_CES)
        fprintf(f, " (%s)",
                i18n_text(lang, v->scale->direction == CX_CES_AGREE ? MSG_AGREE : MSG_EFFORT));
    if (v->weighted)
        fprintf(f, ", %s", i18n_text(lang, MSG_WEIGHTED));
}

void doc_compare_title(const report *r, FILE *f)
{
    fprintf(f, "%s: ", doc_word(r, "Comparison", "Сравнение"));
    esc(f, r->plan->compare);
    fputs(" = ", f);
    esc(f, r->plan->compare_value[0]);
    fprintf(f, " %s ", i18n_text(r->style->lang, MSG_VS));
    esc(f, r->plan->compare_value[1]);
}

/* ---- the figures of one metric ---- */

static void th_row(FILE *f, const char *const *heads, size_t n)
{
    fputs("<thead><tr>", f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "<th scope=\"col\"%s>", i == 0 ? " class=\"l\"" : "");
        esc(f, heads[i]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
}

static void row_head(FILE *f, const char *label)
{
    fputs("<tr><th scope=\"row\" class=\"l\">", f);
    esc(f, label);
    fputs("</th>", f);
}

static void count_line(FILE *f, const char *label, uint64_t n)
{
    row_head(f, label);
    fprintf(f, "<td>%llu</td><td></td><td></td></tr>\n", (unsigned long long)n);
}

static void bucket_line(const report *r, FILE *f, const metric_view *v, int b)
{
    int lo = -1, hi = -1;
    uint64_t n = 0;
    for (int s = v->scale->lo; s <= v->scale->hi; s++)
        if (chart_bucket(v, s) == b) {
            lo = lo < 0 ? s : lo;
            hi = s;
            n += v->hist->count[s - v->scale->lo];
        }
    if (lo < 0)
        return;
    const shown *pct = b == 2 ? &v->good_pct : b == 1 || v->scale->bad_lo > v->scale->bad_hi
                                                   ? &v->mid_pct
                                                   : &v->bad_pct;
    row_head(f, chart_bucket_name(v, b, r->style->lang));
    fprintf(f, "<td>%llu</td><td>", (unsigned long long)n);
    num(f, pct);
    fprintf(f, "%s</td><td>%d-%d</td></tr>\n", pct->defined ? "%" : "", lo, hi);
}

static void figure_line(const report *r, FILE *f, const char *label, const figure *fg)
{
    row_head(f, label);
    fputs("<td>", f);
    if (fg->value.defined)
        num(f, &fg->value);
    else
        esc(f, i18n_text(r->style->lang, MSG_NA));
    fputs("</td><td>", f);
    if (fg->moe.defined) {
        fputs("±", f);
        num(f, &fg->moe);
    }
    fputs("</td><td>", f);
    interval(r, f, &fg->lo, &fg->hi);
    fputs("</td></tr>\n", f);
}

void doc_figures_table(const report *r, const metric_view *v, FILE *f)
{
    out_lang lang = r->style->lang;
    char ci_head[96];
    snprintf(ci_head, sizeof ci_head, "%s / %g%% %s", doc_word(r, "scores", "баллы"),
             r->style->confidence * 100, i18n_text(lang, MSG_CI));
    const char *heads[] = {i18n_text(lang, MSG_FIGURE), doc_word(r, "value", "значение"),
                           doc_word(r, "share or ±", "доля или ±"), ci_head};
    fputs("<table>\n", f);
    th_row(f, heads, 4);
    count_line(f, i18n_text(lang, MSG_RESPONSES), v->sum.n);
    count_line(f, i18n_text(lang, MSG_BLANK), v->sum.blank);
    count_line(f, i18n_text(lang, MSG_INVALID), v->sum.invalid);
    if (v->weighted)
        fprintf(f, "<tr><th scope=\"row\" class=\"l\">n_eff</th><td>%.1f</td><td></td><td></td>"
                   "</tr>\n", v->n_eff);
    for (int b = 2; b >= 0 && v->metric != CX_LEVEL; b--)
        bucket_line(r, f, v, b);
    if (v->metric != CX_LEVEL)
        figure_line(r, f, v->metric == CX_NPS ? "NPS" : v->metric == CX_CSAT
                                                            ? "CSAT"
                                                            : i18n_text(lang, MSG_LOW_EFFORT_PCT),
                    &v->index);
    if (v->metric != CX_NPS)
        figure_line(r, f, i18n_text(lang, MSG_MEAN), &v->mean);
    if (v->band) {
        row_head(f, i18n_text(lang, v->metric == CX_LEVEL ? MSG_LEVEL : MSG_BAND));
        fputs("<td>", f);
        esc(f, v->band->id);
        fputs("</td><td class=\"l\" colspan=\"2\">", f);
        esc(f, lang == LANG_RU ? v->band->label_ru : v->band->label_en);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
    if (v->note != NOTE_NONE)
        fprintf(f, "<p>%s</p>\n",
                i18n_text(lang, v->note == NOTE_WIDE ? MSG_NOTE_WIDE : MSG_NOTE_INDICATIVE));
}

void doc_distribution_table(const report *r, const metric_view *v, FILE *f)
{
    out_lang lang = r->style->lang;
    const char *heads[] = {doc_word(r, "score", "балл"), doc_word(r, "answers", "ответов"),
                           doc_word(r, "group", "группа")};
    fputs("<table>\n", f);
    th_row(f, heads, v->metric == CX_LEVEL ? 2 : 3);
    for (int s = v->scale->lo; s <= v->scale->hi; s++) {
        fprintf(f, "<tr><th scope=\"row\" class=\"l\">%d</th><td>%llu</td>", s,
                (unsigned long long)v->hist->count[s - v->scale->lo]);
        if (v->metric != CX_LEVEL) {
            fputs("<td class=\"l\">", f);
            esc(f, chart_bucket_name(v, chart_bucket(v, s), lang));
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

/* ---- rows: groups or periods ---- */

static void rows_head(const report *r, const metric_view *v, FILE *f)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    out_lang lang = st->lang;
    fputs("<table>\n<thead><tr>", f);
    for (size_t i = 0; i < o->ngroup; i++) {
        fputs("<th scope=\"col\" class=\"l\">", f);
        esc(f, o->group[i]);
        fputs("</th>", f);
    }
    if (o->period)
        fprintf(f, "<th scope=\"col\" class=\"l\">%s</th>", i18n_text(lang, MSG_PERIOD));
    fprintf(f, "<th scope=\"col\">%s</th><th scope=\"col\">n</th>", i18n_text(lang, MSG_RECORDS_COL));
    for (int b = 0; b < 3 && v->metric != CX_LEVEL; b++)
        if (b != 1 || v->scale->bad_lo <= v->scale->bad_hi)
            fprintf(f, "<th scope=\"col\">%s %%</th>", chart_bucket_name(v, b, lang));
    fprintf(f, "<th scope=\"col\">%s</th><th scope=\"col\">±</th><th scope=\"col\">%g%% %s</th>",
            chart_lead_name(v, lang), st->confidence * 100, i18n_text(lang, MSG_CI));
    if (v->bands)
        fprintf(f, "<th scope=\"col\" class=\"l\">%s</th>",
                i18n_text(lang, v->metric == CX_LEVEL ? MSG_LEVEL : MSG_BAND));
    if (o->period)
        fprintf(f, "<th scope=\"col\">%s</th>", i18n_text(lang, MSG_CHANGE));
    fputs("</tr></thead>\n<tbody>\n", f);
}

static void key_cells(const report *r, const report_row *row, FILE *f)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    size_t cols = o->ngroup + (o->period ? 1 : 0), pos = 0, len, i = 0;
    const char *part;
    if (!row->key) {
        fprintf(f, "<th scope=\"row\" class=\"l\">%s</th>", i18n_text(st->lang, MSG_TOTAL));
        for (i = 1; i < cols; i++)
            fputs("<td></td>", f);
        return;
    }
    for (; key_next(row->key, row->key_len, &pos, &part, &len); i++) {
        fputs(i ? "<td class=\"l\">" : "<th scope=\"row\" class=\"l\">", f);
        if (row->has_period && pos == row->key_len) {
            char buf[32];
            cx_period_label(row->period, o->every, buf, sizeof buf);
            fputs(buf, f);
        } else if (len == 0) {
            esc(f, i18n_text(st->lang, MSG_BLANK_KEY));
        } else {
            xml_text(f, part, len);
        }
        fputs(i ? "</td>" : "</th>", f);
    }
}

static void row_cells(const report *r, const report_row *row, size_t m, FILE *f)
{
    const metric_view *v = &row->view[m];
    const figure *fg = report_lead(v);
    key_cells(r, row, f);
    fprintf(f, "<td>%llu</td><td>%llu</td>", (unsigned long long)row->records,
            (unsigned long long)v->sum.n);
    for (int b = 0; b < 3 && v->metric != CX_LEVEL; b++) {
        bool mid = v->scale->bad_lo <= v->scale->bad_hi;
        if (b == 1 && !mid)
            continue;
        fputs("<td>", f);
        num(f, b == 2 ? &v->good_pct : b == 1 || !mid ? &v->mid_pct : &v->bad_pct);
        fputs("</td>", f);
    }
    fputs("<td>", f);
    num(f, &fg->value);
    fprintf(f, "%s</td><td>", v->note == NOTE_INDICATIVE ? "~" : "");
    num(f, &fg->moe);
    fputs("</td><td>", f);
    interval(r, f, &fg->lo, &fg->hi);
    fputs("</td>", f);
    if (v->bands) {
        fputs("<td class=\"l\">", f);
        if (v->band)
            esc(f, v->band->id);
        fputs("</td>", f);
    }
    if (r->plan->period) {
        fputs("<td>", f);
        if (v->change.value.defined) {
            fputs(v->change.value.scaled > 0 ? "+" : "", f);
            num(f, &v->change.value);
            fputs(v->change.significant ? "*" : "", f);
        }
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

void doc_rows_table(const report *r, size_t m, FILE *f)
{
    rows_head(r, &r->total.view[m], f);
    for (size_t i = 0; i <= r->nrows; i++) {
        report_row row;
        if (i < r->nrows)
            report_row_at(r, i, &row);
        else
            row = r->total;
        fputs("<tr>", f);
        row_cells(r, &row, m, f);
    }
    fprintf(f, "</tbody>\n</table>\n<p>± %g%% %s; ~ %s", r->style->confidence * 100,
            i18n_text(r->style->lang, MSG_CI), i18n_text(r->style->lang, MSG_NOTE_INDICATIVE));
    if (r->plan->period)
        fprintf(f, "; * %s", doc_word(r, "significant change", "значимое изменение"));
    fputs("</p>\n", f);
}

/* ---- comparisons ---- */

static void compare_line(const report *r, const comparison *c, FILE *f)
{
    const difference *d = &c->diff;
    char verdict[256];
    row_head(f, report_figure_name(c->metric, c->mean ? FIG_MEAN : FIG_INDEX));
    for (int i = 0; i < 2; i++) {
        const metric_view *v = report_view(&r->cmp_row[i], c->metric);
        const figure *fg = c->mean ? &v->mean : &v->index;
        fputs("<td>", f);
        if (fg->value.defined)
            num(f, &fg->value);
        else
            esc(f, i18n_text(r->style->lang, MSG_NA));
        fprintf(f, "</td><td>%llu</td>", (unsigned long long)v->sum.n);
    }
    fputs("<td>", f);
    num(f, &d->value);
    fputs("</td><td>", f);
    if (d->tested)
        interval(r, f, &d->lo, &d->hi);
    fputs("</td><td>", f);
    num(f, &d->p);
    fputs("</td><td class=\"l\">", f);
    verdict_text(r, c, verdict, sizeof verdict);
    esc(f, verdict);
    fputs("</td></tr>\n", f);
}

void doc_compare_table(const report *r, size_t first, size_t count, FILE *f)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    char ci[64];
    snprintf(ci, sizeof ci, "%g%% %s", st->confidence * 100, i18n_text(st->lang, MSG_CI));
    const char *heads[] = {i18n_text(st->lang, MSG_FIGURE), o->compare_value[0], "n",
                           o->compare_value[1], "n", i18n_text(st->lang, MSG_DIFFERENCE), ci, "p",
                           i18n_text(st->lang, MSG_VERDICT)};
    fputs("<table>\n", f);
    th_row(f, heads, 9);
    for (size_t i = first; i < first + count && i < r->ncmp; i++)
        compare_line(r, &r->cmp[i], f);
    fputs("</tbody>\n</table>\n", f);
}

/* ---- notes, inputs, options, version ---- */

static void note_count(const report *r, FILE *f, uint64_t n, const char *en, const char *ru)
{
    if (n)
        fprintf(f, "<li>%llu %s</li>\n", (unsigned long long)n, doc_word(r, en, ru));
}

static void notes(const report *r, FILE *f)
{
    const survey *s = r->s;
    fprintf(f, "<h2>%s</h2>\n<ul class=\"notes\">\n", doc_word(r, "Notes", "Примечания"));
    for (size_t m = 0; m < r->total.count; m++) {
        const metric_view *v = &r->total.view[m];
        if (v->sum.invalid)
            fprintf(f, "<li>%llu %s %s</li>\n", (unsigned long long)v->sum.invalid,
                    doc_word(r, "invalid answers:", "некорректных ответов:"),
                    cx_metric_name(v->metric));
    }
    note_count(r, f, s->malformed, "malformed records", "записей с ошибкой формата");
    note_count(r, f, s->weight_invalid, "records without a valid weight", "записей без веса");
    note_count(r, f, s->period_invalid, "records without a valid date", "записей без даты");
    note_count(r, f, r->wide, "rows with a margin of error above 10 points",
               "строк с погрешностью больше 10 пунктов");
    note_count(r, f, r->hidden, "groups under --min-n hidden (counted in the total)",
               "групп меньше --min-n скрыто (входят в итог)");
    if (r->plan->compare)
        note_count(r, f, s->compare_other, "records in neither compared segment",
                   "записей вне сравниваемых сегментов");
    fprintf(f, "<li>%s</li>\n",
            doc_word(r, "Intervals: NPS adjusted Wald (Rocks 2016), shares Wilson, means t; "
                        "differences as in the man page (STATISTICS).",
                     "Интервалы: NPS — скорректированный Вальд (Rocks 2016), доли — Уилсон, "
                     "средние — t; разницы — см. man (STATISTICS)."));
    fputs("</ul>\n", f);
}

static void option_line(FILE *f, const char *name, const char *value)
{
    fputs("<dt>", f);
    esc(f, name);
    fputs("</dt><dd>", f);
    esc(f, value);
    fputs("</dd>\n", f);
}

static void options_list(const report *r, FILE *f)
{
    static const char *const sorts[] = {"key", "n", "nps", "csat", "ces", "level"};
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    char buf[256];
    fprintf(f, "<h2>%s</h2>\n<dl>\n", doc_word(r, "Options", "Параметры"));
    for (size_t m = 0; m < r->total.count; m++) {
        const metric_view *v = &r->total.view[m];
        snprintf(buf, sizeof buf, "%d-%d%s%s", v->scale->lo, v->scale->hi,
                 v->bands ? ", --bands " : "", v->bands ? v->bands->name : "");
        option_line(f, cx_metric_name(v->metric), buf);
    }
    for (size_t i = 0; i < o->ngroup; i++)
        option_line(f, "-g", o->group[i]);
    if (o->period) {
        snprintf(buf, sizeof buf, "%s, --every %s", o->period, cx_every_name(o->every));
        option_line(f, "--period", buf);
    }
    if (o->compare) {
        snprintf(buf, sizeof buf, "%s: %s, %s", o->compare, o->compare_value[0],
                 o->compare_value[1]);
        option_line(f, "--compare", buf);
    }
    if (o->weight)
        option_line(f, "--weight", o->weight);
    snprintf(buf, sizeof buf, "%g", st->confidence);
    option_line(f, "--confidence", buf);
    snprintf(buf, sizeof buf, "%u", st->precision);
    option_line(f, "--precision", buf);
    if (plan_grouped(o)) {
        option_line(f, "--sort", sorts[st->sort]);
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)st->min_n);
        option_line(f, "--min-n", buf);
    }
    if (st->population) {
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)st->population);
        option_line(f, "--population", buf);
    }
    option_line(f, "--lang", st->lang == LANG_RU ? "ru" : "en");
    fputs("</dl>\n", f);
}

void doc_about(const report *r, FILE *f)
{
    notes(r, f);
    fprintf(f, "<h2>%s</h2>\n<ul>\n", doc_word(r, "Inputs", "Входные файлы"));
    for (size_t i = 0; i < r->s->ninputs; i++) {
        fputs("<li>", f);
        esc(f, r->s->inputs[i]);
        fputs("</li>\n", f);
    }
    fprintf(f, "</ul>\n<p>%llu %s</p>\n", (unsigned long long)r->s->records,
            i18n_records(r->style->lang, r->s->records));
    options_list(r, f);
    fputs("<p>cxstat " CX_VERSION "</p>\n", f);
}
