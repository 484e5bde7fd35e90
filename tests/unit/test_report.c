/* test_report.c - report_build on a survey fed by hand: figures, bands, rows.
 * Expected values by hand: NPS = %promoters - %detractors, CSAT = share of 4-5. */
#include "unit.h"

#include "bandfile.h"
#include "feed.h"
#include "report.h"

typedef struct built {
    fixture fx;
    band_choice bc;
    report r;
} built;

static void build(built *b)
{
    memset(&b->bc, 0, sizeof b->bc);
    assert_int_equal(bands_choose(&b->bc, b->fx.o.bands, b->fx.s.scale, b->fx.err), EXIT_OK);
    assert_int_equal(report_build(&b->r, &b->fx.o.plan, &b->fx.o.style, &b->fx.s, &b->bc), EXIT_OK);
}

static void unbuild(built *b)
{
    report_free(&b->r);
    bands_free(&b->bc);
    fx_end(&b->fx);
}

static const char *text(const shown *v)
{
    static char buf[32];
    return report_format(v, buf, sizeof buf);
}

/* 5 promoters, 3 passives, 2 detractors: NPS 50% - 20% = 30.0, "develop" (30 <= NPS < 50). */
static void test_nps_figure_and_band(void **state)
{
    (void)state;
    built b;
    fx_begin(&b.fx, ARGS("-q", "--nps=nps"), "a.csv");
    assert_int_equal(fx_header(&b.fx, CELLS("nps")), 0);
    const char *answers[] = {"10", "10", "9", "9", "9", "8", "7", "7", "0", "6"};
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(fx_record(&b.fx, 2 + i, CELLS(answers[i])), 0);
    build(&b);
    const metric_view *v = report_view(&b.r.total, CX_NPS);
    assert_non_null(v);
    assert_string_equal(text(&report_lead(v)->value), "30.0");
    assert_string_equal(text(&v->good_pct), "50.0");
    assert_string_equal(text(&v->mid_pct), "30.0");
    assert_string_equal(text(&v->bad_pct), "20.0");
    assert_non_null(v->band);
    assert_string_equal(v->band->id, "develop");
    assert_int_equal(v->note, NOTE_INDICATIVE); /* fewer than 30 answers */
    assert_int_equal(b.r.total.records, 10);
    unbuild(&b);
}

/* CSAT 5,5,4,2: 3 of 4 satisfied = 75.0%, mean 16/4 = 4.00 (means get one more decimal). */
static void test_csat_share_and_mean(void **state)
{
    (void)state;
    built b;
    fx_begin(&b.fx, ARGS("-q", "--csat=csat"), "a.csv");
    assert_int_equal(fx_header(&b.fx, CELLS("csat")), 0);
    const char *answers[] = {"5", "5", "4", "2"};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(fx_record(&b.fx, 2 + i, CELLS(answers[i])), 0);
    build(&b);
    const metric_view *v = report_view(&b.r.total, CX_CSAT);
    assert_string_equal(text(&v->index.value), "75.0");
    assert_string_equal(text(&v->mean.value), "4.00");
    assert_string_equal(v->band->id, "average"); /* 60 <= CSAT <= 80 */
    unbuild(&b);
}

/* -p 0 rounds half away from zero: 1 promoter, 7 others = 12.5 -> 13. */
static void test_precision_rounds_half_away(void **state)
{
    (void)state;
    built b;
    fx_begin(&b.fx, ARGS("-q", "--nps=nps", "-p", "0"), "a.csv");
    assert_int_equal(fx_header(&b.fx, CELLS("nps")), 0);
    assert_int_equal(fx_record(&b.fx, 2, CELLS("10")), 0);
    for (int i = 0; i < 7; i++)
        assert_int_equal(fx_record(&b.fx, 3 + i, CELLS("8")), 0);
    build(&b);
    assert_string_equal(text(&report_lead(report_view(&b.r.total, CX_NPS))->value), "13");
    unbuild(&b);
}

/* Groups come sorted by key; --min-n hides the small ones but keeps them in the total. */
static void test_group_rows_sorted_and_hidden(void **state)
{
    (void)state;
    built b;
    fx_begin(&b.fx, ARGS("-q", "--nps=nps", "-g", "store", "--min-n=2"), "a.csv");
    assert_int_equal(fx_header(&b.fx, CELLS("store", "nps")), 0);
    const char *rows[][2] = {{"C", "10"}, {"A", "0"}, {"C", "9"}, {"B", "5"}, {"A", "10"}};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(fx_record(&b.fx, 2 + i, CELLS(rows[i][0], rows[i][1])), 0);
    build(&b);
    assert_int_equal(b.r.nrows, 2);
    assert_int_equal(b.r.hidden, 1);
    report_row row;
    char name[64];
    report_row_at(&b.r, 0, &row);
    report_row_name(&b.r, &row, name, sizeof name);
    assert_string_equal(name, "store='A'"); /* as --require names a row */
    assert_string_equal(text(&report_lead(report_view(&row, CX_NPS))->value), "0.0");
    report_row_at(&b.r, 1, &row);
    report_row_name(&b.r, &row, name, sizeof name);
    assert_string_equal(name, "store='C'");
    assert_string_equal(text(&report_lead(report_view(&row, CX_NPS))->value), "100.0");
    assert_int_equal(b.r.total.records, 5);
    unbuild(&b);
}

/* No valid answers: no figure, no band. */
static void test_no_answers_no_figure(void **state)
{
    (void)state;
    built b;
    fx_begin(&b.fx, ARGS("-q", "--nps=nps"), "a.csv");
    assert_int_equal(fx_header(&b.fx, CELLS("nps")), 0);
    assert_int_equal(fx_record(&b.fx, 2, CELLS("")), 0);
    build(&b);
    const metric_view *v = report_view(&b.r.total, CX_NPS);
    assert_false(report_lead(v)->value.defined);
    assert_null(v->band);
    unbuild(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nps_figure_and_band),
        cmocka_unit_test(test_csat_share_and_mean),
        cmocka_unit_test(test_precision_rounds_half_away),
        cmocka_unit_test(test_group_rows_sorted_and_hidden),
        cmocka_unit_test(test_no_answers_no_figure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
