/*
 * fuzz_stat.c - the SPSS and Stata reader on arbitrary bytes, parsed from
 * memory through libreadstat's io handlers (spss_read_buffer()).
 *
 * The format is sniffed as cxstat does; bytes with neither signature are read
 * as .sav when their first byte is even, as .dta when odd.  Every column is
 * wanted; two of every three are scored (on 0-10 or 1-5), one of those with
 * its labels as text, so the labels rule, the missing values and the dates
 * are all reached.  Each record is checked: as many fields as the header,
 * each wanted field's bytes readable.  Nothing may crash, leak or trip a
 * sanitizer.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "spss.h"

typedef struct seen {
    size_t n;             /* the header's fields */
    unsigned char *mask;  /* all wanted */
    unsigned sum;         /* touches every byte given */
} seen;

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line, reader_want *want)
{
    seen *s = ctx;
    FUZZ_CHECK(line == 1);
    s->n = n;
    s->mask = malloc(n ? n : 1);
    FUZZ_CHECK(s->mask != NULL);
    memset(s->mask, 1, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < f[i].len; k++)
            s->sum += (unsigned char)f[i].ptr[k];
    want->mask = s->mask;
    want->len = n;
    return 0;
}

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    seen *s = ctx;
    FUZZ_CHECK(n == s->n && line >= 2);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(f[i].ptr != NULL && f[i].len <= READER_MAX_FIELD);
        for (size_t k = 0; k < f[i].len; k++)
            s->sum += (unsigned char)f[i].ptr[k];
    }
    return 0;
}

static void on_labels(void *ctx, const reader_field *labels, size_t n)
{
    (void)ctx;
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(labels[i].ptr != NULL);
}

static void on_column(void *ctx, size_t col, spss_column *out)
{
    (void)ctx;
    if (col % 3 == 2)
        return;
    *out = (spss_column){.scored = true, .lo = col % 2 ? 1 : 0, .hi = col % 2 ? 5 : 10,
                         .label_text = col % 3 == 1 && col % 2 == 0, .metric = "nps"};
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const input_format *f = format_find(data, size);
    bool stata = f ? strcmp(f->name, "Stata") == 0 : size && data[0] % 2;
    seen s = {0};
    spss_config cfg = {.stata = stata, .name = "fuzz", .err = fuzz_devnull()};
    spss_callbacks cb = {.base = {.ctx = &s, .header = on_header, .record = on_record},
                         .labels = on_labels, .column = on_column};
    spss_result r;
    spss_status st = spss_read_buffer(data, size, &cfg, &cb, &r);
    FUZZ_CHECK(st == r.status && st != SPSS_STOPPED);
    free(s.mask);
    return 0;
}
