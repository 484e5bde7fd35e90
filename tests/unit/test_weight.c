/* test_weight.c - weights read as exact millionths; weighted sums added and merged exactly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define UNTOUCHED 777u
#define UNIT ((uint64_t)CX_WEIGHT_SCALE)

static cx_status parse_n(const char *text, size_t len, uint64_t *units)
{
    *units = UNTOUCHED;
    return cx_weight_parse(text, len, units);
}

static void assert_units(const char *text, uint64_t expected)
{
    uint64_t units;

    assert_int_equal(parse_n(text, strlen(text), &units), CX_OK);
    assert_int_equal(units, expected);
}

static void assert_rejected(const char *text, size_t len, cx_status expected)
{
    uint64_t units;

    assert_int_equal(parse_n(text, len, &units), expected);
    assert_int_equal(units, UNTOUCHED);
}

#define REJECT(lit, status) assert_rejected((lit), sizeof(lit) - 1, (status))

static cx_scale nps(void)
{
    cx_scale s;

    cx_scale_nps(&s);
    return s;
}

static cx_scale csat5(void)
{
    cx_scale s;

    cx_scale_csat(&s, 5, 0);
    return s;
}

static void add(cx_whist *h, cx_scale s, int score, uint64_t units)
{
    assert_int_equal(cx_whist_add(h, &s, score, units), CX_OK);
}

static bool same_whist(const cx_whist *a, const cx_whist *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* ---- parsing ------------------------------------------------------------ */

static void test_whole_weights_with_spaces_or_tabs_around(void **state)
{
    (void)state;
    assert_units("1", 1000000);
    assert_units(" 2 ", 2000000);
    assert_units("\t3\t", 3000000);
    assert_units("0", 0);
    assert_units("00012", 12000000);
}

static void test_decimal_point_or_comma(void **state)
{
    (void)state;
    assert_units("0.5", 500000);
    assert_units("0,25", 250000);
    assert_units("1.000001", 1000001);
    assert_units("7,50", 7500000);
    assert_units("123.456789", 123456789);
    assert_units(".5", 500000);
    assert_units("2.", 2000000);
    assert_units(" 0,000 ", 0);
}

static void test_decimals_beyond_six_round_half_up(void **state)
{
    (void)state;
    assert_units("1.0000005", 1000001);
    assert_units("1.0000004999999999", 1000000);
    assert_units("0.0000005", 1);
    assert_units("0.0000004", 0);
    assert_units("0.9999995", 1000000);
    assert_units("1,2345675", 1234568);
    assert_units("1.23456749", 1234567);
    assert_units("2.000000500000000000000000000001", 2000001);
}

static void test_any_sign_is_rejected(void **state)
{
    (void)state;
    REJECT("-1", CX_ESIGN);
    REJECT("+1", CX_ESIGN);
    REJECT("-0", CX_ESIGN);
    REJECT(" -0.5 ", CX_ESIGN);
    REJECT("+,5", CX_ESIGN);
    REJECT("-99999999999999999999999", CX_ESIGN);
}

static void test_exponents_nan_and_infinity_are_not_numbers(void **state)
{
    (void)state;
    REJECT("1e308", CX_ENOTNUM);
    REJECT("1E3", CX_ENOTNUM);
    REJECT("1.5e-3", CX_ENOTNUM);
    REJECT("nan", CX_ENOTNUM);
    REJECT("NaN", CX_ENOTNUM);
    REJECT("-nan", CX_ENOTNUM);
    REJECT("inf", CX_ENOTNUM);
    REJECT("-inf", CX_ENOTNUM);
    REJECT("Infinity", CX_ENOTNUM);
    REJECT("0x10", CX_ENOTNUM);
}

static void test_other_shapes_are_not_numbers(void **state)
{
    (void)state;
    REJECT("1.2.3", CX_ENOTNUM);
    REJECT("1,2,3", CX_ENOTNUM);
    REJECT("1,000.5", CX_ENOTNUM);
    REJECT(".", CX_ENOTNUM);
    REJECT(",", CX_ENOTNUM);
    REJECT("-", CX_ENOTNUM);
    REJECT("+", CX_ENOTNUM);
    REJECT("1 000", CX_ENOTNUM);
    REJECT("1.5kg", CX_ENOTNUM);
    REJECT("abc", CX_ENOTNUM);
    REJECT("½", CX_ENOTNUM);
    REJECT("1 .5", CX_ENOTNUM);
    REJECT("--1", CX_ENOTNUM);
}

static void test_weight_above_one_billion_is_out_of_range(void **state)
{
    (void)state;
    assert_units("1000000000", 1000000000000000u);
    assert_units("1000000000.000000", 1000000000000000u);
    assert_units("1000000000.0000004", 1000000000000000u);
    assert_units("999999999.9999995", 1000000000000000u);
    REJECT("1000000000.000001", CX_ERANGE);
    REJECT("1000000000.0000005", CX_ERANGE);
    REJECT("1000000001", CX_ERANGE);
    REJECT("99999999999999999999999", CX_ERANGE);
    REJECT("18446744073709551616", CX_ERANGE); /* 2^64 */
    REJECT("18446744073709.551616", CX_ERANGE); /* 2^64 units */
    REJECT("000000000000000000000000000000000000000001000000000.5", CX_ERANGE);
}

static void test_empty_or_space_only_weight_is_blank(void **state)
{
    uint64_t units;

    (void)state;
    REJECT("", CX_BLANK);
    REJECT("   ", CX_BLANK);
    REJECT(" \t ", CX_BLANK);
    assert_int_equal(parse_n(NULL, 0, &units), CX_BLANK);
    assert_int_equal(parse_n(NULL, 3, &units), CX_EINVAL);
    assert_int_equal(units, UNTOUCHED);
}

static void test_embedded_nul_bytes_are_not_skipped(void **state)
{
    (void)state;
    REJECT("1\0", CX_ENOTNUM);
    REJECT("\0" "1", CX_ENOTNUM);
    REJECT("1.\0" "5", CX_ENOTNUM);
    REJECT("\0", CX_ENOTNUM);
}

static void test_only_len_bytes_are_read(void **state)
{
    char *exact = malloc(3);
    uint64_t units;

    (void)state;
    assert_non_null(exact);
    memcpy(exact, "2,5", 3); /* no NUL after the field */
    assert_int_equal(parse_n(exact, 3, &units), CX_OK);
    assert_int_equal(units, 2500000);
    assert_int_equal(parse_n(exact, 1, &units), CX_OK);
    assert_int_equal(units, 2000000);
    free(exact);
    assert_int_equal(parse_n("15", 1, &units), CX_OK);
    assert_int_equal(units, 1000000);
    assert_int_equal(parse_n("1e308", 1, &units), CX_OK);
    assert_int_equal(units, 1000000);
}

/* ---- exact sums ------------------------------------------------------------- */

static void test_init_makes_an_empty_weighted_histogram(void **state)
{
    cx_whist h;

    (void)state;
    memset(&h, 0xff, sizeof h);
    cx_whist_init(&h);
    for (size_t i = 0; i < CX_MAX_BINS; i++) {
        assert_true(h.w[i] == 0);
        assert_true(h.w2[i] == 0);
    }
}

static void test_add_sums_weights_and_their_squares_per_point(void **state)
{
    cx_whist h;

    (void)state;
    cx_whist_init(&h);
    add(&h, nps(), 9, 1500000);
    add(&h, nps(), 9, 500000);
    add(&h, nps(), 0, 0);
    add(&h, nps(), 10, 1000000000000000u); /* the largest weight */
    /* 1.5 + 0.5 = 2 weights; 2.25 + 0.25 = 2.5 squared weights, in units. */
    assert_true(h.w[9] == 2000000);
    assert_true(h.w2[9] == (cx_u128)2500000000000u);
    assert_true(h.w[0] == 0);
    assert_true(h.w2[0] == 0);
    assert_true(h.w[10] == 1000000000000000u);
    assert_true(h.w2[10] == (cx_u128)1000000000000000u * 1000000000000000u);
    for (size_t i = 1; i < 9; i++)
        assert_true(h.w[i] == 0 && h.w2[i] == 0);
}

static void test_score_off_the_scale_is_out_of_range_and_not_added(void **state)
{
    cx_whist h, empty;
    cx_scale s = nps(), c = csat5();

    (void)state;
    cx_whist_init(&h);
    cx_whist_init(&empty);
    assert_int_equal(cx_whist_add(&h, &s, 11, UNIT), CX_ERANGE);
    assert_int_equal(cx_whist_add(&h, &s, -1, UNIT), CX_ERANGE);
    assert_int_equal(cx_whist_add(&h, &c, 0, UNIT), CX_ERANGE);
    assert_int_equal(cx_whist_add(&h, &c, 6, UNIT), CX_ERANGE);
    assert_true(same_whist(&h, &empty));
    /* CSAT 1-5: the answer 5 is in bin 4. */
    add(&h, c, 5, UNIT);
    assert_true(h.w[4] == UNIT);
}

/* 100 answers: score i % 11 with weight (i % 7) * 0.3 + i / 1e6, zeros included. */
static void add_answers(cx_whist *h, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        add(h, nps(), (int)(i % 11), (i % 7) * 300000 + i);
}

static void test_merge_of_any_split_equals_the_whole(void **state)
{
    cx_whist whole, a, b;

    (void)state;
    cx_whist_init(&whole);
    add_answers(&whole, 0, 100);
    for (size_t k = 0; k <= 100; k++) {
        cx_whist_init(&a);
        cx_whist_init(&b);
        add_answers(&a, 0, k);
        add_answers(&b, k, 100);
        assert_int_equal(cx_whist_merge(&a, &b), CX_OK);
        assert_true(same_whist(&a, &whole));
        /* In the other order too. */
        cx_whist_init(&a);
        add_answers(&a, 0, k);
        assert_int_equal(cx_whist_merge(&b, &a), CX_OK);
        assert_true(same_whist(&b, &whole));
    }
}

static void test_sums_do_not_depend_on_the_order_answers_come_in(void **state)
{
    cx_whist forward, backward;
    cx_wsummary f, b;
    cx_scale s = nps();

    (void)state;
    cx_whist_init(&forward);
    cx_whist_init(&backward);
    add_answers(&forward, 0, 100);
    for (size_t i = 100; i-- > 0;)
        add_answers(&backward, i, i + 1);
    assert_true(same_whist(&forward, &backward));
    cx_wsummarize(&forward, &s, &f);
    cx_wsummarize(&backward, &s, &b);
    assert_true(f.defined && b.defined);
    assert_near(f.sum_w, b.sum_w, 0);
    assert_near(f.sum_w2, b.sum_w2, 0);
    assert_near(f.n_eff, b.n_eff, 0);
    assert_near(f.index, b.index, 0);
    assert_near(f.mean, b.mean, 0);
}

static void test_bin_stops_at_2_to_the_120_without_changing(void **state)
{
    cx_whist h, before;
    cx_scale s = nps();

    (void)state;
    cx_whist_init(&h);
    h.w2[3] = ((cx_u128)1 << 120) - 1;
    add(&h, s, 3, 1);
    assert_true(h.w2[3] == (cx_u128)1 << 120);
    before = h;
    assert_int_equal(cx_whist_add(&h, &s, 3, 1), CX_EOVERFLOW);
    assert_true(same_whist(&h, &before));
    /* One answer whose square alone passes the limit. */
    cx_whist_init(&h);
    assert_int_equal(cx_whist_add(&h, &s, 3, UINT64_MAX), CX_EOVERFLOW);
    assert_true(h.w[3] == 0 && h.w2[3] == 0);
}

static void test_merge_past_the_limit_leaves_dst_unchanged(void **state)
{
    cx_whist h, copy, before;

    (void)state;
    cx_whist_init(&h);
    add(&h, nps(), 0, 1);
    add(&h, nps(), 10, 1000000000000000u); /* square 1e30 */
    /* 2^20 answers of weight 1e9 square to 1.05e36 <= 2^120 = 1.33e36; 2^21 do not. */
    for (int k = 0; k < 20; k++) {
        copy = h;
        assert_int_equal(cx_whist_merge(&h, &copy), CX_OK);
    }
    assert_true(h.w[10] == ((cx_u128)1000000000000000u << 20));
    copy = h;
    before = h;
    assert_int_equal(cx_whist_merge(&h, &copy), CX_EOVERFLOW);
    assert_true(same_whist(&h, &before)); /* bin 0, which fits, is unchanged too */
    assert_string_equal(cx_strerror(CX_EOVERFLOW), "weighted sums too large to keep exactly");
}

/* ---- summary ----------------------------------------------------------------- */

static void test_weighted_nps_shares_index_and_mean(void **state)
{
    cx_whist h;
    cx_wsummary w;
    cx_scale s = nps();

    (void)state;
    cx_whist_init(&h);
    add(&h, s, 10, 2 * UNIT);
    add(&h, s, 9, 1 * UNIT);
    add(&h, s, 8, 1 * UNIT);
    add(&h, s, 0, 4 * UNIT);
    cx_wsummarize(&h, &s, &w);
    assert_true(w.defined);
    /* sum w = 8, sum w^2 = 4 + 1 + 1 + 16 = 22 */
    assert_near(w.sum_w, 8.0, 0);
    assert_near(w.sum_w2, 22.0, 0);
    assert_near(w.good, 3.0 / 8, 0);
    assert_near(w.mid, 1.0 / 8, 0);
    assert_near(w.bad, 4.0 / 8, 0);
    assert_near(w.index, -1.0 / 8, 0);
    /* (20 + 9 + 8 + 0) / 8 */
    assert_near(w.mean, 4.625, 0);
    /* 8^2 / 22 */
    assert_near(w.n_eff, 32.0 / 11, 1e-15);
}

static void test_weighted_csat_index_is_the_satisfied_share(void **state)
{
    cx_whist h;
    cx_wsummary w;
    cx_scale s = csat5();

    (void)state;
    cx_whist_init(&h);
    add(&h, s, 5, 1 * UNIT);
    add(&h, s, 4, 1 * UNIT);
    add(&h, s, 2, 2 * UNIT);
    add(&h, s, 1, 0); /* a zero weight counts for nothing */
    cx_wsummarize(&h, &s, &w);
    assert_true(w.defined);
    assert_near(w.good, 0.5, 0);
    assert_near(w.mid, 0.5, 0);
    assert_near(w.bad, 0.0, 0);
    assert_near(w.index, 0.5, 0);
    /* (5 + 4 + 2 * 2) / 4 */
    assert_near(w.mean, 3.25, 0);
    /* 4^2 / (1 + 1 + 4) */
    assert_near(w.n_eff, 16.0 / 6, 1e-15);
}

static void test_kish_neff_of_50_weights_of_1_and_50_of_2_is_90(void **state)
{
    cx_whist h;
    cx_wsummary w;
    cx_scale s = nps();

    (void)state;
    cx_whist_init(&h);
    for (int i = 0; i < 50; i++) {
        add(&h, s, i % 11, UNIT);
        add(&h, s, (i * 7) % 11, 2 * UNIT);
    }
    cx_wsummarize(&h, &s, &w);
    /* (50 + 100)^2 / (50 + 200) = 22500 / 250 */
    assert_near(w.sum_w, 150.0, 0);
    assert_near(w.sum_w2, 250.0, 0);
    assert_near(w.n_eff, 90.0, 0);
}

static void test_equal_weights_give_the_unweighted_figures(void **state)
{
    cx_whist wh;
    cx_hist h;
    cx_summary u;
    cx_wsummary w;
    cx_scale s = nps();

    (void)state;
    cx_whist_init(&wh);
    cx_hist_init(&h);
    for (int i = 0; i < 37; i++) {
        add(&wh, s, (i * 5) % 11, 2500000);
        assert_int_equal(cx_hist_add(&h, &s, (i * 5) % 11, 1), CX_OK);
    }
    cx_summarize(&h, &s, &u);
    cx_wsummarize(&wh, &s, &w);
    assert_near(w.n_eff, 37.0, 1e-12);
    assert_near(w.sum_w, 92.5, 0);
    assert_near(w.good, cx_frac_value(u.good_share), 1e-15);
    assert_near(w.mid, cx_frac_value(u.mid_share), 1e-15);
    assert_near(w.bad, cx_frac_value(u.bad_share), 1e-15);
    assert_near(w.index, cx_frac_value(u.index), 1e-15);
    assert_near(w.mean, cx_frac_value(u.mean), 1e-14);
}

static void test_scaling_every_weight_changes_only_the_sums(void **state)
{
    static const uint64_t weights[] = {700000, 1300000, 2250000, 500000, 1000000, 3100000, 0};
    cx_whist one, three;
    cx_wsummary a, b;
    cx_scale s = nps();

    (void)state;
    cx_whist_init(&one);
    cx_whist_init(&three);
    for (int i = 0; i < 40; i++) {
        uint64_t u = weights[i % 7];

        add(&one, s, (i * 3) % 11, u);
        add(&three, s, (i * 3) % 11, 3 * u);
    }
    cx_wsummarize(&one, &s, &a);
    cx_wsummarize(&three, &s, &b);
    assert_near(b.sum_w, 3 * a.sum_w, 1e-12);
    assert_near(b.sum_w2, 9 * a.sum_w2, 1e-12);
    assert_near(b.good, a.good, 0);
    assert_near(b.mid, a.mid, 0);
    assert_near(b.bad, a.bad, 0);
    assert_near(b.index, a.index, 0);
    assert_near(b.mean, a.mean, 0);
    assert_near(b.n_eff, a.n_eff, 1e-12 * a.n_eff);
    assert_true(a.n_eff > 1.0 && a.n_eff < 40.0);
}

static void test_no_weight_is_no_value(void **state)
{
    cx_whist h;
    cx_wsummary w;
    cx_scale s = nps();

    (void)state;
    cx_whist_init(&h);
    cx_wsummarize(&h, &s, &w);
    assert_false(w.defined);
    assert_near(w.sum_w, 0.0, 0);
    assert_near(w.n_eff, 0.0, 0);
    assert_true(isnan(w.good) && isnan(w.mid) && isnan(w.bad));
    assert_true(isnan(w.index) && isnan(w.mean));
    /* Answers that all weigh 0. */
    add(&h, s, 10, 0);
    add(&h, s, 3, 0);
    cx_wsummarize(&h, &s, &w);
    assert_false(w.defined);
    assert_true(isnan(w.index));
}

static void test_huge_sums_stay_exact_until_the_end(void **state)
{
    cx_whist h, copy;
    cx_wsummary w;
    cx_scale s = nps();

    (void)state;
    /* 2^20 answers of the largest weight on 10 and on 0: sum w = 2^21 * 1e9. */
    cx_whist_init(&h);
    add(&h, s, 10, 1000000000000000u);
    add(&h, s, 0, 1000000000000000u);
    for (int k = 0; k < 20; k++) {
        copy = h;
        assert_int_equal(cx_whist_merge(&h, &copy), CX_OK);
    }
    add(&h, s, 0, 1); /* one millionth more detractor weight */
    cx_wsummarize(&h, &s, &w);
    assert_true(w.defined);
    assert_near(w.sum_w, 2097152e9, 1.0);
    assert_near(w.n_eff, 2097152.0, 1e-6);
    /* -1e-6 / 2.097152e15: a difference no double sum of the weights could keep. */
    assert_true(w.index < 0.0);
    assert_near(w.index, -1e-6 / 2097152e9, 1e-30);
    assert_near(w.mean, 5.0, 1e-12);
}

static void test_u128_converts_to_the_nearest_double(void **state)
{
    (void)state;
    assert_near(cx_u128_to_double(0), 0.0, 0);
    assert_near(cx_u128_to_double(90), 90.0, 0);
    assert_near(cx_u128_to_double((cx_u128)1 << 64), 18446744073709551616.0, 0);
    assert_near(cx_u128_to_double((cx_u128)1 << 120), ldexp(1.0, 120), 0);
    /* 2^53 + 1 is halfway: ties go to the even 2^53. */
    assert_near(cx_u128_to_double(((cx_u128)1 << 53) + 1), ldexp(1.0, 53), 0);
    assert_near(cx_u128_to_double(((cx_u128)1 << 53) + 3), ldexp(1.0, 53) + 4, 0);
    assert_near(cx_u128_to_double(~(cx_u128)0), ldexp(1.0, 128), 0);
}

static void test_weighted_sd_uses_kish_n_in_bessels_correction(void **state)
{
    cx_scale sc;
    cx_whist w;
    cx_wsummary ws;

    (void)state;
    assert_int_equal(cx_scale_csat(&sc, 5, 0), CX_OK);
    /* answers 1, 2, 3 of weight 1: the plain sample sd, 1 */
    cx_whist_init(&w);
    for (int x = 1; x <= 3; x++)
        assert_int_equal(cx_whist_add(&w, &sc, x, CX_WEIGHT_SCALE), CX_OK);
    cx_wsummarize(&w, &sc, &ws);
    assert_near(ws.sd, 1.0, 1e-12);
    /* weights 1 and 3 on answers 1 and 5: mean 4, sum w (x - m)^2 / sum w = (9 + 3) / 4 = 3,
       n_eff = 16 / 10 = 1.6, sd = sqrt(3 * 1.6 / 0.6) = sqrt(8) */
    cx_whist_init(&w);
    assert_int_equal(cx_whist_add(&w, &sc, 1, CX_WEIGHT_SCALE), CX_OK);
    assert_int_equal(cx_whist_add(&w, &sc, 5, 3 * CX_WEIGHT_SCALE), CX_OK);
    cx_wsummarize(&w, &sc, &ws);
    assert_near(ws.mean, 4.0, 1e-12);
    assert_near(ws.sd, sqrt(8.0), 1e-12);
    /* one answer: no sd */
    cx_whist_init(&w);
    assert_int_equal(cx_whist_add(&w, &sc, 4, 2 * CX_WEIGHT_SCALE), CX_OK);
    cx_wsummarize(&w, &sc, &ws);
    assert_true(isnan(ws.sd));
}

/*
 * Issue 15: the weight sum prints exactly from the integer sum.  Expected
 * digits from bc: 580 * 999999999000000 + 1000000 = 579999999421000000
 * units; 11 * 2^120 = 14621507953634074601941877663083790336 units, the
 * most a whole cx_whist holds (every bin at its limit).
 */
static void test_units_format_is_exact_at_any_size(void **state)
{
    (void)state;
    cx_scale s = nps();
    cx_whist h;
    cx_wsummary w;
    char buf[48];

    cx_whist_init(&h);
    for (int i = 0; i < 580; i++)
        add(&h, s, 9, 999999999 * UNIT);
    add(&h, s, 9, UNIT);
    cx_wsummarize(&h, &s, &w);
    assert_int_equal(cx_units_format(w.sum_units, buf, sizeof buf), 19);
    assert_string_equal(buf, "579999999421.000000");

    for (size_t i = 0; i < CX_MAX_BINS; i++)
        h.w[i] = h.w2[i] = (cx_u128)1 << 120;
    cx_wsummarize(&h, &s, &w);
    assert_int_equal(cx_units_format(w.sum_units, buf, sizeof buf), 39);
    assert_string_equal(buf, "14621507953634074601941877663083.790336");

    assert_int_equal(cx_units_format(0, buf, sizeof buf), 8);
    assert_string_equal(buf, "0.000000");
    assert_int_equal(cx_units_format(500000, buf, sizeof buf), 8);
    assert_string_equal(buf, "0.500000");
    /* Truncated like snprintf: the length of the whole text, a NUL at the end. */
    assert_int_equal(cx_units_format(1234567, buf, 4), 8);
    assert_string_equal(buf, "1.2");
    assert_int_equal(cx_units_format(1234567, NULL, 0), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weighted_sd_uses_kish_n_in_bessels_correction),
        cmocka_unit_test(test_whole_weights_with_spaces_or_tabs_around),
        cmocka_unit_test(test_decimal_point_or_comma),
        cmocka_unit_test(test_decimals_beyond_six_round_half_up),
        cmocka_unit_test(test_any_sign_is_rejected),
        cmocka_unit_test(test_exponents_nan_and_infinity_are_not_numbers),
        cmocka_unit_test(test_other_shapes_are_not_numbers),
        cmocka_unit_test(test_weight_above_one_billion_is_out_of_range),
        cmocka_unit_test(test_empty_or_space_only_weight_is_blank),
        cmocka_unit_test(test_embedded_nul_bytes_are_not_skipped),
        cmocka_unit_test(test_only_len_bytes_are_read),
        cmocka_unit_test(test_init_makes_an_empty_weighted_histogram),
        cmocka_unit_test(test_add_sums_weights_and_their_squares_per_point),
        cmocka_unit_test(test_score_off_the_scale_is_out_of_range_and_not_added),
        cmocka_unit_test(test_merge_of_any_split_equals_the_whole),
        cmocka_unit_test(test_sums_do_not_depend_on_the_order_answers_come_in),
        cmocka_unit_test(test_bin_stops_at_2_to_the_120_without_changing),
        cmocka_unit_test(test_merge_past_the_limit_leaves_dst_unchanged),
        cmocka_unit_test(test_weighted_nps_shares_index_and_mean),
        cmocka_unit_test(test_weighted_csat_index_is_the_satisfied_share),
        cmocka_unit_test(test_kish_neff_of_50_weights_of_1_and_50_of_2_is_90),
        cmocka_unit_test(test_equal_weights_give_the_unweighted_figures),
        cmocka_unit_test(test_scaling_every_weight_changes_only_the_sums),
        cmocka_unit_test(test_no_weight_is_no_value),
        cmocka_unit_test(test_huge_sums_stay_exact_until_the_end),
        cmocka_unit_test(test_u128_converts_to_the_nearest_double),
        cmocka_unit_test(test_units_format_is_exact_at_any_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
