/* test_fastline.c - proves fastline_split() gives exactly what libcsv 3.0.3 gives
 * for every line it accepts: every field's bytes, the field count and whether a
 * record exists, for every delimiter, on exhaustive short lines, random lines and
 * every line of the test data; that it accepts every line without quotes, and
 * every line whose quoted fields end on it when no field is wanted; and that it
 * refuses lines whose quoted field goes on past the line end. */
#include "unit.h"

#include "fastline.h"

#include <csv.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const unsigned char delims[] = {',', ';', '\t', '|'};
#define NDELIMS (sizeof delims / sizeof delims[0])

/* Room for the fields of any line in the tests that is not meant to overflow. */
#define BIG_CAP 4096

/* ---- the oracle: libcsv itself ----------------------------------------- */

typedef struct oracle {
    struct csv_parser p; /* csv_init(&p, 0) and csv_set_delim(): as the reader makes it */
    unsigned char *bytes; /* every field's bytes, one after another */
    size_t used, bytes_cap;
    size_t *off, *len; /* per field */
    size_t nfields, fields_cap;
    size_t records;
} oracle;

static void on_field(void *s, size_t len, void *data)
{
    oracle *o = data;
    if (o->used + len > o->bytes_cap) {
        size_t cap = o->bytes_cap ? o->bytes_cap : 256;
        while (o->used + len > cap)
            cap *= 2;
        unsigned char *bytes = realloc(o->bytes, cap);
        assert_non_null(bytes);
        o->bytes = bytes;
        o->bytes_cap = cap;
    }
    if (o->nfields == o->fields_cap) {
        size_t cap = o->fields_cap ? o->fields_cap * 2 : 64;
        size_t *off = realloc(o->off, cap * sizeof *off);
        assert_non_null(off);
        o->off = off;
        size_t *len_ = realloc(o->len, cap * sizeof *len_);
        assert_non_null(len_);
        o->len = len_;
        o->fields_cap = cap;
    }
    if (len > 0)
        memcpy(o->bytes + o->used, s, len);
    o->off[o->nfields] = o->used;
    o->len[o->nfields] = len;
    o->nfields++;
    o->used += len;
}

static void on_record(int c, void *data)
{
    (void)c;
    oracle *o = data;
    o->records++;
}

static void oracle_init(oracle *o, unsigned char delim)
{
    memset(o, 0, sizeof *o);
    assert_int_equal(csv_init(&o->p, 0), 0);
    csv_set_delim(&o->p, delim);
}

static void oracle_free(oracle *o)
{
    csv_free(&o->p);
    free(o->bytes);
    free(o->off);
    free(o->len);
}

/* libcsv, in its initial state, parses s[0..n); csv_fini() then resets it to
 * that state (its documented reset), which must add nothing after a line end.
 * @return false when the line end was inside a quoted field (libcsv reset). */
static bool oracle_run(oracle *o, const unsigned char *s, size_t n)
{
    o->used = o->nfields = o->records = 0;
    assert_int_equal(o->p.pstate, 0); /* ROW_NOT_BEGUN */
    assert_int_equal(o->p.entry_pos, 0);
    assert_int_equal(o->p.quoted, 0);
    assert_true(csv_parse(&o->p, s, n, on_field, on_record, o) == n);
    if (o->p.pstate != 0) { /* a quoted field goes on */
        assert_int_equal(o->p.quoted, 1);
        assert_int_equal(csv_fini(&o->p, NULL, NULL, NULL), 0);
        return false;
    }
    size_t nfields = o->nfields, records = o->records;
    assert_int_equal(csv_fini(&o->p, on_field, on_record, o), 0);
    assert_true(o->nfields == nfields && o->records == records);
    assert_true(o->records <= 1);
    if (o->records == 0)
        assert_true(o->nfields == 0);
    return true;
}

/* ---- want masks ---------------------------------------------------------- */

static unsigned char all_ones[BIG_CAP];
static unsigned char alternate[BIG_CAP];  /* 1, 0, 1, 0 ... */
static unsigned char every_third[BIG_CAP]; /* 0, 0, 1, 0, 0, 1 ... */

typedef struct mask {
    const unsigned char *want;
    size_t len;
} mask;

static mask masks[6];
static size_t nmasks;

static void masks_init(void)
{
    for (size_t i = 0; i < BIG_CAP; i++) {
        all_ones[i] = 1;
        alternate[i] = (unsigned char)(i % 2 == 0);
        every_third[i] = (unsigned char)(i % 3 == 2);
    }
    static const unsigned char second_only[2] = {0, 1};
    nmasks = 0;
    masks[nmasks++] = (mask){all_ones, BIG_CAP};     /* every field: compared byte for byte */
    masks[nmasks++] = (mask){alternate, BIG_CAP};
    masks[nmasks++] = (mask){every_third, BIG_CAP};
    masks[nmasks++] = (mask){all_ones, 1};           /* shorter than the record */
    masks[nmasks++] = (mask){second_only, 2};
    masks[nmasks++] = (mask){NULL, 5};               /* no mask: nothing wanted */
}

static int is_wanted(const mask *m, size_t c)
{
    return m->want != NULL && c < m->len && m->want[c] != 0;
}

/* ---- the comparison ------------------------------------------------------ */

typedef struct counts {
    size_t compared; /* (line, delimiter) pairs split by both and found equal */
    size_t records;  /* of those, the ones that gave a record */
    size_t refused;  /* pairs fastline must refuse (no line end, a quoted line end), and did */
} counts;

static reader_field got[BIG_CAP + 1];

/*
 * s[0..n) starts at a record boundary.  When its first line is complete and
 * libcsv ends a record (or a blank line) at its line end, fastline_split()
 * must give what libcsv gives for exactly those bytes, under every mask, with
 * room for all fields, exactly enough room, and one field too few (refused):
 * the line's length and the fields, or 0 only for a line with quotes and a
 * wanted field.  When the line end is missing or inside quotes it must
 * return 0.
 */
static void check_line(oracle *o, const unsigned char *s, size_t n, counts *ct)
{
    unsigned char delim = o->p.delim_char;
    size_t e = 0;
    int quote = 0;
    while (e < n && s[e] != '\n' && s[e] != '\r') {
        quote |= s[e] == '"';
        e++;
    }
    size_t nf = 99;
    if (e == n || !oracle_run(o, s, e + 1)) {
        for (size_t mi = 0; mi < nmasks; mi++) {
            assert_int_equal(fastline_split(s, n, delim, masks[mi].want, masks[mi].len, got,
                                            BIG_CAP, &nf), 0);
            assert_int_equal(nf, 0);
        }
        ct->refused++;
        return;
    }
    const size_t caps[3] = {BIG_CAP, o->nfields, o->nfields > 0 ? o->nfields - 1 : 0};
    for (size_t ci = 0; ci < 3; ci++) {
        size_t cap = caps[ci];
        if (cap > BIG_CAP)
            continue; /* got[] has BIG_CAP entries; the first cap refuses such a line */
        size_t expect = o->nfields <= cap ? e + 1 : 0;
        /* every mask with room for all fields; the tight caps with all wanted */
        for (size_t mi = 0; mi < (ci == 0 ? nmasks : 1); mi++) {
            const mask *m = &masks[mi];
            nf = 99;
            size_t r = fastline_split(s, n, delim, m->want, m->len, got, cap, &nf);
            /* a wanted quoted field may need rewriting: then libcsv reads the line */
            bool may_refuse = quote && m->want != NULL;
            if (!(r == expect || (may_refuse && r == 0)) || nf != (r == 0 ? 0 : o->nfields))
                fail_msg("delim 0x%02x mask %zu cap %zu: returned %zu with %zu fields, "
                         "libcsv: %zu with %zu fields",
                         delim, mi, cap, r, nf, expect, o->nfields);
            if (r == 0)
                continue;
            for (size_t c = 0; c < nf; c++) {
                /* plain comparisons: this loop runs some 10^7 times */
                const unsigned char *ptr = (const unsigned char *)got[c].ptr;
                int same = got[c].len == o->len[c];
                if (!is_wanted(m, c))
                    same = same && ptr == NULL;
                else /* the field points into the line, and holds libcsv's bytes */
                    same = same && ptr != NULL && ptr >= s && ptr + got[c].len <= s + e &&
                           memcmp(ptr, o->bytes + o->off[c], got[c].len) == 0;
                if (!same)
                    fail_msg("delim 0x%02x mask %zu cap %zu: field %zu of %zu differs from "
                             "libcsv's (%zu bytes there)",
                             delim, mi, cap, c, nf, o->len[c]);
            }
        }
    }
    ct->compared++;
    ct->records += o->records;
}

/* ---- hand-written cases -------------------------------------------------- */

/* Splits the C string line (n bytes) and checks the return and the fields,
 * given as expected[0..nexp) (NUL-free strings). */
static void expect_fields(const char *line, size_t n, unsigned char delim, size_t ret,
                          const char *const *expected, size_t nexp)
{
    size_t nf = 99;
    size_t r = fastline_split((const unsigned char *)line, n, delim, all_ones, BIG_CAP, got,
                              BIG_CAP, &nf);
    if (r != ret)
        print_error("line of %zu bytes, delim 0x%02x: returned %zu, want %zu\n", n, delim, r, ret);
    assert_true(r == ret);
    assert_true(nf == nexp);
    for (size_t i = 0; i < nexp; i++) {
        assert_true(got[i].len == strlen(expected[i]));
        assert_memory_equal(got[i].ptr, expected[i], got[i].len);
    }
}

#define EXPECT(line, delim, ret, ...)                                                           \
    do {                                                                                        \
        static const char *const exp_[] = {__VA_ARGS__};                                        \
        expect_fields(line, sizeof(line) - 1, delim, ret, exp_, sizeof exp_ / sizeof exp_[0]); \
    } while (0)
#define EXPECT_NONE(line, delim, ret) expect_fields(line, sizeof(line) - 1, delim, ret, NULL, 0)

static void test_hand_written_lines_give_libcsv_fields(void **state)
{
    (void)state;
    masks_init();
    EXPECT("  a , b\t,\n", ',', 10, "a", "b", "");
    EXPECT_NONE(" \t \n", ',', 4);         /* blank: no record */
    EXPECT_NONE("\n", ';', 1);             /* empty: no record */
    EXPECT_NONE("\r", '|', 1);             /* a lone CR ends a line too */
    EXPECT("a\tb \n", '\t', 5, "a", "b");  /* the tab is the delimiter, not a space */
    EXPECT(" \t\n", '\t', 3, "", "");      /* ... even among spaces: two empty fields */
    EXPECT("\t\n", '\t', 2, "", "");
    EXPECT(",\n", ',', 2, "", "");         /* a lone delimiter: two empty fields */
    EXPECT("a,\n", ',', 3, "a", "");       /* a trailing delimiter: a final empty field */
    EXPECT("a b  c ,x\r\n", ',', 10, "a b  c", "x"); /* inner spaces stay; CR ends the line */
    EXPECT("x;y,z|w\n", ';', 8, "x", "y,z|w");
    EXPECT("x;y,z|w\n", '|', 8, "x;y,z", "w");
    EXPECT("\xC3\xA9t\xC3\xA9 | \xFF\n", '|', 10, "\xC3\xA9t\xC3\xA9", "\xFF");
    EXPECT("a\n\"", ',', 2, "a");          /* bytes after the line end are not looked at */

    /* NUL bytes are data. */
    size_t nf = 0;
    static const char nul[] = " a\0b \0,\0\n";
    assert_int_equal(fastline_split((const unsigned char *)nul, sizeof nul - 1, ',', all_ones,
                                    BIG_CAP, got, BIG_CAP, &nf),
                     sizeof nul - 1);
    assert_int_equal(nf, 2);
    assert_int_equal(got[0].len, 5);
    assert_memory_equal(got[0].ptr, "a\0b \0", 5);
    assert_int_equal(got[1].len, 1);
    assert_memory_equal(got[1].ptr, "\0", 1);

    /* Quotes: a quoted field is its bytes between the quotes; a stray quote is data. */
    EXPECT("a,\"b\"\n", ',', 6, "a", "b");
    EXPECT("a\"b\n", ',', 4, "a\"b");
    EXPECT(" \"x, y\" \t;\"\"\r", ';', 13, "x, y", "");
    EXPECT("\"a\tb\"\t\"c\"\n", '\t', 10, "a\tb", "c");

    /* Refused: a quoted line end, a wanted field to rewrite, no line end, an
     * unsupported delimiter. */
    EXPECT_NONE("a,\"b\nc\"\n", ',', 0);
    EXPECT_NONE("\"say \"\"hi\"\"\"\n", ',', 0);
    EXPECT_NONE("\"a\"b,c\n", ',', 0);
    EXPECT_NONE("a,b", ',', 0);
    EXPECT_NONE("", ',', 0);
    EXPECT_NONE("   ", ',', 0);
    EXPECT_NONE("a b\n", ' ', 0);
    EXPECT_NONE("a:b\n", ':', 0);

    /* More fields than cap: refused; exactly cap: accepted. */
    const unsigned char *abc = (const unsigned char *)"a,b,c\n";
    assert_int_equal(fastline_split(abc, 6, ',', all_ones, 3, got, 2, &nf), 0);
    assert_int_equal(nf, 0);
    assert_int_equal(fastline_split(abc, 6, ',', all_ones, 3, got, 3, &nf), 6);
    assert_int_equal(nf, 3);
    assert_int_equal(fastline_split((const unsigned char *)" \n", 2, ',', NULL, 0, got, 0, &nf), 2);
    assert_int_equal(nf, 0);

    /* Unwanted fields: ptr NULL, length still exact. */
    static const unsigned char want01[] = {0, 1};
    abc = (const unsigned char *)" a ,bb,  ccc\n";
    assert_int_equal(fastline_split(abc, 13, ',', want01, 2, got, 8, &nf), 13);
    assert_int_equal(nf, 3);
    assert_null(got[0].ptr);
    assert_int_equal(got[0].len, 1);
    assert_non_null(got[1].ptr);
    assert_int_equal(got[1].len, 2);
    assert_memory_equal(got[1].ptr, "bb", 2);
    assert_null(got[2].ptr);
    assert_int_equal(got[2].len, 3);
    /* An unwanted quoted field that would need rewriting: followed, its length exact. */
    abc = (const unsigned char *)"\"say \"\"hi\"\"\" ,x\n";
    assert_int_equal(fastline_split(abc, 16, ',', want01, 2, got, 8, &nf), 16);
    assert_int_equal(nf, 2);
    assert_null(got[0].ptr);
    assert_int_equal(got[0].len, 8); /* say "hi" */
    assert_int_equal(got[1].len, 1);
    assert_memory_equal(got[1].ptr, "x", 1);
}

/* ---- 1. exhaustive short lines ------------------------------------------- */

static const unsigned char alphabet[] = {'a', '1', ' ', '\t', ',', ';',
                                         '|', '"', '\r', '\n', '\0', 0xC3};
#define NALPHA (sizeof alphabet / sizeof alphabet[0])
#define EXHAUSTIVE_MAX 5

static void test_every_short_line_matches_libcsv(void **state)
{
    (void)state;
    masks_init();
    counts ct = {0};
    for (size_t di = 0; di < NDELIMS; di++) {
        oracle o;
        oracle_init(&o, delims[di]);
        for (size_t len = 0; len <= EXHAUSTIVE_MAX; len++) {
            /* exactly len bytes on the heap, so a read past the end is caught */
            unsigned char *s = malloc(len > 0 ? len : 1);
            assert_non_null(s);
            size_t digit[EXHAUSTIVE_MAX] = {0};
            for (;;) {
                for (size_t i = 0; i < len; i++)
                    s[i] = alphabet[digit[i]];
                check_line(&o, s, len, &ct);
                size_t i = 0;
                while (i < len && ++digit[i] == NALPHA)
                    digit[i++] = 0;
                if (i == len)
                    break;
            }
            free(s);
        }
        oracle_free(&o);
    }
    /* 4 delimiters x (12^0 + ... + 12^5) strings */
    assert_true(ct.compared + ct.refused == NDELIMS * 271453);
    print_message("exhaustive: %zu lines split equal to libcsv (%zu records), %zu refused\n",
                  ct.compared, ct.records, ct.refused);
}

/* ---- 2. random lines ------------------------------------------------------ */

static uint64_t lcg_state;

static uint32_t lcg(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}

/* A weighted byte: mostly text, often spaces, tabs and delimiters, sometimes
 * anything (NUL, bytes >= 0x80, line ends), a quote only when allowed. */
static unsigned char random_byte(int quotes)
{
    static const char text[] = "abcxyz0123456789.-_";
    static const char seps[] = "  \t\t,;|";
    uint32_t r = lcg() % 100;
    if (r < 55)
        return (unsigned char)text[lcg() % (sizeof text - 1)];
    if (r < 90)
        return (unsigned char)seps[lcg() % (sizeof seps - 1)];
    if (r < 97)
        return (unsigned char)(0x80 + lcg() % 0x80);
    if (r < 98)
        return 0;
    if (r < 99)
        return quotes ? '"' : 'q';
    return lcg() % 2 ? '\n' : '\r';
}

#define RANDOM_LINES 100000
#define RANDOM_MAX 200

static void test_random_lines_match_libcsv(void **state)
{
    (void)state;
    masks_init();
    lcg_state = 20260101;
    counts ct = {0};
    oracle o[NDELIMS];
    for (size_t di = 0; di < NDELIMS; di++)
        oracle_init(&o[di], delims[di]);
    unsigned char *bufs[RANDOM_MAX + 1];
    for (size_t len = 0; len <= RANDOM_MAX; len++) {
        bufs[len] = malloc(len > 0 ? len : 1);
        assert_non_null(bufs[len]);
    }
    for (size_t k = 0; k < RANDOM_LINES; k++) {
        size_t len = lcg() % (RANDOM_MAX + 1);
        int quotes = lcg() % 4 == 0;
        unsigned char *s = bufs[len];
        for (size_t i = 0; i < len; i++)
            s[i] = random_byte(quotes);
        if (len > 0 && lcg() % 10 != 0) /* most lines end in a line end */
            s[len - 1] = lcg() % 2 ? '\n' : '\r';
        for (size_t di = 0; di < NDELIMS; di++)
            check_line(&o[di], s, len, &ct);
    }
    for (size_t len = 0; len <= RANDOM_MAX; len++)
        free(bufs[len]);
    for (size_t di = 0; di < NDELIMS; di++)
        oracle_free(&o[di]);
    assert_true(ct.compared + ct.refused == NDELIMS * RANDOM_LINES);
    assert_true(ct.compared > NDELIMS * RANDOM_LINES / 2);
    print_message("random: %zu lines split equal to libcsv (%zu records), %zu refused\n",
                  ct.compared, ct.records, ct.refused);
}

/* ---- 3. every line of the test data -------------------------------------- */

typedef struct walk {
    oracle o[NDELIMS];
    counts ct;
    size_t files;
} walk;

static void check_file(walk *w, const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    unsigned char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            unsigned char *grown = realloc(data, cap);
            assert_non_null(grown);
            data = grown;
        }
        size_t got_n = fread(data + len, 1, cap - len, fp);
        if (got_n == 0)
            break;
        len += got_n;
    }
    assert_int_equal(ferror(fp), 0);
    fclose(fp);
    /* Each line, as if at a record start; fastline sees the rest of the file. */
    size_t start = 0;
    for (;;) {
        for (size_t di = 0; di < NDELIMS; di++)
            check_line(&w->o[di], data + start, len - start, &w->ct);
        size_t e = start;
        while (e < len && data[e] != '\n' && data[e] != '\r')
            e++;
        if (e == len)
            break;
        start = e + 1;
    }
    free(data);
    w->files++;
}

static void walk_dir(walk *w, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fail_msg("cannot open %s (the unit tests run from the repository's root)", dir);
        return;
    }
    const struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        char path[4096];
        int k = snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        assert_true(k > 0 && (size_t)k < sizeof path);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode))
            walk_dir(w, path);
        else if (S_ISREG(st.st_mode))
            check_file(w, path);
    }
    closedir(d);
}

static void test_every_line_of_the_test_data_matches_libcsv(void **state)
{
    (void)state;
    masks_init();
    walk *w = calloc(1, sizeof *w);
    assert_non_null(w);
    for (size_t di = 0; di < NDELIMS; di++)
        oracle_init(&w->o[di], delims[di]);
    walk_dir(w, "tests/fuzz/corpus");
    walk_dir(w, "tests/e2e/data");
    for (size_t di = 0; di < NDELIMS; di++)
        oracle_free(&w->o[di]);
    assert_true(w->files >= 100);
    assert_true(w->ct.compared >= 1000);
    print_message("test data: %zu files, %zu lines split equal to libcsv (%zu records), "
                  "%zu refused\n",
                  w->files, w->ct.compared, w->ct.records, w->ct.refused);
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_written_lines_give_libcsv_fields),
        cmocka_unit_test(test_every_short_line_matches_libcsv),
        cmocka_unit_test(test_random_lines_match_libcsv),
        cmocka_unit_test(test_every_line_of_the_test_data_matches_libcsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
