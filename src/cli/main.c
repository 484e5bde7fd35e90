/* main.c - cxstat: parse options, read every input, report, check requirements, exit. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "bandfile.h"
#include "options.h"
#include "report.h"
#include "state.h"
#include "survey.h"

static int64_t pow10_of(unsigned n)
{
    int64_t p = 1;
    while (n--)
        p *= 10;
    return p;
}

/* One row's checks; @return false if any failed (each reported). */
static bool row_requirements(const report *r, const report_row *row, FILE *err)
{
    const options *o = r->opt;
    bool ok = true;
    char name[512] = "";
    if (row != &r->total)
        report_row_name(r, row, name, sizeof name);
    for (size_t i = 0; i < o->nrequire; i++) {
        const require_check *c = &o->require[i];
        const metric_view *v = report_view(row, c->metric);
        const shown *f = v ? report_figure(v, c->fig) : NULL;
        if (f && require_holds(c, f->defined, f->scaled, f->prec))
            continue;
        fprintf(err, "cxstat: requirement failed: %s%s%s ", c->text, row != &r->total ? " for " : "",
                name);
        if (f && f->defined) {
            char buf[32];
            fprintf(err, "(%s is %s)\n", require_figure_name(c->metric, c->fig),
                    report_format(f, buf, sizeof buf));
        } else {
            fprintf(err, "(%s has no value: no valid answers)\n",
                    require_figure_name(c->metric, c->fig));
        }
        ok = false;
    }
    return ok;
}

/* Every check on the total and on every group shown; @return EXIT_REQUIRE if any failed. */
static int check_requirements(const report *r, FILE *err)
{
    bool ok = true;
    for (size_t i = 0; i < r->nrows; i++) {
        if (r->opt->compare) {
            ok = row_requirements(r, &r->cmp_row[i], err) && ok;
            continue;
        }
        report_row row;
        report_row_at(r, i, &row);
        ok = row_requirements(r, &row, err) && ok;
    }
    ok = row_requirements(r, &r->total, err) && ok;
    return ok ? EXIT_OK : EXIT_REQUIRE;
}

/* What the report's figures need said beside them: wide margins, hidden groups, low rates. */
static void report_warnings(const report *r, FILE *err)
{
    const options *o = r->opt;
    if (o->quiet)
        return;
    if (r->wide)
        fprintf(err, "cxstat: warning: %zu row%s with a margin of error above 10 points: "
                     "too few responses for a precise figure\n",
                r->wide, r->wide == 1 ? "" : "s");
    if (r->hidden)
        fprintf(err, "cxstat: warning: %zu group%s with fewer than %llu records hidden "
                     "(counted in the total)\n",
                r->hidden, r->hidden == 1 ? "" : "s", (unsigned long long)o->min_n);
    if (o->compare && r->s->compare_other)
        fprintf(err, "cxstat: warning: %llu record%s in neither compared segment (counted in "
                     "the total)\n",
                (unsigned long long)r->s->compare_other, r->s->compare_other == 1 ? "" : "s");
    /* The documents warn that a few percent answering says little about the silent rest. */
    if (o->population && r->response_rate.defined &&
        r->response_rate.scaled < 10 * (int64_t)pow10_of(o->precision)) {
        char buf[32];
        fprintf(err, "cxstat: warning: response rate %s%% of %llu: the answers may not speak "
                     "for the customers who did not answer\n",
                report_format(&r->response_rate, buf, sizeof buf),
                (unsigned long long)o->population);
    }
}

static void write_report(const report *r, FILE *out)
{
    switch (r->opt->format) {
    case FMT_TEXT: report_text(r, out); break;
    case FMT_CSV: report_table(r, out, ','); break;
    case FMT_TSV: report_table(r, out, '\t'); break;
    case FMT_JSON: report_json(r, out); break;
    case FMT_STATE: state_write(r->s, out); break;
    }
}

/* A failed write to stdout is an error: a report cut short must not exit 0. */
static int close_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "cxstat: write error: %s\n", strerror(errno));
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* --list: read every input into the follow-up list, then write it. */
static int run_list(const options *o, survey *s)
{
    followup list;
    memset(&list, 0, sizeof list);
    survey_set_list(s, &list);
    int rc = EXIT_OK;
    for (size_t i = 0; rc == EXIT_OK && i < o->nfiles; i++)
        rc = survey_read(s, o->files[i]);
    if (rc == EXIT_OK) {
        survey_warn(s);
        if (!followup_write(&list, stdout, o->format)) {
            fprintf(stderr, "cxstat: cannot read the list back from its temporary file\n");
            rc = EXIT_DATA;
        } else {
            rc = close_stdout();
        }
    }
    followup_free(&list);
    return rc;
}

/* The inputs: data files, or with merge the state files and the options they carry. */
static int read_inputs(survey *s, options *o, state_config *cfg)
{
    int rc = EXIT_OK;
    for (size_t i = 0; rc == EXIT_OK && i < o->nfiles; i++)
        rc = o->merge ? state_merge(s, o, cfg, o->files[i]) : survey_read(s, o->files[i]);
    for (int m = 0; rc == EXIT_OK && o->merge && m < CX_METRIC_COUNT; m++)
        if (o->wanted[m] && !s->active[m]) {
            fprintf(stderr, "cxstat: --require reads %s, but the state files have no %s\n",
                    cx_metric_name((cx_metric)m), cx_metric_name((cx_metric)m));
            rc = EXIT_USAGE;
        }
    return rc;
}

static int run(options *o)
{
    survey s;
    band_choice bc;
    state_config cfg = {0};
    memset(&bc, 0, sizeof bc);
    int rc = survey_init(&s, o, stderr);
    if (rc == EXIT_OK && o->list) {
        rc = run_list(o, &s);
        survey_free(&s);
        return rc;
    }
    /* band files are checked against the scales, which merge learns from its states */
    if (rc == EXIT_OK && !o->merge)
        rc = bands_choose(&bc, o->bands, s.scale, stderr);
    if (rc == EXIT_OK)
        rc = read_inputs(&s, o, &cfg);
    if (rc == EXIT_OK && o->merge)
        rc = bands_choose(&bc, o->bands, s.scale, stderr);
    if (rc == EXIT_OK) {
        report r;
        survey_warn(&s);
        rc = report_build(&r, o, &s, &bc);
        if (rc == EXIT_OK) {
            if (o->format != FMT_STATE) /* a state is no report: its figures come later */
                report_warnings(&r, stderr);
            write_report(&r, stdout);
            rc = close_stdout();
        } else {
            fprintf(stderr, "cxstat: out of memory\n");
        }
        if (rc == EXIT_OK)
            rc = check_requirements(&r, stderr);
        report_free(&r);
    }
    bands_free(&bc);
    survey_free(&s);
    state_config_free(&cfg);
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    /* A reader that closed the pipe ends us quietly, as a filter should, even if
     * the parent ignored SIGPIPE (then a write would fail with EPIPE instead). */
    signal(SIGPIPE, SIG_DFL);
    switch (options_parse(argc, argv, &o, stdout, stderr)) {
    case OPT_DONE: return close_stdout();
    case OPT_USAGE: return EXIT_USAGE;
    case OPT_RUN: break;
    }
    return run(&o);
}
