/* survey.c - reads each input through the reader and counts every record into histograms. */
#include "survey.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats.h"
#include "metrics.h"
#include "parallel.h"
#include "reader.h"
#include "spill.h"
#include "text.h"

#define NO_COLUMN ((size_t)-1)

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
        char q[160];
        text_quote(q, sizeof q, f[i].ptr, f[i].len);
        fprintf(err, "%s %zu=%s", i ? "," : "", i + 1, q);
    }
    fputc('\n', err);
}

/*
 * Find a column: a 1-based number, or a header name (case-insensitive,
 * trimmed), "name[k]" for its k-th occurrence.  @return 0-based index or
 * NO_COLUMN.
 */
static size_t find_column(const char *spec, const reader_field *f, size_t n)
{
    char *end;
    if (spec[0] >= '1' && spec[0] <= '9') {
        unsigned long v = strtoul(spec, &end, 10);
        if (*end == '\0')
            /* without a header any number is taken, up to the widest record there can be */
            return (f == NULL ? v <= READER_MAX_FIELDS : v <= n) ? (size_t)v - 1 : NO_COLUMN;
    }
    size_t len = strlen(spec), nth = 1;
    const char *open = len > 3 && spec[len - 1] == ']' ? strrchr(spec, '[') : NULL;
    if (open && open[1] >= '1' && open[1] <= '9') {
        unsigned long k = strtoul(open + 1, &end, 10);
        if (*end == ']' && end[1] == '\0') {
            nth = k;
            len = (size_t)(open - spec);
        }
    }
    char name[256];
    if (len >= sizeof name)
        return NO_COLUMN;
    memcpy(name, spec, len);
    name[len] = '\0';
    for (size_t i = 0; f && i < n; i++)
        if (text_name_equal(f[i].ptr, f[i].len, name) && --nth == 0)
            return i;
    return NO_COLUMN;
}

static void no_header_hint(survey *s)
{
    say(s, diag_error, "without a header, give a column number, at most %zu (a record's "
                       "most fields)", (size_t)READER_MAX_FIELDS);
}

/* A column by name or number, or in a statistics file also by its variable label. */
static size_t find_named(const survey *s, const char *spec, const reader_field *f, size_t n)
{
    size_t c = find_column(spec, f, n);
    return c == NO_COLUMN && s->alias ? find_column(spec, s->alias, n) : c;
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
        names[k++] = o->group[i];
    if (ok && o->period)
        names[k++] = "period";
    for (size_t i = 0; ok && i < shown; i++) {
        if (o->nshow) {
            names[k++] = o->show[i];
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
    for (size_t i = 0; i < o->nwhere; i++)
        if (resolve_role(s, o->where[i].column, "--where", f, n, &s->where_col[i]))
            return 1;
    return 0;
}

static int resolve_roles(survey *s, const reader_field *f, size_t n)
{
    const run_plan *o = s->plan;
    for (size_t i = 0; i < o->ngroup; i++)
        if (resolve_role(s, o->group[i], "--group", f, n, &s->group_col[i]))
            return 1;
    const char *spec[ROLE_COUNT] = {o->period, o->weight, o->compare};
    static const char *const option[ROLE_COUNT] = {"--period", "--weight", "--compare"};
    for (int r = 0; r < ROLE_COUNT; r++) {
        s->role_col[r] = NO_COLUMN;
        if (spec[r] && resolve_role(s, spec[r], option[r], f, n, &s->role_col[r]))
            return 1;
    }
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
        return s->list && i < o->nwhere ? s->where_col[i] : NO_COLUMN;
    i -= MAX_WHERE;
    return s->list && i < s->nshow ? s->show_col[i] : NO_COLUMN;
}

/* Names and keys are printed back: they must be text.  Answers need not be (they are invalid). */
static int not_utf8(survey *s, uint64_t line, size_t col)
{
    say(s, diag_at, (diag_place){s->file, line, 0}, "column %zu is not UTF-8 text; name the file's encoding, "
                    "e.g. --encoding=cp1251", col + 1);
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
 * The record's group, or NULL when it belongs to none: with --period a date
 * that is not a date (noted), with --compare a value that is neither.
 */
static group *record_group(survey *s, const reader_field *f, size_t n, uint64_t line)
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
            return NULL;
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
            return NULL;
        }
        if (!(strlen(o->compare_value[0]) == len && memcmp(p, o->compare_value[0], len) == 0) &&
            !(strlen(o->compare_value[1]) == len && memcmp(p, o->compare_value[1], len) == 0)) {
            s->compare_other++;
            return NULL;
        }
        ok = ok && key_add(&s->key, p, len);
    }
    if (o->period) {
        const reader_field *d = field_at(f, n, s->role_col[ROLE_PERIOD]);
        cx_date date;
        cx_status st = d ? cx_date_parse(d->ptr, d->len, &date) : CX_BLANK;
        if (st != CX_OK) {
            char msg[256], q[120];
            s->period_invalid++;
            text_quote(q, sizeof q, d ? d->ptr : "", d ? d->len : 0);
            if (st == CX_BLANK)
                snprintf(msg, sizeof msg, "column %zu (period): no date",
                         s->role_col[ROLE_PERIOD] + 1);
            else
                snprintf(msg, sizeof msg, "column %zu (period): %s is not a date",
                         s->role_col[ROLE_PERIOD] + 1, q);
            note(s, line, msg);
            return NULL;
        }
        char b[PERIOD_KEY_BYTES];
        period_encode(cx_period_of(date, o->every), b);
        ok = ok && key_add(&s->key, b, sizeof b);
    }
    group *g = NULL;
    groups_status st = ok ? groups_get(&s->groups, s->key.buf, s->key.len, &g) : GROUPS_ENOMEM;
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

/* An answer that is not a number: a label of the --labels file, or a word counted. */
static cx_status word_answer(survey *s, cx_metric m, const reader_field *a, int *score)
{
    const char *p = a->ptr;
    size_t len = a->len;
    text_trim(&p, &len);
    if (s->labels[m] && labels_find(s->labels[m], p, len, score))
        return *score >= s->scale[m].lo && *score <= s->scale[m].hi ? CX_OK : CX_ERANGE;
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
    if (d && cx_date_parse(d->ptr, d->len, &date) == CX_OK)
        cx_period_label(cx_period_of(date, s->plan->every), s->plan->every, buf, size);
}

static bool where_holds(const survey *s, const reader_field *f, size_t n, const char *label)
{
    const run_plan *o = s->plan;
    for (size_t i = 0; i < o->nwhere; i++) {
        const char *v = "";
        size_t len = 0;
        if (o->period && s->where_col[i] == s->role_col[ROLE_PERIOD]) {
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
        const char *want = o->where[i].value;
        size_t wlen = strlen(want);
        text_trim(&want, &wlen);
        if (wlen != len || memcmp(v, want, len) != 0)
            return false;
    }
    return true;
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
    if (rank < 0 || !where_holds(s, f, n, label))
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

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    survey *s = ctx;
    line += s->line_base;
    s->records++;
    if (n > s->widest)
        s->widest = n;
    if (s->fields == 0)
        s->fields = n;
    if (n != s->fields) {
        char msg[256];
        s->malformed++;
        snprintf(msg, sizeof msg, "record has %zu field%s, expected %zu", n,
                 n == 1 ? "" : "s", s->fields);
        note(s, line, msg);
    }
    uint64_t units = 0;
    int list_score = -1;
    bool weighted = survey_weighted(s), weight_ok = !weighted || record_weight(s, f, n, line, &units);
    group *g = plan_grouped(s->plan) && !s->list ? record_group(s, f, n, line) : NULL;
    if (s->exit_code)
        return 1;
    cx_whist *gw = g ? groups_whist(&s->groups, g) : NULL;
    if (g)
        g->records++;
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        if (!s->active[m])
            continue;
        const reader_field *a = field_at(f, n, s->col[m]);
        int score = 0;
        /* a missing field was noted with its malformed record */
        cx_status st = a ? cx_score_parse(&s->scale[m], a->ptr, a->len, &score) : CX_ENOTNUM;
        if (st == CX_ENOTNUM && a)
            st = word_answer(s, (cx_metric)m, a, &score);
        if (a && st != CX_OK && st != CX_BLANK)
            note_answer(s, line, (cx_metric)m, s->col[m], a, st);
        if (s->exit_code)
            return 1;
        /* an answer whose weight is missing cannot be used: it counts as invalid */
        if (!weight_ok && st == CX_OK)
            st = CX_EINVAL;
        bool ok = count_answer(&s->hist[m], weighted ? &s->whist[m] : NULL, &s->scale[m], st,
                               score, units);
        if (ok && g)
            ok = count_answer(&g->hist[m], gw ? gw + m : NULL, &s->scale[m], st, score, units);
        if (!ok) {
            say(s, diag_at, (diag_place){s->file, line, 0}, "%s",
                    cx_strerror(CX_EOVERFLOW));
            s->exit_code = EXIT_DATA;
            return 1;
        }
        if (s->list && m == (int)metric_of_list(s->plan->list) && st == CX_OK)
            list_score = score;
    }
    if (s->list && list_score >= 0)
        return list_record(s, f, n, line, list_score);
    return 0;
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
    case READER_EXLSX:
        say(s, diag_at, (diag_place){s->file, 0, 0}, "an Excel workbook (XLSX), not CSV: save it as CSV, or "
                        "convert it with 'xlsx2csv %s' or 'ssconvert %s out.csv'", s->file, s->file);
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
    memcpy(w->col, s->col, sizeof w->col);
    memcpy(w->group_col, s->group_col, sizeof w->group_col);
    memcpy(w->role_col, s->role_col, sizeof w->role_col);
    w->fields = s->fields;
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

static void part_free(void *part)
{
    survey *w = part;
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
    s->weight_invalid += w->weight_invalid;
    s->period_invalid += w->period_invalid;
    s->compare_other += w->compare_other;
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
                        .progress = on_progress};
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
                           .progress = on_progress};
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


int survey_open_input(survey *s, const char *name, reader_callbacks *cb)
{
    if (!survey_add_input(s, name)) {
        say(s, diag_error, "out of memory");
        return EXIT_DATA;
    }
    s->file = s->inputs[s->ninputs - 1]; /* a note keeps it: it must live as long as s */
    s->fields = s->widest = 0;
    *cb = (reader_callbacks){.ctx = s, .header = on_header, .record = on_record,
                             .progress = on_progress};
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
    int fd = fileno(fp), rc = EXIT_OK;
    struct stat before; /* taken before the first byte is read, to see changes */
    bool watched = fstat(fd, &before) == 0 && S_ISREG(before.st_mode);
    unsigned char sig[FORMAT_SIG_MAX];
    bool regular;
    size_t nsig = peek(fp, sig, &regular);
    const input_format *fmt = format_find(sig, nsig);
    if (fmt)
        return read_format(s, fp, fmt, regular, sig, nsig, &cfg, &cb);
    if (!regular) { /* the bytes taken go first */
        cfg.prefix = sig;
        cfg.prefix_len = nsig;
    }
    reader_result r;
    uint64_t start = 0, size = 0;
    unsigned jobs = jobs_for(s, fd, &start, &size);
    /* with threads: read the header (and what must come before any chunk) here first */
    cfg.stop = jobs > 1;
    cfg.stop_records = o->header ? 0 : 1; /* without a header, the first record sets the width */
    progress_start(&s->progress, fp, name, o->quiet);
    reader_read(fp, &cfg, &cb, &r);
    if (r.status == READER_OK && r.stopped)
        rc = read_rest(s, fd, start + r.end, size, jobs, r.lines, r.delim);
    progress_end(&s->progress);
    took_over(s, &r);
    rc = rc != EXIT_OK ? rc : report_reader_error(s, &r);
    if (rc == EXIT_OK && watched)
        rc = check_unchanged(s, fd, &before);
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

void survey_warn(const survey *s)
{
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

void survey_free(survey *s)
{
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
    s->want = NULL;
    s->key.buf = NULL;
}
