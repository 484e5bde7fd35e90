/* test_bands_builtin.c - built-in band sets equal METRICS.md section 5 and data/bands/. */
#include <stdio.h>
#include <string.h>

#include "unit.h"

/* METRICS.md section 5, copied by hand: the truth both the library and data/bands/ must equal. */
typedef struct row {
    const char *interval, *id, *en, *ru;
} row;

typedef struct expected_set {
    const char *name;
    cx_metric metric;
    size_t count;
    row rows[5];
} expected_set;

static const expected_set expected[] = {
    {"nps", CX_NPS, 3, {
        {"[50,100]", "good", "Customer focus is at a good level",
         "Система клиентоориентированности на хорошем уровне"},
        {"[30,50)", "develop", "Service works well but needs development",
         "Сервис неплохо работает, но его нужно развивать"},
        {"[-100,30)", "act", "Research the causes and take action",
         "Необходимо провести исследование компании и принять меры"},
    }},
    {"nps-market", CX_NPS, 3, {
        {"(50,100]", "favorite", "You are among the favourites", "Вы среди фаворитов"},
        {"[10,50]", "known", "The brand is known, but customer focus must grow",
         "Бренд узнаваем, но нужно повышать клиентоориентированность"},
        {"[-100,10)", "unvalued", "Customers do not value your products and company",
         "Потребители не ценят вашу продукцию и компанию"},
    }},
    {"csat", CX_CSAT, 3, {
        {"(80,100]", "good", "Good in any industry", "У вас всё хорошо, независимо от отрасли"},
        {"[60,80]", "average", "Average: compare with your own history and industry",
         "Средний уровень: сравните со своей историей и отраслью"},
        {"[0,60)", "improve", "Much room for improvement",
         "Есть много возможностей для улучшения"},
    }},
    /* METRICS.md section 4: [1,1.5) -> 1 ... [4.5,5] -> 5, best level first. */
    {"level", CX_LEVEL, 5, {
        {"[4.5,5]", "strategic", "Strategic", "Стратегический"},
        {"[3.5,4.5)", "strong", "Strong", "Сильный"},
        {"[2.5,3.5)", "basic", "Basic", "Базовый"},
        {"[1.5,2.5)", "limited", "Limited", "Ограниченный"},
        {"[1,1.5)", "negative", "Negative", "Негативный"},
    }},
};
#define NSETS (sizeof expected / sizeof expected[0])

static void assert_same_decimal(cx_decimal a, cx_decimal b)
{
    assert_true(a.mant == b.mant);
    assert_int_equal(a.exp, b.exp);
}

static void test_builtin_sets_equal_the_metrics_tables_best_band_first(void **state)
{
    (void)state;
    for (size_t i = 0; i < NSETS; i++) {
        const cx_bandset *set = cx_bandset_builtin(expected[i].name);

        assert_non_null(set);
        assert_string_equal(set->name, expected[i].name);
        assert_int_equal(set->metric, expected[i].metric);
        assert_int_equal(set->count, expected[i].count);
        for (size_t j = 0; j < expected[i].count; j++) {
            const row *r = &expected[i].rows[j];
            const cx_band *b = &set->band[j];
            cx_band want;

            assert_int_equal(cx_interval_parse(r->interval, strlen(r->interval), &want), CX_OK);
            assert_same_decimal(b->lo, want.lo);
            assert_same_decimal(b->hi, want.hi);
            assert_int_equal(b->lo_open, want.lo_open);
            assert_int_equal(b->hi_open, want.hi_open);
            assert_string_equal(b->id, r->id);
            assert_string_equal(b->label_en, r->en);
            assert_string_equal(b->label_ru, r->ru);
        }
    }
}

static void test_builtin_at_lists_every_set_then_null(void **state)
{
    (void)state;
    for (size_t i = 0; i < NSETS; i++) {
        assert_non_null(cx_bandset_builtin_at(i));
        assert_string_equal(cx_bandset_builtin_at(i)->name, expected[i].name);
        assert_ptr_equal(cx_bandset_builtin_at(i), cx_bandset_builtin(expected[i].name));
    }
    assert_null(cx_bandset_builtin_at(NSETS));
    assert_null(cx_bandset_builtin_at((size_t)-1));
}

static void test_unknown_builtin_name_is_null(void **state)
{
    (void)state;
    assert_null(cx_bandset_builtin("NPS"));
    assert_null(cx_bandset_builtin("nps "));
    assert_null(cx_bandset_builtin(""));
    assert_null(cx_bandset_builtin("ces"));
    assert_null(cx_bandset_builtin(NULL));
}

static void test_defaults_are_nps_and_csat_and_none_for_ces(void **state)
{
    (void)state;
    assert_ptr_equal(cx_bandset_default(CX_NPS), cx_bandset_builtin("nps"));
    assert_ptr_equal(cx_bandset_default(CX_CSAT), cx_bandset_builtin("csat"));
    assert_null(cx_bandset_default(CX_CES));
    assert_ptr_equal(cx_bandset_default(CX_LEVEL), cx_bandset_builtin("level"));
    assert_null(cx_bandset_default(CX_METRIC_COUNT));
}

static void test_builtin_sets_pass_the_check(void **state)
{
    cx_scale s;

    (void)state;
    for (size_t i = 0; cx_bandset_builtin_at(i) != NULL; i++) {
        const cx_bandset *set = cx_bandset_builtin_at(i);
        cx_decimal lo, hi;
        size_t bad = 999;

        if (set->metric == CX_NPS)
            cx_scale_nps(&s);
        else if (set->metric == CX_LEVEL)
            cx_scale_level(&s);
        else
            assert_int_equal(cx_scale_csat(&s, 5, 0), CX_OK);
        cx_band_range(&s, &lo, &hi);
        assert_int_equal(cx_bandset_check(set, lo, hi, &bad), CX_OK);
    }
}

static const char *band_at(const char *set, int64_t scaled, unsigned prec)
{
    const cx_band *b = cx_bandset_find(cx_bandset_builtin(set), scaled, prec);

    return b == NULL ? "(none)" : b->id;
}

static void test_nps_boundaries_go_to_the_middle_band(void **state)
{
    (void)state;
    assert_string_equal(band_at("nps", 300, 1), "develop"); /* 30.0 */
    assert_string_equal(band_at("nps", 299, 1), "act");     /* 29.9 */
    assert_string_equal(band_at("nps", 500, 1), "good");    /* 50.0 */
    assert_string_equal(band_at("nps", 499, 1), "develop"); /* 49.9: the 40-50 gap of 000 */
    assert_string_equal(band_at("nps", 450, 1), "develop");
    assert_string_equal(band_at("nps", -100, 0), "act");
    assert_string_equal(band_at("nps", 100, 0), "good");
}

static void test_nps_market_boundaries(void **state)
{
    (void)state;
    assert_string_equal(band_at("nps-market", 10, 0), "known");
    assert_string_equal(band_at("nps-market", 99, 1), "unvalued"); /* 9.9 */
    assert_string_equal(band_at("nps-market", 50, 0), "known");
    assert_string_equal(band_at("nps-market", 475, 1), "known"); /* the 45-50 gap of 001 */
    assert_string_equal(band_at("nps-market", 501, 1), "favorite"); /* 50.1 */
    assert_string_equal(band_at("nps-market", -100, 0), "unvalued");
    assert_string_equal(band_at("nps-market", 100, 0), "favorite");
}

static void test_csat_boundaries(void **state)
{
    (void)state;
    assert_string_equal(band_at("csat", 800, 1), "average"); /* 80.0 */
    assert_string_equal(band_at("csat", 801, 1), "good");    /* 80.1 */
    assert_string_equal(band_at("csat", 600, 1), "average"); /* 60.0 */
    assert_string_equal(band_at("csat", 599, 1), "improve"); /* 59.9 */
    assert_string_equal(band_at("csat", 0, 1), "improve");
    assert_string_equal(band_at("csat", 1000, 1), "good");
    assert_string_equal(band_at("csat", 714, 1), "average"); /* the 002 example */
}

static void test_band_follows_the_displayed_value(void **state)
{
    int64_t scaled;

    (void)state;
    /* An index of 29.96 is shown as 30.0 at one decimal: the band must say develop. */
    assert_int_equal(cx_frac_round((cx_frac){2996, 10000}, 100, 1, &scaled), CX_OK);
    assert_true(scaled == 300);
    assert_string_equal(band_at("nps", scaled, 1), "develop");
    /* Shown as 29.96 at two decimals, it is below 30. */
    assert_int_equal(cx_frac_round((cx_frac){2996, 10000}, 100, 2, &scaled), CX_OK);
    assert_string_equal(band_at("nps", scaled, 2), "act");
    /* CSAT 80.04 is shown as 80.0 at one decimal: average, not good. */
    assert_int_equal(cx_frac_round((cx_frac){8004, 10000}, 100, 1, &scaled), CX_OK);
    assert_string_equal(band_at("csat", scaled, 1), "average");
}

static void test_level_mean_maps_to_the_nearest_level(void **state)
{
    (void)state;
    /* METRICS.md section 4: [1,1.5) -> 1, [1.5,2.5) -> 2, ..., [4.5,5] -> 5; means at 2 decimals */
    assert_string_equal(band_at("level", 100, 2), "negative");
    assert_string_equal(band_at("level", 149, 2), "negative");
    assert_string_equal(band_at("level", 150, 2), "limited");
    assert_string_equal(band_at("level", 249, 2), "limited");
    assert_string_equal(band_at("level", 250, 2), "basic");
    assert_string_equal(band_at("level", 349, 2), "basic");
    assert_string_equal(band_at("level", 350, 2), "strong");
    assert_string_equal(band_at("level", 449, 2), "strong");
    assert_string_equal(band_at("level", 450, 2), "strategic");
    assert_string_equal(band_at("level", 500, 2), "strategic");
}

/* ---- data/bands/ -------------------------------------------------------- */

static size_t put_field(char *out, size_t pos, const char *field, bool quote)
{
    quote = quote || strchr(field, ',') != NULL || strchr(field, '"') != NULL;
    if (quote)
        out[pos++] = '"';
    for (; *field != '\0'; field++) {
        if (*field == '"')
            out[pos++] = '"';
        out[pos++] = *field;
    }
    if (quote)
        out[pos++] = '"';
    return pos;
}

/* The band file the METRICS.md table should be: intervals always quoted, labels when needed. */
static size_t render(const expected_set *set, char *out)
{
    static const char header[] = "interval,id,label_en,label_ru\n";
    size_t pos = sizeof header - 1;

    memcpy(out, header, pos);
    for (size_t i = 0; i < set->count; i++) {
        const row *r = &set->rows[i];

        pos = put_field(out, pos, r->interval, true);
        out[pos++] = ',';
        pos = put_field(out, pos, r->id, false);
        out[pos++] = ',';
        pos = put_field(out, pos, r->en, false);
        out[pos++] = ',';
        pos = put_field(out, pos, r->ru, false);
        out[pos++] = '\n';
    }
    return pos;
}

static void test_band_files_equal_the_builtin_sets(void **state)
{
    (void)state;
    for (size_t i = 0; i < NSETS; i++) {
        char path[64], want[2048], got[2048];
        size_t want_len = render(&expected[i], want), got_len;
        FILE *fp;

        snprintf(path, sizeof path, "data/bands/%s.csv", expected[i].name);
        fp = fopen(path, "rb");
        if (fp == NULL)
            fail_msg("%s: cannot open (run from the repository root)", path);
        got_len = fread(got, 1, sizeof got, fp);
        fclose(fp);
        assert_int_equal(got_len, want_len);
        assert_memory_equal(got, want, want_len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_sets_equal_the_metrics_tables_best_band_first),
        cmocka_unit_test(test_builtin_at_lists_every_set_then_null),
        cmocka_unit_test(test_level_mean_maps_to_the_nearest_level),
        cmocka_unit_test(test_unknown_builtin_name_is_null),
        cmocka_unit_test(test_defaults_are_nps_and_csat_and_none_for_ces),
        cmocka_unit_test(test_builtin_sets_pass_the_check),
        cmocka_unit_test(test_nps_boundaries_go_to_the_middle_band),
        cmocka_unit_test(test_nps_market_boundaries),
        cmocka_unit_test(test_csat_boundaries),
        cmocka_unit_test(test_band_follows_the_displayed_value),
        cmocka_unit_test(test_band_files_equal_the_builtin_sets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
