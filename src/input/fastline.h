/*
 * fastline.h - splits one CSV line exactly as libcsv 3.0.3 would, without
 * libcsv, so the reader can pass the common line (no quoting, or quoted
 * fields that need no rewriting) over the parser's per-byte state machine.
 *
 * The result is defined as libcsv's own: a parser made with csv_init(p, 0)
 * and csv_set_delim(p, delim), sitting between records (state ROW_NOT_BEGUN,
 * nothing collected), fed the bytes of the line including its line end,
 * reports the same fields with the same bytes, and the same number of records
 * (one, or none).  tests/unit/test_fastline.c proves this against libcsv.
 *
 * The function is pure: no allocation, no I/O, no state between calls.
 */
#ifndef CX_FASTLINE_H
#define CX_FASTLINE_H

#include <stddef.h>

#include "reader.h"

/**
 * Splits the line at the start of s[0..n), s[0] being the first byte after a
 * record boundary.
 *
 * The line ends at its first '\n' or '\r' outside quotes (a lone CR ends a
 * line just as an LF does; the LF of a CRLF is then a line of its own, which
 * gives no record).  When that line end lies within n, no quoted field holds
 * a line end, no wanted quoted field needs rewriting (see below) and the line
 * has at most cap fields, the function returns the line's length in bytes,
 * counting its one line-end byte, and fills fields[0..*nf):
 *
 *   - *nf == 0 when libcsv gives no record for the line: an empty line, or
 *     one of spaces and tabs only (a tab that is the delimiter excepted);
 *   - otherwise one entry per field, the fields being split at every
 *     delimiter byte outside quotes, with the spaces and tabs (not the
 *     delimiter) before and after each field's data removed.  A field whose
 *     first byte after spaces is '"' is quoted: "..." closed by its first
 *     quote and followed only by spaces and tabs is the bytes between the
 *     quotes; one with doubled quotes or bytes after the closing quote needs
 *     rewriting.  A quote later in an unquoted field is data, as are NUL
 *     bytes and bytes >= 0x80.
 *
 * Each entry's len is the trimmed length (also for unwanted fields, so the
 * caller can enforce a length limit on every field).  Its ptr points into s
 * when column c (0-based) is wanted -- want != NULL, c < want_len and
 * want[c] != 0, as in reader_want -- and is NULL otherwise.
 *
 * Returns 0, and *nf == 0, when the line is not for the fast path: delim is
 * not one of ',', ';', '\t', '|'; a quoted field holds a line end, or needs
 * rewriting and is wanted; there is no line end in s[0..n); or the line has
 * more than cap fields.  The caller
 * then feeds the line to libcsv (entries of fields may have been written).
 * No byte after the line end, and none at or beyond s[n], is read.
 */
size_t fastline_split(const unsigned char *s, size_t n, unsigned char delim,
                      const unsigned char *want, size_t want_len, reader_field *fields,
                      size_t cap, size_t *nf);

#endif /* CX_FASTLINE_H */
