/* bandfile.c - loads band files with the CSV reader and checks them with the library. */
#include "bandfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "reader.h"
#include "text.h"

/* Room for every id and label of one file; a band file is small. */
#define BAND_STRINGS ((size_t)64 * 1024)

static const char *const band_columns[] = {"interval", "id", "label_en", "label_ru"};

typedef struct band_load {
    const char *path;
    FILE *err;
    cx_bandset *set;
    char *pool;
    size_t used;
    uint64_t line[CX_MAX_BANDS];
    int failed;
} band_load;

static int load_fail(band_load *bl, uint64_t line, const char *what)
{
    diag_at(bl->err, (diag_place){bl->path, line, 0}, "%s", what);
    bl->failed = 1;
    return 1;
}

static int band_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                       reader_want *want)
{
    static const unsigned char all[4] = {1, 1, 1, 1};
    band_load *bl = ctx;
    if (n != 4)
        return load_fail(bl, line, "a band file has the columns interval,id,label_en,label_ru");
    for (size_t i = 0; i < 4; i++)
        if (!text_name_equal(f[i].ptr, f[i].len, band_columns[i]))
            return load_fail(bl, line,
                             "a band file has the columns interval,id,label_en,label_ru");
    want->mask = all;
    want->len = 4;
    return 0;
}

static const char *keep(band_load *bl, const reader_field *f)
{
    const char *p = f->ptr;
    size_t len = f->len;
    text_trim(&p, &len);
    if (bl->used + len + 1 > BAND_STRINGS || memchr(p, '\0', len))
        return NULL;
    char *s = bl->pool + bl->used;
    memcpy(s, p, len);
    s[len] = '\0';
    bl->used += len + 1;
    return s;
}

static int band_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    band_load *bl = ctx;
    if (n != 4)
        return load_fail(bl, line, "a band needs 4 fields: interval,id,label_en,label_ru");
    const char *id = keep(bl, &f[1]), *en = keep(bl, &f[2]), *ru = keep(bl, &f[3]);
    if (!id || !en || !ru)
        return load_fail(bl, line, "band text too long or holds a NUL byte");
    size_t i = bl->set->count;
    cx_status st = cx_bandset_add(bl->set, f[0].ptr, f[0].len, id, en, ru);
    if (st != CX_OK)
        return load_fail(bl, line, cx_strerror(st));
    bl->line[i] = line;
    return 0;
}

static int load_file(band_choice *bc, cx_metric m, const char *path, const cx_scale *scale,
                     FILE *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        diag_at(err, (diag_place){path, 0, 0}, "%s", strerror(errno));
        return EXIT_DATA;
    }
    cx_bandset *set = &bc->loaded[m];
    memset(set, 0, sizeof *set);
    set->name = path;
    set->metric = m;
    bc->strings[m] = malloc(BAND_STRINGS);
    band_load bl = {.path = path, .err = err, .set = set, .pool = bc->strings[m]};
    if (!bl.pool) {
        fclose(fp);
        diag_error(err, "out of memory");
        return EXIT_DATA;
    }
    reader_config cfg = {.delim = ',', .header = true};
    reader_callbacks cb = {.ctx = &bl, .header = band_header, .record = band_record};
    reader_result r;
    reader_status rs = reader_read(fp, &cfg, &cb, &r);
    fclose(fp);
    if (bl.failed)
        return EXIT_DATA;
    if (rs != READER_OK) {
        diag_at(err, (diag_place){path, r.line, 0}, "%s",
                rs == READER_EIO ? strerror(r.errno_value) : reader_strerror(rs));
        return EXIT_DATA;
    }
    cx_decimal lo, hi;
    size_t bad;
    cx_band_range(scale, &lo, &hi);
    cx_status st = cx_bandset_check(set, lo, hi, &bad);
    if (st != CX_OK) {
        uint64_t line = bad < set->count ? bl.line[bad] : r.lines;
        diag_at(err, (diag_place){path, line, 0}, "%s", cx_strerror(st));
        return EXIT_DATA;
    }
    bc->set[m] = set;
    return EXIT_OK;
}

int bands_choose(band_choice *bc, const char *const *spec,
                 const cx_scale scale[CX_METRIC_COUNT], FILE *err)
{
    memset(bc, 0, sizeof *bc);
    for (int i = 0; i < CX_METRIC_COUNT; i++) {
        cx_metric m = (cx_metric)i;
        const char *s = spec[m];
        if (!s) {
            bc->set[m] = cx_bandset_default(m);
            continue;
        }
        if (strcmp(s, "none") == 0)
            continue;
        const cx_bandset *b = cx_bandset_builtin(s);
        if (b) {
            if (b->metric != m) {
                diag_error(err, "band set '%s' is for %s, not %s\n"
                             "Try 'cxstat --help' for more information.",
                        s, cx_metric_name(b->metric), cx_metric_name(m));
                return EXIT_USAGE;
            }
            bc->set[m] = b;
            continue;
        }
        int rc = load_file(bc, m, s, &scale[m], err);
        if (rc != EXIT_OK)
            return rc;
    }
    return EXIT_OK;
}

void bands_free(band_choice *bc)
{
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        free(bc->strings[m]);
        bc->strings[m] = NULL;
    }
}
