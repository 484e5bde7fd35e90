/* main.c - cxstat: parse options, read every input, report, check requirements, exit. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bandfile.h"
#include "options.h"
#include "report.h"
#include "survey.h"

/* Report each failed --require check; @return EXIT_REQUIRE if any failed. */
static int check_requirements(const report *r, const options *o, FILE *err)
{
    int rc = EXIT_OK;
    for (size_t i = 0; i < o->nrequire; i++) {
        const require_check *c = &o->require[i];
        const metric_view *v = NULL;
        for (size_t j = 0; j < r->count; j++)
            if (r->view[j].metric == c->metric)
                v = &r->view[j];
        const shown *f = v ? report_figure(v, c->fig) : NULL;
        if (f && require_holds(c, f->defined, f->scaled, f->prec))
            continue;
        char buf[32];
        if (f && f->defined)
            fprintf(err, "cxstat: requirement failed: %s (%s is %s)\n", c->text,
                    require_figure_name(c->metric, c->fig), report_format(f, buf, sizeof buf));
        else
            fprintf(err, "cxstat: requirement failed: %s (%s has no value: no valid answers)\n",
                    c->text, require_figure_name(c->metric, c->fig));
        rc = EXIT_REQUIRE;
    }
    return rc;
}

static void write_report(const report *r, FILE *out)
{
    switch (r->opt->format) {
    case FMT_TEXT: report_text(r, out); break;
    case FMT_CSV: report_table(r, out, ','); break;
    case FMT_TSV: report_table(r, out, '\t'); break;
    case FMT_JSON: report_json(r, out); break;
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

static int run(const options *o)
{
    survey s;
    band_choice bc;
    int rc = survey_init(&s, o, stderr);
    if (rc == EXIT_OK)
        rc = bands_choose(&bc, o->bands, s.scale, stderr);
    else
        memset(&bc, 0, sizeof bc);
    for (size_t i = 0; rc == EXIT_OK && i < o->nfiles; i++)
        rc = survey_read(&s, o->files[i]);
    if (rc == EXIT_OK) {
        report r;
        survey_warn(&s);
        report_build(&r, o, &s, &bc);
        write_report(&r, stdout);
        rc = close_stdout();
        if (rc == EXIT_OK)
            rc = check_requirements(&r, o, stderr);
    }
    bands_free(&bc);
    survey_free(&s);
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    switch (options_parse(argc, argv, &o, stdout, stderr)) {
    case OPT_DONE: return close_stdout();
    case OPT_USAGE: return EXIT_USAGE;
    case OPT_RUN: break;
    }
    return run(&o);
}
