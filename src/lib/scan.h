/*
 * scan.h - the character tests and cursor the library's text parsers share
 * (scores, weights, dates, band intervals).  Internal: not installed.
 */
#ifndef CX_SCAN_H
#define CX_SCAN_H

#include <stdbool.h>
#include <stddef.h>

static inline bool scan_space(char c)
{
    return c == ' ' || c == '\t';
}

static inline bool scan_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A field without its surrounding spaces and tabs: s[p..end). */
static inline void scan_trim(const char *s, size_t *p, size_t *end)
{
    while (*p < *end && scan_space(s[*p]))
        (*p)++;
    while (*end > *p && scan_space(s[*end - 1]))
        (*end)--;
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
