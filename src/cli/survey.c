/* survey.c - reads each input through the reader and counts every record into histograms. */
#include "survey.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "text.h"

#define NO_COLUMN ((size_t)-1)

const char *survey_display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int survey_init(survey *s, const options *opt, FILE *err)
{
    memset(s, 0, sizeof *s);
    s->opt = opt;
    s->err = err;
    cx_scale_nps(&s->scale[CX_NPS]);
    if (cx_scale_csat(&s->scale[CX_CSAT], opt->csat_hi, opt->csat_satisfied) != CX_OK ||
        cx_scale_ces(&s->scale[CX_CES], opt->ces_hi, opt->ces_direction) != CX_OK) {
        fprintf(err, "cxstat: invalid scale options\n");
        return EXIT_USAGE;
    }
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        cx_hist_init(&s->hist[m]);
        s->active[m] = opt->wanted[m];
    }
    return EXIT_OK;
}

/* Remember a problem for the warning, or with --strict report it and stop. */
static void note(survey *s, uint64_t line, const char *text)
{
    s->problems++;
    if (s->opt->strict) {
        fprintf(s->err, "cxstat: %s:%llu: %s\n", s->file, (unsigned long long)line, text);
        s->exit_code = EXIT_DATA;
        return;
    }
    if (s->nnotes < SURVEY_NOTES) {
        survey_note *n = &s->note[s->nnotes++];
        n->file = s->file;
        n->line = line;
        snprintf(n->text, sizeof n->text, "%s", text);
    }
}

static const char *invalid_reason(cx_status st)
{
    switch (st) {
    case CX_ESIGN: return "has a sign";
    case CX_EFRACTION: return "is not a whole number";
    case CX_ERANGE: return "is outside";
    default: return "is not a score";
    }
}

static void print_columns(FILE *err, const reader_field *f, size_t n)
{
    fputs("cxstat: columns:", err);
    for (size_t i = 0; i < n; i++) {
        char q[160];
        text_quote(q, sizeof q, f[i].ptr, f[i].len);
        fprintf(err, "%s %zu=%s", i ? "," : "", i + 1, q);
    }
    fputc('\n', err);
}

/*
 * Find a column: a 1-based number, or a header name (case-insensitive,
 * trimmed), "name[k]" for its k-th occurrence.  @return 0-based index or
 * NO_COLUMN.
 */
static size_t find_column(const char *spec, const reader_field *f, size_t n)
{
    char *end;
    if (spec[0] >= '1' && spec[0] <= '9') {
        unsigned long v = strtoul(spec, &end, 10);
        if (*end == '\0')
            return (f == NULL || v <= n) ? (size_t)v - 1 : NO_COLUMN;
    }
    size_t len = strlen(spec), nth = 1;
    const char *open = len > 3 && spec[len - 1] == ']' ? strrchr(spec, '[') : NULL;
    if (open && open[1] >= '1' && open[1] <= '9') {
        unsigned long k = strtoul(open + 1, &end, 10);
        if (*end == ']' && end[1] == '\0') {
            nth = k;
            len = (size_t)(open - spec);
        }
    }
    char name[256];
    if (len >= sizeof name)
        return NO_COLUMN;
    memcpy(name, spec, len);
    name[len] = '\0';
    for (size_t i = 0; f && i < n; i++)
        if (text_name_equal(f[i].ptr, f[i].len, name) && --nth == 0)
            return i;
    return NO_COLUMN;
}

static int fail(survey *s, int code)
{
    s->exit_code = code;
    return 1;
}

/* Decide each metric's column for this file; the first file decides which metrics exist. */
static int resolve_columns(survey *s, const reader_field *f, size_t n)
{
    const options *o = s->opt;
    bool found_any = false;
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        const char *name = cx_metric_name((cx_metric)m);
        s->col[m] = NO_COLUMN;
        if (o->column[m]) {
            s->col[m] = find_column(o->column[m], f, n);
            if (s->col[m] == NO_COLUMN) {
                fprintf(s->err, "cxstat: %s: no column '%s' for --%s\n", s->file,
                        o->column[m], name);
                if (f)
                    print_columns(s->err, f, n);
                else
                    fprintf(s->err, "cxstat: without a header, give a column number\n");
                return fail(s, s->metrics_fixed ? EXIT_DATA : EXIT_USAGE);
            }
        } else if (!o->named_any && f) {
            s->col[m] = find_column(name, f, n);
        }
        bool found = s->col[m] != NO_COLUMN;
        if (!s->metrics_fixed)
            s->active[m] = s->active[m] || found;
        if (s->active[m] && !found) {
            if (o->named_any)
                fprintf(s->err, "cxstat: --require reads %s, but no %s column is named; "
                                "name it with --%s\n", name, name, name);
            else if (!f)
                fprintf(s->err, "cxstat: %s: without a header, name the %s column by "
                                "number (--%s=N)\n", s->file, name, name);
            else
                fprintf(s->err, "cxstat: %s:1: no column named '%s'; name it with --%s\n",
                        s->file, name, name);
            if (f && !o->named_any)
                print_columns(s->err, f, n);
            return fail(s, s->metrics_fixed ? EXIT_DATA : EXIT_USAGE);
        }
        if (s->active[m])
            found_any = true;
    }
    if (!found_any) {
        if (f) {
            fprintf(s->err, "cxstat: %s: no column named nps, csat or ces; name the "
                            "columns with --nps, --csat, --ces\n", s->file);
            print_columns(s->err, f, n);
        } else {
            fprintf(s->err, "cxstat: %s: without a header, name the columns by number "
                            "(--nps=N, --csat=N, --ces=N)\n", s->file);
        }
        return fail(s, EXIT_USAGE);
    }
    s->metrics_fixed = true;
    return 0;
}

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want)
{
    survey *s = ctx;
    (void)line;
    if (resolve_columns(s, f, n))
        return 1;
    s->fields = f ? n : 0;
    size_t len = 0;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (s->active[m] && s->col[m] + 1 > len)
            len = s->col[m] + 1;
    unsigned char *mask = realloc(s->want, len ? len : 1);
    if (!mask) {
        fprintf(s->err, "cxstat: out of memory\n");
        return fail(s, EXIT_DATA);
    }
    memset(mask, 0, len ? len : 1);
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (s->active[m])
            mask[s->col[m]] = 1;
    s->want = mask;
    s->want_len = len;
    want->mask = mask;
    want->len = len;
    return 0;
}

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    survey *s = ctx;
    char msg[256], q[120];
    s->records++;
    if (s->fields == 0)
        s->fields = n;
    if (n != s->fields) {
        s->malformed++;
        snprintf(msg, sizeof msg, "record has %zu field%s, expected %zu", n,
                 n == 1 ? "" : "s", s->fields);
        note(s, line, msg);
        if (s->exit_code)
            return 1;
    }
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        if (!s->active[m])
            continue;
        size_t c = s->col[m];
        if (c >= n) {
            s->hist[m].invalid++; /* the field is missing: noted as a malformed record */
            continue;
        }
        const cx_scale *sc = &s->scale[m];
        cx_status st = cx_hist_add_text(&s->hist[m], sc, f[c].ptr, f[c].len);
        if (st == CX_OK || st == CX_BLANK)
            continue;
        text_quote(q, sizeof q, f[c].ptr, f[c].len);
        if (st == CX_ERANGE)
            snprintf(msg, sizeof msg, "column %zu (%s): %s is outside %d-%d", c + 1,
                     cx_metric_name((cx_metric)m), q, sc->lo, sc->hi);
        else
            snprintf(msg, sizeof msg, "column %zu (%s): %s %s", c + 1,
                     cx_metric_name((cx_metric)m), q, invalid_reason(st));
        note(s, line, msg);
        if (s->exit_code)
            return 1;
    }
    return 0;
}

static int report_reader_error(survey *s, const reader_result *r)
{
    switch (r->status) {
    case READER_OK:
    case READER_STOPPED:
        return s->exit_code;
    case READER_EIO:
        fprintf(s->err, "cxstat: %s: %s\n", s->file, strerror(r->errno_value));
        break;
    case READER_EEMPTY:
        fprintf(s->err, "cxstat: %s: empty input: no header line\n", s->file);
        break;
    default:
        fprintf(s->err, "cxstat: %s:%llu: %s\n", s->file, (unsigned long long)r->line,
                reader_strerror(r->status));
        break;
    }
    return EXIT_DATA;
}

int survey_read(survey *s, const char *path)
{
    s->file = survey_display_name(path);
    s->fields = 0;
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        fprintf(s->err, "cxstat: %s: %s\n", s->file, strerror(errno));
        return EXIT_DATA;
    }
    reader_config cfg = {.delim = s->opt->delim, .header = s->opt->header};
    reader_callbacks cb = {.ctx = s, .header = on_header, .record = on_record};
    reader_result r;
    reader_read(fp, &cfg, &cb, &r);
    if (fp != stdin)
        fclose(fp);
    return report_reader_error(s, &r);
}

void survey_warn(const survey *s)
{
    if (s->opt->quiet || s->problems == 0)
        return;
    for (size_t i = 0; i < s->nnotes; i++)
        fprintf(s->err, "cxstat: %s:%llu: %s\n", s->note[i].file,
                (unsigned long long)s->note[i].line, s->note[i].text);
    fputs("cxstat: warning:", s->err);
    const char *sep = " ";
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (s->active[m] && s->hist[m].invalid) {
            fprintf(s->err, "%s%llu invalid %s answer%s", sep,
                    (unsigned long long)s->hist[m].invalid, cx_metric_name((cx_metric)m),
                    s->hist[m].invalid == 1 ? "" : "s");
            sep = ", ";
        }
    if (s->malformed)
        fprintf(s->err, "%s%llu malformed record%s", sep, (unsigned long long)s->malformed,
                s->malformed == 1 ? "" : "s");
    if (s->problems > s->nnotes)
        fprintf(s->err, " (first %zu shown)", s->nnotes);
    fputc('\n', s->err);
}

void survey_free(survey *s)
{
    free(s->want);
    s->want = NULL;
}
