/*
 * scoretab.h - the answers exports write most ("7", "10", "") read by table
 * lookup instead of a call to cx_score_parse().  The table is filled by
 * cx_score_parse() itself, for every one-byte field and every two digits, so
 * a lookup says what the parser says; other fields go to the parser.
 */
#ifndef CX_SCORETAB_H
#define CX_SCORETAB_H

#include <stdbool.h>
#include <stddef.h>

#include "cxstat.h"

typedef struct score_entry {
    signed char score;    /* with CX_OK */
    unsigned char status; /* the cx_status cx_score_parse() returns */
} score_entry;

typedef struct score_table {
    score_entry empty;     /* a field of no bytes */
    score_entry one[256];  /* a field of one byte, by that byte */
    score_entry two[100];  /* two digits d e, at 10 * d + e */
} score_table;

/** Fill t for the scale sc (whose scores must lie in -128..127, as those of 0-99 do). */
void score_table_make(score_table *t, const cx_scale *sc);

/** cx_score_parse(sc, text, len, score) for the scale t was made for. */
static inline cx_status score_read(const score_table *t, const cx_scale *sc, const char *text,
                                   size_t len, int *score)
{
    const score_entry *e = NULL;
    if (len == 1)
        e = &t->one[(unsigned char)text[0]];
    else if (len == 2 && (unsigned)(text[0] - '0') < 10 && (unsigned)(text[1] - '0') < 10)
        e = &t->two[(text[0] - '0') * 10 + (text[1] - '0')];
    else if (len == 0)
        e = &t->empty;
    if (e == NULL)
        return cx_score_parse(sc, text, len, score);
    if (e->status == CX_OK)
        *score = e->score;
    return (cx_status)e->status;
}

#endif
