/* test_options.c - options_parse: defaults, values, abbreviations, usage errors with their
 * messages (the same texts the errors/ golden cases pin). */
#include <math.h>

#include "unit.h"

#include "feed.h"

static void test_defaults(void **state)
{
    (void)state;
    fixture fx;
    assert_int_equal(fx_parse(&fx, ARGS("-q")), OPT_RUN);
    const options *o = &fx.o;
    assert_int_equal(o->style.format, FMT_TEXT);
    assert_int_equal(o->style.precision, 1);
    assert_near(o->style.confidence, 0.95, 1e-12);
    assert_true(o->plan.header);
    assert_int_equal(o->plan.header_row, 1);
    assert_int_equal(o->plan.csat_hi, 5);
    assert_int_equal(o->plan.ces_hi, 7);
    assert_int_equal(o->nfiles, 1);
    assert_string_equal(o->files[0], "-"); /* no file: standard input */
    assert_false(o->merge);
    fx_end(&fx);
}

static void test_values_and_files(void **state)
{
    (void)state;
    fixture fx;
    assert_int_equal(fx_parse(&fx, ARGS("-g", "store,channel", "--csat-scale=1-10", "-f", "json",
                                        "a.csv", "--require", "nps>=30", "b.csv", "-j", "3")),
                     OPT_RUN);
    const options *o = &fx.o;
    assert_int_equal(o->plan.ngroup, 2);
    assert_string_equal(o->plan.group[0], "store");
    assert_string_equal(o->plan.group[1], "channel");
    assert_int_equal(o->plan.csat_hi, 10);
    assert_int_equal(o->style.format, FMT_JSON);
    assert_int_equal(o->nrequire, 1);
    assert_true(o->plan.wanted[CX_NPS]);
    assert_int_equal(o->plan.jobs, 3);
    assert_int_equal(o->nfiles, 2); /* options may follow the files */
    assert_string_equal(o->files[0], "a.csv");
    assert_string_equal(o->files[1], "b.csv");
    fx_end(&fx);
}

static void test_abbreviation(void **state)
{
    (void)state;
    fixture fx;
    assert_int_equal(fx_parse(&fx, ARGS("--conf=0.9", "--prec=3")), OPT_RUN);
    assert_near(fx.o.style.confidence, 0.9, 1e-12);
    assert_int_equal(fx.o.style.precision, 3);
    fx_end(&fx);
}

static void test_merge_takes_report_options_only(void **state)
{
    (void)state;
    fixture fx;
    assert_int_equal(fx_parse(&fx, ARGS("merge", "-q", "--sort=nps", "a.state")), OPT_RUN);
    assert_true(fx.o.merge);
    assert_int_equal(fx.o.style.sort, (sort_order)(SORT_METRIC + CX_NPS));
    fx_end(&fx);
    assert_int_equal(fx_parse(&fx, ARGS("merge", "-g", "store", "a.state")), OPT_USAGE);
    assert_string_equal(fx_messages(&fx),
                        "cxstat: merge takes columns, scales, groups and periods from its state "
                        "files: give only report options\n"
                        "Try 'cxstat --help' for more information.\n");
    fx_end(&fx);
}

/* Each bad value: usage, and the message naming the option, the value and what it takes. */
static void test_usage_errors(void **state)
{
    (void)state;
    static const struct {
        const char *arg, *message;
    } cases[] = {
        {"--sort=best", "cxstat: invalid --sort 'best' (use key, n, nps, csat, ces or level)\n"},
        {"--csat-scale=1-4", "cxstat: invalid CSAT scale '1-4' (use 1-3, 1-5, 1-7 or 1-10)\n"},
        {"-j0", "cxstat: invalid --jobs '0' (a whole number 1-256)\n"},
        {"--lang=de", "cxstat: invalid language 'de' (use en or ru)\n"},
        {"--nps", "cxstat: option '--nps' needs a value\n"},
        {"--bogus", "cxstat: unknown option '--bogus'\n"},
        {"--show=id", "cxstat: --show and --no-escape-formulas go with --list\n"},
        {"--no-escape-formulas", "cxstat: --show and --no-escape-formulas go with --list\n"},
        {"-e", "cxstat: option '-e' needs a value\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture fx;
        assert_int_equal(fx_parse(&fx, ARGS(cases[i].arg)), OPT_USAGE);
        const char *got = fx_messages(&fx);
        assert_true(strncmp(got, cases[i].message, strlen(cases[i].message)) == 0);
        assert_string_equal(got + strlen(cases[i].message),
                            "Try 'cxstat --help' for more information.\n");
        fx_end(&fx);
    }
}

static void test_help_and_version_are_done(void **state)
{
    (void)state;
    fixture fx;
    assert_int_equal(fx_parse(&fx, ARGS("--help")), OPT_DONE);
    fx_end(&fx);
    assert_int_equal(fx_parse(&fx, ARGS("-V")), OPT_DONE);
    assert_string_equal(fx_messages(&fx), "");
    fx_end(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_values_and_files),
        cmocka_unit_test(test_abbreviation),
        cmocka_unit_test(test_merge_takes_report_options_only),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_help_and_version_are_done),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
