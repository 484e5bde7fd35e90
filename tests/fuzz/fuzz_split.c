/*
 * fuzz_split.c - the reader's two shortcuts against its reference reading of
 * arbitrary bytes, record by record, line by line:
 *
 *   - records split by fastline_split() (the default) against every record
 *     through libcsv (reader_config.reference), and fastline_split() itself
 *     against libcsv from every record start, with more or less room for
 *     unescaped fields;
 *   - a reading stopped at a record boundary and resumed there (the chunks
 *     of -j) against one whole reading.
 *
 * Byte 0 picks the delimiter (or detection) and the header; byte 1 the want
 * mask; byte 2 the piece size the input is fed in, and the scratch room;
 * byte 3 where to stop.  The rest is the input.  Any difference aborts.
 */
#include <csv.h>
#include <inttypes.h>
#include <string.h>

#include "fastline.h"
#include "fuzz.h"
#include "reader.h"

/* Most fields of a record fastline_split() is compared on. */
#define FUZZ_FIELDS 4096

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

/* ---- fastline_split() against libcsv, record by record ------------------ */

typedef struct oracle {
    trace fields; /* each field's bytes, one after another */
    size_t off[FUZZ_FIELDS], len[FUZZ_FIELDS];
    size_t n, records;
} oracle;

static void o_field(void *f, size_t len, void *ctx)
{
    oracle *o = ctx;
    if (o->n < FUZZ_FIELDS) {
        o->off[o->n] = o->fields.len;
        o->len[o->n] = len;
    }
    o->n++;
    if (len > 0)
        put(&o->fields, f, len);
}

static void o_record(int c, void *ctx)
{
    (void)c;
    ((oracle *)ctx)->records++;
}

/* libcsv from a record start, line by line: @return the bytes of the first
 * record or blank line, with its line end, or 0 when none ends within n. */
static size_t o_record_end(struct csv_parser *p, oracle *o, const unsigned char *s, size_t n)
{
    o->fields.len = o->n = o->records = 0;
    for (size_t i = 0;;) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\r')
            e++;
        if (e == n)
            break;
        FUZZ_CHECK(csv_parse(p, s + i, e + 1 - i, o_field, o_record, o) == e + 1 - i);
        i = e + 1;
        if (p->pstate == 0) {
            FUZZ_CHECK(o->records <= 1 && (o->records == 1 || o->n == 0));
            return i;
        }
    }
    csv_fini(p, NULL, NULL, NULL);
    return 0;
}

/* Every record of s[0..n) with delimiter d: fastline_split() gives libcsv's
 * record, or refuses only for want of scratch room for a wanted field. */
static void check_records(const unsigned char *s, size_t n, unsigned char d,
                          const unsigned char *mask, size_t room)
{
    static reader_field f[FUZZ_FIELDS];
    static unsigned char scratch[65536];
    struct csv_parser p;
    oracle o = {0};
    FUZZ_CHECK(csv_init(&p, 0) == 0);
    csv_set_delim(&p, d);
    if (room > sizeof scratch)
        room = sizeof scratch;
    for (size_t at = 0; at < n;) {
        size_t end = o_record_end(&p, &o, s + at, n - at);
        fastline_out out = {f, FUZZ_FIELDS, scratch, room, 0, 0};
        size_t got = fastline_split(s + at, n - at, d, mask, 8, &out);
        if (end == 0) {
            FUZZ_CHECK(got == 0 && out.nf == 0);
            break;
        }
        at += end;
        if (got == 0 && (o.n > FUZZ_FIELDS || (room < end && memchr(s + at - end, '"', end))))
            continue; /* no room: the reader gives such a record to libcsv */
        FUZZ_CHECK(got == end && out.nf == o.n);
        uint64_t lines = 0;
        for (size_t i = at - end; i + 1 < at; i++)
            lines += s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n');
        FUZZ_CHECK(out.lines == lines);
        for (size_t c = 0; c < out.nf; c++) {
            FUZZ_CHECK(f[c].len == o.len[c]);
            int want = c < 8 && mask[c];
            FUZZ_CHECK(want ? f[c].ptr != NULL : f[c].ptr == NULL);
            FUZZ_CHECK(!want || f[c].len == 0 ||
                       memcmp(f[c].ptr, o.fields.text + o.off[c], f[c].len) == 0);
        }
    }
    csv_free(&p);
    free(o.fields.text);
}

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

    check_records((const unsigned char *)in, len, cfg.delim ? (unsigned char)cfg.delim : ',',
                  ref.mask, ctl[2] % 3 == 0 ? 0 : ctl[2] % 3 == 1 ? 16 : 65536);

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
