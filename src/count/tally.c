/* tally.c - one record into the counts: its weight, group key, answers, filters, the
 * follow-up list and --latest-by. */
#include "survey_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "metrics.h"
#include "spill.h"
#include "text.h"

static const char *invalid_reason(cx_status st)
{
    switch (st) {
    case CX_ESIGN: return "has a sign";
    case CX_EFRACTION: return "is not a whole number";
    case CX_ERANGE: return "is outside";
    default: return "is not a score";
    }
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
    survey_note_line(s, line, msg);
    return false;
}

/*
 * The -g parts of an encoded key are text (its first ngroup parts): @return
 * true, or false with the first column that is not said (exit_code set).
 */
static bool key_text(survey *s, const char *key, size_t len, uint64_t line)
{
    size_t pos = 0, plen;
    const char *part;
    for (size_t i = 0; i < s->plan->ngroup && key_next(key, len, &pos, &part, &plen); i++)
        if (!text_utf8_valid(part, plen)) {
            survey_not_utf8(s, line, s->group_col[i]);
            return false;
        }
    return true;
}

/*
 * Build the record's group key in s->key: @return 1; 0 when it belongs to
 * none (*why says why: with --period a date that is not a date, noted; with
 * --compare a value that is neither); -1 on an error (said, exit_code set).
 * *day is the date's day number with --period.  With defer (and no
 * --compare) the -g parts of a key returned are not checked for UTF-8: the
 * caller checks a key once, when it becomes a group (key_text()).
 */
static int record_key(survey *s, const reader_field *f, size_t n, uint64_t line, uint8_t *why,
                      int64_t *day, bool defer)
{
    const run_plan *o = s->plan;
    s->key.len = 0;
    bool ok = true;
    defer = defer && !o->compare;
    for (size_t i = 0; i < o->ngroup; i++) {
        const reader_field *g = field_at(f, n, s->group_col[i]);
        const char *p = g ? g->ptr : "";
        size_t len = g ? g->len : 0;
        text_trim(&p, &len); /* " A " quoted is the A it is unquoted, as with --compare */
        if (!defer && !text_utf8_valid(p, len)) {
            survey_not_utf8(s, line, s->group_col[i]);
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
            survey_not_utf8(s, line, s->role_col[ROLE_COMPARE]);
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
            /* a key that goes to no group is checked now, as one not deferred is */
            if (defer && ok && !key_text(s, s->key.buf, s->key.len, line))
                return -1;
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
            survey_note_line(s, line, msg);
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

/* A record's key and where it is, for admit_key(). */
typedef struct key_at {
    survey *s;
    uint64_t line;
} key_at;

static bool admit_key(void *ctx, const char *key, size_t len)
{
    key_at *k = ctx;
    return key_text(k->s, key, len, k->line);
}

/*
 * The group of an encoded key (created when new), or NULL with the error
 * said.  check: a new key's -g parts are checked for UTF-8 first (keys from
 * record_key() with defer).
 */
static group *key_group(survey *s, const char *key, size_t len, uint64_t line, bool check)
{
    group *g = NULL;
    key_at at = {s, line};
    groups_status st = groups_get_admit(&s->groups, key, len, &g, check ? admit_key : NULL, &at);
    if (st == GROUPS_EREFUSED) /* said by key_text(), exit_code set */
        return NULL;
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

/* The group of an encoded key (created when new), or NULL with the error said. */
group *survey_key_group(survey *s, const char *key, size_t len, uint64_t line)
{
    return key_group(s, key, len, line, false);
}

/*
 * The record's group, or NULL when it belongs to none: with --period a date
 * that is not a date (noted), with --compare a value that is neither.
 */
static group *record_group(survey *s, const reader_field *f, size_t n, uint64_t line)
{
    uint8_t why;
    int64_t day;
    return record_key(s, f, n, line, &why, &day, true) == 1
               ? key_group(s, s->key.buf, s->key.len, line, true)
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
        /* cx_hist_add(h, sc, score, 1) without the call: a valid answer is on the scale */
        unsigned bin = (unsigned)(score - sc->lo);
        if (bin <= (unsigned)(sc->hi - sc->lo))
            h->count[bin]++;
    }
    return true;
}

static void note_answer(survey *s, uint64_t line, cx_metric m, size_t c, const reader_field *f,
                        cx_status st)
{
    if (!s->plan->strict && s->nnotes >= SURVEY_NOTES) { /* counted, not kept: no text needed */
        s->problems++;
        return;
    }
    char msg[256], q[120];
    const cx_scale *sc = &s->scale[m];
    text_quote(q, sizeof q, f->ptr, f->len);
    if (st == CX_ERANGE)
        snprintf(msg, sizeof msg, "column %zu (%s): %s is outside %d-%d", c + 1,
                 cx_metric_name(m), q, sc->lo, sc->hi);
    else
        snprintf(msg, sizeof msg, "column %zu (%s): %s %s", c + 1, cx_metric_name(m), q,
                 invalid_reason(st));
    survey_note_at(s, line, c, msg);
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
    for (size_t i = 0; i < survey_list_groups(o); i++) {
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
        return survey_fail(s, EXIT_DATA);
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
        st[m] = a ? score_read(&s->scores[m], &s->scale[m], a->ptr, a->len, &score[m])
                  : CX_ENOTNUM;
        if (st[m] == CX_ENOTNUM && a)
            st[m] = word_answer(s, (cx_metric)m, a, &score[m]);
        if (a && st[m] != CX_OK && st[m] != CX_BLANK) {
            note_answer(s, line, (cx_metric)m, s->col[m], a, st[m]);
            if (s->exit_code) /* --strict: the note was an error */
                return 1;
        }
        /* an answer whose weight is missing cannot be used: it counts as invalid */
        if (!weight_ok && st[m] == CX_OK)
            st[m] = CX_EINVAL;
    }
    return 0;
}

/* One unweighted answer into a histogram, as count_answer() counts it. */
static inline void count_plain(cx_hist *h, const cx_scale *sc, cx_status st, int score)
{
    unsigned bin = (unsigned)(score - sc->lo);
    if (st == CX_OK) {
        if (bin <= (unsigned)(sc->hi - sc->lo))
            h->count[bin]++;
    } else if (st == CX_BLANK) {
        h->blank++;
    } else {
        h->invalid++;
    }
}

/* Count a record's answers into the total and its group (NULL: none).  @return 1 to stop. */
int survey_count_record(survey *s, group *g, const cx_status st[], const int score[],
                        uint64_t units, uint64_t line)
{
    bool weighted = survey_weighted(s);
    groups_status gs = g ? groups_bump(&s->groups, g, 0) : GROUPS_OK;
    if (!weighted) { /* no weights: nothing can overflow, no call per answer */
        for (int m = 0; m < CX_METRIC_COUNT; m++)
            if (s->active[m]) {
                count_plain(&s->hist[m], &s->scale[m], st[m], score[m]);
                if (g && gs == GROUPS_OK)
                    gs = groups_count_plain(&s->groups, g, (cx_metric)m, st[m],
                                            score[m] - s->scale[m].lo);
            }
    }
    for (int m = 0; m < CX_METRIC_COUNT && weighted && gs == GROUPS_OK; m++) {
        if (!s->active[m])
            continue;
        bool ok = count_answer(&s->hist[m], weighted ? &s->whist[m] : NULL, &s->scale[m], st[m],
                               score[m], units);
        if (!ok)
            gs = GROUPS_EOVERFLOW;
        else if (g)
            gs = groups_count(&s->groups, g, (cx_metric)m, &s->scale[m], st[m], score[m], units);
    }
    if (gs != GROUPS_OK) {
        say(s, diag_at, (diag_place){s->file, line, 0}, "%s",
            gs == GROUPS_ENOMEM ? "out of memory for groups" : cx_strerror(CX_EOVERFLOW));
        s->exit_code = EXIT_DATA;
        return 1;
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
    int has = plan_grouped(s->plan) ? record_key(s, f, n, line, &a.nogroup, &a.when, false) : 0;
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
    return survey_fail(s, EXIT_DATA);
}

int survey_on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
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
        survey_note_line(s, line, msg);
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
        survey_count_record(s, g, st, score, units, line))
        return 1;
    if (!s->list)
        return 0;
    cx_metric lm = metric_of_list(s->plan->list);
    return s->active[lm] && st[lm] == CX_OK ? list_record(s, f, n, line, score[lm]) : 0;
}

/*
 * The last record has no line end.  Short of fields, it is a record cut off
 * while the file was being written (a cron job reading an export in
 * progress): "3,1" of "3,10,fine" would count a 1.  Its answers are not
 * counted; a record with every field is taken as whole.
 */
int survey_on_unended(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    survey *s = ctx;
    if (s->fields == 0 || n >= s->fields)
        return survey_on_record(ctx, f, n, line);
    char msg[256];
    s->cut++;
    snprintf(msg, sizeof msg, "the last record has %zu field%s of %zu and no line end: the "
             "file is cut off (still being written?); its answers are not counted", n,
             n == 1 ? "" : "s", s->fields);
    survey_note_line(s, line + s->line_base, msg);
    return s->exit_code ? 1 : 0;
}
