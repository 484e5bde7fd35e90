/* summary.c - the counts and exact ratios a report shows, computed from a histogram once. */
#include "cxstat.h"

static bool in_range(int v, int lo, int hi)
{
    return v >= lo && v <= hi;
}

static cx_frac ratio(int64_t num, uint64_t den)
{
    return (cx_frac){.num = den != 0 ? num : 0, .den = den};
}

void cx_summarize(const cx_hist *hist, const cx_scale *scale, cx_summary *out)
{
    cx_summary s = {.blank = hist->blank, .invalid = hist->invalid};

    for (int v = scale->lo; v <= scale->hi && v - scale->lo < CX_MAX_BINS; v++) {
        uint64_t c = hist->count[v - scale->lo];

        if (in_range(v, scale->good_lo, scale->good_hi))
            s.good += c;
        else if (in_range(v, scale->bad_lo, scale->bad_hi))
            s.bad += c;
        else
            s.mid += c;
        s.sum += c * (uint64_t)v;
    }
    s.n = s.good + s.mid + s.bad;
    s.good_share = ratio((int64_t)s.good, s.n);
    s.mid_share = ratio((int64_t)s.mid, s.n);
    s.bad_share = ratio((int64_t)s.bad, s.n);
    /* CSAT and CES have no bad answers (bad == 0), so this is good / n for them. */
    s.index = ratio((int64_t)s.good - (int64_t)s.bad, s.n);
    s.mean = ratio((int64_t)s.sum, s.n);
    *out = s;
}
