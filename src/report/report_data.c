/* report_data.c - the machine-readable reports: CSV and TSV tables and JSON. */
#include <math.h>
#include <string.h>

#include "groups.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "verdict.h"

static void put_cell(FILE *out, const char *s, char delim)
{
    text_put_cell(out, s, strlen(s), delim);
}

static void put_key(FILE *out, cx_metric m, const char *key)
{
    const char *name = cx_metric_name(m);
    size_t len = strlen(name);
    if (strncmp(name, key, len) == 0 && (key[len] == '\0' || key[len] == '_'))
        fputs(key, out);
    else
        fprintf(out, "%s_%s", name, key);
}

/* An exact weight sum: every digit from the integer, none from a double. */
static void put_units(FILE *out, cx_u128 units)
{
    char buf[48];
    cx_units_format(units, buf, sizeof buf);
    fputs(buf, out);
}

static void put_value(FILE *out, const report_field *f, char delim)
{
    char buf[32];
    switch (f->kind) {
    case FK_COUNT: text_put_u64(out, f->count); break;
    case FK_SHOWN: fputs(report_format(&f->value, buf, sizeof buf), out); break;
    case FK_TEXT: put_cell(out, f->text ? f->text : "", delim); break;
    case FK_BOOL: fputs(f->defined ? (f->flag ? "true" : "false") : "", out); break;
    case FK_UNITS:
        if (f->defined)
            put_units(out, f->units);
        break;
    }
}

/* ---- CSV and TSV ---- */

static void table_metric_header(const report *r, FILE *out, char delim)
{
    report_field f[REPORT_MAX_FIELDS];
    for (size_t v = 0; v < r->total.count; v++) {
        size_t n = report_fields(r, &r->total.view[v], f);
        for (size_t i = 0; i < n; i++)
            if (!f[i].json_only) {
                fputc(delim, out);
                put_key(out, r->total.view[v].metric, f[i].key);
            }
    }
    fputc('\n', out);
}

static void table_metric_cells(const report *r, const report_row *row, FILE *out, char delim)
{
    report_field f[REPORT_MAX_FIELDS];
    for (size_t v = 0; v < row->count; v++) {
        size_t n = report_fields(r, &row->view[v], f);
        for (size_t i = 0; i < n; i++)
            if (!f[i].json_only) {
                fputc(delim, out);
                put_value(out, &f[i], delim);
            }
    }
    fputc('\n', out);
}

/* The group columns of a row (empty for the total), then its period columns. */
static void table_key_cells(const report *r, const report_row *row, FILE *out, char delim)
{
    const run_plan *o = r->plan;
    size_t pos = 0, len, parts = o->ngroup + (o->compare ? 1 : 0);
    const char *part;
    fputs(row->key ? "group" : "total", out);
    for (size_t i = 0; i < parts; i++) {
        fputc(delim, out);
        if (row->key && key_next(row->key, row->key_len, &pos, &part, &len))
            text_put_cell(out, part, len, delim);
    }
    if (o->period) {
        char label[32] = "";
        fputc(delim, out);
        if (row->has_period)
            cx_period_label(row->period, o->every, label, sizeof label);
        fputs(label, out);
        fputc(delim, out);
        label[0] = '\0';
        if (row->has_previous)
            cx_period_label(row->previous, o->every, label, sizeof label);
        fputs(label, out);
    }
    fputc(delim, out);
    text_put_u64(out, row->records);
}

static void table_grouped(const report *r, FILE *out, char delim)
{
    const run_plan *o = r->plan;
    fputs("row", out);
    for (size_t i = 0; i < o->ngroup; i++) {
        fputc(delim, out);
        put_cell(out, survey_group_name(r->s, i), delim);
    }
    if (o->compare) {
        fputc(delim, out);
        put_cell(out, survey_role_name(r->s, ROLE_COMPARE), delim);
    }
    if (o->period)
        fprintf(out, "%cperiod%cprevious", delim, delim);
    fprintf(out, "%crecords", delim);
    table_metric_header(r, out, delim);
    for (size_t i = 0; i < r->nrows; i++) {
        report_row row;
        report_row_at(r, i, &row);
        table_key_cells(r, &row, out, delim);
        table_metric_cells(r, &row, out, delim);
    }
    table_key_cells(r, &r->total, out, delim);
    table_metric_cells(r, &r->total, out, delim);
}

static void table_compare(const report *r, FILE *out, char delim)
{
    const run_plan *o = r->plan;
    char buf[32];
    fprintf(out, "figure%ca%cb%cn_a%cn_b%cvalue_a%cvalue_b%cdifference%cci_low%cci_high%cp"
                 "%csignificant%cverdict\n",
            delim, delim, delim, delim, delim, delim, delim, delim, delim, delim, delim, delim);
    for (size_t i = 0; i < r->ncmp; i++) {
        const comparison *c = &r->cmp[i];
        const metric_view *a = report_view(&r->cmp_row[0], c->metric);
        const metric_view *b = report_view(&r->cmp_row[1], c->metric);
        const difference *d = &c->diff;
        fputs(report_figure_name(c->metric, c->mean ? FIG_MEAN : FIG_INDEX), out);
        fputc(delim, out);
        put_cell(out, o->compare_value[0], delim);
        fputc(delim, out);
        put_cell(out, o->compare_value[1], delim);
        fprintf(out, "%c%llu%c%llu", delim, (unsigned long long)a->sum.n, delim,
                (unsigned long long)b->sum.n);
        const figure *fa = c->mean ? &a->mean : &a->index, *fb = c->mean ? &b->mean : &b->index;
        fprintf(out, "%c%s", delim, report_format(&fa->value, buf, sizeof buf));
        fprintf(out, "%c%s", delim, report_format(&fb->value, buf, sizeof buf));
        fprintf(out, "%c%s", delim, report_format(&d->value, buf, sizeof buf));
        fprintf(out, "%c%s", delim, report_format(&d->lo, buf, sizeof buf));
        fprintf(out, "%c%s", delim, report_format(&d->hi, buf, sizeof buf));
        fprintf(out, "%c%s", delim, report_format(&d->p, buf, sizeof buf));
        fprintf(out, "%c%s%c", delim, d->tested ? (d->significant ? "true" : "false") : "",
                delim);
        char words[256];
        verdict_text(r, c, words, sizeof words);
        put_cell(out, words, delim);
        fputc('\n', out);
    }
}

void report_table(const report *r, FILE *out, char delim)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    if (o->compare) {
        table_compare(r, out, delim);
        return;
    }
    if (plan_grouped(o)) {
        table_grouped(r, out, delim);
        return;
    }
    fprintf(out, "records%cmalformed", delim);
    if (o->weight)
        fprintf(out, "%cweight_invalid", delim);
    if (st->population)
        fprintf(out, "%cpopulation%cresponse_rate", delim, delim);
    table_metric_header(r, out, delim);
    const survey *s = r->s;
    fprintf(out, "%llu%c%llu", (unsigned long long)s->records, delim,
            (unsigned long long)s->malformed);
    if (o->weight)
        fprintf(out, "%c%llu", delim, (unsigned long long)s->weight_invalid);
    if (st->population) {
        char buf[32];
        fprintf(out, "%c%llu%c%s", delim, (unsigned long long)st->population, delim,
                report_format(&r->response_rate, buf, sizeof buf));
    }
    table_metric_cells(r, &r->total, out, delim);
}

/* ---- JSON ---- */

static void json_string(FILE *out, const char *s)
{
    text_put_json(out, s, strlen(s));
}

static void json_shown(FILE *out, const shown *v)
{
    char buf[32];
    fputs(v->defined ? report_format(v, buf, sizeof buf) : "null", out);
}

static void json_value(FILE *out, const report_field *f)
{
    switch (f->kind) {
    case FK_COUNT: text_put_u64(out, f->count); break;
    case FK_SHOWN: json_shown(out, &f->value); break;
    case FK_TEXT:
        if (f->text)
            json_string(out, f->text);
        else
            fputs("null", out);
        break;
    case FK_BOOL: fputs(f->defined ? (f->flag ? "true" : "false") : "null", out); break;
    case FK_UNITS:
        if (f->defined)
            put_units(out, f->units);
        else
            fputs("null", out);
        break;
    }
}

/*
 * A metric's object is most of a row's JSON: its text is put together in a
 * buffer and written in a few calls (a call per piece, formatted by
 * fprintf, took twice the time of the CSV row at many groups).
 */
typedef struct json_buf {
    FILE *out;
    size_t n;
    char b[4096];
} json_buf;

static void jb_flush(json_buf *j)
{
    fwrite(j->b, 1, j->n, j->out);
    j->n = 0;
}

static void jb_put(json_buf *j, const char *s, size_t n)
{
    if (n > sizeof j->b - j->n) {
        jb_flush(j);
        if (n > sizeof j->b) {
            fwrite(s, 1, n, j->out);
            return;
        }
    }
    memcpy(j->b + j->n, s, n);
    j->n += n;
}

static void jb_str(json_buf *j, const char *s)
{
    jb_put(j, s, strlen(s));
}

static void jb_u64(json_buf *j, uint64_t v)
{
    char d[24];
    size_t k = sizeof d;
    do {
        d[--k] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    jb_put(j, d + k, sizeof d - k);
}

static void jb_value(json_buf *j, const report_field *f)
{
    char buf[32];
    switch (f->kind) {
    case FK_COUNT: jb_u64(j, f->count); break;
    case FK_SHOWN: jb_str(j, f->value.defined ? report_format(&f->value, buf, sizeof buf) : "null"); break;
    case FK_BOOL: jb_str(j, f->defined ? (f->flag ? "true" : "false") : "null"); break;
    default: /* texts and weights: escaped or converted on the stream */
        jb_flush(j);
        json_value(j->out, f);
        break;
    }
}

static void json_metric(const report *r, FILE *out, const metric_view *v, const char *indent,
                        bool last)
{
    report_field f[REPORT_MAX_FIELDS];
    size_t n = report_fields(r, v, f), il = strlen(indent);
    json_buf j = {.out = out};
    jb_put(&j, indent, il);
    jb_put(&j, "\"", 1);
    jb_str(&j, cx_metric_name(v->metric));
    jb_str(&j, "\": {\n");
    for (size_t i = 0; i < n; i++) {
        jb_put(&j, indent, il);
        jb_put(&j, "  \"", 3);
        jb_str(&j, f[i].key);
        jb_put(&j, "\": ", 3);
        jb_value(&j, &f[i]);
        jb_put(&j, ",\n", 2);
    }
    jb_put(&j, indent, il);
    jb_str(&j, "  \"distribution\": {");
    for (int x = v->scale->lo; x <= v->scale->hi; x++) { /* scales start at 0 or 1 */
        jb_str(&j, x == v->scale->lo ? "\"" : ", \"");
        jb_u64(&j, (uint64_t)x);
        jb_put(&j, "\": ", 3);
        jb_u64(&j, v->hist->count[x - v->scale->lo]);
    }
    jb_put(&j, "}\n", 2);
    jb_put(&j, indent, il);
    jb_str(&j, last ? "}\n" : "},\n");
    jb_flush(&j);
}

static void json_metrics(const report *r, FILE *out, const report_row *row, const char *indent)
{
    for (size_t v = 0; v < row->count; v++)
        json_metric(r, out, &row->view[v], indent, v + 1 == row->count);
}

static void json_row(const report *r, FILE *out, const report_row *row, bool last)
{
    const run_plan *o = r->plan;
    size_t pos = 0, len;
    const char *part;
    fputs("    {\n      \"key\": {", out);
    for (size_t i = 0; i < o->ngroup; i++) {
        fputs(i ? ", " : "", out);
        json_string(out, survey_group_name(r->s, i));
        fputs(": ", out);
        if (key_next(row->key, row->key_len, &pos, &part, &len))
            text_put_json(out, part, len);
    }
    fputs("},\n", out);
    if (o->period) {
        char label[32] = "";
        cx_period_label(row->period, o->every, label, sizeof label);
        fputs("      \"period\": ", out);
        json_string(out, label);
        fputs(",\n      \"previous\": ", out);
        if (row->has_previous) {
            cx_period_label(row->previous, o->every, label, sizeof label);
            json_string(out, label);
        } else {
            fputs("null", out);
        }
        fputs(",\n", out);
    }
    fprintf(out, "      \"records\": %llu%s\n", (unsigned long long)row->records,
            row->count ? "," : "");
    json_metrics(r, out, row, "      ");
    fprintf(out, "    }%s\n", last ? "" : ",");
}

static void json_compare(const report *r, FILE *out)
{
    const run_plan *o = r->plan;
    fputs("  \"compare\": {\n    \"column\": ", out);
    json_string(out, survey_role_name(r->s, ROLE_COMPARE));
    fputs(",\n", out);
    for (int i = 0; i < 2; i++) {
        const report_row *row = &r->cmp_row[i];
        fprintf(out, "    \"%s\": {\n      \"value\": ", i ? "b" : "a");
        json_string(out, o->compare_value[i]);
        fprintf(out, ",\n      \"records\": %llu%s\n", (unsigned long long)row->records,
                row->count ? "," : "");
        json_metrics(r, out, row, "      ");
        fputs("    },\n", out);
    }
    fputs("    \"differences\": [\n", out);
    for (size_t i = 0; i < r->ncmp; i++) {
        const comparison *c = &r->cmp[i];
        const difference *d = &c->diff;
        char words[256];
        fputs("      {\"figure\": ", out);
        json_string(out, report_figure_name(c->metric, c->mean ? FIG_MEAN : FIG_INDEX));
        fputs(", \"difference\": ", out);
        json_shown(out, &d->value);
        fputs(", \"ci_low\": ", out);
        json_shown(out, &d->lo);
        fputs(", \"ci_high\": ", out);
        json_shown(out, &d->hi);
        fputs(", \"p\": ", out);
        json_shown(out, &d->p);
        fprintf(out, ", \"significant\": %s, \"verdict\": ",
                d->tested ? (d->significant ? "true" : "false") : "null");
        verdict_text(r, c, words, sizeof words);
        json_string(out, words);
        fprintf(out, "}%s\n", i + 1 == r->ncmp ? "" : ",");
    }
    fputs("    ]\n  },\n", out);
}

static void json_inputs(const report *r, FILE *out)
{
    const run_plan *o = r->plan;
    const report_style *st = r->style;
    const survey *s = r->s;
    fputs("{\n  \"version\": \"" CX_VERSION "\",\n  \"files\": [", out);
    for (size_t i = 0; i < s->ninputs; i++) {
        if (i)
            fputs(", ", out);
        json_string(out, s->inputs[i]);
    }
    fprintf(out, "],\n  \"records\": %llu,\n  \"malformed\": %llu,\n",
            (unsigned long long)s->records, (unsigned long long)s->malformed);
    fprintf(out, "  \"skipped\": %llu,\n", (unsigned long long)s->skipped);
    if (o->nwhere)
        fprintf(out, "  \"filtered\": %llu,\n", (unsigned long long)s->filtered);
    if (o->latest_by)
        fprintf(out, "  \"latest_dropped\": %llu,\n", (unsigned long long)s->latest_dropped);
    if (o->window > 1)
        fprintf(out, "  \"window\": %u,\n", o->window);
    fprintf(out, "  \"confidence\": %g,\n", st->confidence);
    if (o->weight) {
        fputs("  \"weight\": ", out);
        json_string(out, o->weight);
        fprintf(out, ",\n  \"weight_invalid\": %llu,\n", (unsigned long long)s->weight_invalid);
    }
    if (st->population) {
        fprintf(out, "  \"population\": %llu,\n  \"response_rate\": ",
                (unsigned long long)st->population);
        json_shown(out, &r->response_rate);
        fputs(",\n", out);
    }
}

void report_json(const report *r, FILE *out)
{
    const run_plan *o = r->plan;
    json_inputs(r, out);
    if (o->compare) {
        fprintf(out, "  \"compare_other\": %llu,\n", (unsigned long long)r->s->compare_other);
        json_compare(r, out);
    } else if (plan_grouped(o)) {
        fputs("  \"group_by\": [", out);
        for (size_t i = 0; i < o->ngroup; i++) {
            fputs(i ? ", " : "", out);
            json_string(out, survey_group_name(r->s, i));
        }
        fputs("],\n", out);
        if (o->period) {
            fputs("  \"period\": {\"column\": ", out);
            json_string(out, survey_role_name(r->s, ROLE_PERIOD));
            fprintf(out, ", \"every\": \"%s\", \"invalid\": %llu", cx_every_name(o->every),
                    (unsigned long long)r->s->period_invalid);
            /* The family the changes were decided in: how many, and whether adjusted. */
            fprintf(out, ", \"adjust\": \"%s\", \"tested\": {",
                    r->style->adjust == ADJUST_HOLM ? "holm" : "none");
            for (size_t m = 0; m < r->total.count; m++)
                fprintf(out, "%s\"%s\": %zu", m ? ", " : "",
                        cx_metric_name(r->total.view[m].metric), r->tested[m]);
            fputs("}},\n", out);
        }
        fprintf(out, "  \"hidden_groups\": %zu,\n  \"groups\": [\n", r->hidden);
        for (size_t i = 0; i < r->nrows; i++) {
            report_row row;
            report_row_at(r, i, &row);
            json_row(r, out, &row, i + 1 == r->nrows);
        }
        fputs("  ],\n", out);
    }
    if (plan_grouped(o)) {
        fprintf(out, "  \"total\": {\n    \"records\": %llu%s\n",
                (unsigned long long)r->total.records, r->total.count ? "," : "");
        json_metrics(r, out, &r->total, "    ");
        fputs("  }\n}\n", out);
        return;
    }
    json_metrics(r, out, &r->total, "  ");
    fputs("}\n", out);
}
