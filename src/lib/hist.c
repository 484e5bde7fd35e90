/* hist.c - counts answers per scale point, so groups of one scale merge by plain addition. */
#include "cxstat.h"

void cx_hist_init(cx_hist *hist)
{
    *hist = (cx_hist){0};
}

/* The bin of a score, or false when it is off the scale. */
static bool bin_of(const cx_scale *scale, int score, size_t *bin)
{
    if (score < scale->lo || score > scale->hi || score - scale->lo >= CX_MAX_BINS)
        return false;
    *bin = (size_t)(score - scale->lo);
    return true;
}

cx_status cx_hist_add(cx_hist *hist, const cx_scale *scale, int score, uint64_t n)
{
    size_t bin;

    if (!bin_of(scale, score, &bin))
        return CX_ERANGE;
    hist->count[bin] += n;
    return CX_OK;
}

cx_status cx_hist_add_text(cx_hist *hist, const cx_scale *scale, const char *text, size_t len)
{
    int score;
    cx_status status = cx_score_parse(scale, text, len, &score);

    if (status == CX_OK)
        status = cx_hist_add(hist, scale, score, 1);
    if (status == CX_BLANK)
        hist->blank++;
    else if (status != CX_OK)
        hist->invalid++;
    return status;
}

void cx_hist_merge(cx_hist *dst, const cx_hist *src)
{
    for (size_t i = 0; i < CX_MAX_BINS; i++)
        dst->count[i] += src->count[i];
    dst->blank += src->blank;
    dst->invalid += src->invalid;
}

uint64_t cx_hist_valid(const cx_hist *hist)
{
    uint64_t n = 0;

    for (size_t i = 0; i < CX_MAX_BINS; i++)
        n += hist->count[i];
    return n;
}

uint64_t cx_hist_total(const cx_hist *hist)
{
    return cx_hist_valid(hist) + hist->blank + hist->invalid;
}

bool cx_hist_fits(const cx_hist *hist, const cx_scale *scale)
{
    if (scale->hi < scale->lo || scale->hi - scale->lo >= CX_MAX_BINS)
        return false;
    /* 128 bits hold any sum of at most CX_MAX_BINS + 2 products of 64 and 32 bits */
    cx_u128 total = (cx_u128)hist->blank + hist->invalid, sum = 0;
    for (int v = scale->lo; v <= scale->hi; v++) {
        uint64_t c = hist->count[v - scale->lo];
        total += c;
        sum += (cx_u128)c * (cx_u128)(v < 0 ? -(int64_t)v : v);
    }
    return total <= INT64_MAX && sum <= INT64_MAX;
}
