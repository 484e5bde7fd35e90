/* test_date.c - the date forms exports write, the ones refused, and period numbers and labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* Parse exactly len bytes; *d is left as a marker unless the parse succeeds. */
static cx_status parse_n(const char *text, size_t len, cx_date *d)
{
    *d = (cx_date){-1, -1, -1};
    return cx_date_parse(text, len, d);
}

static void assert_date(const char *text, int year, int month, int day)
{
    cx_date d;

    assert_int_equal(parse_n(text, strlen(text), &d), CX_OK);
    assert_int_equal(d.year, year);
    assert_int_equal(d.month, month);
    assert_int_equal(d.day, day);
}

static void assert_rejected(const char *text, size_t len, cx_status expected)
{
    cx_date d;

    assert_int_equal(parse_n(text, len, &d), expected);
    assert_int_equal(d.year, -1);
    assert_int_equal(d.month, -1);
    assert_int_equal(d.day, -1);
}

#define REJECT(lit) assert_rejected((lit), sizeof(lit) - 1, CX_EDATE)

static cx_date date(int year, int month, int day)
{
    return (cx_date){year, month, day};
}

/* The label of a period, checked against the length cx_period_label reports. */
static const char *label(int32_t period, cx_every every)
{
    static char buf[32];
    size_t n = cx_period_label(period, every, buf, sizeof buf);

    assert_int_equal(n, strlen(buf));
    return buf;
}

static const char *label_of(cx_date d, cx_every every)
{
    return label(cx_period_of(d, every), every);
}

/* ---- parsing ------------------------------------------------------------ */

static void test_iso_date_alone_with_spaces_or_tabs_around(void **state)
{
    (void)state;
    assert_date("2025-03-14", 2025, 3, 14);
    assert_date(" 2025-03-14 ", 2025, 3, 14);
    assert_date("\t 2025-03-14\t", 2025, 3, 14);
    assert_date("1000-01-01", 1000, 1, 1);
    assert_date("9999-12-31", 9999, 12, 31);
}

static void test_iso_date_with_time_after_t_or_one_space(void **state)
{
    (void)state;
    assert_date("2025-03-14T09:05", 2025, 3, 14);
    assert_date("2025-03-14 09:05", 2025, 3, 14);
    assert_date("2025-03-14T09:05:07", 2025, 3, 14);
    assert_date("2025-03-14 23:59:59", 2025, 3, 14);
    assert_date("2025-03-14T09:05:07.5", 2025, 3, 14);
    assert_date("2025-03-14T09:05:07.123456789012", 2025, 3, 14);
    assert_date("2025-03-14T00:00:00", 2025, 3, 14);
    assert_date("2016-12-31T23:59:60Z", 2016, 12, 31); /* a leap second */
    assert_date(" 2025-03-14T09:05:07 ", 2025, 3, 14);
}

static void test_iso_time_with_every_zone_form(void **state)
{
    (void)state;
    assert_date("2025-03-14T09:05Z", 2025, 3, 14);
    assert_date("2025-03-14T09:05:07Z", 2025, 3, 14);
    assert_date("2025-03-14T09:05:07.250+03:00", 2025, 3, 14);
    assert_date("2025-03-14T09:05+0300", 2025, 3, 14);
    assert_date("2025-03-14T09:05+03", 2025, 3, 14);
    assert_date("2025-03-14 09:05:07-05:30", 2025, 3, 14);
    assert_date("2025-03-14T09:05-0530", 2025, 3, 14);
    assert_date("2025-03-14T09:05-12", 2025, 3, 14);
    assert_date("2025-03-14T09:05+14:00", 2025, 3, 14);
}

static void test_date_is_as_written_without_zone_conversion(void **state)
{
    (void)state;
    /* 2025-03-15T04:30Z in UTC, but the date written is the 14th. */
    assert_date("2025-03-14T23:30-05:00", 2025, 3, 14);
    /* 2025-03-13T10:00Z in UTC. */
    assert_date("2025-03-14T00:00:00+14:00", 2025, 3, 14);
    assert_date("2024-12-31T23:59:59-12:00", 2024, 12, 31);
}

static void test_dotted_date_as_russian_excel_writes_it(void **state)
{
    (void)state;
    assert_date("14.03.2025", 2025, 3, 14);
    assert_date(" 14.03.2025 ", 2025, 3, 14);
    assert_date("14.03.2025 09:05", 2025, 3, 14);
    assert_date("14.03.2025 9:05", 2025, 3, 14);
    assert_date("14.03.2025 09:05:30", 2025, 3, 14);
    assert_date("14.03.2025 0:00:00", 2025, 3, 14);
    assert_date("01.01.2000 23:59", 2000, 1, 1);
}

static void test_slashed_year_first_date(void **state)
{
    (void)state;
    assert_date("2025/03/14", 2025, 3, 14);
    assert_date("2025/03/14 09:05", 2025, 3, 14);
    assert_date("2025/03/14 9:05:30", 2025, 3, 14);
    assert_date("\t2025/12/31 23:59:59\t", 2025, 12, 31);
}

static void test_february_29_only_in_gregorian_leap_years(void **state)
{
    (void)state;
    assert_date("2024-02-29", 2024, 2, 29);
    assert_date("2000-02-29", 2000, 2, 29); /* divisible by 400 */
    assert_date("29.02.2024", 2024, 2, 29);
    assert_date("1600/02/29", 1600, 2, 29);
    REJECT("2025-02-29");
    REJECT("1900-02-29"); /* divisible by 100, not by 400 */
    REJECT("2100/02/29");
    REJECT("29.02.2023");
    REJECT("2024-02-30");
}

static void test_impossible_dates_are_not_dates(void **state)
{
    (void)state;
    REJECT("2025-13-01");
    REJECT("2025-00-10");
    REJECT("2025-01-00");
    REJECT("2025-01-32");
    REJECT("2025-04-31");
    REJECT("31.04.2025");
    REJECT("31.06.2025");
    REJECT("30.02.2024");
    REJECT("00.01.2025");
    REJECT("2025/09/31");
    REJECT("2025/11/31");
    REJECT("0999-12-31"); /* before year 1000 */
    REJECT("0000-01-01");
    REJECT("10000-01-01");
}

static void test_impossible_times_are_not_dates(void **state)
{
    (void)state;
    REJECT("2025-03-14T25:00");
    REJECT("2025-03-14T24:00"); /* 24:00 is the next day's 00:00 */
    REJECT("2025-03-14T23:60");
    REJECT("2025-03-14T12:00:61");
    REJECT("2025-03-14T12:00+24:00");
    REJECT("2025-03-14T12:00+03:60");
    REJECT("2025-03-14T12:00-9900");
    REJECT("14.03.2025 24:00");
    REJECT("14.03.2025 9:60");
    REJECT("2025/03/14 25:00:00");
}

static void test_other_shapes_are_not_dates(void **state)
{
    (void)state;
    REJECT("2025-3-14");
    REJECT("2025-03-4");
    REJECT("14/13/2025"); /* no order makes it a date */
    REJECT("1/2/25");     /* two-digit years are not read */
    REJECT("123/1/2025");
    REJECT("14.3.2025");
    REJECT("14-03-2025");
    REJECT("20250314");
    REJECT("2025-03");
    REJECT("2025");
    REJECT("25-03-14");
    REJECT("14.03.25");
    REJECT("2025-03-14x");
    REJECT("2025-03-14 x");
    REJECT("2025-03-14T");
    REJECT("2025-03-14T09");
    REJECT("2025-03-14T9:05"); /* ISO 8601 hours have two digits */
    REJECT("2025-03-14T09:5");
    REJECT("2025-03-14T09:05:7");
    REJECT("2025-03-14T09:05:07.");
    REJECT("2025-03-14T09:05.5");
    REJECT("2025-03-14  09:05");
    REJECT("2025-03-14t09:05");
    REJECT("2025-03-14Z");
    REJECT("2025-03-14T09:05 Z");
    REJECT("2025-03-14T09:05z");
    REJECT("2025-03-14T09:05+3");
    REJECT("2025-03-14T09:05+03:0");
    REJECT("2025-03-14T09:05+031");
    REJECT("2025-03-14T09:05+03:00:00");
    REJECT("2025-03-14T09:05Z junk");
    REJECT("2025-03-14T09:05:07Z+03:00");
    REJECT("14.03.2025T09:05");
    REJECT("14.03.2025 09:05:30.5");
    REJECT("14.03.2025 09:05Z");
    REJECT("14.03.2025 09:05+03:00");
    REJECT("14.03.2025 09");
    REJECT("2025/03/14T09:05");
    REJECT("2025/03/14 09:05Z");
    REJECT("2025.03.14");
    REJECT("+2025-03-14");
    REJECT("-2025-03-14");
    REJECT("today");
    REJECT("2025-03-14 / 2025-03-15");
}

static void test_blank_field_is_blank_not_invalid(void **state)
{
    cx_date d;

    (void)state;
    assert_rejected("", 0, CX_BLANK);
    assert_rejected("   ", 3, CX_BLANK);
    assert_rejected(" \t ", 3, CX_BLANK);
    assert_int_equal(parse_n(NULL, 0, &d), CX_BLANK);
    assert_int_equal(parse_n(NULL, 4, &d), CX_EINVAL);
    assert_int_equal(d.year, -1);
}

static void test_embedded_nul_bytes_are_not_skipped(void **state)
{
    (void)state;
    REJECT("2025-03-14\0");
    REJECT("\0" "2025-03-14");
    REJECT("2025-03\0" "-14");
    REJECT("2025-03-14T09:05\0Z");
    REJECT("14.03.2025\0" " 09:05");
    REJECT("\0");
}

static void test_only_len_bytes_are_read(void **state)
{
    static const char field[] = "2025-03-14T09:05";
    char *exact = malloc(10);
    cx_date d;

    (void)state;
    assert_non_null(exact);
    /* Exactly the 10 bytes of the date, with no NUL after them. */
    memcpy(exact, field, 10);
    assert_int_equal(parse_n(exact, 10, &d), CX_OK);
    assert_int_equal(d.day, 14);
    assert_int_equal(parse_n(exact, 9, &d), CX_EDATE);
    assert_int_equal(parse_n(exact, 4, &d), CX_EDATE);
    free(exact);
    assert_int_equal(parse_n("2025-03-145", 10, &d), CX_OK);
    assert_int_equal(parse_n("14.03.2025 09:05", 10, &d), CX_OK);
    /* "14.03.2025 ", with a trailing space. */
    assert_int_equal(parse_n("14.03.2025 09:05", 11, &d), CX_OK);
    assert_int_equal(parse_n("14.03.2025 09:05", 13, &d), CX_EDATE);
    assert_int_equal(parse_n("2025-03-14T09:05+03:00", 19, &d), CX_OK); /* "+03" */
    assert_int_equal(parse_n("2025-03-14T09:05+03:00", 20, &d), CX_EDATE);
}

static void test_date_error_reads_as_not_a_date(void **state)
{
    (void)state;
    assert_string_equal(cx_strerror(CX_EDATE), "not a date");
}

/* ---- period lengths ------------------------------------------------------ */

static void test_every_names_parse_back(void **state)
{
    static const char *const names[] = {"day", "week", "month", "quarter", "year"};
    cx_every e;

    (void)state;
    for (int i = 0; i < CX_EVERY_COUNT; i++) {
        assert_string_equal(cx_every_name((cx_every)i), names[i]);
        e = CX_EVERY_COUNT;
        assert_int_equal(cx_every_parse(names[i], &e), CX_OK);
        assert_int_equal(e, i);
    }
    assert_int_equal(cx_every_parse("quarter", &e), CX_OK);
    assert_int_equal(e, CX_EVERY_QUARTER);
}

static void test_unknown_every_is_invalid(void **state)
{
    cx_every e = CX_EVERY_YEAR;

    (void)state;
    assert_int_equal(cx_every_parse("Day", &e), CX_EINVAL);
    assert_int_equal(cx_every_parse("days", &e), CX_EINVAL);
    assert_int_equal(cx_every_parse("da", &e), CX_EINVAL);
    assert_int_equal(cx_every_parse("", &e), CX_EINVAL);
    assert_int_equal(cx_every_parse("hour", &e), CX_EINVAL);
    assert_int_equal(cx_every_parse(NULL, &e), CX_EINVAL);
    assert_int_equal(e, CX_EVERY_YEAR);
    assert_null(cx_every_name(CX_EVERY_COUNT));
    assert_null(cx_every_name((cx_every)-1));
}

/* ---- period numbers ------------------------------------------------------ */

static void test_day_zero_is_1970_01_01(void **state)
{
    (void)state;
    assert_int_equal(cx_period_of(date(1970, 1, 1), CX_EVERY_DAY), 0);
    assert_int_equal(cx_period_of(date(1969, 12, 31), CX_EVERY_DAY), -1);
    assert_int_equal(cx_period_of(date(1970, 1, 2), CX_EVERY_DAY), 1);
    /* 946684800 s / 86400: the Unix time of 2000-01-01. */
    assert_int_equal(cx_period_of(date(2000, 1, 1), CX_EVERY_DAY), 10957);
    /* 55 years from 1970 with 14 leap days (1972..2024), then 31 + 28 + 13 days. */
    assert_int_equal(cx_period_of(date(2025, 3, 14), CX_EVERY_DAY), 20161);
    /* 1969 back to 1900: 70 years with 17 leap days (1904..1968). */
    assert_int_equal(cx_period_of(date(1900, 1, 1), CX_EVERY_DAY), -25567);
}

static void test_consecutive_days_are_consecutive_across_year_ends(void **state)
{
    (void)state;
    assert_int_equal(cx_period_of(date(2024, 12, 31), CX_EVERY_DAY), 20088);
    assert_int_equal(cx_period_of(date(2025, 1, 1), CX_EVERY_DAY), 20089);
    assert_int_equal(cx_period_of(date(1999, 12, 31), CX_EVERY_DAY), 10956);
    assert_int_equal(cx_period_of(date(2024, 2, 29), CX_EVERY_DAY) + 1,
                     cx_period_of(date(2024, 3, 1), CX_EVERY_DAY));
    assert_int_equal(cx_period_of(date(2025, 2, 28), CX_EVERY_DAY) + 1,
                     cx_period_of(date(2025, 3, 1), CX_EVERY_DAY));
}

static void test_weeks_start_on_monday_and_week_zero_holds_1970_01_01(void **state)
{
    (void)state;
    assert_int_equal(cx_period_of(date(1969, 12, 29), CX_EVERY_WEEK), 0); /* Monday */
    assert_int_equal(cx_period_of(date(1970, 1, 1), CX_EVERY_WEEK), 0);   /* Thursday */
    assert_int_equal(cx_period_of(date(1970, 1, 4), CX_EVERY_WEEK), 0);   /* Sunday */
    assert_int_equal(cx_period_of(date(1970, 1, 5), CX_EVERY_WEEK), 1);
    assert_int_equal(cx_period_of(date(1969, 12, 28), CX_EVERY_WEEK), -1);
    /* floor((20161 + 3) / 7) */
    assert_int_equal(cx_period_of(date(2025, 3, 14), CX_EVERY_WEEK), 2880);
    assert_int_equal(cx_period_of(date(2025, 3, 10), CX_EVERY_WEEK), 2880);
    assert_int_equal(cx_period_of(date(2025, 3, 16), CX_EVERY_WEEK), 2880);
    assert_int_equal(cx_period_of(date(2025, 3, 17), CX_EVERY_WEEK), 2881);
}

static void test_month_quarter_and_year_numbers(void **state)
{
    (void)state;
    assert_int_equal(cx_period_of(date(2025, 3, 14), CX_EVERY_MONTH), 24302);
    assert_int_equal(cx_period_of(date(2024, 12, 31), CX_EVERY_MONTH), 24299);
    assert_int_equal(cx_period_of(date(2025, 1, 1), CX_EVERY_MONTH), 24300);
    assert_int_equal(cx_period_of(date(2025, 3, 31), CX_EVERY_QUARTER), 8100);
    assert_int_equal(cx_period_of(date(2025, 4, 1), CX_EVERY_QUARTER), 8101);
    assert_int_equal(cx_period_of(date(2025, 12, 31), CX_EVERY_QUARTER), 8103);
    assert_int_equal(cx_period_of(date(2026, 1, 1), CX_EVERY_QUARTER), 8104);
    assert_int_equal(cx_period_of(date(2025, 12, 31), CX_EVERY_YEAR), 2025);
    assert_int_equal(cx_period_of(date(2026, 1, 1), CX_EVERY_YEAR), 2026);
}

static void test_invalid_date_or_every_has_no_period(void **state)
{
    (void)state;
    assert_int_equal(cx_period_of(date(2025, 2, 29), CX_EVERY_DAY), CX_PERIOD_NONE);
    assert_int_equal(cx_period_of(date(2025, 13, 1), CX_EVERY_MONTH), CX_PERIOD_NONE);
    assert_int_equal(cx_period_of(date(999, 12, 31), CX_EVERY_YEAR), CX_PERIOD_NONE);
    assert_int_equal(cx_period_of(date(10000, 1, 1), CX_EVERY_YEAR), CX_PERIOD_NONE);
    assert_int_equal(cx_period_of(date(2025, 1, 0), CX_EVERY_WEEK), CX_PERIOD_NONE);
    assert_int_equal(cx_period_of(date(-2147483647 - 1, 1, 1), CX_EVERY_DAY), CX_PERIOD_NONE);
    assert_int_equal(cx_period_of(date(2025, 3, 14), CX_EVERY_COUNT), CX_PERIOD_NONE);
    assert_int_equal(cx_period_of(date(2025, 3, 14), (cx_every)-1), CX_PERIOD_NONE);
}

/* ---- labels ----------------------------------------------------------------- */

static void test_labels_of_each_period_length(void **state)
{
    (void)state;
    assert_string_equal(label_of(date(2025, 3, 14), CX_EVERY_DAY), "2025-03-14");
    assert_string_equal(label_of(date(2025, 3, 14), CX_EVERY_WEEK), "2025-W11");
    assert_string_equal(label_of(date(2025, 3, 14), CX_EVERY_MONTH), "2025-03");
    assert_string_equal(label_of(date(2025, 3, 14), CX_EVERY_QUARTER), "2025-Q1");
    assert_string_equal(label_of(date(2025, 3, 14), CX_EVERY_YEAR), "2025");
    assert_string_equal(label(0, CX_EVERY_DAY), "1970-01-01");
    assert_string_equal(label(-1, CX_EVERY_DAY), "1969-12-31");
    assert_string_equal(label(0, CX_EVERY_WEEK), "1970-W01");
    assert_string_equal(label(-1, CX_EVERY_WEEK), "1969-W52");
    assert_string_equal(label(24299, CX_EVERY_MONTH), "2024-12");
    assert_string_equal(label(24300, CX_EVERY_MONTH), "2025-01");
    assert_string_equal(label(8103, CX_EVERY_QUARTER), "2025-Q4");
    assert_string_equal(label_of(date(2025, 7, 1), CX_EVERY_QUARTER), "2025-Q3");
    assert_string_equal(label_of(date(1000, 1, 1), CX_EVERY_DAY), "1000-01-01");
    assert_string_equal(label_of(date(9999, 12, 31), CX_EVERY_DAY), "9999-12-31");
    assert_string_equal(label_of(date(1000, 1, 1), CX_EVERY_WEEK), "1000-W01");
    assert_string_equal(label_of(date(9999, 12, 31), CX_EVERY_WEEK), "9999-W52");
}

static void test_week_label_uses_the_iso_week_year(void **state)
{
    (void)state;
    /* Monday 2024-12-30: its Thursday is 2025-01-02. */
    assert_string_equal(label_of(date(2024, 12, 30), CX_EVERY_WEEK), "2025-W01");
    assert_string_equal(label_of(date(2024, 12, 29), CX_EVERY_WEEK), "2024-W52");
    /* Sunday 2021-01-03: its Thursday is 2020-12-31, of a 53-week year. */
    assert_string_equal(label_of(date(2021, 1, 3), CX_EVERY_WEEK), "2020-W53");
    assert_string_equal(label_of(date(2021, 1, 4), CX_EVERY_WEEK), "2021-W01");
    /* 2026 starts on a Thursday: a 53-week year, whose last week takes 2027-01-01..03. */
    assert_string_equal(label_of(date(2026, 1, 1), CX_EVERY_WEEK), "2026-W01");
    assert_string_equal(label_of(date(2025, 12, 29), CX_EVERY_WEEK), "2026-W01");
    assert_string_equal(label_of(date(2027, 1, 3), CX_EVERY_WEEK), "2026-W53");
    assert_string_equal(label_of(date(2027, 1, 4), CX_EVERY_WEEK), "2027-W01");
    /* 2023 starts on a Sunday: January 1 is in the last week of 2022. */
    assert_string_equal(label_of(date(2023, 1, 1), CX_EVERY_WEEK), "2022-W52");
}

static void test_label_is_cut_like_snprintf(void **state)
{
    char buf[8];

    (void)state;
    memset(buf, 'x', sizeof buf);
    assert_int_equal(cx_period_label(20161, CX_EVERY_DAY, buf, 5), 10);
    assert_string_equal(buf, "2025");
    assert_int_equal(buf[5], 'x');
    assert_int_equal(cx_period_label(20161, CX_EVERY_DAY, buf, 1), 10);
    assert_string_equal(buf, "");
    memset(buf, 'x', sizeof buf);
    assert_int_equal(cx_period_label(20161, CX_EVERY_DAY, buf, 0), 10);
    assert_int_equal(buf[0], 'x');
    assert_int_equal(cx_period_label(20161, CX_EVERY_DAY, NULL, 0), 10);
    assert_int_equal(cx_period_label(2880, CX_EVERY_WEEK, buf, 8), 8);
    assert_string_equal(buf, "2025-W1");
    assert_int_equal(cx_period_label(2025, CX_EVERY_YEAR, buf, 5), 4);
    assert_string_equal(buf, "2025");
}

static void test_period_outside_years_1000_to_9999_has_no_label(void **state)
{
    char buf[16];
    int32_t first = cx_period_of(date(1000, 1, 1), CX_EVERY_DAY);
    int32_t last = cx_period_of(date(9999, 12, 31), CX_EVERY_DAY);

    (void)state;
    memset(buf, 'x', sizeof buf);
    assert_int_equal(cx_period_label(first - 1, CX_EVERY_DAY, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(cx_period_label(last + 1, CX_EVERY_DAY, buf, sizeof buf), 0);
    assert_int_equal(cx_period_label(CX_PERIOD_NONE, CX_EVERY_WEEK, buf, sizeof buf), 0);
    assert_int_equal(cx_period_label(INT32_MAX, CX_EVERY_MONTH, buf, sizeof buf), 0);
    assert_int_equal(cx_period_label(999 * 4 + 3, CX_EVERY_QUARTER, buf, sizeof buf), 0);
    assert_int_equal(cx_period_label(10000, CX_EVERY_YEAR, buf, sizeof buf), 0);
    assert_int_equal(cx_period_label(999, CX_EVERY_YEAR, buf, sizeof buf), 0);
    assert_int_equal(cx_period_label(2025, CX_EVERY_COUNT, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

/*
 * An independent, slow calendar: walk day by day from 1970-01-01 (a
 * Thursday), and find ISO week 1 as the week holding January 4.
 */
static int slow_month_days(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    return days[month - 1] + (month == 2 && leap);
}

static long slow_day_number(int year, int month, int day)
{
    long n = 0;

    for (int y = 1970; y < year; y++)
        for (int m = 1; m <= 12; m++)
            n += slow_month_days(y, m);
    for (int m = 1; m < month; m++)
        n += slow_month_days(year, m);
    return n + day - 1;
}

/* Monday = 0 ... Sunday = 6; day 0 is a Thursday (3). */
static int slow_weekday(long n)
{
    return (int)(((n + 3) % 7 + 7) % 7);
}

static long slow_week1_monday(int year)
{
    long jan4 = slow_day_number(year, 1, 4);

    return jan4 - slow_weekday(jan4);
}

static void slow_iso_week_label(cx_date d, long n, char *buf, size_t size)
{
    int year = d.year + 1;

    while (slow_week1_monday(year) > n)
        year--;
    snprintf(buf, size, "%04d-W%02ld", year, (n - slow_week1_monday(year)) / 7 + 1);
}

static void test_every_day_1999_12_to_2030_01_round_trips_through_its_labels(void **state)
{
    cx_date d = {1999, 12, 1};
    long n = slow_day_number(1999, 12, 1);
    int32_t prev[CX_EVERY_COUNT];
    char expected[32];
    int days = 0;

    (void)state;
    for (int e = 0; e < CX_EVERY_COUNT; e++)
        prev[e] = cx_period_of(d, (cx_every)e) - 1;
    while (d.year < 2030 || d.month < 2) {
        bool monday = slow_weekday(n) == 0;
        bool new_month = d.day == 1;
        int32_t p[CX_EVERY_COUNT];

        for (int e = 0; e < CX_EVERY_COUNT; e++)
            p[e] = cx_period_of(d, (cx_every)e);
        /* Each number steps by one exactly when its period changes. */
        assert_int_equal(p[CX_EVERY_DAY], n);
        assert_int_equal(p[CX_EVERY_DAY], prev[CX_EVERY_DAY] + 1);
        assert_int_equal(p[CX_EVERY_WEEK], prev[CX_EVERY_WEEK] + (monday || days == 0));
        assert_int_equal(p[CX_EVERY_MONTH], prev[CX_EVERY_MONTH] + (new_month || days == 0));
        assert_int_equal(p[CX_EVERY_QUARTER],
                         prev[CX_EVERY_QUARTER] + ((new_month && d.month % 3 == 1) || days == 0));
        assert_int_equal(p[CX_EVERY_YEAR], d.year);

        snprintf(expected, sizeof expected, "%04d-%02d-%02d", d.year, d.month, d.day);
        assert_string_equal(label(p[CX_EVERY_DAY], CX_EVERY_DAY), expected);
        slow_iso_week_label(d, n, expected, sizeof expected);
        assert_string_equal(label(p[CX_EVERY_WEEK], CX_EVERY_WEEK), expected);
        snprintf(expected, sizeof expected, "%04d-%02d", d.year, d.month);
        assert_string_equal(label(p[CX_EVERY_MONTH], CX_EVERY_MONTH), expected);
        snprintf(expected, sizeof expected, "%04d-Q%d", d.year, (d.month - 1) / 3 + 1);
        assert_string_equal(label(p[CX_EVERY_QUARTER], CX_EVERY_QUARTER), expected);
        snprintf(expected, sizeof expected, "%04d", d.year);
        assert_string_equal(label(p[CX_EVERY_YEAR], CX_EVERY_YEAR), expected);

        memcpy(prev, p, sizeof prev);
        n++;
        days++;
        if (++d.day > slow_month_days(d.year, d.month)) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                d.year++;
            }
        }
    }
    /* 1999-12-01 .. 2030-01-31 inclusive. */
    assert_int_equal(days, slow_day_number(2030, 2, 1) - slow_day_number(1999, 12, 1));
    assert_int_equal(days, 11020);
}

static void test_google_forms_timestamp_is_read_to_its_date(void **state)
{
    cx_date d;

    (void)state;
    assert_int_equal(cx_date_parse("2025/03/14 9:26:53 AM GMT+3", 27, &d), CX_OK);
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 14);
    assert_int_equal(cx_date_parse("2025/03/14 11:02:10 pm", 22, &d), CX_OK);
    assert_int_equal(cx_date_parse("2025/03/14 11:02 UTC", 20, &d), CX_OK);
    assert_int_equal(cx_date_parse("2025/03/14 11:02 GMT-5:30", 25, &d), CX_OK);
    assert_int_equal(cx_date_parse("2025/03/14 11:02 GMT+15", 23, &d), CX_EDATE);
    assert_int_equal(cx_date_parse("2025/03/14 AM", 13, &d), CX_EDATE);
    assert_int_equal(cx_date_parse("2025/03/14 11:02 XM", 19, &d), CX_EDATE);
    assert_int_equal(cx_date_parse("2025-03-14 11:02 AM", 19, &d), CX_EDATE); /* ISO has no AM */
}

/* ---- the forms platforms write (issue 14) ---------------------------------- */

static cx_date parse_ok(const char *text)
{
    cx_date d = {-1, -1, -1};
    assert_int_equal(cx_date_parse(text, strlen(text), &d), CX_OK);
    return d;
}

static void assert_same_date(cx_date d, int year, int month, int day)
{
    assert_int_equal(d.year, year);
    assert_int_equal(d.month, month);
    assert_int_equal(d.day, day);
}

static void test_platform_timestamps_are_read(void **state)
{
    (void)state;
    assert_same_date(parse_ok("01/01/2024 12:42:14 PM"), 2024, 1, 1);     /* SurveyMonkey */
    assert_same_date(parse_ok("2024/01/01 12:42:14 PM EET"), 2024, 1, 1); /* Google Forms */
    assert_same_date(parse_ok("2024/01/01 12:42:14 AM CET"), 2024, 1, 1);
    assert_same_date(parse_ok("2024/03/05 0:42:14 MSK"), 2024, 3, 5);
    assert_same_date(parse_ok("2024/03/05 11:59 PM PST"), 2024, 3, 5);
    assert_same_date(parse_ok("2024-03-05 16:12:33 UTC"), 2024, 3, 5);
    assert_same_date(parse_ok("2024-03-05 16:12:33 CEST"), 2024, 3, 5);
    assert_same_date(parse_ok("2024-03-05 16:12:33 +03:00"), 2024, 3, 5);
    assert_same_date(parse_ok("2024-03-05 9:26"), 2024, 3, 5);
    assert_same_date(parse_ok("13/5/2024 16:12:33"), 2024, 5, 13);  /* only day first */
    assert_same_date(parse_ok("3/25/2024"), 2024, 3, 25);           /* only month first */
    assert_same_date(parse_ok("05/05/2024"), 2024, 5, 5);           /* either way */
    REJECT("01/01/2024 13:42:14 PM"); /* a 12-hour clock has no 13 */
    REJECT("01/01/2024 0:42 AM");
    REJECT("2024/01/01 12:42:14 PM E");
    REJECT("2024/01/01 12:42:14 PM EASTERN");
    REJECT("2024/01/01 12:42:14 PM eet");
    REJECT("2024-03-05 9:26 PM");     /* ISO has no AM */
    REJECT("2024-03-05T9:26");
}

static void test_day_month_order_is_given_or_plain(void **state)
{
    cx_date d;
    (void)state;
    REJECT("03/05/2024"); /* either order: not read without one */
    assert_int_equal(cx_date_parse_order("3/5/2024 16:12:33", 17, CX_DATE_MDY, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_order("05/03/2024", 10, CX_DATE_DMY, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_order("13/05/2024", 10, CX_DATE_MDY, &d), CX_EDATE);
    assert_int_equal(cx_date_parse_order("2024-03-05", 10, CX_DATE_DMY, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_order("2024-03-05", 10, (cx_date_order)0, &d), CX_EINVAL);
    assert_int_equal(cx_date_orders("03/05/2024", 10), CX_DATE_MDY | CX_DATE_DMY);
    assert_int_equal(cx_date_orders("13/05/2024", 10), CX_DATE_DMY);
    assert_int_equal(cx_date_orders("05/13/2024", 10), CX_DATE_MDY);
    assert_int_equal(cx_date_orders("31/02/2024", 10), 0); /* neither is a date */
    assert_int_equal(cx_date_orders("14.03.2025", 10), CX_DATE_MDY | CX_DATE_DMY);
    assert_int_equal(cx_date_orders("soon", 4), 0);
    assert_int_equal(cx_date_orders("", 0), 0);
}

static void test_russian_month_words(void **state)
{
    (void)state;
    assert_same_date(parse_ok("5 марта 2024 г."), 2024, 3, 5);
    assert_same_date(parse_ok("31 декабря 2024"), 2024, 12, 31);
    assert_same_date(parse_ok("1 мая 2024 г"), 2024, 5, 1);
    assert_same_date(parse_ok("12 января 2025 г., 9:05"), 2025, 1, 12);
    REJECT("31 февраля 2024 г.");
    REJECT("5 март 2024");
    REJECT("5 марта 24");
}

static void test_date_format_subset(void **state)
{
    cx_date d;
    (void)state;
    assert_int_equal(cx_date_parse_format("%d/%m/%Y", " 05/03/2024 ", 12, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_format("%m/%d/%Y %I:%M %p", "3/5/2024 4:12 PM", 16, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_format("%b %d, %Y", "Mar 5, 2024", 11, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_format("%d %B %Y", "5 MARCH  2024", 13, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_format("%F %T %Z", "2024-03-05 16:12:33 EET", 23, &d), CX_OK);
    assert_int_equal(cx_date_parse_format("%Y%m%d", "20240305", 8, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_format("100%% %D", "100% 03/05/2024", 15, &d), CX_OK);
    assert_same_date(d, 2024, 3, 5);
    assert_int_equal(cx_date_parse_format("%d/%m/%Y", "05/13/2024", 10, &d), CX_EDATE);
    assert_int_equal(cx_date_parse_format("%d/%m/%Y", "05/03/2024 x", 12, &d), CX_EDATE);
    assert_int_equal(cx_date_parse_format("%d/%m/%Y", "  ", 2, &d), CX_BLANK);
    assert_int_equal(cx_date_parse_format("%d/%m", "05/03", 5, &d), CX_EINVAL);
    assert_int_equal(cx_date_format_check("%d/%m/%Y"), CX_OK);
    assert_int_equal(cx_date_format_check("%d/%m"), CX_EINVAL);   /* no year */
    assert_int_equal(cx_date_format_check("%d/%q/%Y"), CX_EINVAL); /* unknown directive */
    assert_int_equal(cx_date_format_check("%d/%m/%Y%"), CX_EINVAL);
    assert_int_equal(cx_date_format_check(NULL), CX_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_google_forms_timestamp_is_read_to_its_date),
        cmocka_unit_test(test_platform_timestamps_are_read),
        cmocka_unit_test(test_day_month_order_is_given_or_plain),
        cmocka_unit_test(test_russian_month_words),
        cmocka_unit_test(test_date_format_subset),
        cmocka_unit_test(test_iso_date_alone_with_spaces_or_tabs_around),
        cmocka_unit_test(test_iso_date_with_time_after_t_or_one_space),
        cmocka_unit_test(test_iso_time_with_every_zone_form),
        cmocka_unit_test(test_date_is_as_written_without_zone_conversion),
        cmocka_unit_test(test_dotted_date_as_russian_excel_writes_it),
        cmocka_unit_test(test_slashed_year_first_date),
        cmocka_unit_test(test_february_29_only_in_gregorian_leap_years),
        cmocka_unit_test(test_impossible_dates_are_not_dates),
        cmocka_unit_test(test_impossible_times_are_not_dates),
        cmocka_unit_test(test_other_shapes_are_not_dates),
        cmocka_unit_test(test_blank_field_is_blank_not_invalid),
        cmocka_unit_test(test_embedded_nul_bytes_are_not_skipped),
        cmocka_unit_test(test_only_len_bytes_are_read),
        cmocka_unit_test(test_date_error_reads_as_not_a_date),
        cmocka_unit_test(test_every_names_parse_back),
        cmocka_unit_test(test_unknown_every_is_invalid),
        cmocka_unit_test(test_day_zero_is_1970_01_01),
        cmocka_unit_test(test_consecutive_days_are_consecutive_across_year_ends),
        cmocka_unit_test(test_weeks_start_on_monday_and_week_zero_holds_1970_01_01),
        cmocka_unit_test(test_month_quarter_and_year_numbers),
        cmocka_unit_test(test_invalid_date_or_every_has_no_period),
        cmocka_unit_test(test_labels_of_each_period_length),
        cmocka_unit_test(test_week_label_uses_the_iso_week_year),
        cmocka_unit_test(test_label_is_cut_like_snprintf),
        cmocka_unit_test(test_period_outside_years_1000_to_9999_has_no_label),
        cmocka_unit_test(test_every_day_1999_12_to_2030_01_round_trips_through_its_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
