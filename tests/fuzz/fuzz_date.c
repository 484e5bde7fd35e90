/*
 * fuzz_date.c - the library's field parsers on arbitrary bytes, with their
 * invariants checked (a violation aborts):
 *   - cx_date_parse(): a date it accepts is valid; its period numbers and
 *     labels agree (the day label parses back to the date, the month,
 *     quarter and ISO week labels name the period again);
 *   - cx_period_label() on a period number taken from the first bytes:
 *     never more than the length it reports, NUL-terminated at every size;
 *   - cx_weight_parse(): at most CX_WEIGHT_MAX weights, plain digits exact;
 *   - cx_score_parse() on every scale: agrees across scales;
 *   - cx_decimal_parse() and cx_decimal_compare(): round trip through
 *     cx_fixed_format(), and agree with an exact comparison done here;
 *   - cx_every_parse() on the bytes as a string;
 *   - cx_date_orders() agrees with cx_date_parse_order() in each order, and
 *     cx_date_parse() reads a date only in an order cx_date_orders() gives;
 *   - cx_date_parse_format() with a format from the bytes up to a newline,
 *     on the rest: a format it refuses is refused by cx_date_format_check(),
 *     a date it reads is valid.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cxstat.h"
#include "fuzz.h"

__extension__ typedef __int128 i128;

static const size_t label_len[CX_EVERY_COUNT] = {10, 8, 7, 7, 4};

static int32_t period_of(int year, int month, int day, cx_every every)
{
    return cx_period_of((cx_date){year, month, day}, every);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        FUZZ_CHECK(s[i] >= '0' && s[i] <= '9');
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/*
 * The label of period p, checked at every buffer size, and read back: the
 * period it names (computed here from the label text) must be p.
 */
static void check_label(int32_t p, cx_every every)
{
    char buf[32], small[32];
    size_t n = cx_period_label(p, every, buf, sizeof buf);
    if (n == 0) {
        FUZZ_CHECK(buf[0] == '\0');
        return;
    }
    FUZZ_CHECK(n == label_len[every] && strlen(buf) == n);
    for (size_t size = 0; size <= n + 1; size++) {
        memset(small, 'x', sizeof small);
        FUZZ_CHECK(cx_period_label(p, every, small, size) == n);
        if (size > 0) {
            size_t kept = size - 1 < n ? size - 1 : n;
            FUZZ_CHECK(memcmp(small, buf, kept) == 0 && small[kept] == '\0');
        }
        FUZZ_CHECK(small[size] == 'x');
    }

    int year = digits(buf, 4);
    FUZZ_CHECK(year >= 1000 && year <= 9999);
    cx_date d;
    switch (every) {
    case CX_EVERY_DAY:
        FUZZ_CHECK(cx_date_parse(buf, n, &d) == CX_OK);
        FUZZ_CHECK(cx_period_of(d, CX_EVERY_DAY) == p);
        break;
    case CX_EVERY_WEEK: {
        FUZZ_CHECK(buf[4] == '-' && buf[5] == 'W');
        int week = digits(buf + 6, 2);
        FUZZ_CHECK(week >= 1 && week <= 53);
        /* ISO 8601: week 1 holds January 4; weeks start on Monday; 1970-01-01 was a Thursday. */
        int32_t jan4 = period_of(year, 1, 4, CX_EVERY_DAY);
        int64_t weekday = ((int64_t)jan4 + 3) % 7; /* 0 = Monday */
        if (weekday < 0)
            weekday += 7;
        int64_t monday = jan4 - weekday + (int64_t)(week - 1) * 7;
        int64_t w = monday + 3 >= 0 ? (monday + 3) / 7 : -((-(monday + 3) + 6) / 7);
        FUZZ_CHECK(w == p);
        /* Week 53 only exists in a year whose last week is 53. */
        if (week == 53)
            FUZZ_CHECK(period_of(year, 12, 28, CX_EVERY_WEEK) == p);
        break;
    }
    case CX_EVERY_MONTH:
        FUZZ_CHECK(buf[4] == '-');
        FUZZ_CHECK(period_of(year, digits(buf + 5, 2), 1, CX_EVERY_MONTH) == p);
        break;
    case CX_EVERY_QUARTER: {
        FUZZ_CHECK(buf[4] == '-' && buf[5] == 'Q');
        int q = digits(buf + 6, 1);
        FUZZ_CHECK(q >= 1 && q <= 4);
        FUZZ_CHECK(period_of(year, (q - 1) * 3 + 1, 1, CX_EVERY_QUARTER) == p);
        break;
    }
    case CX_EVERY_YEAR:
    case CX_EVERY_COUNT:
        FUZZ_CHECK(year == p);
        break;
    }
}

static void check_date(const char *text, size_t size)
{
    cx_date d = {-1, -1, -1};
    cx_status st = cx_date_parse(text, size, &d);
    FUZZ_CHECK(st == CX_OK || st == CX_BLANK || st == CX_EDATE);
    if (st != CX_OK) {
        FUZZ_CHECK(d.year == -1 && d.month == -1 && d.day == -1);
        return;
    }
    FUZZ_CHECK(d.year >= 1000 && d.year <= 9999 && d.month >= 1 && d.month <= 12);
    FUZZ_CHECK(d.day >= 1 && d.day <= 31);
    for (int e = 0; e < CX_EVERY_COUNT; e++) {
        int32_t p = cx_period_of(d, (cx_every)e);
        FUZZ_CHECK(p != CX_PERIOD_NONE);
        check_label(p, (cx_every)e);
    }
    /* The day label is the date itself, and the next day's period follows. */
    char buf[16];
    int32_t day = cx_period_of(d, CX_EVERY_DAY);
    FUZZ_CHECK(cx_period_label(day, CX_EVERY_DAY, buf, sizeof buf) == 10);
    cx_date back;
    FUZZ_CHECK(cx_date_parse(buf, 10, &back) == CX_OK);
    FUZZ_CHECK(back.year == d.year && back.month == d.month && back.day == d.day);
    if (cx_period_label(day + 1, CX_EVERY_DAY, buf, sizeof buf) == 10) {
        FUZZ_CHECK(cx_date_parse(buf, 10, &back) == CX_OK);
        FUZZ_CHECK(cx_period_of(back, CX_EVERY_DAY) == day + 1);
        FUZZ_CHECK(cx_period_of(back, CX_EVERY_MONTH) - cx_period_of(d, CX_EVERY_MONTH) ==
                   (back.day == 1));
    }
}

static bool same_date(cx_date a, cx_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

static void check_orders(const char *text, size_t size)
{
    unsigned orders = cx_date_orders(text, size);
    cx_date any = {-1, -1, -1}, mdy = {-1, -1, -1}, dmy = {-1, -1, -1};
    FUZZ_CHECK(orders <= (CX_DATE_MDY | CX_DATE_DMY));
    FUZZ_CHECK((cx_date_parse_order(text, size, CX_DATE_MDY, &mdy) == CX_OK) ==
               ((orders & CX_DATE_MDY) != 0));
    FUZZ_CHECK((cx_date_parse_order(text, size, CX_DATE_DMY, &dmy) == CX_OK) ==
               ((orders & CX_DATE_DMY) != 0));
    if (cx_date_parse(text, size, &any) == CX_OK)
        FUZZ_CHECK(same_date(any, mdy) || same_date(any, dmy));
    else
        FUZZ_CHECK(orders == 0 || orders == (CX_DATE_MDY | CX_DATE_DMY));
}

static void check_format(const char *text, size_t size)
{
    const char *nl = memchr(text, '\n', size);
    char fmt[64];
    size_t n = nl ? (size_t)(nl - text) : 0;
    if (!nl || n >= sizeof fmt || memchr(text, '\0', n))
        return;
    memcpy(fmt, text, n);
    fmt[n] = '\0';
    cx_date d = {-1, -1, -1};
    cx_status st = cx_date_parse_format(fmt, nl + 1, size - n - 1, &d);
    FUZZ_CHECK(st == CX_OK || st == CX_BLANK || st == CX_EDATE || st == CX_EINVAL);
    FUZZ_CHECK((st == CX_EINVAL) == (cx_date_format_check(fmt) != CX_OK));
    if (st == CX_OK) {
        char buf[16];
        FUZZ_CHECK(cx_period_label(cx_period_of(d, CX_EVERY_DAY), CX_EVERY_DAY, buf,
                                   sizeof buf) == 10);
    } else {
        FUZZ_CHECK(d.year == -1);
    }
}

static void check_weight(const char *text, size_t size)
{
    uint64_t units = 12345;
    cx_status st = cx_weight_parse(text, size, &units);
    FUZZ_CHECK(st == CX_OK || st == CX_BLANK || st == CX_ESIGN || st == CX_ERANGE ||
               st == CX_ENOTNUM);
    if (st != CX_OK) {
        FUZZ_CHECK(units == 12345);
        return;
    }
    FUZZ_CHECK(units <= (uint64_t)CX_WEIGHT_MAX * CX_WEIGHT_SCALE);
    /* Plain digits, perhaps with spaces or tabs around: exactly that many weights. */
    size_t p = 0, end = size;
    while (p < end && (text[p] == ' ' || text[p] == '\t'))
        p++;
    while (end > p && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    size_t q = p;
    uint64_t v = 0;
    while (q < end && q - p < 9 && text[q] >= '0' && text[q] <= '9')
        v = v * 10 + (uint64_t)(text[q++] - '0');
    if (q == end && q > p)
        FUZZ_CHECK(units == v * CX_WEIGHT_SCALE);
}

static void check_scores(const char *text, size_t size)
{
    cx_scale sc[16];
    size_t n = 0;
    static const int csat[] = {3, 5, 7, 10}, ces[] = {5, 7, 10};
    cx_scale_nps(&sc[n++]);
    for (size_t i = 0; i < 4; i++)
        FUZZ_CHECK(cx_scale_csat(&sc[n++], csat[i], 0) == CX_OK);
    for (size_t i = 0; i < 3; i++) {
        FUZZ_CHECK(cx_scale_ces(&sc[n++], ces[i], CX_CES_AGREE) == CX_OK);
        FUZZ_CHECK(cx_scale_ces(&sc[n++], ces[i], CX_CES_EFFORT) == CX_OK);
    }
    cx_scale_level(&sc[n++]);

    /* Every scale sees the same number: statuses differ only as CX_OK versus CX_ERANGE. */
    int value = -1;
    cx_status first = CX_STATUS_COUNT;
    for (size_t i = 0; i < n; i++) {
        int score = -12345;
        cx_status st = cx_score_parse(&sc[i], text, size, &score);
        if (st == CX_OK) {
            FUZZ_CHECK(score >= sc[i].lo && score <= sc[i].hi);
            FUZZ_CHECK(value < 0 || value == score);
            value = score;
        } else {
            FUZZ_CHECK(score == -12345);
        }
        cx_status kind = st == CX_ERANGE ? CX_OK : st;
        FUZZ_CHECK(first == CX_STATUS_COUNT || first == kind);
        first = kind;

        cx_hist h;
        cx_hist_init(&h);
        FUZZ_CHECK(cx_hist_add_text(&h, &sc[i], text, size) == st);
        FUZZ_CHECK(cx_hist_total(&h) == 1);
        FUZZ_CHECK(cx_hist_valid(&h) == (st == CX_OK));
        FUZZ_CHECK(h.blank == (st == CX_BLANK));
    }
    /* A value in range somewhere is in range on every scale that has it. */
    if (value >= 0)
        for (size_t i = 0; i < n; i++) {
            int score;
            cx_status st = cx_score_parse(&sc[i], text, size, &score);
            FUZZ_CHECK((value >= sc[i].lo && value <= sc[i].hi) == (st == CX_OK));
        }
}

/* a compared with b exactly, both brought to 6 decimals. */
static int exact_compare(cx_decimal a, cx_decimal b)
{
    i128 x = a.mant, y = b.mant;
    for (unsigned e = a.exp; e < CX_MAX_PRECISION; e++)
        x *= 10;
    for (unsigned e = b.exp; e < CX_MAX_PRECISION; e++)
        y *= 10;
    return (x > y) - (x < y);
}

static void check_decimals(const char *text, size_t size)
{
    cx_decimal a = {77, 7}, b;
    if (cx_decimal_parse(text, size, &a) != CX_OK) {
        FUZZ_CHECK(a.mant == 77 && a.exp == 7);
    } else {
        FUZZ_CHECK(a.exp <= CX_MAX_PRECISION);
        FUZZ_CHECK(cx_decimal_compare(a, a) == 0);
        char buf[40];
        size_t n = cx_fixed_format(a.mant, a.exp, buf, sizeof buf);
        FUZZ_CHECK(n < sizeof buf && strlen(buf) == n);
        FUZZ_CHECK(cx_decimal_parse(buf, n, &b) == CX_OK);
        FUZZ_CHECK(b.mant == a.mant && b.exp == a.exp);
        /* Every shorter buffer gets a prefix and the full length. */
        for (size_t size2 = 0; size2 <= n; size2++) {
            char small[40];
            memset(small, 'x', sizeof small);
            FUZZ_CHECK(cx_fixed_format(a.mant, a.exp, small, size2) == n);
            if (size2 > 0)
                FUZZ_CHECK(memcmp(small, buf, size2 - 1) == 0 && small[size2 - 1] == '\0');
            FUZZ_CHECK(small[size2] == 'x');
        }
    }

    /* Two decimals from the halves of the input: the comparison is exact and antisymmetric. */
    size_t half = size / 2;
    cx_decimal x, y;
    if (cx_decimal_parse(text, half, &x) == CX_OK &&
        cx_decimal_parse(text + half, size - half, &y) == CX_OK) {
        int c = cx_decimal_compare(x, y);
        FUZZ_CHECK(c == exact_compare(x, y));
        FUZZ_CHECK(cx_decimal_compare(y, x) == -c);
    }
}

static void check_every(const char *text, size_t size)
{
    char name[16];
    if (size >= sizeof name)
        return;
    memcpy(name, text, size);
    name[size] = '\0';
    cx_every e = CX_EVERY_COUNT;
    if (cx_every_parse(name, &e) == CX_OK) {
        FUZZ_CHECK((unsigned)e < CX_EVERY_COUNT);
        FUZZ_CHECK(strcmp(cx_every_name(e), name) == 0);
    } else {
        FUZZ_CHECK(e == CX_EVERY_COUNT);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    check_date(text, size);
    check_orders(text, size);
    check_format(text, size);
    check_weight(text, size);
    check_scores(text, size);
    check_decimals(text, size);
    check_every(text, size);

    /* The first five bytes as a period number and a period length (some out of range). */
    if (size >= 5) {
        uint32_t u = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
                     (uint32_t)data[3] << 24;
        int32_t p;
        memcpy(&p, &u, sizeof p);
        unsigned every = data[4] % 8;
        if (every < CX_EVERY_COUNT) {
            check_label(p, (cx_every)every);
            /* Nearby periods too, so that the ends of the range are met often. */
            check_label((int32_t)(p % 4000000), (cx_every)every);
            check_label((int32_t)(p % 40000), (cx_every)every);
        } else {
            char buf[8] = "x";
            FUZZ_CHECK(cx_period_label(p, (cx_every)every, buf, sizeof buf) == 0 && buf[0] == '\0');
        }
    }
    return 0;
}
