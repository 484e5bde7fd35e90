/* survey.c - reads each input through the reader and counts every record into histograms. */
#include "survey.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats.h"
#include "columns.h"
#include "dates.h"
#include "metrics.h"
#include "parallel.h"
#include "reader.h"
#include "spill.h"
#include "text.h"


const char *survey_display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int survey_init(survey *s, const run_plan *p, FILE *err)
{
    memset(s, 0, sizeof *s);
    s->plan = p;
    s->err = err;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (metric_plan_scale((cx_metric)m, p, &s->scale[m]) != CX_OK) {
            diag_error(err, "invalid scale options");
            return EXIT_USAGE;
        }
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        cx_hist_init(&s->hist[m]);
        cx_whist_init(&s->whist[m]);
        s->active[m] = p->wanted[m];
    }
    groups_init(&s->groups, p->weight != NULL);
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        if (!p->labels[m])
            continue;
        for (int k = 0; k < m && !s->labels[m]; k++) /* one file for several metrics */
            if (p->labels[k] == p->labels[m])
                s->labels[m] = s->labels[k];
        if (!s->labels[m]) {
            if (labels_load(&s->label_file[m], p->labels[m], err) != EXIT_OK)
                return EXIT_DATA;
            s->labels[m] = &s->label_file[m];
        }
    }
    return EXIT_OK;
}

/* A message on standard error; a progress line on the terminal is erased first. */
/* A message through diag: while reading, the progress line is erased first; a part
 * (err NULL) says nothing, its errors are found again by the whole reading. */
#define say(s, fn, ...) \
    ((s)->err ? (progress_end(&(s)->progress), fn((s)->err, __VA_ARGS__)) : (void)0)

/* Where a note points: "file:12", or in a workbook "file:Sheet1!C12" (its row: "Sheet1!12"),
 * which is written into buf. */
static diag_place note_place(char *buf, size_t size, const char *file, const char *sheet,
                             uint64_t line, size_t col)
{
    if (!sheet)
        return (diag_place){file, line, 0};
    char letters[8];
    size_t n = 0;
    for (size_t c = col + 1; col != SIZE_MAX && c > 0 && n < sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    char ref[8] = "";
    for (size_t i = 0; i < n; i++)
        ref[i] = letters[n - 1 - i];
    ref[n < sizeof ref ? n : sizeof ref - 1] = '\0';
    snprintf(buf, size, "%s:%s!%s%llu", file, sheet, ref, (unsigned long long)line);
    return (diag_place){buf, 0, 0};
}

/* Remember a problem for the warning, or with --strict report it and stop. */
static void note_at(survey *s, uint64_t line, size_t col, const char *text)
{
    s->problems++;
    if (s->plan->strict) {
        char buf[512];
        say(s, diag_at, note_place(buf, sizeof buf, s->file, s->sheet, line, col), "%s", text);
        s->exit_code = EXIT_DATA;
        return;
    }
    if (s->nnotes < SURVEY_NOTES) {
        survey_note *n = &s->note[s->nnotes++];
        n->file = s->file;
        n->sheet = s->sheet;
        n->col = col;
        n->line = line;
        snprintf(n->text, sizeof n->text, "%s", text);
    }
}

static void note(survey *s, uint64_t line, const char *text)
{
    note_at(s, line, SIZE_MAX, text);
}

static const char *invalid_reason(cx_status st)
{
    switch (st) {
    case CX_ESIGN: return "has a sign";
    case CX_EFRACTION: return "is not a whole number";
    case CX_ERANGE: return "is outside";
    default: return "is not a score";
    }
}

static void print_columns(FILE *err, const reader_field *f, size_t n)
{
    diag_begin(err);
    fputs("columns:", err);
    for (size_t i = 0; i < n; i++) {
        char q[4096 + 16]; /* whole names, to be copied into an option */
        text_quote_whole(q, sizeof q, f[i].ptr, f[i].len);
        fprintf(err, "%s %zu=%s", i ? "," : "", i + 1, q);
    }
    fputc('\n', err);
}

static void no_header_hint(survey *s)
{
    say(s, diag_error, "without a header, give a column number, at most %zu (a record's "
                       "most fields)", (size_t)READER_MAX_FIELDS);
}

/* A column by name or number, or in a statistics file also by its variable label. */
static size_t find_named(const survey *s, const char *spec, const reader_field *f, size_t n)
{
    size_t c = column_find(spec, f, n);
    return c == NO_COLUMN && s->alias ? column_find(spec, s->alias, n) : c;
}

/*
 * True when the header line, its fields joined again by cur and split at d,
 * has the column spec names (quoting aside: a hint, not a reading).
 */
static bool found_split(const char *spec, const reader_field *f, size_t n, int cur, int d)
{
    char piece[256];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k <= f[i].len; k++) {
            int c = d; /* the line's end ends the last piece */
            if (k < f[i].len)
                c = (unsigned char)f[i].ptr[k];
            else if (i + 1 < n)
                c = cur;
            if (c != d) {
                if (len < sizeof piece)
                    piece[len] = (char)c;
                len++;
                continue;
            }
            if (len <= sizeof piece && text_name_equal(piece, len, spec))
                return true;
            len = 0;
        }
    }
    return false;
}

/*
 * A column not found by name that the header split at another delimiter
 * has: the delimiter was guessed (or given) wrong.
 */
static bool delim_hint(survey *s, const char *spec, const reader_field *f, size_t n)
{
    static const char *const candidates[] = {",", ";", "\t", "|"};
    int cur = s->reading ? s->reading->delim : ',';
    for (size_t k = 0; f && k < sizeof candidates / sizeof candidates[0]; k++) {
        int d = (unsigned char)candidates[k][0];
        const char *shown = d == '\t' ? "\\t" : candidates[k];
        if (d == cur || strchr(spec, d) || !found_split(spec, f, n, cur, d))
            continue;
        say(s, diag_at, (diag_place){s->file, 0, 0},
            "split at '%s', the header has a column '%s': try -d '%s'", shown, spec, shown);
        return true;
    }
    return false;
}

static int fail(survey *s, int code)
{
    s->exit_code = code;
    return 1;
}

/* One non-metric column (a -g, --period, --weight or --compare column) of this file. */
static int resolve_role(survey *s, const char *spec, const char *option, const reader_field *f,
                        size_t n, size_t *col)
{
    *col = find_named(s, spec, f, n);
    if (*col != NO_COLUMN)
        return 0;
    say(s, diag_at, (diag_place){s->file, 0, 0}, "no column '%s' for %s", spec, option);
    if (f)
        print_columns(s->err, f, n);
    else
        no_header_hint(s);
    delim_hint(s, spec, f, n);
    return fail(s, s->records ? EXIT_DATA : EXIT_USAGE);
}

void survey_set_list(survey *s, followup *list)
{
    s->list = list;
}

/* -g columns lead a list with --show; every column already holds them. */
static size_t list_groups(const run_plan *o)
{
    return o->nshow ? o->ngroup : 0;
}

static size_t list_prefix(const run_plan *o)
{
    return list_groups(o) + (o->period ? 1 : 0);
}

/* A column option's value shown back: the header's name for a column given by number. */
static char *shown_name(const char *spec, const reader_field *f, size_t n, size_t col)
{
    bool number = spec[strspn(spec, "0123456789")] == '\0';
    if (number && f && col < n)
        return strndup(f[col].ptr, f[col].len);
    return strdup(spec);
}

/* The first input decides the list's columns: -g, the period, then --show or every column. */
static int list_columns(survey *s, const reader_field *f, size_t n)
{
    const run_plan *o = s->plan;
    size_t shown = o->nshow ? o->nshow : n, total = list_prefix(o) + shown;
    const char **names = calloc(total ? total : 1, sizeof *names);
    char **copies = calloc(shown ? shown : 1, sizeof *copies);
    bool ok = names && copies;
    size_t k = 0;
    for (size_t i = 0; ok && i < list_groups(o); i++)
        names[k++] = survey_group_name(s, i);
    if (ok && o->period)
        names[k++] = "period";
    for (size_t i = 0; ok && i < shown; i++) {
        if (o->nshow) { /* a column given by number is headed by its name */
            size_t col = column_find(o->show[i], f, n);
            copies[i] = shown_name(o->show[i], f, n, col);
            ok = copies[i] != NULL;
            names[k++] = copies[i];
            continue;
        }
        copies[i] = f ? strndup(f[i].ptr, f[i].len) : NULL;
        if (!f) { /* without a header, columns are named by number */
            char num[24];
            snprintf(num, sizeof num, "%zu", i + 1);
            copies[i] = strdup(num);
        }
        ok = copies[i] != NULL;
        names[k++] = copies[i];
    }
    ok = ok && followup_init(s->list, names, total);
    for (size_t i = 0; copies && i < shown; i++)
        free(copies[i]);
    free(copies);
    free(names);
    s->ncells = total;
    s->nshow = shown;
    s->cells = ok ? calloc(total ? total : 1, sizeof *s->cells) : NULL;
    s->show_col = ok ? calloc(shown ? shown : 1, sizeof *s->show_col) : NULL;
    if (!s->cells || !s->show_col) {
        say(s, diag_error, "out of memory");
        return fail(s, EXIT_DATA);
    }
    return 0;
}

/* The k-th column named name (case-insensitive, trimmed), or NO_COLUMN. */
static size_t nth_named(const reader_field *f, size_t n, const char *name, size_t k)
{
    for (size_t i = 0; f && i < n; i++)
        if (text_name_equal(f[i].ptr, f[i].len, name) && --k == 0)
            return i;
    return NO_COLUMN;
}

/* A later input's column for the first input's i-th: the same name, the same occurrence. */
static size_t same_column(const survey *s, const reader_field *f, size_t n, size_t prefix,
                          size_t i)
{
    char *const *names = s->list->names + prefix;
    size_t k = 1;
    for (size_t j = 0; j < i; j++)
        k += text_name_equal(names[j], strlen(names[j]), names[i]);
    return nth_named(f, n, names[i], k);
}

/* This file's column of each listed one: by --show, or by the first input's names. */
static int resolve_list(survey *s, const reader_field *f, size_t n)
{
    const run_plan *o = s->plan;
    bool first = !s->cells;
    if (first && list_columns(s, f, n))
        return 1;
    size_t prefix = list_prefix(o);
    for (size_t i = 0; i < s->nshow; i++) {
        const char *spec = o->nshow ? o->show[i] : s->list->names[prefix + i];
        if (o->nshow) {
            if (resolve_role(s, spec, "--show", f, n, &s->show_col[i]))
                return 1;
        } else {
            /* every column: the first input's, by name in the later ones (absent: empty) */
            s->show_col[i] = first ? i : same_column(s, f, n, prefix, i);
        }
    }
    return 0;
}

/* The first input names the -g and role columns in reports. */
static int name_columns(survey *s, const reader_field *f, size_t n)
{
    const run_plan *o = s->plan;
    const char *spec[ROLE_COUNT] = {o->period, o->weight, o->compare};
    char *names[MAX_GROUP_COLUMNS] = {NULL};
    bool ok = true;
    s->names_done = true;
    for (size_t i = 0; i < o->ngroup; i++)
        ok = ok && (names[i] = shown_name(o->group[i], f, n, s->group_col[i])) != NULL;
    ok = ok && followup_unique_keys(names, s->group_key, o->ngroup);
    for (int r = 0; ok && r < ROLE_COUNT; r++)
        ok = !spec[r] || (s->role_name[r] = shown_name(spec[r], f, n, s->role_col[r])) != NULL;
    for (size_t i = 0; i < o->ngroup; i++)
        free(names[i]);
    if (ok)
        return 0;
    say(s, diag_error, "out of memory");
    return fail(s, EXIT_DATA);
}

const char *survey_group_name(const survey *s, size_t i)
{
    return s->group_key[i] ? s->group_key[i] : s->plan->group[i];
}

const char *survey_role_name(const survey *s, int role)
{
    const char *spec[ROLE_COUNT] = {s->plan->period, s->plan->weight, s->plan->compare};
    return s->role_name[role] ? s->role_name[role] : spec[role];
}

static int resolve_roles(survey *s, const reader_field *f, size_t n)
{
    const run_plan *o = s->plan;
    for (size_t i = 0; i < o->ngroup; i++)
        if (resolve_role(s, o->group[i], "--group", f, n, &s->group_col[i]))
            return 1;
    const char *spec[ROLE_COUNT] = {o->period, o->weight, o->compare, o->latest_by};
    static const char *const option[ROLE_COUNT] = {"--period", "--weight", "--compare",
                                                   "--latest-by"};
    for (int r = 0; r < ROLE_COUNT; r++) {
        s->role_col[r] = NO_COLUMN;
        if (spec[r] && resolve_role(s, spec[r], option[r], f, n, &s->role_col[r]))
            return 1;
    }
    for (size_t i = 0; i < o->nwhere; i++)
        if (resolve_role(s, o->where[i].column, "--where", f, n, &s->where_col[i]))
            return 1;
    if (!s->names_done && name_columns(s, f, n))
        return 1;
    return s->list ? resolve_list(s, f, n) : 0;
}

/* Decide each metric's column for this file; the first file decides which metrics exist. */
static int resolve_columns(survey *s, const reader_field *f, size_t n)
{
    const run_plan *o = s->plan;
    bool found_any = false;
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        const char *name = cx_metric_name((cx_metric)m);
        s->col[m] = NO_COLUMN;
        if (o->column[m]) {
            s->col[m] = find_named(s, o->column[m], f, n);
            if (s->col[m] == NO_COLUMN) {
                say(s, diag_at, (diag_place){s->file, 0, 0}, "no column '%s' for --%s",
                        o->column[m], name);
                if (f)
                    print_columns(s->err, f, n);
                else
                    no_header_hint(s);
                delim_hint(s, o->column[m], f, n);
                return fail(s, s->metrics_fixed ? EXIT_DATA : EXIT_USAGE);
            }
        } else if (!o->named_any && f && metric_def_of((cx_metric)m)->detected) {
            s->col[m] = find_named(s, name, f, n);
        }
        bool found = s->col[m] != NO_COLUMN;
        if (!s->metrics_fixed)
            s->active[m] = s->active[m] || found;
        if (s->active[m] && !found) {
            if (o->named_any || !metric_def_of((cx_metric)m)->detected)
                say(s, diag_error, "%s is needed (by --require or --list), but no %s "
                                "column is named; name it with --%s", name, name, name);
            else if (!f)
                say(s, diag_at, (diag_place){s->file, 0, 0}, "without a header, name the %s column by "
                                "number (--%s=N)", name, name);
            else
                say(s, diag_at, (diag_place){s->file, 1, 0}, "no column named '%s'; name it with --%s", name, name);
            if (f && !o->named_any && metric_def_of((cx_metric)m)->detected)
                print_columns(s->err, f, n);
            return fail(s, s->metrics_fixed ? EXIT_DATA : EXIT_USAGE);
        }
        if (s->active[m])
            found_any = true;
    }
    if (!found_any) {
        if (f) {
            say(s, diag_at, (diag_place){s->file, 0, 0}, "no column named nps, csat or ces; name the "
                            "columns with --nps, --csat, --ces");
            print_columns(s->err, f, n);
            for (int m = 0; m < CX_LEVEL && !delim_hint(s, cx_metric_name((cx_metric)m), f, n);
                 m++)
                ;
        } else {
            say(s, diag_at, (diag_place){s->file, 0, 0}, "without a header, name the columns by number "
                            "(--nps=N, --csat=N, --ces=N)");
        }
        return fail(s, EXIT_USAGE);
    }
    s->metrics_fixed = true;
    return resolve_roles(s, f, n);
}

/* The i-th column the survey reads (metrics, -g, roles, --where, --show), or NO_COLUMN. */
static size_t wanted_column(const survey *s, size_t i)
{
    const run_plan *o = s->plan;
    if (i < CX_METRIC_COUNT)
        return s->active[i] ? s->col[i] : NO_COLUMN;
    i -= CX_METRIC_COUNT;
    if (i < MAX_GROUP_COLUMNS)
        return i < o->ngroup ? s->group_col[i] : NO_COLUMN;
    i -= MAX_GROUP_COLUMNS;
    if (i < ROLE_COUNT)
        return s->role_col[i];
    i -= ROLE_COUNT;
    if (i < MAX_WHERE)
        return i < o->nwhere ? s->where_col[i] : NO_COLUMN;
    i -= MAX_WHERE;
    return s->list && i < s->nshow ? s->show_col[i] : NO_COLUMN;
}

/* Names and keys are printed back: they must be text.  Answers need not be (they are invalid). */
static int not_utf8(survey *s, uint64_t line, size_t col)
{
    if (s->plan->encoding) /* converted text is UTF-8: what is left is a NUL byte */
        say(s, diag_at, (diag_place){s->file, line, 0}, "column %zu holds a NUL byte, which "
            "no text in %s has: is the file binary?", col + 1, s->plan->encoding);
    else
        say(s, diag_at, (diag_place){s->file, line, 0}, "column %zu is not UTF-8 text; name "
            "the file's encoding, e.g. --encoding=cp1251", col + 1);
    return fail(s, EXIT_DATA);
}

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want)
{
    survey *s = ctx;
    for (size_t i = 0; f && i < n; i++)
        if (!text_utf8_valid(f[i].ptr, f[i].len))
            return not_utf8(s, line, i);
    if (resolve_columns(s, f, n))
        return 1;
    s->fields = f ? n : 0;
    /* keep the fields of every column read: metrics, -g, roles, listed and filtered */
    size_t len = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            unsigned char *mask = realloc(s->want, len ? len : 1);
            if (!mask) {
                say(s, diag_error, "out of memory");
                return fail(s, EXIT_DATA);
            }
            memset(mask, 0, len ? len : 1);
            s->want = mask;
        }
        for (size_t i = 0; i < CX_METRIC_COUNT + MAX_GROUP_COLUMNS + ROLE_COUNT + MAX_WHERE +
                               s->nshow; i++) {
            size_t c = wanted_column(s, i);
            if (c == NO_COLUMN)
                continue;
            if (pass == 0)
                len = c + 1 > len ? c + 1 : len;
            else
                s->want[c] = 1;
        }
    }
    /* a workbook reads plain numbers in the --period column as Excel dates */
    size_t pc = s->role_col[ROLE_PERIOD];
    if (s->plan->period && pc != NO_COLUMN && pc < len)
        s->want[pc] |= READER_WANT_DATE;
    want->mask = s->want;
    want->len = s->want_len = len;
    return 0;
}

/* Reading resumed after the header: the columns are those it gave. */
static int on_resume(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want)
{
    const survey *s = ctx;
    (void)f, (void)n, (void)line;
    want->mask = s->want;
    want->len = s->want_len;
    return 0;
}

/* The field of column c, or NULL when the record is too short to have it. */
static const reader_field *field_at(const reader_field *f, size_t n, size_t c)
{
    return c < n ? &f[c] : NULL;
}

/* The record's weight in millionths; false (noted) when it has none. */
static bool record_weight(survey *s, const reader_field *f, size_t n, uint64_t line,
                          uint64_t *units)
{
    const reader_field *w = field_at(f, n, s->role_col[ROLE_WEIGHT]);
    cx_status st = w ? cx_weight_parse(w->ptr, w->len, units) : CX_BLANK;
    if (st == CX_OK)
        return true;
    char msg[256], q[120];
    s->weight_invalid++;
    text_quote(q, sizeof q, w ? w->ptr : "", w ? w->len : 0);
    if (st == CX_BLANK)
        snprintf(msg, sizeof msg, "column %zu (weight): no weight", s->role_col[ROLE_WEIGHT] + 1);
    else
        snprintf(msg, sizeof msg, "column %zu (weight): %s is not a weight (a number 0-%d)",
                 s->role_col[ROLE_WEIGHT] + 1, q, CX_WEIGHT_MAX);
    note(s, line, msg);
    return false;
}

/*
 * Build the record's group key in s->key: @return 1; 0 when it belongs to
 * none (*why says why: with --period a date that is not a date, noted; with
 * --compare a value that is neither); -1 on an error (said, exit_code set).
 * *day is the date's day number with --period.
 */
static int record_key(survey *s, const reader_field *f, size_t n, uint64_t line, uint8_t *why,
                      int64_t *day)
{
    const run_plan *o = s->plan;
    s->key.len = 0;
    bool ok = true;
    for (size_t i = 0; i < o->ngroup; i++) {
        const reader_field *g = field_at(f, n, s->group_col[i]);
        const char *p = g ? g->ptr : "";
        size_t len = g ? g->len : 0;
        text_trim(&p, &len); /* " A " quoted is the A it is unquoted, as with --compare */
        if (!text_utf8_valid(p, len)) {
            not_utf8(s, line, s->group_col[i]);
            return -1;
        }
        ok = ok && key_add(&s->key, p, len);
    }
    if (o->compare) {
        const reader_field *c = field_at(f, n, s->role_col[ROLE_COMPARE]);
        const char *p = c ? c->ptr : "";
        size_t len = c ? c->len : 0;
        text_trim(&p, &len);
        if (!text_utf8_valid(p, len)) {
            not_utf8(s, line, s->role_col[ROLE_COMPARE]);
            return -1;
        }
        values_add(&s->compare_values, p, len, 1);
        bool hit = false;
        for (int i = 0; i < 2 && !hit; i++)
            if (strlen(o->compare_value[i]) == len && memcmp(p, o->compare_value[i], len) == 0)
                hit = ++s->compare_hits[i] > 0;
        if (!hit) {
            s->compare_other++;
            *why = LATEST_OTHER;
            return 0;
        }
        ok = ok && key_add(&s->key, p, len);
    }
    if (o->period) {
        const reader_field *d = field_at(f, n, s->role_col[ROLE_PERIOD]);
        cx_date date;
        cx_status st = d ? dates_parse(o->date_format, s->date_order, d->ptr, d->len, &date)
                         : CX_BLANK;
        if (st != CX_OK) {
            char msg[256], q[120];
            s->period_invalid++;
            if (st != CX_BLANK)
                dates_example(&s->date_bad, d->ptr, d->len);
            text_quote(q, sizeof q, d ? d->ptr : "", d ? d->len : 0);
            if (st == CX_BLANK)
                snprintf(msg, sizeof msg, "column %zu (period): no date",
                         s->role_col[ROLE_PERIOD] + 1);
            else
                snprintf(msg, sizeof msg, "column %zu (period): %s is not a date",
                         s->role_col[ROLE_PERIOD] + 1, q);
            note(s, line, msg);
            *why = LATEST_NODATE;
            return 0;
        }
        *day = (int64_t)date.year * 372 + (int64_t)date.month * 31 + date.day; /* ordered, not dense */
        s->period_dates++;
        char b[PERIOD_KEY_BYTES];
        period_encode(cx_period_of(date, o->every), b);
        ok = ok && key_add(&s->key, b, sizeof b);
    }
    if (!ok) {
        say(s, diag_at, (diag_place){s->file, line, 0}, "out of memory for groups");
        s->exit_code = EXIT_DATA;
        return -1;
    }
    *why = LATEST_GROUP;
    return 1;
}

/* The group of an encoded key (created when new), or NULL with the error said. */
static group *key_group(survey *s, const char *key, size_t len, uint64_t line)
{
    group *g = NULL;
    groups_status st = groups_get(&s->groups, key, len, &g);
    if (st != GROUPS_OK) {
        if (st == GROUPS_ELIMIT)
            say(s, diag_at, (diag_place){s->file, line, 0}, "more than %zu groups, or %zu bytes of group "
                            "keys: too many groups",
                    (size_t)GROUPS_MAX, (size_t)GROUPS_KEY_BYTES);
        else
            say(s, diag_at, (diag_place){s->file, line, 0}, "out of memory for groups");
        s->exit_code = EXIT_DATA;
    }
    return g;
}

/*
 * The record's group, or NULL when it belongs to none: with --period a date
 * that is not a date (noted), with --compare a value that is neither.
 */
static group *record_group(survey *s, const reader_field *f, size_t n, uint64_t line)
{
    uint8_t why;
    int64_t day;
    return record_key(s, f, n, line, &why, &day) == 1 ? key_group(s, s->key.buf, s->key.len, line)
                                                      : NULL;
}

/* Remember a word that is no answer, for the warning's list. */
static void count_word(survey *s, cx_metric m, const char *p, size_t len)
{
    word_count *w = s->words[m];
    char q[64];
    text_quote(q, sizeof q, p, len);
    for (size_t i = 0; i < SURVEY_WORDS; i++) {
        if (w[i].n == 0)
            snprintf(w[i].text, sizeof w[i].text, "%s", q);
        if (strcmp(w[i].text, q) == 0) {
            w[i].n++;
            return;
        }
    }
    s->other_words[m]++;
}

/* A --blank token: the answer is no answer. */
static bool blank_token(const run_plan *o, const char *p, size_t len)
{
    for (size_t i = 0; i < o->nblank; i++)
        if (text_name_equal(p, len, o->blank[i]))
            return true;
    return false;
}

/*
 * An answer that is not a number: a --blank token, a label of the --labels
 * file, else a word of a built-in set that fits the scale, or a word counted.
 */
static cx_status word_answer(survey *s, cx_metric m, const reader_field *a, int *score)
{
    const char *p = a->ptr;
    size_t len = a->len;
    text_trim(&p, &len);
    if (s->plan->nblank && blank_token(s->plan, p, len))
        return CX_BLANK;
    if (s->labels[m] && labels_find(s->labels[m], p, len, score))
        return *score >= s->scale[m].lo && *score <= s->scale[m].hi ? CX_OK : CX_ERANGE;
    wordset_id set = s->labels[m] ? WORDSET_NONE : wordsets_find(&s->scale[m], p, len, score);
    if (set != WORDSET_NONE) {
        s->wordsets[m] |= 1u << set;
        s->wordset_answers[m]++;
        return CX_OK;
    }
    count_word(s, m, p, len);
    return CX_ENOTNUM;
}

/* Count one answer into a histogram (and its weights): valid, blank or invalid. */
static bool count_answer(cx_hist *h, cx_whist *w, const cx_scale *sc, cx_status st, int score,
                         uint64_t units)
{
    if (st == CX_BLANK) {
        h->blank++;
    } else if (st != CX_OK) {
        h->invalid++;
    } else {
        if (w && cx_whist_add(w, sc, score, units) != CX_OK)
            return false;
        cx_hist_add(h, sc, score, 1);
    }
    return true;
}

static void note_answer(survey *s, uint64_t line, cx_metric m, size_t c, const reader_field *f,
                        cx_status st)
{
    char msg[256], q[120];
    const cx_scale *sc = &s->scale[m];
    text_quote(q, sizeof q, f->ptr, f->len);
    if (st == CX_ERANGE)
        snprintf(msg, sizeof msg, "column %zu (%s): %s is outside %d-%d", c + 1,
                 cx_metric_name(m), q, sc->lo, sc->hi);
    else
        snprintf(msg, sizeof msg, "column %zu (%s): %s %s", c + 1, cx_metric_name(m), q,
                 invalid_reason(st));
    note_at(s, line, c, msg);
}

/* The period label of a record's date, "" when it has none. */
static void period_label(const survey *s, const reader_field *f, size_t n, char *buf,
                         size_t size)
{
    const reader_field *d = field_at(f, n, s->role_col[ROLE_PERIOD]);
    cx_date date;
    buf[0] = '\0';
    if (d && dates_parse(s->plan->date_format, s->date_order, d->ptr, d->len, &date) == CX_OK)
        cx_period_label(cx_period_of(date, s->plan->every), s->plan->every, buf, size);
}

/* The index of the --where value a field's trimmed text is, or -1. */
static int where_value(const where_filter *w, const char *v, size_t len)
{
    for (size_t k = 0; k < w->nvalues; k++)
        if (strlen(w->value[k]) == len && memcmp(v, w->value[k], len) == 0)
            return (int)k;
    return -1;
}

/*
 * Every --where holds for the record (a --period column matches its period
 * label).  Each filter's value is counted, held or not, for the check that
 * every value given is present.
 */
static bool where_holds(survey *s, const reader_field *f, size_t n)
{
    const run_plan *o = s->plan;
    char label[32];
    bool all = true;
    for (size_t i = 0; i < o->nwhere; i++) {
        const char *v = "";
        size_t len = 0;
        if (o->period && s->where_col[i] == s->role_col[ROLE_PERIOD]) {
            period_label(s, f, n, label, sizeof label);
            v = label;
            len = strlen(label);
        } else {
            const reader_field *w = field_at(f, n, s->where_col[i]);
            if (w) {
                v = w->ptr;
                len = w->len;
                text_trim(&v, &len);
            }
        }
        values_add(&s->where_values[i], v, len, 1);
        int k = where_value(&o->where[i], v, len);
        if (k >= 0)
            s->where_hits[i][k]++;
        if ((k >= 0) == o->where[i].negate)
            all = false;
    }
    return all;
}

/* A record whose answer is on the list: its cells go to the list, if --where lets them. */
static int list_record(survey *s, const reader_field *f, size_t n, uint64_t line, int score)
{
    const run_plan *o = s->plan;
    cx_metric m = metric_of_list(o->list);
    int rank = followup_rank(&s->scale[m], o->list, score);
    char label[32] = "";
    if (o->period)
        period_label(s, f, n, label, sizeof label);
    if (rank < 0)
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < list_groups(o); i++) {
        const reader_field *g = field_at(f, n, s->group_col[i]);
        s->cells[k++] = g ? *g : (reader_field){"", 0};
    }
    if (o->period)
        s->cells[k++] = (reader_field){label, strlen(label)};
    for (size_t i = 0; i < s->nshow; i++) {
        const reader_field *c = field_at(f, n, s->show_col[i]);
        s->cells[k++] = c ? *c : (reader_field){"", 0};
    }
    if (!followup_add(s->list, rank, s->cells)) {
        say(s, diag_at, (diag_place){s->file, line, 0},
            "cannot keep the list in a temporary file in %s: %s", spill_dir(), strerror(errno));
        return fail(s, EXIT_DATA);
    }
    return 0;
}

/* Each active metric's answer of the record, noted when invalid.  @return 1 to stop. */
static int read_answers(survey *s, const reader_field *f, size_t n, uint64_t line,
                        bool weight_ok, cx_status st[], int score[])
{
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        if (!s->active[m])
            continue;
        const reader_field *a = field_at(f, n, s->col[m]);
        score[m] = 0;
        /* a missing field was noted with its malformed record */
        st[m] = a ? cx_score_parse(&s->scale[m], a->ptr, a->len, &score[m]) : CX_ENOTNUM;
        if (st[m] == CX_ENOTNUM && a)
            st[m] = word_answer(s, (cx_metric)m, a, &score[m]);
        if (a && st[m] != CX_OK && st[m] != CX_BLANK)
            note_answer(s, line, (cx_metric)m, s->col[m], a, st[m]);
        if (s->exit_code)
            return 1;
        /* an answer whose weight is missing cannot be used: it counts as invalid */
        if (!weight_ok && st[m] == CX_OK)
            st[m] = CX_EINVAL;
    }
    return 0;
}

/* Count a record's answers into the total and its group (NULL: none).  @return 1 to stop. */
static int count_record(survey *s, group *g, const cx_status st[], const int score[],
                        uint64_t units, uint64_t line)
{
    bool weighted = survey_weighted(s);
    cx_whist *gw = g ? groups_whist(&s->groups, g) : NULL;
    if (g)
        g->records++;
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        if (!s->active[m])
            continue;
        bool ok = count_answer(&s->hist[m], weighted ? &s->whist[m] : NULL, &s->scale[m], st[m],
                               score[m], units);
        if (ok && g)
            ok = count_answer(&g->hist[m], gw ? gw + m : NULL, &s->scale[m], st[m], score[m],
                              units);
        if (!ok) {
            say(s, diag_at, (diag_place){s->file, line, 0}, "%s", cx_strerror(CX_EOVERFLOW));
            s->exit_code = EXIT_DATA;
            return 1;
        }
    }
    return 0;
}

/*
 * --latest-by: a record with a respondent id is kept aside, replacing that
 * respondent's earlier answer, and counted once every input is read.
 * @return -1 when the record has no id (it is counted now), else 0 or 1 to stop.
 */
static int latest_record(survey *s, const reader_field *f, size_t n, uint64_t line,
                         bool weight_ok, uint64_t units)
{
    const reader_field *idf = field_at(f, n, s->role_col[ROLE_LATEST]);
    const char *id = idf ? idf->ptr : "";
    size_t id_len = idf ? idf->len : 0;
    text_trim(&id, &id_len);
    if (id_len == 0) {
        s->latest_anonymous++;
        return -1;
    }
    latest_answer a = {.id = id, .id_len = (uint32_t)id_len, .when = INT64_MIN,
                       .seq = ((uint64_t)s->input_index << 40) | line, .units = units,
                       .weight_ok = weight_ok, .nogroup = LATEST_OTHER};
    int has = plan_grouped(s->plan) ? record_key(s, f, n, line, &a.nogroup, &a.when) : 0;
    if (has < 0)
        return 1;
    if (a.nogroup != LATEST_GROUP && s->plan->period)
        a.when = INT64_MIN; /* no date: never later than a dated answer */
    a.key = s->key.buf ? s->key.buf : "";
    a.key_len = has == 1 ? (uint32_t)s->key.len : 0;
    if (has != 1 && a.nogroup == LATEST_GROUP)
        a.nogroup = LATEST_OTHER;
    s->latest_other_read += a.nogroup == LATEST_OTHER && s->plan->compare;
    cx_status st[CX_METRIC_COUNT] = {0};
    int score[CX_METRIC_COUNT] = {0};
    if (read_answers(s, f, n, line, weight_ok, st, score))
        return 1;
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        a.status[m] = (int16_t)st[m];
        a.score[m] = (int16_t)score[m];
    }
    latest_status ls = latest_offer(&s->latest, &a);
    if (ls == LATEST_OK)
        return 0;
    if (ls == LATEST_ELIMIT)
        say(s, diag_at, (diag_place){s->file, line, 0}, "more than %zu respondents for --latest-by",
            (size_t)LATEST_MAX);
    else
        say(s, diag_at, (diag_place){s->file, line, 0}, "out of memory for --latest-by");
    return fail(s, EXIT_DATA);
}

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    survey *s = ctx;
    line += s->line_base;
    if (n > s->widest) /* filtered or not: a column no record reaches is an error */
        s->widest = n;
    if (s->fields == 0)
        s->fields = n;
    if (s->plan->nwhere && !where_holds(s, f, n)) {
        s->filtered++; /* left out whole, as if not in the file, but counted */
        return 0;
    }
    s->records++;
    if (n != s->fields) {
        char msg[256];
        s->malformed++;
        snprintf(msg, sizeof msg, "record has %zu field%s, expected %zu", n,
                 n == 1 ? "" : "s", s->fields);
        note(s, line, msg);
    }
    uint64_t units = 0;
    bool weight_ok = !survey_weighted(s) || record_weight(s, f, n, line, &units);
    if (s->plan->latest_by) {
        int rc = latest_record(s, f, n, line, weight_ok, units);
        if (rc >= 0)
            return rc;
    }
    /* a list has no rows, but its --require checks read the groups' */
    group *g = plan_grouped(s->plan) && (!s->list || s->plan->count_rows)
                   ? record_group(s, f, n, line)
                   : NULL;
    cx_status st[CX_METRIC_COUNT] = {0};
    int score[CX_METRIC_COUNT] = {0};
    if (s->exit_code || read_answers(s, f, n, line, weight_ok, st, score) ||
        count_record(s, g, st, score, units, line))
        return 1;
    if (!s->list)
        return 0;
    cx_metric lm = metric_of_list(s->plan->list);
    return s->active[lm] && st[lm] == CX_OK ? list_record(s, f, n, line, score[lm]) : 0;
}

/* Add group src's counts to dst (of tables with the same weighting).  @return false on overflow. */
static bool add_group_counts(group_table *dt, group *dst, const group_table *st,
                             const group *src)
{
    const cx_whist *sw = groups_whist(st, src);
    cx_whist *dw = groups_whist(dt, dst);
    bool ok = true;
    dst->records += src->records;
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        cx_hist_merge(&dst->hist[m], &src->hist[m]);
        ok = ok && (!sw || cx_whist_merge(&dw[m], &sw[m]) == CX_OK);
    }
    return ok;
}

/*
 * --window=K: each (group, period) row becomes the sum of that group's
 * periods p-K+1 .. p (the periods present; no row is made for a gap).
 */
int survey_window(survey *s)
{
    unsigned k = s->plan->window;
    group_table *t = &s->groups, nt;
    if (k < 2 || !s->plan->period)
        return EXIT_OK;
    groups_init(&nt, t->weighted);
    char *copy = NULL;
    size_t cap = 0;
    bool ok = true;
    for (size_t i = 0; i < t->count && ok; i++) {
        const group *g = &t->g[i];
        size_t len = g->key_len;
        if (len > cap || !copy) {
            char *c = realloc(copy, len ? len : 1);
            ok = c != NULL;
            if (!ok)
                break;
            copy = c;
            cap = len;
        }
        memcpy(copy, groups_key(t, g), len); /* its period is rewritten below */
        int32_t p = period_decode(copy + len - PERIOD_KEY_BYTES);
        group *d;
        ok = groups_get(&nt, copy, len, &d) == GROUPS_OK;
        for (unsigned j = 0; ok && j < k && (int64_t)p - j > INT32_MIN; j++) {
            period_encode((int32_t)((int64_t)p - j), copy + len - PERIOD_KEY_BYTES);
            const group *src = groups_find(t, copy, len);
            ok = !src || add_group_counts(&nt, d, t, src);
        }
    }
    free(copy);
    if (!ok) {
        groups_free(&nt);
        say(s, diag_error, "out of memory or counts too large for --window");
        return EXIT_DATA;
    }
    groups_free(t);
    *t = nt;
    return EXIT_OK;
}

/* --latest-by: count the answers kept, now that every input is read. */
int survey_finish(survey *s)
{
    if (!s->plan->latest_by)
        return survey_window(s);
    const latest_table *t = &s->latest;
    uint64_t kept = 0, other = 0;
    for (size_t i = 0; i < t->count && !s->exit_code; i++) {
        latest_answer a = latest_at(t, i);
        cx_status st[CX_METRIC_COUNT];
        int score[CX_METRIC_COUNT];
        for (int m = 0; m < CX_METRIC_COUNT; m++) {
            st[m] = (cx_status)a.status[m];
            score[m] = a.score[m];
        }
        group *g = a.nogroup == LATEST_GROUP ? key_group(s, a.key, a.key_len, 0) : NULL;
        if (s->exit_code || count_record(s, g, st, score, a.units, 0))
            break;
        other += a.nogroup == LATEST_OTHER && s->plan->compare;
        kept++;
    }
    s->latest_dropped = t->offered - kept;
    s->records -= s->latest_dropped;
    /* records in neither compared segment: those counted at once, and those kept */
    s->compare_other = s->compare_other - s->latest_other_read + other;
    return s->exit_code ? s->exit_code : survey_window(s);
}

/*
 * The last record has no line end.  Short of fields, it is a record cut off
 * while the file was being written (a cron job reading an export in
 * progress): "3,1" of "3,10,fine" would count a 1.  Its answers are not
 * counted; a record with every field is taken as whole.
 */
static int on_unended(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    survey *s = ctx;
    if (s->fields == 0 || n >= s->fields)
        return on_record(ctx, f, n, line);
    char msg[256];
    s->cut++;
    snprintf(msg, sizeof msg, "the last record has %zu field%s of %zu and no line end: the "
             "file is cut off (still being written?); its answers are not counted", n,
             n == 1 ? "" : "s", s->fields);
    note(s, line + s->line_base, msg);
    return s->exit_code ? 1 : 0;
}

/* A binary input named for what it is, with what to do (FILE: the input's name). */
static void say_binary(survey *s, const signature_kind *k)
{
    const char *file = k->hint ? strstr(k->hint, "FILE") : NULL;
    diag_place at = {s->file, 0, 0};
    if (!k->hint)
        say(s, diag_at, at, "%s, not CSV text", k->what);
    else if (file && strcmp(s->file, "<stdin>") != 0)
        say(s, diag_at, at, "%s, not CSV text: %.*s%s%s", k->what, (int)(file - k->hint),
            k->hint, s->file, file + 4);
    else
        say(s, diag_at, at, "%s, not CSV text: %s", k->what, k->hint);
}

static int report_reader_error(survey *s, const reader_result *r)
{
    switch (r->status) {
    case READER_OK:
    case READER_STOPPED:
        return s->exit_code;
    case READER_EIO:
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s", strerror(r->errno_value));
        break;
    case READER_EEMPTY:
        say(s, diag_at, (diag_place){s->file, 0, 0}, "empty input: no header line");
        break;
    case READER_EFORMAT:
        say(s, diag_error, "%s%s", s->file, r->detail);
        break;
    case READER_ESAID: /* the format's reader said why */
        break;
    case READER_EXLSX: {
        /* on standard input there is no file name to put in a command */
        const char *in = strcmp(s->file, "<stdin>") == 0 ? "FILE.xlsx" : s->file;
        say(s, diag_at, (diag_place){s->file, 0, 0}, "an Excel workbook (XLSX), not CSV: save "
            "it as CSV, or convert it with 'xlsx2csv %s' or 'ssconvert %s out.csv'", in, in);
        break;
    }
    case READER_EBINARY:
        say_binary(s, r->binary);
        break;
    case READER_EENCODING:
        say(s, diag_at, (diag_place){s->file, r->line, 0}, "bytes that are not %s text%s", r->encoding ? r->encoding : "UTF-8",
                r->encoding ? "" : "; name the file's encoding, e.g. --encoding=cp1251");
        break;
    default:
        say(s, diag_at, (diag_place){s->file, r->line, 0}, "%s",
                reader_strerror(r->status));
        break;
    }
    return EXIT_DATA;
}

static void on_progress(void *ctx, uint64_t bytes)
{
    survey *s = ctx;
    progress_update(&s->progress, s->byte_base + bytes);
}

/* ---- a large file on several threads ------------------------------------ */

/* A part: a survey that counts one chunk of the file s is reading. */
static void *part_new(void *owner)
{
    const survey *s = owner;
    survey *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->plan = s->plan; /* w->err stays NULL: a part says nothing; its errors are found again */
    memcpy(w->scale, s->scale, sizeof w->scale);
    memcpy(w->active, s->active, sizeof w->active);
    memcpy(w->labels, s->labels, sizeof w->labels);
    w->file = s->file;
    w->input_index = s->input_index;
    memcpy(w->col, s->col, sizeof w->col);
    memcpy(w->group_col, s->group_col, sizeof w->group_col);
    memcpy(w->role_col, s->role_col, sizeof w->role_col);
    memcpy(w->where_col, s->where_col, sizeof w->where_col);
    w->fields = s->fields;
    w->date_order = s->date_order;
    /* the part's own mask, in memory its thread allocates: read for every
     * field, it must not share a cache line with what another thread writes */
    w->want_len = s->want_len;
    w->want = malloc(w->want_len ? w->want_len : 1);
    if (!w->want) {
        free(w);
        return NULL;
    }
    if (w->want_len)
        memcpy(w->want, s->want, w->want_len);
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        cx_hist_init(&w->hist[m]);
        cx_whist_init(&w->whist[m]);
    }
    groups_init(&w->groups, s->plan->weight != NULL);
    return w;
}

static void free_values(survey *s)
{
    for (size_t i = 0; i < MAX_WHERE; i++)
        values_free(&s->where_values[i]);
    values_free(&s->compare_values);
}

static void part_free(void *part)
{
    survey *w = part;
    free_values(w);
    latest_free(&w->latest);
    free(w->want);
    free(w->key.buf);
    groups_free(&w->groups);
    free(w);
}

/*
 * Add a part's words (src) to the words kept (dst) as one reading would have
 * kept them.  When the part counted other words than those it kept, one of
 * dst's may be among them, unless every word of dst is among the part's:
 * false then, the merge cannot be known exactly.
 */
static bool merge_words(word_count *dst, uint64_t *dst_other, const word_count *src,
                        uint64_t src_other)
{
    for (size_t i = 0; src_other > 0 && i < SURVEY_WORDS && dst[i].n; i++) {
        size_t j = 0;
        while (j < SURVEY_WORDS && src[j].n && strcmp(dst[i].text, src[j].text) != 0)
            j++;
        if (j == SURVEY_WORDS || src[j].n == 0)
            return false;
    }
    for (size_t j = 0; j < SURVEY_WORDS && src[j].n; j++) {
        size_t i = 0;
        while (i < SURVEY_WORDS && dst[i].n && strcmp(dst[i].text, src[j].text) != 0)
            i++;
        if (i == SURVEY_WORDS) {
            *dst_other += src[j].n;
            continue;
        }
        if (dst[i].n == 0)
            memcpy(dst[i].text, src[j].text, sizeof dst[i].text);
        dst[i].n += src[j].n;
    }
    *dst_other += src_other;
    return true;
}

/* Add one part's counts; its notes' lines are counted from line_off + 1. */
static void join_part(survey *s, const survey *w, uint64_t line_off)
{
    bool weighted = survey_weighted(s), ok = true;
    s->records += w->records;
    s->widest = w->widest > s->widest ? w->widest : s->widest;
    s->malformed += w->malformed;
    s->cut += w->cut;
    s->weight_invalid += w->weight_invalid;
    s->period_invalid += w->period_invalid;
    s->period_dates += w->period_dates;
    dates_examples_merge(&s->date_bad, &w->date_bad);
    s->compare_other += w->compare_other;
    s->filtered += w->filtered;
    s->latest_anonymous += w->latest_anonymous;
    s->latest_other_read += w->latest_other_read;
    if (s->plan->latest_by) {
        latest_status ls = latest_merge(&s->latest, &w->latest, line_off);
        if (ls != LATEST_OK) {
            say(s, diag_at, (diag_place){s->file, 0, 0}, "%s for --latest-by",
                ls == LATEST_ELIMIT ? "too many respondents" : "out of memory");
            s->exit_code = EXIT_DATA;
            return;
        }
    }
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        s->wordsets[m] |= w->wordsets[m];
        s->wordset_answers[m] += w->wordset_answers[m];
    }
    for (size_t i = 0; i < MAX_WHERE; i++) {
        values_merge(&s->where_values[i], &w->where_values[i]);
        for (size_t k = 0; k < MAX_WHERE_VALUES; k++)
            s->where_hits[i][k] += w->where_hits[i][k];
    }
    values_merge(&s->compare_values, &w->compare_values);
    s->compare_hits[0] += w->compare_hits[0];
    s->compare_hits[1] += w->compare_hits[1];
    s->problems += w->problems;
    for (size_t i = 0; i < w->nnotes && s->nnotes < SURVEY_NOTES; i++) {
        s->note[s->nnotes] = w->note[i];
        s->note[s->nnotes++].line += line_off;
    }
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        cx_hist_merge(&s->hist[m], &w->hist[m]);
        ok = ok && (!weighted || cx_whist_merge(&s->whist[m], &w->whist[m]) == CX_OK);
    }
    for (size_t i = 0; i < w->groups.count && ok; i++) {
        const group *g = &w->groups.g[i];
        group *d;
        if (groups_get(&s->groups, groups_key(&w->groups, g), g->key_len, &d) != GROUPS_OK) {
            say(s, diag_at, (diag_place){s->file, 0, 0}, "out of memory for groups");
            s->exit_code = EXIT_DATA;
            return;
        }
        d->records += g->records;
        const cx_whist *gw = groups_whist(&w->groups, g);
        cx_whist *dw = groups_whist(&s->groups, d);
        for (int m = 0; m < CX_METRIC_COUNT; m++) {
            cx_hist_merge(&d->hist[m], &g->hist[m]);
            ok = ok && (!gw || cx_whist_merge(&dw[m], &gw[m]) == CX_OK);
        }
    }
    if (!ok) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s", cx_strerror(CX_EOVERFLOW));
        s->exit_code = EXIT_DATA;
    }
}

/*
 * Fold the parts into s in file order, the first starting after line line0.
 * @return false, with s untouched, when the result could differ from one
 * reading's: words that cannot be merged exactly, or too many groups.
 */
static bool join_parts(survey *s, const parallel_part *parts, size_t n, uint64_t line0)
{
    word_count words[CX_METRIC_COUNT][SURVEY_WORDS];
    uint64_t other[CX_METRIC_COUNT];
    memcpy(words, s->words, sizeof words);
    memcpy(other, s->other_words, sizeof other);
    uint64_t groups = s->groups.count, keys = s->groups.keys_len;
    for (size_t k = 0; k < n; k++) {
        const survey *w = parts[k].part;
        if (!w)
            continue;
        for (int m = 0; m < CX_METRIC_COUNT; m++)
            if (!merge_words(words[m], &other[m], w->words[m], w->other_words[m]))
                return false;
        groups += w->groups.count;
        keys += w->groups.keys_len;
    }
    if (groups > GROUPS_MAX || keys > GROUPS_KEY_BYTES)
        return false;
    memcpy(s->words, words, sizeof words);
    memcpy(s->other_words, other, sizeof other);
    uint64_t line = line0;
    for (size_t k = 0; k < n && !s->exit_code; k++) {
        if (parts[k].part)
            join_part(s, parts[k].part, line);
        line += parts[k].lines;
    }
    return true;
}

/*
 * Read the rest of the file from byte start (a record boundary after line
 * lines) in jobs chunks; when that cannot give exactly what one reading
 * gives, or a chunk met an error, read it again in one piece.
 */
static int read_rest(survey *s, int fd, uint64_t start, uint64_t size, unsigned jobs,
                     uint64_t lines, int delim)
{
    reader_config cfg = {.delim = delim, .resume = true};
    parallel_ops ops = {.owner = s, .part_new = part_new, .part_free = part_free,
                        .header = on_resume, .record = on_record,
                        .unended = on_unended, .progress = on_progress};
    parallel_part parts[PARALLEL_PARTS(MAX_JOBS)];
    size_t n = 0;
    s->byte_base = start;
    parallel_status st = parallel_read(fd, start, size, jobs, &cfg, &ops, parts, &n);
    bool joined = st == PARALLEL_OK && join_parts(s, parts, n, lines);
    parallel_free(&ops, parts, n);
    if (joined || st == PARALLEL_ENOMEM) {
        s->byte_base = 0;
        if (st == PARALLEL_ENOMEM) {
            say(s, diag_error, "out of memory");
            return EXIT_DATA;
        }
        return s->exit_code;
    }
    reader_callbacks cb = {.ctx = s, .header = on_resume, .record = on_record,
                           .unended = on_unended, .progress = on_progress};
    reader_result r;
    s->line_base = lines;
    reader_read_at(fd, start, &cfg, &cb, &r);
    s->line_base = s->byte_base = 0;
    if (r.line)
        r.line += lines;
    return report_reader_error(s, &r);
}

/* The option that reads the i-th wanted column (see wanted_column). */
static const char *wanted_option(size_t i)
{
    static const char *const role[ROLE_COUNT] = {"--period", "--weight", "--compare"};
    if (i < CX_METRIC_COUNT)
        return cx_metric_name((cx_metric)i);
    i -= CX_METRIC_COUNT;
    if (i < MAX_GROUP_COLUMNS)
        return "--group";
    i -= MAX_GROUP_COLUMNS;
    if (i < ROLE_COUNT)
        return role[i];
    return i - ROLE_COUNT < MAX_WHERE ? "--where" : "--show";
}

/*
 * Without a header, column numbers are taken on trust until the records are
 * read: one that no record of this input reaches counted nothing, which must
 * not pass for answers that are all missing.  Exit status as for a column
 * a header lacks: 2 in the first input, 3 in a later one.
 */
static int check_width(survey *s, uint64_t records_before)
{
    if (s->records == records_before)
        return EXIT_OK; /* no record: nothing was counted wrong */
    for (size_t i = 0; i < CX_METRIC_COUNT + MAX_GROUP_COLUMNS + ROLE_COUNT + MAX_WHERE +
                           s->nshow; i++) {
        size_t c = wanted_column(s, i);
        if (c == NO_COLUMN || c < s->widest)
            continue;
        const char *opt = wanted_option(i);
        say(s, diag_at, (diag_place){s->file, 0, 0},
            "no record has a column %zu for %s%s; the widest has %zu field%s", c + 1,
            i < CX_METRIC_COUNT ? "--" : "", opt, s->widest, s->widest == 1 ? "" : "s");
        return s->exit_code = records_before ? EXIT_DATA : EXIT_USAGE;
    }
    return EXIT_OK;
}

/*
 * A regular file written to while it was read (appended to, truncated,
 * rewritten) gives counts of no version of it, and different ones at each
 * -j: its size and modification time after the reading must be those before.
 */
static int check_unchanged(survey *s, int fd, const struct stat *before)
{
    struct stat after;
    if (fstat(fd, &after) != 0)
        return EXIT_OK;
    if (after.st_size == before->st_size && after.st_mtim.tv_sec == before->st_mtim.tv_sec &&
        after.st_mtim.tv_nsec == before->st_mtim.tv_nsec)
        return EXIT_OK;
    say(s, diag_at, (diag_place){s->file, 0, 0},
        "changed while it was read (%lld bytes before, %lld after); read a copy that stays "
        "as it is", (long long)before->st_size, (long long)after.st_size);
    return s->exit_code = EXIT_DATA;
}

/* The online processors, at most MAX_JOBS. */
static unsigned online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

/*
 * The threads to read fd with: more than one only for a regular file whose
 * records are counted (not listed, not stopped at the first problem), read as
 * UTF-8, and large, unless -j was given.  *start is where its reading begins.
 */
static unsigned jobs_for(const survey *s, int fd, uint64_t *start, uint64_t *size)
{
    const run_plan *o = s->plan;
    struct stat st;
    off_t at;
    if (o->jobs == 1 || s->list || o->strict || o->encoding || fstat(fd, &st) != 0 ||
        !S_ISREG(st.st_mode) || (at = lseek(fd, 0, SEEK_CUR)) < 0 || st.st_size <= at)
        return 1;
    *start = (uint64_t)at;
    *size = (uint64_t)st.st_size;
    if (!o->jobs && *size - *start < SURVEY_PARALLEL_BYTES)
        return 1; /* small: not worth a thread (nor asking how many cores there are) */
    return o->jobs ? o->jobs : online_cores();
}

bool survey_add_input(survey *s, const char *name)
{
    char **in = realloc(s->inputs, (s->ninputs + 1) * sizeof *in);
    if (!in)
        return false;
    s->inputs = in;
    return (s->inputs[s->ninputs] = strdup(name)) != NULL && ++s->ninputs;
}

/* The records a reading passed over, and the export layout that made it. */
static void took_over(survey *s, const reader_result *r)
{
    s->skipped += r->skipped;
    if (r->layout && !s->plan->quiet)
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s export: %llu header row%s after the "
            "column names passed over", r->layout, (unsigned long long)r->skipped,
                r->skipped == 1 ? "" : "s");
}

/* A workbook's sheet is chosen: notes name it from now on. */
static void on_part(void *ctx, const char *part)
{
    survey *s = ctx;
    char **list = realloc(s->sheets, (s->nsheets + 1) * sizeof *list);
    if (!list)
        return; /* notes then give the row without the sheet */
    s->sheets = list;
    if ((list[s->nsheets] = strdup(part)) != NULL)
        s->sheet = list[s->nsheets++];
}

/*
 * The first bytes of fp, to tell its format: read with pread() from a regular
 * file (which stays where it was), else taken from the stream (*taken set).
 */
static size_t peek(FILE *fp, unsigned char *sig, bool *regular)
{
    struct stat st;
    int fd = fileno(fp);
    off_t at;
    *regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (at = lseek(fd, 0, SEEK_CUR)) >= 0;
    if (*regular) {
        ssize_t got = pread(fd, sig, FORMAT_SIG_MAX, at);
        return got > 0 ? (size_t)got : 0;
    }
    return fread(sig, 1, FORMAT_SIG_MAX, fp);
}

/* ---- SPSS and Stata files: column names from variable labels, scored columns ---- */

static void on_stat_labels(void *ctx, const reader_field *labels, size_t n)
{
    survey *s = ctx;
    free(s->alias);
    s->alias = malloc((n ? n : 1) * sizeof *s->alias);
    if (s->alias && n)
        memcpy(s->alias, labels, n * sizeof *labels);
}

/* A metric's column is scored on its scale; --labels asks for the value labels as text. */
static void on_stat_column(void *ctx, size_t col, format_column *out)
{
    const survey *s = ctx;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (s->active[m] && s->col[m] == col) {
            *out = (format_column){.scored = true, .lo = s->scale[m].lo, .hi = s->scale[m].hi,
                                 .label_text = s->labels[m] != NULL,
                                 .metric = cx_metric_name((cx_metric)m)};
            return;
        }
}

/* Read an input of a format other than CSV (a pipe is spooled to a file first). */
static int read_format(survey *s, FILE *fp, const input_format *fmt, bool regular,
                       const unsigned char *sig, size_t nsig, const reader_config *cfg,
                       const reader_callbacks *cb)
{
    int fd = regular ? fileno(fp) : format_spool(fp, sig, nsig);
    if (fd < 0) {
        say(s, diag_at, (diag_place){s->file, 0, 0},
            "cannot keep the %s input in a temporary file: %s", fmt->name, strerror(errno));
        return EXIT_DATA;
    }
    format_options fo = {.sheet = s->plan->sheet, .err = s->plan->quiet ? NULL : s->err,
                         .refusals = s->err, .name = s->file, .ctx = s, .on_part = on_part,
                         .labels = on_stat_labels, .column = on_stat_column};
    reader_result r;
    fmt->read(fd, cfg, &fo, cb, &r);
    if (!regular)
        close(fd);
    s->sheet = NULL;
    free(s->alias); /* a statistics file's variable labels name its columns only */
    s->alias = NULL;
    took_over(s, &r);
    return report_reader_error(s, &r);
}

int survey_list_sheets(survey *s, const char *path, FILE *out)
{
    s->file = survey_display_name(path);
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s", strerror(errno));
        return EXIT_DATA;
    }
    unsigned char sig[FORMAT_SIG_MAX];
    bool regular;
    size_t nsig = peek(fp, sig, &regular);
    const input_format *fmt = format_find(sig, nsig);
    int rc = EXIT_DATA;
    if (!fmt || !fmt->list) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "--list-sheets: not a workbook");
    } else {
        int fd = regular ? fileno(fp) : format_spool(fp, sig, nsig);
        reader_result r;
        if (fd < 0) {
            say(s, diag_at, (diag_place){s->file, 0, 0},
                "cannot keep the input in a temporary file: %s", strerror(errno));
        } else {
            fmt->list(fd, out, &r);
            rc = report_reader_error(s, &r);
            if (!regular)
                close(fd);
        }
    }
    if (fp != stdin)
        fclose(fp);
    return rc;
}


/*
 * A copy of a stream that cannot be read twice (a pipe), in a temporary file:
 * the bytes already taken to tell its format first, then the rest.
 */
static FILE *spool_copy(survey *s, FILE *fp, const unsigned char *taken, size_t ntaken)
{
    FILE *t = tmpfile();
    char buf[1 << 16];
    size_t got;
    bool ok = t && fwrite(taken, 1, ntaken, t) == ntaken;
    while (ok && (got = fread(buf, 1, sizeof buf, fp)) > 0)
        if (fwrite(buf, 1, got, t) != got)
            ok = false;
    if (!ok || ferror(fp) || ferror(t) || fflush(t) != 0 || fseek(t, 0, SEEK_SET) != 0) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "cannot keep the input in a temporary "
            "file to read its dates' order: %s", strerror(errno));
        if (t)
            fclose(t);
        return NULL;
    }
    return t;
}

/*
 * The order of "A/B/YYYY" dates in this file's --period column, from the
 * whole column: the first date only one order reads settles it.  A stream
 * that cannot be read twice is copied to a temporary file first (*spool).
 * When no date settles it, month first, with a warning.
 */
static bool settle_date_order(survey *s, FILE **fp, FILE **spool, const reader_config *cfg,
                              bool regular, const unsigned char *taken, size_t ntaken)
{
    date_order_scan sc;
    s->date_order = 0;
    if (!regular) {
        if (!(*spool = spool_copy(s, *fp, taken, ntaken)))
            return false;
        *fp = *spool;
    }
    if (!dates_scan_order(*fp, cfg, s->plan->period, &sc)) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s", strerror(errno));
        return false;
    }
    s->date_order = sc.order;
    if (sc.order || !sc.ambiguous[0])
        return true;
    s->date_order = CX_DATE_MDY;
    if (!s->plan->quiet)
        say(s, diag_at, (diag_place){s->file, 0, 0}, "warning: no date in column '%s' settles "
            "whether the day or the month comes first (as %s): read month first; if the day "
            "comes first, give --date-format='%%d/%%m/%%Y'", s->plan->period, sc.ambiguous);
    return true;
}

int survey_open_input(survey *s, const char *name, reader_callbacks *cb)
{
    if (!survey_add_input(s, name)) {
        say(s, diag_error, "out of memory");
        return EXIT_DATA;
    }
    s->file = s->inputs[s->ninputs - 1]; /* a note keeps it: it must live as long as s */
    s->input_index = s->ninputs;
    s->fields = s->widest = 0;
    *cb = (reader_callbacks){.ctx = s, .header = on_header, .record = on_record,
                             .unended = on_unended, .progress = on_progress};
    return EXIT_OK;
}

int survey_read_stream(survey *s, FILE *fp, const char *name)
{
    reader_callbacks cb;
    if (survey_open_input(s, name, &cb) != EXIT_OK)
        return EXIT_DATA;
    uint64_t records_before = s->records;
    const run_plan *o = s->plan;
    reader_config cfg = {.delim = o->delim, .header = o->header, .encoding = o->encoding,
                         .skip_lines = o->header_row - 1, .skip_records = o->skip,
                         .detect_layout = o->header && !o->skip_given};
    int rc = EXIT_OK;
    struct stat before; /* taken before the first byte is read, to see changes */
    bool watched = fstat(fileno(fp), &before) == 0 && S_ISREG(before.st_mode);
    unsigned char sig[FORMAT_SIG_MAX];
    bool regular;
    size_t nsig = peek(fp, sig, &regular);
    const input_format *fmt = format_find(sig, nsig);
    if (fmt)
        return read_format(s, fp, fmt, regular, sig, nsig, &cfg, &cb);
    FILE *spool = NULL; /* a pipe's copy, with the bytes peek() took */
    if (o->period && !o->date_format &&
        !settle_date_order(s, &fp, &spool, &cfg, regular, sig, nsig))
        return EXIT_DATA;
    if (!regular && !spool) { /* the bytes taken go first */
        cfg.prefix = sig;
        cfg.prefix_len = nsig;
    }
    int fd = fileno(fp);
    reader_result r;
    uint64_t start = 0, size = 0;
    unsigned jobs = jobs_for(s, fd, &start, &size);
    /* with threads: read the header (and what must come before any chunk) here first */
    cfg.stop = jobs > 1;
    cfg.stop_records = o->header ? 0 : 1; /* without a header, the first record sets the width */
    progress_start(&s->progress, fp, name, o->quiet);
    s->reading = &r;
    reader_read(fp, &cfg, &cb, &r);
    s->reading = NULL;
    if (r.status == READER_OK && r.stopped)
        rc = read_rest(s, fd, start + r.end, size, jobs, r.lines, r.delim);
    progress_end(&s->progress);
    took_over(s, &r);
    rc = rc != EXIT_OK ? rc : report_reader_error(s, &r);
    if (rc == EXIT_OK && watched)
        rc = check_unchanged(s, fd, &before);
    if (spool)
        fclose(spool);
    return rc != EXIT_OK || o->header ? rc : check_width(s, records_before);
}

int survey_read(survey *s, const char *path)
{
    /* a name is printed: its control characters must not reach the terminal raw */
    char *name = text_escape(survey_display_name(path));
    if (!name) {
        say(s, diag_error, "out of memory");
        return EXIT_DATA;
    }
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        say(s, diag_at, (diag_place){name, 0, 0}, "%s", strerror(errno));
        free(name);
        return EXIT_DATA;
    }
    int rc = survey_read_stream(s, fp, name);
    if (fp != stdin)
        fclose(fp);
    free(name);
    return rc;
}

/* Say which built-in sets read words as scores, and whether numbers were mixed in. */
static void warn_wordsets(const survey *s)
{
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        if (!s->active[m] || !s->wordsets[m])
            continue;
        for (int id = 1; id < WORDSET_COUNT; id++)
            if (s->wordsets[m] & (1u << id))
                diag_error(s->err, "%s: answers in words read with the built-in set %s",
                           cx_metric_name((cx_metric)m), wordsets_describe((wordset_id)id));
        uint64_t valid = 0;
        for (int b = 0; b <= s->scale[m].hi - s->scale[m].lo; b++)
            valid += s->hist[m].count[b];
        if (valid > s->wordset_answers[m])
            diag_warning(s->err, "%s: %llu answers are numbers and %llu are words of a built-in "
                                 "set: check that both use the same scale",
                         cx_metric_name((cx_metric)m),
                         (unsigned long long)(valid - s->wordset_answers[m]),
                         (unsigned long long)s->wordset_answers[m]);
    }
}

void survey_warn(const survey *s)
{
    if (!s->plan->quiet)
        warn_wordsets(s);
    if (s->plan->latest_by && !s->plan->quiet)
        diag_error(s->err, "--latest-by %s: %llu earlier answer%s of %llu respondent%s "
                        "dropped, %llu record%s without an id kept",
                s->plan->latest_by, (unsigned long long)s->latest_dropped,
                s->latest_dropped == 1 ? "" : "s", (unsigned long long)s->latest.count,
                s->latest.count == 1 ? "" : "s", (unsigned long long)s->latest_anonymous,
                s->latest_anonymous == 1 ? "" : "s");
    if (s->plan->nwhere && !s->plan->quiet)
        diag_error(s->err, "--where kept %llu of %llu records (%llu left out)",
                (unsigned long long)s->records, (unsigned long long)s->records + s->filtered,
                (unsigned long long)s->filtered);
    if (s->plan->quiet || s->problems == 0)
        return;
    for (size_t i = 0; i < s->nnotes; i++) {
        char buf[512];
        const survey_note *n = &s->note[i];
        diag_at(s->err, note_place(buf, sizeof buf, n->file, n->sheet, n->line, n->col), "%s",
                n->text);
    }
    diag_begin(s->err);
    fputs("warning:", s->err);
    const char *sep = " ";
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (s->active[m] && s->hist[m].invalid) {
            fprintf(s->err, "%s%llu invalid %s answer%s", sep,
                    (unsigned long long)s->hist[m].invalid, cx_metric_name((cx_metric)m),
                    s->hist[m].invalid == 1 ? "" : "s");
            sep = ", ";
        }
    if (s->malformed)
        fprintf(s->err, "%s%llu malformed record%s", sep, (unsigned long long)s->malformed,
                s->malformed == 1 ? "" : "s"), sep = ", ";
    if (s->cut)
        fprintf(s->err, "%s%llu cut record%s not counted", sep, (unsigned long long)s->cut,
                s->cut == 1 ? "" : "s"), sep = ", ";
    if (s->weight_invalid)
        fprintf(s->err, "%s%llu record%s without a valid weight", sep,
                (unsigned long long)s->weight_invalid, s->weight_invalid == 1 ? "" : "s"),
            sep = ", ";
    if (s->period_invalid)
        fprintf(s->err, "%s%llu record%s without a valid date", sep,
                (unsigned long long)s->period_invalid, s->period_invalid == 1 ? "" : "s");
    if (s->problems > s->nnotes)
        fprintf(s->err, " (first %zu shown)", s->nnotes);
    fputc('\n', s->err);
    if (s->date_bad.n) {
        diag_begin(s->err);
        fprintf(s->err, "warning: %llu date%s in column '%s' cannot be read:",
                (unsigned long long)s->date_bad.count, s->date_bad.count == 1 ? "" : "s",
                s->plan->period);
        for (size_t i = 0; i < s->date_bad.n; i++)
            fprintf(s->err, "%s %s", i ? "," : "", s->date_bad.text[i]);
        fputs("; name their form with --date-format (see the man page)\n", s->err);
    }
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        const word_count *w = s->words[m];
        if (!s->active[m] || w[0].n == 0)
            continue;
        diag_begin(s->err);
        fprintf(s->err, "warning: %s answers that are not scores%s:",
                cx_metric_name((cx_metric)m), s->labels[m] ? " nor labels of --labels" : "");
        for (size_t i = 0; i < SURVEY_WORDS && w[i].n; i++)
            fprintf(s->err, "%s %s (%llu)", i ? "," : "", w[i].text, (unsigned long long)w[i].n);
        if (s->other_words[m])
            fprintf(s->err, ", and %llu other%s", (unsigned long long)s->other_words[m],
                    s->other_words[m] == 1 ? "" : "s");
        fputc('\n', s->err);
    }
}

int survey_check_values(const survey *s)
{
    const run_plan *o = s->plan;
    int rc = EXIT_OK;
    char q[160];
    for (size_t i = 0; i < o->nwhere; i++)
        for (size_t k = 0; k < o->where[i].nvalues; k++) {
            if (s->where_hits[i][k])
                continue;
            /* leaving out a value no record has changes nothing: a typo is pointed out,
             * but a defensive filter (test rows, if any) must not break a cron job */
            bool warn = o->where[i].negate;
            if (warn && o->quiet)
                continue;
            text_quote(q, sizeof q, o->where[i].value[k], strlen(o->where[i].value[k]));
            diag_error(s->err, "%s--where: no record has %s in column '%s'",
                    warn ? "warning: " : "", q, o->where[i].column);
            values_explain(&s->where_values[i], o->where[i].value[k], s->err);
            if (!warn)
                rc = EXIT_DATA;
        }
    for (int i = 0; o->compare && i < 2; i++) {
        if (s->compare_hits[i])
            continue;
        text_quote(q, sizeof q, o->compare_value[i], strlen(o->compare_value[i]));
        diag_error(s->err, "--compare: no record%s has %s in column '%s'",
                o->nwhere ? " kept by --where" : "", q, o->compare);
        values_explain(&s->compare_values, o->compare_value[i], s->err);
        rc = EXIT_DATA;
    }
    return rc;
}

int survey_check_dates(const survey *s)
{
    if (!s->plan->period || s->period_dates > 0 || s->date_bad.n == 0)
        return EXIT_OK; /* (a merge has no dates: its states counted them) */
    diag_begin(s->err);
    fprintf(s->err, "none of the %llu date%s in column '%s' can be read, e.g.",
            (unsigned long long)s->date_bad.count, s->date_bad.count == 1 ? "" : "s",
            s->plan->period);
    for (size_t i = 0; i < s->date_bad.n; i++)
        fprintf(s->err, "%s %s", i ? "," : "", s->date_bad.text[i]);
    fputs("; name their form with --date-format (see the man page)\n", s->err);
    return EXIT_DATA;
}

void survey_free(survey *s)
{
    free_values(s);
    latest_free(&s->latest);
    free(s->want);
    free(s->alias);
    free(s->key.buf);
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        labels_free(&s->label_file[m]);
    free(s->cells);
    free(s->show_col);
    for (size_t i = 0; i < s->ninputs; i++)
        free(s->inputs[i]);
    for (size_t i = 0; i < s->nsheets; i++)
        free(s->sheets[i]);
    free(s->sheets);
    free(s->inputs);
    groups_free(&s->groups);
    for (size_t i = 0; i < MAX_GROUP_COLUMNS; i++)
        free(s->group_key[i]);
    for (int r = 0; r < ROLE_COUNT; r++)
        free(s->role_name[r]);
    s->want = NULL;
    s->key.buf = NULL;
}
