/* text.h - small string helpers for names and messages (UTF-8 aware where it matters). */
#ifndef CX_TEXT_H
#define CX_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** text_trim() for any field (the inline one is for every record). */
void text_trim_spaces(const char **ptr, size_t *len);

/**
 * Drop leading and trailing spaces (' ', tab, a Unicode space separator):
 * adjusts *ptr and *len.  A field whose end bytes are ASCII and no space has
 * none to drop (a wide space starts and ends with a byte >= 0x80): the
 * common field is answered here, without a call.
 */
static inline void text_trim(const char **ptr, size_t *len)
{
    size_t n = *len;
    if (n > 0) {
        unsigned char a = (unsigned char)(*ptr)[0], z = (unsigned char)(*ptr)[n - 1];
        if (a < 0x80 && a != ' ' && a != '\t' && z < 0x80 && z != ' ' && z != '\t')
            return;
    }
    text_trim_spaces(ptr, len);
}

/**
 * Compare two names ignoring case (ASCII and the basic Cyrillic letters),
 * after trimming spaces around a.  b is NUL-terminated.
 */
bool text_name_equal(const char *a, size_t alen, const char *b);

/**
 * Write field text for a message, in single quotes: control bytes are shown
 * as \n, \r, \t or \xHH, and text past 40 bytes is cut with "...".  Always
 * NUL-terminates buf (size >= 8).
 */
void text_quote(char *buf, size_t size, const char *ptr, size_t len);

/**
 * A hash of a name as text_name_equal() compares it (trimmed, case folded):
 * names it calls equal hash alike.
 */
uint64_t text_name_hash(const char *a, size_t alen);

/**
 * A copy of the string s with control bytes shown as text_quote() shows them
 * (\n, \r, \t, \xHH; bytes that are not UTF-8 as \xHH), uncut: file names
 * for messages and reports.  Free it; NULL without memory.
 */
char *text_escape(const char *s);

/**
 * As text_quote(), but cut only when buf is full: a name shown to be copied
 * back into an option.
 */
void text_quote_whole(char *buf, size_t size, const char *ptr, size_t len);

/**
 * Write a CSV or TSV cell: with a ',' (or other) delimiter quoted per RFC
 * 4180 when it holds the delimiter, a quote or a line end; with a tab, which
 * cannot be quoted, a tab, LF, CR or backslash is written \t, \n, \r, \\.
 */
void text_put_cell(FILE *out, const char *s, size_t n, char delim);

/** Writes n in decimal: the count cells of large tables, without printf's parsing. */
void text_put_u64(FILE *out, uint64_t n);

/** The same, with the character first (not a quote nor the delimiter) put before the text. */
void text_put_cell_after(FILE *out, char first, const char *s, size_t n, char delim);

/**
 * Write a JSON string (with its quotes): '"', '\\' and control bytes escaped,
 * bytes that are not UTF-8 text written as U+FFFD, so the JSON stays valid.
 */
void text_put_json(FILE *out, const char *s, size_t n);

/** True when the bytes are well-formed UTF-8 (no overlongs, surrogates or NULs). */
bool text_utf8_valid(const char *s, size_t len);

/** Bytes compared by text_edits(); longer texts are cut there. */
#define TEXT_EDITS_MAX 256

/**
 * Levenshtein distance (insert, delete or replace a byte) between a and b,
 * ASCII letters compared without case, each cut at TEXT_EDITS_MAX bytes: how
 * close a misspelt option or value is to one that exists.
 */
size_t text_edits(const char *a, size_t na, const char *b, size_t nb);

/**
 * Grow *buf (of *cap elements of elem bytes) to hold need elements,
 * doubling from 64.  @return false without memory (*buf unchanged).
 */
bool text_grow(void **buf, size_t *cap, size_t need, size_t elem);

/** Display width of UTF-8 text in columns (one per code point). */
size_t text_width(const char *s);

#endif
