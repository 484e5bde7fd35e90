/*
 * fuzz_split.c - the reader's two shortcuts against its reference reading of
 * arbitrary bytes, record by record, line by line:
 *
 *   - lines split by fastline_split() (the default) against every record
 *     through libcsv (reader_config.reference);
 *   - a reading stopped at a record boundary and resumed there (the chunks
 *     of -j) against one whole reading.
 *
 * Byte 0 picks the delimiter (or detection) and the header; byte 1 the want
 * mask; byte 2 the piece size the input is fed in; byte 3 where to stop.  The
 * rest is the input.  Any difference aborts.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz.h"
#include "reader.h"

typedef struct trace {
    char *text;
    size_t len, cap;
    unsigned char mask[8];
    uint64_t base; /* lines before the byte this reading started at */
} trace;

static void put(trace *l, const void *s, size_t n)
{
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap : 1024;
        while (l->len + n > cap)
            cap *= 2;
        char *t = realloc(l->text, cap);
        FUZZ_CHECK(t != NULL);
        l->text = t;
        l->cap = cap;
    }
    memcpy(l->text + l->len, s, n);
    l->len += n;
}

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line, reader_want *want)
{
    trace *l = ctx;
    (void)f, (void)n, (void)line;
    want->mask = l->mask;
    want->len = sizeof l->mask;
    return 0;
}

/* A record as: line, field count, then each field's length and bytes (or - unwanted). */
static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    trace *l = ctx;
    char head[64];
    int k = snprintf(head, sizeof head, "R%" PRIu64 ":%zu", l->base + line, n);
    put(l, head, (size_t)k);
    for (size_t i = 0; i < n; i++) {
        if (f[i].ptr == NULL) {
            put(l, "|-", 2);
            continue;
        }
        k = snprintf(head, sizeof head, "|%zu:", f[i].len);
        put(l, head, (size_t)k);
        put(l, f[i].ptr, f[i].len);
    }
    return 0;
}

static const int delims[5] = {0, ',', ';', '\t', '|'};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t ctl[4] = {0, 0xff, 0, 0x80};
    size_t k = size < 4 ? size : 4;
    memcpy(ctl, data, k);
    const char *in = (const char *)data + k;
    size_t len = size - k;

    reader_config cfg = {.delim = delims[ctl[0] % 5], .header = (ctl[0] / 5) % 2 == 0};
    size_t piece = ctl[2] % 4 == 0 ? 0 : (size_t)ctl[2] % 67 + 1;
    trace ref = {0}, fast = {0}, split = {0};
    for (size_t i = 0; i < sizeof ref.mask; i++)
        ref.mask[i] = fast.mask[i] = split.mask[i] = (unsigned char)((ctl[1] >> i) & 1);
    reader_callbacks cb = {.header = on_header, .record = on_record};
    reader_result r_ref, r_fast, r1, r2;

    reader_config rc = cfg;
    rc.reference = true;
    cb.ctx = &ref;
    reader_read_buffer(in, len, piece, &rc, &cb, &r_ref);
    cb.ctx = &fast;
    reader_read_buffer(in, len, piece, &cfg, &cb, &r_fast);
    FUZZ_CHECK(r_ref.status == r_fast.status && r_ref.line == r_fast.line);
    FUZZ_CHECK(r_ref.records == r_fast.records && r_ref.lines == r_fast.lines);
    FUZZ_CHECK(ref.len == fast.len && (ref.len == 0 || memcmp(ref.text, fast.text, ref.len) == 0));

    if (r_ref.status == READER_OK) {
        reader_config first = cfg;
        first.stop = true;
        first.stop_at = (uint64_t)len * ctl[3] / 256;
        cb.ctx = &split;
        FUZZ_CHECK(reader_read_buffer(in, len, piece, &first, &cb, &r1) == READER_OK);
        if (r1.stopped) {
            FUZZ_CHECK(r1.end >= first.stop_at && r1.end <= len);
            reader_config rest = {.delim = r1.delim, .resume = true};
            split.base = r1.lines;
            FUZZ_CHECK(reader_read_buffer(in + r1.end, len - r1.end, piece, &rest, &cb, &r2) ==
                       READER_OK);
            FUZZ_CHECK(r1.records + r2.records == r_ref.records);
            FUZZ_CHECK(r1.lines + r2.lines == r_ref.lines);
        }
        FUZZ_CHECK(split.len == ref.len && (ref.len == 0 || memcmp(ref.text, split.text, ref.len) == 0));
    }
    free(ref.text);
    free(fast.text);
    free(split.text);
    return 0;
}
