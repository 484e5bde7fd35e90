/* frac.c - exact ratios and their display: every rounding decision is made on integers. */
#include <math.h>

#include "cxstat.h"

/* |num| * mul * 10^prec < 2^63 * 2^10 * 2^20: needs more than 64 bits. */
__extension__ typedef unsigned __int128 u128;

static const uint32_t powers_of_10[CX_MAX_PRECISION + 1] = {
    1, 10, 100, 1000, 10000, 100000, 1000000,
};

bool cx_frac_defined(cx_frac f)
{
    return f.den != 0;
}

double cx_frac_value(cx_frac f)
{
    if (f.den == 0)
        return NAN;
    return (double)f.num / (double)f.den;
}

static uint64_t magnitude(int64_t v)
{
    /* Without overflow for INT64_MIN. */
    return v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
}

/*
 * round(a / den) half away from zero = floor((2a + den) / 2den) on the
 * magnitude; the sign is put back afterwards, so a tie rounds away from
 * zero on both sides and a negative value that rounds to 0 is plain 0.
 */
cx_status cx_frac_round(cx_frac f, unsigned mul, unsigned prec, int64_t *scaled)
{
    u128 a, q;

    if (prec > CX_MAX_PRECISION || mul > 1000)
        return CX_EINVAL;
    if (f.den == 0)
        return CX_EUNDEFINED;
    a = (u128)magnitude(f.num) * mul * powers_of_10[prec];
    q = (2 * a + f.den) / (2 * (u128)f.den);
    if (f.num >= 0) {
        if (q > INT64_MAX)
            return CX_EINVAL;
        *scaled = (int64_t)q;
    } else {
        if (q > (u128)INT64_MAX + 1)
            return CX_EINVAL;
        *scaled = q == 0 ? 0 : -(int64_t)(q - 1) - 1;
    }
    return CX_OK;
}

/* Store byte c at position *pos of buf when it fits before the NUL; count it either way. */
static void put(char *buf, size_t size, size_t *pos, char c)
{
    if (*pos + 1 < size)
        buf[*pos] = c;
    (*pos)++;
}

size_t cx_fixed_format(int64_t scaled, unsigned prec, char *buf, size_t size)
{
    char digits[20]; /* UINT64_MAX has 20 digits; stored least significant first */
    size_t ndigits = 0, width, pos = 0;
    uint64_t m = magnitude(scaled);

    do {
        digits[ndigits++] = (char)('0' + m % 10);
        m /= 10;
    } while (m != 0);
    /* At least one digit before the point: 5 at prec 2 is "0.05". */
    width = ndigits > (size_t)prec ? ndigits : (size_t)prec + 1;

    if (scaled < 0)
        put(buf, size, &pos, '-');
    /* Stops once buf is full: prec is not bounded here, the returned length is computed. */
    for (size_t i = width; i-- > 0 && pos + 1 < size;) {
        char digit = '0';
        if (i < ndigits)
            digit = digits[i];
        put(buf, size, &pos, digit);
        if (i == prec && prec != 0)
            put(buf, size, &pos, '.');
    }
    if (size != 0)
        buf[pos < size ? pos : size - 1] = '\0';
    return (scaled < 0) + width + (prec != 0);
}
