/*
 * state.h - the state file (-f state): its format, and the merge of such
 * files (cxstat merge): the map and reduce steps of a survey
 * split over many processes or machines.  Merging the states of any split of
 * the inputs gives the report a single run over all of them gives, byte for
 * byte, because every figure comes from integer counts that add.
 *
 * Format (UTF-8 text, tab-separated, one record a line):
 *   cxstat-state 1
 *   scale METRIC LO HI GOOD_LO GOOD_HI BAD_LO BAD_HI DIRECTION   one per metric reported
 *   group COLUMN                                                 one per -g column
 *   period COLUMN EVERY | compare COLUMN A B | weight COLUMN     when given
 *   input NAME                                                   one per input read
 *   counts RECORDS MALFORMED WEIGHT_INVALID PERIOD_INVALID COMPARE_OTHER SKIPPED
 *   total HIST...                                                the total's histograms
 *   row RECORDS NPARTS PART... HIST...                           one per group
 *   end ROWS                                                     last: a file cut short lacks it
 * where each HIST is, per metric in scale order, BLANK INVALID and the count
 * of every scale point, then with weight the sums of weights and of their
 * squares per point (millionths, exact decimal integers).  Names and key
 * parts are escaped: '%', tab, line ends, spaces and bytes outside printable
 * ASCII are written %XX.
 */
#ifndef CX_STATE_H
#define CX_STATE_H

#include <stdio.h>

#include "plan.h"
#include "survey.h"

/** The first line of every state file. */
#define STATE_MAGIC "cxstat-state 1"

/**
 * The data options a merge takes from its state files (columns, period,
 * weight, compare), owned here so that the options can point into it.
 */
typedef struct state_config {
    char *text;          /* the configuration lines of the first state, verbatim */
    char *strings;       /* the names the options point to */
    size_t strings_len, strings_cap;
} state_config;

/**
 * Add a state file ("-": standard input, which may hold several states one
 * after another) to the survey.  The first state sets the data options in
 * *o (and cfg); every later one must have the same configuration.
 * @return EXIT_OK, or EXIT_DATA with "cxstat: FILE:LINE: ..." printed.
 */
int state_merge(survey *s, run_plan *o, state_config *cfg, const char *path);

/** Same as state_merge() on an open stream, shown in messages as name. */
int state_merge_stream(survey *s, run_plan *o, state_config *cfg, FILE *fp, const char *name);

void state_config_free(state_config *cfg);

#endif
