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

/*
 * A clock time after one space: H:MM[:SS], the hour in one or two digits
 * (Excel, Sheets and the platforms drop a leading zero).  With twelve, a
 * 12-hour clock: the hour is 1..12 and " AM" or " PM" follows.
 */
static bool parse_clock(cursor *c, bool twelve)
{
    size_t at_hour = c->pos;
    if (!parse_time(c, 1, false))
        return false;
    if (!twelve)
        return true;
    int hour = c->s[at_hour] - '0';
    if (scan_digit(c->s[at_hour + 1]))
        hour = hour * 10 + c->s[at_hour + 1] - '0';
    return hour >= 1 && hour <= 12;
}

/* An Excel form's optional time: end, or one space and H:MM[:SS]. */
static bool parse_excel_time(cursor *c)
{
    if (c->pos == c->len)
        return true;
    return take(c, ' ') && parse_clock(c, false);
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

static bool at_upper(const cursor *c)
{
    return c->pos < c->len && c->s[c->pos] >= 'A' && c->s[c->pos] <= 'Z';
}

/*
 * A zone after the time: "GMT" or "UTC" with an optional offset "+H", "+HH"
 * or "+HH:MM" (Google Forms: "GMT+3"), or an abbreviation of 3 to 5 capital
 * letters ("EET", "MSK", "PST", "CEST").  Abbreviations are not looked up
 * (several mean different offsets): the clock time is taken as written.
 */
static bool parse_zone_word(cursor *c)
{
    int hour, minute;
    size_t from = c->pos;
    if (take_word(c, "GMT") || take_word(c, "UTC")) {
        if (!take(c, '+') && !take(c, '-'))
            return !at_upper(c);
        if (!number_between(c, 1, 2, &hour) || hour > 14)
            return false;
        return !take(c, ':') || (number(c, 2, &minute) && minute <= 59);
    }
    while (at_upper(c) && c->pos - from < 5)
        c->pos++;
    return c->pos - from >= 3 && !at_upper(c);
}

/* A time's tail: [ AM| PM][ zone], the AM/PM required when twelve. */
static bool parse_time_tail(cursor *c, bool twelve)
{
    size_t back = c->pos;
    bool ampm = take(c, ' ') && (take_word(c, "AM") || take_word(c, "PM"));
    if (!ampm)
        c->pos = back;
    if (ampm != twelve)
        return false;
    if (c->pos == c->len)
        return true;
    return take(c, ' ') && parse_zone_word(c);
}

/* An optional time after a date: end, or " H:MM[:SS][ AM|PM][ zone]". */
static bool parse_clock_tail(cursor *c)
{
    if (c->pos == c->len)
        return true;
    if (!take(c, ' '))
        return false;
    size_t at_time = c->pos;
    if (parse_clock(c, false) && parse_time_tail(c, false) && c->pos == c->len)
        return true;
    c->pos = at_time;
    return parse_clock(c, true) && parse_time_tail(c, true);
}

/* YYYY/MM/DD[ time[ AM|PM][ zone]] (Google Forms) */
static bool parse_slashed(cursor *c, cx_date *d)
{
    return number(c, 4, &d->year) && take(c, '/') && number(c, 2, &d->month) && take(c, '/')
           && number(c, 2, &d->day) && parse_clock_tail(c);
}

/* YYYY-MM-DD[(T| )time[zone]]: 'T' wants HH; a space also takes H and " UTC". */
static bool parse_iso(cursor *c, cx_date *d)
{
    if (!number(c, 4, &d->year) || !take(c, '-') || !number(c, 2, &d->month) || !take(c, '-')
        || !number(c, 2, &d->day))
        return false;
    if (c->pos == c->len)
        return true;
    if (take(c, 'T')) {
        if (!parse_time(c, 2, true))
            return false;
        return c->pos == c->len || parse_zone(c);
    }
    if (!take(c, ' ') || !parse_time(c, 1, true))
        return false;
    if (c->pos == c->len || parse_zone(c))
        return true;
    return take(c, ' ') && (parse_zone(c) || parse_zone_word(c));
}

/* Russian month names in the genitive, as dates write them ("5 марта 2024 г."). */
static const char *const ru_months[12] = {
    "\xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80\xd1\x8f",                 /* января */
    "\xd1\x84\xd0\xb5\xd0\xb2\xd1\x80\xd0\xb0\xd0\xbb\xd1\x8f",         /* февраля */
    "\xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0",                         /* марта */
    "\xd0\xb0\xd0\xbf\xd1\x80\xd0\xb5\xd0\xbb\xd1\x8f",                 /* апреля */
    "\xd0\xbc\xd0\xb0\xd1\x8f",                                         /* мая */
    "\xd0\xb8\xd1\x8e\xd0\xbd\xd1\x8f",                                 /* июня */
    "\xd0\xb8\xd1\x8e\xd0\xbb\xd1\x8f",                                 /* июля */
    "\xd0\xb0\xd0\xb2\xd0\xb3\xd1\x83\xd1\x81\xd1\x82\xd0\xb0",         /* августа */
    "\xd1\x81\xd0\xb5\xd0\xbd\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", /* сентября */
    "\xd0\xbe\xd0\xba\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f",         /* октября */
    "\xd0\xbd\xd0\xbe\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f",                 /* ноября */
    "\xd0\xb4\xd0\xb5\xd0\xba\xd0\xb0\xd0\xb1\xd1\x80\xd1\x8f",         /* декабря */
};
#define RU_YEAR_MARK "\xd0\xb3" /* г (год) */

/* The exact bytes w at the cursor. */
static bool take_bytes(cursor *c, const char *w)
{
    size_t n = strlen(w);
    if (c->len - c->pos < n || memcmp(c->s + c->pos, w, n) != 0)
        return false;
    c->pos += n;
    return true;
}

/* D месяца YYYY[ г.|г][,][ H:MM[:SS]] */
static bool parse_ru_words(cursor *c, cx_date *d)
{
    if (!number_between(c, 1, 2, &d->day) || !take(c, ' '))
        return false;
    d->month = 0;
    for (int m = 0; m < 12 && d->month == 0; m++)
        if (take_bytes(c, ru_months[m]))
            d->month = m + 1;
    if (d->month == 0 || !take(c, ' ') || !number(c, 4, &d->year))
        return false;
    size_t back = c->pos;
    if (take(c, ' ') && take_bytes(c, RU_YEAR_MARK))
        take(c, '.');
    else
        c->pos = back;
    take(c, ',');
    return parse_excel_time(c);
}

/* The forms without a day/month question, tried in turn; they cannot both match. */
static bool (*const forms[])(cursor *, cx_date *) = {parse_iso, parse_dotted, parse_slashed,
                                                     parse_ru_words};

/* A/B/YYYY[ time[ AM|PM][ zone]], A and B one or two digits. */
static bool parse_ab(cursor *c, int *a, int *b, int *year)
{
    return number_between(c, 1, 2, a) && take(c, '/') && number_between(c, 1, 2, b)
           && take(c, '/') && number(c, 4, year) && parse_clock_tail(c);
}

/*
 * The orders an A/B/YYYY field reads in (CX_DATE_MDY, CX_DATE_DMY bits) and
 * the date in each; 0 when the field is not of that form.
 */
static unsigned ab_orders(const char *text, size_t start, size_t end, cx_date *mdy, cx_date *dmy)
{
    cursor c = {.s = text, .pos = start, .len = end};
    int a, b, year;
    if (!parse_ab(&c, &a, &b, &year) || c.pos != end)
        return 0;
    *mdy = (cx_date){year, a, b};
    *dmy = (cx_date){year, b, a};
    return (valid_date(*mdy) ? CX_DATE_MDY : 0u) | (valid_date(*dmy) ? CX_DATE_DMY : 0u);
}

/* The date and the orders it reads in (both for a form without the question). */
static cx_status parse_any(const char *text, size_t len, unsigned order, cx_date *out,
                           unsigned *orders)
{
    size_t start, end;
    cx_status st = scan_field(text, len, &start, &end);
    *orders = 0;
    if (st != CX_OK)
        return st;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        cursor c = {.s = text, .pos = start, .len = end};
        cx_date d;
        /* Every form ends by checking that it consumed the whole field. */
        if (forms[i](&c, &d) && c.pos == end && valid_date(d)) {
            *out = d;
            *orders = CX_DATE_MDY | CX_DATE_DMY;
            return CX_OK;
        }
    }
    cx_date mdy = {0, 0, 0}, dmy = {0, 0, 0};
    *orders = ab_orders(text, start, end, &mdy, &dmy);
    bool same = mdy.month == dmy.month; /* 05/05/2024 reads the same either way */
    if (order == 0 && (*orders == CX_DATE_MDY || *orders == CX_DATE_DMY || same))
        order = *orders & CX_DATE_MDY ? CX_DATE_MDY : CX_DATE_DMY;
    if (!(*orders & order))
        return CX_EDATE;
    *out = order == CX_DATE_MDY ? mdy : dmy;
    return CX_OK;
}

cx_status cx_date_parse(const char *text, size_t len, cx_date *out)
{
    unsigned orders;
    return parse_any(text, len, 0, out, &orders);
}

cx_status cx_date_parse_order(const char *text, size_t len, cx_date_order order, cx_date *out)
{
    unsigned orders;
    if (order != CX_DATE_MDY && order != CX_DATE_DMY)
        return CX_EINVAL;
    return parse_any(text, len, (unsigned)order, out, &orders);
}

unsigned cx_date_orders(const char *text, size_t len)
{
    unsigned orders;
    cx_date d;
    parse_any(text, len, CX_DATE_MDY, &d, &orders);
    return orders;
}

/* ---- --date-format: a strptime-like subset --------------------------------- */

static const char *const en_months[12] = {"january", "february", "march", "april", "may",
                                           "june", "july", "august", "september", "october",
                                           "november", "december"};

/* An English month name, whole or its first three letters, in any case. */
static bool take_month_name(cursor *c, int *month)
{
    for (int m = 0; m < 12; m++) {
        char abbr[4] = {en_months[m][0], en_months[m][1], en_months[m][2], '\0'};
        if (take_word(c, en_months[m]) || take_word(c, abbr)) {
            *month = m + 1;
            return true;
        }
    }
    return false;
}

typedef struct date_fields {
    int year, month, day, hour, minute, second;
} date_fields;

/* One directive (the letter after '%') at the cursor; false when it does not match. */
static bool take_directive(cursor *c, char k, date_fields *f)
{
    switch (k) {
    case 'Y': return number(c, 4, &f->year);
    case 'm': return number_between(c, 1, 2, &f->month);
    case 'd': case 'e': return number_between(c, 1, 2, &f->day);
    case 'H': return number_between(c, 1, 2, &f->hour) && f->hour <= 23;
    case 'I': return number_between(c, 1, 2, &f->hour) && f->hour >= 1 && f->hour <= 12;
    case 'M': return number(c, 2, &f->minute) && f->minute <= 59;
    case 'S': return number(c, 2, &f->second) && f->second <= 60;
    case 'p': return take_word(c, "AM") || take_word(c, "PM");
    case 'b': case 'B': case 'h': return take_month_name(c, &f->month);
    case 'Z': return parse_zone_word(c);
    case 'z': return parse_zone(c);
    case '%': return take(c, '%');
    default: return false;
    }
}

/* Directives that stand for others. */
static const char *expand(char k)
{
    switch (k) {
    case 'F': return "%Y-%m-%d";
    case 'T': return "%H:%M:%S";
    case 'R': return "%H:%M";
    case 'D': return "%m/%d/%Y";
    default: return NULL;
    }
}

/* Match fmt at the cursor; a space in fmt matches one or more spaces. */
static bool match_format(cursor *c, const char *fmt, date_fields *f, int depth)
{
    for (const char *p = fmt; *p; p++) {
        if (*p == ' ') {
            if (!take(c, ' '))
                return false;
            while (take(c, ' '))
                ;
        } else if (*p != '%') {
            if (!take(c, *p))
                return false;
        } else if (p[1] == '\0') {
            return false;
        } else {
            const char *sub = expand(*++p);
            if (sub ? depth > 0 || !match_format(c, sub, f, depth + 1)
                    : !take_directive(c, *p, f))
                return false;
        }
    }
    return true;
}

cx_status cx_date_format_check(const char *fmt)
{
    static const char known[] = "YmdeHIMSpbBhZz%FTRD";
    bool year = false, month = false, day = false;
    if (fmt == NULL)
        return CX_EINVAL;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        char k = *++p;
        if (k == '\0' || !strchr(known, k))
            return CX_EINVAL;
        year = year || k == 'Y' || k == 'F' || k == 'D';
        month = month || strchr("mbBhFD", k) != NULL;
        day = day || k == 'd' || k == 'e' || k == 'F' || k == 'D';
    }
    return year && month && day ? CX_OK : CX_EINVAL;
}

cx_status cx_date_parse_format(const char *fmt, const char *text, size_t len, cx_date *out)
{
    size_t start, end;
    if (cx_date_format_check(fmt) != CX_OK)
        return CX_EINVAL;
    cx_status st = scan_field(text, len, &start, &end);
    if (st != CX_OK)
        return st;
    cursor c = {.s = text, .pos = start, .len = end};
    date_fields f = {0};
    if (!match_format(&c, fmt, &f, 0) || c.pos != end)
        return CX_EDATE;
    cx_date d = {f.year, f.month, f.day};
    if (!valid_date(d))
        return CX_EDATE;
    *out = d;
    return CX_OK;
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
