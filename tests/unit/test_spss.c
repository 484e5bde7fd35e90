/*
 * test_spss.c - the SPSS/Stata reader's pure parts: which signature picks
 * which reader, and dates.  Expected dates are counted by hand from the
 * epochs: 2026-01-05 is day 20458 after 1970-01-01, so day 24111 after
 * Stata's 1960-01-01 (3653 days before 1970) and 161886 days = 13986950400 s
 * after SPSS's 1582-10-14 (141428 days before 1970).
 */
#include <string.h>

#include "unit.h"

#include "formats.h"
#include "spss.h"

/* The name of the format an input's first bytes are, "CSV" when none. */
static const char *sniff(const char *s, size_t n)
{
    const input_format *f = format_find((const unsigned char *)s, n);
    return f ? f->name : "CSV";
}

static void test_signatures(void **state)
{
    (void)state;
    assert_string_equal(sniff("$FL2@(#) SPSS DATA FILE", 23), "SPSS");
    assert_string_equal(sniff("$FL3@(#) SPSS DATA FILE", 23), "SPSS");
    assert_string_equal(sniff("<stata_dta><header>", 19), "Stata");
    assert_string_equal(sniff("\x72\x02\x01\x00\x05", 5), "Stata"); /* Stata 12, little endian */
    assert_string_equal(sniff("\x68\x01\x01\x00", 4), "Stata");     /* Stata 8, big endian */
    assert_string_equal(sniff("PK\x03\x04", 4), "XLSX");
    assert_string_equal(sniff("$FL", 3), "CSV");
    assert_string_equal(sniff("$FL4", 4), "CSV");
    assert_string_equal(sniff("<stata_dt", 9), "CSV");
    assert_string_equal(sniff("\x72\x03\x01\x00", 4), "CSV"); /* no such byte order */
    assert_string_equal(sniff("nps,csat\n", 9), "CSV");
    assert_string_equal(sniff("", 0), "CSV");
}

static void expect_date(const char *format, bool stata, double v, const char *want)
{
    char buf[32] = "";
    assert_true(spss_date_text(format, stata, v, buf, sizeof buf));
    assert_string_equal(buf, want);
}

static void test_dates(void **state)
{
    (void)state;
    expect_date("DATE11", false, 13986950400.0, "2026-01-05");
    expect_date("ADATE10", false, 13986950400.0 + 86399, "2026-01-05");
    expect_date("EDATE10", false, 0.0, "1582-10-14");
    expect_date("DATETIME20", false, 13986950400.0 + 86399, "2026-01-05T23:59:59");
    expect_date("YMDHMS19", false, 13986950400.0 + 37800.5, "2026-01-05T10:30:00");
    expect_date("%td", true, 24111, "2026-01-05");
    expect_date("%-td", true, 24111, "2026-01-05");
    expect_date("%tdDD/NN/CCYY", true, 24111, "2026-01-05");
    expect_date("%d", true, 0, "1960-01-01");
    expect_date("%td", true, -1, "1959-12-31");
    expect_date("%td", true, 3653 + 19782, "2024-02-29"); /* 2024-01-01 is day 19723, +59 */
    expect_date("%tc", true, (24111 * 86400.0 + 86399) * 1000, "2026-01-05T23:59:59");
    expect_date("%tC", true, -1000, "1959-12-31T23:59:59");
}

static void test_not_dates(void **state)
{
    (void)state;
    char buf[32] = "untouched";
    assert_false(spss_date_text("F8.2", false, 13986950400.0, buf, sizeof buf));
    assert_false(spss_date_text("DATE11", true, 24111, buf, sizeof buf)); /* not Stata's */
    assert_false(spss_date_text("%td", false, 24111, buf, sizeof buf));
    assert_false(spss_date_text("DATEX", false, 0, buf, sizeof buf));
    assert_false(spss_date_text("TIME8", false, 3600, buf, sizeof buf));
    assert_false(spss_date_text("%tm", true, 100, buf, sizeof buf));
    assert_false(spss_date_text("%td", true, 1e300, buf, sizeof buf));
    assert_false(spss_date_text("%td", true, 0.0 / 0.0, buf, sizeof buf));
    assert_false(spss_date_text("DATE11", false, -1e11, buf, sizeof buf)); /* before year 1 */
    assert_false(spss_date_text(NULL, false, 0, buf, sizeof buf));
    assert_string_equal(buf, "untouched");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signatures),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_not_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
