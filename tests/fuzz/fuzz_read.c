/*
 * fuzz_read.c - the whole read-and-score path on arbitrary bytes: options,
 * survey_init(), survey_read_stream() on the bytes through fmemopen(),
 * survey_warn() and survey_free().
 *
 * The first byte picks one of eight fixed command lines (byte % 8, so the
 * seeds start with '0'..'7' and stay readable); the rest is the input file.
 * Messages go to /dev/null.  Nothing may crash, leak or trip a sanitizer.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "options.h"
#include "survey.h"

#define NSETS 8
#define MAXARGS 10

/* The command lines, without argv[0]. */
static const char *const option_sets[NSETS][MAXARGS] = {
    {NULL},                                       /* '0': defaults, warnings printed */
    {"-q", "--strict", NULL},                     /* '1': the first problem stops */
    {"-n", "--nps=1", "--csat=2", NULL},          /* '2': no header, columns by number */
    {"-d", ";", NULL},                            /* '3': Excel's semicolons */
    {"--nps=NPS", "--csat=csat[2]", "--ces=3", "--csat-scale=1-10", "--csat-satisfied=8",
     "--ces-scale=1-5", "--ces-direction=effort", NULL}, /* '4': named, other scales */
    {"--level=level", "--require=nps>=0", "-d", "tab", "--encoding=cp1251", NULL}, /* '5' */
    {"-g", "store,channel", "--sort=nps", "-w", "weight", "--min-n=2", "--skip=1",
     NULL},                                       /* '6': groups, weights, a skipped record */
    {"--period=submitted_at", "--every=week", "--strict", "-d", "|", "--header-row=2",
     NULL},                                       /* '7': periods, a line before the header */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *null = fuzz_devnull();
    unsigned set = size > 0 ? data[0] % NSETS : 0;
    if (size > 0) {
        data++;
        size--;
    }

    /* Writable copies: options_parse() splits -g values in place and getopt permutes argv. */
    char args[MAXARGS + 1][64];
    char *argv[MAXARGS + 2];
    int argc = 0;
    strcpy(args[0], "cxstat");
    argv[argc++] = args[0];
    for (size_t i = 0; i < MAXARGS && option_sets[set][i]; i++) {
        snprintf(args[argc], sizeof args[argc], "%s", option_sets[set][i]);
        argv[argc] = args[argc];
        argc++;
    }
    argv[argc] = NULL;

    options o;
    fuzz_getopt_reset();
    opt_result r = options_parse(argc, argv, &o, null, null);
    if (r != OPT_RUN)
        return 0; /* an option set the program does not take (yet): nothing to read */

    survey s;
    if (survey_init(&s, &o.plan, null) == EXIT_OK) {
        /* fmemopen() needs a buffer it may use; a copy also keeps the input const. */
        char *copy = malloc(size ? size : 1);
        FUZZ_CHECK(copy != NULL);
        if (size)
            memcpy(copy, data, size);
        FILE *fp = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
        FUZZ_CHECK(fp != NULL);
        int rc = survey_read_stream(&s, fp, "fuzz.csv");
        FUZZ_CHECK(rc == EXIT_OK || rc == EXIT_USAGE || rc == EXIT_DATA);
        fclose(fp);
        free(copy);
        survey_warn(&s);
    }
    survey_free(&s);
    return 0;
}
