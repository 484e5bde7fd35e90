/* test_followup.c - the follow-up list: which answers a list holds, their order (worst
 * first, input order within an answer), and the rows written; fed by hand, no files read. */
#include "unit.h"

#include "feed.h"
#include "list_write.h"
#include "metrics.h"

/* Ranks by the definitions: detractors 0-6, passives 7-8, promoters 9-10, lowest first. */
static void test_nps_ranks(void **state)
{
    (void)state;
    cx_scale nps;
    cx_scale_nps(&nps);
    for (int score = 0; score <= 10; score++) {
        int d = followup_rank(&nps, LIST_DETRACTORS, score);
        int p = followup_rank(&nps, LIST_PASSIVES, score);
        int r = followup_rank(&nps, LIST_PROMOTERS, score);
        assert_true(score <= 6 ? d >= 0 : d == -1);
        assert_true(score == 7 || score == 8 ? p >= 0 : p == -1);
        assert_true(score >= 9 ? r >= 0 : r == -1);
    }
    assert_true(followup_rank(&nps, LIST_DETRACTORS, 0) < followup_rank(&nps, LIST_DETRACTORS, 6));
    assert_int_equal(metric_of_list(LIST_DETRACTORS), CX_NPS);
    assert_int_equal(metric_of_list(LIST_DISSATISFIED), CX_CSAT);
    assert_int_equal(metric_of_list(LIST_DIFFICULT), CX_CES);
}

/* CES 1-7: agree, the hard side is 1-3, lowest first; effort, it is 5-7, highest first. */
static void test_ces_difficult_both_directions(void **state)
{
    (void)state;
    cx_scale agree, effort;
    assert_int_equal(cx_scale_ces(&agree, 7, CX_CES_AGREE), CX_OK);
    assert_int_equal(cx_scale_ces(&effort, 7, CX_CES_EFFORT), CX_OK);
    for (int score = 1; score <= 7; score++) {
        assert_true(score <= 3 ? followup_rank(&agree, LIST_DIFFICULT, score) >= 0
                               : followup_rank(&agree, LIST_DIFFICULT, score) == -1);
        assert_true(score >= 5 ? followup_rank(&effort, LIST_DIFFICULT, score) >= 0
                               : followup_rank(&effort, LIST_DIFFICULT, score) == -1);
    }
    assert_true(followup_rank(&agree, LIST_DIFFICULT, 1) < followup_rank(&agree, LIST_DIFFICULT, 3));
    assert_true(followup_rank(&effort, LIST_DIFFICULT, 7) < followup_rank(&effort, LIST_DIFFICULT, 5));
}

static char *written(followup *f, out_format format)
{
    char *text = NULL;
    size_t len;
    FILE *out = open_memstream(&text, &len);
    report_style style = {.format = format};
    assert_true(list_write(f, out, &style));
    fclose(out);
    return text;
}

/* Rows come out by rank, and in the order they were added within a rank; CSV quotes. */
static void test_rows_worst_first(void **state)
{
    (void)state;
    followup f;
    static const char *const names[] = {"id", "nps", "comment"};
    assert_true(followup_init(&f, names, 3));
    reader_field row[3];
    const char *rows[][3] = {{"1", "6", "slow"}, {"2", "0", "rude, late"}, {"3", "6", ""},
                             {"4", "0", "say \"hi\""}};
    cx_scale nps;
    cx_scale_nps(&nps);
    for (size_t i = 0; i < 4; i++) {
        for (int c = 0; c < 3; c++)
            row[c] = (reader_field){rows[i][c], strlen(rows[i][c])};
        assert_true(followup_add(&f, followup_rank(&nps, LIST_DETRACTORS, atoi(rows[i][1])), row));
    }
    char *csv = written(&f, FMT_CSV);
    assert_string_equal(csv, "id,nps,comment\n"
                             "2,0,\"rude, late\"\n"
                             "4,0,\"say \"\"hi\"\"\"\n"
                             "1,6,slow\n"
                             "3,6,\n");
    free(csv);
    followup_free(&f);
}

/* Through the survey: --list keeps the matching rows only, with the columns of --show. */
static void test_survey_fills_the_list(void **state)
{
    (void)state;
    fixture fx;
    followup f;
    memset(&f, 0, sizeof f);
    assert_int_equal(fx_parse(&fx, ARGS("-q", "--list=detractors", "--show=id,nps")), OPT_RUN);
    assert_int_equal(survey_init(&fx.s, &fx.o.plan, fx.err), EXIT_OK);
    fx.began = true;
    survey_set_list(&fx.s, &f);
    assert_int_equal(survey_open_input(&fx.s, "a.csv", &fx.cb), EXIT_OK);
    assert_int_equal(fx_header(&fx, CELLS("id", "nps", "comment")), 0);
    const char *rows[][3] = {{"1", "9", "a"}, {"2", "3", "b"}, {"3", "", "c"}, {"4", "1", "d"},
                             {"5", "abc", "e"}, {"6", "3", "f"}};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(fx_record(&fx, 2 + i, CELLS(rows[i][0], rows[i][1], rows[i][2])), 0);
    char *csv = written(&f, FMT_CSV);
    assert_string_equal(csv, "id,nps\n4,1\n2,3\n6,3\n");
    free(csv);
    followup_free(&f);
    fx_end(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nps_ranks),
        cmocka_unit_test(test_ces_difficult_both_directions),
        cmocka_unit_test(test_rows_worst_first),
        cmocka_unit_test(test_survey_fills_the_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
