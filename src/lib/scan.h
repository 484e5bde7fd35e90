/*
 * scan.h - the character tests and cursor the library's text parsers share
 * (scores, weights, dates, band intervals).  Internal: not installed.
 */
#ifndef CX_SCAN_H
#define CX_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "cxstat.h"

static inline bool scan_space(char c)
{
    return c == ' ' || c == '\t';
}

static inline bool scan_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * The bytes of a space at text[p] (before end): a space or tab, or a UTF-8
 * Unicode space separator (U+00A0 no-break, U+1680, U+2000-200A, U+202F,
 * U+205F, U+3000), which spreadsheets and web forms put where a space was
 * meant.  0 when there is none.
 */
static inline size_t scan_space_len(const char *text, size_t p, size_t end)
{
    const unsigned char *u = (const unsigned char *)text + p;
    size_t n = end - p;
    if (n >= 1 && scan_space(text[p]))
        return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (n < 3)
        return 0;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] <= 0x8A || u[2] == 0xAF))
        return u[2] >= 0x80 ? 3 : 0;
    if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) ||
        (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) ||
        (u[0] == 0xE1 && u[1] == 0x9A && u[2] == 0x80))
        return 3;
    return 0;
}

/* The bytes of a space ending at text[end] (after start), or 0. */
static inline size_t scan_space_before(const char *text, size_t start, size_t end)
{
    for (size_t k = 1; k <= 3 && k <= end - start; k++)
        if (scan_space_len(text, end - k, end) == k)
            return k;
    return 0;
}

/*
 * A field of len bytes without its surrounding spaces: text[*p..*end).
 * @return CX_OK; CX_BLANK when nothing is left; CX_EINVAL for NULL text of
 *         non-zero length (NULL with len 0 is blank).
 */
static inline cx_status scan_field(const char *text, size_t len, size_t *p, size_t *end)
{
    if (text == NULL)
        return len == 0 ? CX_BLANK : CX_EINVAL;
    *p = 0;
    *end = len;
    size_t k;
    while (*p < *end && (k = scan_space_len(text, *p, *end)) > 0)
        *p += k;
    while (*end > *p && (k = scan_space_before(text, *p, *end)) > 0)
        *end -= k;
    return *p == *end ? CX_BLANK : CX_OK;
}

/* A position in len bytes of text that need not be NUL-terminated. */
typedef struct cursor {
    const char *s;
    size_t pos, len;
} cursor;

static inline bool at(const cursor *c, char ch)
{
    return c->pos < c->len && c->s[c->pos] == ch;
}

static inline bool at_digit(const cursor *c)
{
    return c->pos < c->len && scan_digit(c->s[c->pos]);
}

static inline bool take(cursor *c, char ch)
{
    if (!at(c, ch))
        return false;
    c->pos++;
    return true;
}

#endif
