/*
 * options.h - the command line, parsed and validated into one plain struct
 * that the rest of the program reads (no option globals).
 */
#ifndef CX_OPTIONS_H
#define CX_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cxstat.h"
#include "require.h"

/* Exit statuses, documented in --help and the man page. */
enum {
    EXIT_OK = 0,
    EXIT_REQUIRE = 1, /* a --require check failed */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_DATA = 3     /* unreadable or bad input, or a write error */
};

typedef enum out_format { FMT_TEXT, FMT_CSV, FMT_TSV, FMT_JSON, FMT_STATE } out_format;
typedef enum out_lang { LANG_EN, LANG_RU } out_lang;

#define MAX_REQUIRE 32
#define MAX_JOBS 256
#define MAX_GROUP_COLUMNS 8
#define DEFAULT_PRECISION 1
#define DEFAULT_CONFIDENCE 0.95

/** --list: which responses the follow-up list holds. */
typedef enum list_kind {
    LIST_NONE, LIST_DETRACTORS, LIST_PASSIVES, LIST_PROMOTERS, LIST_DISSATISFIED, LIST_DIFFICULT
} list_kind;

#define MAX_SHOW 64
#define MAX_WHERE 8

typedef struct where_filter {
    const char *column, *value;
} where_filter;

/** Order of group rows: by key, or by a figure, largest first. */
typedef enum sort_order { SORT_KEY, SORT_N, SORT_NPS, SORT_CSAT, SORT_CES, SORT_LEVEL } sort_order;

typedef struct options {
    const char *column[CX_METRIC_COUNT]; /* --nps/--csat/--ces/--level; NULL: not named */
    bool named_any;                      /* --nps, --csat or --ces given: no detection */
    bool wanted[CX_METRIC_COUNT];        /* metric must be present (named or required) */
    int delim;                           /* 0: detect */
    const char *encoding;                /* --encoding; NULL: UTF-8 (or a BOM's) */
    uint64_t header_row;                 /* 1-based line of the header */
    uint64_t skip;                       /* records after the header to pass over */
    bool skip_given;                     /* --skip given: no layout detection */
    bool header;
    int csat_hi, csat_satisfied;         /* 1-csat_hi; 0: default threshold */
    int ces_hi;
    cx_ces_direction ces_direction;
    const char *bands[CX_METRIC_COUNT];  /* --bands value per metric; NULL: default */
    const char *labels[CX_METRIC_COUNT]; /* --labels file per metric; NULL: none */
    out_format format;
    unsigned precision;
    out_lang lang;
    bool strict;
    bool quiet;
    unsigned jobs;                       /* -j; 0: not given (the online cores) */
    require_check require[MAX_REQUIRE];
    size_t nrequire;
    const char *group[MAX_GROUP_COLUMNS]; /* -g columns, split from the argument */
    size_t ngroup;
    sort_order sort;
    uint64_t min_n;                      /* hide groups with fewer records */
    const char *period;                  /* --period column, NULL: none */
    cx_every every;
    bool every_given;
    const char *compare;                 /* --compare column, NULL: none */
    const char *compare_value[2];
    const char *weight;                  /* --weight column, NULL: unweighted */
    uint64_t population;                 /* 0: not given */
    list_kind list;                      /* --list; LIST_NONE: the report */
    const char *show[MAX_SHOW];          /* --show columns; none: every column */
    size_t nshow;
    where_filter where[MAX_WHERE];
    size_t nwhere;
    double confidence;
    bool merge;   /* cxstat merge: the files are state files */
    char **files; /* borrowed from argv; "-" is stdin */
    size_t nfiles;
} options;

typedef enum opt_result { OPT_RUN, OPT_DONE, OPT_USAGE } opt_result;

/** True when records are split into rows: -g, --period or --compare. */
bool options_grouped(const options *o);

/**
 * Parse argv into *o.  --help and --version print to out and give OPT_DONE;
 * a usage error prints "cxstat: ..." and a hint to err and gives OPT_USAGE.
 */
opt_result options_parse(int argc, char **argv, options *o, FILE *out, FILE *err);

#endif
