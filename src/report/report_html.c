/*
 * report_html.c - -f html: one self-contained page (inline SVG and CSS, no
 * script, nothing fetched), each chart followed by its figures as a table,
 * then the notes, inputs, options and version.  Reads the built report only.
 */
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "report_doc.h"
#include "svg_chart.h"
#include "verdict.h"

/* Light palette, then dark under prefers-color-scheme, then print (light, no margins). */
static const char *const css =
    ":root{--bg:#ffffff;--fg:#1a1a1a;--mu:#555555;--bar:#0072B2;--wh:#000000;"
    "--z0:#bdbdbd;--z1:#d4d4d4;--z2:#e6e6e6;--z3:#f2f2f2;--rule:#cccccc}\n"
    "@media (prefers-color-scheme: dark){:root{--bg:#121212;--fg:#e6e6e6;--mu:#b0b0b0;"
    "--bar:#56B4E9;--wh:#ffffff;--z0:#2b2b2b;--z1:#3a3a3a;--z2:#4a4a4a;--z3:#5a5a5a;"
    "--rule:#444444}}\n"
    "html{background:var(--bg);color:var(--fg)}\n"
    "body{font:14px/1.45 \"DejaVu Sans\",Verdana,sans-serif;max-width:660px;margin:0 auto;"
    "padding:8px 10px}\n"
    "h1{font-size:20px}h2{font-size:17px;margin-top:28px}\n"
    "figure{margin:12px 0 6px}figcaption{font-size:12px;color:var(--mu)}\n"
    "svg{display:block;max-width:100%;height:auto}\n"
    "svg .bg{fill:var(--bg)}svg .fg{fill:var(--fg)}svg .mu{fill:var(--mu)}"
    "svg .bar{fill:var(--bar)}svg .lv{fill:var(--bar)}svg .z0{fill:var(--z0)}"
    "svg .z1{fill:var(--z1)}svg .z2{fill:var(--z2)}svg .z3{fill:var(--z3)}\n"
    "svg .s{fill:none}svg .wh.s{stroke:var(--wh)}svg .mu.s{stroke:var(--mu)}svg .bg.s{stroke:var(--bg)}"
    "svg .bar.s,svg .sbar{stroke:var(--bar)}svg .fg.s{stroke:var(--fg)}\n"
    "table{border-collapse:collapse;font-size:12px;margin:4px 0 12px;display:block;"
    "max-width:100%;overflow-x:auto}td{white-space:nowrap}"
    "th,td{padding:2px 6px;border-bottom:1px solid var(--rule);text-align:right}"
    ".l{text-align:left}caption{text-align:left;font-size:12px;color:var(--mu)}\n"
    ".notes li{margin:2px 0}dt{font-weight:bold}dd{margin:0 0 4px 16px}\n"
    "@media print{:root{--bg:#ffffff;--fg:#000000;--mu:#333333;--bar:#0072B2;--wh:#000000;"
    "--z0:#bdbdbd;--z1:#d4d4d4;--z2:#e6e6e6;--z3:#f2f2f2;--rule:#999999}"
    "body{max-width:none;padding:0}figure,table{break-inside:avoid}}\n";

static void head(const report *r, FILE *f)
{
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n",
            r->style->lang == LANG_RU ? "ru" : "en");
    fputs("<meta http-equiv=\"Content-Security-Policy\" "
          "content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
          "<meta name=\"generator\" content=\"cxstat " CX_VERSION "\"/>\n<title>",
          f);
    doc_title(r, f);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>", css);
    doc_title(r, f);
    fputs("</h1>\n<p>", f);
    doc_input_line(r, f);
    fputs("</p>\n", f);
}

static void figure_open(FILE *f)
{
    fputs("<figure>\n", f);
}

static void figure_close(FILE *f, const char *caption)
{
    fputs("<figcaption>", f);
    xml_text(f, caption, strlen(caption));
    fputs("</figcaption>\n</figure>\n", f);
}

static void metric_heading(const report *r, const metric_view *v, FILE *f)
{
    fputs("<h2>", f);
    doc_metric_title(r, v, f);
    fputs("</h2>\n", f);
}

/* The total's bullet bar: the page leads with it in every shape. */
static void bullet_figure(const report *r, const metric_view *v, const svg_out *o)
{
    figure_open(o->f);
    chart_bullet(o, r, v, 0);
    figure_close(o->f, doc_word(r, "The figure on its scale over the bands; the whisker is the "
                                   "confidence interval.",
                                "Показатель на шкале с зонами оценок; «усы» — доверительный "
                                "интервал."));
}

/* Every shape opens a metric the same way: title, bullet bar, figures. */
static void metric_intro(const report *r, const metric_view *v, const svg_out *o)
{
    metric_heading(r, v, o->f);
    bullet_figure(r, v, o);
    doc_figures_table(r, v, o->f);
}

static void plain_report(const report *r, const svg_out *o)
{
    for (size_t m = 0; m < r->total.count; m++) {
        const metric_view *v = &r->total.view[m];
        metric_intro(r, v, o);
        figure_open(o->f);
        chart_distribution(o, r, v, 0);
        figure_close(o->f, doc_word(r, "Answers by score, coloured and labelled by bucket.",
                                    "Ответы по баллам, цвет и подпись — группа."));
        doc_distribution_table(r, v, o->f);
    }
}

static void grouped_report(const report *r, const svg_out *o)
{
    bool trend = r->plan->period && r->plan->ngroup == 0;
    for (size_t m = 0; m < r->total.count; m++) {
        const metric_view *v = &r->total.view[m];
        metric_intro(r, v, o);
        figure_open(o->f);
        if (trend) {
            chart_trend(o, r, m, 0);
            figure_close(o->f, doc_word(r, "Points joined by a line; the shaded band is the "
                                           "confidence interval; a filled marker is a "
                                           "significant change from the period before.",
                                        "Точки по периодам; тень — доверительный интервал; "
                                        "закрашенный маркер — значимое изменение."));
        } else {
            chart_segments(o, r, m, 0);
            figure_close(o->f, doc_word(r, "Shares of each bucket per segment (100%), then the "
                                           "figure with its interval, n, and ~ under 30 "
                                           "answers.",
                                        "Доли групп по сегментам (100%), показатель с "
                                        "интервалом, n и ~ при менее 30 ответах."));
        }
        doc_rows_table(r, m, o->f);
    }
}

static void compare_report(const report *r, const svg_out *o)
{
    for (size_t m = 0; m < r->total.count; m++)
        metric_intro(r, &r->total.view[m], o);
    fputs("<h2>", o->f);
    doc_compare_title(r, o->f);
    fputs("</h2>\n", o->f);
    for (size_t i = 0; i < r->ncmp; i++) {
        figure_open(o->f);
        chart_compare(o, r, &r->cmp[i], 0);
        figure_close(o->f, doc_word(r, "Both values with their intervals; below, the difference "
                                       "with its interval against 0.",
                                    "Оба значения с интервалами; ниже — разница с интервалом "
                                    "относительно 0."));
        doc_compare_table(r, i, 1, o->f);
    }
}

void report_html(const report *r, FILE *out)
{
    unsigned id = 1;
    svg_out o = {out, true, r->style->lang, &id};
    head(r, out);
    if (r->plan->compare)
        compare_report(r, &o);
    else if (plan_grouped(r->plan))
        grouped_report(r, &o);
    else
        plain_report(r, &o);
    doc_about(r, out);
    fputs("</main>\n</body>\n</html>\n", out);
}
