/*
 * fuzz_xlsx.c - the XLSX reader on arbitrary bytes, the archive in memory
 * (xlsx_read_buffer() through zip_source_buffer).
 *
 * The first byte picks the reading: bit 0 no header, bit 1 a line passed
 * over before the header, bit 2 layout detection, bit 3 the second sheet,
 * bit 4 a record passed over.  The rest is the workbook.  Every field handed
 * on must lie within Excel's cell limit and have text when it was wanted.
 */
#include <stdbool.h>

#include "fuzz.h"
#include "xlsx.h"

typedef struct seen {
    size_t want_len;
    uint64_t last_line;
} seen;

/* Columns 0, 2 and 5 wanted; column 2 as dates. */
static const unsigned char mask[6] = {1, 0, 1 | READER_WANT_DATE, 0, 0, 1};

static void check_fields(const seen *s, const reader_field *f, size_t n, bool all)
{
    FUZZ_CHECK(n <= XLSX_MAX_COLS);
    for (size_t i = 0; i < n; i++) {
        bool wanted = all || (i < s->want_len && mask[i]);
        FUZZ_CHECK(!wanted || f[i].ptr != NULL);
        FUZZ_CHECK(f[i].len <= (size_t)XLSX_MAX_CHARS * 4);
    }
}

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want)
{
    seen *s = ctx;
    if (f)
        check_fields(s, f, n, true);
    s->last_line = line;
    want->mask = mask;
    want->len = s->want_len = sizeof mask;
    return 0;
}

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    seen *s = ctx;
    check_fields(s, f, n, false);
    FUZZ_CHECK(line > s->last_line && line <= XLSX_MAX_ROWS); /* rows only go forward */
    s->last_line = line;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned how = size > 0 ? data[0] : 0;
    if (size > 0) {
        data++;
        size--;
    }
    reader_config cfg = {.header = !(how & 1), .skip_lines = (how >> 1) & 1,
                         .detect_layout = (how & 4) != 0, .skip_records = (how >> 4) & 1};
    xlsx_options xo = {.sheet = (how & 8) ? "2" : NULL, .err = NULL, .name = "fuzz"};
    seen s = {0, 0};
    reader_callbacks cb = {.ctx = &s, .header = on_header, .record = on_record};
    reader_result res;
    reader_status st = xlsx_read_buffer(data, size, &cfg, &xo, &cb, &res);
    FUZZ_CHECK(st == res.status);
    FUZZ_CHECK(st != READER_EFORMAT || res.detail[0] != '\0');
    return 0;
}
