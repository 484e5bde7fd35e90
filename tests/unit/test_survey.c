/* test_survey.c - counting: records fed through the survey's reader callbacks, no files.
 * Every expected count is read off the records by hand. */
#include "unit.h"

#include "feed.h"

/* Scores sit at bin score - lo: NPS 0-10 at their own value, CSAT 1-5 one lower. */
static void test_each_answer_lands_in_its_bin(void **state)
{
    (void)state;
    fixture fx;
    fx_begin(&fx, ARGS("-q"), "a.csv");
    assert_int_equal(fx_header(&fx, CELLS("id", "nps", "csat")), 0);
    assert_int_equal(fx_record(&fx, 2, CELLS("1", "10", "5")), 0);
    assert_int_equal(fx_record(&fx, 3, CELLS("2", "9", "4")), 0);
    assert_int_equal(fx_record(&fx, 4, CELLS("3", "7", "3")), 0);
    assert_int_equal(fx_record(&fx, 5, CELLS("4", "3", "")), 0);
    assert_int_equal(fx_record(&fx, 6, CELLS("5", "", "x")), 0);
    assert_int_equal(fx_record(&fx, 7, CELLS("6", "abc", "1")), 0);
    const survey *s = &fx.s;
    assert_int_equal(s->records, 6);
    assert_true(s->active[CX_NPS] && s->active[CX_CSAT]);
    assert_false(s->active[CX_CES]);
    const cx_hist *nps = &s->hist[CX_NPS], *csat = &s->hist[CX_CSAT];
    static const uint64_t nps_bins[11] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1};
    static const uint64_t csat_bins[5] = {1, 0, 1, 1, 1};
    for (int i = 0; i < 11; i++)
        assert_int_equal(nps->count[i], nps_bins[i]);
    for (int i = 0; i < 5; i++)
        assert_int_equal(csat->count[i], csat_bins[i]);
    assert_int_equal(nps->blank, 1);
    assert_int_equal(nps->invalid, 1);
    assert_int_equal(csat->blank, 1);
    assert_int_equal(csat->invalid, 1);
    assert_int_equal(s->malformed, 0);
    fx_end(&fx);
}

/* Leading zeros, a zero decimal part and a label are the score; a sign or a fraction is not. */
static void test_written_forms(void **state)
{
    (void)state;
    fixture fx;
    fx_begin(&fx, ARGS("-q", "--nps=nps"), "a.csv");
    assert_int_equal(fx_header(&fx, CELLS("nps")), 0);
    const char *answers[] = {"10 - Extremely likely", "09", "9,0", "+9", "7.5", " 8 "};
    for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++)
        assert_int_equal(fx_record(&fx, 2 + i, CELLS(answers[i])), 0);
    const cx_hist *h = &fx.s.hist[CX_NPS];
    assert_int_equal(h->count[10], 1);
    assert_int_equal(h->count[9], 2);
    assert_int_equal(h->count[8], 1);
    assert_int_equal(h->invalid, 2);
    assert_int_equal(cx_hist_valid(h), 4);
    fx_end(&fx);
}

/* A short record is malformed; the answers it lacks count as invalid, the others count. */
static void test_short_record_is_malformed(void **state)
{
    (void)state;
    fixture fx;
    fx_begin(&fx, ARGS("-q"), "a.csv");
    assert_int_equal(fx_header(&fx, CELLS("nps", "csat")), 0);
    assert_int_equal(fx_record(&fx, 2, CELLS("9")), 0);
    assert_int_equal(fx_record(&fx, 3, CELLS("10", "5")), 0);
    assert_int_equal(fx.s.records, 2);
    assert_int_equal(fx.s.malformed, 1);
    assert_int_equal(fx.s.hist[CX_NPS].count[9], 1);
    assert_int_equal(fx.s.hist[CX_NPS].count[10], 1);
    assert_int_equal(fx.s.hist[CX_CSAT].invalid, 1);
    assert_int_equal(fx.s.hist[CX_CSAT].count[4], 1);
    fx_end(&fx);
}

/* -g: one group per distinct value, and every record also in the total. */
static void test_groups_split_the_records(void **state)
{
    (void)state;
    fixture fx;
    fx_begin(&fx, ARGS("-q", "-g", "store"), "a.csv");
    assert_int_equal(fx_header(&fx, CELLS("store", "nps")), 0);
    assert_int_equal(fx_record(&fx, 2, CELLS("B", "10")), 0);
    assert_int_equal(fx_record(&fx, 3, CELLS("A", "0")), 0);
    assert_int_equal(fx_record(&fx, 4, CELLS("A", "9")), 0);
    assert_int_equal(fx_record(&fx, 5, CELLS("", "7")), 0);
    assert_int_equal(fx.s.groups.count, 3); /* A, B and the blank value */
    assert_int_equal(fx.s.records, 4);
    assert_int_equal(cx_hist_valid(&fx.s.hist[CX_NPS]), 4);
    uint64_t in_groups = 0;
    for (size_t i = 0; i < fx.s.groups.count; i++)
        in_groups += groups_records(&fx.s.groups, &fx.s.groups.g[i]);
    assert_int_equal(in_groups, 4);
    fx_end(&fx);
}

/* Two inputs make one survey: the counts add, each input's header is its own. */
static void test_two_inputs_add(void **state)
{
    (void)state;
    fixture fx;
    fx_begin(&fx, ARGS("-q", "--nps=nps"), "a.csv");
    assert_int_equal(fx_header(&fx, CELLS("nps", "x")), 0);
    assert_int_equal(fx_record(&fx, 2, CELLS("10", "a")), 0);
    fx_next_input(&fx, "b.csv");
    assert_int_equal(fx_header(&fx, CELLS("y", "NPS")), 0);
    assert_int_equal(fx_record(&fx, 2, CELLS("b", "6")), 0);
    assert_int_equal(fx.s.records, 2);
    assert_int_equal(fx.s.hist[CX_NPS].count[10], 1);
    assert_int_equal(fx.s.hist[CX_NPS].count[6], 1);
    assert_int_equal(fx.s.ninputs, 2);
    assert_string_equal(fx.s.inputs[1], "b.csv");
    fx_end(&fx);
}

/* A named column that the header lacks stops reading with a usage error and its message. */
static void test_missing_named_column(void **state)
{
    (void)state;
    fixture fx;
    fx_begin(&fx, ARGS("--nps=recommend"), "a.csv");
    assert_int_not_equal(fx_header(&fx, CELLS("nps", "csat")), 0);
    assert_int_equal(fx.s.exit_code, EXIT_USAGE);
    assert_string_equal(fx_messages(&fx), "cxstat: a.csv: no column 'recommend' for --nps\n"
                                          "cxstat: columns: 1='nps', 2='csat'\n");
    fx_end(&fx);
}

/* An invalid answer is a note with file, line and column, shown by survey_warn. */
static void test_invalid_answer_is_noted(void **state)
{
    (void)state;
    fixture fx;
    fx_begin(&fx, ARGS("--nps=nps"), "a.csv");
    assert_int_equal(fx_header(&fx, CELLS("id", "nps")), 0);
    assert_int_equal(fx_record(&fx, 7, CELLS("1", "11")), 0);
    survey_warn(&fx.s);
    assert_string_equal(fx_messages(&fx), "cxstat: a.csv:7: column 2 (nps): '11' is outside 0-10\n"
                                          "cxstat: warning: 1 invalid nps answer\n");
    fx_end(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_answer_lands_in_its_bin),
        cmocka_unit_test(test_written_forms),
        cmocka_unit_test(test_short_record_is_malformed),
        cmocka_unit_test(test_groups_split_the_records),
        cmocka_unit_test(test_two_inputs_add),
        cmocka_unit_test(test_missing_named_column),
        cmocka_unit_test(test_invalid_answer_is_noted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
