/* test_summary.c - the counts and ratios of a histogram, against the documents' worked examples. */
#include "unit.h"

static int64_t rounded(cx_frac f, unsigned mul, unsigned prec)
{
    int64_t scaled = -999999;

    assert_int_equal(cx_frac_round(f, mul, prec, &scaled), CX_OK);
    return scaled;
}

static void add(cx_hist *h, const cx_scale *s, int score, uint64_t n)
{
    assert_int_equal(cx_hist_add(h, s, score, n), CX_OK);
}

static void assert_frac(cx_frac f, int64_t num, uint64_t den)
{
    assert_true(f.num == num);
    assert_true(f.den == den);
}

static void test_nps_70_promoters_20_passives_10_detractors_is_60(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&h);
    add(&h, &s, 9, 50);
    add(&h, &s, 10, 20);
    add(&h, &s, 7, 10);
    add(&h, &s, 8, 10);
    add(&h, &s, 0, 4);
    add(&h, &s, 6, 6);
    cx_summarize(&h, &s, &sum);
    assert_true(sum.n == 100);
    assert_true(sum.good == 70);
    assert_true(sum.mid == 20);
    assert_true(sum.bad == 10);
    assert_frac(sum.index, 60, 100);
    assert_true(rounded(sum.index, 100, 1) == 600);
    assert_true(rounded(sum.index, 100, 0) == 60);
    assert_true(rounded(sum.good_share, 100, 1) == 700);
    assert_true(rounded(sum.mid_share, 100, 1) == 200);
    assert_true(rounded(sum.bad_share, 100, 1) == 100);
    /* 450 + 200 + 70 + 80 + 0 + 36 = 836 */
    assert_true(sum.sum == 836);
    assert_frac(sum.mean, 836, 100);
    assert_true(rounded(sum.mean, 1, 2) == 836);
}

static void test_nps_passives_count_in_denominator(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&h);
    add(&h, &s, 10, 1);
    add(&h, &s, 8, 1);
    cx_summarize(&h, &s, &sum);
    /* (1 - 0) / 2 = 50, not (P - D) / (P + D) = 100. */
    assert_frac(sum.index, 1, 2);
    assert_true(rounded(sum.index, 100, 1) == 500);
}

static void test_nps_below_zero_keeps_its_sign(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;
    char buf[16];

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&h);
    add(&h, &s, 9, 25);
    add(&h, &s, 7, 35);
    add(&h, &s, 3, 40);
    cx_summarize(&h, &s, &sum);
    assert_frac(sum.index, -15, 100);
    cx_fixed_format(rounded(sum.index, 100, 1), 1, buf, sizeof buf);
    assert_string_equal(buf, "-15.0");
}

static void test_nps_slightly_below_zero_displays_as_zero(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;
    char buf[16];

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&h);
    add(&h, &s, 6, 1);
    add(&h, &s, 8, 2000);
    cx_summarize(&h, &s, &sum);
    assert_frac(sum.index, -1, 2001); /* -0.04998 */
    cx_fixed_format(rounded(sum.index, 100, 1), 1, buf, sizeof buf);
    assert_string_equal(buf, "0.0");
}

static void test_csat_30_fours_50_fives_of_112_is_71_4(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;

    (void)state;
    assert_int_equal(cx_scale_csat(&s, 5, 0), CX_OK);
    cx_hist_init(&h);
    add(&h, &s, 1, 10);
    add(&h, &s, 2, 10);
    add(&h, &s, 3, 12);
    add(&h, &s, 4, 30);
    add(&h, &s, 5, 50);
    cx_summarize(&h, &s, &sum);
    assert_true(sum.n == 112);
    assert_true(sum.good == 80);
    assert_true(sum.mid == 32);
    assert_true(sum.bad == 0);
    assert_frac(sum.index, 80, 112);
    assert_frac(sum.good_share, 80, 112);
    assert_true(rounded(sum.index, 100, 1) == 714); /* 71.428... */
    assert_true(rounded(sum.index, 100, 0) == 71);
    /* 10 + 20 + 36 + 120 + 250 = 436; 436 / 112 = 3.892857... */
    assert_true(sum.sum == 436);
    assert_frac(sum.mean, 436, 112);
    assert_true(rounded(sum.mean, 1, 2) == 389);
    assert_true(rounded(sum.mean, 1, 1) == 39);
}

static void test_csat_threshold_override_moves_answers_into_satisfied(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;

    (void)state;
    assert_int_equal(cx_scale_csat(&s, 5, 3), CX_OK);
    cx_hist_init(&h);
    add(&h, &s, 2, 1);
    add(&h, &s, 3, 1);
    add(&h, &s, 5, 2);
    cx_summarize(&h, &s, &sum);
    assert_true(sum.good == 3);
    assert_frac(sum.index, 3, 4);
}

static void test_ces_agree_counts_5_6_7_as_low_effort(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;

    (void)state;
    assert_int_equal(cx_scale_ces(&s, 7, CX_CES_AGREE), CX_OK);
    cx_hist_init(&h);
    for (int v = 1; v <= 7; v++)
        add(&h, &s, v, 1);
    cx_summarize(&h, &s, &sum);
    assert_true(sum.good == 3);
    assert_true(sum.mid == 4);
    assert_true(sum.bad == 0);
    assert_frac(sum.index, 3, 7);
    assert_frac(sum.mean, 28, 7);
}

static void test_ces_effort_counts_1_2_as_low_effort(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;

    (void)state;
    assert_int_equal(cx_scale_ces(&s, 5, CX_CES_EFFORT), CX_OK);
    cx_hist_init(&h);
    add(&h, &s, 1, 4);
    add(&h, &s, 2, 1);
    add(&h, &s, 3, 2);
    add(&h, &s, 5, 3);
    cx_summarize(&h, &s, &sum);
    assert_true(sum.good == 5);
    assert_true(sum.mid == 5);
    assert_frac(sum.index, 5, 10);
    assert_frac(sum.mean, 4 + 2 + 6 + 15, 10);
}

static void test_zero_answers_have_no_value(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;
    int64_t scaled = 42;

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&h);
    assert_int_equal(cx_hist_add_text(&h, &s, "", 0), CX_BLANK);
    assert_int_equal(cx_hist_add_text(&h, &s, "n/a", 3), CX_ENOTNUM);
    cx_summarize(&h, &s, &sum);
    assert_true(sum.n == 0);
    assert_true(sum.blank == 1);
    assert_true(sum.invalid == 1);
    assert_false(cx_frac_defined(sum.index));
    assert_false(cx_frac_defined(sum.mean));
    assert_false(cx_frac_defined(sum.good_share));
    assert_false(cx_frac_defined(sum.mid_share));
    assert_false(cx_frac_defined(sum.bad_share));
    assert_int_equal(cx_frac_round(sum.index, 100, 1, &scaled), CX_EUNDEFINED);
    assert_int_equal(cx_frac_round(sum.mean, 1, 2, &scaled), CX_EUNDEFINED);
    assert_true(scaled == 42);
}

static void test_blank_and_invalid_are_carried_not_counted_in_n(void **state)
{
    cx_scale s;
    cx_hist h;
    cx_summary sum;

    (void)state;
    assert_int_equal(cx_scale_csat(&s, 5, 0), CX_OK);
    cx_hist_init(&h);
    add(&h, &s, 5, 3);
    h.blank = 7;
    h.invalid = 2;
    cx_summarize(&h, &s, &sum);
    assert_true(sum.n == 3);
    assert_true(sum.blank == 7);
    assert_true(sum.invalid == 2);
    assert_frac(sum.index, 3, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nps_70_promoters_20_passives_10_detractors_is_60),
        cmocka_unit_test(test_nps_passives_count_in_denominator),
        cmocka_unit_test(test_nps_below_zero_keeps_its_sign),
        cmocka_unit_test(test_nps_slightly_below_zero_displays_as_zero),
        cmocka_unit_test(test_csat_30_fours_50_fives_of_112_is_71_4),
        cmocka_unit_test(test_csat_threshold_override_moves_answers_into_satisfied),
        cmocka_unit_test(test_ces_agree_counts_5_6_7_as_low_effort),
        cmocka_unit_test(test_ces_effort_counts_1_2_as_low_effort),
        cmocka_unit_test(test_zero_answers_have_no_value),
        cmocka_unit_test(test_blank_and_invalid_are_carried_not_counted_in_n),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
