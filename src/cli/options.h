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
#include "diag.h"
#include "plan.h"
#include "require.h"
#include "style.h"

#define MAX_REQUIRE 32

/** The command line: the run's plan, the report's style, and what main does itself. */
typedef struct options {
    run_plan plan;
    report_style style;
    const char *bands[CX_METRIC_COUNT];  /* --bands value per metric; NULL: default */
    require_check require[MAX_REQUIRE];
    size_t nrequire;
    bool merge;   /* cxstat merge: the files are state files */
    bool list_sheets; /* --list-sheets: print the sheets of each workbook, no report */
    char **files; /* borrowed from argv; "-" is stdin */
    size_t nfiles;
} options;

typedef enum opt_result { OPT_RUN, OPT_DONE, OPT_USAGE } opt_result;

/**
 * Parse argv into *o.  --help and --version print to out and give OPT_DONE;
 * a usage error prints "cxstat: ..." and a hint to err and gives OPT_USAGE.
 */
opt_result options_parse(int argc, char **argv, options *o, FILE *out, FILE *err);

#endif
