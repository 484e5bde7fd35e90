/* report_data.c - the machine-readable reports: CSV and TSV (one row) and JSON. */
#include <string.h>

#include "report.h"

/* CSV quoting per RFC 4180; TSV has none, so a tab or line end becomes a space. */
static void put_cell(FILE *out, const char *s, char delim)
{
    if (delim == '\t') {
        for (; *s; s++)
            fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
        return;
    }
    if (!strpbrk(s, ",;\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void put_key(FILE *out, cx_metric m, const char *key)
{
    const char *name = cx_metric_name(m);
    if (strcmp(name, key) == 0)
        fputs(key, out);
    else
        fprintf(out, "%s_%s", name, key);
}

static void put_value(FILE *out, const report_field *f, char delim)
{
    char buf[32];
    switch (f->kind) {
    case FK_COUNT: fprintf(out, "%llu", (unsigned long long)f->count); break;
    case FK_SHOWN: fputs(report_format(&f->value, buf, sizeof buf), out); break;
    case FK_TEXT: put_cell(out, f->text ? f->text : "", delim); break;
    }
}

void report_table(const report *r, FILE *out, char delim)
{
    report_field f[REPORT_MAX_FIELDS];
    fprintf(out, "records%cmalformed", delim);
    for (size_t v = 0; v < r->count; v++) {
        size_t n = report_fields(&r->view[v], r->opt->lang, f);
        for (size_t i = 0; i < n; i++)
            if (!f[i].json_only) {
                fputc(delim, out);
                put_key(out, r->view[v].metric, f[i].key);
            }
    }
    fprintf(out, "\n%llu%c%llu", (unsigned long long)r->records, delim,
            (unsigned long long)r->malformed);
    for (size_t v = 0; v < r->count; v++) {
        size_t n = report_fields(&r->view[v], r->opt->lang, f);
        for (size_t i = 0; i < n; i++)
            if (!f[i].json_only) {
                fputc(delim, out);
                put_value(out, &f[i], delim);
            }
    }
    fputc('\n', out);
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void json_value(FILE *out, const report_field *f)
{
    char buf[32];
    switch (f->kind) {
    case FK_COUNT: fprintf(out, "%llu", (unsigned long long)f->count); break;
    case FK_SHOWN:
        fputs(f->value.defined ? report_format(&f->value, buf, sizeof buf) : "null", out);
        break;
    case FK_TEXT:
        if (f->text)
            json_string(out, f->text);
        else
            fputs("null", out);
        break;
    }
}

static void json_metric(FILE *out, const metric_view *v, out_lang lang, bool last)
{
    report_field f[REPORT_MAX_FIELDS];
    size_t n = report_fields(v, lang, f);
    fprintf(out, "  \"%s\": {\n", cx_metric_name(v->metric));
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "    \"%s\": ", f[i].key);
        json_value(out, &f[i]);
        fputs(",\n", out);
    }
    fputs("    \"distribution\": {", out);
    for (int x = v->scale->lo; x <= v->scale->hi; x++)
        fprintf(out, "%s\"%d\": %llu", x == v->scale->lo ? "" : ", ", x,
                (unsigned long long)v->hist->count[x - v->scale->lo]);
    fprintf(out, "}\n  }%s\n", last ? "" : ",");
}

void report_json(const report *r, FILE *out)
{
    fputs("{\n  \"version\": \"" CX_VERSION "\",\n  \"files\": [", out);
    for (size_t i = 0; i < r->opt->nfiles; i++) {
        if (i)
            fputs(", ", out);
        json_string(out, survey_display_name(r->opt->files[i]));
    }
    fprintf(out, "],\n  \"records\": %llu,\n  \"malformed\": %llu%s\n",
            (unsigned long long)r->records, (unsigned long long)r->malformed,
            r->count ? "," : "");
    for (size_t v = 0; v < r->count; v++)
        json_metric(out, &r->view[v], r->opt->lang, v + 1 == r->count);
    fputs("}\n", out);
}
