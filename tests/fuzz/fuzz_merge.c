/*
 * fuzz_merge.c - cxstat merge on arbitrary bytes: the state reader
 * (state_merge_stream() through fmemopen()), then the report built from what
 * it merged, written to /dev/null in the format byte 0 picks.
 *
 * Byte 1, below 128, cuts the rest in two streams merged one after the
 * other, so a second state (or a second piece of one) meets the first's
 * configuration; from 128 on, the rest is one stream (which may hold several
 * states, as standard input may).
 * Nothing may crash, leak or trip a sanitizer; every outcome is a report or
 * exit status 3, and a merged count never makes a total or a sum of scores
 * past 63 bits.
 */
#include <stdlib.h>
#include <string.h>

#include "bandfile.h"
#include "fuzz.h"
#include "options.h"
#include "writers.h"
#include "report.h"
#include "state.h"
#include "survey.h"

static const char *const formats[] = {"text", "csv", "json", "state"};

/* Merge data[0..n) as one stream; @return merge's exit status. */
static int merge_bytes(survey *s, run_plan *o, state_config *cfg, const uint8_t *data, size_t n)
{
    char *copy = malloc(n ? n : 1); /* fmemopen() needs a buffer it may use */
    FUZZ_CHECK(copy != NULL);
    if (n)
        memcpy(copy, data, n);
    FILE *fp = n ? fmemopen(copy, n, "r") : fopen("/dev/null", "r");
    FUZZ_CHECK(fp != NULL);
    int rc = state_merge_stream(s, o, cfg, fp, "fuzz.state");
    FUZZ_CHECK(rc == EXIT_OK || rc == EXIT_DATA);
    fclose(fp);
    free(copy);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *null = fuzz_devnull();
    uint8_t ctl[2] = {0, 0};
    size_t k = size < 2 ? size : 2;
    memcpy(ctl, data, k);
    data += k;
    size -= k;

    char a0[] = "cxstat", a1[] = "merge", a2[] = "-q", a3[] = "-f", a5[] = "x.state";
    char a4[8];
    snprintf(a4, sizeof a4, "%s", formats[ctl[0] % 4]);
    char *argv[] = {a0, a1, a2, a3, a4, a5, NULL};
    options o;
    fuzz_getopt_reset();
    FUZZ_CHECK(options_parse(6, argv, &o, null, null) == OPT_RUN);

    survey s;
    state_config cfg = {0};
    FUZZ_CHECK(survey_init(&s, &o.plan, null) == EXIT_OK);
    size_t cut = ctl[1] >= 128 ? size : size * ctl[1] / 128;
    int rc = merge_bytes(&s, &o.plan, &cfg, data, cut);
    if (rc == EXIT_OK && cut < size)
        rc = merge_bytes(&s, &o.plan, &cfg, data + cut, size - cut);
    if (rc == EXIT_OK) {
        /* whatever merged, every figure is computed without overflow */
        for (int m = 0; m < CX_METRIC_COUNT; m++)
            FUZZ_CHECK(!s.active[m] || cx_hist_fits(&s.hist[m], &s.scale[m]));
        for (size_t i = 0; i < s.groups.count; i++) {
            cx_hist h[CX_METRIC_COUNT];
            groups_hists(&s.groups, &s.groups.g[i], h, NULL);
            for (int m = 0; m < CX_METRIC_COUNT; m++)
                FUZZ_CHECK(!s.active[m] || cx_hist_fits(&h[m], &s.scale[m]));
        }
    }
    if (rc == EXIT_OK) {
        band_choice bc;
        memset(&bc, 0, sizeof bc);
        if (bands_choose(&bc, o.bands, s.scale, null) == EXIT_OK) {
            report r;
            survey_warn(&s);
            if (report_build(&r, &o.plan, &o.style, &s, &bc) == EXIT_OK) {
                report_writer_of(o.style.format)->write(&r, null);
                report_free(&r);
            }
        }
        bands_free(&bc);
    }
    survey_free(&s);
    state_config_free(&cfg);
    return 0;
}
