/* date.c - reads the dates exports write and numbers the day, week, month... each falls in. */
#include <string.h>

#include "cxstat.h"
#include "scan.h"

#define YEAR_MIN 1000
#define YEAR_MAX 9999

/* ---- calendar arithmetic -------------------------------------------------- */

/*
 * Days since 1970-01-01 and back, after Howard Hinnant's public-domain
 * "chrono-compatible low-level date algorithms" (days_from_civil and
 * civil_from_days).  The year is counted from March, so that the leap day
 * is the last day of its year; a 400-year era has 146097 days; 719468 is the
 * day number of 1970-01-01 counted from 0000-03-01.
 */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t days_from_civil(int64_t year, int month, int day)
{
    int64_t y = month <= 2 ? year - 1 : year;
    int64_t era = floor_div(y, 400);
    int64_t year_of_era = y - era * 400;                               /* 0..399 */
    int64_t march_month = month > 2 ? month - 3 : month + 9;           /* 0 = March */
    int64_t day_of_year = (153 * march_month + 2) / 5 + day - 1;       /* 0..365 */
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

    return era * 146097 + day_of_era - 719468;
}

static cx_date civil_from_days(int64_t days)
{
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t day_of_era = z - era * 146097;                              /* 0..146096 */
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t march_month = (5 * day_of_year + 2) / 153;                  /* 0 = March */
    int month = (int)(march_month < 10 ? march_month + 3 : march_month - 9);

    return (cx_date){
        .year = (int)(year_of_era + era * 400 + (month <= 2)),
        .month = month,
        .day = (int)(day_of_year - (153 * march_month + 2) / 5 + 1),
    };
}

static bool is_leap(int year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static bool valid_date(cx_date d)
{
    static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (d.year < YEAR_MIN || d.year > YEAR_MAX || d.month < 1 || d.month > 12 || d.day < 1)
        return false;
    return d.day <= month_days[d.month - 1] + (d.month == 2 && is_leap(d.year));
}

/* ---- parsing ---------------------------------------------------------------- */

/* Exactly n digits (n <= 4) as a number. */
static bool number(cursor *c, int n, int *value)
{
    *value = 0;
    for (int i = 0; i < n; i++) {
        if (!at_digit(c))
            return false;
        *value = *value * 10 + (c->s[c->pos++] - '0');
    }
    return true;
}

/* min to max digits (max <= 4) as a number. */
static bool number_between(cursor *c, int min, int max, int *value)
{
    int n = 0;

    *value = 0;
    for (; n < max && at_digit(c); n++)
        *value = *value * 10 + (c->s[c->pos++] - '0');
    return n >= min;
}

/*
 * HH:MM[:SS[.fraction]]: hour_digits is 2 for ISO 8601, 1 for the Excel forms
 * (whose hour may have one or two digits); a fraction only where allowed.
 */
static bool parse_time(cursor *c, int hour_digits, bool fraction)
{
    int hour, minute, second = 0;

    if (!number_between(c, hour_digits, 2, &hour) || !take(c, ':') || !number(c, 2, &minute))
        return false;
    if (take(c, ':')) {
        if (!number(c, 2, &second))
            return false;
        if (fraction && take(c, '.')) {
            if (!at_digit(c))
                return false;
            while (at_digit(c))
                c->pos++;
        }
    }
    return hour <= 23 && minute <= 59 && second <= 60;
}

/* Z | (+|-)HH[[:]MM] */
static bool parse_zone(cursor *c)
{
    int hour, minute = 0;

    if (take(c, 'Z'))
        return true;
    if (!take(c, '+') && !take(c, '-'))
        return false;
    if (!number(c, 2, &hour))
        return false;
    if (take(c, ':')) {
        if (!number(c, 2, &minute))
            return false;
    } else if (at_digit(c) && !number(c, 2, &minute)) {
        return false;
    }
    return hour <= 23 && minute <= 59;
}

/* YYYY-MM-DD[(T| )time[zone]] */
static bool parse_iso(cursor *c, cx_date *d)
{
    if (!number(c, 4, &d->year) || !take(c, '-') || !number(c, 2, &d->month) || !take(c, '-')
        || !number(c, 2, &d->day))
        return false;
    if (c->pos == c->len)
        return true;
    if (!take(c, 'T') && !take(c, ' '))
        return false;
    if (!parse_time(c, 2, true))
        return false;
    return c->pos == c->len || parse_zone(c);
}

/* An Excel form's optional time: end, or one space and H:MM[:SS]. */
static bool parse_excel_time(cursor *c)
{
    if (c->pos == c->len)
        return true;
    return take(c, ' ') && parse_time(c, 1, false);
}

/* DD.MM.YYYY[ time] */
static bool parse_dotted(cursor *c, cx_date *d)
{
    return number(c, 2, &d->day) && take(c, '.') && number(c, 2, &d->month) && take(c, '.')
           && number(c, 4, &d->year) && parse_excel_time(c);
}

static bool take_word(cursor *c, const char *w)
{
    size_t n = strlen(w);
    if (c->len - c->pos < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((c->s[c->pos + i] | 0x20) != (w[i] | 0x20))
            return false;
    c->pos += n;
    return true;
}

/* Google Forms' timestamp tail: [ AM| PM][ GMT|UTC[(+|-)H[H][:MM]]] */
static bool parse_forms_suffix(cursor *c)
{
    int hour, minute;
    if (c->pos == c->len)
        return true;
    size_t back = c->pos;
    if (take(c, ' ') && (take_word(c, "AM") || take_word(c, "PM"))) {
        if (c->pos == c->len)
            return true;
    } else {
        c->pos = back;
    }
    if (!take(c, ' ') || !(take_word(c, "GMT") || take_word(c, "UTC")))
        return false;
    if (c->pos == c->len)
        return true;
    if ((!take(c, '+') && !take(c, '-')) || !number_between(c, 1, 2, &hour) || hour > 14)
        return false;
    if (take(c, ':') && (!number(c, 2, &minute) || minute > 59))
        return false;
    return c->pos == c->len;
}

/* YYYY/MM/DD[ time[ AM|PM][ GMT+3]] */
static bool parse_slashed(cursor *c, cx_date *d)
{
    return number(c, 4, &d->year) && take(c, '/') && number(c, 2, &d->month) && take(c, '/')
           && number(c, 2, &d->day) && parse_excel_time(c) && parse_forms_suffix(c);
}

/* The forms, tried in turn on the trimmed field; they cannot both match. */
static bool (*const forms[])(cursor *, cx_date *) = {parse_iso, parse_dotted, parse_slashed};

cx_status cx_date_parse(const char *text, size_t len, cx_date *out)
{
    size_t start, end;
    cx_status st = scan_field(text, len, &start, &end);

    if (st != CX_OK)
        return st;

    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        cursor c = {.s = text, .pos = start, .len = end};
        cx_date d;

        /* Every form ends by checking that it consumed the whole field. */
        if (forms[i](&c, &d) && c.pos == end && valid_date(d)) {
            *out = d;
            return CX_OK;
        }
    }
    return CX_EDATE;
}

/* ---- period lengths --------------------------------------------------------- */

static const char *const every_names[CX_EVERY_COUNT] = {
    [CX_EVERY_DAY] = "day",
    [CX_EVERY_WEEK] = "week",
    [CX_EVERY_MONTH] = "month",
    [CX_EVERY_QUARTER] = "quarter",
    [CX_EVERY_YEAR] = "year",
};

const char *cx_every_name(cx_every every)
{
    if ((unsigned)every >= CX_EVERY_COUNT)
        return NULL;
    return every_names[every];
}

static bool same_name(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b)
        a++, b++;
    return *a == *b;
}

cx_status cx_every_parse(const char *name, cx_every *out)
{
    if (name == NULL)
        return CX_EINVAL;
    for (int e = 0; e < CX_EVERY_COUNT; e++) {
        if (same_name(name, every_names[e])) {
            *out = (cx_every)e;
            return CX_OK;
        }
    }
    return CX_EINVAL;
}

/* ---- periods ---------------------------------------------------------------- */

/* 1970-01-01 was a Thursday: three days after the Monday that starts week 0. */
static int64_t week_of_days(int64_t days)
{
    return floor_div(days + 3, 7);
}

/* The period number of a valid date, in 64 bits. */
static int64_t period64(cx_date d, cx_every every)
{
    switch (every) {
    case CX_EVERY_DAY:
        return days_from_civil(d.year, d.month, d.day);
    case CX_EVERY_WEEK:
        return week_of_days(days_from_civil(d.year, d.month, d.day));
    case CX_EVERY_MONTH:
        return (int64_t)d.year * 12 + d.month - 1;
    case CX_EVERY_QUARTER:
        return (int64_t)d.year * 4 + (d.month - 1) / 3;
    case CX_EVERY_YEAR:
    case CX_EVERY_COUNT:
        break;
    }
    return d.year;
}

int32_t cx_period_of(cx_date d, cx_every every)
{
    if ((unsigned)every >= CX_EVERY_COUNT || !valid_date(d))
        return CX_PERIOD_NONE;
    /* Years 1000..9999: at most about 3 million days, far inside int32. */
    return (int32_t)period64(d, every);
}

/* Store byte ch at position *pos of buf when it fits before the NUL; count it either way. */
static void put(char *buf, size_t size, size_t *pos, char ch)
{
    if (*pos + 1 < size)
        buf[*pos] = ch;
    (*pos)++;
}

/* A number 0..9999 in exactly width digits (width <= 4), zero-padded. */
static void put_number(char *buf, size_t size, size_t *pos, int value, int width)
{
    static const int powers[] = {1, 10, 100, 1000};

    for (int i = width - 1; i >= 0; i--)
        put(buf, size, pos, (char)('0' + value / powers[i] % 10));
}

/* The ISO 8601 week-year and week of a week number: those of its Thursday. */
static void iso_week(int64_t week, int *year, int *number)
{
    int64_t thursday = week * 7;
    cx_date t = civil_from_days(thursday);

    *year = t.year;
    *number = (int)((thursday - days_from_civil(t.year, 1, 1)) / 7 + 1);
}

size_t cx_period_label(int32_t period, cx_every every, char *buf, size_t size)
{
    size_t pos = 0;
    int64_t p = period;

    if (size != 0)
        buf[0] = '\0';
    if ((unsigned)every >= CX_EVERY_COUNT
        || p < period64((cx_date){YEAR_MIN, 1, 1}, every)
        || p > period64((cx_date){YEAR_MAX, 12, 31}, every))
        return 0;

    if (every == CX_EVERY_DAY) {
        cx_date d = civil_from_days(p);

        put_number(buf, size, &pos, d.year, 4);
        put(buf, size, &pos, '-');
        put_number(buf, size, &pos, d.month, 2);
        put(buf, size, &pos, '-');
        put_number(buf, size, &pos, d.day, 2);
    } else if (every == CX_EVERY_WEEK) {
        int year, week;

        /* 1000-01-01 is a Wednesday and 9999-12-31 a Friday: week-years stay 1000..9999. */
        iso_week(p, &year, &week);
        put_number(buf, size, &pos, year, 4);
        put(buf, size, &pos, '-');
        put(buf, size, &pos, 'W');
        put_number(buf, size, &pos, week, 2);
    } else if (every == CX_EVERY_MONTH) {
        put_number(buf, size, &pos, (int)(p / 12), 4);
        put(buf, size, &pos, '-');
        put_number(buf, size, &pos, (int)(p % 12) + 1, 2);
    } else if (every == CX_EVERY_QUARTER) {
        put_number(buf, size, &pos, (int)(p / 4), 4);
        put(buf, size, &pos, '-');
        put(buf, size, &pos, 'Q');
        put_number(buf, size, &pos, (int)(p % 4) + 1, 1);
    } else {
        put_number(buf, size, &pos, (int)p, 4);
    }
    if (size != 0)
        buf[pos < size ? pos : size - 1] = '\0';
    return pos;
}
