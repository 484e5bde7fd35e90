/* resolve.c - a file's header: the columns each metric, -g, role, --where and --show
 * reads, by name or number, with hints when one is missing. */
#include "survey_int.h"

#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "metrics.h"
#include "text.h"

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

/* The columns a missing one was looked for in; in a workbook, they are one sheet's. */
static void show_columns(survey *s, const reader_field *f, size_t n)
{
    print_columns(s->err, f, n);
    if (s->sheet)
        say(s, diag_at, (diag_place){s->file, 0, 0}, "these are the columns of sheet '%s'; "
            "--list-sheets lists the workbook's sheets, --sheet=NAME reads another", s->sheet);
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

/* One non-metric column (a -g, --period, --weight or --compare column) of this file. */
static int resolve_role(survey *s, const char *spec, const char *option, const reader_field *f,
                        size_t n, size_t *col)
{
    *col = find_named(s, spec, f, n);
    if (*col != NO_COLUMN)
        return 0;
    say(s, diag_at, (diag_place){s->file, 0, 0}, "no column '%s' for %s", spec, option);
    if (f)
        show_columns(s, f, n);
    else
        no_header_hint(s);
    delim_hint(s, spec, f, n);
    return survey_fail(s, s->records ? EXIT_DATA : EXIT_USAGE);
}

void survey_set_list(survey *s, followup *list)
{
    s->list = list;
}

static size_t list_prefix(const run_plan *o)
{
    return survey_list_groups(o) + (o->period ? 1 : 0);
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
    for (size_t i = 0; ok && i < survey_list_groups(o); i++)
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
        return survey_fail(s, EXIT_DATA);
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
    return survey_fail(s, EXIT_DATA);
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
                    show_columns(s, f, n);
                else
                    no_header_hint(s);
                delim_hint(s, o->column[m], f, n);
                return survey_fail(s, s->metrics_fixed ? EXIT_DATA : EXIT_USAGE);
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
                show_columns(s, f, n);
            return survey_fail(s, s->metrics_fixed ? EXIT_DATA : EXIT_USAGE);
        }
        if (s->active[m])
            found_any = true;
    }
    if (!found_any) {
        if (f) {
            say(s, diag_at, (diag_place){s->file, 0, 0}, "no column named nps, csat or ces; name the "
                            "columns with --nps, --csat, --ces");
            show_columns(s, f, n);
            for (int m = 0; m < CX_LEVEL && !delim_hint(s, cx_metric_name((cx_metric)m), f, n);
                 m++)
                ;
        } else {
            say(s, diag_at, (diag_place){s->file, 0, 0}, "without a header, name the columns by number "
                            "(--nps=N, --csat=N, --ces=N)");
        }
        return survey_fail(s, EXIT_USAGE);
    }
    s->metrics_fixed = true;
    groups_layout(&s->groups, s->active, s->scale); /* no group yet: it keeps the metrics in use */
    return resolve_roles(s, f, n);
}

/* The i-th column the survey reads (metrics, -g, roles, --where, --show), or NO_COLUMN. */
size_t survey_wanted_column(const survey *s, size_t i)
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
int survey_not_utf8(survey *s, uint64_t line, size_t col)
{
    if (s->plan->encoding) /* converted text is UTF-8: what is left is a NUL byte */
        say(s, diag_at, (diag_place){s->file, line, 0}, "column %zu holds a NUL byte, which "
            "no text in %s has: is the file binary?", col + 1, s->plan->encoding);
    else
        say(s, diag_at, (diag_place){s->file, line, 0}, "column %zu is not UTF-8 text; name "
            "the file's encoding, e.g. --encoding=cp1251", col + 1);
    return survey_fail(s, EXIT_DATA);
}

int survey_on_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want)
{
    survey *s = ctx;
    for (size_t i = 0; f && i < n; i++)
        if (!text_utf8_valid(f[i].ptr, f[i].len))
            return survey_not_utf8(s, line, i);
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
                return survey_fail(s, EXIT_DATA);
            }
            memset(mask, 0, len ? len : 1);
            s->want = mask;
        }
        for (size_t i = 0; i < CX_METRIC_COUNT + MAX_GROUP_COLUMNS + ROLE_COUNT + MAX_WHERE +
                               s->nshow; i++) {
            size_t c = survey_wanted_column(s, i);
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
int survey_on_resume(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want)
{
    const survey *s = ctx;
    (void)f, (void)n, (void)line;
    want->mask = s->want;
    want->len = s->want_len;
    return 0;
}
