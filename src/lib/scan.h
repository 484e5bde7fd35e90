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
 * A field of len bytes without its surrounding spaces and tabs: text[*p..*end).
 * @return CX_OK; CX_BLANK when nothing is left; CX_EINVAL for NULL text of
 *         non-zero length (NULL with len 0 is blank).
 */
static inline cx_status scan_field(const char *text, size_t len, size_t *p, size_t *end)
{
    if (text == NULL)
        return len == 0 ? CX_BLANK : CX_EINVAL;
    *p = 0;
    *end = len;
    while (*p < *end && scan_space(text[*p]))
        (*p)++;
    while (*end > *p && scan_space(text[*end - 1]))
        (*end)--;
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
