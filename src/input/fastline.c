/* fastline.c - splits a CSV line exactly as libcsv 3.0.3 does: a line without
 * quotes sixteen bytes at a time, others field by field with a class table;
 * quoted fields that hold a line end, or that need unescaping and are wanted,
 * are left to libcsv. */
#include "fastline.h"

#include <stdint.h>
#include <string.h>

/*
 * The libcsv 3.0.3 rules matched (csv_parse() in libcsv.c, a parser made with
 * csv_init(p, 0): no options, default quote '"', default space and line-end
 * tests, only the delimiter set), from a record boundary:
 *
 * ROW_NOT_BEGUN and FIELD_NOT_BEGUN (before a field's first data byte):
 *   1. a space or tab that is not the delimiter is skipped -- the space test
 *      comes first but excludes the delimiter, so with delim '\t' a tab is
 *      never a space;
 *   2. then '\r' or '\n' ends the line: in FIELD_NOT_BEGUN (after a
 *      delimiter) an empty field and the record are submitted; in
 *      ROW_NOT_BEGUN (nothing but spaces and tabs since the record boundary)
 *      nothing is submitted, so an empty or blank line gives no record;
 *   3. then the delimiter submits an empty field (FIELD_NOT_BEGUN follows);
 *   4. then the quote opens a quoted field (FIELD_BEGUN, quoted; below);
 *   5. any other byte, NUL and bytes >= 0x80 included, is the field's first
 *      data byte: FIELD_BEGUN, unquoted.
 *
 * FIELD_BEGUN, unquoted (after the first data byte):
 *   1. the quote is kept as data and resets `spaces`, as any data byte;
 *   2. then the delimiter submits the field (FIELD_NOT_BEGUN follows);
 *   3. then '\r' or '\n' submits the field and the record (ROW_NOT_BEGUN);
 *   4. then a space or tab is kept but counted in `spaces`;
 *   5. any other byte is kept and resets `spaces` to 0.
 *   Submitting drops the last `spaces` bytes: trailing spaces and tabs go,
 *   inner ones stay.
 *
 * FIELD_BEGUN, quoted (after the opening quote, which is not kept):
 *   the quote is kept and FIELD_MIGHT_HAVE_ENDED follows; '\r' or '\n' is
 *   kept (the field goes on to the next line: such a line is refused); every
 *   other byte, the delimiter included, is kept.  `spaces` stays 0 here.
 *
 * FIELD_MIGHT_HAVE_ENDED (after a quote in a quoted field):
 *   1. the delimiter, or 2. '\r' or '\n', ends the field (and the record)
 *      after dropping `spaces` bytes and the quote before them;
 *   3. a space or tab is kept and counted in `spaces`;
 *   4. a quote after spaces is kept, `spaces` back to 0, the state unchanged;
 *      a quote right after the quote (a doubled quote) goes back to
 *      FIELD_BEGUN, quoted, the first one staying as the data quote;
 *   5. any other byte is kept, `spaces` back to 0, FIELD_BEGUN quoted.
 *
 * So an unquoted field is the bytes between two delimiters (or the line's
 * start or end) without its leading and trailing spaces and tabs, the
 * delimiter never counting as one; a quoted field "..." closed by its first
 * quote, with only spaces and tabs before the next delimiter or line end, is
 * the bytes between the quotes; and the record exists unless the line ends
 * while still in ROW_NOT_BEGUN.  Other quoted fields (doubled quotes, bytes
 * after the closing quote) are followed to their end with libcsv's rules so
 * that their length is exact, but their bytes need rewriting: the line is
 * refused when such a field is wanted.
 *
 * The delimiter is checked before the line end only in FIELD_BEGUN, which
 * matters only for a delimiter of '\r' or '\n'; those, like a delimiter of
 * ' ' or '"', are not supported and go to libcsv.
 */

/* Byte classes, for trimming and for the field-by-field reading. */
enum {
    FL_DATA = 0,  /* kept in the field */
    FL_SPACE = 1, /* ' ' or '\t' that is not the delimiter: trimmed at the field's ends */
    FL_QUOTE = 2, /* '"': opens a quoted field at a field's start, else data */
    FL_DELIM = 3, /* ends the field */
    FL_END = 4    /* '\r' or '\n': ends the field and the line */
};

/* One table per supported delimiter; every byte not named is FL_DATA. */
static const unsigned char class_comma[256] = {
    [' '] = FL_SPACE, ['\t'] = FL_SPACE, [','] = FL_DELIM,
    ['\r'] = FL_END,  ['\n'] = FL_END,   ['"'] = FL_QUOTE,
};
static const unsigned char class_semicolon[256] = {
    [' '] = FL_SPACE, ['\t'] = FL_SPACE, [';'] = FL_DELIM,
    ['\r'] = FL_END,  ['\n'] = FL_END,   ['"'] = FL_QUOTE,
};
static const unsigned char class_tab[256] = {
    [' '] = FL_SPACE, ['\t'] = FL_DELIM,
    ['\r'] = FL_END,  ['\n'] = FL_END,   ['"'] = FL_QUOTE,
};
static const unsigned char class_pipe[256] = {
    [' '] = FL_SPACE, ['\t'] = FL_SPACE, ['|'] = FL_DELIM,
    ['\r'] = FL_END,  ['\n'] = FL_END,   ['"'] = FL_QUOTE,
};

/*
 * Eight bytes at a time: the index of the first byte at or after i that is
 * a, b or c, or n.  A byte of v is zero exactly where
 * (v - 0x01..01) & ~v & 0x80..80 first has a bit set (bits above the first
 * zero byte may be set too; the lowest one is exact), so the lowest set bit
 * of the three masks is the first match (Mycroft's zero-byte test, as in
 * Hacker's Delight 6-1).  On big-endian machines, a byte at a time.
 */
static size_t find3(const unsigned char *s, size_t i, size_t n, unsigned char a, unsigned char b,
                    unsigned char c)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    const uint64_t ra = a * ones, rb = b * ones, rc = c * ones;
    for (; i + 8 <= n; i += 8) {
        uint64_t w, x, y, z;
        memcpy(&w, s + i, 8);
        x = w ^ ra;
        y = w ^ rb;
        z = w ^ rc;
        uint64_t hit = (((x - ones) & ~x) | ((y - ones) & ~y) | ((z - ones) & ~z)) & highs;
        if (hit)
            return i + (size_t)__builtin_ctzll(hit) / 8;
    }
#endif
    while (i < n && s[i] != a && s[i] != b && s[i] != c)
        i++;
    return i;
}

/*
 * Follows a quoted field whose opening quote is at s[i].  @return the index
 * of the delimiter or line end that ends it, or 0 when it does not end on
 * this line (or within n); *start and *len give its bytes when *plain.
 */
static size_t quoted_field(const unsigned char *s, size_t n, const unsigned char *cls, size_t i,
                           size_t *start, size_t *len, int *plain)
{
    size_t kept = 0, spaces = 0;
    *start = ++i;
    *plain = 1;
    for (;;) {
        /* FIELD_BEGUN, quoted: everything up to a quote is kept */
        size_t from = i;
        i = find3(s, i, n, '"', '\n', '\r');
        if (i == n || s[i] != '"')
            return 0; /* the field goes on past the line end */
        kept += i - from + 1; /* and the quote */
        i++;
        /* FIELD_MIGHT_HAVE_ENDED */
        for (;;) {
            if (i == n)
                return 0;
            unsigned char c = cls[s[i]];
            if (c == FL_DELIM || c == FL_END) {
                *len = kept - spaces - 1;
                return i;
            }
            if (c == FL_SPACE) {
                kept++;
                spaces++;
                i++;
                continue;
            }
            *plain = 0;
            i++;
            if (c == FL_QUOTE && spaces > 0) {
                kept++;
                spaces = 0;
                continue;
            }
            if (c != FL_QUOTE)
                kept++;
            spaces = 0;
            break; /* back to FIELD_BEGUN, quoted */
        }
    }
}

static const unsigned char *class_table(unsigned char delim)
{
    switch (delim) {
    case ',': return class_comma;
    case ';': return class_semicolon;
    case '\t': return class_tab;
    case '|': return class_pipe;
    default: return NULL;
    }
}

/* One field of a line without quotes: s[start..end) less its spaces and tabs. */
static void plain_field(const unsigned char *s, size_t start, size_t end, const unsigned char *cls,
                        int wanted, reader_field *f)
{
    while (start < end && cls[s[start]] == FL_SPACE)
        start++;
    while (end > start && cls[s[end - 1]] == FL_SPACE)
        end--;
    f->ptr = wanted ? (const char *)(s + start) : NULL;
    f->len = end - start;
}

/* The end of a line without quotes: a record unless the line is blank. */
static size_t plain_end(const unsigned char *s, size_t start, size_t e, size_t k,
                        const unsigned char *cls, const unsigned char *want, size_t want_len,
                        reader_field *fields, size_t cap, size_t *nf)
{
    if (k == 0) {
        size_t j = 0;
        while (j < e && cls[s[j]] == FL_SPACE)
            j++;
        if (j == e)
            return e + 1; /* still ROW_NOT_BEGUN: no record */
    }
    if (k == cap)
        return 0;
    plain_field(s, start, e, cls, k < want_len && want[k] != 0, &fields[k]);
    *nf = k + 1;
    return e + 1;
}

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* plain_line() found a quote before the line end: the line is read field by field. */
#define HAS_QUOTE SIZE_MAX

/*
 * The line at s when it has no quote: its fields lie between delimiters.
 * With SSE2 (part of every x86-64 CPU) sixteen bytes are looked at a time:
 * one compare per byte class gives the delimiters and the quote or line end
 * that stops the scan, and the fields are taken in order from the bits; the
 * last bytes, and every byte elsewhere, one at a time.
 * @return as fastline_split(), or HAS_QUOTE.
 */
static size_t plain_line(const unsigned char *s, size_t n, unsigned char delim,
                         const unsigned char *cls, const unsigned char *want, size_t want_len,
                         reader_field *fields, size_t cap, size_t *nf)
{
    size_t k = 0, start = 0, i = 0;
#if defined(__SSE2__)
    const __m128i vd = _mm_set1_epi8((char)delim), vq = _mm_set1_epi8('"');
    const __m128i vl = _mm_set1_epi8('\n'), vr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_cmpeq_epi8(v, vq), _mm_or_si128(_mm_cmpeq_epi8(v, vl), _mm_cmpeq_epi8(v, vr))));
        unsigned dm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vd));
        if (stop)
            dm &= (stop & (0u - stop)) - 1; /* the delimiters before the stop */
        for (; dm; dm &= dm - 1) {
            size_t d = i + (size_t)__builtin_ctz(dm);
            if (k == cap)
                return 0;
            plain_field(s, start, d, cls, k < want_len && want[k] != 0, &fields[k]);
            k++;
            start = d + 1;
        }
        if (stop) {
            size_t e = i + (size_t)__builtin_ctz(stop);
            return s[e] == '"' ? HAS_QUOTE
                               : plain_end(s, start, e, k, cls, want, want_len, fields, cap, nf);
        }
    }
#endif
    for (; i < n; i++) {
        if (s[i] == '"')
            return HAS_QUOTE;
        if (s[i] == '\n' || s[i] == '\r')
            return plain_end(s, start, i, k, cls, want, want_len, fields, cap, nf);
        if (s[i] != delim)
            continue;
        if (k == cap)
            return 0;
        plain_field(s, start, i, cls, k < want_len && want[k] != 0, &fields[k]);
        k++;
        start = i + 1;
    }
    return 0; /* no line end */
}

size_t fastline_split(const unsigned char *s, size_t n, unsigned char delim,
                      const unsigned char *want, size_t want_len, reader_field *fields,
                      size_t cap, size_t *nf)
{
    const unsigned char *cls = class_table(delim);
    *nf = 0;
    if (cls == NULL)
        return 0;
    if (want == NULL)
        want_len = 0;
    size_t got = plain_line(s, n, delim, cls, want, want_len, fields, cap, nf);
    if (got != HAS_QUOTE)
        return got;
    *nf = 0; /* a quote: field by field, as libcsv */

    size_t i = 0; /* next byte */
    size_t k = 0; /* fields submitted */
    for (;;) {
        /* ROW_NOT_BEGUN (k == 0) or FIELD_NOT_BEGUN: skip spaces and tabs. */
        unsigned char c = FL_SPACE;
        while (i < n && (c = cls[s[i]]) == FL_SPACE)
            i++;
        if (i == n)
            return 0; /* no line end */
        size_t start = i, len;
        int wanted = k < want_len && want[k] != 0;
        if (c == FL_QUOTE) {
            int plain;
            i = quoted_field(s, n, cls, i, &start, &len, &plain);
            if (i == 0 || (wanted && !plain))
                return 0;
            c = cls[s[i]];
        } else {
            size_t end = i; /* just past the field's last data byte */
            if (c == FL_DATA) {
                /* FIELD_BEGUN: data, quotes and spaces go on to the
                 * delimiter or line end; the spaces and tabs before it are
                 * dropped (libcsv's `spaces`), the first byte being data. */
                i = find3(s, i + 1, n, delim, '\n', '\r');
                if (i == n)
                    return 0; /* no line end */
                c = cls[s[i]];
                end = i;
                while (cls[s[end - 1]] == FL_SPACE)
                    end--;
            }
            /* c is FL_DELIM or FL_END at s[i]. */
            if (c == FL_END && k == 0 && end == start)
                return i + 1; /* still ROW_NOT_BEGUN: no record */
            len = end - start;
        }
        if (k == cap)
            return 0; /* more fields than the caller has room for */
        fields[k].ptr = wanted ? (const char *)(s + start) : NULL;
        fields[k].len = len;
        k++;
        i++;
        if (c == FL_END) {
            *nf = k;
            return i;
        }
    }
}
