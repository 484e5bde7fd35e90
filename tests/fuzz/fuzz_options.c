/*
 * fuzz_options.c - options_parse() on an argv made of the input: the bytes
 * are split at NUL bytes into at most 32 arguments after "cxstat", each a
 * writable copy (options_parse() splits -g and --compare values in place).
 * Help and messages go to /dev/null.  A command line it accepts must give
 * options the rest of the program can use: survey_init() succeeds on them
 * (unless they name --labels files, which are not opened here), and built-in
 * band sets resolve.
 */
#include <stdlib.h>
#include <string.h>

#include "bandfile.h"
#include "fuzz.h"
#include "options.h"
#include "survey.h"

#define MAX_ARGS 32

static void check_options(const options *o, int argc, char **argv)
{
    FUZZ_CHECK(o->nfiles >= 1 && o->files != NULL);
    for (size_t i = 0; i < o->nfiles; i++)
        FUZZ_CHECK(o->files[i] != NULL);
    if (o->files != NULL && o->nfiles > 0 && strcmp(o->files[0], "-") != 0)
        FUZZ_CHECK(o->files >= argv + 1 && o->files + o->nfiles == argv + argc);
    FUZZ_CHECK(o->plan.delim == 0 || o->plan.delim == ',' || o->plan.delim == ';' || o->plan.delim == '\t' ||
               o->plan.delim == '|');
    FUZZ_CHECK(o->plan.csat_hi == 3 || o->plan.csat_hi == 5 || o->plan.csat_hi == 7 || o->plan.csat_hi == 10);
    FUZZ_CHECK(o->plan.csat_satisfied == 0 ||
               (o->plan.csat_satisfied >= 2 && o->plan.csat_satisfied <= o->plan.csat_hi));
    FUZZ_CHECK(o->plan.ces_hi == 5 || o->plan.ces_hi == 7 || o->plan.ces_hi == 10);
    FUZZ_CHECK(o->style.precision <= CX_MAX_PRECISION - 1);
    FUZZ_CHECK(o->nrequire <= MAX_REQUIRE);
    FUZZ_CHECK(o->plan.ngroup <= MAX_GROUP_COLUMNS);
    FUZZ_CHECK(o->style.confidence >= 0.5 && o->style.confidence <= 0.999);
    FUZZ_CHECK((unsigned)o->plan.every < CX_EVERY_COUNT);
    for (size_t i = 0; i < o->plan.ngroup; i++)
        FUZZ_CHECK(o->plan.group[i] != NULL && o->plan.group[i][0] != '\0');
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        FUZZ_CHECK(o->plan.column[m] == NULL || (o->plan.column[m][0] != '\0' && o->plan.wanted[m]));
    for (size_t i = 0; i < o->nrequire; i++)
        FUZZ_CHECK(o->plan.wanted[o->require[i].metric]);
    if (o->plan.compare)
        FUZZ_CHECK(o->plan.ngroup == 0 && o->plan.period == NULL && o->plan.compare_value[0] &&
                   o->plan.compare_value[1] && o->plan.compare_value[0][0] && o->plan.compare_value[1][0]);
    /* --where values are unquoted in place: within the argument, none carries a quote pair */
    FUZZ_CHECK(o->plan.nwhere <= MAX_WHERE);
    for (size_t i = 0; i < o->plan.nwhere; i++) {
        FUZZ_CHECK(o->plan.where[i].column && o->plan.where[i].column[0] != '\0');
        FUZZ_CHECK(o->plan.where[i].nvalues >= 1 && o->plan.where[i].nvalues <= MAX_WHERE_VALUES);
        for (size_t k = 0; k < o->plan.where[i].nvalues; k++)
            FUZZ_CHECK(o->plan.where[i].value[k] != NULL);
    }
    /* a check on a period's change or the last period needs --period */
    for (size_t i = 0; i < o->nrequire; i++)
        if (o->require[i].scope == SCOPE_LAST)
            FUZZ_CHECK(o->plan.period != NULL);

    /* survey_init() loads --labels files: only without them (a name could be anything). */
    bool labels = false;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        labels = labels || o->plan.labels[m] != NULL;
    if (!labels) {
        survey s;
        FUZZ_CHECK(survey_init(&s, &o->plan, fuzz_devnull()) == EXIT_OK);
        survey_free(&s);
    }

    /* Band sets: only when all are built-in or "none" (a file name could be anything). */
    bool builtin = true;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (o->bands[m] && strcmp(o->bands[m], "none") != 0 && !cx_bandset_builtin(o->bands[m]))
            builtin = false;
    if (builtin) {
        cx_scale sc[CX_METRIC_COUNT];
        cx_scale_nps(&sc[CX_NPS]);
        FUZZ_CHECK(cx_scale_csat(&sc[CX_CSAT], o->plan.csat_hi, o->plan.csat_satisfied) == CX_OK);
        FUZZ_CHECK(cx_scale_ces(&sc[CX_CES], o->plan.ces_hi, o->plan.ces_direction) == CX_OK);
        cx_scale_level(&sc[CX_LEVEL]);
        band_choice bc;
        int rc = bands_choose(&bc, o->bands, sc, fuzz_devnull());
        FUZZ_CHECK(rc == EXIT_OK || rc == EXIT_USAGE);
        bands_free(&bc);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = strdup("cxstat");
    const uint8_t *p = data, *end = data + size;
    while (p < end && argc < MAX_ARGS + 1) {
        const uint8_t *nul = memchr(p, '\0', (size_t)(end - p));
        size_t len = nul ? (size_t)(nul - p) : (size_t)(end - p);
        char *arg = malloc(len + 1);
        FUZZ_CHECK(arg != NULL);
        memcpy(arg, p, len);
        arg[len] = '\0';
        argv[argc++] = arg;
        p += len + 1;
    }
    argv[argc] = NULL;
    FUZZ_CHECK(argv[0] != NULL);

    /* getopt permutes argv: free what was allocated, in whatever order it ends. */
    char *owned[MAX_ARGS + 1];
    memcpy(owned, argv, (size_t)argc * sizeof *argv);

    options o;
    FILE *null = fuzz_devnull();
    fuzz_getopt_reset();
    opt_result r = options_parse(argc, argv, &o, null, null);
    FUZZ_CHECK(r == OPT_RUN || r == OPT_DONE || r == OPT_USAGE);
    if (r == OPT_RUN)
        check_options(&o, argc, argv);
    fuzz_getopt_reset();

    for (int i = 0; i < argc; i++)
        free(owned[i]);
    return 0;
}
