/*
 * test_stats.c - checks the statistics module against R, published tables
 * and the METRICS.md section 7 worked examples, so that a wrong formula or
 * quantile cannot hide behind plausible output.
 */
#include <math.h>
#include <string.h>

#include "unit.h"

/*
 * Where the expected values come from.  "R" values are R's qnorm/qt.
 * "Table" values are the METRICS.md worked examples and the published
 * tables they cite (Newcombe 1998a/b, R's sleep data).  Longer expected
 * values were computed independently from the same formulas with mpmath 1.3
 * at 50 significant digits (its own erfinv, betainc and findroot); those are
 * asserted to 1e-9 and the published figures at the precision printed.
 */
#define EPS 1e-9

/* Exactly equal, for values that must not even round (0, 1, -1). */
#define assert_same(a, b) assert_true(islessequal((a), (b)) && isgreaterequal((a), (b)))

/* x rounded half away from zero to `decimals` decimals is mant / 10^decimals:
 * the figure a report or a published table prints. */
static void assert_prints(double x, int decimals, long long mant)
{
    long long got = llround(x * pow(10.0, decimals));
    if (got != mant)
        print_error("%.12g printed with %d decimals is %lld, expected %lld\n", x, decimals, got,
                    mant);
    assert_true(got == mant);
}

static void assert_rel(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        print_error("got %.17g, want %.17g (relative error %.3g)\n", got, want,
                    fabs(got - want) / fabs(want));
    assert_true(fabs(got - want) <= rel * fabs(want));
}

/* ---- distribution functions ------------------------------------------- */

static void test_norm_quantile_matches_r(void **state)
{
    (void)state;
    assert_rel(cx_norm_quantile(0.975), 1.959963984540054, 1e-15);
    assert_rel(cx_norm_quantile(0.995), 2.5758293035489, 1e-13);
    assert_rel(cx_norm_quantile(0.95), 1.6448536269514722, 1e-15);
    assert_rel(cx_norm_quantile(0.025), -1.959963984540054, 1e-15);
    assert_same(cx_norm_quantile(0.5), 0.0);
    /* the three regions of AS 241, including the far tail beyond p = 1e-11 */
    assert_rel(cx_norm_quantile(1e-10), -6.3613409024040562, 1e-15);
    assert_rel(cx_norm_quantile(1e-20), -9.2623400897984076, 1e-15);
    assert_rel(cx_norm_quantile(1e-300), -37.047096299361199, 1e-15);
}

static void test_norm_quantile_domain(void **state)
{
    (void)state;
    assert_true(isinf(cx_norm_quantile(0.0)) && cx_norm_quantile(0.0) < 0);
    assert_true(isinf(cx_norm_quantile(1.0)) && cx_norm_quantile(1.0) > 0);
    assert_true(isnan(cx_norm_quantile(-0.1)));
    assert_true(isnan(cx_norm_quantile(1.1)));
    assert_true(isnan(cx_norm_quantile(NAN)));
}

static void test_norm_cdf_keeps_tail_precision(void **state)
{
    (void)state;
    assert_rel(cx_norm_cdf(1.96), 0.97500210485177956, 1e-15);
    assert_rel(cx_norm_cdf(-10.0), 7.619853024160526e-24, 1e-13);
    assert_same(cx_norm_cdf(0.0), 0.5);
    assert_true(isnan(cx_norm_cdf(NAN)));
    /* inverse of the quantile over the whole range, relative to the smaller
     * tail; a relative error e in z moves Phi by about z^2 e relative */
    for (double p = 1e-300; p < 0.5; p *= 7.3) {
        double z = cx_norm_quantile(p);
        assert_rel(cx_norm_cdf(z), p, 1e-15 * (1.0 + z * z));
        if (1.0 - p < 1.0) /* symmetry, on the tail that 1 - p represents */
            assert_rel(cx_norm_quantile(1.0 - p), -cx_norm_quantile(1.0 - (1.0 - p)), 1e-14);
    }
}

static void test_t_quantile_matches_r(void **state)
{
    (void)state;
    /* qt(0.975, 9): R prints 2.262157; the exact value (mpmath, and the
     * closed form of the t distribution for odd df, A&S 26.7.3) is
     * 2.26215716279820500; 2.2621571627409915 misses it by 6e-11. */
    assert_rel(cx_t_quantile(0.975, 9), 2.262157162798205, 1e-13);
    assert_near(cx_t_quantile(0.975, 9), 2.2621571627409915, EPS);
    assert_rel(cx_t_quantile(0.975, 1), 12.706204736174707, 1e-13); /* tan(0.475 pi) */
    assert_rel(cx_t_quantile(0.975, 2), 4.3026527297494639, 1e-13); /* (2p-1)/sqrt(2p(1-p)) */
    /* these four: the t CDF (regularized incomplete beta) inverted with mpmath at 40 digits */
    assert_rel(cx_t_quantile(0.05, 1), -6.3137515146750427, 1e-13);
    assert_rel(cx_t_quantile(0.995, 2), 9.9248432009182886, 1e-13);
    /* the closed forms at df 1 and 2 join the iteration beside them */
    assert_rel(cx_t_quantile(0.975, 1.0 + 1e-9), cx_t_quantile(0.975, 1), 1e-8);
    assert_rel(cx_t_quantile(0.975, 2.0 - 1e-9), cx_t_quantile(0.975, 2), 1e-8);
    assert_rel(cx_t_quantile(0.975, 5), 2.5705818356363148, 1e-13);
    assert_rel(cx_t_quantile(0.999, 6), 5.2076262387253628, 1e-13);
    assert_rel(cx_t_quantile(0.975, 30), 2.0422724563012373, 1e-13);
    /* the Welch df of the sleep data: fractional */
    assert_rel(cx_t_quantile(0.975, 17.776474), 2.1028172374125587, 1e-13);
    assert_rel(cx_t_quantile(0.025, 17.776474), -2.1028172374125587, 1e-13);
    assert_same(cx_t_quantile(0.5, 3.5), 0.0);
    assert_same(cx_t_quantile(0.5, 1), 0.0);
    assert_same(cx_t_quantile(0.5, 2), 0.0);
    /* huge df: the normal quantile plus (z^3 + z)/(4 df) (A&S 26.7.5) */
    double z = 1.959963984540054;
    assert_rel(cx_t_quantile(0.975, 1e13), z + (z * z * z + z) / 4e13, 2e-15);
    assert_rel(cx_t_quantile(0.975, INFINITY), z, 1e-15);
    assert_rel(cx_t_cdf(-z, INFINITY), 0.025, 1e-15);
}

static void test_t_cdf_matches_reference(void **state)
{
    (void)state;
    assert_rel(cx_t_cdf(2.0, 5.0), 0.94903026058507082, 1e-14);
    assert_rel(cx_t_cdf(-3.0, 0.5), 0.18365407799297172, 1e-13);
    assert_rel(cx_t_cdf(2.5, 1.5), 0.91509674869265197, 1e-14);
    assert_rel(cx_t_cdf(-10.0, 4.7), 1.2062747310595586e-4, 1e-13);
    assert_rel(cx_t_cdf(-5.0, 30.0), 1.1648342733503898e-5, 1e-13);
    assert_rel(cx_t_cdf(-40.0, 3.0), 1.7190340394579264e-5, 1e-13);
    assert_rel(cx_t_cdf(1.0, 1e6), 0.84134462508321094, 1e-14);
    assert_rel(cx_t_cdf(-1.0, 1.0), 0.25, 1e-15); /* Cauchy: 1/2 + atan(t)/pi */
    assert_same(cx_t_cdf(0.0, 7.0), 0.5);
    assert_same(cx_t_cdf(INFINITY, 7.0), 1.0);
    assert_same(cx_t_cdf(-INFINITY, 7.0), 0.0);
}

static void test_t_quantile_inverts_t_cdf(void **state)
{
    (void)state;
    static const double dfs[] = {0.3, 1, 1.5, 2, 3, 4.7, 9, 17.776474, 30, 120, 1e4, 1e6};
    static const double ps[] = {1e-12, 1e-6, 1e-3, 0.025, 0.1, 0.3, 0.49};
    for (size_t i = 0; i < sizeof dfs / sizeof *dfs; i++)
        for (size_t j = 0; j < sizeof ps / sizeof *ps; j++) {
            double t = cx_t_quantile(ps[j], dfs[i]);
            assert_rel(cx_t_cdf(t, dfs[i]), ps[j], 1e-12);
            double upper = 1.0 - ps[j]; /* symmetry, at a p whose 1 - p is exact */
            assert_rel(cx_t_quantile(upper, dfs[i]), -cx_t_quantile(1.0 - upper, dfs[i]), 1e-13);
        }
}

static void test_t_functions_domain(void **state)
{
    (void)state;
    assert_true(isnan(cx_t_cdf(1.0, 0.0)));
    assert_true(isnan(cx_t_cdf(1.0, -2.0)));
    assert_true(isnan(cx_t_cdf(NAN, 2.0)));
    assert_true(isnan(cx_t_cdf(1.0, NAN)));
    assert_true(isnan(cx_t_quantile(0.5, 0.0)));
    assert_true(isnan(cx_t_quantile(1.5, 3.0)));
    assert_true(isnan(cx_t_quantile(NAN, 3.0)));
    assert_true(isinf(cx_t_quantile(0.0, 3.0)) && cx_t_quantile(0.0, 3.0) < 0);
    assert_true(isinf(cx_t_quantile(1.0, 3.0)) && cx_t_quantile(1.0, 3.0) > 0);
}

static void test_confidence_z_is_two_sided(void **state)
{
    (void)state;
    double z = 0.0;
    assert_int_equal(cx_confidence_z(0.95, &z), CX_OK);
    assert_rel(z, 1.959963984540054, 1e-15);
    assert_int_equal(cx_confidence_z(0.99, &z), CX_OK);
    assert_rel(z, 2.5758293035489, 1e-13);
    assert_int_equal(cx_confidence_z(0.90, &z), CX_OK);
    assert_rel(z, 1.6448536269514722, 1e-14);
}

static void test_confidence_z_rejects_levels_outside_0_1(void **state)
{
    (void)state;
    static const double bad[] = {0.0, 1.0, -0.5, 1.5, 95.0, NAN};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double z = 42.0;
        assert_int_equal(cx_confidence_z(bad[i], &z), CX_EINVAL);
        assert_same(z, 42.0);
    }
}

/* ---- NPS -------------------------------------------------------------- */

static void test_nps_interval_40_30_30(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_nps_interval(40, 30, 30, 0.95, 1.0, &iv), CX_OK);
    assert_true(iv.defined);
    assert_near(iv.est, 0.10, EPS);
    assert_near(iv.center, 0.097087378641, EPS); /* table: NPS' = 0.097087 */
    double se = iv.moe / 1.959963984540054;
    assert_near(se * se * 103, 0.684748798190, EPS); /* table: var' = 0.684749, n' = 103 */
    assert_near(iv.lo, -0.062719370879, EPS);
    assert_near(iv.hi, 0.256894128160, EPS);
    assert_prints(iv.lo * 100, 1, -63); /* table: -6.3 ... 25.7 */
    assert_prints(iv.hi * 100, 1, 257);
    assert_prints(iv.est * 100, 1, 100);
}

static void test_nps_interval_25_35_40(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_nps_interval(25, 35, 40, 0.95, 1.0, &iv), CX_OK);
    assert_true(iv.defined);
    assert_near(iv.est, -0.15, EPS);
    assert_near(iv.center, -0.145631067961, EPS);
    assert_near(iv.lo, -0.298236083056, EPS);
    assert_near(iv.hi, 0.006973947134, EPS);
    assert_prints(iv.lo * 100, 1, -298); /* table: -29.8 ... 0.7 */
    assert_prints(iv.hi * 100, 1, 7);
}

static void test_nps_interval_clips_each_bound(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_nps_interval(10, 0, 0, 0.95, 1.0, &iv), CX_OK);
    assert_true(iv.defined);
    assert_same(iv.est, 1.0);
    assert_near(iv.center, 0.769230769231, EPS); /* table: NPS' = 0.7692 */
    assert_near(iv.lo, 0.475035515448, EPS);     /* table: 47.5 */
    assert_same(iv.hi, 1.0);                     /* clipped ... */
    assert_near(iv.center + iv.moe, 1.063426023010, EPS); /* ... from 106.3 */
    assert_near(iv.moe, 0.294195253783, EPS); /* the margin is the unclipped half-width */
}

static void test_nps_interval_is_not_centred_on_the_shown_nps(void **state)
{
    (void)state;
    cx_interval iv; /* METRICS 7: 9/2/0 shows NPS 81.8 with the interval 33.9 ... 94.7 */
    assert_int_equal(cx_nps_interval(9, 2, 0, 0.95, 1.0, &iv), CX_OK);
    assert_prints(iv.est * 100, 1, 818);
    assert_near(iv.lo, 0.338889045373, EPS);
    assert_near(iv.hi, 0.946825240341, EPS);
    assert_prints(iv.lo * 100, 1, 339);
    assert_prints(iv.hi * 100, 1, 947);
}

static void test_nps_interval_all_promoters_and_all_detractors(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_nps_interval(50, 0, 0, 0.95, 1.0, &iv), CX_OK);
    assert_same(iv.est, 1.0);
    assert_near(iv.lo, 0.866443212920, EPS);
    assert_same(iv.hi, 1.0);
    assert_int_equal(cx_nps_interval(0, 0, 50, 0.95, 1.0, &iv), CX_OK);
    assert_same(iv.est, -1.0);
    assert_same(iv.lo, -1.0);
    assert_near(iv.hi, -0.866443212920, EPS);
    assert_near(iv.moe, 0.076953013495, EPS);
}

/*
 * n = 1: an NPS but no interval (doc/METHODS.md; the worked example 0/1/0
 * reads "NPS 0.0; no interval (n = 1)").  The formula alone would give
 * -60.0 ... 60.0 there (n' = 4, var' = 0.375, half-width 0.600114), and one
 * promoter would get -48.5 ... 98.5 around the 100 shown.  The e2e case
 * nps_one_answer_no_interval checks the report.
 */
static void test_nps_interval_one_answer_has_no_interval(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_nps_interval(0, 1, 0, 0.95, 1.0, &iv), CX_OK);
    assert_false(iv.defined);
    assert_same(iv.est, 0.0);
    assert_true(isnan(iv.lo) && isnan(iv.hi) && isnan(iv.moe) && isnan(iv.center));
    assert_int_equal(cx_nps_interval(1, 0, 0, 0.95, 1.0, &iv), CX_OK);
    assert_false(iv.defined);
    assert_same(iv.est, 1.0);
}

static void test_nps_interval_no_answers_is_undefined(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_nps_interval(0, 0, 0, 0.95, 1.0, &iv), CX_EUNDEFINED);
    assert_false(iv.defined);
    assert_true(isnan(iv.est) && isnan(iv.lo) && isnan(iv.hi));
}

static void test_nps_interval_accepts_weighted_counts(void **state)
{
    (void)state;
    /* weighted shares 0.45 / 0.30 / 0.25 with n_eff = 90 (50 weights of 1, 50 of 2) */
    double neff = cx_kish_neff(150, 250);
    cx_interval iv;
    assert_int_equal(cx_nps_interval(0.45 * neff, 0.30 * neff, 0.25 * neff, 0.95, 1.0, &iv),
                     CX_OK);
    assert_near(iv.est, 0.20, EPS);
    assert_near(iv.center, 0.193548387097, EPS);
    assert_near(iv.lo, 0.028926540722, EPS);
    assert_near(iv.hi, 0.358170233471, EPS);
}

static void test_nps_interval_fpc_scales_the_standard_error(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_nps_interval(40, 30, 30, 0.95, 0.5, &iv), CX_OK);
    assert_near(iv.moe, 0.079903374760, EPS);
    assert_near(iv.lo, 0.017184003881, EPS);
    assert_near(iv.hi, 0.176990753400, EPS);
    /* a census (n >= N) has no sampling error and no interval */
    assert_int_equal(cx_nps_interval(40, 30, 30, 0.95, cx_fpc(100, 100), &iv), CX_OK);
    assert_false(iv.defined);
    assert_near(iv.est, 0.10, EPS);
}

static void test_nps_interval_rejects_bad_arguments(void **state)
{
    (void)state;
    cx_interval iv, before;
    memset(&iv, 0x5a, sizeof iv);
    before = iv;
    assert_int_equal(cx_nps_interval(-1, 30, 30, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_nps_interval(40, NAN, 30, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_nps_interval(40, 30, INFINITY, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_nps_interval(40, 30, 30, 1.0, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_nps_interval(40, 30, 30, 0.0, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_nps_interval(40, 30, 30, 0.95, 1.5, &iv), CX_EINVAL);
    assert_int_equal(cx_nps_interval(40, 30, 30, 0.95, -0.1, &iv), CX_EINVAL);
    assert_int_equal(cx_nps_interval(40, 30, 30, 0.95, NAN, &iv), CX_EINVAL);
    assert_memory_equal(&iv, &before, sizeof iv);
}

static void test_nps_diff_a_vs_b(void **state)
{
    (void)state;
    cx_diff d;
    assert_int_equal(cx_nps_diff(40, 30, 30, 25, 35, 40, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_true(d.defined);
    assert_near(d.shown, 0.25, EPS);
    assert_near(d.center, 0.242718446602, EPS); /* table: diff' = 24.27 */
    assert_near(d.se, 0.112740420909, EPS);     /* table: se = 0.11274 */
    assert_near(d.lo, 0.021751282018, EPS);
    assert_near(d.hi, 0.463685611186, EPS);
    assert_near(d.stat, 2.152896402590, EPS);   /* table: z = 2.1529 */
    assert_near(d.p, 0.031326821288, EPS);      /* table: p = 0.0313 */
    assert_true(d.significant);
    assert_true(isinf(d.df));
    assert_prints(d.center * 100, 2, 2427);
    assert_prints(d.se, 5, 11274);
    assert_prints(d.lo * 100, 1, 22); /* table: 2.2 ... 46.4 */
    assert_prints(d.hi * 100, 1, 464);
    assert_prints(d.stat, 4, 21529);
    assert_prints(d.p, 4, 313);
}

static void test_nps_diff_keeps_the_sign(void **state)
{
    (void)state;
    cx_diff d;
    assert_int_equal(cx_nps_diff(25, 35, 40, 40, 30, 30, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_near(d.shown, -0.25, EPS);
    assert_near(d.center, -0.242718446602, EPS);
    assert_near(d.lo, -0.463685611186, EPS);
    assert_near(d.hi, -0.021751282018, EPS);
    assert_near(d.stat, -2.152896402590, EPS);
    assert_near(d.p, 0.031326821288, EPS);
    assert_true(d.significant);
}

static void test_nps_diff_needs_two_answers_per_sample(void **state)
{
    (void)state;
    cx_diff d;
    assert_int_equal(cx_nps_diff(0, 0, 0, 25, 35, 40, 0.95, 1.0, 1.0, &d), CX_EUNDEFINED);
    assert_false(d.defined);
    assert_true(isnan(d.shown));
    assert_int_equal(cx_nps_diff(40, 30, 30, 1, 0, 0, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_false(d.defined);
    assert_false(d.significant);
    assert_near(d.shown, -0.9, EPS);
    assert_true(isnan(d.lo) && isnan(d.p));
    /* two censuses: the difference is exact, no interval */
    assert_int_equal(cx_nps_diff(40, 30, 30, 25, 35, 40, 0.95, 0.0, 0.0, &d), CX_OK);
    assert_false(d.defined);
    /* one census: only the other sample's variance remains */
    assert_int_equal(cx_nps_diff(40, 30, 30, 25, 35, 40, 0.95, 0.0, 1.0, &d), CX_OK);
    assert_true(d.defined);
    assert_near(d.se, sqrt(0.624422660006 / 103), EPS);
    assert_int_equal(cx_nps_diff(40, 30, 30, 25, 35, 40, 0.95, 1.0, 2.0, &d), CX_EINVAL);
}

/* ---- shares ----------------------------------------------------------- */

static void test_wilson_csat_example(void **state)
{
    (void)state;
    cx_interval iv; /* 002: 80 satisfied of 112 */
    assert_int_equal(cx_wilson_interval(80, 112, 0.95, 1.0, &iv), CX_OK);
    assert_true(iv.defined);
    assert_prints(iv.est * 100, 1, 714);
    assert_near(iv.lo, 0.624607820676, EPS);
    assert_near(iv.hi, 0.789751602009, EPS);
    assert_near(iv.center, 0.707179711343, EPS);
    assert_near(iv.moe, 0.082571890666, EPS);
    assert_prints(iv.lo * 100, 2, 6246); /* table: 62.46 ... 78.98 */
    assert_prints(iv.hi * 100, 2, 7898);
}

static void test_wilson_matches_newcombe_1998a(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_wilson_interval(81, 263, 0.95, 1.0, &iv), CX_OK);
    assert_near(iv.lo, 0.255288519878, EPS);
    assert_near(iv.hi, 0.366209576983, EPS);
    assert_prints(iv.lo, 4, 2553);
    assert_prints(iv.hi, 4, 3662);
    assert_int_equal(cx_wilson_interval(15, 148, 0.95, 1.0, &iv), CX_OK);
    assert_near(iv.lo, 0.062386399531, EPS);
    assert_near(iv.hi, 0.160487241723, EPS);
    assert_prints(iv.lo, 4, 624);
    assert_prints(iv.hi, 4, 1605);
}

static void test_wilson_at_90_percent(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_wilson_interval(50, 500, 0.90, 1.0, &iv), CX_OK);
    assert_near(iv.lo, 0.08003919, 5e-9); /* table: 0.08003919 ... 0.1242664 */
    assert_near(iv.hi, 0.1242664, 5e-8);
    assert_near(iv.lo, 0.080039185883, EPS);
    assert_near(iv.hi, 0.124266385821, EPS);
}

static void test_wilson_extremes_are_exactly_0_and_1(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_wilson_interval(0, 10, 0.95, 1.0, &iv), CX_OK);
    assert_same(iv.lo, 0.0);
    assert_false(signbit(iv.lo)); /* never printed "-0.0" */
    assert_near(iv.hi, 0.277532799863, EPS);
    assert_int_equal(cx_wilson_interval(10, 10, 0.95, 1.0, &iv), CX_OK);
    assert_same(iv.hi, 1.0);
    assert_near(iv.lo, 0.722467200137, EPS);
    for (int n = 1; n <= 2000; n++) {
        assert_int_equal(cx_wilson_interval(0, n, 0.95, 1.0, &iv), CX_OK);
        assert_false(signbit(iv.lo));
        assert_same(iv.lo, 0.0);
        assert_int_equal(cx_wilson_interval(n, n, 0.95, 1.0, &iv), CX_OK);
        assert_same(iv.hi, 1.0);
    }
}

static void test_wilson_fpc_scales_the_score_standard_error(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_wilson_interval(80, 112, 0.95, 0.5, &iv), CX_OK);
    assert_near(iv.lo, 0.670770053530, EPS);
    assert_near(iv.hi, 0.754157753009, EPS);
    assert_near(iv.moe, 0.041693849740, EPS);
    assert_int_equal(cx_wilson_interval(80, 112, 0.95, 0.0, &iv), CX_OK);
    assert_false(iv.defined);
    assert_near(iv.est, 80.0 / 112, EPS);
}

static void test_wilson_rejects_bad_shares(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_wilson_interval(0, 0, 0.95, 1.0, &iv), CX_EUNDEFINED);
    assert_false(iv.defined);
    assert_int_equal(cx_wilson_interval(11, 10, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_wilson_interval(-1, 10, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_wilson_interval(1, NAN, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_wilson_interval(1, 10, 1.0, 1.0, &iv), CX_EINVAL);
}

/* Newcombe (1998b), Table II, method 10 */
static void test_share_diff_matches_newcombe_table_ii(void **state)
{
    (void)state;
    static const struct {
        double k1, n1, k2, n2;
        double lo, hi;        /* mpmath */
        long long plo, phi;   /* published, 4 decimals */
        bool significant;
    } rows[] = {
        {56, 70, 48, 80, 0.052431472402, 0.333872654037, 524, 3339, true},
        {9, 10, 3, 10, 0.170522723935, 0.809017973535, 1705, 8090, true},
        {5, 56, 0, 29, -0.038137147904, 0.192560013855, -381, 1926, false},
        {0, 10, 0, 20, -0.161125158053, 0.277532799863, -1611, 2775, false},
        {10, 10, 0, 10, 0.607509350431, 1.0, 6075, 10000, true},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        cx_diff d;
        assert_int_equal(cx_share_diff(rows[i].k1, rows[i].n1, rows[i].k2, rows[i].n2, 0.95, 1.0,
                                       1.0, &d),
                         CX_OK);
        assert_true(d.defined);
        assert_near(d.lo, rows[i].lo, EPS);
        assert_near(d.hi, rows[i].hi, EPS);
        assert_prints(d.lo, 4, rows[i].plo);
        assert_prints(d.hi, 4, rows[i].phi);
        assert_true(d.significant == rows[i].significant);
        assert_near(d.shown, rows[i].k1 / rows[i].n1 - rows[i].k2 / rows[i].n2, EPS);
    }
}

static void test_share_diff_upper_bound_reaches_exactly_1(void **state)
{
    (void)state;
    cx_diff d;
    assert_int_equal(cx_share_diff(10, 10, 0, 10, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_same(d.hi, 1.0);
}

static void test_share_diff_pooled_z_test(void **state)
{
    (void)state;
    cx_diff d;
    assert_int_equal(cx_share_diff(56, 70, 48, 80, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_near(d.stat, 2.650171951260, EPS); /* table: z = 2.6502, p = 0.008045 */
    assert_near(d.p, 0.008045081368, EPS);
    assert_near(d.se, 0.075466801279, EPS);
    assert_prints(d.stat, 4, 26502);
    assert_prints(d.p, 6, 8045);
    assert_true(isinf(d.df));
}

static void test_share_diff_pooled_share_0_or_1_gives_p_1(void **state)
{
    (void)state;
    cx_diff d;
    assert_int_equal(cx_share_diff(0, 10, 0, 20, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_same(d.p, 1.0);
    assert_same(d.stat, 0.0);
    assert_int_equal(cx_share_diff(10, 10, 20, 20, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_same(d.p, 1.0);
    assert_near(d.lo, -0.277532799863, EPS);
    assert_near(d.hi, 0.161125158053, EPS);
    assert_false(d.significant);
}

static void test_share_diff_interval_decides_not_the_z_test(void **state)
{
    (void)state;
    cx_diff d; /* METRICS 7: 2/10 vs 0/20, p = 0.038 but -1.6 ... 51.0 */
    assert_int_equal(cx_share_diff(2, 10, 0, 20, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_near(d.p, 0.038433930237, EPS);
    assert_near(d.lo, -0.015641652445, EPS);
    assert_near(d.hi, 0.509837528463, EPS);
    assert_prints(d.lo * 100, 1, -16);
    assert_prints(d.hi * 100, 1, 510);
    assert_true(d.p < 0.05);
    assert_false(d.significant);
}

static void test_share_diff_undefined_cases(void **state)
{
    (void)state;
    cx_diff d;
    assert_int_equal(cx_share_diff(0, 0, 3, 10, 0.95, 1.0, 1.0, &d), CX_EUNDEFINED);
    assert_false(d.defined);
    assert_int_equal(cx_share_diff(5, 10, 3, 10, 0.95, 0.0, 0.0, &d), CX_OK);
    assert_false(d.defined);
    assert_near(d.shown, 0.2, EPS);
    assert_int_equal(cx_share_diff(5, 4, 3, 10, 0.95, 1.0, 1.0, &d), CX_EINVAL);
}

/* ---- means ------------------------------------------------------------ */

static const double sleep1[] = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
static const double sleep2[] = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

static void mean_sd(const double *x, size_t n, double *mean, double *sd)
{
    double s = 0.0, ss = 0.0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    *mean = s / (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - *mean) * (x[i] - *mean);
    *sd = sqrt(ss / (double)(n - 1));
}

static void test_mean_interval_sleep_group_1(void **state)
{
    (void)state;
    double mean, sd;
    mean_sd(sleep1, 10, &mean, &sd);
    cx_interval iv;
    assert_int_equal(cx_mean_interval(10, mean, sd, 0.95, 1.0, &iv), CX_OK);
    assert_true(iv.defined);
    assert_near(iv.est, 0.75, EPS);
    assert_near(iv.lo, -0.5297804, 5e-8); /* R: t.test(extra ~ 1, sleep[1:10, ]) */
    assert_near(iv.hi, 2.0297804, 5e-8);
    assert_near(iv.lo, -0.529780413526, EPS);
    assert_near(iv.hi, 2.029780413526, EPS);
}

static void test_mean_interval_needs_two_answers(void **state)
{
    (void)state;
    cx_interval iv;
    assert_int_equal(cx_mean_interval(1, 4.0, NAN, 0.95, 1.0, &iv), CX_OK);
    assert_false(iv.defined);
    assert_same(iv.est, 4.0);
    assert_int_equal(cx_mean_interval(0, NAN, NAN, 0.95, 1.0, &iv), CX_EUNDEFINED);
    assert_false(iv.defined);
    assert_int_equal(cx_mean_interval(3, NAN, 1.0, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_mean_interval(5, 4.0, -1.0, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_mean_interval(5, 4.0, NAN, 0.95, 1.0, &iv), CX_EINVAL);
    assert_int_equal(cx_mean_interval(5, 4.0, 1.0, 0.95, 0.0, &iv), CX_OK);
    assert_false(iv.defined);
    /* a constant sample: a zero-width interval */
    assert_int_equal(cx_mean_interval(5, 4.0, 0.0, 0.95, 1.0, &iv), CX_OK);
    assert_true(iv.defined);
    assert_same(iv.lo, 4.0);
    assert_same(iv.hi, 4.0);
}

static void test_hist_moments_from_exact_counts(void **state)
{
    (void)state;
    const cx_scale csat = {.metric = CX_CSAT, .lo = 1, .hi = 5, .good_lo = 4, .good_hi = 5,
                           .bad_lo = 1, .bad_hi = 0};
    cx_hist h = {.count = {1, 2, 1, 0, 1}}; /* 1, 2, 2, 3, 5 */
    double mean = 0, sd = 0;
    assert_int_equal(cx_hist_moments(&h, &csat, &mean, &sd), CX_OK);
    assert_near(mean, 2.6, 1e-15);
    assert_near(sd, sqrt(2.3), 1e-15);

    cx_hist same = {.count = {0, 0, 7}};
    assert_int_equal(cx_hist_moments(&same, &csat, &mean, &sd), CX_OK);
    assert_same(mean, 3.0);
    assert_same(sd, 0.0);

    cx_hist one = {.count = {0, 0, 0, 1}, .blank = 4, .invalid = 2};
    assert_int_equal(cx_hist_moments(&one, &csat, &mean, &sd), CX_OK);
    assert_same(mean, 4.0);
    assert_true(isnan(sd));

    cx_hist none = {.blank = 3};
    mean = sd = 42.0;
    assert_int_equal(cx_hist_moments(&none, &csat, &mean, &sd), CX_EUNDEFINED);
    assert_same(mean, 42.0);
}

static void test_hist_moments_do_not_overflow(void **state)
{
    (void)state;
    /* 10^9 answers of 0 and 10^9 of 10 on the NPS scale: n sum x^2 is 2e20,
     * beyond 64 bits; sd = 5 sqrt(n / (n - 1)) */
    const cx_scale nps = {.metric = CX_NPS, .lo = 0, .hi = 10, .good_lo = 9, .good_hi = 10,
                          .bad_lo = 0, .bad_hi = 6};
    cx_hist h = {.count = {1000000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000000000}};
    double mean, sd;
    assert_int_equal(cx_hist_moments(&h, &nps, &mean, &sd), CX_OK);
    assert_same(mean, 5.0);
    assert_rel(sd, 5.0 * sqrt(2e9 / (2e9 - 1)), 1e-15);
}

static void test_welch_sleep_groups(void **state)
{
    (void)state;
    double m1, s1, m2, s2;
    mean_sd(sleep1, 10, &m1, &s1);
    mean_sd(sleep2, 10, &m2, &s2);
    cx_diff d;
    assert_int_equal(cx_welch(10, m1, s1, 10, m2, s2, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_true(d.defined);
    /* R: t.test(extra ~ group, data = sleep) */
    assert_near(d.stat, -1.8608135, 5e-8);
    assert_near(d.df, 17.776474, 5e-7);
    assert_near(d.p, 0.07939414, 5e-9);
    assert_near(d.lo, -3.3654832, 5e-8);
    assert_near(d.hi, 0.2054832, 5e-8);
    assert_near(d.stat, -1.860813467487, EPS);
    assert_near(d.df, 17.776473516178, EPS);
    assert_near(d.p, 0.079394140187, EPS);
    assert_near(d.lo, -3.365483230712, EPS);
    assert_near(d.hi, 0.205483230712, EPS);
    assert_near(d.shown, -1.58, EPS);
    assert_false(d.significant);
}

static void test_welch_needs_spread_and_two_answers(void **state)
{
    (void)state;
    cx_diff d;
    assert_int_equal(cx_welch(10, 3.0, 0.0, 12, 4.0, 0.0, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_false(d.defined);
    assert_near(d.shown, -1.0, EPS);
    assert_int_equal(cx_welch(1, 3.0, NAN, 12, 4.0, 1.0, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_false(d.defined);
    assert_int_equal(cx_welch(0, NAN, NAN, 12, 4.0, 1.0, 0.95, 1.0, 1.0, &d), CX_EUNDEFINED);
    assert_false(d.defined);
    assert_true(isnan(d.shown));
    assert_int_equal(cx_welch(10, 3.0, -1.0, 12, 4.0, 1.0, 0.95, 1.0, 1.0, &d), CX_EINVAL);
    /* one constant group: the df is the other group's n - 1 */
    assert_int_equal(cx_welch(10, 3.0, 0.0, 12, 4.0, 1.0, 0.95, 1.0, 1.0, &d), CX_OK);
    assert_true(d.defined);
    assert_near(d.df, 11.0, 1e-12);
    assert_near(d.se, 1.0 / sqrt(12.0), 1e-15);
}

/* ---- weights and populations ------------------------------------------ */

static void test_kish_effective_size(void **state)
{
    (void)state;
    assert_near(cx_kish_neff(50 * 1.0 + 50 * 2.0, 50 * 1.0 + 50 * 4.0), 90.0, 1e-12);
    assert_near(cx_kish_neff(3 * 150.0, 9 * 250.0), 90.0, 1e-12); /* scale-free */
    assert_near(cx_kish_neff(100.0, 100.0), 100.0, 1e-12);        /* unit weights */
    assert_same(cx_kish_neff(0.0, 0.0), 0.0);
    assert_true(isnan(cx_kish_neff(-1.0, 1.0)));
    assert_true(isnan(cx_kish_neff(1.0, NAN)));
}

static void test_fpc_factor(void **state)
{
    (void)state;
    assert_near(cx_fpc(100, 1000), 0.949157995752499, 1e-15);
    assert_same(cx_fpc(1000, 1000), 0.0);
    assert_same(cx_fpc(1200, 1000), 0.0);
    assert_same(cx_fpc(1, 1000), 1.0);
    assert_same(cx_fpc(100, INFINITY), 1.0);
    assert_true(isnan(cx_fpc(-1, 1000)));
    assert_true(isnan(cx_fpc(10, NAN)));
}

/* ---- coverage of the adjusted Wald interval --------------------------- */

/*
 * Exact coverage: the probability, over every outcome (P, M, D) of a
 * multinomial sample of n, that the 95% interval holds the true NPS.
 * Probabilities in log space (lgamma) so that n = 500 neither overflows nor
 * underflows.
 */
static double nps_coverage(int n, double promoters, double passives, double detractors)
{
    double truth = promoters - detractors, lnf = lgamma(n + 1.0);
    double lp = log(promoters), lm = log(passives), ld = log(detractors);
    double covered = 0.0, total = 0.0;
    for (int p = 0; p <= n; p++)
        for (int d = 0; p + d <= n; d++) {
            int m = n - p - d;
            double prob = exp(lnf - lgamma(p + 1.0) - lgamma(m + 1.0) - lgamma(d + 1.0)
                              + p * lp + m * lm + d * ld);
            cx_interval iv;
            assert_int_equal(cx_nps_interval(p, m, d, 0.95, 1.0, &iv), CX_OK);
            total += prob;
            if (iv.lo <= truth && truth <= iv.hi)
                covered += prob;
        }
    assert_near(total, 1.0, 1e-12);
    return covered;
}

static void test_nps_coverage_matches_metrics_at_n_50(void **state)
{
    (void)state;
    assert_prints(nps_coverage(50, 0.5, 0.3, 0.2), 4, 9500);
    assert_prints(nps_coverage(50, 0.8, 0.15, 0.05), 4, 9559);
}

static void test_nps_coverage_is_near_95_percent(void **state)
{
    (void)state;
    static const double shares[][3] = {
        {0.5, 0.3, 0.2}, {0.8, 0.15, 0.05}, {0.3, 0.4, 0.3}, {0.1, 0.2, 0.7}, {0.9, 0.07, 0.03},
    };
    static const int sizes[] = {50, 500};
    for (size_t i = 0; i < sizeof shares / sizeof *shares; i++)
        for (size_t j = 0; j < sizeof sizes / sizeof *sizes; j++) {
            double c = nps_coverage(sizes[j], shares[i][0], shares[i][1], shares[i][2]);
            if (!(c >= 0.93 && c <= 0.97))
                print_error("n = %d, shares %g/%g/%g: coverage %.4f\n", sizes[j], shares[i][0],
                            shares[i][1], shares[i][2], c);
            assert_true(c >= 0.93 && c <= 0.97);
        }
}

/*
 * Issue 15: a significant difference goes the way of its interval.  For
 * shares the Newcombe interval always holds the plain difference d (each
 * bound is d minus or plus a square root), so its side of 0 is d's sign:
 * only rounding can make them disagree.  Checked on every table up to
 * 25 against 25.
 */
static void test_share_diff_interval_holds_the_plain_difference(void **state)
{
    (void)state;
    cx_diff d;
    for (int n1 = 1; n1 <= 25; n1++)
        for (int n2 = 1; n2 <= 25; n2++)
            for (int k1 = 0; k1 <= n1; k1++)
                for (int k2 = 0; k2 <= n2; k2++) {
                    assert_int_equal(cx_share_diff(k1, n1, k2, n2, 0.95, 1, 1, &d), CX_OK);
                    assert_true(d.lo <= d.shown && d.shown <= d.hi);
                    if (d.significant)
                        assert_true(d.lo > 0 ? d.shown > 0 : d.shown < 0);
                }
}

/*
 * Holm's adjustment, against R (tests/stats/expected.R):
 *   p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm")      0.03 0.06 0.06 0.02
 *   p.adjust(c(0.02, NA, 0.02, 0.5, 1), "holm")       0.08 NA 0.08 1 1
 *   p.adjust(c(0.3, 0.6), "holm")                     0.6 0.6
 *   p.adjust(c(1.097008061e-06, 1.946913467e-02, 4.316111191e-02, 1), "holm")
 *       4.388032246e-06 5.840740402e-02 8.632222383e-02 1
 */
static void assert_holm(const double *p, size_t n, const double *want, size_t tested)
{
    double adj[8];
    size_t order[8], m = 99;
    assert_int_equal(cx_holm(p, n, adj, order, &m), CX_OK);
    assert_int_equal(m, tested);
    for (size_t i = 0; i < n; i++) {
        if (isnan(want[i]))
            assert_true(isnan(adj[i]));
        else
            assert_near(adj[i], want[i], 1e-9);
    }
    for (size_t j = 1; j < m; j++) /* the order: tested ones, smallest p first */
        assert_true(p[order[j - 1]] <= p[order[j]]);
}

static void test_holm_matches_r_p_adjust(void **state)
{
    (void)state;
    static const double p1[] = {0.01, 0.04, 0.03, 0.005}, a1[] = {0.03, 0.06, 0.06, 0.02};
    static const double p3[] = {0.3, 0.6}, a3[] = {0.6, 0.6};
    static const double p4[] = {1.097008061e-06, 1.946913467e-02, 4.316111191e-02, 1};
    static const double a4[] = {4.388032246e-06, 5.840740402e-02, 8.632222383e-02, 1};
    double p2[] = {0.02, NAN, 0.02, 0.5, 1}, a2[] = {0.08, NAN, 0.08, 1, 1};
    assert_holm(p1, 4, a1, 4);
    assert_holm(p2, 5, a2, 4);
    assert_holm(p3, 2, a3, 2);
    assert_holm(p4, 4, a4, 4);
}

static void test_holm_edge_cases(void **state)
{
    (void)state;
    double adj[3] = {0}, nan3[] = {NAN, NAN, NAN}, one[] = {0.04}, bad[] = {0.5, 1.5};
    size_t order[3], m = 99;
    assert_int_equal(cx_holm(nan3, 3, adj, order, &m), CX_OK); /* nothing tested */
    assert_int_equal(m, 0);
    assert_true(isnan(adj[0]) && isnan(adj[1]) && isnan(adj[2]));
    assert_int_equal(cx_holm(one, 1, adj, order, &m), CX_OK); /* one test: p itself */
    assert_int_equal(m, 1);
    assert_same(adj[0], 0.04);
    assert_int_equal(cx_holm(NULL, 0, NULL, NULL, &m), CX_OK);
    assert_int_equal(m, 0);
    assert_int_equal(cx_holm(bad, 2, adj, order, &m), CX_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_quantile_matches_r),
        cmocka_unit_test(test_norm_quantile_domain),
        cmocka_unit_test(test_norm_cdf_keeps_tail_precision),
        cmocka_unit_test(test_t_quantile_matches_r),
        cmocka_unit_test(test_t_cdf_matches_reference),
        cmocka_unit_test(test_t_quantile_inverts_t_cdf),
        cmocka_unit_test(test_t_functions_domain),
        cmocka_unit_test(test_confidence_z_is_two_sided),
        cmocka_unit_test(test_confidence_z_rejects_levels_outside_0_1),
        cmocka_unit_test(test_nps_interval_40_30_30),
        cmocka_unit_test(test_nps_interval_25_35_40),
        cmocka_unit_test(test_nps_interval_clips_each_bound),
        cmocka_unit_test(test_nps_interval_is_not_centred_on_the_shown_nps),
        cmocka_unit_test(test_nps_interval_all_promoters_and_all_detractors),
        cmocka_unit_test(test_nps_interval_one_answer_has_no_interval),
        cmocka_unit_test(test_nps_interval_no_answers_is_undefined),
        cmocka_unit_test(test_nps_interval_accepts_weighted_counts),
        cmocka_unit_test(test_nps_interval_fpc_scales_the_standard_error),
        cmocka_unit_test(test_nps_interval_rejects_bad_arguments),
        cmocka_unit_test(test_nps_diff_a_vs_b),
        cmocka_unit_test(test_nps_diff_keeps_the_sign),
        cmocka_unit_test(test_nps_diff_needs_two_answers_per_sample),
        cmocka_unit_test(test_wilson_csat_example),
        cmocka_unit_test(test_wilson_matches_newcombe_1998a),
        cmocka_unit_test(test_wilson_at_90_percent),
        cmocka_unit_test(test_wilson_extremes_are_exactly_0_and_1),
        cmocka_unit_test(test_wilson_fpc_scales_the_score_standard_error),
        cmocka_unit_test(test_wilson_rejects_bad_shares),
        cmocka_unit_test(test_share_diff_matches_newcombe_table_ii),
        cmocka_unit_test(test_share_diff_upper_bound_reaches_exactly_1),
        cmocka_unit_test(test_share_diff_pooled_z_test),
        cmocka_unit_test(test_share_diff_pooled_share_0_or_1_gives_p_1),
        cmocka_unit_test(test_share_diff_interval_decides_not_the_z_test),
        cmocka_unit_test(test_share_diff_undefined_cases),
        cmocka_unit_test(test_mean_interval_sleep_group_1),
        cmocka_unit_test(test_mean_interval_needs_two_answers),
        cmocka_unit_test(test_hist_moments_from_exact_counts),
        cmocka_unit_test(test_hist_moments_do_not_overflow),
        cmocka_unit_test(test_welch_sleep_groups),
        cmocka_unit_test(test_welch_needs_spread_and_two_answers),
        cmocka_unit_test(test_kish_effective_size),
        cmocka_unit_test(test_fpc_factor),
        cmocka_unit_test(test_nps_coverage_matches_metrics_at_n_50),
        cmocka_unit_test(test_nps_coverage_is_near_95_percent),
        cmocka_unit_test(test_share_diff_interval_holds_the_plain_difference),
        cmocka_unit_test(test_holm_matches_r_p_adjust),
        cmocka_unit_test(test_holm_edge_cases),
    };
    int failures = cmocka_run_group_tests(tests, NULL, NULL);
    return failures ? 1 : 0;
}
