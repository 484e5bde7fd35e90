/*
 * plan.h - what one run reads and counts: the input's shape, the metrics'
 * columns and scales, the rows records are split into (groups, periods, a
 * comparison), weights, and the follow-up list's filter.  The command line
 * fills it from its options; a merge fills its data part from the state
 * files it reads.  Everything below the command line reads a plan, never
 * the options.
 */
#ifndef CX_PLAN_H
#define CX_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxstat.h"

#define MAX_JOBS 256
#define MAX_GROUP_COLUMNS 8
#define MAX_SHOW 64
#define MAX_WHERE 8
#define MAX_WINDOW 120

/** --list: which responses the follow-up list holds. */
typedef enum list_kind {
    LIST_NONE, LIST_DETRACTORS, LIST_PASSIVES, LIST_PROMOTERS, LIST_DISSATISFIED, LIST_DIFFICULT
} list_kind;

#define MAX_WHERE_VALUES 16
#define MAX_BLANK 32

/** --where=COL=A,B or COL!=A,B: COL is (is not) one of the values. */
typedef struct where_filter {
    const char *column;
    const char *value[MAX_WHERE_VALUES];
    size_t nvalues;
    bool negate;
} where_filter;

typedef struct run_plan {
    /* the input */
    int delim;                           /* 0: detect */
    const char *encoding;                /* --encoding; NULL: UTF-8 (or a BOM's) */
    uint64_t header_row;                 /* 1-based line of the header */
    uint64_t skip;                       /* records after the header to pass over */
    bool skip_given;                     /* --skip given: no layout detection */
    bool header;
    const char *sheet;                   /* --sheet: a workbook's sheet; NULL: the first */
    unsigned jobs;                       /* -j; 0: not given (the online cores) */
    /* the metrics */
    const char *column[CX_METRIC_COUNT]; /* --nps/--csat/--ces/--level; NULL: not named */
    bool named_any;                      /* --nps, --csat or --ces given: no detection */
    bool wanted[CX_METRIC_COUNT];        /* metric must be present (named or required) */
    int csat_hi, csat_satisfied;         /* 1-csat_hi; 0: default threshold */
    int ces_hi;
    cx_ces_direction ces_direction;
    const char *labels[CX_METRIC_COUNT]; /* --labels file per metric; NULL: none */
    const char *blank[MAX_BLANK];        /* --blank tokens: answers read as blank */
    size_t nblank;
    bool strict;
    bool quiet;
    /* the rows */
    const char *group[MAX_GROUP_COLUMNS]; /* -g columns, split from the argument */
    size_t ngroup;
    const char *period;                  /* --period column, NULL: none */
    cx_every every;
    bool every_given;
    unsigned window;                     /* --window: periods per trailing row; 1: none */
    const char *date_format;             /* --date-format; NULL: the forms read by default */
    const char *compare;                 /* --compare column, NULL: none */
    const char *compare_value[2];
    const char *weight;                  /* --weight column, NULL: unweighted */
    const char *latest_by;               /* --latest-by column, NULL: every answer */
    /* the follow-up list; --where filters the report too */
    list_kind list;                      /* --list; LIST_NONE: the report */
    const char *show[MAX_SHOW];          /* --show columns; none: every column */
    size_t nshow;
    where_filter where[MAX_WHERE];
    size_t nwhere;
    bool count_rows;                     /* --list with --require: count the rows too */
} run_plan;

/** True when records are split into rows: -g, --period or --compare. */
static inline bool plan_grouped(const run_plan *p)
{
    return p->ngroup > 0 || p->period || p->compare;
}

#endif
