/* test_scale.c - the allowed scales and how each classifies answers (METRICS.md sections 1-3). */
#include <string.h>

#include "unit.h"

static void assert_ranges(const cx_scale *s, int lo, int hi, int good_lo, int good_hi)
{
    assert_int_equal(s->lo, lo);
    assert_int_equal(s->hi, hi);
    assert_int_equal(s->good_lo, good_lo);
    assert_int_equal(s->good_hi, good_hi);
}

static void test_nps_is_0_to_10_promoters_9_10_detractors_0_6(void **state)
{
    cx_scale s;

    (void)state;
    cx_scale_nps(&s);
    assert_int_equal(s.metric, CX_NPS);
    assert_ranges(&s, 0, 10, 9, 10);
    assert_int_equal(s.bad_lo, 0);
    assert_int_equal(s.bad_hi, 6);
}

static void test_csat_default_threshold_is_top_two_box(void **state)
{
    /* METRICS.md section 2: 1-3 -> 3 only, 1-5 -> 4-5, 1-7 -> 6-7, 1-10 -> 9-10. */
    static const struct { int hi, satisfied_from; } cases[] = {{3, 3}, {5, 4}, {7, 6}, {10, 9}};
    cx_scale s;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(cx_scale_csat(&s, cases[i].hi, 0), CX_OK);
        assert_int_equal(s.metric, CX_CSAT);
        assert_ranges(&s, 1, cases[i].hi, cases[i].satisfied_from, cases[i].hi);
    }
}

static void test_csat_has_no_bad_answers(void **state)
{
    cx_scale s;

    (void)state;
    assert_int_equal(cx_scale_csat(&s, 5, 0), CX_OK);
    assert_true(s.bad_lo > s.bad_hi);
}

static void test_csat_rejects_other_scales_and_leaves_scale_untouched(void **state)
{
    static const int bad_hi[] = {-5, 0, 1, 2, 4, 6, 8, 9, 11, 100};
    cx_scale s, before;

    (void)state;
    memset(&before, 0x5a, sizeof before);
    for (size_t i = 0; i < sizeof bad_hi / sizeof bad_hi[0]; i++) {
        s = before;
        assert_int_equal(cx_scale_csat(&s, bad_hi[i], 0), CX_EINVAL);
        assert_memory_equal(&s, &before, sizeof s);
    }
}

static void test_csat_satisfied_from_overrides_the_default(void **state)
{
    cx_scale s;

    (void)state;
    assert_int_equal(cx_scale_csat(&s, 5, 3), CX_OK);
    assert_ranges(&s, 1, 5, 3, 5);
    assert_int_equal(cx_scale_csat(&s, 5, 5), CX_OK);
    assert_ranges(&s, 1, 5, 5, 5);
    assert_int_equal(cx_scale_csat(&s, 10, 2), CX_OK);
    assert_ranges(&s, 1, 10, 2, 10);
    assert_int_equal(cx_scale_csat(&s, 3, 2), CX_OK);
    assert_ranges(&s, 1, 3, 2, 3);
}

static void test_csat_satisfied_from_must_be_lo_plus_1_to_hi(void **state)
{
    cx_scale s;

    (void)state;
    assert_int_equal(cx_scale_csat(&s, 5, 1), CX_EINVAL);  /* everyone satisfied */
    assert_int_equal(cx_scale_csat(&s, 5, 6), CX_EINVAL);  /* nobody can be */
    assert_int_equal(cx_scale_csat(&s, 5, -1), CX_EINVAL);
    assert_int_equal(cx_scale_csat(&s, 3, 4), CX_EINVAL);
    assert_int_equal(cx_scale_csat(&s, 10, 11), CX_EINVAL);
}

static void test_ces_agree_low_effort_is_strictly_above_midpoint(void **state)
{
    /* 1-5: midpoint 3 -> 4,5; 1-7: midpoint 4 -> 5,6,7; 1-10: midpoint 5.5 -> 6..10. */
    static const struct { int hi, good_lo; } cases[] = {{5, 4}, {7, 5}, {10, 6}};
    cx_scale s;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(cx_scale_ces(&s, cases[i].hi, CX_CES_AGREE), CX_OK);
        assert_int_equal(s.metric, CX_CES);
        assert_int_equal(s.direction, CX_CES_AGREE);
        assert_ranges(&s, 1, cases[i].hi, cases[i].good_lo, cases[i].hi);
        assert_true(s.bad_lo > s.bad_hi);
    }
}

static void test_ces_effort_low_effort_is_strictly_below_midpoint(void **state)
{
    /* 1-5: 1,2; 1-7: 1,2,3; 1-10: 1..5. */
    static const struct { int hi, good_hi; } cases[] = {{5, 2}, {7, 3}, {10, 5}};
    cx_scale s;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(cx_scale_ces(&s, cases[i].hi, CX_CES_EFFORT), CX_OK);
        assert_int_equal(s.direction, CX_CES_EFFORT);
        assert_ranges(&s, 1, cases[i].hi, 1, cases[i].good_hi);
        assert_true(s.bad_lo > s.bad_hi);
    }
}

static void test_ces_rejects_other_scales_and_directions(void **state)
{
    cx_scale s;

    (void)state;
    assert_int_equal(cx_scale_ces(&s, 3, CX_CES_AGREE), CX_EINVAL);
    assert_int_equal(cx_scale_ces(&s, 11, CX_CES_AGREE), CX_EINVAL);
    assert_int_equal(cx_scale_ces(&s, 7, (cx_ces_direction)2), CX_EINVAL);
    assert_int_equal(cx_scale_ces(&s, 7, (cx_ces_direction)-1), CX_EINVAL);
}

static void test_metric_names_are_option_spellings(void **state)
{
    (void)state;
    assert_string_equal(cx_metric_name(CX_NPS), "nps");
    assert_string_equal(cx_metric_name(CX_CSAT), "csat");
    assert_string_equal(cx_metric_name(CX_CES), "ces");
    assert_null(cx_metric_name(CX_METRIC_COUNT));
    assert_null(cx_metric_name((cx_metric)-1));
}

static void test_level_scale_is_1_to_5_without_good_or_bad_answers(void **state)
{
    cx_scale s;

    (void)state;
    cx_scale_level(&s);
    assert_int_equal(s.metric, CX_LEVEL);
    assert_int_equal(s.lo, 1);
    assert_int_equal(s.hi, 5);
    assert_true(s.good_lo > s.good_hi);
    assert_true(s.bad_lo > s.bad_hi);
    assert_string_equal(cx_metric_name(CX_LEVEL), "level");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_scale_is_1_to_5_without_good_or_bad_answers),
        cmocka_unit_test(test_nps_is_0_to_10_promoters_9_10_detractors_0_6),
        cmocka_unit_test(test_csat_default_threshold_is_top_two_box),
        cmocka_unit_test(test_csat_has_no_bad_answers),
        cmocka_unit_test(test_csat_rejects_other_scales_and_leaves_scale_untouched),
        cmocka_unit_test(test_csat_satisfied_from_overrides_the_default),
        cmocka_unit_test(test_csat_satisfied_from_must_be_lo_plus_1_to_hi),
        cmocka_unit_test(test_ces_agree_low_effort_is_strictly_above_midpoint),
        cmocka_unit_test(test_ces_effort_low_effort_is_strictly_below_midpoint),
        cmocka_unit_test(test_ces_rejects_other_scales_and_directions),
        cmocka_unit_test(test_metric_names_are_option_spellings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
