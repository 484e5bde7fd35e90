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

/*
 * The version, in semantic versioning: a release that changes PATCH only
 * fixes bugs; one that changes MINOR adds to the API and keeps every stable
 * name working; only a new MAJOR may change or remove a stable name.
 *
 * STABLE PART: everything from here to the "end of the stable part" marker
 * below (versions, status codes, metrics, scales, score parsing, histograms,
 * exact fractions, summaries, decimals and bands).  Stable means source
 * compatibility: names, signatures, enum values and documented meanings.
 * The library is static, so struct sizes may grow in a minor release
 * (rebuild against the new header).  The statistics and weights sections
 * after the marker are provisional: a minor release may still change them,
 * and says so in its notes.
 */
#define CX_VERSION_MAJOR 1
#define CX_VERSION_MINOR 1
#define CX_VERSION_PATCH 0
#define CX_STR_(x) #x
#define CX_STR(x) CX_STR_(x)
/** "MAJOR.MINOR.PATCH" of this header. */
#define CX_VERSION CX_STR(CX_VERSION_MAJOR) "." CX_STR(CX_VERSION_MINOR) "." CX_STR(CX_VERSION_PATCH)
/** The version as one number, MAJOR * 10000 + MINOR * 100 + PATCH, for #if tests. */
#define CX_VERSION_NUMBER (CX_VERSION_MAJOR * 10000 + CX_VERSION_MINOR * 100 + CX_VERSION_PATCH)

/**
 * The version of the library linked in, "MAJOR.MINOR.PATCH": it may differ
 * from CX_VERSION, the header's, when a program is built against one release
 * and linked with another.
 */
const char *cx_version(void);

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
    CX_EDATE,           /* date: not a date in an accepted form, or an impossible one */
    CX_EOVERFLOW,       /* weights: a sum would leave the range it is kept exactly in */
    CX_STATUS_COUNT
} cx_status;

/**
 * Describe a status in a short English phrase (no trailing period).
 * @return a static string; "unknown status" for a value out of range.
 */
const char *cx_strerror(cx_status status);

/**
 * The metrics the library scores.  CX_LEVEL is an employee's customer-
 * orientation rating 1-5, whose mean maps to one of five competency levels.
 */
typedef enum cx_metric { CX_NPS = 0, CX_CSAT, CX_CES, CX_LEVEL, CX_METRIC_COUNT } cx_metric;

/**
 * Name of a metric as used in options, report keys and band files: "nps",
 * "csat", "ces", "level".  @return a static string, or NULL for a value out of range.
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

/** The employee-level rating scale: 1-5, no good or bad answers (its figure is the mean). */
void cx_scale_level(cx_scale *scale);

/**
 * Read one answer as survey exports write it.  Accepted: a whole number,
 * optionally surrounded by spaces or tabs, optionally followed by a decimal
 * part of zeros (".0", ",00"), optionally followed by a label that starts
 * with a space, '-', '(' or ':' and contains no digit ("9 - Very likely",
 * "5 (Very satisfied)"), or a label that ends with its number: a label with
 * no digit, a space, '-', '(' or ':', and a whole number, optionally closed
 * by ')' ("Extremely likely - 10", "Very satisfied (5)").  Leading zeros are
 * allowed.  The text need not be
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

/**
 * Whether every figure of hist is computed without overflow: the count of
 * fields counted (valid + blank + invalid) and the sum of count x score over
 * the scale both stay at or below INT64_MAX, the range cx_summarize()'s exact
 * ratios keep.  Counting records can never get there; merged counts can.
 */
bool cx_hist_fits(const cx_hist *hist, const cx_scale *scale);

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
 *         CX_MAX_PRECISION, mul > 1000, or the result does not fit int64.
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

/**
 * Parse a decimal number: an optional '-', digits, optionally '.' and 1 to
 * CX_MAX_PRECISION digits; no spaces, no exponent; the mantissa fits int64.
 * @return CX_OK or CX_EINVAL.
 */
cx_status cx_decimal_parse(const char *text, size_t len, cx_decimal *out);

/** Compare two decimals exactly.  @return -1, 0 or 1 as a is below, equal to or above b. */
int cx_decimal_compare(cx_decimal a, cx_decimal b);

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
 * overlap, in any order (level: the mean 1..5).  Strings are borrowed.
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
 * 0..100 for CSAT, lo..hi of the scale for CES and level (their means).
 */
void cx_band_range(const cx_scale *scale, cx_decimal *lo, cx_decimal *hi);

/**
 * Check that a set tiles [lo, hi] exactly.
 * @param bad receives the index (in set order) of the offending band, or
 *            set->count for a set with no bands or a gap at the top.
 * @return CX_OK, CX_EBAND_RANGE, CX_EBAND_OVERLAP, CX_EBAND_GAP, CX_EBAND_ID,
 *         CX_EBAND_EMPTY (a band holds no value) or CX_EBAND_FULL (count too big).
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
 * (default for CSAT), "level" (default for level).  @return a static set, or NULL for an unknown name.
 */
const cx_bandset *cx_bandset_builtin(const char *name);

/** The i-th built-in set (for listing), or NULL past the last. */
const cx_bandset *cx_bandset_builtin_at(size_t i);

/** The default built-in set of a metric, or NULL (CES has none). */
const cx_bandset *cx_bandset_default(cx_metric metric);

/* ---- end of the stable part (see CX_VERSION_MAJOR) ----------------------- */

/* ---- Statistics: how precise a sample figure is -------------------------- */
/* Provisional: may change in a minor release. */

/*
 * The interval estimates and tests that doc/METHODS.md states, with their
 * published sources and worked examples.  Shares and NPS
 * are on the 0..1 scale (NPS -1..1), means on the scale of the answers; a
 * report multiplies by 100 itself.  Counts are doubles so that a weighted
 * sample can pass effective counts: with weighted shares p_w and Kish's n_eff
 * (cx_kish_neff()), pass p_w * n_eff for each count.  Unweighted callers pass
 * whole numbers.
 *
 * confidence is a two-sided level, 0 < confidence < 1 (0.95 for 95%).  fpc is
 * the finite-population factor (cx_fpc()) that multiplies every standard
 * error: 1 for no correction, 0 for a census, which has no interval.  In a
 * difference each sample's factor applies to its own variance term.
 *
 * Distribution functions return NaN for an argument outside their domain.
 */

/**
 * Standard normal quantile: the z with P(Z <= z) = p.  Wichura's algorithm
 * AS 241 (PPND16), relative error about 1e-16.
 * @return z; -INFINITY for p = 0, INFINITY for p = 1, NaN for p outside
 *         [0, 1] or NaN.
 */
double cx_norm_quantile(double p);

/**
 * Standard normal distribution function P(Z <= x), from erfc: full relative
 * precision in the lower tail.  @return the probability; NaN for NaN.
 */
double cx_norm_cdf(double x);

/**
 * Student's t distribution function P(T <= t) with df > 0 degrees of freedom
 * (fractional allowed; INFINITY gives the normal one), from the regularized
 * incomplete beta function, or Fisher's series in 1/df when df is large.
 * Relative error below 1e-12, also far in the lower tail.
 * @return the probability; NaN if df <= 0 or an argument is NaN.
 */
double cx_t_cdf(double t, double df);

/**
 * Student's t quantile: the t with cx_t_cdf(t, df) = p, df > 0 fractional
 * (INFINITY gives the normal one), relative error below 1e-12.
 * @return t; -INFINITY for p = 0, INFINITY for p = 1; NaN for p outside
 *         [0, 1], df <= 0 or NaN.
 */
double cx_t_quantile(double p, double df);

/**
 * Two-sided normal critical value of a confidence level: the z with
 * P(|Z| <= z) = confidence (1.959963985 for 0.95).
 * @return CX_OK, or CX_EINVAL (z untouched) unless 0 < confidence < 1.
 */
cx_status cx_confidence_z(double confidence, double *z);

/**
 * Kish's effective sample size of a weighted sample, (sum w)^2 / sum w^2
 * (Kish 1965).  Scaling all weights leaves it unchanged.
 * @return n_eff; 0 when sum_w2 is 0 (no weight); NaN if an argument is
 *         negative or NaN.
 */
double cx_kish_neff(double sum_w, double sum_w2);

/**
 * Finite-population factor sqrt((N - n)/(N - 1)) for n respondents from a
 * population of N.
 * @return the factor in [0, 1]: 0 when n >= N (a census), 1 when n <= 1;
 *         NaN if an argument is negative or NaN.
 */
double cx_fpc(double n, double population);

/**
 * An interval estimate.  When defined is false there is no interval: lo, hi,
 * moe and center are NaN (est may still hold the point estimate).
 */
typedef struct cx_interval {
    bool defined;
    double est;    /* the point estimate shown: NPS, share k/n or mean */
    double center; /* the centre the interval is built on: the adjusted NPS',
                      the Wilson centre, the mean */
    double lo, hi; /* bounds, each clipped to the range of the value */
    double moe;    /* margin of error: the half-width before clipping */
} cx_interval;

/** A comparison of two samples, sample 1 minus sample 2. */
typedef struct cx_diff {
    bool defined;     /* false: no interval and no test; all but shown are NaN */
    bool significant; /* the interval excludes 0 */
    double shown;     /* the difference of the shown estimates */
    double center;    /* the centre of the interval */
    double lo, hi;    /* interval of the difference */
    double se;        /* the standard error that stat divides by */
    double stat;      /* test statistic: z, or t for Welch */
    double df;        /* degrees of freedom of stat; INFINITY for a z */
    double p;         /* two-sided p-value of stat */
} cx_diff;

/**
 * NPS with its adjusted-Wald interval (Rocks 2016): 3 pseudo-answers, 3/4
 * promoter, 3/2 passive, 3/4 detractor; n' = n + 3, p' = (P + 3/4)/n',
 * d' = (D + 3/4)/n', NPS' = p' - d', se = fpc * sqrt((p' + d' - NPS'^2)/n'),
 * bounds NPS' +- z se, each clipped to [-1, 1]; moe = z se.  est is the plain
 * NPS (P - D)/n, so the interval need not be symmetric about it.
 * @param promoters, passives, detractors  counts >= 0 (effective counts
 *        when weighted); n is their sum
 * @param out  receives the result; defined is false when n < 2 (one answer)
 *        or fpc = 0
 * @return CX_OK; CX_EUNDEFINED when n = 0 (est NaN); CX_EINVAL for a
 *         negative or non-finite count, a confidence outside (0, 1) or an fpc
 *         outside [0, 1] (out untouched).
 */
cx_status cx_nps_interval(double promoters, double passives, double detractors,
                          double confidence, double fpc, cx_interval *out);

/**
 * Difference of two NPS (Lewis & Sauro 2021, after Rocks 2016): NPS' and var'
 * of each sample as in cx_nps_interval(); center = NPS'1 - NPS'2,
 * se = sqrt(fpc1^2 var'1/n'1 + fpc2^2 var'2/n'2), interval center +- z se
 * (clipped to [-2, 2]), stat = center/se, two-sided normal p.  shown is the
 * plain NPS1 - NPS2, which can have the other sign than the interval (or be
 * 0): a significant difference goes the way of its interval, not of shown.
 * @param out  defined is false when a sample has n < 2 or both fpc are 0
 * @return CX_OK; CX_EUNDEFINED when a sample has n = 0 (shown NaN);
 *         CX_EINVAL as for cx_nps_interval() (out untouched).
 */
cx_status cx_nps_diff(double promoters1, double passives1, double detractors1,
                      double promoters2, double passives2, double detractors2,
                      double confidence, double fpc1, double fpc2, cx_diff *out);

/**
 * A share k/n (CSAT, low-effort share) with its Wilson score interval (Wilson
 * 1927), clamped to [0, 1]: k = 0 gives lo = +0.0 exactly, k = n gives hi = 1.
 * The fpc multiplies the standard error sqrt(p(1-p)/n) of the score test
 * that the interval inverts, which is the Wilson formula with z * fpc in
 * place of z.  moe is the Wilson half-width.
 * @param k  successes (effective when weighted), 0 <= k <= n
 * @param out  defined is false when fpc = 0
 * @return CX_OK; CX_EUNDEFINED when n = 0; CX_EINVAL for k < 0, k > n, a
 *         non-finite argument, a confidence outside (0, 1) or an fpc outside
 *         [0, 1] (out untouched).
 */
cx_status cx_wilson_interval(double k, double n, double confidence, double fpc,
                             cx_interval *out);

/**
 * Difference of two shares k1/n1 - k2/n2.  The interval is Newcombe's hybrid
 * score interval (Newcombe 1998, method 10) from each share's Wilson bounds
 * (lo_i, hi_i): center - sqrt((p1 - lo1)^2 + (hi2 - p2)^2) ...
 * center + sqrt((hi1 - p1)^2 + (p2 - lo2)^2); it decides significant.  stat
 * and p are the pooled two-proportion z-test's, with se =
 * sqrt(pool (1 - pool) (fpc1^2/n1 + fpc2^2/n2)); a pooled share of 0 or 1
 * gives stat 0 and p 1.  center = shown = k1/n1 - k2/n2.
 * @param out  defined is false when both fpc are 0
 * @return CX_OK; CX_EUNDEFINED when n1 or n2 is 0; CX_EINVAL as for
 *         cx_wilson_interval() (out untouched).
 */
cx_status cx_share_diff(double k1, double n1, double k2, double n2, double confidence,
                        double fpc1, double fpc2, cx_diff *out);

/**
 * Mean and sample standard deviation (n - 1 denominator) of a histogram's
 * valid answers, computed from its exact counts.  The variance is a sum of
 * positive terms c_i c_j (x_i - x_j)^2 over pairs of scale points, so it is
 * exactly 0 when all answers agree and never suffers cancellation.
 * @param sd  receives NaN when there is one answer
 * @return CX_OK; CX_EUNDEFINED when there is no valid answer, CX_EINVAL for a
 *         scale wider than CX_MAX_BINS (outputs untouched).
 */
cx_status cx_hist_moments(const cx_hist *hist, const cx_scale *scale, double *mean, double *sd);

/**
 * A mean with its t interval: mean +- t(n-1) fpc sd / sqrt(n), t at the
 * two-sided confidence level, n - 1 fractional when n is an effective size.
 * No clipping: moe is the half-width.  sd is the sample standard deviation
 * (cx_hist_moments()); it is ignored when n < 2.
 * @param out  defined is false when n < 2 or fpc = 0
 * @return CX_OK; CX_EUNDEFINED when n = 0; CX_EINVAL for a negative or
 *         non-finite n, a non-finite mean (n > 0), a negative or non-finite
 *         sd (n >= 2), a confidence outside (0, 1) or an fpc outside [0, 1]
 *         (out untouched).
 */
cx_status cx_mean_interval(double n, double mean, double sd, double confidence, double fpc,
                           cx_interval *out);

/**
 * The two-sided critical value of Student's t with df degrees of freedom at
 * the confidence level: P(|T| <= t) = confidence.  NaN for a df that is not
 * positive or a confidence outside (0, 1).
 */
double cx_t_critical(double confidence, double df);

/**
 * cx_mean_interval() with its critical value given: t must be
 * cx_t_critical(confidence, n - 1), which a caller with many samples of a
 * few sizes can compute once per size.  The result is the same, bit for bit.
 */
cx_status cx_mean_interval_t(double n, double mean, double sd, double confidence, double t,
                             double fpc, cx_interval *out);

/**
 * Welch's t-test of two means, mean1 - mean2: v_i = fpc_i^2 sd_i^2 / n_i,
 * se = sqrt(v1 + v2), stat = t = (mean1 - mean2)/se with Welch-Satterthwaite
 * df = (v1 + v2)^2 / (v1^2/(n1 - 1) + v2^2/(n2 - 1)), fractional; interval
 * (mean1 - mean2) +- t_df se; two-sided p from the t distribution.
 * @param out  defined is false when n1 < 2, n2 < 2 or v1 + v2 = 0
 * @return CX_OK; CX_EUNDEFINED when n1 or n2 is 0; CX_EINVAL as for
 *         cx_mean_interval() (out untouched).
 */
cx_status cx_welch(double n1, double mean1, double sd1, double n2, double mean2, double sd2,
                   double confidence, double fpc1, double fpc2, cx_diff *out);

/**
 * Holm's step-down adjustment for multiple tests (Holm 1979), as R's
 * p.adjust(p, "holm"): with the m p-values that are not NaN sorted
 * ascending, p(1) <= ... <= p(m), the j-th adjusted value is
 * min(1, max over i <= j of (m - i + 1) p(i)).  A test is significant after
 * adjustment at level alpha when its adjusted value is below alpha.  NaN
 * marks a change with no test: it stays NaN and is not counted in m.
 * @param p       n p-values in [0, 1], or NaN
 * @param adj     receives the n adjusted values (may not alias p)
 * @param order   scratch space of n entries; on return its first m entries
 *                are the indices of the tested p-values, smallest p first
 * @param tested  receives m
 * @return CX_OK; CX_EINVAL (outputs unspecified) for a p outside [0, 1].
 */
cx_status cx_holm(const double *p, size_t n, double *adj, size_t *order, size_t *tested);

/* ---- Dates and periods: which day, week, month... an answer belongs to -- */

/*
 * A calendar date of the proleptic Gregorian calendar.  The library only
 * handles years 1000..9999: every date cx_date_parse() accepts.
 */
typedef struct cx_date {
    int year, month, day; /* month 1..12, day 1..31 */
} cx_date;

/**
 * Read a date as survey exports write it.  Accepted, optionally surrounded
 * by spaces or tabs:
 *   - ISO 8601: "YYYY-MM-DD", optionally followed by 'T' and a time
 *     "HH:MM", "HH:MM:SS" or "HH:MM:SS.fraction" (any number of fraction
 *     digits), or by one space and such a time with a one- or two-digit
 *     hour ("2024-03-05 9:26"); the time optionally followed by a zone "Z",
 *     "+HH:MM", "+HHMM" or "+HH" (or '-'), and after a space also by a
 *     zone word as below ("2024-03-05 16:12:33 UTC");
 *   - "DD.MM.YYYY" (Russian Excel), optionally followed by one space and a
 *     time "H:MM" or "H:MM:SS" (the hour in one or two digits, as Excel
 *     writes it): "14.03.2025 9:05";
 *   - "YYYY/MM/DD" and "A/B/YYYY" (A and B one or two digits: a day and a
 *     month, see cx_date_parse_order()), optionally followed by one space
 *     and a time as above, then " AM" or " PM" (then the hour is 1..12), then
 *     a zone word: "GMT" or "UTC" with an optional offset "+H", "+HH" or
 *     "+HH:MM", or any abbreviation of 3 to 5 capital letters ("EET",
 *     "MSK", "PST"), not looked up: "2025/03/14 9:26:53 AM GMT+3",
 *     "01/01/2024 12:42:14 PM", "3/5/2024 16:12:33";
 *   - Russian words: "D месяца YYYY", the month in the genitive, lower case,
 *     optionally followed by " г." or " г", a comma and a time as in the
 *     Excel form: "5 марта 2024 г.".
 * Ranges: year 1000..9999, month 1..12, day within the month (Gregorian
 * leap years), hour 0..23 (not 24:00), minute 0..59, second 0..60 (a leap
 * second), zone 00:00..23:59.  The date is the calendar date as written: the
 * time and the zone are checked but not applied, so
 * "2025-03-14T23:30-05:00" is March 14 (in UTC it would already be March 15).
 * An "A/B/YYYY" date is read only when its order is plain: a field above 12
 * is the day, or both fields are the same ("05/05/2024"); "03/05/2024" is
 * CX_EDATE here (cx_date_parse_order() reads it in a given order).
 * @param text  the field, len bytes; need not be NUL-terminated, and a NUL
 *              byte in it is not a date (text may be NULL when len is 0)
 * @param out   receives the date on success; untouched otherwise
 * @return CX_OK; CX_BLANK for an empty or all-space field; CX_EDATE for
 *         anything else, an impossible date ("2025-02-29") or time included.
 */
cx_status cx_date_parse(const char *text, size_t len, cx_date *out);

/** The order of the day and the month in an "A/B/YYYY" date (bits of cx_date_orders()). */
typedef enum cx_date_order { CX_DATE_MDY = 1, CX_DATE_DMY = 2 } cx_date_order;

/**
 * As cx_date_parse(), with "A/B/YYYY" read in the given order: month first
 * (US: "3/5/2024" is March 5) or day first (UK, Europe: May 3).  A date that
 * is impossible in that order ("13/05/2024" month first) is CX_EDATE.
 * @return as cx_date_parse(); CX_EINVAL for an order that is neither.
 */
cx_status cx_date_parse_order(const char *text, size_t len, cx_date_order order, cx_date *out);

/**
 * The orders a field reads as a date in: CX_DATE_MDY | CX_DATE_DMY for any
 * date of a form without the question (and "05/05/2024"), one of them for an
 * "A/B/YYYY" date that only one order makes a date, 0 for no date.  A column's
 * order is settled by the first of its dates that only one order reads.
 */
unsigned cx_date_orders(const char *text, size_t len);

/**
 * Check a --date-format: a strptime-like pattern of bytes matched as
 * written, a space matching one or more spaces, and the directives %Y (four
 * digits), %m, %d, %e (one or two), %H (0..23), %I (1..12), %M, %S (two),
 * %p (AM or PM), %b, %B, %h (an English month name, whole or its first three
 * letters, any case), %Z (a zone word as in cx_date_parse()), %z ("Z",
 * "+HH", "+HHMM", "+HH:MM"), %F (%Y-%m-%d), %T (%H:%M:%S), %R (%H:%M), %D
 * (%m/%d/%Y) and %%.  It must give a year, a month and a day.
 * @return CX_OK, or CX_EINVAL for another directive or a missing part.
 */
cx_status cx_date_format_check(const char *fmt);

/**
 * Read a date in the format fmt (see cx_date_format_check()); the whole
 * field, trimmed of spaces and tabs, must match.
 * @return CX_OK; CX_BLANK for an empty field; CX_EINVAL for a bad fmt;
 *         CX_EDATE for a field that does not match or an impossible date.
 */
cx_status cx_date_parse_format(const char *fmt, const char *text, size_t len, cx_date *out);

/** The length of the periods answers are grouped by (--every). */
typedef enum cx_every {
    CX_EVERY_DAY = 0,
    CX_EVERY_WEEK,    /* ISO 8601 week: Monday to Sunday */
    CX_EVERY_MONTH,
    CX_EVERY_QUARTER,
    CX_EVERY_YEAR,
    CX_EVERY_COUNT
} cx_every;

/**
 * Read the name of a period length: "day", "week", "month", "quarter" or
 * "year" (lower case, NUL-terminated).
 * @return CX_OK, or CX_EINVAL (out untouched) for another name or NULL.
 */
cx_status cx_every_parse(const char *name, cx_every *out);

/**
 * The name of a period length, as cx_every_parse() reads it.
 * @return a static string, or NULL for a value out of range.
 */
const char *cx_every_name(cx_every every);

/** What cx_period_of() returns for an invalid date or period length; no period has it. */
#define CX_PERIOD_NONE INT32_MIN

/**
 * The period a date falls in, as a number that increases with time and is
 * consecutive for consecutive periods, so that periods sort and gaps show:
 *   day      days since 1970-01-01 (1969-12-31 is -1);
 *   week     ISO weeks since the one holding 1970-01-01, which runs from
 *            Monday 1969-12-29 (floor((days + 3) / 7));
 *   month    year * 12 + month - 1;
 *   quarter  year * 4 + (month - 1) / 3;
 *   year     the year.
 * @param d  a valid date of years 1000..9999 (as cx_date_parse() gives)
 * @return the period number; CX_PERIOD_NONE for an invalid date or an
 *         every out of range.
 */
int32_t cx_period_of(cx_date d, cx_every every);

/**
 * Write the label of a period number: "2025-03-14", "2025-W11", "2025-03",
 * "2025-Q1" or "2025".  A week is labelled with its ISO 8601 week-year and
 * week number: 2024-12-30 is in "2025-W01", 2021-01-03 in "2020-W53".
 * Writes at most size bytes including the NUL, like snprintf.
 * @return the length the full label has; 0 (and "" when size > 0) for a
 *         period that no date of years 1000..9999 falls in, or an every
 *         out of range.
 */
size_t cx_period_label(int32_t period, cx_every every, char *buf, size_t size);

/* ---- Weights: exact weighted histograms -------------------------------- */
/* Provisional: may change in a minor release. */

/*
 * A weight is kept as an integer number of millionths ("units"): 0.5 is
 * 500000.  Sums of units and of their squares are exact 128-bit integers, so
 * weighted histograms merge by addition with byte-identical results in any
 * order, like cx_hist.  The library therefore needs a compiler with 128-bit
 * integers, as gcc and clang have on 64-bit targets.
 */
#if !defined(__SIZEOF_INT128__)
#error "cxstat needs a compiler with 128-bit integers (unsigned __int128)"
#endif
__extension__ typedef unsigned __int128 cx_u128;

/** Units per weight of 1: weights are kept in millionths. */
#define CX_WEIGHT_SCALE 1000000
/** The largest weight accepted (1e9). */
#define CX_WEIGHT_MAX 1000000000

/**
 * Read a weight: digits with an optional decimal point or comma ("0.5",
 * "0,25" as European Excel writes it, ".5", "2."), at least one digit,
 * optionally surrounded by spaces or tabs.  Decimals beyond the sixth are
 * rounded half up to millionths: "1.0000005" is 1000001 units, "0.0000004"
 * is 0.  Zero is a valid weight.
 * @param text   the field, len bytes; need not be NUL-terminated (text may be
 *               NULL when len is 0)
 * @param units  receives the weight in millionths on success; untouched
 *               otherwise
 * @return CX_OK; CX_BLANK for an empty or all-space field; CX_ESIGN for a
 *         number with a leading '-' or '+'; CX_ERANGE for a number above
 *         CX_WEIGHT_MAX after rounding (however many digits it has);
 *         CX_ENOTNUM for anything else ("1e3", "nan", "inf", "1.2.3").
 */
cx_status cx_weight_parse(const char *text, size_t len, uint64_t *units);

/** The nearest double to v (round to nearest, ties to even). */
double cx_u128_to_double(cx_u128 v);

/**
 * The weights of one metric's valid answers in one group, beside the cx_hist
 * whose integer counts stay the respondents: w[i] is the sum of the weights
 * (in units) of the answers equal to scale->lo + i, w2[i] the sum of their
 * squares (in units squared).  All zero is empty.  A bin's w2 stays at most
 * 2^120 (about 1.3e36: a million answers of weight CX_WEIGHT_MAX, 1.3e24 of
 * weight 1), so the totals over all bins that cx_wsummarize() takes are
 * exact too.
 */
typedef struct cx_whist {
    cx_u128 w[CX_MAX_BINS];
    cx_u128 w2[CX_MAX_BINS];
} cx_whist;

/** Make a weighted histogram empty. */
void cx_whist_init(cx_whist *whist);

/**
 * Add one answer of value score with a weight of units millionths.
 * @return CX_OK; CX_ERANGE if score is off the scale, CX_EOVERFLOW if a bin
 *         would pass its limit (nothing added either way).
 */
cx_status cx_whist_add(cx_whist *whist, const cx_scale *scale, int score, uint64_t units);

/**
 * Add every sum of src to dst.  Both must be of the same scale.
 * @return CX_OK, or CX_EOVERFLOW (dst unchanged) if a bin would pass its
 *         limit.
 */
cx_status cx_whist_merge(cx_whist *dst, const cx_whist *src);

/**
 * The weighted figures of a weighted histogram (doc/METHODS.md,
 * "Weights").  Every figure is a ratio of the exact integer sums, converted
 * to double only at the end, so it does not depend on the order in which
 * answers were added.
 */
typedef struct cx_wsummary {
    double sum_w, sum_w2;  /* sum of the weights, and of their squares (weights, not units) */
    double n_eff;          /* Kish's effective sample size (sum w)^2 / sum w^2; 0 when undefined */
    double good, mid, bad; /* weighted shares 0..1 of good, mid and bad answers (see cx_summary) */
    double index;          /* NPS: good - bad, -1..1; CSAT and CES: good */
    double mean;           /* sum w x / sum w */
    double sd;             /* weighted standard deviation, sqrt(sum w (x - mean)^2 / sum w
                              * n_eff / (n_eff - 1)); NaN when n_eff <= 1 */
    bool defined;          /* false when sum w = 0: shares, index and mean are NaN */
    cx_u128 sum_units;     /* the exact sum of the weights, in units (cx_units_format()) */
} cx_wsummary;

/**
 * Summarize a weighted histogram of the given scale.  Scaling every weight by
 * the same factor changes sum_w and sum_w2 only.  For intervals, pass the
 * effective counts good * n_eff, ... and n_eff to the statistics functions.
 */
void cx_wsummarize(const cx_whist *whist, const cx_scale *scale, cx_wsummary *out);

/**
 * Write an exact number of units as a decimal with six decimals, digit by
 * digit from the integer ("579999999421.000000" for 579999999421000000
 * units), with no detour through a double, so any sum a cx_whist holds
 * prints exactly.  Writes at most size bytes including the NUL, like
 * snprintf; 48 bytes always suffice.  @return the length the full text has.
 */
size_t cx_units_format(cx_u128 units, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* CXSTAT_H */
