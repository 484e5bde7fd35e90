/* metrics.c - the table of metrics. */
#include "metrics.h"

#include <string.h>
#include <strings.h>

#include "text.h"

/* In cx_metric order. */
static const metric_def metrics[CX_METRIC_COUNT] = {
    {
        .metric = CX_NPS, .name = "nps", .detected = true, .title = MSG_NPS_TITLE,
        .lead = FIG_INDEX, .lead_head = MSG_INDEX_NPS, .band_head = MSG_BAND,
        .figure = {"nps", NULL}, .interval = IV_NPS, .index_row = MSG_INDEX_NPS,
        .index_keys = {"nps", "nps_ci_low", "nps_ci_high", "nps_moe"},
        .bucket = {{MSG_PROMOTERS, "promoters", "promoters_pct"},
                   {MSG_PASSIVES, "passives", "passives_pct"},
                   {MSG_DETRACTORS, "detractors", "detractors_pct"}},
        .lists = {LIST_DETRACTORS, LIST_PASSIVES, LIST_PROMOTERS},
    },
    {
        .metric = CX_CSAT, .name = "csat", .detected = true, .title = MSG_CSAT_TITLE,
        .lead = FIG_INDEX, .lead_head = MSG_INDEX_CSAT, .band_head = MSG_BAND,
        .figure = {"csat", "csat_mean"}, .interval = IV_WILSON, .index_row = MSG_INDEX_CSAT,
        .index_keys = {"csat", "csat_ci_low", "csat_ci_high", "csat_moe"},
        .bucket = {{MSG_SATISFIED, "satisfied", NULL}, {MSG_COUNT, NULL, NULL},
                   {MSG_COUNT, NULL, NULL}},
        .lists = {LIST_DISSATISFIED, LIST_NONE, LIST_NONE},
    },
    {
        .metric = CX_CES, .name = "ces", .detected = true, .directed = true, .title = MSG_CES_TITLE,
        .lead = FIG_MEAN, .lead_head = MSG_CES_MEAN, .band_head = MSG_BAND,
        .figure = {"ces_low_effort", "ces"}, .interval = IV_WILSON,
        .index_row = MSG_LOW_EFFORT_PCT,
        .index_keys = {"low_effort_pct", "low_effort_pct_ci_low", "low_effort_pct_ci_high",
                       "low_effort_pct_moe"},
        .bucket = {{MSG_LOW_EFFORT, "low_effort", NULL}, {MSG_COUNT, NULL, NULL},
                   {MSG_COUNT, NULL, NULL}},
        .lists = {LIST_DIFFICULT, LIST_NONE, LIST_NONE},
    },
    {
        /* a rating, never found by its name: "level" is too common a header */
        .metric = CX_LEVEL, .name = "level", .detected = false, .title = MSG_LEVEL_TITLE,
        .lead = FIG_MEAN, .lead_head = MSG_MEAN, .band_head = MSG_LEVEL,
        .figure = {NULL, "level"}, .interval = IV_NONE, .index_row = MSG_COUNT,
        .bucket = {{MSG_COUNT, NULL, NULL}, {MSG_COUNT, NULL, NULL}, {MSG_COUNT, NULL, NULL}},
        .lists = {LIST_NONE, LIST_NONE, LIST_NONE},
    },
};

const metric_def *metric_def_of(cx_metric m)
{
    return &metrics[m];
}

const metric_def *metric_named(const char *name, size_t len)
{
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (text_name_equal(name, len, metrics[m].name))
            return &metrics[m];
    return NULL;
}

cx_metric metric_of_list(list_kind kind)
{
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        for (size_t i = 0; i < 3; i++)
            if (kind != LIST_NONE && metrics[m].lists[i] == kind)
                return (cx_metric)m;
    return CX_NPS;
}

bool metric_figure_named(const char *name, size_t len, cx_metric *m, figure_kind *fig)
{
    for (int i = 0; i < CX_METRIC_COUNT; i++)
        for (int f = FIG_INDEX; f <= FIG_MEAN; f++)
            if (metrics[i].figure[f] && strlen(metrics[i].figure[f]) == len &&
                strncasecmp(metrics[i].figure[f], name, len) == 0) {
                *m = (cx_metric)i;
                *fig = (figure_kind)f;
                return true;
            }
    return false;
}

cx_status metric_plan_scale(cx_metric m, const run_plan *p, cx_scale *out)
{
    if (m == CX_CES)
        return metric_scale(m, p->ces_hi, 0, p->ces_direction, out);
    return metric_scale(m, p->csat_hi, p->csat_satisfied, p->ces_direction, out);
}

cx_status metric_scale(cx_metric m, int hi, int satisfied, cx_ces_direction dir, cx_scale *out)
{
    switch (m) {
    case CX_NPS: cx_scale_nps(out); return CX_OK;
    case CX_CSAT: return cx_scale_csat(out, hi, satisfied);
    case CX_CES: return cx_scale_ces(out, hi, dir);
    default: cx_scale_level(out); return CX_OK; /* CX_LEVEL */
    }
}
