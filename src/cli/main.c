/* main.c - cxstat: parse options, read every input, report, check requirements, exit. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bandfile.h"
#include "gate.h"
#include "list_write.h"
#include "options.h"
#include "report.h"
#include "state.h"
#include "state_write.h"
#include "writers.h"
#include "survey.h"

static int64_t pow10_of(unsigned n)
{
    int64_t p = 1;
    while (n--)
        p *= 10;
    return p;
}

/* What the report's figures need said beside them: wide margins, hidden groups, low rates. */
static void report_warnings(const report *r, FILE *err)
{
    const report_style *o = r->style;
    if (r->plan->quiet)
        return;
    if (r->wide)
        diag_warning(err, "%zu row%s with a margin of error above 10 points: "
                     "too few responses for a precise figure",
                r->wide, r->wide == 1 ? "" : "s");
    if (r->hidden)
        diag_warning(err, "%zu group%s with fewer than %llu records hidden "
                     "(counted in the total)",
                r->hidden, r->hidden == 1 ? "" : "s", (unsigned long long)o->min_n);
    if (r->plan->compare && r->s->compare_other)
        diag_warning(err, "%llu record%s in neither compared segment (counted in "
                     "the total)",
                (unsigned long long)r->s->compare_other, r->s->compare_other == 1 ? "" : "s");
    if (o->population && r->s->records > o->population)
        diag_warning(err, "--population=%llu is below the %llu records read: "
                     "the population should hold every respondent",
                (unsigned long long)o->population, (unsigned long long)r->s->records);
    /* The documents warn that a few percent answering says little about the silent rest. */
    if (o->population && r->response_rate.defined &&
        r->response_rate.scaled < 10 * (int64_t)pow10_of(o->precision)) {
        char buf[32];
        diag_warning(err, "response rate %s%% of %llu: the answers may not speak "
                     "for the customers who did not answer",
                report_format(&r->response_rate, buf, sizeof buf),
                (unsigned long long)o->population);
    }
}

/* A failed write to stdout is an error: a report cut short must not exit 0. */
static int close_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        diag_error(stderr, "write error: %s", strerror(errno));
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* --require beside --list: the checks read the report the run counted but did not write. */
static int list_gate(const options *o, const survey *s)
{
    band_choice bc;
    report r;
    memset(&bc, 0, sizeof bc);
    int rc = bands_choose(&bc, o->bands, s->scale, stderr);
    if (rc == EXIT_OK) {
        rc = report_build(&r, &o->plan, &o->style, s, &bc);
        if (rc == EXIT_OK)
            rc = gate_check(o, &r, stderr);
        else
            diag_error(stderr, "out of memory");
        report_free(&r);
    }
    bands_free(&bc);
    return rc;
}

/* --list: read every input into the follow-up list, then write it (and check --require). */
static int run_list(const options *o, survey *s)
{
    followup list;
    memset(&list, 0, sizeof list);
    survey_set_list(s, &list);
    int rc = EXIT_OK;
    for (size_t i = 0; rc == EXIT_OK && i < o->nfiles; i++)
        rc = survey_read(s, o->files[i]);
    if (rc == EXIT_OK)
        rc = survey_check_values(s);
    if (rc == EXIT_OK) {
        survey_warn(s);
        if (!list_write(&list, stdout, &o->style)) {
            diag_error(stderr, "cannot read the list back from its temporary file");
            rc = EXIT_DATA;
        } else {
            rc = close_stdout();
        }
    }
    if (rc == EXIT_OK && o->nrequire)
        rc = list_gate(o, s);
    followup_free(&list);
    return rc;
}

/* The inputs: data files, or with merge the state files, which fill the plan's data part. */
static int read_inputs(const options *o, survey *s, run_plan *run, state_config *cfg)
{
    int rc = EXIT_OK;
    for (size_t i = 0; rc == EXIT_OK && i < o->nfiles; i++)
        rc = o->merge ? state_merge(s, run, cfg, o->files[i]) : survey_read(s, o->files[i]);
    for (int m = 0; rc == EXIT_OK && o->merge && m < CX_METRIC_COUNT; m++)
        if (run->wanted[m] && !s->active[m]) {
            diag_error(stderr, "--require reads %s, but the state files have no %s",
                       cx_metric_name((cx_metric)m), cx_metric_name((cx_metric)m));
            rc = EXIT_USAGE;
        }
    if (rc == EXIT_OK && o->merge && o->style.adjust == ADJUST_HOLM && !run->period) {
        diag_error(stderr, "--adjust=holm goes with --period, and the state files have none");
        rc = EXIT_USAGE;
    }
    return rc;
}

/* Figures, then the report in its format, its warnings, and the --require checks. */
static int write_report(const options *o, const survey *s, const run_plan *run,
                        const band_choice *bc)
{
    if (o->style.format == FMT_STATE) {
        /* a state is counts, no figures: nothing of the report is computed */
        state_write(s, stdout);
        return close_stdout();
    }
    report r;
    int rc = report_build(&r, run, &o->style, s, bc);
    if (rc != EXIT_OK) {
        diag_error(stderr, "out of memory");
        return rc;
    }
    if (o->style.format != FMT_STATE) /* a state is no report: its figures come later */
        report_warnings(&r, stderr);
    report_writer_of(o->style.format)->write(&r, stdout);
    rc = close_stdout();
    if (rc == EXIT_OK)
        rc = gate_check(o, &r, stderr);
    report_free(&r);
    return rc;
}

static int run(const options *o)
{
    survey s;
    band_choice bc;
    state_config cfg = {0};
    run_plan run = o->plan; /* a merge fills its data part from the states */
    memset(&bc, 0, sizeof bc);
    int rc = survey_init(&s, &run, stderr);
    if (rc == EXIT_OK && o->list_sheets) { /* the sheets of each workbook, no report */
        for (size_t i = 0; rc == EXIT_OK && i < o->nfiles; i++)
            rc = survey_list_sheets(&s, o->files[i], stdout);
        survey_free(&s);
        return rc == EXIT_OK ? close_stdout() : rc;
    }
    if (rc == EXIT_OK && run.list) {
        rc = run_list(o, &s);
        survey_free(&s);
        return rc;
    }
    /* band files are checked against the scales, which merge learns from its states */
    if (rc == EXIT_OK && !o->merge)
        rc = bands_choose(&bc, o->bands, s.scale, stderr);
    if (rc == EXIT_OK)
        rc = read_inputs(o, &s, &run, &cfg);
    if (rc == EXIT_OK && o->merge)
        rc = bands_choose(&bc, o->bands, s.scale, stderr);
    if (rc == EXIT_OK && !o->merge)
        rc = survey_finish(&s);
    if (rc == EXIT_OK && !o->merge)
        rc = survey_check_values(&s);
    if (rc == EXIT_OK)
        rc = survey_check_dates(&s);
    if (rc == EXIT_OK) {
        survey_warn(&s);
        rc = write_report(o, &s, &run, &bc);
    }
    bands_free(&bc);
    survey_free(&s);
    state_config_free(&cfg);
    return rc;
}

/*
 * Descriptors 0-2 closed by the caller would be handed to the next file
 * opened (an input, a temporary file of --list) and the report written into
 * it.  Each is taken by /dev/null opened for reading only: a read sees an
 * empty input, a write fails (EBADF), so a closed standard output is still
 * an error, not a report written nowhere.  @return false if one cannot be.
 */
static bool standard_fds_open(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int got = open("/dev/null", O_RDONLY);
        if (got != fd) {
            if (got >= 0)
                close(got);
            return false;
        }
    }
    return true;
}

int main(int argc, char **argv)
{
    options o;
    if (!standard_fds_open())
        return EXIT_DATA;
    /* A reader that closed the pipe ends us quietly, as a filter should, even if
     * the parent ignored SIGPIPE (then a write would fail with EPIPE instead). */
    signal(SIGPIPE, SIG_DFL);
    /* Group tables and the parts of a threaded reading are large and short-lived: a
     * fixed threshold keeps them mapped on their own and given back when freed
     * (glibc would raise it to 32 MiB after the first such free, and keep freed
     * parts in each thread's arena), and lets a growing table move by mremap. */
    mallopt(M_MMAP_THRESHOLD, 128 << 10);
    /* Threads allocate only per chunk, never per record: an arena per processor is
     * enough, and one per thread would keep each thread's freed parts resident. */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, cores < 1 ? 1 : cores > 64 ? 64 : (int)cores);
    switch (options_parse(argc, argv, &o, stdout, stderr)) {
    case OPT_DONE: return close_stdout();
    case OPT_USAGE: return EXIT_USAGE;
    case OPT_RUN: break;
    }
    return run(&o);
}
