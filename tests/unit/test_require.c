/* test_require.c - --require checks: parsing and deciding on the displayed value. */
#include <math.h>
#include <string.h>

#include "unit.h"
#include "report.h"
#include "require.h"

static void test_parse_reads_metric_operator_and_bound(void **state)
{
    (void)state;
    require_check c;
    assert_true(require_parse("nps>=30", &c));
    assert_int_equal(c.metric, CX_NPS);
    assert_int_equal(c.fig, FIG_INDEX);
    assert_int_equal(c.op, OP_GE);
    assert_int_equal(c.bound.mant, 30);
    assert_int_equal(c.bound.exp, 0);
    assert_true(require_parse("  csat_mean  ==  4.25 ", &c));
    assert_int_equal(c.metric, CX_CSAT);
    assert_int_equal(c.fig, FIG_MEAN);
    assert_int_equal(c.op, OP_EQ);
    assert_int_equal(c.bound.mant, 425);
    assert_int_equal(c.bound.exp, 2);
    assert_true(require_parse("nps>-10", &c));
    assert_int_equal(c.op, OP_GT);
    assert_int_equal(c.bound.mant, -10);
}

static void test_ces_is_the_mean_and_low_effort_the_share(void **state)
{
    (void)state;
    require_check c;
    assert_true(require_parse("ces<5", &c));
    assert_int_equal(c.metric, CX_CES);
    assert_int_equal(c.fig, FIG_MEAN);
    assert_int_equal(c.op, OP_LT);
    assert_true(require_parse("ces_low_effort<=70", &c));
    assert_int_equal(c.fig, FIG_INDEX);
    assert_int_equal(c.op, OP_LE);
    assert_string_equal(report_figure_name(CX_CES, FIG_INDEX), "ces_low_effort");
    assert_string_equal(report_figure_name(CX_CSAT, FIG_MEAN), "csat_mean");
}

static void test_parse_rejects_malformed_checks(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "nps", "nps>=", ">=30", "nps=>30", "nps=30", "nps!=30", "npsx>=30",
        "nps>=30%", "nps>=3e1", "nps>=.5", "nps>=5.", "nps>=1.1234567", "nps >= 30 40",
        "csat_mean>=x", "ces_low>=1",
        /* fields, flags and scopes */
        "nps.>=1", "nps.ci>=1", "nps.ci_low", "!nps>=1", "!nps.ci_low>=1", "nps.significant_drop>0",
        "nps.significant_drop x", "total:nps.change>0", "csat_mean.change>0",
        "ces_low_effort.significant_drop", "first:nps>0", ":nps>0", "total:", "total:!",
        "!!nps.significant_drop", "nps .ci_low>=1", "nps.ci_low.ci_high>=1",
    };
    require_check c;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (require_parse(bad[i], &c))
            fail_msg("accepted '%s'", bad[i]);
}

static void test_holds_compares_the_displayed_value_exactly(void **state)
{
    (void)state;
    require_check c;
    assert_true(require_parse("nps>=30", &c));
    assert_true(require_holds(&c, true, 300, 1));    /* 30.0 */
    assert_false(require_holds(&c, true, 299, 1));   /* 29.9 */
    assert_true(require_holds(&c, true, 30, 0));     /* 30 */
    assert_true(require_parse("csat_mean==3.67", &c));
    assert_true(require_holds(&c, true, 367, 2));
    assert_true(require_holds(&c, true, 3670, 3));
    assert_false(require_holds(&c, true, 3671, 3));
    assert_true(require_parse("nps<-5.5", &c));
    assert_true(require_holds(&c, true, -56, 1));
    assert_false(require_holds(&c, true, -55, 1));
}

static void test_a_value_of_no_answers_fails_every_check(void **state)
{
    (void)state;
    require_check c;
    assert_true(require_parse("nps<=100", &c));
    assert_false(require_holds(&c, false, 0, 1));
    assert_true(require_parse("nps>=-100", &c));
    assert_false(require_holds(&c, false, 0, 1));
}

static void test_fields_flags_and_scopes(void **state)
{
    (void)state;
    require_check c;
    assert_true(require_parse("NPS.CI_Low>=25", &c));
    assert_int_equal(c.metric, CX_NPS);
    assert_int_equal(c.field, RF_CI_LOW);
    assert_int_equal(c.scope, SCOPE_ALL);
    assert_true(require_parse(" total : csat.ci_high < 90", &c));
    assert_int_equal(c.field, RF_CI_HIGH);
    assert_int_equal(c.scope, SCOPE_TOTAL);
    assert_true(require_parse("nps.change>=-5", &c));
    assert_int_equal(c.field, RF_CHANGE);
    assert_int_equal(c.scope, SCOPE_LAST); /* a change reads the last period */
    assert_true(require_reads_change(&c));
    assert_true(require_parse("!ces.significant_drop", &c));
    assert_true(c.negate);
    assert_int_equal(c.field, RF_SIG_DROP);
    assert_int_equal(c.fig, FIG_MEAN);
    assert_true(require_flag_holds(&c, true, false));
    assert_false(require_flag_holds(&c, true, true));
    assert_false(require_flag_holds(&c, false, false)); /* no test: never passes */
    assert_false(require_holds(&c, true, 0, 0));
    assert_true(require_parse("last:level.n>=30", &c));
    assert_int_equal(c.field, RF_N);
    assert_int_equal(c.scope, SCOPE_LAST);
    char buf[64];
    assert_string_equal(require_field_name(&c, buf, sizeof buf), "level.n");
    assert_true(require_parse("csat_mean>=4", &c));
    assert_string_equal(require_field_name(&c, buf, sizeof buf), "csat_mean");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_reads_metric_operator_and_bound),
        cmocka_unit_test(test_ces_is_the_mean_and_low_effort_the_share),
        cmocka_unit_test(test_parse_rejects_malformed_checks),
        cmocka_unit_test(test_holds_compares_the_displayed_value_exactly),
        cmocka_unit_test(test_a_value_of_no_answers_fails_every_check),
        cmocka_unit_test(test_fields_flags_and_scopes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
