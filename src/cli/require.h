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

/** What of the figure a check reads: the value, a bound, its change, a test. */
typedef enum require_field {
    RF_VALUE, RF_CI_LOW, RF_CI_HIGH, RF_MOE, RF_N,
    RF_CHANGE, RF_CHANGE_CI_LOW, RF_CHANGE_CI_HIGH,
    RF_SIG_DROP, RF_SIG_RISE, RF_SIG_CHANGE /* flags: no operator, no number */
} require_field;

/** The rows a check is tested on. */
typedef enum require_scope {
    SCOPE_ALL,   /* the total and every row shown */
    SCOPE_TOTAL, /* "total:" the total only */
    SCOPE_LAST   /* "last:" the rows of the last period only (needs --period) */
} require_scope;

typedef struct require_check {
    const char *text; /* as given, for messages (borrowed) */
    cx_metric metric;
    figure_kind fig;
    require_field field;
    require_scope scope;
    bool negate;      /* "!flag": holds when the flag is false */
    require_op op;
    cx_decimal bound;
} require_check;

/**
 * Parse "[SCOPE:]METRIC[.FIELD] OP NUMBER" or "[SCOPE:][!]METRIC.FLAG"
 * (names case-insensitive, spaces allowed around each part).  METRIC one of
 * nps, csat, csat_mean, ces, ces_low_effort, level; FIELD ci_low, ci_high,
 * moe, n, change, change_ci_low, change_ci_high; FLAG significant_drop,
 * significant_rise, significant_change; SCOPE total or last; OP >= > <= < ==.
 * A change is only of a lead figure (nps, csat, ces, level) and never of the
 * total; a check on a change without a scope reads the last period.
 * @return true on success.
 */
bool require_parse(const char *text, require_check *check);

/** True when the check reads a period's change (and so needs --period). */
bool require_reads_change(const require_check *check);

/** What a check reads, "nps.ci_low", into buf.  @return buf. */
const char *require_field_name(const require_check *check, char *buf, size_t size);

/**
 * Decide a check on a displayed value scaled / 10^prec.  An undefined value
 * (no answers) never satisfies a check.
 */
bool require_holds(const require_check *check, bool defined, int64_t scaled, unsigned prec);

/** Decide a flag check; an undefined flag (no test) never satisfies it. */
bool require_flag_holds(const require_check *check, bool defined, bool flag);

#endif
