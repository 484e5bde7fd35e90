/* test_scoretab.c - the short answers' table says what cx_score_parse() says,
 * for every field of up to two bytes, on every built-in scale. */
#include <string.h>

#include "scoretab.h"
#include "unit.h"

/* One field read both ways: the same status, and with CX_OK the same score. */
static void same(const score_table *t, const cx_scale *sc, const char *text, size_t len)
{
    int a = -77, b = -77;
    cx_status sa = cx_score_parse(sc, text, len, &a);
    cx_status sb = score_read(t, sc, text, len, &b);
    assert_int_equal(sa, sb);
    assert_int_equal(a, b); /* untouched by both unless CX_OK */
}

static void test_every_short_field_reads_as_the_parser_reads_it(void **state)
{
    cx_scale sc[6];
    (void)state;
    cx_scale_nps(&sc[0]);
    assert_int_equal(cx_scale_csat(&sc[1], 5, 0), CX_OK);
    assert_int_equal(cx_scale_csat(&sc[2], 10, 0), CX_OK);
    assert_int_equal(cx_scale_ces(&sc[3], 7, CX_CES_AGREE), CX_OK);
    assert_int_equal(cx_scale_csat(&sc[4], 3, 0), CX_OK);
    cx_scale_level(&sc[5]);
    for (size_t k = 0; k < sizeof sc / sizeof sc[0]; k++) {
        score_table t;
        score_table_make(&t, &sc[k]);
        same(&t, &sc[k], "", 0);
        same(&t, &sc[k], NULL, 0);
        for (int x = 0; x < 256; x++) {
            char one = (char)x;
            same(&t, &sc[k], &one, 1);
            for (int y = 0; y < 256; y++) {
                char two[2] = {(char)x, (char)y};
                same(&t, &sc[k], two, 2);
            }
        }
        same(&t, &sc[k], "100", 3);
        same(&t, &sc[k], " 7 ", 3);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_short_field_reads_as_the_parser_reads_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
