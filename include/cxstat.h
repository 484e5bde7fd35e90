/*
 * cxstat.h - the cxstat scoring library: exact, mergeable score histograms for
 * NPS, CSAT and CES survey answers, the indices computed from them, and the
 * interpretation bands that give those indices a meaning.
 *
 * The library is pure: it performs no I/O, keeps no global state and never
 * allocates.  Every object is a plain value type that the caller owns and may
 * place on the stack, in an array or in a hash table; strings passed in are
 * borrowed (the caller keeps them alive as long as the object that points to
 * them).  Functions report failure by returning a cx_status; cx_strerror()
 * turns one into a message.
 *
 * The central object is the histogram (cx_hist): for one metric and one group
 * of respondents it counts how many valid answers took each point of the
 * scale, plus the blank and invalid ones.  Histograms of the same scale merge
 * by addition, so a segment, a period, a chunk of a file read in parallel and
 * a state file written by another process all combine exactly.  Every index is
 * a ratio of integers taken from a histogram (cx_frac) and is rounded for
 * display exactly, half away from zero (cx_frac_round).
 */
#ifndef CXSTAT_H
#define CXSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CX_VERSION "1.0.0"

/** Widest scale the library handles: 11 points (NPS 0-10). */
#define CX_MAX_BINS 11
/** Most decimals cx_frac_round() accepts. */
#define CX_MAX_PRECISION 6
/** Most bands in one set. */
#define CX_MAX_BANDS 16

/** Result of every fallible function; see cx_strerror(). */
typedef enum cx_status {
    CX_OK = 0,
    CX_BLANK,           /* score: the field is empty or only white space */
    CX_ENOTNUM,         /* score: not a number */
    CX_ESIGN,           /* score: a number with a leading sign */
    CX_EFRACTION,       /* score: a number with a non-zero fractional part */
    CX_ERANGE,          /* score: a whole number outside the scale */
    CX_EUNDEFINED,      /* a value of zero answers */
    CX_EINVAL,          /* an argument outside its documented range */
    CX_EINTERVAL,       /* band: the interval is not [a,b], [a,b), (a,b] or (a,b) */
    CX_EBAND_EMPTY,     /* band: the interval holds no value (a > b, or a = b not closed) */
    CX_EBAND_RANGE,     /* band: the interval leaves the metric's range */
    CX_EBAND_OVERLAP,   /* band: the interval overlaps another band */
    CX_EBAND_GAP,       /* band: a value of the range lies in no band */
    CX_EBAND_ID,        /* band: the id is empty or repeats an earlier band's id */
    CX_EBAND_FULL,      /* band: more than CX_MAX_BANDS bands */
    CX_STATUS_COUNT
} cx_status;

/**
 * Describe a status in a short English phrase (no trailing period).
 * @return a static string; "unknown status" for a value out of range.
 */
const char *cx_strerror(cx_status status);

/** The metrics the library scores. */
typedef enum cx_metric { CX_NPS = 0, CX_CSAT, CX_CES, CX_METRIC_COUNT } cx_metric;

/**
 * Name of a metric as used in options, report keys and band files: "nps",
 * "csat", "ces".  @return a static string, or NULL for a value out of range.
 */
const char *cx_metric_name(cx_metric metric);

/** Direction of a CES scale. */
typedef enum cx_ces_direction {
    CX_CES_AGREE = 0, /* "it was easy": a high answer means little effort */
    CX_CES_EFFORT     /* "how much effort": a low answer means little effort */
} cx_ces_direction;

/**
 * A metric's answer scale and how its answers are classified.  Answers are
 * whole numbers lo..hi.  "Good" answers are the promoters (NPS), the satisfied
 * (CSAT) or the low-effort answers (CES); "bad" answers are the detractors
 * (NPS only: other metrics have bad_lo > bad_hi, an empty range).  Build one
 * with cx_scale_nps(), cx_scale_csat() or cx_scale_ces(); do not fill it by
 * hand.
 */
typedef struct cx_scale {
    cx_metric metric;
    int lo, hi;           /* inclusive; hi - lo < CX_MAX_BINS */
    int good_lo, good_hi; /* inclusive range of good answers */
    int bad_lo, bad_hi;   /* inclusive range of bad answers; empty if bad_lo > bad_hi */
    cx_ces_direction direction; /* CES only */
} cx_scale;

/** The NPS scale: 0-10, promoters 9-10, detractors 0-6. */
void cx_scale_nps(cx_scale *scale);

/**
 * A CSAT scale 1-hi, hi one of 3, 5, 7, 10.  Satisfied answers are those >=
 * satisfied_from; 0 picks the default top-two-box threshold (1-3: 3,
 * 1-5: 4, 1-7: 6, 1-10: 9).
 * @return CX_OK, or CX_EINVAL for another scale or a threshold outside lo+1..hi.
 */
cx_status cx_scale_csat(cx_scale *scale, int hi, int satisfied_from);

/**
 * A CES scale 1-hi, hi one of 5, 7, 10.  Low-effort answers are those
 * strictly on the easy side of the midpoint (lo+hi)/2: above it for
 * CX_CES_AGREE, below it for CX_CES_EFFORT.
 * @return CX_OK, or CX_EINVAL for another scale or direction.
 */
cx_status cx_scale_ces(cx_scale *scale, int hi, cx_ces_direction direction);

/**
 * Read one answer as survey exports write it.  Accepted: a whole number,
 * optionally surrounded by spaces or tabs, optionally followed by a decimal
 * part of zeros (".0", ",00"), optionally followed by a label that starts
 * with a space, '-', '(' or ':' and contains no digit ("9 - Very likely",
 * "5 (Very satisfied)").  Leading zeros are allowed.  The text need not be
 * NUL-terminated and may contain NUL bytes.
 * @param text  the field, len bytes (text may be NULL when len is 0)
 * @param score receives the answer on success; untouched otherwise
 * @return CX_OK; CX_BLANK for an empty or all-space field; CX_ESIGN,
 *         CX_EFRACTION, CX_ERANGE or CX_ENOTNUM for an invalid answer.
 */
cx_status cx_score_parse(const cx_scale *scale, const char *text, size_t len, int *score);

/**
 * Counts of one metric's answers in one group: count[i] valid answers equal
 * to scale->lo + i, plus blank and invalid fields.  All zero is empty; the
 * histogram does not remember its scale, the caller does.
 */
typedef struct cx_hist {
    uint64_t count[CX_MAX_BINS];
    uint64_t blank;
    uint64_t invalid;
} cx_hist;

/** Make a histogram empty. */
void cx_hist_init(cx_hist *hist);

/**
 * Parse one field with cx_score_parse() and count it as valid, blank or
 * invalid.  @return the parse status (CX_OK, CX_BLANK or an invalid reason);
 * the field is counted whatever it returns.
 */
cx_status cx_hist_add_text(cx_hist *hist, const cx_scale *scale, const char *text, size_t len);

/**
 * Count n valid answers of value score.
 * @return CX_OK, or CX_ERANGE (nothing counted) if score is off the scale.
 */
cx_status cx_hist_add(cx_hist *hist, const cx_scale *scale, int score, uint64_t n);

/** Add every count of src to dst.  Both must be of the same scale. */
void cx_hist_merge(cx_hist *dst, const cx_hist *src);

/** Number of valid answers. */
uint64_t cx_hist_valid(const cx_hist *hist);

/** Number of fields counted: valid + blank + invalid. */
uint64_t cx_hist_total(const cx_hist *hist);

/** An exact ratio num/den; den == 0 means "no value". */
typedef struct cx_frac {
    int64_t num;
    uint64_t den;
} cx_frac;

/** True when the ratio has a value (den != 0). */
bool cx_frac_defined(cx_frac f);

/** The ratio as a double; NaN when undefined (for statistics, not display). */
double cx_frac_value(cx_frac f);

/**
 * Round mul * num/den to prec decimals, half away from zero, exactly (integer
 * arithmetic).  *scaled receives the rounded value times 10^prec: 71.4 at
 * prec 1 is 714.  mul is 100 for percentages and indices, 1 for means.
 * @return CX_OK; CX_EUNDEFINED if den == 0; CX_EINVAL if prec >
 *         CX_MAX_PRECISION or mul > 1000.
 */
cx_status cx_frac_round(cx_frac f, unsigned mul, unsigned prec, int64_t *scaled);

/**
 * Write a scaled value as a decimal with prec decimals ("71.4", "-15.0";
 * zero is never written "-0.0").  Writes at most size bytes including the
 * NUL, like snprintf.  @return the length the full text has.
 */
size_t cx_fixed_format(int64_t scaled, unsigned prec, char *buf, size_t size);

/**
 * Everything a report shows of one histogram, as exact integers and ratios.
 * n = good + mid + bad.  For NPS good/mid/bad are promoters/passives/
 * detractors; for CSAT satisfied/others/0; for CES low-effort/others/0.
 */
typedef struct cx_summary {
    uint64_t n, blank, invalid;
    uint64_t good, mid, bad;
    uint64_t sum;        /* sum of the valid answers */
    cx_frac good_share;  /* good / n (promoters, satisfied, low effort) */
    cx_frac mid_share;   /* mid / n */
    cx_frac bad_share;   /* bad / n */
    cx_frac index;       /* NPS: (good - bad) / n; CSAT and CES: good / n */
    cx_frac mean;        /* sum / n */
} cx_summary;

/** Summarize a histogram of the given scale.  Ratios are undefined when n == 0. */
void cx_summarize(const cx_hist *hist, const cx_scale *scale, cx_summary *out);

/** A decimal number mant / 10^exp, as written in a band file. */
typedef struct cx_decimal {
    int64_t mant;
    unsigned exp;
} cx_decimal;

/** One band: an interval of index values and its id and labels (borrowed). */
typedef struct cx_band {
    cx_decimal lo, hi;
    bool lo_open, hi_open;
    const char *id;
    const char *label_en;
    const char *label_ru;
} cx_band;

/**
 * A band set: bands that tile the range of the value they interpret (NPS
 * -100..100, CSAT % 0..100, CES mean lo..hi of its scale) with no gap and no
 * overlap, in any order.  Strings are borrowed.
 */
typedef struct cx_bandset {
    const char *name;
    cx_metric metric;
    size_t count;
    cx_band band[CX_MAX_BANDS];
} cx_bandset;

/**
 * Parse an interval "[a,b]", "[a,b)", "(a,b]" or "(a,b)" (spaces allowed
 * around the numbers; a and b decimal numbers with at most 6 decimals and an
 * optional '-') into band->lo, hi, lo_open, hi_open.
 * @return CX_OK or CX_EINTERVAL.
 */
cx_status cx_interval_parse(const char *text, size_t len, cx_band *band);

/**
 * Append a band to a set (the interval parsed from text, strings borrowed).
 * @return CX_OK, CX_EINTERVAL, CX_EBAND_EMPTY, or CX_EBAND_FULL.
 */
cx_status cx_bandset_add(cx_bandset *set, const char *interval, size_t len, const char *id,
                         const char *label_en, const char *label_ru);

/**
 * The range a band set for this scale must cover: -100..100 for NPS,
 * 0..100 for CSAT, lo..hi of the scale for CES.
 */
void cx_band_range(const cx_scale *scale, cx_decimal *lo, cx_decimal *hi);

/**
 * Check that a set tiles [lo, hi] exactly.
 * @param bad receives the index (in set order) of the offending band, or
 *            set->count for a set with no bands or a gap at the top.
 * @return CX_OK, CX_EBAND_RANGE, CX_EBAND_OVERLAP, CX_EBAND_GAP or CX_EBAND_ID.
 */
cx_status cx_bandset_check(const cx_bandset *set, cx_decimal lo, cx_decimal hi, size_t *bad);

/**
 * The band holding a displayed value scaled / 10^prec (as cx_frac_round()
 * gives it), so that the band always agrees with the number shown.
 * @return the band, or NULL if none holds it (never for a checked set and a
 *         value in its range).
 */
const cx_band *cx_bandset_find(const cx_bandset *set, int64_t scaled, unsigned prec);

/**
 * A built-in band set by name: "nps" (default for NPS), "nps-market", "csat"
 * (default for CSAT).  @return a static set, or NULL for an unknown name.
 */
const cx_bandset *cx_bandset_builtin(const char *name);

/** The i-th built-in set (for listing), or NULL past the last. */
const cx_bandset *cx_bandset_builtin_at(size_t i);

/** The default built-in set of a metric, or NULL (CES has none). */
const cx_bandset *cx_bandset_default(cx_metric metric);

#ifdef __cplusplus
}
#endif

#endif /* CXSTAT_H */
