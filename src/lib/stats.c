/*
 * stats.c - interval estimates and significance tests for the scores, so that
 * a report can say how precise a sample figure is (doc/METHODS.md).
 */
#include <math.h>

#include "cxstat.h"

static bool valid_confidence(double confidence)
{
    return confidence > 0.0 && confidence < 1.0; /* false for NaN */
}

static bool valid_fpc(double fpc)
{
    return fpc >= 0.0 && fpc <= 1.0;
}

static bool valid_count(double x)
{
    return x >= 0.0 && isfinite(x);
}

static double clip(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* Two-sided p-value of a standard normal statistic: 2 P(Z <= -|z|). */
static double normal_p(double z)
{
    return 2.0 * cx_norm_cdf(-fabs(z));
}

cx_status cx_confidence_z(double confidence, double *z)
{
    if (!valid_confidence(confidence))
        return CX_EINVAL;
    /* The upper tail (1 - confidence)/2 is exact where (1 + confidence)/2 would round. */
    *z = -cx_norm_quantile(0.5 * (1.0 - confidence));
    return CX_OK;
}

/* Kish, L. (1965), Survey Sampling, Wiley, section 11.7: n_eff = (sum w)^2 / sum w^2. */
double cx_kish_neff(double sum_w, double sum_w2)
{
    if (!(sum_w >= 0.0) || !(sum_w2 >= 0.0))
        return NAN;
    if (!(sum_w2 > 0.0))
        return 0.0;
    double r = sum_w / sqrt(sum_w2); /* at most sqrt(count): cannot overflow when squared */
    return r * r;
}

/* The finite population correction of the standard error (Cochran 1977, Sampling
 * Techniques, 3rd ed., section 2.6), sqrt((N - n)/(N - 1)). */
double cx_fpc(double n, double population)
{
    if (!(n >= 0.0) || !(population >= 0.0))
        return NAN;
    if (n >= population)
        return 0.0;
    if (n <= 1.0 || isinf(population))
        return 1.0;
    return sqrt((population - n) / (population - 1.0));
}

/* An interval that is not defined, around a point estimate that may be. */
static void interval_none(cx_interval *out, double est)
{
    out->defined = false;
    out->est = est;
    out->center = out->lo = out->hi = out->moe = NAN;
}

static void diff_none(cx_diff *out, double shown)
{
    out->defined = false;
    out->significant = false;
    out->shown = shown;
    out->center = out->lo = out->hi = out->se = out->stat = out->df = out->p = NAN;
}

/* One sample after Rocks' (2016) adjustment: n' = n + 3, NPS' and var'. */
typedef struct adjusted {
    double n, nps, var;
} adjusted;

/*
 * Rocks, B. (2016), "Interval Estimation for the 'Net Promoter Score'", The
 * American Statistician 70(4), 365-372: the adjusted Wald interval adds 3
 * pseudo-answers, 3/4 promoter, 3/2 passive and 3/4 detractor (the default of
 * the author's code).  var' is the variance of one answer's score (+1, 0, -1)
 * under the adjusted shares; it is at least s(1 - s) > 0 with s = p' + d' < 1.
 */
static adjusted nps_adjust(double promoters, double detractors, double n)
{
    adjusted a;
    a.n = n + 3.0;
    double p = (promoters + 0.75) / a.n, d = (detractors + 0.75) / a.n;
    a.nps = p - d;
    a.var = p + d - a.nps * a.nps;
    return a;
}

static bool valid_counts(double promoters, double passives, double detractors)
{
    return valid_count(promoters) && valid_count(passives) && valid_count(detractors)
           && isfinite(promoters + passives + detractors);
}

cx_status cx_nps_interval(double promoters, double passives, double detractors,
                          double confidence, double fpc, cx_interval *out)
{
    double z;
    if (!valid_counts(promoters, passives, detractors) || !valid_fpc(fpc)
        || cx_confidence_z(confidence, &z) != CX_OK)
        return CX_EINVAL;
    double n = promoters + passives + detractors;
    if (!(n > 0.0)) {
        interval_none(out, NAN);
        return CX_EUNDEFINED;
    }
    interval_none(out, (promoters - detractors) / n);
    /* One answer: the interval around the shrunk NPS' would exclude the NPS shown
     * (one promoter: -48.5 ... 98.5 around 100).  A census has no sampling error. */
    if (n < 2.0 || !(fpc > 0.0))
        return CX_OK;
    adjusted a = nps_adjust(promoters, detractors, n);
    out->defined = true;
    out->center = a.nps;
    out->moe = z * fpc * sqrt(a.var / a.n);
    out->lo = clip(a.nps - out->moe, -1.0, 1.0);
    out->hi = clip(a.nps + out->moe, -1.0, 1.0);
    return CX_OK;
}

/*
 * Lewis, J. R. & Sauro, J. (2021), "Confidence Intervals for Net Promoter
 * Scores", MeasuringU, and the code accompanying Rocks (2016): the
 * difference of the adjusted NPS' with the variances of the two independent
 * samples added.
 */
cx_status cx_nps_diff(double promoters1, double passives1, double detractors1,
                      double promoters2, double passives2, double detractors2,
                      double confidence, double fpc1, double fpc2, cx_diff *out)
{
    double z;
    if (!valid_counts(promoters1, passives1, detractors1)
        || !valid_counts(promoters2, passives2, detractors2) || !valid_fpc(fpc1)
        || !valid_fpc(fpc2) || cx_confidence_z(confidence, &z) != CX_OK)
        return CX_EINVAL;
    double n1 = promoters1 + passives1 + detractors1;
    double n2 = promoters2 + passives2 + detractors2;
    if (!(n1 > 0.0) || !(n2 > 0.0)) {
        diff_none(out, NAN);
        return CX_EUNDEFINED;
    }
    diff_none(out, (promoters1 - detractors1) / n1 - (promoters2 - detractors2) / n2);
    if (n1 < 2.0 || n2 < 2.0)
        return CX_OK;
    adjusted a1 = nps_adjust(promoters1, detractors1, n1);
    adjusted a2 = nps_adjust(promoters2, detractors2, n2);
    double se = sqrt(fpc1 * fpc1 * a1.var / a1.n + fpc2 * fpc2 * a2.var / a2.n);
    if (!(se > 0.0)) /* two censuses: the difference is exact */
        return CX_OK;
    double center = a1.nps - a2.nps, lo = center - z * se, hi = center + z * se;
    out->defined = true;
    out->significant = lo > 0.0 || hi < 0.0;
    out->center = center;
    out->lo = clip(lo, -2.0, 2.0);
    out->hi = clip(hi, -2.0, 2.0);
    out->se = se;
    out->stat = center / se;
    out->df = INFINITY;
    out->p = normal_p(out->stat);
    return CX_OK;
}

/*
 * Wilson, E. B. (1927), "Probable Inference, the Law of Succession, and
 * Statistical Inference", JASA 22(158), 209-212: the p with
 * |k/n - p| = z sqrt(p (1 - p)/n), solved for p.  centre
 * (p^ + z^2/2n)/(1 + z^2/n), half-width z sqrt(p^(1-p^)/n + z^2/4n^2)/(1 + z^2/n).
 * z = 0 gives the point p^ itself.  The bounds are clamped to [0, 1]; k = 0
 * and k = n give the exact 0 and 1 that rounding would otherwise miss.
 */
static void wilson(double k, double n, double z, cx_interval *out)
{
    double p = k / n, z2n = z * z / n, den = 1.0 + z2n;
    out->est = p;
    out->center = (p + 0.5 * z2n) / den;
    out->moe = z * sqrt(p * (1.0 - p) / n + 0.25 * z2n / n) / den;
    out->lo = out->center - out->moe;
    out->hi = out->center + out->moe;
    if (!(k > 0.0) || !(out->lo > 0.0))
        out->lo = 0.0;
    if (!(k < n) || !(out->hi < 1.0))
        out->hi = 1.0;
    out->defined = true;
}

static bool valid_share(double k, double n)
{
    return valid_count(k) && valid_count(n) && k <= n;
}

cx_status cx_wilson_interval(double k, double n, double confidence, double fpc,
                             cx_interval *out)
{
    double z;
    if (!valid_share(k, n) || !valid_fpc(fpc) || cx_confidence_z(confidence, &z) != CX_OK)
        return CX_EINVAL;
    if (!(n > 0.0)) {
        interval_none(out, NAN);
        return CX_EUNDEFINED;
    }
    if (!(fpc > 0.0)) {
        interval_none(out, k / n);
        return CX_OK;
    }
    /* The fpc scales the score test's standard error: the same as z * fpc. */
    wilson(k, n, z * fpc, out);
    return CX_OK;
}

/*
 * Newcombe, R. G. (1998), "Interval estimation for the difference between
 * independent proportions: comparison of eleven methods", Statistics in
 * Medicine 17, 873-890, method 10 (the hybrid score interval), and the pooled
 * two-proportion z-test beside it.  A census sample (fpc 0) contributes its
 * exact share: its Wilson bounds collapse onto it.
 */
cx_status cx_share_diff(double k1, double n1, double k2, double n2, double confidence,
                        double fpc1, double fpc2, cx_diff *out)
{
    double z;
    if (!valid_share(k1, n1) || !valid_share(k2, n2) || !valid_fpc(fpc1) || !valid_fpc(fpc2)
        || cx_confidence_z(confidence, &z) != CX_OK)
        return CX_EINVAL;
    if (!(n1 > 0.0) || !(n2 > 0.0)) {
        diff_none(out, NAN);
        return CX_EUNDEFINED;
    }
    double p1 = k1 / n1, p2 = k2 / n2, d = p1 - p2;
    diff_none(out, d);
    if (!(fpc1 > 0.0) && !(fpc2 > 0.0))
        return CX_OK;
    cx_interval w1, w2;
    wilson(k1, n1, z * fpc1, &w1);
    wilson(k2, n2, z * fpc2, &w2);
    double lo = d - hypot(p1 - w1.lo, w2.hi - p2);
    double hi = d + hypot(w1.hi - p1, p2 - w2.lo);
    out->defined = true;
    out->significant = lo > 0.0 || hi < 0.0;
    out->center = d;
    out->lo = clip(lo, -1.0, 1.0);
    out->hi = clip(hi, -1.0, 1.0);
    out->df = INFINITY;
    double pool = (k1 + k2) / (n1 + n2);
    if (!(pool > 0.0) || !(pool < 1.0)) { /* all answers alike: no evidence of a difference */
        out->se = out->stat = 0.0;
        out->p = 1.0;
        return CX_OK;
    }
    out->se = sqrt(pool * (1.0 - pool) * (fpc1 * fpc1 / n1 + fpc2 * fpc2 / n2));
    out->stat = d / out->se;
    out->p = normal_p(out->stat);
    return CX_OK;
}

cx_status cx_hist_moments(const cx_hist *hist, const cx_scale *scale, double *mean, double *sd)
{
    if (scale->hi < scale->lo || scale->hi - scale->lo >= CX_MAX_BINS)
        return CX_EINVAL;
    int bins = scale->hi - scale->lo + 1;
    uint64_t n = 0, sum = 0; /* sum of (answer - lo): exact */
    for (int i = 0; i < bins; i++) {
        n += hist->count[i];
        sum += hist->count[i] * (uint64_t)i;
    }
    if (n == 0)
        return CX_EUNDEFINED;
    *mean = scale->lo + (double)sum / (double)n;
    if (n < 2) {
        *sd = NAN;
        return CX_OK;
    }
    /* n sum x^2 - (sum x)^2 = sum over pairs i < j of c_i c_j (x_i - x_j)^2 */
    double pairs = 0.0;
    for (int i = 0; i < bins; i++)
        for (int j = i + 1; j < bins; j++)
            pairs += (double)hist->count[i] * (double)hist->count[j] * (double)((j - i) * (j - i));
    *sd = sqrt(pairs / ((double)n * ((double)n - 1.0)));
    return CX_OK;
}

double cx_t_critical(double confidence, double df)
{
    return -cx_t_quantile(0.5 * (1.0 - confidence), df);
}

static double t_critical(double confidence, double df)
{
    return cx_t_critical(confidence, df);
}

/* n, mean and sd of one sample are usable: the mean matters only from n > 0
 * on, sd only from n = 2 on. */
static bool valid_sample(double n, double mean, double sd)
{
    return valid_count(n) && (!(n > 0.0) || isfinite(mean)) && (n < 2.0 || valid_count(sd));
}

/* Student (1908): mean +- t(n - 1) s / sqrt(n); t NaN: computed here. */
static cx_status mean_interval(double n, double mean, double sd, double confidence, double t,
                               double fpc, cx_interval *out)
{
    if (!valid_sample(n, mean, sd) || !valid_fpc(fpc) || !valid_confidence(confidence))
        return CX_EINVAL;
    if (!(n > 0.0)) {
        interval_none(out, NAN);
        return CX_EUNDEFINED;
    }
    interval_none(out, mean);
    if (n < 2.0 || !(fpc > 0.0))
        return CX_OK;
    out->defined = true;
    out->center = mean;
    out->moe = (isnan(t) ? t_critical(confidence, n - 1.0) : t) * fpc * sd / sqrt(n);
    out->lo = mean - out->moe;
    out->hi = mean + out->moe;
    return CX_OK;
}

cx_status cx_mean_interval(double n, double mean, double sd, double confidence, double fpc,
                           cx_interval *out)
{
    return mean_interval(n, mean, sd, confidence, NAN, fpc, out);
}

cx_status cx_mean_interval_t(double n, double mean, double sd, double confidence, double t,
                             double fpc, cx_interval *out)
{
    return mean_interval(n, mean, sd, confidence, t, fpc, out);
}

/*
 * Welch, B. L. (1947), "The generalization of 'Student's' problem when
 * several different population variances are involved", Biometrika 34,
 * 28-35, with the Satterthwaite (1946) degrees of freedom.  The df is
 * computed from the shares v_i / (v1 + v2), so it neither overflows nor
 * underflows whatever the scale of the answers.
 */
cx_status cx_welch(double n1, double mean1, double sd1, double n2, double mean2, double sd2,
                   double confidence, double fpc1, double fpc2, cx_diff *out)
{
    if (!valid_sample(n1, mean1, sd1) || !valid_sample(n2, mean2, sd2) || !valid_fpc(fpc1)
        || !valid_fpc(fpc2) || !valid_confidence(confidence))
        return CX_EINVAL;
    if (!(n1 > 0.0) || !(n2 > 0.0)) {
        diff_none(out, NAN);
        return CX_EUNDEFINED;
    }
    double d = mean1 - mean2;
    diff_none(out, d);
    if (n1 < 2.0 || n2 < 2.0)
        return CX_OK;
    double v1 = fpc1 * fpc1 * sd1 * sd1 / n1, v2 = fpc2 * fpc2 * sd2 * sd2 / n2, v = v1 + v2;
    if (!(v > 0.0))
        return CX_OK;
    double r1 = v1 / v, r2 = v2 / v;
    double df = 1.0 / (r1 * r1 / (n1 - 1.0) + r2 * r2 / (n2 - 1.0));
    double se = sqrt(v), half = t_critical(confidence, df) * se;
    out->defined = true;
    out->center = d;
    out->lo = d - half;
    out->hi = d + half;
    out->significant = out->lo > 0.0 || out->hi < 0.0;
    out->se = se;
    out->stat = d / se;
    out->df = df;
    out->p = 2.0 * cx_t_cdf(-fabs(out->stat), df);
    return CX_OK;
}
