/* test_state.c - the state a survey writes, merged back, is the same survey: the same
 * counts, and the same state written again, byte for byte; two merged states add. */
#include "unit.h"

#include "feed.h"
#include "state.h"
#include "state_write.h"

/* The state of a survey, in memory, into *text (caller frees). */
static void state_of(const survey *s, char **text, size_t *len)
{
    FILE *out = open_memstream(text, len);
    assert_non_null(out);
    state_write(s, out);
    fclose(out);
}

/* Merge the states into fx (already parsed as "merge ..."). */
static void merge(fixture *fx, state_config *cfg, const char *const *texts, size_t n)
{
    assert_int_equal(survey_init(&fx->s, &fx->o.plan, fx->err), EXIT_OK);
    fx->began = true;
    for (size_t i = 0; i < n; i++) {
        FILE *in = fmemopen((void *)(uintptr_t)texts[i], strlen(texts[i]), "r");
        assert_non_null(in);
        int rc = state_merge_stream(&fx->s, &fx->o.plan, cfg, in, "a.state");
        fclose(in);
        if (rc != EXIT_OK)
            fail_msg("merge: %s", fx_messages(fx));
    }
}

static void feed(fixture *fx)
{
    fx_begin(fx, ARGS("-q", "-g", "store", "-f", "state"), "a.csv");
    assert_int_equal(fx_header(fx, CELLS("store", "nps", "csat")), 0);
    const char *rows[][3] = {{"B", "10", "5"}, {"A", "0", ""}, {"A", "x", "4"}, {"", "7", "1"}};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(fx_record(fx, 2 + i, CELLS(rows[i][0], rows[i][1], rows[i][2])), 0);
}

static void test_round_trip(void **state)
{
    (void)state;
    fixture fx, back;
    state_config cfg = {0};
    size_t len, len2;
    feed(&fx);
    char *text = NULL;
    state_of(&fx.s, &text, &len);
    assert_int_equal(fx_parse(&back, ARGS("merge", "-q", "-f", "state", "a.state")), OPT_RUN);
    merge(&back, &cfg, (const char *const[]){text}, 1);
    assert_int_equal(back.s.records, fx.s.records);
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        assert_int_equal(back.s.active[m], fx.s.active[m]);
        assert_memory_equal(&back.s.hist[m], &fx.s.hist[m], sizeof(cx_hist));
    }
    assert_int_equal(back.s.groups.count, 3);
    char *again = NULL;
    state_of(&back.s, &again, &len2);
    assert_string_equal(again, text);
    free(again);
    free(text);
    state_config_free(&cfg);
    fx_end(&back);
    fx_end(&fx);
}

/* Two states of the same configuration add: every count doubles, the groups stay 3. */
static void test_two_states_add(void **state)
{
    (void)state;
    fixture fx, back;
    state_config cfg = {0};
    size_t len;
    feed(&fx);
    char *text = NULL;
    state_of(&fx.s, &text, &len);
    assert_int_equal(fx_parse(&back, ARGS("merge", "-q", "a.state", "a.state")), OPT_RUN);
    merge(&back, &cfg, (const char *const[]){text, text}, 2);
    assert_int_equal(back.s.records, 2 * fx.s.records);
    assert_int_equal(back.s.groups.count, 3);
    for (int i = 0; i < 11; i++)
        assert_int_equal(back.s.hist[CX_NPS].count[i], 2 * fx.s.hist[CX_NPS].count[i]);
    assert_int_equal(back.s.hist[CX_NPS].invalid, 2);
    assert_int_equal(back.s.hist[CX_CSAT].blank, 2);
    free(text);
    state_config_free(&cfg);
    fx_end(&back);
    fx_end(&fx);
}

/* A state cut short is refused with its line. */
static void test_cut_short_refused(void **state)
{
    (void)state;
    fixture fx, back;
    state_config cfg = {0};
    size_t len;
    feed(&fx);
    char *text = NULL;
    state_of(&fx.s, &text, &len);
    const char *end = strstr(text, "\nend\t");
    assert_non_null(end);
    char *cut = strndup(text, (size_t)(end - text) + 1); /* without the end line */
    free(text);
    text = cut;
    assert_int_equal(fx_parse(&back, ARGS("merge", "-q", "a.state")), OPT_RUN);
    assert_int_equal(survey_init(&back.s, &back.o.plan, back.err), EXIT_OK);
    back.began = true;
    FILE *in = fmemopen(text, strlen(text), "r");
    assert_int_equal(state_merge_stream(&back.s, &back.o.plan, &cfg, in, "a.state"), EXIT_DATA);
    fclose(in);
    assert_non_null(strstr(fx_messages(&back), "no end line: a state file cut short"));
    free(text);
    state_config_free(&cfg);
    fx_end(&back);
    fx_end(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_two_states_add),
        cmocka_unit_test(test_cut_short_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
