/* test_frac.c - exact ratios, rounding half away from zero on integers, and fixed-point text. */
#include <math.h>
#include <string.h>

#include "unit.h"

static int64_t rounded(int64_t num, uint64_t den, unsigned mul, unsigned prec)
{
    int64_t scaled = -999999;

    assert_int_equal(cx_frac_round((cx_frac){num, den}, mul, prec, &scaled), CX_OK);
    return scaled;
}

/* The text of the scaled value, checked against the length cx_fixed_format reports. */
static const char *text(int64_t scaled, unsigned prec)
{
    static char buf[64];
    size_t n = cx_fixed_format(scaled, prec, buf, sizeof buf);

    assert_int_equal(n, strlen(buf));
    return buf;
}

static void test_defined_only_with_a_denominator(void **state)
{
    (void)state;
    assert_true(cx_frac_defined((cx_frac){0, 1}));
    assert_true(cx_frac_defined((cx_frac){-3, 7}));
    assert_false(cx_frac_defined((cx_frac){0, 0}));
    assert_false(cx_frac_defined((cx_frac){5, 0}));
}

static void test_value_is_the_ratio_or_nan(void **state)
{
    (void)state;
    assert_near(cx_frac_value((cx_frac){80, 112}), 0.714285714285714, 1e-12);
    assert_near(cx_frac_value((cx_frac){-1, 8}), -0.125, 0);
    assert_true(isnan(cx_frac_value((cx_frac){0, 0})));
}

static void test_ties_round_half_away_from_zero(void **state)
{
    (void)state;
    assert_true(rounded(1, 8, 100, 0) == 13);    /* 12.5 */
    assert_true(rounded(-1, 8, 100, 0) == -13);  /* -12.5 */
    assert_true(rounded(3, 8, 100, 0) == 38);    /* 37.5 */
    assert_true(rounded(1, 16, 100, 1) == 63);   /* 6.25 */
    assert_true(rounded(-1, 16, 100, 1) == -63); /* -6.25 */
    assert_true(rounded(1, 2, 1, 0) == 1);       /* 0.5 */
    assert_true(rounded(-1, 2, 1, 0) == -1);
    assert_true(rounded(5, 2, 1, 0) == 3);       /* 2.5: not to even */
}

static void test_ties_that_a_double_misses_are_exact(void **state)
{
    (void)state;
    /* 29/200 = 0.145; 0.145 * 100 in double is 14.499999999999998. */
    assert_true(rounded(29, 200, 100, 0) == 15);
    /* 1.005 at 2 decimals: the double is 1.00499999999999989... */
    assert_true(rounded(201, 200, 1, 2) == 101);
    assert_true(rounded(-201, 200, 1, 2) == -101);
}

static void test_non_ties_round_to_nearest(void **state)
{
    (void)state;
    assert_true(rounded(80, 112, 100, 1) == 714);           /* 71.428571... */
    assert_true(rounded(80, 112, 100, 0) == 71);
    assert_true(rounded(80, 112, 100, 6) == 71428571);
    assert_true(rounded(2, 3, 100, 1) == 667);              /* 66.666... */
    assert_true(rounded(-2, 3, 100, 1) == -667);
    assert_true(rounded(1, 3, 1000, 6) == 333333333);       /* widest mul and prec */
    assert_true(rounded(436, 112, 1, 2) == 389);            /* 3.892857... */
    assert_true(rounded(60, 100, 100, 1) == 600);
    assert_true(rounded(0, 5, 100, 3) == 0);
}

static void test_negative_that_rounds_to_zero_is_plain_zero(void **state)
{
    (void)state;
    /* -1/2001 = -0.04998%: 0.0 at one decimal, and written without a sign. */
    assert_true(rounded(-1, 2001, 100, 1) == 0);
    assert_string_equal(text(rounded(-1, 2001, 100, 1), 1), "0.0");
    assert_string_equal(text(rounded(-1, 3, 1, 0), 0), "0");
}

static void test_extremes_do_not_overflow(void **state)
{
    int64_t scaled = 42;

    (void)state;
    assert_true(rounded(INT64_MIN, 1, 1, 0) == INT64_MIN);
    assert_true(rounded(INT64_MAX, 1, 1, 0) == INT64_MAX);
    assert_true(rounded(INT64_MIN, UINT64_MAX, 1000, 6) == -500000000); /* -0.5 * 10^9 */
    assert_true(rounded(INT64_MAX, UINT64_MAX, 1000, 6) == 500000000);
    /* A result past int64 is refused, not wrapped. */
    assert_int_equal(cx_frac_round((cx_frac){INT64_MAX, 1}, 100, 0, &scaled), CX_EINVAL);
    assert_int_equal(cx_frac_round((cx_frac){INT64_MIN, 1}, 1, 1, &scaled), CX_EINVAL);
    assert_true(scaled == 42);
}

static void test_round_rejects_undefined_and_bad_arguments(void **state)
{
    int64_t scaled = 42;

    (void)state;
    assert_int_equal(cx_frac_round((cx_frac){0, 0}, 100, 1, &scaled), CX_EUNDEFINED);
    assert_int_equal(cx_frac_round((cx_frac){1, 2}, 100, CX_MAX_PRECISION + 1, &scaled),
                     CX_EINVAL);
    assert_int_equal(cx_frac_round((cx_frac){1, 2}, 1001, 0, &scaled), CX_EINVAL);
    assert_true(scaled == 42);
}

static void test_format_places_the_point_prec_digits_from_the_right(void **state)
{
    (void)state;
    assert_string_equal(text(714, 1), "71.4");
    assert_string_equal(text(600, 1), "60.0");
    assert_string_equal(text(389, 2), "3.89");
    assert_string_equal(text(5, 2), "0.05");
    assert_string_equal(text(7, 3), "0.007");
    assert_string_equal(text(1000000, 6), "1.000000");
    assert_string_equal(text(0, 1), "0.0");
    assert_string_equal(text(0, 6), "0.000000");
}

static void test_format_negatives_and_prec_0(void **state)
{
    (void)state;
    assert_string_equal(text(-150, 1), "-15.0");
    assert_string_equal(text(-5, 2), "-0.05");
    assert_string_equal(text(-1, 1), "-0.1");
    assert_string_equal(text(-13, 0), "-13");
    assert_string_equal(text(13, 0), "13");
    assert_string_equal(text(0, 0), "0");
    assert_string_equal(text(INT64_MIN, 0), "-9223372036854775808");
    assert_string_equal(text(INT64_MIN, 6), "-9223372036854.775808");
    assert_string_equal(text(INT64_MAX, 0), "9223372036854775807");
}

static void test_format_truncates_like_snprintf(void **state)
{
    char buf[8];

    (void)state;
    assert_int_equal(cx_fixed_format(714, 1, NULL, 0), 4);
    memset(buf, 'x', sizeof buf);
    assert_int_equal(cx_fixed_format(714, 1, buf, 5), 4);
    assert_string_equal(buf, "71.4");
    memset(buf, 'x', sizeof buf);
    assert_int_equal(cx_fixed_format(714, 1, buf, 4), 4);
    assert_string_equal(buf, "71.");
    memset(buf, 'x', sizeof buf);
    assert_int_equal(cx_fixed_format(-150, 1, buf, 3), 5);
    assert_string_equal(buf, "-1");
    assert_true(buf[3] == 'x');
    memset(buf, 'x', sizeof buf);
    assert_int_equal(cx_fixed_format(-150, 1, buf, 1), 5);
    assert_true(buf[0] == '\0');
    assert_true(buf[1] == 'x');
}

static void test_format_length_of_a_wide_precision_without_writing_it(void **state)
{
    char buf[4];

    (void)state;
    /* "0." and 100000 zeros and "5": only the first 3 bytes fit. */
    assert_int_equal(cx_fixed_format(5, 100001, buf, sizeof buf), 100003);
    assert_string_equal(buf, "0.0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defined_only_with_a_denominator),
        cmocka_unit_test(test_value_is_the_ratio_or_nan),
        cmocka_unit_test(test_ties_round_half_away_from_zero),
        cmocka_unit_test(test_ties_that_a_double_misses_are_exact),
        cmocka_unit_test(test_non_ties_round_to_nearest),
        cmocka_unit_test(test_negative_that_rounds_to_zero_is_plain_zero),
        cmocka_unit_test(test_extremes_do_not_overflow),
        cmocka_unit_test(test_round_rejects_undefined_and_bad_arguments),
        cmocka_unit_test(test_format_places_the_point_prec_digits_from_the_right),
        cmocka_unit_test(test_format_negatives_and_prec_0),
        cmocka_unit_test(test_format_truncates_like_snprintf),
        cmocka_unit_test(test_format_length_of_a_wide_precision_without_writing_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
