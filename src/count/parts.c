/* parts.c - a large file on several threads: each chunk counted by a part, the parts
 * joined in file order into one reading's counts. */
#include "survey_int.h"

#include <stdlib.h>
#include <string.h>
#include "parallel.h"

/* A part: a survey that counts one chunk of the file s is reading. */
static void *part_new(void *owner)
{
    const survey *s = owner;
    survey *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->plan = s->plan; /* w->err stays NULL: a part says nothing; its errors are found again */
    memcpy(w->scale, s->scale, sizeof w->scale);
    memcpy(w->scores, s->scores, sizeof w->scores);
    memcpy(w->active, s->active, sizeof w->active);
    memcpy(w->labels, s->labels, sizeof w->labels);
    w->file = s->file;
    w->sheet = s->sheet;
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
    groups_layout(&w->groups, w->active, w->scale);
    return w;
}

void survey_free_values(survey *s)
{
    for (size_t i = 0; i < MAX_WHERE; i++)
        values_free(&s->where_values[i]);
    values_free(&s->compare_values);
}

static void part_free(void *part)
{
    survey *w = part;
    survey_free_values(w);
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
        ok = groups_merge(&s->groups, d, &w->groups, g) == GROUPS_OK;
    }
    if (!ok) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s", cx_strerror(CX_EOVERFLOW));
        s->exit_code = EXIT_DATA;
    }
}

/*
 * Fold one part into s, the parts coming in file order; its records' lines
 * are counted from s->line_base + lines + 1.  @return false, with s
 * untouched, when the result could differ from one reading's: words that
 * cannot be merged exactly, or too many groups (one reading says where);
 * and after an error said.
 */
static bool fold_part(void *owner, const void *part, uint64_t lines)
{
    survey *s = owner;
    const survey *w = part;
    word_count words[CX_METRIC_COUNT][SURVEY_WORDS];
    uint64_t other[CX_METRIC_COUNT];
    memcpy(words, s->words, sizeof words);
    memcpy(other, s->other_words, sizeof other);
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (!merge_words(words[m], &other[m], w->words[m], w->other_words[m]))
            return false;
    if ((uint64_t)s->groups.count + w->groups.count > GROUPS_MAX ||
        (uint64_t)s->groups.keys_len + w->groups.keys_len > GROUPS_KEY_BYTES)
        return false;
    memcpy(s->words, words, sizeof words);
    memcpy(s->other_words, other, sizeof other);
    join_part(s, w, s->line_base + lines);
    return !s->exit_code;
}

/* Two group tables that keep the same counts in the same places. */
static bool same_layout(const group_table *a, const group_table *b)
{
    return a->weighted == b->weighted && a->ncounts == b->ncounts &&
           a->nweights == b->nweights && memcmp(a->off, b->off, sizeof a->off) == 0 &&
           memcmp(a->woff, b->woff, sizeof a->woff) == 0 &&
           memcmp(a->bins, b->bins, sizeof a->bins) == 0;
}

/*
 * Fold a part that is freed next: when s has no group yet, the part's group
 * table becomes s's instead of being copied into it group by group, so that a
 * sheet's groups (xlsx_split.c adds a whole sheet's up in one part) are never
 * held twice.
 */
static bool adopt_part(void *owner, void *part, uint64_t lines)
{
    survey *s = owner, *w = part;
    if (s->groups.count > 0 || w->groups.count == 0 || !same_layout(&s->groups, &w->groups))
        return fold_part(owner, part, lines);
    group_table t = s->groups;
    int before = s->exit_code;
    s->groups = w->groups;
    w->groups = t;
    if (fold_part(owner, part, lines))
        return true;
    if (s->exit_code == before) { /* refused, s untouched: as it was */
        w->groups = s->groups;
        s->groups = t;
    }
    return false;
}

/* The memory a part's groups take. */
static size_t part_bytes(const void *part)
{
    const survey *w = part;
    return groups_bytes(&w->groups);
}

/* The parts that count a workbook's sheet on several threads (xlsx_split.c): a
 * part's records carry the sheet's row numbers, so they are added as they are. */
void survey_part_ops(survey *s, parallel_ops *ops)
{
    *ops = (parallel_ops){.owner = s, .part_new = part_new, .part_free = part_free,
                          .record = survey_on_record, .fold = fold_part,
                          .adopt = adopt_part, .part_bytes = part_bytes};
}

/*
 * Read the rest of the file from byte start (a record boundary after line
 * lines) on up to jobs threads, each chunk's part folded into s as soon as
 * the chunks before it are; from where that cannot give exactly what one
 * reading gives, or a chunk met an error, read on in one piece.
 */
int survey_read_rest(survey *s, int fd, uint64_t start, uint64_t size, unsigned jobs,
                     uint64_t lines, int delim)
{
    reader_config cfg = {.delim = delim, .resume = true};
    parallel_ops ops = {.owner = s, .part_new = part_new, .part_free = part_free,
                        .header = survey_on_resume, .record = survey_on_record,
                        .unended = survey_on_unended, .fold = fold_part,
                        .part_bytes = part_bytes,
                        .progress = survey_on_progress};
    uint64_t at, at_lines;
    s->byte_base = start;
    s->line_base = lines; /* for the folds: s reads no record meanwhile */
    parallel_status st = parallel_read(fd, start, size, jobs, &cfg, &ops, &at, &at_lines);
    s->line_base = s->byte_base = 0;
    if (st == PARALLEL_ENOMEM) {
        say(s, diag_error, "out of memory");
        return EXIT_DATA;
    }
    if (st == PARALLEL_OK || s->exit_code)
        return s->exit_code;
    reader_callbacks cb = {.ctx = s, .header = survey_on_resume, .record = survey_on_record,
                           .unended = survey_on_unended, .progress = survey_on_progress};
    reader_result r;
    s->line_base = lines + at_lines;
    s->byte_base = at;
    reader_read_at(fd, at, &cfg, &cb, &r);
    if (r.line)
        r.line += s->line_base;
    s->line_base = s->byte_base = 0;
    return survey_reader_error(s, &r);
}
