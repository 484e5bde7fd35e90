/* weight.c - weights as exact millionths and exact sums, so weighted groups merge like counts. */
#include <math.h>

#include "cxstat.h"
#include "scan.h"

/*
 * A bin's sum of squares stays at most 2^120.  Units are whole numbers, so a
 * weight is at most its square and a bin's sum of weights stays below the
 * limit too; then the totals over CX_MAX_BINS bins, even times a scale point
 * (at most 10), stay below 2^127 and cx_wsummarize() adds them without
 * overflow.
 */
#define BIN_LIMIT ((cx_u128)1 << 120)

/* Decimals kept: 10^WEIGHT_DECIMALS == CX_WEIGHT_SCALE. */
#define WEIGHT_DECIMALS 6

/* The integer part saturates here, so a 30-digit weight is out of range without overflow. */
#define WHOLE_CAP ((uint64_t)CX_WEIGHT_MAX + 1)

/*
 * As in cx_score_parse(), the field is first matched against the whole shape
 * - [sign] digits [(.|,) digits], with a digit on at least one side of the
 * separator - so anything else is CX_ENOTNUM; only then are the sign and the
 * range judged.
 */
cx_status cx_weight_parse(const char *text, size_t len, uint64_t *units)
{
    size_t p, end, digits = 0;
    uint64_t whole = 0, fraction = 0;
    unsigned decimals = 0;
    bool sign, round_up = false;
    cx_status st = scan_field(text, len, &p, &end);

    if (st != CX_OK)
        return st;

    sign = text[p] == '+' || text[p] == '-';
    if (sign)
        p++;
    for (; p < end && scan_digit(text[p]); p++, digits++) {
        whole = whole * 10 + (uint64_t)(text[p] - '0');
        if (whole > WHOLE_CAP)
            whole = WHOLE_CAP;
    }
    if (p < end && (text[p] == '.' || text[p] == ',')) {
        /* Half up: the rest after six decimals is at least half a unit iff it starts with 5..9. */
        for (p++; p < end && scan_digit(text[p]); p++, digits++) {
            if (decimals < WEIGHT_DECIMALS)
                fraction = fraction * 10 + (uint64_t)(text[p] - '0');
            else if (decimals == WEIGHT_DECIMALS)
                round_up = text[p] >= '5';
            decimals++;
        }
    }
    if (digits == 0 || p != end)
        return CX_ENOTNUM;
    if (sign)
        return CX_ESIGN;

    for (; decimals < WEIGHT_DECIMALS; decimals++)
        fraction *= 10;
    /* whole <= CX_WEIGHT_MAX + 1: at most about 1e15, no overflow. */
    whole = whole * CX_WEIGHT_SCALE + fraction + round_up;
    if (whole > (uint64_t)CX_WEIGHT_MAX * CX_WEIGHT_SCALE)
        return CX_ERANGE;
    *units = whole;
    return CX_OK;
}

double cx_u128_to_double(cx_u128 v)
{
    return (double)v;
}

void cx_whist_init(cx_whist *whist)
{
    *whist = (cx_whist){0};
}

/* The bin of a score, or false when it is off the scale (as in hist.c). */
static bool bin_of(const cx_scale *scale, int score, size_t *bin)
{
    if (score < scale->lo || score > scale->hi || score - scale->lo >= CX_MAX_BINS)
        return false;
    *bin = (size_t)(score - scale->lo);
    return true;
}

/* True when a + b stays within BIN_LIMIT. */
static bool fits(cx_u128 a, cx_u128 b)
{
    return a <= BIN_LIMIT && b <= BIN_LIMIT - a;
}

cx_status cx_whist_add(cx_whist *whist, const cx_scale *scale, int score, uint64_t units)
{
    cx_u128 square = (cx_u128)units * units; /* < 2^128 for any uint64 */
    size_t bin;

    if (!bin_of(scale, score, &bin))
        return CX_ERANGE;
    if (!fits(whist->w[bin], units) || !fits(whist->w2[bin], square))
        return CX_EOVERFLOW;
    whist->w[bin] += units;
    whist->w2[bin] += square;
    return CX_OK;
}

cx_status cx_whist_merge(cx_whist *dst, const cx_whist *src)
{
    /* All or nothing: check every bin before changing any. */
    for (size_t i = 0; i < CX_MAX_BINS; i++)
        if (!fits(dst->w[i], src->w[i]) || !fits(dst->w2[i], src->w2[i]))
            return CX_EOVERFLOW;
    for (size_t i = 0; i < CX_MAX_BINS; i++) {
        dst->w[i] += src->w[i];
        dst->w2[i] += src->w2[i];
    }
    return CX_OK;
}

static bool in_range(int v, int lo, int hi)
{
    return v >= lo && v <= hi;
}

/* (a - b) / den with the difference taken exactly on integers. */
static double signed_ratio(cx_u128 a, cx_u128 b, double den)
{
    return a >= b ? cx_u128_to_double(a - b) / den : -(cx_u128_to_double(b - a) / den);
}

/*
 * Weighted standard deviation with Kish's effective size in Bessel's
 * correction: sqrt(sum w (x - m)^2 / sum w * n_eff / (n_eff - 1)); summed
 * over scale points as squared distances, so there is no cancellation.
 * m is measured from scale->lo, like the bins.
 */
static double weighted_sd(const cx_whist *whist, const cx_scale *scale, double m, double w,
                          double n_eff)
{
    double ss = 0.0;

    if (!(n_eff > 1.0))
        return NAN;
    for (int v = scale->lo; v <= scale->hi && v - scale->lo < CX_MAX_BINS; v++) {
        size_t i = (size_t)(v - scale->lo);
        double d = (double)i - m;

        ss += cx_u128_to_double(whist->w[i]) * d * d;
    }
    return sqrt(ss / w * n_eff / (n_eff - 1.0));
}

void cx_wsummarize(const cx_whist *whist, const cx_scale *scale, cx_wsummary *out)
{
    /* Exact totals: good, mid, bad weights, their sum, squares, and sum w * (x - lo). */
    cx_u128 good = 0, mid = 0, bad = 0, w2 = 0, wx = 0;
    cx_wsummary s = {.good = NAN, .mid = NAN, .bad = NAN, .index = NAN, .mean = NAN, .sd = NAN};
    double w;

    for (int v = scale->lo; v <= scale->hi && v - scale->lo < CX_MAX_BINS; v++) {
        size_t i = (size_t)(v - scale->lo);

        if (in_range(v, scale->good_lo, scale->good_hi))
            good += whist->w[i];
        else if (in_range(v, scale->bad_lo, scale->bad_hi))
            bad += whist->w[i];
        else
            mid += whist->w[i];
        w2 += whist->w2[i];
        wx += whist->w[i] * i;
    }
    s.sum_units = good + mid + bad;
    w = cx_u128_to_double(s.sum_units);
    s.sum_w = w / CX_WEIGHT_SCALE;
    s.sum_w2 = cx_u128_to_double(w2) / ((double)CX_WEIGHT_SCALE * CX_WEIGHT_SCALE);
    s.defined = w > 0.0;
    if (s.defined) {
        /* Units cancel: (sum units)^2 / sum units^2 is n_eff of the weights themselves. */
        s.n_eff = w * w / cx_u128_to_double(w2);
        s.good = cx_u128_to_double(good) / w;
        s.mid = cx_u128_to_double(mid) / w;
        s.bad = cx_u128_to_double(bad) / w;
        /* CSAT and CES have no bad answers (bad == 0), so this is the good share for them. */
        s.index = signed_ratio(good, bad, w);
        s.mean = scale->lo + cx_u128_to_double(wx) / w;
        s.sd = weighted_sd(whist, scale, s.mean - scale->lo, w, s.n_eff);
    }
    *out = s;
}

size_t cx_units_format(cx_u128 units, char *buf, size_t size)
{
    char digits[48]; /* a cx_u128 has at most 39 digits, plus the point */
    size_t n = 0, len;

    /* Least significant digit first; the point after WEIGHT_DECIMALS of them. */
    for (unsigned i = 0; units != 0 || i <= WEIGHT_DECIMALS; i++) {
        if (i == WEIGHT_DECIMALS)
            digits[n++] = '.';
        digits[n++] = (char)('0' + (int)(units % 10));
        units /= 10;
    }
    len = n;
    for (size_t i = 0; size > 0 && i < len && i + 1 < size; i++)
        buf[i] = digits[len - 1 - i];
    if (size > 0)
        buf[len < size ? len : size - 1] = '\0';
    return len;
}
