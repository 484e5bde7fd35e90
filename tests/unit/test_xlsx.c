/* test_xlsx.c - the XLSX reader's pure parts: Excel serials to ISO dates in both date
 * systems (values from Microsoft's documentation of the 1900 and 1904 systems, and
 * calendar arithmetic), and relationship targets resolved to part names. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "xlsx_int.h"

static void expect_date(double serial, bool date1904, const char *want)
{
    char out[32];
    assert_true(xlsx_serial_text(serial, date1904, out, sizeof out));
    assert_string_equal(out, want);
}

static void test_1900_system(void **state)
{
    (void)state;
    expect_date(1, false, "1900-01-01");     /* serial 1 is 1 January 1900 */
    expect_date(59, false, "1900-02-28");
    expect_date(60, false, "1900-02-29");    /* Lotus' leap day, kept by Excel */
    expect_date(61, false, "1900-03-01");
    expect_date(43466, false, "2019-01-01"); /* 43466 days past 1899-12-30 */
    expect_date(43466.5, false, "2019-01-01T12:00:00");
    expect_date(45000.75, false, "2023-03-15T18:00:00");
    expect_date(2958465, false, "9999-12-31"); /* Excel's last date */
    char out[32];
    assert_false(xlsx_serial_text(0.5, false, out, sizeof out)); /* a time, no date */
    assert_false(xlsx_serial_text(2958466, false, out, sizeof out));
    assert_false(xlsx_serial_text(-1, false, out, sizeof out));
}

static void test_1904_system(void **state)
{
    (void)state;
    expect_date(0, true, "1904-01-01");      /* serial 0 is 1 January 1904 */
    expect_date(1, true, "1904-01-02");
    expect_date(42004, true, "2019-01-01");  /* 1462 days fewer than in the 1900 system */
    expect_date(39339.6402777778, true, "2011-09-15T15:22:00"); /* xlsx2csv datetime.xlsx */
}

static void test_rounding_to_the_second(void **state)
{
    (void)state;
    /* 23:59:59.6 rounds to the next day's midnight, not 24:00:00 */
    expect_date(43466 + 86399.6 / 86400, false, "2019-01-02");
    expect_date(43466 + 1.0 / 86400, false, "2019-01-01T00:00:01");
}

static void expect_part(const char *base, const char *target, const char *want)
{
    char *got = xlsx_resolve(base, target);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_targets(void **state)
{
    (void)state;
    expect_part("xl/workbook.xml", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml");
    expect_part("xl/workbook.xml", "/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml");
    expect_part("xl/workbook.xml", "./worksheets/./s.xml", "xl/worksheets/s.xml");
    expect_part("xl/workbook.xml", "../xl/worksheets/s.xml", "xl/worksheets/s.xml");
    expect_part("xl/workbook.xml", "/xl/a/../worksheets/s.xml", "xl/worksheets/s.xml");
    expect_part("", "xl/workbook.xml", "xl/workbook.xml");
    expect_part("xl/workbook.xml", "../../../x.xml", "x.xml"); /* never above the root */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_1900_system),
        cmocka_unit_test(test_1904_system),
        cmocka_unit_test(test_rounding_to_the_second),
        cmocka_unit_test(test_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
