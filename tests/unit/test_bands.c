/* test_bands.c - interval syntax, checking band sets, and the band of a displayed value. */
#include <string.h>

#include "unit.h"

/* ---- cx_interval_parse -------------------------------------------------- */

static void assert_interval(const char *text, int64_t lo, unsigned lo_exp, bool lo_open,
                            int64_t hi, unsigned hi_exp, bool hi_open)
{
    cx_band b;

    memset(&b, 0, sizeof b);
    assert_int_equal(cx_interval_parse(text, strlen(text), &b), CX_OK);
    assert_true(b.lo.mant == lo);
    assert_int_equal(b.lo.exp, lo_exp);
    assert_int_equal(b.lo_open, lo_open);
    assert_true(b.hi.mant == hi);
    assert_int_equal(b.hi.exp, hi_exp);
    assert_int_equal(b.hi_open, hi_open);
}

static void test_interval_accepts_the_four_bracket_forms(void **state)
{
    (void)state;
    assert_interval("[50,100]", 50, 0, false, 100, 0, false);
    assert_interval("[30,50)", 30, 0, false, 50, 0, true);
    assert_interval("(50,100]", 50, 0, true, 100, 0, false);
    assert_interval("(0,1)", 0, 0, true, 1, 0, true);
}

static void test_interval_accepts_spaces_negatives_and_decimals(void **state)
{
    (void)state;
    assert_interval("[ -100 , 30 )", -100, 0, false, 30, 0, true);
    assert_interval("[\t1.5,\t2.50 ]", 15, 1, false, 250, 2, false);
    assert_interval("[-0.000001,0.999999]", -1, 6, false, 999999, 6, false);
    assert_interval("[007,-0]", 7, 0, false, 0, 0, false);
    /* Reversed bounds are a well-formed interval; cx_bandset_add calls it empty. */
    assert_interval("[100,50]", 100, 0, false, 50, 0, false);
}

static void test_interval_rejects_malformed_text(void **state)
{
    static const char *const bad[] = {
        "", "[", "[]", "[,]", "[50]", "[50,100", "50,100]", "[50 100]", "[50;100]",
        "[50,,100]", "{50,100}", "<50,100>", "]50,100[", "[+5,10]", "[5.,10]", "[.5,10]",
        "[1.1234567,2]", "[--5,10]", "[- 5,10]", "[5 0,10]", "[a,b]", "[5,10]x", " [5,10]",
        "[5,10] ", "[5,10]]", "[1e2,200]", "[0x10,20]", "[5,10,20]",
        "[99999999999999999999,1]", "[9223372036854775808,1]",
    };
    cx_band b, before;

    (void)state;
    memset(&before, 0x5a, sizeof before);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        b = before;
        if (cx_interval_parse(bad[i], strlen(bad[i]), &b) != CX_EINTERVAL)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_memory_equal(&b, &before, sizeof b);
    }
}

static void test_interval_reads_only_len_bytes(void **state)
{
    cx_band b;

    (void)state;
    assert_int_equal(cx_interval_parse("[1,2]junk", 5, &b), CX_OK);
    assert_int_equal(cx_interval_parse("[1,2]", 4, &b), CX_EINTERVAL);
    assert_int_equal(cx_interval_parse("[1,2\0]", 6, &b), CX_EINTERVAL);
    assert_int_equal(cx_interval_parse(NULL, 0, &b), CX_EINTERVAL);
}

static void test_interval_keeps_the_largest_int64_bound(void **state)
{
    (void)state;
    assert_interval("[-9223372036854775807,9223372036854775807]", -INT64_MAX, 0, false,
                    INT64_MAX, 0, false);
    assert_interval("[0,9223372036854.775807]", 0, 0, false, INT64_MAX, 6, false);
}

/* ---- cx_bandset_add ----------------------------------------------------- */

static cx_bandset empty_set(cx_metric metric)
{
    cx_bandset set;

    memset(&set, 0, sizeof set);
    set.name = "test";
    set.metric = metric;
    return set;
}

static cx_status add(cx_bandset *set, const char *interval, const char *id)
{
    return cx_bandset_add(set, interval, strlen(interval), id, "en", "ru");
}

static void test_add_appends_and_borrows_strings(void **state)
{
    static const char id[] = "good", en[] = "English", ru[] = "Русский";
    cx_bandset set = empty_set(CX_NPS);

    (void)state;
    assert_int_equal(cx_bandset_add(&set, "[50,100]", 8, id, en, ru), CX_OK);
    assert_int_equal(set.count, 1);
    assert_ptr_equal(set.band[0].id, id);
    assert_ptr_equal(set.band[0].label_en, en);
    assert_ptr_equal(set.band[0].label_ru, ru);
    assert_true(set.band[0].lo.mant == 50);
    assert_true(set.band[0].hi.mant == 100);
}

static void test_add_rejects_a_malformed_interval(void **state)
{
    cx_bandset set = empty_set(CX_NPS);

    (void)state;
    assert_int_equal(add(&set, "50..100", "x"), CX_EINTERVAL);
    assert_int_equal(set.count, 0);
}

static void test_add_rejects_an_interval_that_holds_no_value(void **state)
{
    cx_bandset set = empty_set(CX_NPS);

    (void)state;
    assert_int_equal(add(&set, "[50,30]", "a"), CX_EBAND_EMPTY);
    assert_int_equal(add(&set, "[5,5)", "a"), CX_EBAND_EMPTY);
    assert_int_equal(add(&set, "(5,5]", "a"), CX_EBAND_EMPTY);
    assert_int_equal(add(&set, "(5,5)", "a"), CX_EBAND_EMPTY);
    assert_int_equal(add(&set, "[5.1,5.05]", "a"), CX_EBAND_EMPTY);
    assert_int_equal(set.count, 0);
    assert_int_equal(add(&set, "[5,5]", "a"), CX_OK); /* the single value 5 */
    assert_int_equal(add(&set, "(5,5.000001)", "b"), CX_OK);
    assert_int_equal(set.count, 2);
}

static void test_add_refuses_more_than_max_bands(void **state)
{
    cx_bandset set = empty_set(CX_NPS);

    (void)state;
    for (int i = 0; i < CX_MAX_BANDS; i++)
        assert_int_equal(add(&set, "[0,1]", "x"), CX_OK);
    assert_int_equal(add(&set, "[0,1]", "x"), CX_EBAND_FULL);
    assert_int_equal(set.count, CX_MAX_BANDS);
}

/* ---- cx_band_range ------------------------------------------------------ */

static void assert_range(const cx_scale *s, int64_t lo, int64_t hi)
{
    cx_decimal a, b;

    cx_band_range(s, &a, &b);
    assert_true(a.mant == lo);
    assert_int_equal(a.exp, 0);
    assert_true(b.mant == hi);
    assert_int_equal(b.exp, 0);
}

static void test_range_is_nps_index_csat_percent_or_ces_scale(void **state)
{
    cx_scale s;

    (void)state;
    cx_scale_nps(&s);
    assert_range(&s, -100, 100);
    assert_int_equal(cx_scale_csat(&s, 7, 0), CX_OK);
    assert_range(&s, 0, 100);
    assert_int_equal(cx_scale_ces(&s, 7, CX_CES_AGREE), CX_OK);
    assert_range(&s, 1, 7);
    assert_int_equal(cx_scale_ces(&s, 10, CX_CES_EFFORT), CX_OK);
    assert_range(&s, 1, 10);
}

/* ---- cx_bandset_check --------------------------------------------------- */

static const cx_decimal NPS_LO = {-100, 0}, NPS_HI = {100, 0};

/* Build a set from intervals (ids "b0", "b1", ...) and check it against -100..100. */
static cx_status check_nps(const char *const *intervals, size_t n, size_t *bad)
{
    static const char *const ids[] = {"b0", "b1", "b2", "b3", "b4", "b5"};
    cx_bandset set = empty_set(CX_NPS);

    for (size_t i = 0; i < n; i++)
        assert_int_equal(add(&set, intervals[i], ids[i]), CX_OK);
    *bad = 999;
    return cx_bandset_check(&set, NPS_LO, NPS_HI, bad);
}

#define CHECK(bad, ...)                                                                     \
    check_nps((const char *const[]){__VA_ARGS__},                                          \
              sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *), (bad))

static void test_check_accepts_a_tiling_in_any_order(void **state)
{
    size_t bad = 999;

    (void)state;
    assert_int_equal(CHECK(&bad, "[50,100]", "[30,50)", "[-100,30)"), CX_OK);
    assert_int_equal(CHECK(&bad, "[-100,30)", "(50,100]", "[30,50]"), CX_OK);
    assert_int_equal(CHECK(&bad, "[-100,100]"), CX_OK);
    assert_int_equal(CHECK(&bad, "(0,100]", "[0,0]", "[-100,0)"), CX_OK);
    assert_int_equal(CHECK(&bad, "[-100,-0.5)", "[-0.50,0.25]", "(0.250000,100]"), CX_OK);
}

static void test_check_accepts_decimal_bands_on_a_ces_scale(void **state)
{
    cx_scale s;
    cx_decimal lo, hi;
    cx_bandset set = empty_set(CX_CES);
    size_t bad = 999;

    (void)state;
    assert_int_equal(cx_scale_ces(&s, 5, CX_CES_AGREE), CX_OK);
    cx_band_range(&s, &lo, &hi);
    assert_int_equal(add(&set, "[4.5,5]", "5"), CX_OK);
    assert_int_equal(add(&set, "[1,1.5)", "1"), CX_OK);
    assert_int_equal(add(&set, "[2.5,3.5)", "3"), CX_OK);
    assert_int_equal(add(&set, "[1.5,2.5)", "2"), CX_OK);
    assert_int_equal(add(&set, "[3.5,4.5)", "4"), CX_OK);
    assert_int_equal(cx_bandset_check(&set, lo, hi, &bad), CX_OK);
    /* The same set does not cover a 1-7 scale: the gap is at the top. */
    assert_int_equal(cx_scale_ces(&s, 7, CX_CES_AGREE), CX_OK);
    cx_band_range(&s, &lo, &hi);
    assert_int_equal(cx_bandset_check(&set, lo, hi, &bad), CX_EBAND_GAP);
    assert_int_equal(bad, 5);
}

static void test_check_names_the_band_after_a_gap(void **state)
{
    size_t bad = 999;

    (void)state;
    /* 40..50 is in no band: [50,100] (index 0) follows the gap. */
    assert_int_equal(CHECK(&bad, "[50,100]", "[30,40)", "[-100,30)"), CX_EBAND_GAP);
    assert_int_equal(bad, 0);
    /* 30 itself is in no band. */
    assert_int_equal(CHECK(&bad, "[-100,30)", "(30,100]"), CX_EBAND_GAP);
    assert_int_equal(bad, 1);
    /* -100 is in no band. */
    assert_int_equal(CHECK(&bad, "[0,100]", "(-100,0)"), CX_EBAND_GAP);
    assert_int_equal(bad, 1);
    assert_int_equal(CHECK(&bad, "[30,100]", "[-99,30)"), CX_EBAND_GAP);
    assert_int_equal(bad, 1);
}

static void test_check_names_count_for_a_gap_at_the_top(void **state)
{
    size_t bad = 999;

    (void)state;
    assert_int_equal(CHECK(&bad, "[-100,50)", "[50,99]"), CX_EBAND_GAP);
    assert_int_equal(bad, 2);
    assert_int_equal(CHECK(&bad, "[0,100)", "[-100,0)"), CX_EBAND_GAP);
    assert_int_equal(bad, 2);
}

static void test_check_rejects_an_empty_set_with_count(void **state)
{
    cx_bandset set = empty_set(CX_NPS);
    size_t bad = 999;

    (void)state;
    assert_int_equal(cx_bandset_check(&set, NPS_LO, NPS_HI, &bad), CX_EBAND_GAP);
    assert_int_equal(bad, 0);
}

static void test_check_names_the_later_of_two_overlapping_bands(void **state)
{
    size_t bad = 999;

    (void)state;
    /* 50 is in both [50,100] and [30,50]. */
    assert_int_equal(CHECK(&bad, "[50,100]", "[30,50]", "[-100,30)"), CX_EBAND_OVERLAP);
    assert_int_equal(bad, 1);
    assert_int_equal(CHECK(&bad, "[-100,30)", "[50,100]", "[-100,100]"), CX_EBAND_OVERLAP);
    assert_int_equal(bad, 2);
    assert_int_equal(CHECK(&bad, "[-100,0.5)", "[0.25,100]"), CX_EBAND_OVERLAP);
    assert_int_equal(bad, 1);
    assert_int_equal(CHECK(&bad, "[-100,100]", "[0,0]"), CX_EBAND_OVERLAP);
    assert_int_equal(bad, 1);
}

static void test_check_rejects_a_band_outside_the_range(void **state)
{
    size_t bad = 999;

    (void)state;
    assert_int_equal(CHECK(&bad, "[50,101]", "[-100,50)"), CX_EBAND_RANGE);
    assert_int_equal(bad, 0);
    assert_int_equal(CHECK(&bad, "[50,100]", "[-100.5,50)"), CX_EBAND_RANGE);
    assert_int_equal(bad, 1);
    assert_int_equal(CHECK(&bad, "[-100,100]", "(100,200]"), CX_EBAND_RANGE);
    assert_int_equal(bad, 1);
}

static void test_check_rejects_an_empty_or_repeated_id(void **state)
{
    cx_bandset set = empty_set(CX_NPS);
    size_t bad = 999;

    (void)state;
    assert_int_equal(add(&set, "[50,100]", "good"), CX_OK);
    assert_int_equal(add(&set, "[30,50)", "ok"), CX_OK);
    assert_int_equal(add(&set, "[-100,30)", "good"), CX_OK);
    assert_int_equal(cx_bandset_check(&set, NPS_LO, NPS_HI, &bad), CX_EBAND_ID);
    assert_int_equal(bad, 2);
    set.band[2].id = "";
    assert_int_equal(cx_bandset_check(&set, NPS_LO, NPS_HI, &bad), CX_EBAND_ID);
    assert_int_equal(bad, 2);
    set.band[2].id = NULL;
    assert_int_equal(cx_bandset_check(&set, NPS_LO, NPS_HI, &bad), CX_EBAND_ID);
    assert_int_equal(bad, 2);
    set.band[2].id = "bad";
    assert_int_equal(cx_bandset_check(&set, NPS_LO, NPS_HI, &bad), CX_OK);
}

static void test_check_rejects_an_empty_interval_filled_by_hand(void **state)
{
    cx_bandset set = empty_set(CX_NPS);
    size_t bad = 999;

    (void)state;
    assert_int_equal(add(&set, "[-100,100]", "all"), CX_OK);
    assert_int_equal(add(&set, "[0,1]", "none"), CX_OK);
    set.band[1].hi_open = true;
    set.band[1].hi = set.band[1].lo; /* [0,0) */
    assert_int_equal(cx_bandset_check(&set, NPS_LO, NPS_HI, &bad), CX_EBAND_EMPTY);
    assert_int_equal(bad, 1);
}

/* ---- cx_bandset_find ---------------------------------------------------- */

static const char *find(const cx_bandset *set, int64_t scaled, unsigned prec)
{
    const cx_band *b = cx_bandset_find(set, scaled, prec);

    return b == NULL ? "(none)" : b->id;
}

static void test_find_compares_the_displayed_value_exactly(void **state)
{
    cx_bandset set = empty_set(CX_NPS);

    (void)state;
    assert_int_equal(add(&set, "[0.25,100]", "high"), CX_OK);
    assert_int_equal(add(&set, "[-100,0.25)", "low"), CX_OK);
    assert_string_equal(find(&set, 25, 2), "high");   /* 0.25 */
    assert_string_equal(find(&set, 250, 3), "high");  /* 0.250 */
    assert_string_equal(find(&set, 249999, 6), "low"); /* 0.249999 */
    assert_string_equal(find(&set, 2, 1), "low");     /* 0.2 */
    assert_string_equal(find(&set, 3, 1), "high");    /* 0.3 */
    assert_string_equal(find(&set, 0, 0), "low");
    assert_string_equal(find(&set, 100, 0), "high");
    assert_string_equal(find(&set, -100, 0), "low");
}

static void test_find_outside_every_band_is_null(void **state)
{
    cx_bandset set = empty_set(CX_NPS);

    (void)state;
    assert_int_equal(add(&set, "(0,100]", "pos"), CX_OK);
    assert_null(cx_bandset_find(&set, 0, 1));
    assert_null(cx_bandset_find(&set, 1001, 1));
    assert_null(cx_bandset_find(&set, -1, 0));
    assert_string_equal(find(&set, 1, 6), "pos");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interval_accepts_the_four_bracket_forms),
        cmocka_unit_test(test_interval_accepts_spaces_negatives_and_decimals),
        cmocka_unit_test(test_interval_rejects_malformed_text),
        cmocka_unit_test(test_interval_reads_only_len_bytes),
        cmocka_unit_test(test_interval_keeps_the_largest_int64_bound),
        cmocka_unit_test(test_add_appends_and_borrows_strings),
        cmocka_unit_test(test_add_rejects_a_malformed_interval),
        cmocka_unit_test(test_add_rejects_an_interval_that_holds_no_value),
        cmocka_unit_test(test_add_refuses_more_than_max_bands),
        cmocka_unit_test(test_range_is_nps_index_csat_percent_or_ces_scale),
        cmocka_unit_test(test_check_accepts_a_tiling_in_any_order),
        cmocka_unit_test(test_check_accepts_decimal_bands_on_a_ces_scale),
        cmocka_unit_test(test_check_names_the_band_after_a_gap),
        cmocka_unit_test(test_check_names_count_for_a_gap_at_the_top),
        cmocka_unit_test(test_check_rejects_an_empty_set_with_count),
        cmocka_unit_test(test_check_names_the_later_of_two_overlapping_bands),
        cmocka_unit_test(test_check_rejects_a_band_outside_the_range),
        cmocka_unit_test(test_check_rejects_an_empty_or_repeated_id),
        cmocka_unit_test(test_check_rejects_an_empty_interval_filled_by_hand),
        cmocka_unit_test(test_find_compares_the_displayed_value_exactly),
        cmocka_unit_test(test_find_outside_every_band_is_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
