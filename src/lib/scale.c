/* scale.c - the answer scales the library accepts, as one table, and how each one classifies. */
#include "cxstat.h"

/*
 * One row per allowed scale.  good_from is the default first good answer
 * (top-two-box for CSAT; for CES the first answer above the midpoint, the
 * agree direction, whose mirror image is the effort direction).  Bad answers
 * are lo..bad_to, an empty range when bad_to < lo.
 */
typedef struct scale_def {
    cx_metric metric;
    int lo, hi;
    int good_from;
    int bad_to;
} scale_def;

static const scale_def scale_defs[] = {
    {CX_NPS, 0, 10, 9, 6},
    {CX_CSAT, 1, 3, 3, 0},
    {CX_CSAT, 1, 5, 4, 0},
    {CX_CSAT, 1, 7, 6, 0},
    {CX_CSAT, 1, 10, 9, 0},
    {CX_CES, 1, 5, 4, 0},
    {CX_CES, 1, 7, 5, 0},
    {CX_CES, 1, 10, 6, 0},
    {CX_LEVEL, 1, 5, 6, 0}, /* no good answers: the level is read from the mean */
};

static const char *const metric_names[CX_METRIC_COUNT] = {
    [CX_NPS] = "nps",
    [CX_CSAT] = "csat",
    [CX_CES] = "ces",
    [CX_LEVEL] = "level",
};

const char *cx_metric_name(cx_metric metric)
{
    if ((unsigned)metric >= CX_METRIC_COUNT)
        return NULL;
    return metric_names[metric];
}

static const scale_def *find_def(cx_metric metric, int hi)
{
    for (size_t i = 0; i < sizeof scale_defs / sizeof scale_defs[0]; i++)
        if (scale_defs[i].metric == metric && scale_defs[i].hi == hi)
            return &scale_defs[i];
    return NULL;
}

static void fill(cx_scale *scale, const scale_def *def, int good_lo, int good_hi,
                 cx_ces_direction direction)
{
    scale->metric = def->metric;
    scale->lo = def->lo;
    scale->hi = def->hi;
    scale->good_lo = good_lo;
    scale->good_hi = good_hi;
    scale->bad_lo = def->lo;
    scale->bad_hi = def->bad_to;
    scale->direction = direction;
}

void cx_scale_nps(cx_scale *scale)
{
    const scale_def *def = find_def(CX_NPS, 10);

    fill(scale, def, def->good_from, def->hi, CX_CES_AGREE);
}

void cx_scale_level(cx_scale *scale)
{
    const scale_def *def = find_def(CX_LEVEL, 5);

    fill(scale, def, def->good_from, def->hi, CX_CES_AGREE);
}

cx_status cx_scale_csat(cx_scale *scale, int hi, int satisfied_from)
{
    const scale_def *def = find_def(CX_CSAT, hi);

    if (def == NULL)
        return CX_EINVAL;
    if (satisfied_from == 0)
        satisfied_from = def->good_from;
    if (satisfied_from < def->lo + 1 || satisfied_from > def->hi)
        return CX_EINVAL;
    fill(scale, def, satisfied_from, def->hi, CX_CES_AGREE);
    return CX_OK;
}

cx_status cx_scale_ces(cx_scale *scale, int hi, cx_ces_direction direction)
{
    const scale_def *def = find_def(CX_CES, hi);

    if (def == NULL)
        return CX_EINVAL;
    switch (direction) {
    case CX_CES_AGREE:
        fill(scale, def, def->good_from, def->hi, direction);
        return CX_OK;
    case CX_CES_EFFORT:
        /* The mirror image of good_from..hi about the midpoint (lo + hi) / 2. */
        fill(scale, def, def->lo, def->lo + def->hi - def->good_from, direction);
        return CX_OK;
    }
    return CX_EINVAL;
}
