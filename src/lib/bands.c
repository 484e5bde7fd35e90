/* bands.c - band intervals as exact decimals: parse, build and check sets, find a value's band. */
#include <string.h>

#include "cxstat.h"
#include "scan.h"

__extension__ typedef __int128 i128;

/* The side with fewer decimals is scaled up. */
int cx_decimal_compare(cx_decimal a, cx_decimal b)
{
    i128 x = a.mant, y = b.mant;

    /* Once a scaled side leaves the int64 range, the other side cannot catch up. */
    for (unsigned e = a.exp; e < b.exp && x != 0 && x >= INT64_MIN && x <= INT64_MAX; e++)
        x *= 10;
    for (unsigned e = b.exp; e < a.exp && y != 0 && y >= INT64_MIN && y <= INT64_MAX; e++)
        y *= 10;
    return (x > y) - (x < y);
}

/* ---- parsing ------------------------------------------------------------ */

static void skip_spaces(cursor *c)
{
    while (at(c, ' ') || at(c, '\t'))
        c->pos++;
}

/* Append the digit under the cursor to *mag; false if that would pass INT64_MAX. */
static bool take_digit(cursor *c, uint64_t *mag)
{
    unsigned d = (unsigned)(c->s[c->pos++] - '0');

    if (*mag > ((uint64_t)INT64_MAX - d) / 10)
        return false;
    *mag = *mag * 10 + d;
    return true;
}

/* ['-'] digits ['.' 1..CX_MAX_PRECISION digits] */
static bool parse_decimal(cursor *c, cx_decimal *out)
{
    bool neg = at(c, '-');
    uint64_t mag = 0;
    unsigned exp = 0;

    if (neg)
        c->pos++;
    if (!at_digit(c))
        return false;
    while (at_digit(c))
        if (!take_digit(c, &mag))
            return false;
    if (at(c, '.')) {
        c->pos++;
        if (!at_digit(c))
            return false;
        for (; at_digit(c); exp++)
            if (exp == CX_MAX_PRECISION || !take_digit(c, &mag))
                return false;
    }
    out->mant = neg ? -(int64_t)mag : (int64_t)mag;
    out->exp = exp;
    return true;
}

cx_status cx_decimal_parse(const char *text, size_t len, cx_decimal *out)
{
    cursor c = {text, 0, text == NULL ? 0 : len};
    cx_decimal d;

    if (!parse_decimal(&c, &d) || c.pos != c.len)
        return CX_EINVAL;
    *out = d;
    return CX_OK;
}

/* Expect one of two bracket characters; *open tells whether it was the open one. */
static bool parse_bracket(cursor *c, char closed_ch, char open_ch, bool *open)
{
    if (!at(c, closed_ch) && !at(c, open_ch))
        return false;
    *open = c->s[c->pos++] == open_ch;
    return true;
}

cx_status cx_interval_parse(const char *text, size_t len, cx_band *band)
{
    cursor c = {text, 0, text == NULL ? 0 : len};
    cx_band b = {0};

    if (!parse_bracket(&c, '[', '(', &b.lo_open))
        return CX_EINTERVAL;
    skip_spaces(&c);
    if (!parse_decimal(&c, &b.lo))
        return CX_EINTERVAL;
    skip_spaces(&c);
    if (!at(&c, ','))
        return CX_EINTERVAL;
    c.pos++;
    skip_spaces(&c);
    if (!parse_decimal(&c, &b.hi))
        return CX_EINTERVAL;
    skip_spaces(&c);
    if (!parse_bracket(&c, ']', ')', &b.hi_open) || c.pos != c.len)
        return CX_EINTERVAL;
    band->lo = b.lo;
    band->hi = b.hi;
    band->lo_open = b.lo_open;
    band->hi_open = b.hi_open;
    return CX_OK;
}

/* ---- interval relations ------------------------------------------------- */

static bool band_empty(const cx_band *b)
{
    int c = cx_decimal_compare(b->lo, b->hi);

    return c > 0 || (c == 0 && (b->lo_open || b->hi_open));
}

/* True when some value of a is at or below some value of b: a starts before b ends. */
static bool starts_before_end(const cx_band *a, const cx_band *b)
{
    int c = cx_decimal_compare(a->lo, b->hi);

    return c < 0 || (c == 0 && !a->lo_open && !b->hi_open);
}

static bool bands_overlap(const cx_band *a, const cx_band *b)
{
    return starts_before_end(a, b) && starts_before_end(b, a);
}

static bool band_holds(const cx_band *b, cx_decimal v)
{
    int lo = cx_decimal_compare(b->lo, v), hi = cx_decimal_compare(v, b->hi);

    return (lo < 0 || (lo == 0 && !b->lo_open)) && (hi < 0 || (hi == 0 && !b->hi_open));
}

/* ---- sets --------------------------------------------------------------- */

cx_status cx_bandset_add(cx_bandset *set, const char *interval, size_t len, const char *id,
                         const char *label_en, const char *label_ru)
{
    cx_band b = {.id = id, .label_en = label_en, .label_ru = label_ru};
    cx_status status = cx_interval_parse(interval, len, &b);

    if (status != CX_OK)
        return status;
    if (band_empty(&b))
        return CX_EBAND_EMPTY;
    if (set->count >= CX_MAX_BANDS)
        return CX_EBAND_FULL;
    set->band[set->count++] = b;
    return CX_OK;
}

void cx_band_range(const cx_scale *scale, cx_decimal *lo, cx_decimal *hi)
{
    switch (scale->metric) {
    case CX_NPS:
        *lo = (cx_decimal){-100, 0};
        *hi = (cx_decimal){100, 0};
        return;
    case CX_CSAT:
        *lo = (cx_decimal){0, 0};
        *hi = (cx_decimal){100, 0};
        return;
    case CX_CES:
    case CX_LEVEL:
    case CX_METRIC_COUNT:
        break;
    }
    *lo = (cx_decimal){scale->lo, 0};
    *hi = (cx_decimal){scale->hi, 0};
}

static cx_status fail(size_t *bad, size_t index, cx_status status)
{
    if (bad != NULL)
        *bad = index;
    return status;
}

static bool id_repeats(const cx_bandset *set, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (set->band[j].id != NULL && strcmp(set->band[j].id, set->band[i].id) == 0)
            return true;
    return false;
}

/* The first problem of band i on its own or against an earlier band, or CX_OK. */
static cx_status band_problem(const cx_bandset *set, size_t i, cx_decimal lo, cx_decimal hi)
{
    const cx_band *b = &set->band[i];

    if (b->id == NULL || b->id[0] == '\0' || id_repeats(set, i))
        return CX_EBAND_ID;
    if (band_empty(b))
        return CX_EBAND_EMPTY;
    if (cx_decimal_compare(b->lo, lo) < 0 || cx_decimal_compare(b->hi, hi) > 0)
        return CX_EBAND_RANGE;
    for (size_t j = 0; j < i; j++)
        if (bands_overlap(&set->band[j], b))
            return CX_EBAND_OVERLAP;
    return CX_OK;
}

/* Sort band indices by lower end (a closed end first); bands are known not to overlap. */
static void sort_by_lo(const cx_bandset *set, size_t *order)
{
    for (size_t i = 0; i < set->count; i++) {
        size_t j = i, k = i;

        for (; j > 0; j--) {
            const cx_band *p = &set->band[order[j - 1]], *b = &set->band[k];
            int c = cx_decimal_compare(p->lo, b->lo);

            if (c < 0 || (c == 0 && (!p->lo_open || b->lo_open)))
                break;
            order[j] = order[j - 1];
        }
        order[j] = k;
    }
}

cx_status cx_bandset_check(const cx_bandset *set, cx_decimal lo, cx_decimal hi, size_t *bad)
{
    size_t order[CX_MAX_BANDS];
    cx_decimal reach = lo; /* every value below reach is covered ... */
    bool reach_held = false; /* ... and reach itself when this is true */

    if (set->count > CX_MAX_BANDS)
        return fail(bad, CX_MAX_BANDS, CX_EBAND_FULL);
    for (size_t i = 0; i < set->count; i++) {
        cx_status status = band_problem(set, i, lo, hi);

        if (status != CX_OK)
            return fail(bad, i, status);
    }

    /* In order of lower end, each band must start exactly where the previous one stopped. */
    sort_by_lo(set, order);
    for (size_t i = 0; i < set->count; i++) {
        const cx_band *b = &set->band[order[i]];

        if (cx_decimal_compare(b->lo, reach) != 0 || b->lo_open != reach_held)
            return fail(bad, order[i], CX_EBAND_GAP);
        reach = b->hi;
        reach_held = !b->hi_open;
    }
    if (cx_decimal_compare(reach, hi) != 0 || !reach_held)
        return fail(bad, set->count, CX_EBAND_GAP);
    return CX_OK;
}

const cx_band *cx_bandset_find(const cx_bandset *set, int64_t scaled, unsigned prec)
{
    cx_decimal v = {scaled, prec};

    for (size_t i = 0; i < set->count && i < CX_MAX_BANDS; i++)
        if (band_holds(&set->band[i], v))
            return &set->band[i];
    return NULL;
}
