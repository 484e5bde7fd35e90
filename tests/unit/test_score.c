/* test_score.c - every rule by which one exported field is read as an answer (METRICS.md 6). */
#include <string.h>

#include "unit.h"

#define UNTOUCHED (-77)

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

/* Parse exactly len bytes of text; *score is UNTOUCHED unless the parse succeeds. */
static cx_status parse_n(cx_scale s, const char *text, size_t len, int *score)
{
    *score = UNTOUCHED;
    return cx_score_parse(&s, text, len, score);
}

static cx_status parse(cx_scale s, const char *text, int *score)
{
    return parse_n(s, text, strlen(text), score);
}

static void assert_score(cx_scale s, const char *text, int expected)
{
    int score;

    assert_int_equal(parse(s, text, &score), CX_OK);
    assert_int_equal(score, expected);
}

static void assert_rejected(cx_scale s, const char *text, size_t len, cx_status expected)
{
    int score;

    assert_int_equal(parse_n(s, text, len, &score), expected);
    assert_int_equal(score, UNTOUCHED);
}

#define REJECT(s, lit, status) assert_rejected((s), (lit), sizeof(lit) - 1, (status))

static void test_whole_number_with_spaces_or_tabs_around(void **state)
{
    (void)state;
    assert_score(nps(), "9", 9);
    assert_score(nps(), " 9 ", 9);
    assert_score(nps(), "\t9\t", 9);
    assert_score(nps(), " \t 10 \t ", 10);
    assert_score(nps(), "0", 0);
}

static void test_zero_decimal_part_with_point_or_comma(void **state)
{
    (void)state;
    assert_score(nps(), "9.0", 9);
    assert_score(nps(), "9,00", 9);
    assert_score(nps(), "10.000000000000000000000", 10);
    assert_score(nps(), " 0,0 ", 0);
}

static void test_label_after_the_number(void **state)
{
    (void)state;
    assert_score(nps(), "9 - Very likely", 9);
    assert_score(csat5(), "5 (Very satisfied)", 5);
    assert_score(nps(), "0-Not at all likely", 0);
    assert_score(nps(), "10: Extremely likely", 10);
    assert_score(csat5(), "4(Satisfied)", 4);
    assert_score(nps(), "9.0 - Very likely", 9);
    assert_score(csat5(), "3 – Нейтрально", 3);
}

static void test_label_ending_with_its_number(void **state)
{
    (void)state;
    assert_score(nps(), "Extremely likely - 10", 10);
    assert_score(nps(), "Not at all likely - 0", 0);
    assert_score(nps(), "Extremely likely: 10", 10);
    assert_score(csat5(), "Very satisfied (5)", 5);
    assert_score(csat5(), "  Very satisfied 5  ", 5);
    assert_score(csat5(), "Очень доволен - 5", 5);
    REJECT(nps(), "Extremely likely - 11", CX_ERANGE);
    REJECT(nps(), "Likely-ish10", CX_ENOTNUM);   /* no separator before the number */
    REJECT(nps(), "Top 2 - 10", CX_ENOTNUM);     /* a digit in the label */
    REJECT(nps(), "Likely - 9.5", CX_ENOTNUM);   /* the trailing number is whole only */
    REJECT(nps(), "Likely - -9", CX_ENOTNUM);
    REJECT(nps(), "- 9", CX_ENOTNUM);            /* a sign, not a label */
    REJECT(csat5(), "Very satisfied (5", CX_ENOTNUM);
}

static void test_leading_zeros_are_allowed(void **state)
{
    (void)state;
    assert_score(nps(), "09", 9);
    assert_score(nps(), "00", 0);
    /* More digits than any number the parser keeps, but the value is 9. */
    assert_score(nps(), "000000000000000000000000009", 9);
}

static void test_empty_or_space_only_field_is_blank(void **state)
{
    int score;

    (void)state;
    REJECT(nps(), "", CX_BLANK);
    REJECT(nps(), "   ", CX_BLANK);
    REJECT(nps(), " \t ", CX_BLANK);
    assert_int_equal(parse_n(nps(), NULL, 0, &score), CX_BLANK);
    assert_int_equal(score, UNTOUCHED);
}

static void test_words_and_non_ascii_digits_are_not_numbers(void **state)
{
    (void)state;
    REJECT(nps(), "abc", CX_ENOTNUM);
    REJECT(nps(), "٩", CX_ENOTNUM); /* ARABIC-INDIC DIGIT NINE */
    REJECT(nps(), "Very likely", CX_ENOTNUM);
    REJECT(nps(), "- Very likely", CX_ENOTNUM);
    REJECT(nps(), "+", CX_ENOTNUM);
    REJECT(nps(), "-", CX_ENOTNUM);
    REJECT(nps(), "0x9", CX_ENOTNUM);
    REJECT(nps(), "9e0", CX_ENOTNUM);
}

static void test_label_must_start_with_space_dash_paren_or_colon(void **state)
{
    (void)state;
    REJECT(nps(), "9abc", CX_ENOTNUM);
    REJECT(nps(), "9/10", CX_ENOTNUM);
    REJECT(nps(), "9%", CX_ENOTNUM);
    REJECT(nps(), "9\tlikely", CX_ENOTNUM);
}

static void test_label_with_a_digit_is_not_an_answer(void **state)
{
    (void)state;
    REJECT(nps(), "1 2", CX_ENOTNUM);
    REJECT(nps(), "9-10", CX_ENOTNUM);
    REJECT(nps(), "9 (of 10)", CX_ENOTNUM);
    REJECT(nps(), "9 .0", CX_ENOTNUM);
}

static void test_decimal_point_needs_digits_after_it(void **state)
{
    (void)state;
    REJECT(nps(), "9.", CX_ENOTNUM);
    REJECT(nps(), "9,", CX_ENOTNUM);
    REJECT(nps(), ".5", CX_ENOTNUM);
    REJECT(nps(), "9.0.0", CX_ENOTNUM);
    REJECT(nps(), "9,5,0", CX_ENOTNUM);
}

/* Forms number their options "10. Extremely likely"; spreadsheets put no-break spaces. */
static void test_numbered_options_and_unicode_spaces(void **state)
{
    (void)state;
    assert_score(nps(), "10. Extremely likely", 10);
    assert_score(nps(), "0. Not at all likely", 0);
    assert_score(nps(), "9. - Very likely", 9);
    assert_score(nps(), "\xC2\xA0" "9\xC2\xA0", 9);                /* U+00A0 around */
    assert_score(nps(), "\xE2\x80\xAF" "10\xE3\x80\x80", 10);  /* U+202F, U+3000 */
    assert_score(nps(), "10\xC2\xA0- Extremely likely", 10);
    assert_score(nps(), "Extremely likely\xC2\xA0" "10", 10);
    REJECT(nps(), "10.", CX_ENOTNUM);
    REJECT(nps(), "10.Extremely", CX_ENOTNUM);
    REJECT(nps(), "9.\tlikely", CX_ENOTNUM);
    REJECT(nps(), "\xC2\xA0", CX_BLANK);
    REJECT(nps(), "\xC2", CX_ENOTNUM);
    REJECT(nps(), "9\xE2\x80", CX_ENOTNUM);
}

static void test_non_zero_fraction_is_rejected(void **state)
{
    (void)state;
    REJECT(nps(), "7.5", CX_EFRACTION);
    REJECT(nps(), "7,50", CX_EFRACTION);
    REJECT(nps(), "7.01", CX_EFRACTION);
    REJECT(nps(), "7.000001", CX_EFRACTION);
    REJECT(nps(), "7.5 - Likely", CX_EFRACTION);
}

static void test_leading_sign_is_rejected_even_for_zero(void **state)
{
    (void)state;
    REJECT(nps(), "-1", CX_ESIGN);
    REJECT(nps(), "+9", CX_ESIGN);
    REJECT(nps(), "-0", CX_ESIGN);
    REJECT(nps(), " +9.0 ", CX_ESIGN);
    REJECT(csat5(), "+5 (Very satisfied)", CX_ESIGN);
}

static void test_number_off_the_scale_is_out_of_range(void **state)
{
    (void)state;
    REJECT(nps(), "11", CX_ERANGE);
    REJECT(nps(), "100", CX_ERANGE);
    REJECT(nps(), "11.0 - Too likely", CX_ERANGE);
    REJECT(csat5(), "0", CX_ERANGE);
    REJECT(csat5(), "6", CX_ERANGE);
}

static void test_huge_number_is_out_of_range_without_overflow(void **state)
{
    (void)state;
    REJECT(nps(), "99999999999999999999", CX_ERANGE);
    REJECT(nps(), "4294967305", CX_ERANGE); /* 2^32 + 9: wraps to 9 in 32 bits */
    REJECT(nps(), "18446744073709551625", CX_ERANGE); /* 2^64 + 9 */
}

static void test_embedded_nul_bytes_are_not_skipped(void **state)
{
    (void)state;
    REJECT(nps(), "9\0", CX_ENOTNUM);
    REJECT(nps(), "\0" "9", CX_ENOTNUM);
    REJECT(nps(), "1\0" "0", CX_ENOTNUM);
    REJECT(nps(), "\0", CX_ENOTNUM);
    REJECT(nps(), "9.\0", CX_ENOTNUM);
}

static void test_only_len_bytes_are_read(void **state)
{
    int score;

    (void)state;
    assert_int_equal(parse_n(nps(), "95", 1, &score), CX_OK);
    assert_int_equal(score, 9);
    assert_int_equal(parse_n(nps(), "9.5", 1, &score), CX_OK);
    assert_int_equal(score, 9);
    assert_int_equal(parse_n(nps(), "10", 1, &score), CX_OK);
    assert_int_equal(score, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_label_ending_with_its_number),
        cmocka_unit_test(test_whole_number_with_spaces_or_tabs_around),
        cmocka_unit_test(test_zero_decimal_part_with_point_or_comma),
        cmocka_unit_test(test_label_after_the_number),
        cmocka_unit_test(test_leading_zeros_are_allowed),
        cmocka_unit_test(test_empty_or_space_only_field_is_blank),
        cmocka_unit_test(test_words_and_non_ascii_digits_are_not_numbers),
        cmocka_unit_test(test_label_must_start_with_space_dash_paren_or_colon),
        cmocka_unit_test(test_label_with_a_digit_is_not_an_answer),
        cmocka_unit_test(test_decimal_point_needs_digits_after_it),
        cmocka_unit_test(test_numbered_options_and_unicode_spaces),
        cmocka_unit_test(test_non_zero_fraction_is_rejected),
        cmocka_unit_test(test_leading_sign_is_rejected_even_for_zero),
        cmocka_unit_test(test_number_off_the_scale_is_out_of_range),
        cmocka_unit_test(test_huge_number_is_out_of_range_without_overflow),
        cmocka_unit_test(test_embedded_nul_bytes_are_not_skipped),
        cmocka_unit_test(test_only_len_bytes_are_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
