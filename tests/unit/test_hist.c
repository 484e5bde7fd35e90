/* test_hist.c - counting fields into histograms, and merging partial histograms exactly. */
#include <string.h>

#include "unit.h"

static const char *const fields[] = {
    "10", "9", " 9 ", "", "abc", "0", "7.5", "8", "   ", "6 - Unlikely", "11", "-1",
    "10.0", "3", "9 - Very likely", "7", "", "05",
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static void add_fields(cx_hist *h, const cx_scale *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        cx_hist_add_text(h, s, fields[i], strlen(fields[i]));
}

static void test_init_makes_an_empty_histogram(void **state)
{
    cx_hist h;

    (void)state;
    memset(&h, 0xff, sizeof h);
    cx_hist_init(&h);
    for (size_t i = 0; i < CX_MAX_BINS; i++)
        assert_true(h.count[i] == 0);
    assert_true(h.blank == 0);
    assert_true(h.invalid == 0);
    assert_true(cx_hist_total(&h) == 0);
}

static void test_add_text_counts_every_field_once(void **state)
{
    cx_scale s;
    cx_hist h;

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&h);
    add_fields(&h, &s, 0, NFIELDS);
    /* By hand: 10 x2, 9 x3, 8, 7, 6, 5, 3, 0 valid; 3 blank; abc 7.5 11 -1 invalid. */
    assert_true(h.count[10] == 2);
    assert_true(h.count[9] == 3);
    assert_true(h.count[8] == 1);
    assert_true(h.count[7] == 1);
    assert_true(h.count[6] == 1);
    assert_true(h.count[5] == 1);
    assert_true(h.count[4] == 0);
    assert_true(h.count[3] == 1);
    assert_true(h.count[0] == 1);
    assert_true(cx_hist_valid(&h) == 11);
    assert_true(h.blank == 3);
    assert_true(h.invalid == 4);
    assert_true(cx_hist_total(&h) == NFIELDS);
}

static void test_add_text_returns_the_parse_status(void **state)
{
    cx_scale s;
    cx_hist h;

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&h);
    assert_int_equal(cx_hist_add_text(&h, &s, "9", 1), CX_OK);
    assert_int_equal(cx_hist_add_text(&h, &s, " ", 1), CX_BLANK);
    assert_int_equal(cx_hist_add_text(&h, &s, NULL, 0), CX_BLANK);
    assert_int_equal(cx_hist_add_text(&h, &s, "12", 2), CX_ERANGE);
    assert_int_equal(cx_hist_add_text(&h, &s, "+9", 2), CX_ESIGN);
    assert_int_equal(cx_hist_add_text(&h, &s, "9.5", 3), CX_EFRACTION);
    assert_int_equal(cx_hist_add_text(&h, &s, "x", 1), CX_ENOTNUM);
    assert_true(cx_hist_valid(&h) == 1);
    assert_true(h.blank == 2);
    assert_true(h.invalid == 4);
}

static void test_add_counts_n_answers_in_the_bin_of_the_score(void **state)
{
    cx_scale s;
    cx_hist h;

    (void)state;
    assert_int_equal(cx_scale_csat(&s, 5, 0), CX_OK);
    cx_hist_init(&h);
    assert_int_equal(cx_hist_add(&h, &s, 1, 3), CX_OK);
    assert_int_equal(cx_hist_add(&h, &s, 5, 40), CX_OK);
    assert_int_equal(cx_hist_add(&h, &s, 5, 2), CX_OK);
    assert_int_equal(cx_hist_add(&h, &s, 4, 0), CX_OK);
    assert_true(h.count[0] == 3); /* bin 0 is the scale's 1 */
    assert_true(h.count[4] == 42);
    assert_true(cx_hist_valid(&h) == 45);
}

static void test_add_off_the_scale_counts_nothing(void **state)
{
    cx_scale s;
    cx_hist h, empty;

    (void)state;
    assert_int_equal(cx_scale_csat(&s, 5, 0), CX_OK);
    cx_hist_init(&h);
    cx_hist_init(&empty);
    assert_int_equal(cx_hist_add(&h, &s, 0, 1), CX_ERANGE);
    assert_int_equal(cx_hist_add(&h, &s, 6, 1), CX_ERANGE);
    assert_int_equal(cx_hist_add(&h, &s, -1, 1), CX_ERANGE);
    assert_int_equal(cx_hist_add(&h, &s, 11, 1), CX_ERANGE);
    assert_memory_equal(&h, &empty, sizeof h);
}

static void test_merge_of_split_data_equals_the_whole(void **state)
{
    cx_scale s;
    cx_hist whole;

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&whole);
    add_fields(&whole, &s, 0, NFIELDS);
    for (size_t split = 0; split <= NFIELDS; split++) {
        cx_hist a, b;

        cx_hist_init(&a);
        cx_hist_init(&b);
        add_fields(&a, &s, 0, split);
        add_fields(&b, &s, split, NFIELDS);
        cx_hist_merge(&a, &b);
        assert_memory_equal(&a, &whole, sizeof a);
    }
}

static void test_merge_adds_counts_beyond_32_bits(void **state)
{
    cx_scale s;
    cx_hist a, b;

    (void)state;
    cx_scale_nps(&s);
    cx_hist_init(&a);
    cx_hist_init(&b);
    assert_int_equal(cx_hist_add(&a, &s, 10, UINT64_C(3000000000)), CX_OK);
    assert_int_equal(cx_hist_add(&b, &s, 10, UINT64_C(3000000000)), CX_OK);
    b.blank = 5;
    b.invalid = 7;
    cx_hist_merge(&a, &b);
    assert_true(a.count[10] == UINT64_C(6000000000));
    assert_true(cx_hist_valid(&a) == UINT64_C(6000000000));
    assert_true(cx_hist_total(&a) == UINT64_C(6000000012));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_makes_an_empty_histogram),
        cmocka_unit_test(test_add_text_counts_every_field_once),
        cmocka_unit_test(test_add_text_returns_the_parse_status),
        cmocka_unit_test(test_add_counts_n_answers_in_the_bin_of_the_score),
        cmocka_unit_test(test_add_off_the_scale_counts_nothing),
        cmocka_unit_test(test_merge_of_split_data_equals_the_whole),
        cmocka_unit_test(test_merge_adds_counts_beyond_32_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
