/* test_reader.c - proves the CSV reader's records, line numbers and errors are right
 * and do not depend on how the input is split. */
#include "unit.h"

#include "reader.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- transcript: every callback and the result as one string ----------- */

typedef struct transcript {
    char *text;
    size_t len, cap;
    const char *mask;   /* "0"/"1" per column for the want mask; NULL: all */
    unsigned char maskbuf[64];
    unsigned stop_after; /* return non-zero from this callback (1-based); 0: never */
    unsigned calls;
} transcript;

static void put(transcript *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (t->len + n + 1 > cap)
            cap *= 2;
        t->text = realloc(t->text, cap);
        assert_non_null(t->text);
        t->cap = cap;
    }
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
}

static void puts_t(transcript *t, const char *s)
{
    put(t, s, strlen(s));
}

/* Appends s escaped so that separators and invisible bytes show. */
static void put_escaped(transcript *t, const char *s, size_t n)
{
    char tmp[8];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\n': puts_t(t, "\\n"); break;
        case '\r': puts_t(t, "\\r"); break;
        case '\t': puts_t(t, "\\t"); break;
        case '\0': puts_t(t, "\\0"); break;
        case '\\': puts_t(t, "\\\\"); break;
        case '|': puts_t(t, "\\|"); break;
        case ']': puts_t(t, "\\]"); break;
        default:
            if (c < 0x20 || c >= 0x7f) {
                snprintf(tmp, sizeof tmp, "\\x%02x", c);
                puts_t(t, tmp);
            } else {
                put(t, (const char *)&c, 1);
            }
        }
    }
}

static void put_fields(transcript *t, char kind, const reader_field *f, size_t n, uint64_t line)
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%s%c%" PRIu64, t->len ? " " : "", kind, line);
    puts_t(t, tmp);
    if (f == NULL) {
        puts_t(t, "-");
        return;
    }
    puts_t(t, "[");
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            puts_t(t, "|");
        if (f[i].ptr == NULL) {
            snprintf(tmp, sizeof tmp, "~%zu", f[i].len);
            puts_t(t, tmp);
        } else {
            put_escaped(t, f[i].ptr, f[i].len);
        }
    }
    puts_t(t, "]");
}

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line, reader_want *want)
{
    transcript *t = ctx;
    put_fields(t, 'H', f, n, line);
    if (t->mask == NULL) {
        memset(t->maskbuf, 1, sizeof t->maskbuf);
        want->len = sizeof t->maskbuf;
    } else {
        want->len = strlen(t->mask);
        for (size_t i = 0; i < want->len; i++)
            t->maskbuf[i] = t->mask[i] == '1';
    }
    want->mask = t->maskbuf;
    return ++t->calls == t->stop_after;
}

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    transcript *t = ctx;
    put_fields(t, 'R', f, n, line);
    return ++t->calls == t->stop_after;
}

static const char *status_name(reader_status s)
{
    static const char *const names[] = {"ok",     "stopped", "eio",    "equote",
                                        "efield", "efields", "enomem", "eempty"};
    return (size_t)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

static void put_result(transcript *t, reader_status st, const reader_result *res)
{
    char tmp[160];
    assert_int_equal(st, res->status);
    snprintf(tmp, sizeof tmp, "%s= %s r%" PRIu64 " l%" PRIu64 " d", t->len ? " " : "",
             status_name(st), res->records, res->lines);
    puts_t(t, tmp);
    char d = (char)res->delim;
    put_escaped(t, &d, 1);
    snprintf(tmp, sizeof tmp, " b%d @%" PRIu64, res->bom ? 1 : 0, res->line);
    puts_t(t, tmp);
}

/* ---- fixtures: input, options and the true transcript ----------------- */

typedef struct fixture {
    const char *name;
    const char *in;
    size_t len;
    int delim;
    bool header;
    const char *mask;
    unsigned stop_after;
    const char *want;
} fixture;

#define FIX(name, in, delim, header, want) {name, in, sizeof(in) - 1, delim, header, NULL, 0, want}
#define FIXM(name, in, header, mask, stop, want) {name, in, sizeof(in) - 1, 0, header, mask, stop, want}

static const fixture fx_simple = FIX("simple", "name,score\nann,9\nbob,10\n", 0, true,
    "H1[name|score] R2[ann|9] R3[bob|10] = ok r2 l3 d, b0 @0");
static const fixture fx_quoted = FIX("quoted",
    "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\nlast,1\n", 0, true,
    "H1[a|b] R2[x,y|say \"hi\"] R4[multi\\nline|z] R5[last|1] = ok r3 l5 d, b0 @0");
static const fixture fx_crlf = FIX("crlf", "a,b\r\n1,2\r\n\r\n3,4\r\n", 0, true,
    "H1[a|b] R2[1|2] R4[3|4] = ok r2 l4 d, b0 @0");
static const fixture fx_cr = FIX("cr-only", "a;b\r1;2\r3;4", 0, true,
    "H1[a|b] R2[1|2] R3[3|4] = ok r2 l3 d; b0 @0");
static const fixture fx_mixed_ends = FIX("mixed line ends", "a\r\r\n1\n\r2", 0, true,
    "H1[a] R3[1] R5[2] = ok r2 l5 d, b0 @0");
static const fixture fx_crlf_in_quotes = FIX("crlf in quotes", "a\r\n\"x\r\ny\"\r\nz\r\n", 0, true,
    "H1[a] R3[x\\r\\ny] R4[z] = ok r2 l4 d, b0 @0");
static const fixture fx_bom = FIX("bom", "\xEF\xBB\xBF" "id,nps\n1,9\n", 0, true,
    "H1[id|nps] R2[1|9] = ok r1 l2 d, b1 @0");
static const fixture fx_excel = FIX("excel ru", "\xEF\xBB\xBF" "name;score\r\n\"Ivanov, I.\";9\r\n", 0,
    true, "H1[name|score] R2[Ivanov, I.|9] = ok r1 l2 d; b1 @0");
static const fixture fx_bom_prefix = FIX("bom prefix is data", "\xEF\xBB" "x,y\n", 0, true,
    "H1[\\xef\\xbbx|y] = ok r0 l1 d, b0 @0");
static const fixture fx_tab = FIX("tab", "a\tb\tc\n1\t2\t3\n", 0, true,
    "H1[a|b|c] R2[1|2|3] = ok r1 l2 d\\t b0 @0");
static const fixture fx_pipe = FIX("pipe", "a|b\n1|2\n", 0, true,
    "H1[a|b] R2[1|2] = ok r1 l2 d\\| b0 @0");
static const fixture fx_quoted_semis = FIX("quoted ; in , header", "\"x;y;z\",b\n1,2\n", 0, true,
    "H1[x;y;z|b] R2[1|2] = ok r1 l2 d, b0 @0");
static const fixture fx_quoted_newline_header = FIX("quoted newline in ; header",
    "\"a\nb\";c\r\n1;2\r\n", 0, true, "H2[a\\nb|c] R3[1|2] = ok r1 l3 d; b0 @0");
static const fixture fx_tie_comma = FIX("tie , ;", "a,b;c\n1,2;3\n", 0, true,
    "H1[a|b;c] R2[1|2;3] = ok r1 l2 d, b0 @0");
static const fixture fx_tie_semi = FIX("tie ; tab", "a;b\tc\n", 0, true,
    "H1[a|b\\tc] = ok r0 l1 d; b0 @0");
static const fixture fx_tie_tab = FIX("tie tab |", "a\tb|c\n", 0, true,
    "H1[a|b\\|c] = ok r0 l1 d\\t b0 @0");
static const fixture fx_no_delim = FIX("no delimiter", "score\n9\n10\n", 0, true,
    "H1[score] R2[9] R3[10] = ok r2 l3 d, b0 @0");
static const fixture fx_blank_first = FIX("blank lines before header", "\n  \na;b\n1;2\n", 0, true,
    "H3[a|b] R4[1|2] = ok r1 l4 d; b0 @0");
static const fixture fx_given_delim = FIX("given delimiter", "a,b;c\n", ';', true,
    "H1[a,b|c] = ok r0 l1 d; b0 @0");
static const fixture fx_ragged = FIX("short and long records", "a,b,c\n1\n1,2,3,4\n", 0, true,
    "H1[a|b|c] R2[1] R3[1|2|3|4] = ok r2 l3 d, b0 @0");
static const fixture fx_blank = FIX("blank lines", "a,b\n\n   \n1,2\n\n", 0, true,
    "H1[a|b] R4[1|2] = ok r1 l5 d, b0 @0");
static const fixture fx_empty_fields = FIX("empty fields", "a,b\n,\n", 0, true,
    "H1[a|b] R2[|] = ok r1 l2 d, b0 @0");
static const fixture fx_trim = FIX("spaces trimmed", "a , b \n \" q \" ,2\n", 0, true,
    "H1[a|b] R2[ q |2] = ok r1 l2 d, b0 @0");
static const fixture fx_stray_quote = FIX("stray quote kept", "a,b\nx\"y,2\n", 0, true,
    "H1[a|b] R2[x\"y|2] = ok r1 l2 d, b0 @0");
static const fixture fx_no_final_eol = FIX("no final line end", "a,b\n1,2", 0, true,
    "H1[a|b] R2[1|2] = ok r1 l2 d, b0 @0");
static const fixture fx_quote_at_eof = FIX("closed quote at eof", "a\n\"x\"", 0, true,
    "H1[a] R2[x] = ok r1 l2 d, b0 @0");
static const fixture fx_nul = FIX("nul bytes", "a,b\n\"x\0y\",z\0\n", 0, true,
    "H1[a|b] R2[x\\0y|z\\0] = ok r1 l2 d, b0 @0");
static const fixture fx_header_only = FIX("header only", "a,b\n", 0, true,
    "H1[a|b] = ok r0 l1 d, b0 @0");
static const fixture fx_empty = FIX("empty", "", 0, true, "= eempty r0 l0 d, b0 @0");
static const fixture fx_bom_only = FIX("bom only", "\xEF\xBB\xBF", 0, true,
    "= eempty r0 l0 d, b1 @0");
static const fixture fx_blank_only = FIX("blank lines only", "\n\r\n  \r", 0, true,
    "= eempty r0 l3 d, b0 @0");
static const fixture fx_open_quote = FIX("open quote", "a,b\n1,\"open\nmore\n", 0, true,
    "H1[a|b] = equote r0 l3 d, b0 @2");
static const fixture fx_open_quote_after_closed = FIX("open quote after a closed one",
    "a,b\n\"x\",\"y\nz", 0, true, "H1[a|b] = equote r0 l3 d, b0 @2");
static const fixture fx_open_quote_late = FIX("open quote after a multi-line field",
    "a\n\"ok\nfine\"\n\"bad\n", 0, true, "H1[a] R3[ok\\nfine] = equote r1 l4 d, b0 @4");
static const fixture fx_no_header = FIX("no header", "1,2\n3,4\n", 0, false,
    "H0- R1[1|2] R2[3|4] = ok r2 l2 d, b0 @0");
static const fixture fx_no_header_empty = FIX("no header, empty", "", 0, false,
    "H0- = ok r0 l0 d, b0 @0");
static const fixture fx_mask = FIXM("want mask", "a,b,c,d\n1,22,333,4444\n", true, "01", 0,
    "H1[a|b|c|d] R2[~1|22|~3|~4] = ok r1 l2 d, b0 @0");
static const fixture fx_stop_record = FIXM("stop at second record", "a\n1\n2\n3\n", true, NULL,
    3, "H1[a] R2[1] R3[2] = stopped r2 l3 d, b0 @3");
static const fixture fx_stop_header = FIXM("stop at header", "a\n1\n", true, NULL, 1,
    "H1[a] = stopped r0 l1 d, b0 @1");
static const fixture fx_stop_no_header = FIXM("stop at the no-header call", "1\n2\n", false,
    NULL, 1, "H0- = stopped r0 l0 d, b0 @0");
static const fixture fx_stop_cr = FIXM("stop at a CR record", "a\r1\r\n2\r", true, NULL, 2,
    "H1[a] R2[1] = stopped r1 l2 d, b0 @2");

static const fixture *const all_fixtures[] = {
    &fx_simple, &fx_quoted, &fx_crlf, &fx_cr, &fx_mixed_ends, &fx_crlf_in_quotes, &fx_bom,
    &fx_excel, &fx_bom_prefix, &fx_tab, &fx_pipe, &fx_quoted_semis, &fx_quoted_newline_header,
    &fx_tie_comma, &fx_tie_semi, &fx_tie_tab, &fx_no_delim, &fx_blank_first, &fx_given_delim,
    &fx_ragged, &fx_blank, &fx_empty_fields, &fx_trim, &fx_stray_quote, &fx_no_final_eol,
    &fx_quote_at_eof, &fx_nul, &fx_header_only, &fx_empty, &fx_bom_only, &fx_blank_only,
    &fx_open_quote, &fx_open_quote_after_closed, &fx_open_quote_late, &fx_no_header,
    &fx_no_header_empty, &fx_mask, &fx_stop_record, &fx_stop_header, &fx_stop_no_header,
    &fx_stop_cr,
};

/* Runs one fixture fed in pieces of chunk bytes; the caller frees the text. */
static char *run_fixture(const fixture *fx, size_t chunk)
{
    transcript t = {0};
    t.mask = fx->mask;
    t.stop_after = fx->stop_after;
    reader_config cfg = {.delim = fx->delim, .header = fx->header};
    reader_callbacks cb = {.ctx = &t, .header = on_header, .record = on_record};
    reader_result res;
    reader_status st = reader_read_buffer(fx->in, fx->len, chunk, &cfg, &cb, &res);
    put_result(&t, st, &res);
    return t.text;
}

static void expect_fixture(const fixture *fx, size_t chunk)
{
    char *got = run_fixture(fx, chunk);
    bool same = strcmp(got, fx->want) == 0;
    if (!same)
        print_error("fixture '%s', chunk %zu:\n  got:  %s\n  want: %s\n", fx->name, chunk, got,
                    fx->want);
    free(got);
    assert_true(same);
}

/* ---- behaviour, one fixture at a time (whole input at once) ------------ */

static void test_simple_file_gives_header_and_records(void **state)
{
    (void)state;
    expect_fixture(&fx_simple, 0);
}

static void test_quoted_fields_keep_commas_doubled_quotes_and_newlines(void **state)
{
    (void)state;
    expect_fixture(&fx_quoted, 0);
}

static void test_crlf_is_one_line_end(void **state)
{
    (void)state;
    expect_fixture(&fx_crlf, 0);
    expect_fixture(&fx_crlf_in_quotes, 0);
}

static void test_cr_only_lines_are_counted(void **state)
{
    (void)state;
    expect_fixture(&fx_cr, 0);
    expect_fixture(&fx_mixed_ends, 0);
}

static void test_bom_is_skipped_and_reported(void **state)
{
    (void)state;
    expect_fixture(&fx_bom, 0);
    expect_fixture(&fx_excel, 0);
}

static void test_bom_split_across_chunks_is_skipped(void **state)
{
    (void)state;
    expect_fixture(&fx_bom, 1);
    expect_fixture(&fx_bom, 2);
    expect_fixture(&fx_bom_only, 1);
}

static void test_bom_prefix_without_bom_is_data(void **state)
{
    (void)state;
    expect_fixture(&fx_bom_prefix, 0);
    expect_fixture(&fx_bom_prefix, 1);
}

static void test_delimiter_detected_for_comma_semicolon_tab_pipe(void **state)
{
    (void)state;
    expect_fixture(&fx_simple, 0);
    expect_fixture(&fx_cr, 0);
    expect_fixture(&fx_tab, 0);
    expect_fixture(&fx_pipe, 0);
}

static void test_delimiter_detection_ignores_quoted_text(void **state)
{
    (void)state;
    expect_fixture(&fx_quoted_semis, 0);
    expect_fixture(&fx_quoted_newline_header, 0);
    expect_fixture(&fx_excel, 0);
}

static void test_delimiter_ties_go_to_comma_semicolon_tab_pipe_in_order(void **state)
{
    (void)state;
    expect_fixture(&fx_tie_comma, 0);
    expect_fixture(&fx_tie_semi, 0);
    expect_fixture(&fx_tie_tab, 0);
}

static void test_delimiter_defaults_to_comma_and_skips_blank_lines(void **state)
{
    (void)state;
    expect_fixture(&fx_no_delim, 0);
    expect_fixture(&fx_blank_first, 0);
}

static void test_given_delimiter_is_not_detected(void **state)
{
    (void)state;
    expect_fixture(&fx_given_delim, 0);
}

static void test_no_header_calls_header_with_null_then_all_records(void **state)
{
    (void)state;
    expect_fixture(&fx_no_header, 0);
    expect_fixture(&fx_no_header_empty, 0);
}

static void test_short_and_long_records_report_their_field_count(void **state)
{
    (void)state;
    expect_fixture(&fx_ragged, 0);
    expect_fixture(&fx_empty_fields, 0);
}

static void test_unwanted_fields_have_null_ptr_and_header_gets_all(void **state)
{
    (void)state;
    expect_fixture(&fx_mask, 0);
}

static void test_blank_and_space_only_lines_are_skipped_but_counted(void **state)
{
    (void)state;
    expect_fixture(&fx_blank, 0);
}

static void test_libcsv_trims_spaces_outside_quotes(void **state)
{
    (void)state;
    expect_fixture(&fx_trim, 0);
}

static void test_stray_quote_in_unquoted_field_is_kept(void **state)
{
    (void)state;
    expect_fixture(&fx_stray_quote, 0);
}

static void test_last_record_without_line_end_is_delivered(void **state)
{
    (void)state;
    expect_fixture(&fx_no_final_eol, 0);
    expect_fixture(&fx_quote_at_eof, 0);
}

static void test_empty_bom_only_and_blank_input_are_eempty(void **state)
{
    (void)state;
    expect_fixture(&fx_empty, 0);
    expect_fixture(&fx_bom_only, 0);
    expect_fixture(&fx_blank_only, 0);
}

static void test_header_only_is_ok_with_no_records(void **state)
{
    (void)state;
    expect_fixture(&fx_header_only, 0);
}

static void test_unterminated_quote_is_equote_at_its_start_line(void **state)
{
    (void)state;
    expect_fixture(&fx_open_quote, 0);
    expect_fixture(&fx_open_quote_after_closed, 0);
    expect_fixture(&fx_open_quote_late, 0);
}

static void test_callback_nonzero_stops_reading(void **state)
{
    (void)state;
    expect_fixture(&fx_stop_record, 0);
    expect_fixture(&fx_stop_header, 0);
    expect_fixture(&fx_stop_no_header, 0);
    expect_fixture(&fx_stop_cr, 0);
}

static void test_nul_bytes_are_kept_with_their_length(void **state)
{
    (void)state;
    expect_fixture(&fx_nul, 0);
}

/* ---- stopping at a record boundary and resuming there (chunks of -j) ---- */

typedef struct split_log {
    transcript t;
    uint64_t base; /* lines before the byte the current reading started at */
} split_log;

static int split_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                        reader_want *want)
{
    split_log *l = ctx;
    (void)f, (void)n, (void)line;
    memset(l->t.maskbuf, 1, sizeof l->t.maskbuf);
    want->mask = l->t.maskbuf;
    want->len = sizeof l->t.maskbuf;
    return 0;
}

static int split_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    split_log *l = ctx;
    put_fields(&l->t, 'R', f, n, l->base + line);
    return 0;
}

/*
 * Stop at the first record boundary at or after every byte of a fixture,
 * resume there: the two readings deliver exactly the records, with the line
 * numbers, of one reading; and a resumed reading is never fooled by a BOM or
 * "sep=" in the middle of a file.
 */
static void test_stop_then_resume_at_every_byte_gives_the_same_records(void **state)
{
    (void)state;
    const reader_callbacks cb_tmpl = {.header = split_header, .record = split_record};
    for (size_t i = 0; i < sizeof all_fixtures / sizeof all_fixtures[0]; i++) {
        const fixture *fx = all_fixtures[i];
        if (fx->stop_after || fx->mask)
            continue;
        reader_config cfg = {.delim = fx->delim, .header = fx->header};
        reader_callbacks cb = cb_tmpl;
        split_log whole = {0};
        cb.ctx = &whole;
        reader_result res;
        if (reader_read_buffer(fx->in, fx->len, 0, &cfg, &cb, &res) != READER_OK) {
            free(whole.t.text);
            continue;
        }
        for (uint64_t at = 0; at <= fx->len; at++) {
            split_log parts = {0};
            cb.ctx = &parts;
            reader_config first = cfg;
            first.stop = true;
            first.stop_at = at;
            reader_result r1, r2;
            assert_int_equal(reader_read_buffer(fx->in, fx->len, 0, &first, &cb, &r1), READER_OK);
            if (r1.stopped) {
                assert_true(r1.end >= at && r1.end <= fx->len);
                assert_true(fx->in[r1.end - 1] == '\n' || fx->in[r1.end - 1] == '\r');
                reader_config rest = {.delim = r1.delim, .resume = true};
                parts.base = r1.lines;
                assert_int_equal(reader_read_buffer(fx->in + r1.end, fx->len - r1.end, 0, &rest,
                                                    &cb, &r2),
                                 READER_OK);
            }
            const char *got = parts.t.text ? parts.t.text : "";
            const char *want = whole.t.text ? whole.t.text : "";
            if (strcmp(got, want) != 0)
                fail_msg("fixture '%s' split at %" PRIu64 ":\n  got:  %s\n  want: %s", fx->name,
                         at, got, want);
            free(parts.t.text);
        }
        free(whole.t.text);
    }
}

static void test_resumed_reading_takes_bom_and_sep_line_as_data(void **state)
{
    (void)state;
    static const char in[] = "\xEF\xBB\xBFsep=,\n1,2\n";
    split_log l = {0};
    reader_callbacks cb = {.ctx = &l, .header = split_header, .record = split_record};
    reader_config cfg = {.delim = ',', .resume = true};
    reader_result res;
    assert_int_equal(reader_read_buffer(in, sizeof in - 1, 0, &cfg, &cb, &res), READER_OK);
    assert_string_equal(l.t.text, "R1[\\xef\\xbb\\xbfsep=|] R2[1|2]");
    assert_false(res.bom);
    assert_false(res.sep_line);
    free(l.t.text);
}

/* ---- the torture test ---------------------------------------------------- */

static void test_every_fixture_is_the_same_at_every_chunk_size(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof all_fixtures / sizeof all_fixtures[0]; i++) {
        const fixture *fx = all_fixtures[i];
        expect_fixture(fx, 0);
        for (size_t chunk = 1; chunk <= fx->len; chunk++)
            expect_fixture(fx, chunk);
    }
}

/* ---- streams, big inputs and limits -------------------------------------- */

typedef struct counter {
    uint64_t records;
    uint64_t last_line;
    size_t header_n;
    size_t max_n;
    size_t max_len;
    unsigned char all[2];
} counter;

static int count_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                        reader_want *want)
{
    counter *c = ctx;
    (void)f;
    c->header_n = n;
    c->last_line = line;
    memset(c->all, 1, sizeof c->all);
    want->mask = c->all;
    want->len = sizeof c->all;
    return 0;
}

static int count_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    counter *c = ctx;
    c->records++;
    c->last_line = line;
    if (n > c->max_n)
        c->max_n = n;
    for (size_t i = 0; i < n; i++)
        if (f[i].len > c->max_len)
            c->max_len = f[i].len;
    return 0;
}

static FILE *file_with(const char *data, size_t len)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    rewind(fp);
    return fp;
}

/* 50000 records of "i;score;\r\n", every 1000th with a two-line quoted note. */
static char *make_survey(size_t *len)
{
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s, cap, "\xEF\xBB\xBF" "id;score;note\r\n");
    for (int i = 1; i <= 50000; i++) {
        if (n + 64 > cap) {
            cap *= 2;
            s = realloc(s, cap);
            assert_non_null(s);
        }
        if (i % 1000 == 0)
            n += (size_t)snprintf(s + n, cap - n, "%d;%d;\"a;b\r\nc\"\r\n", i, i % 11);
        else
            n += (size_t)snprintf(s + n, cap - n, "%d;%d;\r\n", i, i % 11);
    }
    *len = n;
    return s;
}

static void test_reader_read_streams_a_file_across_blocks(void **state)
{
    (void)state;
    size_t len;
    char *data = make_survey(&len);
    assert_true(len > 3 * (64 << 10));
    FILE *fp = file_with(data, len);
    counter c = {0};
    reader_config cfg = {.header = true};
    reader_callbacks cb = {.ctx = &c, .header = count_header, .record = count_record};
    reader_result res;
    assert_int_equal(reader_read(fp, &cfg, &cb, &res), READER_OK);
    fclose(fp);
    assert_int_equal(c.header_n, 3);
    assert_int_equal(res.records, 50000);
    assert_int_equal(c.records, 50000);
    /* 1 header line, 50000 records, 50 of which take two lines */
    assert_int_equal(res.lines, 1 + 50000 + 50);
    assert_int_equal(c.last_line, 1 + 50000 + 50);
    assert_int_equal(res.delim, ';');
    assert_true(res.bom);

    /* the same bytes from memory, in odd pieces */
    counter m = {0};
    cb.ctx = &m;
    assert_int_equal(reader_read_buffer(data, len, 4099, &cfg, &cb, &res), READER_OK);
    assert_int_equal(m.records, 50000);
    assert_int_equal(m.last_line, 1 + 50000 + 50);
    free(data);
}

static void test_first_line_longer_than_a_block_is_sniffed(void **state)
{
    (void)state;
    /* 30000 ';'-separated names, one quoted name full of commas: ~200 KB */
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s + n, cap - n, "\"");
    for (int i = 0; i < 20000; i++)
        n += (size_t)snprintf(s + n, cap - n, ",");
    n += (size_t)snprintf(s + n, cap - n, "\"");
    for (int i = 1; i < 30000; i++)
        n += (size_t)snprintf(s + n, cap - n, ";q%d", i);
    n += (size_t)snprintf(s + n, cap - n, "\n1;2\n");
    assert_true(n > 2 * (64 << 10));

    reader_config cfg = {.header = true};
    reader_result res;
    size_t chunks[] = {0, 1000, 65536, 65537};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        counter c = {0};
        reader_callbacks cb = {.ctx = &c, .header = count_header, .record = count_record};
        assert_int_equal(reader_read_buffer(s, n, chunks[i], &cfg, &cb, &res), READER_OK);
        assert_int_equal(res.delim, ';');
        assert_int_equal(c.header_n, 30000);
        assert_int_equal(c.records, 1);
        assert_int_equal(c.max_n, 2);
    }
    counter c = {0};
    reader_callbacks cb = {.ctx = &c, .header = count_header, .record = count_record};
    FILE *fp = file_with(s, n);
    assert_int_equal(reader_read(fp, &cfg, &cb, &res), READER_OK);
    fclose(fp);
    assert_int_equal(res.delim, ';');
    assert_int_equal(c.header_n, 30000);
    assert_int_equal(res.lines, 2);
    free(s);
}

static void test_read_error_is_eio_with_errno(void **state)
{
    (void)state;
    FILE *fp = fopen("/", "r"); /* a directory: fread fails with EISDIR */
    if (fp == NULL) {
        skip();
        return;
    }
    counter c = {0};
    reader_config cfg = {.header = true};
    reader_callbacks cb = {.ctx = &c, .header = count_header, .record = count_record};
    reader_result res;
    assert_int_equal(reader_read(fp, &cfg, &cb, &res), READER_EIO);
    assert_int_equal(res.status, READER_EIO);
    assert_int_equal(res.errno_value, EISDIR);
    fclose(fp);
}

/* "h\n" then one field of size bytes (quoted when asked), then "\n". */
static char *make_big_field(size_t size, bool quoted, size_t *len)
{
    char *s = malloc(size + 8);
    assert_non_null(s);
    size_t n = 0;
    memcpy(s, "h\n", 2);
    n = 2;
    if (quoted)
        s[n++] = '"';
    memset(s + n, 'a', size);
    n += size;
    if (quoted)
        s[n++] = '"';
    s[n++] = '\n';
    *len = n;
    return s;
}

static void test_field_of_max_length_is_accepted(void **state)
{
    (void)state;
    for (int quoted = 0; quoted <= 1; quoted++) {
        size_t len;
        char *s = make_big_field(READER_MAX_FIELD, quoted, &len);
        counter c = {0};
        reader_config cfg = {.delim = ',', .header = true};
        reader_callbacks cb = {.ctx = &c, .header = count_header, .record = count_record};
        reader_result res;
        assert_int_equal(reader_read_buffer(s, len, 0, &cfg, &cb, &res), READER_OK);
        assert_int_equal(c.records, 1);
        assert_true(c.max_len == READER_MAX_FIELD);
        free(s);
    }
}

static void test_field_over_max_length_is_efield_at_its_line(void **state)
{
    (void)state;
    /* one byte over (caught by length) and far over (refused by the buffer cap) */
    size_t sizes[] = {READER_MAX_FIELD + 1, READER_MAX_FIELD + 1000};
    for (size_t i = 0; i < 2; i++) {
        for (int quoted = 0; quoted <= 1; quoted++) {
            size_t len;
            char *s = make_big_field(sizes[i], quoted, &len);
            counter c = {0};
            reader_config cfg = {.delim = ',', .header = true};
            reader_callbacks cb = {.ctx = &c, .header = count_header, .record = count_record};
            reader_result res;
            assert_int_equal(reader_read_buffer(s, len, 0, &cfg, &cb, &res), READER_EFIELD);
            assert_int_equal(res.line, 2);
            assert_int_equal(c.records, 0);
            free(s);
        }
    }
}

static void test_huge_multiline_quoted_field_is_efield_at_its_start_line(void **state)
{
    (void)state;
    size_t size = READER_MAX_FIELD + 10;
    char *s = malloc(size + 16);
    assert_non_null(s);
    size_t n = 0;
    memcpy(s, "h\nx\n\"", 5);
    n = 5;
    for (size_t i = 0; i < size; i++)
        s[n++] = i % 1000 == 999 ? '\n' : 'b';
    s[n++] = '"';
    s[n++] = '\n';
    counter c = {0};
    reader_config cfg = {.delim = ',', .header = true};
    reader_callbacks cb = {.ctx = &c, .header = count_header, .record = count_record};
    reader_result res;
    assert_int_equal(reader_read_buffer(s, n, 1 << 16, &cfg, &cb, &res), READER_EFIELD);
    assert_int_equal(res.line, 3);
    assert_int_equal(c.records, 1);
    free(s);
}

static void test_max_fields_accepted_one_more_is_efields(void **state)
{
    (void)state;
    size_t commas = READER_MAX_FIELDS; /* READER_MAX_FIELDS + 1 fields */
    char *s = malloc(commas + 8);
    assert_non_null(s);
    memcpy(s, "h\n", 2);
    memset(s + 2, ',', commas);
    s[2 + commas] = '\n';
    size_t len = commas + 3;
    counter c = {0};
    reader_config cfg = {.delim = ',', .header = true};
    reader_callbacks cb = {.ctx = &c, .header = count_header, .record = count_record};
    reader_result res;
    assert_int_equal(reader_read_buffer(s, len, 0, &cfg, &cb, &res), READER_EFIELDS);
    assert_int_equal(res.line, 2);
    assert_int_equal(c.records, 0);

    s[2 + commas - 1] = '\n'; /* READER_MAX_FIELDS fields exactly */
    memset(&c, 0, sizeof c);
    assert_int_equal(reader_read_buffer(s, len - 1, 0, &cfg, &cb, &res), READER_OK);
    assert_int_equal(c.records, 1);
    assert_true(c.max_n == READER_MAX_FIELDS);
    free(s);
}

static void test_strerror_gives_a_phrase_for_every_status(void **state)
{
    (void)state;
    assert_string_equal(reader_strerror(READER_OK), "success");
    assert_string_equal(reader_strerror(READER_EQUOTE), "quoted field not closed at end of input");
    assert_string_equal(reader_strerror(READER_EEMPTY), "no header line");
    for (int s = READER_OK; s <= READER_EEMPTY; s++) {
        const char *m = reader_strerror((reader_status)s);
        assert_non_null(m);
        size_t n = strlen(m);
        assert_true(n > 0);
        assert_true(m[n - 1] != '.');
    }
    assert_non_null(reader_strerror((reader_status)99));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_file_gives_header_and_records),
        cmocka_unit_test(test_quoted_fields_keep_commas_doubled_quotes_and_newlines),
        cmocka_unit_test(test_crlf_is_one_line_end),
        cmocka_unit_test(test_cr_only_lines_are_counted),
        cmocka_unit_test(test_bom_is_skipped_and_reported),
        cmocka_unit_test(test_bom_split_across_chunks_is_skipped),
        cmocka_unit_test(test_bom_prefix_without_bom_is_data),
        cmocka_unit_test(test_delimiter_detected_for_comma_semicolon_tab_pipe),
        cmocka_unit_test(test_delimiter_detection_ignores_quoted_text),
        cmocka_unit_test(test_delimiter_ties_go_to_comma_semicolon_tab_pipe_in_order),
        cmocka_unit_test(test_delimiter_defaults_to_comma_and_skips_blank_lines),
        cmocka_unit_test(test_given_delimiter_is_not_detected),
        cmocka_unit_test(test_no_header_calls_header_with_null_then_all_records),
        cmocka_unit_test(test_short_and_long_records_report_their_field_count),
        cmocka_unit_test(test_unwanted_fields_have_null_ptr_and_header_gets_all),
        cmocka_unit_test(test_blank_and_space_only_lines_are_skipped_but_counted),
        cmocka_unit_test(test_libcsv_trims_spaces_outside_quotes),
        cmocka_unit_test(test_stray_quote_in_unquoted_field_is_kept),
        cmocka_unit_test(test_last_record_without_line_end_is_delivered),
        cmocka_unit_test(test_empty_bom_only_and_blank_input_are_eempty),
        cmocka_unit_test(test_header_only_is_ok_with_no_records),
        cmocka_unit_test(test_unterminated_quote_is_equote_at_its_start_line),
        cmocka_unit_test(test_callback_nonzero_stops_reading),
        cmocka_unit_test(test_stop_then_resume_at_every_byte_gives_the_same_records),
        cmocka_unit_test(test_resumed_reading_takes_bom_and_sep_line_as_data),
        cmocka_unit_test(test_nul_bytes_are_kept_with_their_length),
        cmocka_unit_test(test_every_fixture_is_the_same_at_every_chunk_size),
        cmocka_unit_test(test_reader_read_streams_a_file_across_blocks),
        cmocka_unit_test(test_first_line_longer_than_a_block_is_sniffed),
        cmocka_unit_test(test_read_error_is_eio_with_errno),
        cmocka_unit_test(test_field_of_max_length_is_accepted),
        cmocka_unit_test(test_field_over_max_length_is_efield_at_its_line),
        cmocka_unit_test(test_huge_multiline_quoted_field_is_efield_at_its_start_line),
        cmocka_unit_test(test_max_fields_accepted_one_more_is_efields),
        cmocka_unit_test(test_strerror_gives_a_phrase_for_every_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
