/*
 * signature.h - what the first bytes of an input say it is, when it is not
 * text: a small table of file signatures (gzip, old Excel, PNG, PDF,
 * executables, archives), and UTF-16 text without a byte order mark told by
 * its NUL bytes.
 */
#ifndef CX_SIGNATURE_H
#define CX_SIGNATURE_H

#include <stddef.h>

/** Bytes of the start of an input that the signatures are looked for in. */
#define SIGNATURE_BYTES 64

typedef struct signature_kind {
    const char *what; /* "a gzip file", "an old Excel workbook (.xls)" */
    const char *hint; /* what to do, naming no file: "decompress it first (gunzip)" */
} signature_kind;

/**
 * The kind of binary file the first n bytes (at most SIGNATURE_BYTES) begin,
 * or NULL for what may be text.  A zip that is an Office Open XML document
 * (an XLSX workbook) is not named here: the reader has its own path for it.
 * Bytes with more than two control characters that text never holds (NULs
 * aside), and that are not UTF-16 or UTF-32 text, are "binary data".
 */
const signature_kind *signature_binary(const unsigned char *s, size_t n);

/**
 * "UTF-16LE" or "UTF-16BE" when the first n bytes are UTF-16 text without a
 * byte order mark (text of the Latin script: every other byte NUL), or NULL.
 */
const char *signature_utf16(const unsigned char *s, size_t n);

#endif
