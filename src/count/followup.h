/*
 * followup.h - the follow-up list (--list): the responses to act on, worst
 * first.  Matching rows are spilled to one temporary file per score, so
 * memory stays flat however many rows match; the files are read back in
 * order of score when the list is written.
 */
#ifndef CX_FOLLOWUP_H
#define CX_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cxstat.h"
#include "plan.h"
#include "reader.h"

typedef struct followup {
    FILE *bucket[CX_MAX_BINS]; /* by rank: 0 is written first */
    char **names;              /* column names, as the first input spells them */
    char **keys;               /* the names made unique: headers and JSON keys */
    size_t ncols;
    uint64_t rows;
} followup;

/**
 * The rank of an answer in a list (0 first), or -1 when the answer is not in
 * it: detractors 0-6, passives 7-8, promoters 9-10 (NPS); dissatisfied,
 * below the satisfied threshold (CSAT); difficult, strictly on the hard side
 * of the scale's midpoint (CES).  Lower answers rank first, except on an
 * effort CES scale, where higher answers are the harder ones.
 */
int followup_rank(const cx_scale *scale, list_kind kind, int score);

/** Start a list with these output column names (copied). */
bool followup_init(followup *f, const char *const *names, size_t ncols);

/**
 * Make column names unique for use as keys: the k-th column of a name
 * (compared as columns are found) becomes "name[k]".  keys[i] are allocated.
 * @return false without memory.
 */
bool followup_unique_keys(char *const *names, char **keys, size_t n);

/** Add a row of ncols cells at a rank.  @return false on a write error (errno set). */
bool followup_add(followup *f, int rank, const reader_field *cells);

/** Called with each row's ncols cells (valid during the call only). */
typedef void followup_row_fn(void *ctx, const reader_field *cells);

/** Read the rows back, worst first.  @return false on a read error. */
bool followup_each(followup *f, followup_row_fn *row, void *ctx);

void followup_free(followup *f);

#endif
