/*
 * fuzz_bands.c - the band-file path on arbitrary bytes:
 *   - cx_interval_parse() on the whole input;
 *   - a band set built with cx_bandset_add() from the input's lines (the
 *     interval up to the first ']' or ')', an optional quote before it, and
 *     the next field as the id), checked with cx_bandset_check() against
 *     every metric's range; in a set that passes, every whole number of the
 *     range and every value next to a band's end (1 to 6 decimals) lies in
 *     exactly one band, the one cx_bandset_find() gives;
 *   - the CLI's loader, bands_choose(), on the input written to a file, once
 *     per metric; a set it accepts must pass the same test.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bandfile.h"
#include "cxstat.h"
#include "fuzz.h"

/* Does band b hold the value v?  Written here from the definition, not taken from bands.c. */
static bool holds(const cx_band *b, cx_decimal v)
{
    int lo = cx_decimal_compare(b->lo, v), hi = cx_decimal_compare(v, b->hi);
    return (lo < 0 || (lo == 0 && !b->lo_open)) && (hi < 0 || (hi == 0 && !b->hi_open));
}

/* Exactly one band holds v, and cx_bandset_find() gives it. */
static void check_one(const cx_bandset *set, int64_t v, unsigned prec)
{
    cx_decimal d = {v, prec};
    size_t in = 0;
    for (size_t i = 0; i < set->count; i++)
        in += holds(&set->band[i], d);
    FUZZ_CHECK(in == 1);
    const cx_band *b = cx_bandset_find(set, v, prec);
    FUZZ_CHECK(b != NULL && holds(b, d));
}

/*
 * A set that tiles [lo, hi] (whole numbers): every value shown with 0
 * decimals, and each band end and its neighbours at 1..6 decimals, is in
 * exactly one band; nothing just outside the range is in any.
 */
static void check_tiles(const cx_bandset *set, cx_decimal lo, cx_decimal hi)
{
    FUZZ_CHECK(lo.exp == 0 && hi.exp == 0);
    FUZZ_CHECK(set->count >= 1 && set->count <= CX_MAX_BANDS);
    for (int64_t v = lo.mant; v <= hi.mant; v++)
        check_one(set, v, 0);
    int64_t scale = 1;
    for (unsigned prec = 1; prec <= CX_MAX_PRECISION; prec++) {
        scale *= 10;
        int64_t top = hi.mant * scale, bottom = lo.mant * scale;
        FUZZ_CHECK(cx_bandset_find(set, bottom - 1, prec) == NULL);
        FUZZ_CHECK(cx_bandset_find(set, top + 1, prec) == NULL);
        for (size_t i = 0; i < set->count; i++) {
            const cx_decimal ends[2] = {set->band[i].lo, set->band[i].hi};
            for (int e = 0; e < 2; e++) {
                if (ends[e].exp > prec)
                    continue;
                int64_t v = ends[e].mant;
                for (unsigned k = ends[e].exp; k < prec; k++)
                    v *= 10; /* within the range, so no overflow */
                for (int64_t w = v - 1; w <= v + 1; w++)
                    if (w >= bottom && w <= top)
                        check_one(set, w, prec);
            }
        }
    }
}

static void scales(cx_scale sc[CX_METRIC_COUNT], int csat_hi, int ces_hi)
{
    cx_scale_nps(&sc[CX_NPS]);
    FUZZ_CHECK(cx_scale_csat(&sc[CX_CSAT], csat_hi, 0) == CX_OK);
    FUZZ_CHECK(cx_scale_ces(&sc[CX_CES], ces_hi, CX_CES_AGREE) == CX_OK);
    cx_scale_level(&sc[CX_LEVEL]);
}

static void check_set(const cx_bandset *set, const cx_scale sc[CX_METRIC_COUNT])
{
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        cx_decimal lo, hi;
        size_t bad = SIZE_MAX;
        cx_band_range(&sc[m], &lo, &hi);
        cx_status st = cx_bandset_check(set, lo, hi, &bad);
        if (st == CX_OK)
            check_tiles(set, lo, hi);
        else
            FUZZ_CHECK(bad <= set->count);
    }
}

/* The library on its own: an interval, then a set from the lines. */
static void library(const char *text, size_t size)
{
    cx_band b;
    memset(&b, 0, sizeof b);
    if (cx_interval_parse(text, size, &b) == CX_OK) {
        FUZZ_CHECK(b.lo.exp <= CX_MAX_PRECISION && b.hi.exp <= CX_MAX_PRECISION);
        cx_bandset one = {.name = "fuzz", .metric = CX_NPS};
        cx_status st = cx_bandset_add(&one, text, size, "x", "x", "x");
        FUZZ_CHECK(st == CX_OK || st == CX_EBAND_EMPTY);
    }

    /* Ids are NUL-terminated copies in one pool, which the set borrows. */
    char *pool = malloc(size + 1);
    FUZZ_CHECK(pool != NULL);
    size_t used = 0;
    cx_bandset set = {.name = "fuzz", .metric = CX_NPS};
    const char *p = text, *end = text + size;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = eol ? eol : end;
        const char *iv = p;
        if (iv < line_end && *iv == '"')
            iv++;
        const char *close = iv;
        while (close < line_end && *close != ']' && *close != ')')
            close++;
        size_t ivlen = (size_t)(close - iv) + (close < line_end);
        const char *rest = iv + ivlen;
        if (rest < line_end && *rest == '"')
            rest++;
        if (rest < line_end && *rest == ',')
            rest++;
        const char *id_end = rest;
        while (id_end < line_end && *id_end != ',')
            id_end++;
        char *id = pool + used;
        memcpy(id, rest, (size_t)(id_end - rest));
        id[id_end - rest] = '\0';
        used += (size_t)(id_end - rest) + 1;
        size_t before = set.count;
        cx_status st = cx_bandset_add(&set, iv, ivlen, id, "en", "ru");
        FUZZ_CHECK(st == CX_OK ? set.count == before + 1 : set.count == before);
        p = eol ? eol + 1 : end;
    }
    cx_scale sc[CX_METRIC_COUNT];
    scales(sc, 5, 7);
    check_set(&set, sc);
    scales(sc, 10, 5);
    check_set(&set, sc);
    scales(sc, 3, 10);
    check_set(&set, sc);
    free(pool);
}

/* The CLI's loader, through a file named after the process. */
static void loader(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("bands", data, size);

    cx_scale sc[CX_METRIC_COUNT];
    scales(sc, 5, 7);
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        const char *spec[CX_METRIC_COUNT] = {"none", "none", "none", "none"};
        spec[m] = path;
        band_choice bc;
        int rc = bands_choose(&bc, spec, sc, fuzz_devnull());
        FUZZ_CHECK(rc == 0 || rc == 3); /* EXIT_OK or EXIT_DATA: a file is never a usage error */
        if (rc == 0) {
            const cx_bandset *set = bc.set[m];
            FUZZ_CHECK(set != NULL && set->metric == (cx_metric)m);
            cx_decimal lo, hi;
            cx_band_range(&sc[m], &lo, &hi);
            FUZZ_CHECK(cx_bandset_check(set, lo, hi, NULL) == CX_OK);
            check_tiles(set, lo, hi);
            for (size_t i = 0; i < set->count; i++)
                FUZZ_CHECK(set->band[i].id && set->band[i].label_en && set->band[i].label_ru);
        }
        bands_free(&bc);
    }
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    library((const char *)data, size);
    loader(data, size);
    return 0;
}
