/* test_fastline.c - proves fastline_split() gives exactly what libcsv 3.0.3 gives
 * for every record that starts at a record boundary: its length, every field's
 * bytes, the field count, whether a record exists and the line ends inside it,
 * for every delimiter, on exhaustive short inputs, random lines, random records
 * with quoted fields (delimiters, line ends, doubled and stray quotes) and from
 * every line of the test data; that it accepts every record that ends within
 * its bytes (refusing only for want of field or scratch room); and that it
 * refuses when the record does not end there; and that fastline_run() over a
 * buffer of records gives each one as fastline_split() does from its start. */
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

/*
 * libcsv, in its initial state, parses s[0..n) line by line (as the reader
 * feeds it) until the first record or blank line ends; csv_fini() then
 * resets it to that state (its documented reset), which must add nothing
 * after a record's end.  @return the bytes up to that end, with its line
 * end, or 0 when none lies within n (libcsv reset).
 */
static size_t oracle_record(oracle *o, const unsigned char *s, size_t n)
{
    o->used = o->nfields = o->records = 0;
    assert_int_equal(o->p.pstate, 0); /* ROW_NOT_BEGUN */
    assert_int_equal(o->p.entry_pos, 0);
    assert_int_equal(o->p.quoted, 0);
    size_t i = 0;
    for (;;) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\r')
            e++;
        if (e == n)
            break;
        assert_true(csv_parse(&o->p, s + i, e + 1 - i, on_field, on_record, o) == e + 1 - i);
        i = e + 1;
        if (o->p.pstate != 0)
            continue; /* a quoted field goes on */
        size_t nfields = o->nfields, records = o->records;
        assert_int_equal(csv_fini(&o->p, on_field, on_record, o), 0);
        assert_true(o->nfields == nfields && o->records == records);
        assert_true(o->records <= 1);
        if (o->records == 0)
            assert_true(o->nfields == 0);
        return i;
    }
    assert_int_equal(csv_fini(&o->p, NULL, NULL, NULL), 0);
    return 0;
}

/* The reader's line count: LF, CR, and CR LF as one line end. */
static uint64_t line_ends(const unsigned char *s, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            k++;
        else if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))
            k++;
    }
    return k;
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

/* Room for unescaped fields in most tests. */
#define SCRATCH ((size_t)1 << 20)
static unsigned char scratch[SCRATCH];
static uint64_t got_lines; /* line ends inside the last record split */

/* fastline_split() with the fields in fields[0..cap) and scratch_cap bytes of scratch. */
static size_t split_room(const unsigned char *s, size_t n, unsigned char delim,
                         const unsigned char *want, size_t want_len, reader_field *fields,
                         size_t cap, size_t scratch_cap, size_t *nf)
{
    fastline_out out = {fields, cap, scratch, scratch_cap, 99, 99};
    size_t r = fastline_split(s, n, delim, want, want_len, &out);
    *nf = out.nf;
    got_lines = out.lines;
    return r;
}

/* The same with all the scratch room. */
static size_t split(const unsigned char *s, size_t n, unsigned char delim,
                    const unsigned char *want, size_t want_len, reader_field *fields, size_t cap,
                    size_t *nf)
{
    return split_room(s, n, delim, want, want_len, fields, cap, SCRATCH, nf);
}

/* A field fastline gave equals libcsv's: NULL when not wanted, else its
 * bytes, in the record or in the scratch room. */
static int same_field(const oracle *o, const mask *m, size_t c, const unsigned char *s,
                      size_t end)
{
    /* plain comparisons: this runs some 10^7 times */
    const unsigned char *ptr = (const unsigned char *)got[c].ptr;
    if (got[c].len != o->len[c])
        return 0;
    if (!is_wanted(m, c))
        return ptr == NULL;
    int in_s = ptr >= s && ptr + got[c].len <= s + end;
    int in_scratch = ptr >= scratch && ptr + got[c].len <= scratch + SCRATCH;
    return ptr != NULL && (in_s || in_scratch) &&
           memcmp(ptr, o->bytes + o->off[c], got[c].len) == 0;
}

/*
 * s[0..n) starts at a record boundary.  When libcsv ends a record (or a
 * blank line) within it, fastline_split() must give what libcsv gives for
 * exactly those bytes, under every mask, with room for all fields, exactly
 * enough room, and one field too few (refused), and with no scratch room
 * (refused only for a wanted field that needs it): the record's length, its
 * fields and the line ends inside it.  When no record ends within n it must
 * return 0.
 */
static void check_line(oracle *o, const unsigned char *s, size_t n, counts *ct)
{
    unsigned char delim = o->p.delim_char;
    size_t end = oracle_record(o, s, n);
    size_t nf = 99;
    if (end == 0) {
        for (size_t mi = 0; mi < nmasks; mi++) {
            assert_int_equal(split(s, n, delim, masks[mi].want, masks[mi].len, got, BIG_CAP, &nf),
                             0);
            assert_int_equal(nf, 0);
        }
        ct->refused++;
        return;
    }
    int quote = memchr(s, '"', end) != NULL;
    uint64_t lines = line_ends(s, end - 1);
    const size_t caps[3] = {BIG_CAP, o->nfields, o->nfields > 0 ? o->nfields - 1 : 0};
    for (size_t ci = 0; ci < 3; ci++) {
        size_t cap = caps[ci];
        if (cap > BIG_CAP)
            continue; /* got[] has BIG_CAP entries; the first cap refuses such a record */
        size_t expect = o->nfields <= cap && end <= SCRATCH ? end : 0;
        /* every mask with room for all fields (with and without scratch room);
         * the tight caps with all wanted */
        for (size_t vi = 0; vi < (ci == 0 ? 2 * nmasks : 1); vi++) {
            const mask *m = &masks[vi % nmasks];
            size_t room = vi < nmasks ? SCRATCH : 0;
            size_t r = split_room(s, n, delim, m->want, m->len, got, cap, room, &nf);
            /* without room, a wanted quoted field may need it: then libcsv reads it */
            bool may_refuse = quote && m->want != NULL && room == 0;
            if (!(r == expect || (may_refuse && r == 0)) || nf != (r == 0 ? 0 : o->nfields) ||
                (r != 0 && got_lines != lines))
                fail_msg("delim 0x%02x mask %zu cap %zu room %zu: returned %zu with %zu fields "
                         "and %llu lines, libcsv: %zu with %zu fields and %llu lines",
                         delim, vi % nmasks, cap, room, r, nf, (unsigned long long)got_lines,
                         expect, o->nfields, (unsigned long long)lines);
            if (r == 0)
                continue;
            for (size_t c = 0; c < nf; c++)
                if (!same_field(o, m, c, s, end))
                    fail_msg("delim 0x%02x mask %zu cap %zu: field %zu of %zu differs from "
                             "libcsv's (%zu bytes there)",
                             delim, vi % nmasks, cap, c, nf, o->len[c]);
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
    size_t r = split((const unsigned char *)line, n, delim, all_ones, BIG_CAP, got, BIG_CAP, &nf);
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
    assert_int_equal(split((const unsigned char *)nul, sizeof nul - 1, ',', all_ones,
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

    assert_int_equal(got_lines, 0);

    /* Line ends inside quotes (CR LF one, a lone CR one); doubled quotes
     * unescaped; bytes after a closing quote (libcsv reads on, quoted). */
    EXPECT("a,\"b\nc\"\n", ',', 8, "a", "b\nc");
    assert_int_equal(got_lines, 1);
    EXPECT("\"x\r\ny\",z\r", ',', 9, "x\r\ny", "z");
    assert_int_equal(got_lines, 1);
    EXPECT("\"p\rq\n\nr\"\n", ',', 9, "p\rq\n\nr");
    assert_int_equal(got_lines, 3);
    EXPECT("\"say \"\"hi\"\"\"\n", ',', 13, "say \"hi\"");
    EXPECT("\"a\"b,c\"\n", ',', 8, "a\"b,c");
    EXPECT("\"a\" \"b\"\n", ',', 8, "a\" \"b");
    EXPECT("x,\"\"\"\"\"\" ,y\n", ',', 12, "x", "\"\"", "y");

    /* Refused: no record end (a quote still open), an unsupported delimiter. */
    EXPECT_NONE("\"a\"b,c\n", ',', 0);
    EXPECT_NONE("a,\"b\nc\n", ',', 0);
    EXPECT_NONE("a,b", ',', 0);
    EXPECT_NONE("", ',', 0);
    EXPECT_NONE("   ", ',', 0);
    EXPECT_NONE("a b\n", ' ', 0);
    EXPECT_NONE("a:b\n", ':', 0);

    /* More fields than cap: refused; exactly cap: accepted. */
    const unsigned char *abc = (const unsigned char *)"a,b,c\n";
    assert_int_equal(split(abc, 6, ',', all_ones, 3, got, 2, &nf), 0);
    assert_int_equal(nf, 0);
    assert_int_equal(split(abc, 6, ',', all_ones, 3, got, 3, &nf), 6);
    assert_int_equal(nf, 3);
    assert_int_equal(split((const unsigned char *)" \n", 2, ',', NULL, 0, got, 0, &nf), 2);
    assert_int_equal(nf, 0);

    /* Unwanted fields: ptr NULL, length still exact. */
    static const unsigned char want01[] = {0, 1};
    abc = (const unsigned char *)" a ,bb,  ccc\n";
    assert_int_equal(split(abc, 13, ',', want01, 2, got, 8, &nf), 13);
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
    assert_int_equal(split(abc, 16, ',', want01, 2, got, 8, &nf), 16);
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

/* ---- 3. random records with quoted fields ------------------------------- */

/* Appends one field: plain text, a quoted field holding delimiters, line
 * ends and doubled quotes, or a malformed one (a stray quote, bytes after
 * the closing quote, no closing quote), with spaces around at times. */
static size_t random_field(unsigned char *s)
{
    static const char *const inner[] = {"a", "bc", ",", ";", "|", "\t", " ", "\n",
                                        "\r",  "\r\n", "\"\"", "\xC3\xA9", "x y", "9"};
    size_t n = 0, parts = lcg() % 6;
    if (lcg() % 4 == 0)
        s[n++] = lcg() % 2 ? ' ' : '\t';
    uint32_t kind = lcg() % 10;
    if (kind < 4) { /* plain */
        for (size_t i = 0; i < parts; i++)
            s[n++] = (unsigned char)"abz09.-"[lcg() % 7];
    } else {
        if (kind != 9)
            s[n++] = '"';
        for (size_t i = 0; i < parts; i++) {
            const char *t = inner[lcg() % (sizeof inner / sizeof inner[0])];
            size_t k = strlen(t);
            memcpy(s + n, t, k);
            n += k;
        }
        if (kind == 9 || lcg() % 8 != 0) /* now and then left open */
            s[n++] = '"';
        if (kind == 8) /* bytes after the closing quote, or one more quote */
            s[n++] = (unsigned char)"x\" "[lcg() % 3];
    }
    if (lcg() % 4 == 0)
        s[n++] = lcg() % 2 ? ' ' : '\t';
    return n;
}

/* ---- runs: fastline_run() gives what fastline_split() gives, record by record */

typedef struct run_check {
    const unsigned char *s;
    size_t n, piece, cap;
    unsigned char delim;
    const mask *m;
    size_t at;                  /* where the next record must start */
    size_t records;             /* handed to emit() */
    size_t refuse_at, stop_at;  /* emit()'s verdict for that record (1-based; 0: none) */
} run_check;

static reader_field split_fields[BIG_CAP + 1];
static unsigned char split_scratch[SCRATCH];

static int check_emit(void *ctx, const fastline_out *out, const unsigned char *rec, size_t len)
{
    run_check *c = ctx;
    assert_ptr_equal(rec, c->s + c->at);
    size_t left = c->n - c->at;
    fastline_out o2 = {split_fields, c->cap, split_scratch, SCRATCH, 99, 99};
    size_t r = fastline_split(rec, left < c->piece ? left : c->piece, c->delim, c->m->want,
                              c->m->len, &o2);
    assert_int_equal(r, len);
    assert_int_equal(o2.nf, out->nf);
    assert_int_equal(o2.lines, out->lines);
    for (size_t i = 0; i < out->nf; i++) {
        assert_int_equal(out->fields[i].len, split_fields[i].len);
        assert_true((out->fields[i].ptr == NULL) == (split_fields[i].ptr == NULL));
        if (out->fields[i].ptr != NULL && out->fields[i].len > 0)
            assert_memory_equal(out->fields[i].ptr, split_fields[i].ptr, out->fields[i].len);
    }
    c->records++;
    if (c->records == c->refuse_at)
        return FASTLINE_REFUSE;
    c->at += len;
    return c->records == c->stop_at ? FASTLINE_STOP : FASTLINE_NEXT;
}

/* One run over s[0..n): the records emit() takes are fastline_split()'s, one
 * after another, and the run ends where fastline_split() refuses, or emit()
 * says so.  @return the records handed to emit(). */
static size_t run_once(const unsigned char *s, size_t n, unsigned char delim, const mask *m,
                       size_t piece, size_t cap, size_t refuse_at, size_t stop_at)
{
    run_check c = {s, n, piece, cap, delim, m, 0, 0, refuse_at, stop_at};
    fastline_out out = {got, cap, scratch, SCRATCH, 99, 99};
    size_t taken = fastline_run(s, n, piece, delim, m->want, m->len, &out, check_emit, &c);
    assert_int_equal(taken, c.at);
    bool told = c.records > 0 && (c.records == refuse_at || c.records == stop_at);
    if (!told) { /* the run ended at a record fastline_split() refuses */
        size_t left = n - c.at, nf = 99;
        assert_int_equal(split_room(s + c.at, left < piece ? left : piece, delim, m->want,
                                    m->len, got, cap, SCRATCH, &nf), 0);
        assert_int_equal(nf, 0);
    }
    return c.records;
}

/* Runs over s[0..n) under every delimiter and mask, with a piece, a field
 * room and a verdict picked by the generator. */
static size_t check_run(const unsigned char *s, size_t n)
{
    static const size_t pieces[] = {1, 7, 63, 64, 65, 200, 4096, SIZE_MAX};
    size_t records = 0;
    for (size_t di = 0; di < NDELIMS; di++)
        for (size_t mi = 0; mi < nmasks; mi++) {
            size_t piece = pieces[lcg() % (sizeof pieces / sizeof pieces[0])];
            size_t cap = lcg() % 4 ? BIG_CAP : 1 + lcg() % 6;
            size_t refuse_at = lcg() % 4 ? 0 : 1 + lcg() % 8;
            size_t stop_at = lcg() % 4 ? 0 : 1 + lcg() % 8;
            records += run_once(s, n, delims[di], &masks[mi], piece, cap, refuse_at, stop_at);
        }
    return records;
}

#define RANDOM_RECORDS 20000
#define RECORDS_MAX 4096

static void test_random_records_match_libcsv(void **state)
{
    (void)state;
    masks_init();
    lcg_state = 20261206;
    counts ct = {0};
    size_t runs = 0;
    oracle o[NDELIMS];
    for (size_t di = 0; di < NDELIMS; di++)
        oracle_init(&o[di], delims[di]);
    unsigned char *text = malloc(RECORDS_MAX);
    assert_non_null(text);
    for (size_t k = 0; k < RANDOM_RECORDS; k++) {
        /* a few records of a few fields, delimiters of one kind or mixed */
        size_t n = 0, records = 1 + lcg() % 4;
        unsigned char d = delims[lcg() % NDELIMS];
        for (size_t rec = 0; rec < records && n < RECORDS_MAX - 512; rec++) {
            size_t fields = 1 + lcg() % 8;
            for (size_t f = 0; f < fields && n < RECORDS_MAX - 512; f++) {
                if (f > 0)
                    text[n++] = lcg() % 8 ? d : delims[lcg() % NDELIMS];
                n += random_field(text + n);
            }
            static const char *const ends[] = {"\n", "\r\n", "\r", "\n\n"};
            const char *e = ends[lcg() % 4];
            memcpy(text + n, e, strlen(e));
            n += strlen(e);
        }
        /* cut at a random point now and then; exactly n bytes on the heap */
        if (lcg() % 5 == 0)
            n = lcg() % (n + 1);
        unsigned char *s = malloc(n > 0 ? n : 1);
        assert_non_null(s);
        memcpy(s, text, n);
        for (size_t di = 0; di < NDELIMS; di++) {
            /* from every record start libcsv finds, as the reader would */
            size_t at = 0;
            for (;;) {
                check_line(&o[di], s + at, n - at, &ct);
                size_t end = oracle_record(&o[di], s + at, n - at);
                if (end == 0)
                    break;
                at += end;
            }
        }
        runs += check_run(s, n);
        free(s);
    }
    free(text);
    for (size_t di = 0; di < NDELIMS; di++)
        oracle_free(&o[di]);
    assert_true(ct.compared > RANDOM_RECORDS);
    print_message("random records: %zu split equal to libcsv (%zu records), %zu refused; "
                  "%zu records of runs split as one by one\n",
                  ct.compared, ct.records, ct.refused, runs);
}

/* Long runs: up to 64 records of plain and quoted fields, so that records
 * start anywhere in a block and blocks hold several records, quoted line
 * ends, stray quotes and blank lines among them. */
#define LONG_RUNS 3000
#define LONG_MAX 65536

static void test_long_runs_split_as_one_by_one(void **state)
{
    (void)state;
    masks_init();
    lcg_state = 20261207;
    unsigned char *text = malloc(LONG_MAX);
    assert_non_null(text);
    size_t runs = 0;
    for (size_t k = 0; k < LONG_RUNS; k++) {
        size_t n = 0, records = 1 + lcg() % 64;
        unsigned char d = delims[lcg() % NDELIMS];
        bool plain = lcg() % 2; /* half the runs without quotes: the scan's quick blocks */
        for (size_t rec = 0; rec < records && n < LONG_MAX - 1024; rec++) {
            size_t fields = 1 + lcg() % 8;
            for (size_t f = 0; f < fields && n < LONG_MAX - 1024; f++) {
                if (f > 0)
                    text[n++] = d;
                size_t w = random_field(text + n);
                for (size_t i = 0; plain && i < w; i++)
                    if (text[n + i] == '"')
                        text[n + i] = 'q';
                n += w;
            }
            static const char *const ends[] = {"\n", "\n", "\n", "\r\n", "\r", "\n \n"};
            const char *e = ends[lcg() % 6];
            memcpy(text + n, e, strlen(e));
            n += strlen(e);
        }
        if (lcg() % 5 == 0)
            n = lcg() % (n + 1);
        unsigned char *s = malloc(n > 0 ? n : 1);
        assert_non_null(s);
        memcpy(s, text, n);
        runs += check_run(s, n);
        free(s);
    }
    free(text);
    assert_true(runs > LONG_RUNS);
    print_message("long runs: %zu records split as one by one\n", runs);
}

/* ---- 4. every line of the test data -------------------------------------- */

typedef struct walk {
    oracle o[NDELIMS];
    counts ct;
    size_t files;
    size_t runs; /* records of whole-file runs split as one by one */
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
    w->runs += check_run(data, len);
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
    walk_dir(w, "tests/fuzz/regressions");
    walk_dir(w, "tests/e2e/data");
    for (size_t di = 0; di < NDELIMS; di++)
        oracle_free(&w->o[di]);
    assert_true(w->files >= 100);
    assert_true(w->ct.compared >= 1000);
    print_message("test data: %zu files, %zu lines split equal to libcsv (%zu records), "
                  "%zu refused; %zu records of whole-file runs split as one by one\n",
                  w->files, w->ct.compared, w->ct.records, w->ct.refused, w->runs);
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_written_lines_give_libcsv_fields),
        cmocka_unit_test(test_every_short_line_matches_libcsv),
        cmocka_unit_test(test_random_lines_match_libcsv),
        cmocka_unit_test(test_random_records_match_libcsv),
        cmocka_unit_test(test_long_runs_split_as_one_by_one),
        cmocka_unit_test(test_every_line_of_the_test_data_matches_libcsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
