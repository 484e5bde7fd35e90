/* fastline.c - splits a CSV line without quotes exactly as libcsv 3.0.3 does,
 * in one pass over its bytes with a class table. */
#include "fastline.h"

/*
 * The libcsv 3.0.3 rules matched (csv_parse() in libcsv.c, a parser made with
 * csv_init(p, 0): no options, default quote '"', default space and line-end
 * tests, only the delimiter set), for a line that holds no quote:
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
 *   4. then the quote opens a quoted field (never here: such a line is
 *      refused);
 *   5. any other byte, NUL and bytes >= 0x80 included, is the field's first
 *      data byte: FIELD_BEGUN, unquoted.
 *
 * FIELD_BEGUN, unquoted (after the first data byte):
 *   1. the quote would be kept as data (refused here);
 *   2. then the delimiter submits the field (FIELD_NOT_BEGUN follows);
 *   3. then '\r' or '\n' submits the field and the record (ROW_NOT_BEGUN);
 *   4. then a space or tab is kept but counted in `spaces`;
 *   5. any other byte is kept and resets `spaces` to 0.
 *   Submitting drops the last `spaces` bytes: trailing spaces and tabs go,
 *   inner ones stay.
 *
 * So a field is the bytes between two delimiters (or the line's start or
 * end) without its leading and trailing spaces and tabs, the delimiter never
 * counting as one; and the record exists unless the line ends while still in
 * ROW_NOT_BEGUN.  The delimiter is checked before the line end only in
 * FIELD_BEGUN, which matters only for a delimiter of '\r' or '\n'; those,
 * like a delimiter of ' ' or '"', are not supported and go to libcsv.
 */

/* Byte classes.  DATA and SPACE are the two that continue a field, and the
 * smallest, so the inner loop leaves on one comparison. */
enum {
    FL_DATA = 0,  /* kept in the field */
    FL_SPACE = 1, /* ' ' or '\t' that is not the delimiter: trimmed at the field's ends */
    FL_DELIM = 2, /* ends the field */
    FL_END = 3,   /* '\r' or '\n': ends the field and the line */
    FL_QUOTE = 4  /* '"': the line is not simple */
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

    size_t i = 0; /* next byte */
    size_t k = 0; /* fields submitted */
    for (;;) {
        /* ROW_NOT_BEGUN (k == 0) or FIELD_NOT_BEGUN: skip spaces and tabs. */
        unsigned char c = FL_SPACE;
        while (i < n && (c = cls[s[i]]) == FL_SPACE)
            i++;
        if (i == n)
            return 0; /* no line end */
        size_t start = i;
        size_t end = i; /* just past the field's last data byte */
        if (c == FL_DATA) {
            /* FIELD_BEGUN: keep going while bytes are data or spaces, noting
             * where the data ends (libcsv's `spaces` counts the rest). */
            end = ++i;
            for (;;) {
                if (i == n)
                    return 0; /* no line end */
                c = cls[s[i]];
                if (c > FL_SPACE)
                    break;
                i++;
                if (c == FL_DATA)
                    end = i;
            }
        }
        if (c == FL_QUOTE)
            return 0; /* a quoted field, or a stray quote: libcsv's business */
        /* c is FL_DELIM or FL_END at s[i]. */
        if (c == FL_END && k == 0 && end == start)
            return i + 1; /* still ROW_NOT_BEGUN: no record */
        if (k == cap)
            return 0; /* more fields than the caller has room for */
        fields[k].ptr = k < want_len && want[k] != 0 ? (const char *)(s + start) : NULL;
        fields[k].len = end - start;
        k++;
        i++;
        if (c == FL_END) {
            *nf = k;
            return i;
        }
    }
}
