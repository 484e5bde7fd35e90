/* test_status.c - every status has its own short message, and unknown values are named as such. */
#include <string.h>

#include "unit.h"

static void test_every_status_has_a_distinct_phrase_without_period(void **state)
{
    (void)state;
    for (int s = 0; s < CX_STATUS_COUNT; s++) {
        const char *m = cx_strerror((cx_status)s);

        assert_non_null(m);
        assert_true(strlen(m) > 0);
        assert_true(m[strlen(m) - 1] != '.');
        assert_string_not_equal(m, "unknown status");
        for (int t = 0; t < s; t++)
            assert_string_not_equal(m, cx_strerror((cx_status)t));
    }
}

static void test_status_out_of_range_is_unknown(void **state)
{
    (void)state;
    assert_string_equal(cx_strerror(CX_STATUS_COUNT), "unknown status");
    assert_string_equal(cx_strerror((cx_status)-1), "unknown status");
    assert_string_equal(cx_strerror((cx_status)1000), "unknown status");
}

static void test_score_errors_read_as_reasons(void **state)
{
    (void)state;
    assert_string_equal(cx_strerror(CX_ENOTNUM), "not a number");
    assert_string_equal(cx_strerror(CX_ERANGE), "number outside the scale");
    assert_string_equal(cx_strerror(CX_EFRACTION), "number with a fractional part");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_status_has_a_distinct_phrase_without_period),
        cmocka_unit_test(test_status_out_of_range_is_unknown),
        cmocka_unit_test(test_score_errors_read_as_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
