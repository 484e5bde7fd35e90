/*
 * require.h - "--require 'nps>=30'" checks: parsed from text, then decided
 * on the value a report shows.
 */
#ifndef CX_REQUIRE_H
#define CX_REQUIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxstat.h"
#include "metrics.h"

typedef enum require_op { OP_GE, OP_GT, OP_LE, OP_LT, OP_EQ } require_op;

typedef struct require_check {
    const char *text; /* as given, for messages (borrowed) */
    cx_metric metric;
    figure_kind fig;
    require_op op;
    cx_decimal bound;
} require_check;

/**
 * Parse "METRIC OP NUMBER" (spaces allowed around each part): METRIC one of
 * nps, csat, csat_mean, ces, ces_low_effort; OP one of >= > <= < ==.
 * @return true on success.
 */
bool require_parse(const char *text, require_check *check);

/**
 * Decide a check on a displayed value scaled / 10^prec.  An undefined value
 * (no answers) never satisfies a check.
 */
bool require_holds(const require_check *check, bool defined, int64_t scaled, unsigned prec);

#endif
