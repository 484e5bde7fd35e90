/* survey.c - one run over the inputs: setting up, the notes kept for the warnings, the
 * end of the reading (--latest-by, --window), and freeing. */
#include "survey_int.h"

#include <stdlib.h>
#include <string.h>
#include "metrics.h"

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
        } else {
            score_table_make(&s->scores[m], &s->scale[m]);
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

/* Where a note points: "file:12", or in a workbook "file:Sheet1!C12" (its row: "Sheet1!12"),
 * which is written into buf. */
diag_place survey_note_place(char *buf, size_t size, const char *file, const char *sheet,
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
void survey_note_at(survey *s, uint64_t line, size_t col, const char *text)
{
    s->problems++;
    if (s->plan->strict) {
        char buf[512];
        say(s, diag_at, survey_note_place(buf, sizeof buf, s->file, s->sheet, line, col), "%s", text);
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

void survey_note_line(survey *s, uint64_t line, const char *text)
{
    survey_note_at(s, line, SIZE_MAX, text);
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
    groups_init_like(&nt, t);
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
            ok = !src || groups_merge(&nt, d, t, src) == GROUPS_OK;
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
        group *g = a.nogroup == LATEST_GROUP ? survey_key_group(s, a.key, a.key_len, 0) : NULL;
        if (s->exit_code || survey_count_record(s, g, st, score, a.units, 0))
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

bool survey_add_input(survey *s, const char *name)
{
    char **in = realloc(s->inputs, (s->ninputs + 1) * sizeof *in);
    if (!in)
        return false;
    s->inputs = in;
    return (s->inputs[s->ninputs] = strdup(name)) != NULL && ++s->ninputs;
}

void survey_free(survey *s)
{
    survey_free_values(s);
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

int survey_fail(survey *s, int code)
{
    s->exit_code = code;
    return 1;
}
