/* scoretab.c - fills the short answers' table from the parser itself. */
#include "scoretab.h"

/* One field's entry: what cx_score_parse() says of it. */
static score_entry entry(const cx_scale *sc, const char *text, size_t len)
{
    int score = 0;
    cx_status st = cx_score_parse(sc, text, len, &score);
    /* cannot happen (one or two bytes score 0-99), but an entry must not wrap */
    if (st == CX_OK && (score < -128 || score > 127))
        st = CX_ERANGE;
    return (score_entry){(signed char)(st == CX_OK ? score : 0), (unsigned char)st};
}

void score_table_make(score_table *t, const cx_scale *sc)
{
    t->empty = entry(sc, "", 0);
    for (int b = 0; b < 256; b++) {
        char c = (char)b;
        t->one[b] = entry(sc, &c, 1);
    }
    for (int d = 0; d < 100; d++) {
        char two[2] = {(char)('0' + d / 10), (char)('0' + d % 10)};
        t->two[d] = entry(sc, two, 2);
    }
}
