/* dates.c - the order a file writes its dates in, read from the whole column; unreadable examples. */
#include "dates.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "columns.h"
#include "text.h"

void dates_example(date_examples *e, const char *text, size_t len)
{
    char q[sizeof e->text[0]];
    e->count++;
    text_quote(q, sizeof q, text, len);
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->text[i], q) == 0)
            return;
    if (e->n < DATES_EXAMPLES)
        memcpy(e->text[e->n++], q, sizeof q);
}

void dates_examples_merge(date_examples *dst, const date_examples *src)
{
    dst->count += src->count;
    for (size_t i = 0; i < src->n && dst->n < DATES_EXAMPLES; i++) {
        size_t j = 0;
        while (j < dst->n && strcmp(dst->text[j], src->text[i]) != 0)
            j++;
        if (j == dst->n)
            memcpy(dst->text[dst->n++], src->text[i], sizeof src->text[i]);
    }
}

cx_status dates_parse(const char *format, unsigned order, const char *text, size_t len,
                      cx_date *out)
{
    if (format)
        return cx_date_parse_format(format, text, len, out);
    if (order)
        return cx_date_parse_order(text, len, (cx_date_order)order, out);
    return cx_date_parse(text, len, out);
}

typedef struct scan {
    const char *spec;
    size_t col;
    unsigned char *mask;
    date_order_scan *out;
} scan;

static int scan_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                       reader_want *want)
{
    scan *sc = ctx;
    (void)line;
    sc->col = column_find(sc->spec, f, n);
    if (sc->col == NO_COLUMN)
        return 1; /* the counting pass says so */
    /* only the date column is kept */
    if (!(sc->mask = calloc(sc->col + 1, 1)))
        return 1;
    sc->mask[sc->col] = 1;
    want->mask = sc->mask;
    want->len = sc->col + 1;
    return 0;
}

/* An "A/B/YYYY" field: one or two digits, then '/', after any spaces. */
static bool day_month_form(const char *s, size_t len)
{
    size_t i = 0, d;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    for (d = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        d++;
    return d >= 1 && d <= 2 && i < len && s[i] == '/';
}

static int scan_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    scan *sc = ctx;
    if (sc->col >= n)
        return 0;
    const reader_field *d = &f[sc->col];
    unsigned orders = cx_date_orders(d->ptr, d->len);
    cx_date date;
    if (orders == (CX_DATE_MDY | CX_DATE_DMY)) {
        if (cx_date_parse(d->ptr, d->len, &date) == CX_OK) /* "05/05/2024" settles nothing */
            return day_month_form(d->ptr, d->len) ? 0 : 1; /* another form: enough seen */
        if (!sc->out->ambiguous[0])
            text_quote(sc->out->ambiguous, sizeof sc->out->ambiguous, d->ptr, d->len);
        return 0;
    }
    if (orders == 0)
        return 0;
    sc->out->order = orders;
    sc->out->line = line;
    text_quote(sc->out->settled_by, sizeof sc->out->settled_by, d->ptr, d->len);
    return 1;
}

bool dates_scan_order(FILE *fp, const reader_config *cfg, const char *col_spec,
                      date_order_scan *out)
{
    memset(out, 0, sizeof *out);
    off_t at = ftello(fp);
    if (at < 0)
        return false;
    scan sc = {.spec = col_spec, .out = out};
    reader_config c = *cfg;
    c.stop = false;
    reader_callbacks cb = {.ctx = &sc, .header = scan_header, .record = scan_record};
    reader_result res;
    reader_read(fp, &c, &cb, &res);
    free(sc.mask);
    clearerr(fp);
    return fseeko(fp, at, SEEK_SET) == 0;
}
