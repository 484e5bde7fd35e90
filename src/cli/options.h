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

typedef enum out_format { FMT_TEXT, FMT_CSV, FMT_TSV, FMT_JSON } out_format;
typedef enum out_lang { LANG_EN, LANG_RU } out_lang;

#define MAX_REQUIRE 32
#define MAX_GROUP_COLUMNS 8
#define DEFAULT_PRECISION 1
#define DEFAULT_CONFIDENCE 0.95

/** Order of group rows: by key, or by a figure, largest first. */
typedef enum sort_order { SORT_KEY, SORT_N, SORT_NPS, SORT_CSAT, SORT_CES, SORT_LEVEL } sort_order;

typedef struct options {
    const char *column[CX_METRIC_COUNT]; /* --nps/--csat/--ces/--level; NULL: not named */
    bool named_any;                      /* --nps, --csat or --ces given: no detection */
    bool wanted[CX_METRIC_COUNT];        /* metric must be present (named or required) */
    int delim;                           /* 0: detect */
    bool header;
    int csat_hi, csat_satisfied;         /* 1-csat_hi; 0: default threshold */
    int ces_hi;
    cx_ces_direction ces_direction;
    const char *bands[CX_METRIC_COUNT];  /* --bands value per metric; NULL: default */
    out_format format;
    unsigned precision;
    out_lang lang;
    bool strict;
    bool quiet;
    require_check require[MAX_REQUIRE];
    size_t nrequire;
    const char *group[MAX_GROUP_COLUMNS]; /* -g columns, split from the argument */
    size_t ngroup;
    sort_order sort;
    uint64_t min_n;                      /* hide groups with fewer records */
    const char *period;                  /* --period column, NULL: none */
    cx_every every;
    const char *compare;                 /* --compare column, NULL: none */
    const char *compare_value[2];
    const char *weight;                  /* --weight column, NULL: unweighted */
    uint64_t population;                 /* 0: not given */
    double confidence;
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
