/*
 * fuzz_require.c - require_parse() on the bytes as a NUL-terminated string
 * (a NUL inside ends it early, as on a command line); a check it accepts is
 * then decided with require_holds() on values around its bound and at the
 * ends of int64, at every precision, and must agree with an exact
 * comparison done here.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "report.h"
#include "require.h"

__extension__ typedef __int128 i128;

/* v / 10^prec against the bound, exactly: both brought to 12 decimals. */
static int exact_compare(int64_t v, unsigned prec, cx_decimal bound)
{
    i128 x = v, y = bound.mant;
    for (unsigned e = prec; e < 12; e++)
        x *= 10;
    for (unsigned e = bound.exp; e < 12; e++)
        y *= 10;
    return (x > y) - (x < y);
}

static void check_holds(const require_check *c, int64_t v, unsigned prec)
{
    bool h = require_holds(c, true, v, prec);
    int cmp = exact_compare(v, prec, c->bound);
    bool want = false;
    switch (c->op) {
    case OP_GE: want = cmp >= 0; break;
    case OP_GT: want = cmp > 0; break;
    case OP_LE: want = cmp <= 0; break;
    case OP_LT: want = cmp < 0; break;
    case OP_EQ: want = cmp == 0; break;
    }
    FUZZ_CHECK(h == want);
    FUZZ_CHECK(!require_holds(c, false, v, prec)); /* no value never satisfies */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';

    require_check c;
    memset(&c, 0, sizeof c);
    if (require_parse(text, &c)) {
        FUZZ_CHECK(c.text == text);
        FUZZ_CHECK((unsigned)c.metric < CX_METRIC_COUNT);
        FUZZ_CHECK(c.fig == FIG_INDEX || c.fig == FIG_MEAN);
        FUZZ_CHECK(c.op >= OP_GE && c.op <= OP_EQ);
        FUZZ_CHECK(c.field >= RF_VALUE && c.field <= RF_SIG_CHANGE);
        FUZZ_CHECK(c.scope >= SCOPE_ALL && c.scope <= SCOPE_LAST);
        /* a change is never of the total, and without a scope reads the last period */
        FUZZ_CHECK(!require_reads_change(&c) || c.scope == SCOPE_LAST);
        /* What the check reads is named in it, in any case, after an optional scope and "!". */
        char name[64];
        require_field_name(&c, name, sizeof name);
        size_t nlen = strlen(name);
        bool named = false;
        for (const char *s = text; *s && !named; s++)
            named = strncasecmp(s, name, nlen) == 0;
        FUZZ_CHECK(named);
        if (c.field >= RF_SIG_DROP) {
            /* a flag: never decided as a number; no test never satisfies it */
            FUZZ_CHECK(!require_holds(&c, true, 0, 0));
            FUZZ_CHECK(!require_flag_holds(&c, false, true) && !require_flag_holds(&c, false, false));
            FUZZ_CHECK(require_flag_holds(&c, true, true) != require_flag_holds(&c, true, false));
            free(text);
            return 0;
        }
        FUZZ_CHECK(!c.negate && c.bound.exp <= CX_MAX_PRECISION);
        FUZZ_CHECK(!require_flag_holds(&c, true, true) && !require_flag_holds(&c, true, false));

        static const int64_t ends[] = {INT64_MIN, INT64_MIN + 1, -1, 0, 1, INT64_MAX - 1,
                                       INT64_MAX};
        for (unsigned prec = 0; prec <= CX_MAX_PRECISION; prec++) {
            for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
                check_holds(&c, ends[i], prec);
            /* The bound itself at this precision, when it has one, and its neighbours. */
            if (c.bound.exp <= prec) {
                i128 v = c.bound.mant;
                for (unsigned e = c.bound.exp; e < prec; e++)
                    v *= 10;
                for (i128 w = v - 1; w <= v + 1; w++)
                    if (w >= INT64_MIN && w <= INT64_MAX)
                        check_holds(&c, (int64_t)w, prec);
            } else {
                int64_t v = c.bound.mant;
                for (unsigned e = prec; e < c.bound.exp; e++)
                    v /= 10; /* truncated: just inside the bound */
                for (int64_t d = -1; d <= 1; d++)
                    if ((d < 0 && v > INT64_MIN) || d == 0 || (d > 0 && v < INT64_MAX))
                        check_holds(&c, v + d, prec);
            }
        }
    }
    free(text);
    return 0;
}
