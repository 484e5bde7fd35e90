/*
 * fastline.h - splits one CSV record exactly as libcsv 3.0.3 would, without
 * libcsv, so the reader can pass the common record (any quoting, line ends
 * inside quotes included) over the parser's per-byte state machine.
 *
 * The result is defined as libcsv's own: a parser made with csv_init(p, 0)
 * and csv_set_delim(p, delim), sitting between records (state ROW_NOT_BEGUN,
 * nothing collected), fed the bytes of the record including the line end
 * that ends it, reports the same fields with the same bytes, and the same
 * number of records (one, or none).  tests/unit/test_fastline.c proves this
 * against libcsv.
 *
 * fastline_run() splits the records of a buffer one after another, each as
 * fastline_split() would, classifying each byte once.
 *
 * The functions are pure: no allocation, no I/O, no state between calls.
 */
#ifndef CX_FASTLINE_H
#define CX_FASTLINE_H

#include <stddef.h>
#include <stdint.h>

#include "reader.h"

/** Room given to fastline_split(), and what it found besides the length. */
typedef struct fastline_out {
    reader_field *fields;   /* in: room for cap fields */
    size_t cap;
    unsigned char *scratch; /* in: room for the wanted fields that need unescaping */
    size_t scratch_cap;     /* (may be 0: such a record is then refused) */
    size_t nf;              /* out: fields of the record, 0 for none */
    uint64_t lines;         /* out: line ends inside the record's quoted fields (CR LF: one) */
} fastline_out;

/**
 * Splits the record at the start of s[0..n), s[0] being the first byte
 * after a record boundary.
 *
 * The record ends at its first '\n' or '\r' outside quotes (a lone CR ends a
 * line just as an LF does; the LF of a CRLF is then a line of its own, which
 * gives no record).  When that line end lies within n, the record has at
 * most out->cap fields and its wanted fields that need unescaping fit in
 * out->scratch, the function returns the record's length in bytes, counting
 * its one final line-end byte, and fills out->fields[0..out->nf):
 *
 *   - out->nf == 0 when libcsv gives no record for the line: an empty line,
 *     or one of spaces and tabs only (a tab that is the delimiter excepted);
 *   - otherwise one entry per field, with libcsv's bytes: a field is split at
 *     every delimiter byte outside quotes and loses the spaces and tabs (not
 *     the delimiter) before and after its data.  A field whose first byte
 *     after spaces is '"' is quoted and may hold delimiters and line ends;
 *     "..." closed by its first lone quote and followed only by spaces and
 *     tabs is the bytes between the quotes, a doubled quote inside standing
 *     for one; other forms follow libcsv's state machine.  A quote later in
 *     an unquoted field is data, as are NUL bytes and bytes >= 0x80.
 *
 * Each entry's len is the field's length (also for unwanted fields, so the
 * caller can enforce a length limit on every field).  Its ptr is NULL unless
 * column c (0-based) is wanted -- want != NULL, c < want_len and want[c] !=
 * 0, as in reader_want; then it points into s, or into out->scratch when the
 * field's bytes had to be rewritten (doubled quotes).  out->lines counts the
 * line ends inside the record, so that its last line is known.
 *
 * Returns 0, and out->nf == 0, when the record is not for the fast path:
 * delim is not one of ',', ';', '\t', '|'; there is no record end in
 * s[0..n); the record has more than cap fields; or its unescaped wanted
 * fields do not fit in the scratch room.  The caller then feeds the bytes to
 * libcsv (entries of fields and scratch may have been written).  No byte at
 * or beyond s[n] is read, and bytes after the record's end do not change the
 * result.
 */
size_t fastline_split(const unsigned char *s, size_t n, unsigned char delim,
                      const unsigned char *want, size_t want_len, fastline_out *out);

/** What fastline_run()'s emit() says of a record it is given. */
enum {
    FASTLINE_NEXT = 0, /* taken: go on with the next record */
    FASTLINE_STOP,     /* taken: stop after it */
    FASTLINE_REFUSE    /* not taken: stop before it */
};

/**
 * Called for each record split: out as fastline_split() fills it, the
 * record's bytes rec[0..len) with its final line end.  @return FASTLINE_NEXT,
 * FASTLINE_STOP or FASTLINE_REFUSE.
 */
typedef int (*fastline_emit)(void *ctx, const fastline_out *out, const unsigned char *rec,
                             size_t len);

/**
 * Splits the records of s[0..n) from s[0], a record boundary, one after
 * another: each one as fastline_split(s + at, min(n - at, piece), ...) would
 * split it (at being its start), handed to emit(), until emit() stops, or a
 * record is one fastline_split() returns 0 for.  The fields and scratch room
 * of out are reused for each record.  @return the bytes of the records taken:
 * the caller feeds the rest to libcsv.
 */
size_t fastline_run(const unsigned char *s, size_t n, size_t piece, unsigned char delim,
                    const unsigned char *want, size_t want_len, fastline_out *out,
                    fastline_emit emit, void *ctx);

#endif /* CX_FASTLINE_H */
