/* warnings.c - after the reading: the notes and counts of problems, and the checks of
 * --where, --compare and --period values that no record had. */
#include "survey_int.h"

#include <string.h>
#include "metrics.h"
#include "text.h"

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
        diag_at(s->err, survey_note_place(buf, sizeof buf, n->file, n->sheet, n->line, n->col), "%s",
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
