/* reader.c - wraps libcsv so that real survey exports (BOM, any line end, unknown
 * delimiter) reach the CLI as numbered records, in memory that does not grow with the file. */
#include "reader.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "fastline.h"

/*
 * Data flow: bytes -> BOM stage -> delimiter sniffing (only until the first
 * line is complete) -> line splitter -> csv_parse() -> on_field/on_record,
 * or, for most data records, line splitter -> fastline_split() -> deliver().
 *
 * libcsv does not count lines, so the splitter hands it one line (or part of
 * one) per csv_parse() call, the line end being the last byte: whatever
 * callback fires during the call belongs to the line being fed.  The same
 * splitting bounds each call to PARSE_PIECE bytes, which lets us grow
 * libcsv's block size between calls (geometric growth instead of libcsv's
 * fixed increments) and stop soon after a callback asks to.
 */

/** Bytes per fread() in reader_read(). */
#define READ_BLOCK ((size_t)64 << 10)
/** Most bytes per csv_parse() call, and the least libcsv buffer growth. */
#define PARSE_PIECE ((size_t)64 << 10)

/**
 * Most bytes libcsv may hold for one field.  libcsv keeps a quoted field's
 * closing quote in its buffer and asks for room before it reads the byte
 * after a field, so a field of exactly READER_MAX_FIELD bytes needs two more;
 * a longer one is either refused by capped_realloc() or caught by length in
 * on_field().
 */
#define CSV_BUF_CAP (READER_MAX_FIELD + 2)

/** Most bytes of the first records kept for delimiter detection. */
#define SNIFF_MAX ((size_t)1 << 20)
/** Records the delimiter detection looks at: the header and the first data records. */
#define SNIFF_RECORDS 20

/**
 * libcsv's private parser state "inside a field" (FIELD_BEGUN in libcsv.c,
 * unchanged since 3.0).  With quoted set it means an open quote: libcsv 3.0.3
 * honours CSV_STRICT_FINI only together with CSV_STRICT, which we do not
 * want, so the reader checks the state itself.
 */
#define LIBCSV_FIELD_BEGUN 2
/** libcsv's state between records (ROW_NOT_BEGUN): nothing of a record collected. */
#define LIBCSV_ROW_NOT_BEGUN 0

/** Marks a collected field that was not wanted. */
#define NOT_KEPT SIZE_MAX

static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

/* Signatures that decide how the input is decoded, looked for in its first bytes. */
static const unsigned char utf16le_bom[2] = {0xFF, 0xFE};
static const unsigned char utf16be_bom[2] = {0xFE, 0xFF};
static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char utf32le_bom[4] = {0xFF, 0xFE, 0, 0};
static const unsigned char utf32be_bom[4] = {0, 0, 0xFE, 0xFF};
/* enough for the binary signatures; also a BOM and UTF-32 characters to tell UTF-32LE
 * from UTF-16LE and U+0000 */
#define SIG_BYTES SIGNATURE_BYTES
/** Converted bytes per iconv() call. */
#define DECODE_BLOCK ((size_t)64 << 10)
/** Bytes of an incomplete character carried to the next block. */
#define CARRY_MAX 16

/* Candidate delimiters, in tie-breaking order. */
static const unsigned char delim_candidates[4] = {',', ';', '\t', '|'};

enum sniff_state { SNIFF_FIELD_START, SNIFF_UNQUOTED, SNIFF_QUOTED, SNIFF_QUOTE_SEEN };

typedef struct slot {
    size_t off; /* into buf, or NOT_KEPT */
    size_t len;
} slot;

/* A record kept whole for layout detection. */
typedef struct held {
    char *bytes;
    reader_field *fields;
    size_t n;
    uint64_t line;
    bool unended; /* the last record, without a line end */
} held;

/* How many records after the header the layout detection looks at. */
#define HOLD_RECORDS READER_LAYOUT_ROWS

typedef struct reader {
    /* gzip stage: a gzip input is inflated, and what it holds goes on as an input */
    z_stream *gz;
    unsigned char *inflated;
    bool gz_end;          /* the last gzip member ended (more bytes start another) */
    /* decoding stage: the first bytes decide; then iconv to UTF-8, or nothing */
    unsigned char sig[SIG_BYTES];
    size_t sig_len;
    bool sig_done;
    iconv_t cd;           /* (iconv_t)-1: the input is UTF-8 */
    unsigned char carry[CARRY_MAX];
    size_t carry_len;
    char *decoded;

    struct csv_parser csv;
    const reader_config *cfg;
    const reader_callbacks *cb;
    reader_result *res;
    reader_status status; /* READER_OK while reading, then the first error or stop */
    reader_want want;
    bool header_done;     /* the header record (or the NULL header call) is done */

    /* BOM stage */
    unsigned bom_matched;
    bool bom_done;

    /* delimiter detection: the first line is held in head until it ends */
    bool delim_known;
    unsigned char *head;
    size_t head_len, head_cap;
    enum sniff_state sniff;
    bool sniff_content; /* the current line has more than spaces and tabs */
    uint64_t counts[4]; /* of the record being looked at */
    uint32_t seen[SNIFF_RECORDS][4]; /* per record looked at, each candidate's count */
    size_t nseen;

    /* line splitter */
    uint64_t line;       /* line of the next byte, from 1 */
    bool pending_cr;     /* the last byte was a CR: a following LF is the same line end */
    bool line_has_bytes; /* the current line has bytes (for the line count at EOF) */
    uint64_t pos;        /* input bytes consumed: BOM, skipped lines, parsed bytes */
    bool stopped;        /* cfg->stop: a record boundary past cfg->stop_at was reached */

    /* where the field libcsv is collecting began */
    uint64_t field_line;  /* valid when a field was open at the end of a piece */
    bool open_at_piece;   /* a field was open when the current piece started */
    size_t piece_fields;  /* fields submitted during the current piece */

    /* the record being collected: kept bytes, one slot per field (capacities in bytes) */
    char *buf;
    size_t buf_len, buf_cap;
    slot *slots;
    size_t nslots, slots_cap;
    reader_field *fields;
    size_t fields_cap;

    /* passing over lines before the header, records after it */
    uint64_t lines_left;
    bool skip_cr;         /* skipping: the last byte was a CR */
    uint64_t records_left;
    bool sep_checked;     /* the first record was looked at for "sep=" */

    /* layout detection: the first records after the header are held */
    held *hold;
    size_t nheld;
    bool holding;
} reader;

/* libcsv's realloc: refusing to grow past the cap turns a huge field into
 * CSV_ENOMEM with a buffer of CSV_BUF_CAP bytes, which we report as
 * READER_EFIELD (libcsv's hook has no context, hence a constant). */
static void *capped_realloc(void *ptr, size_t size)
{
    if (size > CSV_BUF_CAP)
        return NULL;
    return realloc(ptr, size);
}

static void fail(reader *r, reader_status status, uint64_t line)
{
    if (r->status == READER_OK) {
        r->status = status;
        r->res->line = line;
    }
}

static bool field_open(const struct csv_parser *p)
{
    return p->entry_pos > 0 || p->quoted;
}

/* The line on which the field now being collected (or just submitted) began. */
static uint64_t field_start_line(const reader *r)
{
    return r->open_at_piece && r->piece_fields == 0 ? r->field_line : r->line;
}

/* Returns block p grown to hold at least need bytes (doubling *cap), or NULL
 * when memory is exhausted, p then still being valid. */
static void *grow(void *p, size_t *cap, size_t need)
{
    if (p != NULL && need <= *cap)
        return p;
    size_t ncap = *cap > 64 ? *cap : 64;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return NULL;
        ncap *= 2;
    }
    void *np = realloc(p, ncap);
    if (np != NULL)
        *cap = ncap;
    return np;
}

/* ---- libcsv callbacks ---------------------------------------------------- */

static bool wanted(const reader *r, size_t col)
{
    if (!r->header_done || r->holding)
        return true; /* the header callback, and layout detection, see every field */
    return r->want.mask != NULL && col < r->want.len && r->want.mask[col] != 0;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->status != READER_OK)
        return;
    uint64_t start = field_start_line(r);
    r->piece_fields++;
    if (len > READER_MAX_FIELD) {
        fail(r, READER_EFIELD, start);
        return;
    }
    if (r->nslots == READER_MAX_FIELDS) {
        fail(r, READER_EFIELDS, r->line);
        return;
    }
    slot *slots = grow(r->slots, &r->slots_cap, (r->nslots + 1) * sizeof *slots);
    if (slots == NULL) {
        fail(r, READER_ENOMEM, r->line);
        return;
    }
    r->slots = slots;
    slot *sl = &slots[r->nslots];
    sl->len = len;
    sl->off = NOT_KEPT;
    if (wanted(r, r->nslots)) {
        char *buf = grow(r->buf, &r->buf_cap, r->buf_len + len);
        if (buf == NULL) {
            fail(r, READER_ENOMEM, r->line);
            return;
        }
        r->buf = buf;
        if (len > 0)
            memcpy(r->buf + r->buf_len, s, len);
        sl->off = r->buf_len;
        r->buf_len += len;
    }
    r->nslots++;
}

static void deliver(reader *r, const reader_field *f, size_t n, uint64_t line, bool unended)
{
    if (r->status != READER_OK)
        return;
    r->res->records++;
    int (*cb)(void *, const reader_field *, size_t, uint64_t) =
        unended && r->cb->unended ? r->cb->unended : r->cb->record;
    if (cb && cb(r->cb->ctx, f, n, line) != 0)
        fail(r, READER_STOPPED, line);
}

static bool field_is(const reader_field *f, const char *text)
{
    return f->ptr && f->len == strlen(text) && memcmp(f->ptr, text, f->len) == 0;
}

/* Excel's "sep=;" line: one field "sep=" and an empty one, split at the delimiter. */
static bool is_sep_line(const reader_field *f, size_t n)
{
    return n == 2 && field_is(&f[0], "sep=") && f[1].len == 0;
}

static bool record_has(const reader_field *f, size_t n, bool (*test)(const reader_field *))
{
    for (size_t i = 0; i < n; i++)
        if (test(&f[i]))
            return true;
    return false;
}

/* Qualtrics' third header row holds JSON: {"ImportId":"QID1"}. */
static bool is_import_id(const reader_field *f)
{
    static const char key[] = "{\"ImportId\"";
    return f->ptr && f->len >= sizeof key - 1 && memcmp(f->ptr, key, sizeof key - 1) == 0;
}

/* SurveyMonkey's second header row names answer kinds under each question. */
static bool is_response_label(const reader_field *f)
{
    return field_is(f, "Response") || field_is(f, "Open-Ended Response");
}

static bool is_number(const reader_field *f)
{
    size_t i = 0;
    while (i < f->len && (f->ptr[i] == ' ' || f->ptr[i] == '\t'))
        i++;
    return i < f->len && f->ptr[i] >= '0' && f->ptr[i] <= '9';
}

/*
 * Decide which held records are header rows of a known export, then deliver
 * the others: Qualtrics (a record with an ImportId field, and every record
 * before it), SurveyMonkey (a first record with "Response" labels and no
 * number).
 */
size_t reader_layout_rows(const reader_field *const *rec, const size_t *n, size_t count,
                          const char **layout)
{
    size_t skip = 0;
    for (size_t i = 0; i < count; i++)
        if (record_has(rec[i], n[i], is_import_id)) {
            skip = i + 1;
            *layout = "Qualtrics";
        }
    if (skip == 0 && count > 0 && record_has(rec[0], n[0], is_response_label) &&
        !record_has(rec[0], n[0], is_number)) {
        skip = 1;
        *layout = "SurveyMonkey";
    }
    return skip;
}

static void release_held(reader *r)
{
    const reader_field *rec[HOLD_RECORDS] = {NULL};
    size_t n[HOLD_RECORDS] = {0};
    for (size_t i = 0; i < r->nheld; i++) {
        rec[i] = r->hold[i].fields;
        n[i] = r->hold[i].n;
    }
    size_t skip = reader_layout_rows(rec, n, r->nheld, &r->res->layout);
    r->holding = false;
    r->res->skipped += skip;
    for (size_t i = 0; i < r->nheld; i++) {
        held *h = &r->hold[i];
        if (i >= skip)
            deliver(r, h->fields, h->n, h->line, h->unended);
        free(h->bytes);
        free(h->fields);
    }
    free(r->hold);
    r->hold = NULL;
    r->nheld = 0;
}

/* Keep a copy of the record just collected; decide once HOLD_RECORDS are kept. */
static void hold_record(reader *r, size_t n, size_t kept, bool unended)
{
    if (r->hold == NULL && (r->hold = calloc(HOLD_RECORDS, sizeof *r->hold)) == NULL) {
        fail(r, READER_ENOMEM, r->line);
        return;
    }
    held *h = &r->hold[r->nheld];
    h->bytes = malloc(kept ? kept : 1);
    h->fields = malloc((n ? n : 1) * sizeof *h->fields);
    if (h->bytes == NULL || h->fields == NULL) {
        free(h->bytes);
        free(h->fields);
        fail(r, READER_ENOMEM, r->line);
        return;
    }
    memcpy(h->bytes, r->buf, kept);
    for (size_t i = 0; i < n; i++)
        h->fields[i] = (reader_field){h->bytes + (r->fields[i].ptr - r->buf), r->fields[i].len};
    h->n = n;
    h->line = r->line;
    h->unended = unended;
    if (++r->nheld == HOLD_RECORDS)
        release_held(r);
}

static void on_record(int term, void *data)
{
    reader *r = data;
    bool unended = term == -1; /* libcsv's csv_fini() submits the last record so */
    if (r->status != READER_OK)
        return;
    size_t n = r->nslots;
    reader_field *fields = grow(r->fields, &r->fields_cap, n * sizeof *fields);
    if (fields == NULL) {
        fail(r, READER_ENOMEM, r->line);
        return;
    }
    r->fields = fields;
    for (size_t i = 0; i < n; i++) {
        const slot *sl = &r->slots[i];
        r->fields[i].ptr = sl->off == NOT_KEPT ? NULL : r->buf + sl->off;
        r->fields[i].len = sl->len;
    }
    size_t kept = r->buf_len;
    r->nslots = 0;
    r->buf_len = 0;

    if (!r->sep_checked) {
        r->sep_checked = true;
        if (is_sep_line(r->fields, n)) {
            r->res->sep_line = true;
            return;
        }
    }
    if (!r->header_done) {
        r->header_done = true;
        r->holding = r->cfg->detect_layout && r->cfg->skip_records == 0;
        if (r->cb->header &&
            r->cb->header(r->cb->ctx, r->fields, n, r->line, &r->want) != 0)
            fail(r, READER_STOPPED, r->line);
        return;
    }
    if (r->records_left > 0) {
        r->records_left--;
        r->res->skipped++;
        return;
    }
    if (r->holding) {
        hold_record(r, n, kept, unended);
        return;
    }
    deliver(r, r->fields, n, r->line, unended);
}

/* ---- line splitter and parser feed ------------------------------------- */

/* Parses bytes that all lie on line r->line (a line end can only be last). */
static void parse_piece(reader *r, const unsigned char *s, size_t n)
{
    struct csv_parser *p = &r->csv;
    size_t have = csv_get_buffer_size(p);
    csv_set_blk_size(p, have > PARSE_PIECE ? have : PARSE_PIECE);
    r->open_at_piece = field_open(p);
    r->piece_fields = 0;

    size_t done = csv_parse(p, s, n, on_field, on_record, r);
    if (r->status != READER_OK)
        return;
    if (done < n || csv_error(p) != CSV_SUCCESS) {
        /* Without CSV_STRICT the only failures are buffer growth ones. */
        bool capped = csv_get_buffer_size(p) >= CSV_BUF_CAP || csv_error(p) == CSV_ETOOBIG;
        fail(r, capped ? READER_EFIELD : READER_ENOMEM, field_start_line(r));
        return;
    }
    if (field_open(p) && !(r->open_at_piece && r->piece_fields == 0))
        r->field_line = r->line;
}

/*
 * Called where a line has just ended (after its LF, or before the byte after
 * a lone CR): stops reading when cfg->stop asks for this record boundary.
 */
static void stop_here(reader *r)
{
    const reader_config *cfg = r->cfg;
    /* not before what a resumed reading would not redo: the "sep=" check of
     * the first record, the header, the held and the skipped records */
    if (!cfg->stop || r->pos < cfg->stop_at || r->status != READER_OK ||
        r->cd != (iconv_t)-1 || r->gz || !r->sep_checked || !r->header_done || r->holding ||
        r->records_left > 0 || r->res->records < cfg->stop_records)
        return;
    if (r->csv.pstate == LIBCSV_ROW_NOT_BEGUN && !r->csv.quoted)
        r->stopped = true;
}

/* stop_here() for every line end; most are before cfg->stop_at, told without a call. */
static inline void check_stop(reader *r)
{
    if (r->cfg->stop && r->pos >= r->cfg->stop_at)
        stop_here(r);
}

/*
 * A data record that starts between records is split by fastline_split()
 * instead of libcsv when it ends within the piece, quoted line ends and
 * doubled quotes included (unescaped fields go to buf, free between
 * records): the fields are the same, as tests/unit/test_fastline.c and the
 * split fuzz target show.  The lines inside the record are counted here, so
 * that the record's line is the one it ends on.  @return the bytes it took
 * (the record and its final line end), or 0 when libcsv must read the line.
 */
static size_t fast_line(reader *r, const unsigned char *s, size_t n)
{
    if (r->cfg->reference || !r->header_done || r->holding || r->records_left > 0 ||
        r->csv.pstate != LIBCSV_ROW_NOT_BEGUN || r->fields_cap == 0)
        return 0;
    fastline_out out = {r->fields, r->fields_cap / sizeof *r->fields, (unsigned char *)r->buf,
                        r->buf_cap, 0, 0};
    size_t used = fastline_split(s, n < PARSE_PIECE ? n : PARSE_PIECE,
                                 (unsigned char)r->res->delim, r->want.mask, r->want.len, &out);
    if (used == 0)
        return 0;
    r->line += out.lines;
    if (out.nf > 0)
        deliver(r, r->fields, out.nf, r->line, false);
    return used;
}

/* fast_lines()' emit: a record that ends with LF, ended as parse_bytes() ends a line. */
static int take_record(void *ctx, const fastline_out *out, const unsigned char *rec, size_t len)
{
    reader *r = ctx;
    if (rec[len - 1] != '\n')
        return FASTLINE_REFUSE;
    r->line += out->lines;
    if (out->nf > 0)
        deliver(r, r->fields, out->nf, r->line, false);
    r->line_has_bytes = false;
    r->pos += len;
    r->line++;
    check_stop(r);
    return r->status == READER_OK && !r->stopped ? FASTLINE_NEXT : FASTLINE_STOP;
}

/*
 * fast_line() for a run of records that end with LF, each ended as
 * parse_bytes() ends a line, without going round its loop: the common
 * export.  Stops before a record fast_line() would not take, or that ends
 * with CR (parse_bytes() then reads it).  @return the bytes taken.
 */
static size_t fast_lines(reader *r, const unsigned char *s, size_t n)
{
    if (r->cfg->reference || !r->header_done || r->holding || r->records_left > 0 ||
        r->csv.pstate != LIBCSV_ROW_NOT_BEGUN || r->fields_cap == 0 ||
        r->status != READER_OK || r->stopped)
        return 0;
    fastline_out out = {r->fields, r->fields_cap / sizeof *r->fields, (unsigned char *)r->buf,
                        r->buf_cap, 0, 0};
    return fastline_run(s, n, PARSE_PIECE, (unsigned char)r->res->delim, r->want.mask,
                        r->want.len, &out, take_record, r);
}

/* Splits delimiter-known bytes at line ends, counting lines. */
static void parse_bytes(reader *r, const unsigned char *s, size_t n)
{
    while (n > 0 && r->status == READER_OK && !r->stopped) {
        if (r->pending_cr) {
            r->pending_cr = false;
            if (s[0] == '\n') { /* CRLF: the LF closes the same line */
                if (r->csv.pstate != LIBCSV_ROW_NOT_BEGUN || r->cfg->reference)
                    parse_piece(r, s, 1); /* between records libcsv passes over a line end */
                r->line++;
                r->pos++;
                s++;
                n--;
                check_stop(r);
                continue;
            }
            r->line++;
            check_stop(r);
            if (r->stopped)
                return;
        }
        size_t run = fast_lines(r, s, n);
        if (run > 0) {
            s += run;
            n -= run;
            continue;
        }
        size_t lim = n < PARSE_PIECE ? n : PARSE_PIECE;
        size_t k = fast_line(r, s, n);
        if (k > 0) {
            k--; /* the line end, which ends the line as below */
        } else {
            while (k < lim && s[k] != '\n' && s[k] != '\r')
                k++;
            if (k < lim)
                parse_piece(r, s, k + 1);
        }
        if (k < lim) {
            r->line_has_bytes = false;
            r->pos += k + 1;
            if (s[k] == '\n') {
                r->line++;
                check_stop(r);
            } else {
                r->pending_cr = true;
            }
            k++;
        } else {
            parse_piece(r, s, k);
            r->pos += k;
            r->line_has_bytes = true;
        }
        s += k;
        n -= k;
    }
}

/* ---- delimiter detection ------------------------------------------------ */

static int candidate_index(unsigned char c)
{
    for (int i = 0; i < 4; i++)
        if (delim_candidates[i] == c)
            return i;
    return -1;
}

/*
 * Advances the first-line scanner by one byte; true at the line end that
 * ends the first line.  It follows libcsv's idea of quoting for every
 * candidate at once: a quote opens a quoted field only at a field's start,
 * and a quoted field ends at a quote followed (after spaces) by a candidate
 * or a line end.  Lines of nothing but spaces are skipped, as libcsv does.
 */
static bool sniff_byte(reader *r, unsigned char c)
{
    int idx;
    switch (r->sniff) {
    case SNIFF_FIELD_START:
        if (c == ' ')
            return false;
        if (c == '\t' && !r->sniff_content) { /* maybe a blank line of tabs: count, undo later */
            r->counts[candidate_index(c)]++;
            return false;
        }
        if (c == '"') {
            r->sniff = SNIFF_QUOTED;
            r->sniff_content = true;
            return false;
        }
        /* fall through */
    case SNIFF_UNQUOTED:
        if (c == '\n' || c == '\r') {
            if (!r->sniff_content) { /* a line of spaces and tabs, skipped as libcsv does: */
                memset(r->counts, 0, sizeof r->counts); /* only such lines came before */
                r->sniff = SNIFF_FIELD_START;
                return false;
            }
            return true;
        }
        r->sniff_content = true;
        idx = candidate_index(c);
        if (idx >= 0) {
            r->counts[idx]++;
            r->sniff = SNIFF_FIELD_START;
        } else {
            r->sniff = SNIFF_UNQUOTED;
        }
        return false;
    case SNIFF_QUOTED:
        if (c == '"')
            r->sniff = SNIFF_QUOTE_SEEN;
        return false;
    case SNIFF_QUOTE_SEEN:
        if (c == '\n' || c == '\r')
            return true;
        if (c == ' ')
            return false;
        idx = candidate_index(c);
        if (idx >= 0) {
            r->counts[idx]++;
            r->sniff = SNIFF_FIELD_START;
        } else {
            r->sniff = SNIFF_QUOTED; /* a doubled quote, or a stray one libcsv keeps */
        }
        return false;
    }
    return false;
}

/* Excel's "sep=X" first line names the delimiter. */
static int sep_line_delim(const reader *r)
{
    const unsigned char *h = r->head;
    if (r->head_len < 6 || memcmp(h, "sep=", 4) != 0 || candidate_index(h[4]) < 0 ||
        (h[5] != '\n' && h[5] != '\r'))
        return -1;
    return candidate_index(h[4]);
}

/* Keep the counts of the record just looked at, and start the next one. */
static void sniff_record_end(reader *r)
{
    if (r->nseen < SNIFF_RECORDS) {
        for (int i = 0; i < 4; i++)
            r->seen[r->nseen][i] = r->counts[i] > UINT32_MAX ? UINT32_MAX
                                                             : (uint32_t)r->counts[i];
        r->nseen++;
    }
    memset(r->counts, 0, sizeof r->counts);
    r->sniff = SNIFF_FIELD_START;
    r->sniff_content = false;
}

/*
 * Chooses the delimiter from the records looked at, as Python's csv.Sniffer
 * and qsv do: of the candidates the header has, the one that splits the
 * most data records into as many fields as the header wins; ties go to the
 * one the header has most of, then to table order (none at all: ',').  So a
 * header alone decides by its counts, and question texts with commas in the
 * header of a ';' export are outvoted by the records.
 */
static void choose_delim(reader *r)
{
    if (r->sniff_content) /* a record cut by the end of the input or the size cap */
        sniff_record_end(r);
    int best = sep_line_delim(r);
    if (best < 0) {
        uint64_t agree[4] = {0};
        for (size_t k = 1; k < r->nseen; k++)
            for (int i = 0; i < 4; i++)
                agree[i] += r->seen[0][i] > 0 && r->seen[k][i] == r->seen[0][i];
        best = 0;
        for (int i = 1; i < 4; i++)
            if (agree[i] > agree[best] ||
                (agree[i] == agree[best] && r->seen[0][i] > r->seen[0][best]))
                best = i;
    }
    r->res->delim = delim_candidates[best];
    csv_set_delim(&r->csv, delim_candidates[best]);
    r->delim_known = true;
}

/* Ends detection: fixes the delimiter, then parses the held first line. */
static void settle_delim(reader *r)
{
    choose_delim(r);
    parse_bytes(r, r->head, r->head_len);
    free(r->head);
    r->head = NULL;
    r->head_len = r->head_cap = 0;
}

static void sniff_bytes(reader *r, const unsigned char *s, size_t n)
{
    size_t room = SNIFF_MAX - r->head_len;
    size_t lim = n < room ? n : room;
    size_t i = 0;
    bool end = false;
    while (i < lim && !end) {
        if (sniff_byte(r, s[i++])) {
            sniff_record_end(r);
            end = r->nseen == SNIFF_RECORDS;
        }
    }
    unsigned char *head = grow(r->head, &r->head_cap, r->head_len + i);
    if (head == NULL) {
        fail(r, READER_ENOMEM, r->line);
        return;
    }
    r->head = head;
    memcpy(r->head + r->head_len, s, i);
    r->head_len += i;
    if (end || r->head_len == SNIFF_MAX) {
        settle_delim(r);
        parse_bytes(r, s + i, n - i);
    }
}

/* ---- BOM stage and the shared feed ------------------------------------- */

/* Pass over the first cfg->skip_lines lines (LF, CRLF or CR each end one). */
static size_t skip_lines(reader *r, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && r->lines_left > 0) {
        if (r->skip_cr) {
            r->skip_cr = false;
            r->line++;
            if (--r->lines_left == 0)
                return s[i] == '\n' ? i + 1 : i;
            if (s[i] == '\n') {
                i++;
                continue;
            }
        }
        if (s[i] == '\n') {
            r->line++;
            r->lines_left--;
        } else if (s[i] == '\r') {
            r->skip_cr = true;
        }
        i++;
    }
    return i;
}

static void after_bom(reader *r, const unsigned char *s, size_t n)
{
    if (r->lines_left > 0 || r->skip_cr) {
        size_t k = skip_lines(r, s, n);
        r->pos += k;
        s += k;
        n -= k;
    }
    if (n == 0 || r->status != READER_OK || r->stopped)
        return;
    if (r->delim_known)
        parse_bytes(r, s, n);
    else
        sniff_bytes(r, s, n);
}

/* The first bytes of a BOM that turned out to be data go on to the parser. */
static void replay_bom(reader *r)
{
    unsigned char prefix[sizeof utf8_bom];
    size_t n = r->bom_matched < sizeof prefix ? r->bom_matched : sizeof prefix;
    memcpy(prefix, utf8_bom, n);
    after_bom(r, prefix, n);
}

/* The one entry for input bytes, however they are split. */
static void feed(reader *r, const unsigned char *s, size_t n)
{
    while (!r->bom_done && n > 0) {
        if (s[0] == utf8_bom[r->bom_matched]) {
            s++;
            n--;
            if (++r->bom_matched == sizeof utf8_bom) {
                /* a BOM again (a file saved twice with one): passed over too */
                r->bom_matched = 0;
                r->res->bom = true;
                r->pos += sizeof utf8_bom;
            }
        } else {
            r->bom_done = true;
            replay_bom(r); /* a BOM prefix that was data */
        }
    }
    after_bom(r, s, n);
}

/* ---- decoding stage: UTF-16 by its BOM, a named encoding, XLSX refused ----- */

static bool starts_with(const unsigned char *s, size_t n, const unsigned char *sig, size_t k)
{
    return n >= k && memcmp(s, sig, k) == 0;
}

/* Convert bytes and feed the UTF-8 they make.  @return the bytes iconv consumed; *err its errno. */
/*
 * Bytes that are not text: the error is at the line the text before them
 * reached, so what the delimiter detection holds is read first (it counts
 * the lines).
 */
static void fail_encoding(reader *r)
{
    if (!r->delim_known && r->status == READER_OK)
        settle_delim(r);
    if (r->status == READER_OK)
        fail(r, READER_EENCODING, r->line);
}

static size_t convert(reader *r, const unsigned char *s, size_t n, int *err)
{
    char *in = (char *)(uintptr_t)s, *out = r->decoded;
    size_t inleft = n, outleft = DECODE_BLOCK;
    *err = iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1 ? errno : 0;
    feed(r, (const unsigned char *)r->decoded, DECODE_BLOCK - outleft);
    return n - inleft;
}

/*
 * Convert s (n bytes) to UTF-8 and feed it.  A character cut by the end of a
 * block waits in carry; it is completed with the next block's first bytes.
 */
static void decode(reader *r, const unsigned char *s, size_t n)
{
    int err;
    if (r->carry_len && n > 0) {
        unsigned char joined[2 * CARRY_MAX];
        size_t taken = n < CARRY_MAX ? n : CARRY_MAX;
        memcpy(joined, r->carry, r->carry_len);
        memcpy(joined + r->carry_len, s, taken);
        size_t used = convert(r, joined, r->carry_len + taken, &err);
        if (used < r->carry_len) {
            if (err == EINVAL && taken == n && r->carry_len + taken <= CARRY_MAX) {
                memcpy(r->carry + r->carry_len, s, taken); /* still incomplete: wait */
                r->carry_len += taken;
            } else {
                fail_encoding(r);
            }
            return;
        }
        s += used - r->carry_len;
        n -= used - r->carry_len;
        r->carry_len = 0;
    }
    while (n > 0 && r->status == READER_OK) {
        size_t used = convert(r, s, n, &err);
        s += used;
        n -= used;
        if (err == 0 || err == E2BIG)
            continue;
        if (err == EINVAL && n <= CARRY_MAX) {
            memcpy(r->carry, s, n);
            r->carry_len = n;
            return;
        }
        fail_encoding(r);
    }
}

/*
 * FF FE 00 00 is the UTF-32LE BOM, or the UTF-16LE BOM and the character
 * U+0000: UTF-32LE only when the characters after it are UTF-32LE ones (each
 * four bytes, the last 0, the third at most 0x10), which text in UTF-16LE
 * cannot be: its characters are two bytes, mostly ASCII.
 */
static bool utf32le_after(const unsigned char *s, size_t n)
{
    if (n % 4 != 0)
        return false;
    for (size_t i = 0; i < n; i += 4)
        if (s[i + 3] != 0 || s[i + 2] > 0x10)
            return false;
    return true;
}

/* Decide from the first bytes how to read the input, then pass them on. */
static void inflate_bytes(reader *r, const unsigned char *s, size_t n);
static void start_gzip(reader *r);

static void settle_signature(reader *r)
{
    const unsigned char *s = r->sig;
    size_t n = r->sig_len, skip = 0;
    const char *from = NULL;
    r->sig_done = true;
    if (!r->gz && !r->cfg->resume && n >= 2 && s[0] == 0x1f && s[1] == 0x8b) {
        unsigned char head[SIG_BYTES];
        memcpy(head, s, n);
        start_gzip(r);
        r->res->gzip = true;
        if (r->status == READER_OK)
            inflate_bytes(r, head, n);
        return;
    }
    if ((r->res->binary = signature_binary(s, n)) != NULL) {
        fail(r, READER_EBINARY, 1);
        return;
    }
    if (starts_with(s, n, zip_magic, sizeof zip_magic)) {
        fail(r, READER_EXLSX, 1);
        return;
    }
    if ((starts_with(s, n, utf32le_bom, 4) && utf32le_after(s + 4, n - 4)) ||
        starts_with(s, n, utf32be_bom, 4)) {
        from = s[0] == 0xFF ? "UTF-32LE" : "UTF-32BE";
        skip = 4;
    } else if (starts_with(s, n, utf16le_bom, 2) || starts_with(s, n, utf16be_bom, 2)) {
        from = s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        skip = 2;
    } else if ((from = signature_utf16(s, n)) != NULL) {
        r->res->utf16_nul = true;
    } else if (r->cfg->encoding && !starts_with(s, n, utf8_bom, sizeof utf8_bom)) {
        from = r->cfg->encoding;
    }
    if (from) {
        r->cd = iconv_open("UTF-8", from);
        if (r->cd == (iconv_t)-1) {
            fail(r, READER_ECHARSET, 0);
            return;
        }
        r->decoded = malloc(DECODE_BLOCK);
        if (!r->decoded) {
            fail(r, READER_ENOMEM, 0);
            return;
        }
        r->res->encoding = from;
        decode(r, s + skip, n - skip);
    } else {
        feed(r, s, n);
    }
}

/* The one entry for raw input bytes, however they are split. */
/* The input's bytes, or a gzip input's contents: signature, then decoding or the feed. */
static void take_plain(reader *r, const unsigned char *s, size_t n)
{
    bool outer = r->gz == NULL;
    while (!r->sig_done && n > 0 && !(outer && r->gz)) {
        r->sig[r->sig_len++] = *s++;
        n--;
        if (r->sig_len == SIG_BYTES)
            settle_signature(r);
    }
    if (n == 0 || r->status != READER_OK || r->stopped)
        return;
    if (outer && r->gz) { /* the signature was gzip's: the rest is compressed too */
        inflate_bytes(r, s, n);
        return;
    }
    if (r->cd != (iconv_t)-1)
        decode(r, s, n);
    else
        feed(r, s, n);
}

/*
 * Inflate gzip bytes and take what they hold; members written one after
 * another (as "cat a.gz b.gz" makes) are read in turn.
 */
static void inflate_bytes(reader *r, const unsigned char *s, size_t n)
{
    z_stream *z = r->gz;
    z->next_in = (unsigned char *)(uintptr_t)s;
    z->avail_in = (uInt)n;
    while (z->avail_in > 0 && r->status == READER_OK && !r->stopped) {
        if (r->gz_end) {
            if (inflateReset(z) != Z_OK) {
                fail(r, READER_EGZIP, r->line);
                return;
            }
            r->gz_end = false;
        }
        z->next_out = r->inflated;
        z->avail_out = (uInt)DECODE_BLOCK;
        int rc = inflate(z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            fail(r, rc == Z_MEM_ERROR ? READER_ENOMEM : READER_EGZIP, r->line);
            return;
        }
        r->gz_end = rc == Z_STREAM_END;
        take_plain(r, r->inflated, DECODE_BLOCK - z->avail_out);
    }
}

/* A gzip signature: set up the inflating, and look for the contents' own signature. */
static void start_gzip(reader *r)
{
    r->gz = calloc(1, sizeof *r->gz);
    r->inflated = malloc(DECODE_BLOCK);
    if (!r->gz || !r->inflated || inflateInit2(r->gz, 16 + MAX_WBITS) != Z_OK) {
        free(r->gz);
        r->gz = NULL;
        fail(r, READER_ENOMEM, 0);
        return;
    }
    r->sig_done = false;
    r->sig_len = 0;
}

static void take(reader *r, const unsigned char *s, size_t n)
{
    if (r->gz)
        inflate_bytes(r, s, n);
    else
        take_plain(r, s, n);
}

static void begin(reader *r, const reader_config *cfg, const reader_callbacks *cb,
                  reader_result *res)
{
    memset(r, 0, sizeof *r);
    memset(res, 0, sizeof *res);
    r->cfg = cfg;
    r->cb = cb;
    r->res = res;
    r->line = 1;
    r->cd = (iconv_t)-1;
    r->lines_left = cfg->skip_lines;
    r->records_left = cfg->skip_records;
    csv_init(&r->csv, 0);
    csv_set_realloc_func(&r->csv, capped_realloc);
    csv_set_blk_size(&r->csv, PARSE_PIECE);
    if (cfg->delim != 0) {
        csv_set_delim(&r->csv, (unsigned char)cfg->delim);
        res->delim = cfg->delim;
        r->delim_known = true;
    }
    if (cfg->resume) /* the middle of a file whose start was read before */
        r->sig_done = r->bom_done = r->sep_checked = true;
    /* kept empty fields need a non-NULL ptr; records of up to 4 KiB need no growth */
    r->buf = grow(NULL, &r->buf_cap, 4096);
    if (r->buf == NULL) {
        fail(r, READER_ENOMEM, 0);
        return;
    }
    if (!cfg->header) {
        r->header_done = true;
        if (cb->header && cb->header(cb->ctx, NULL, 0, 0, &r->want) != 0)
            fail(r, READER_STOPPED, 0);
    }
}

static reader_status finish(reader *r)
{
    struct csv_parser *p = &r->csv;
    /* a gzip input's signature, then (once inflated) that of its contents */
    while (r->status == READER_OK && !r->sig_done)
        settle_signature(r);
    if (r->status == READER_OK && r->gz && !r->gz_end)
        fail(r, READER_EGZIP, r->line);
    if (r->status == READER_OK && r->carry_len)
        fail_encoding(r); /* the input ends inside a character */
    if (r->status == READER_OK && !r->bom_done) {
        r->bom_done = true;
        replay_bom(r);
    }
    if (!r->delim_known) {
        if (r->status == READER_OK)
            settle_delim(r);
        else
            choose_delim(r); /* stopped before the first line ended: still report one */
    }
    if (r->stopped) {
        r->res->stopped = true;
        r->res->end = r->pos;
    } else if (r->status == READER_OK) {
        if (p->quoted && p->pstate == LIBCSV_FIELD_BEGUN) {
            fail(r, READER_EQUOTE, r->field_line);
        } else {
            r->open_at_piece = field_open(p);
            r->piece_fields = 0;
            csv_fini(p, on_field, on_record, r);
        }
    }
    if (r->holding) /* fewer records than the detection looks at */
        release_held(r);
    if (r->pending_cr) {
        r->pending_cr = false;
        r->line++;
    }
    r->res->lines = r->line - 1 + (r->line_has_bytes ? 1 : 0);
    if (r->status == READER_OK && r->cfg->header && !r->header_done)
        fail(r, READER_EEMPTY, 0);

    csv_free(p);
    if (r->gz)
        inflateEnd(r->gz);
    free(r->gz);
    free(r->inflated);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    free(r->decoded);
    free(r->head);
    free(r->buf);
    free(r->slots);
    free(r->fields);
    r->res->status = r->status;
    return r->status;
}

/* ---- public entry points ------------------------------------------------ */

reader_status reader_read(FILE *fp, const reader_config *cfg, const reader_callbacks *cb,
                          reader_result *res)
{
    reader r;
    begin(&r, cfg, cb, res);
    unsigned char *block = malloc(READ_BLOCK);
    if (block == NULL)
        fail(&r, READER_ENOMEM, 0);
    uint64_t total = cfg->prefix_len;
    if (block != NULL && cfg->prefix_len > 0)
        take(&r, cfg->prefix, cfg->prefix_len);
    while (r.status == READER_OK && !r.stopped) {
        errno = 0;
        size_t got = fread(block, 1, READ_BLOCK, fp);
        int err = errno;
        if (got > 0)
            take(&r, block, got);
        total += got;
        if (cb->progress)
            cb->progress(cb->ctx, total);
        if (got < READ_BLOCK) {
            if (ferror(fp) && r.status == READER_OK) {
                fail(&r, READER_EIO, r.line);
                res->errno_value = err != 0 ? err : EIO;
            }
            break;
        }
    }
    free(block);
    return finish(&r);
}

reader_status reader_read_at(int fd, uint64_t offset, const reader_config *cfg,
                             const reader_callbacks *cb, reader_result *res)
{
    reader r;
    begin(&r, cfg, cb, res);
    r.pos = offset; /* stop_at and res->end are offsets in the file */
    unsigned char *block = malloc(READ_BLOCK);
    if (block == NULL)
        fail(&r, READER_ENOMEM, 0);
    uint64_t total = 0;
    while (r.status == READER_OK && !r.stopped) {
        ssize_t got = pread(fd, block, READ_BLOCK, (off_t)(offset + total));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            fail(&r, READER_EIO, r.line);
            res->errno_value = errno;
            break;
        }
        if (got == 0)
            break;
        take(&r, block, (size_t)got);
        total += (uint64_t)got;
        if (cb->progress)
            cb->progress(cb->ctx, total);
    }
    free(block);
    return finish(&r);
}

reader_status reader_read_buffer(const char *buf, size_t len, size_t chunk,
                                 const reader_config *cfg, const reader_callbacks *cb,
                                 reader_result *res)
{
    reader r;
    begin(&r, cfg, cb, res);
    const unsigned char *s = (const unsigned char *)buf;
    size_t step = chunk != 0 ? chunk : len;
    for (size_t off = 0; off < len && r.status == READER_OK && !r.stopped; off += step) {
        size_t n = len - off < step ? len - off : step;
        take(&r, s + off, n);
    }
    return finish(&r);
}

const char *reader_strerror(reader_status status)
{
    switch (status) {
    case READER_OK:
        return "success";
    case READER_STOPPED:
        return "stopped by the caller";
    case READER_EIO:
        return "read error";
    case READER_EQUOTE:
        return "quoted field not closed at end of input";
    case READER_EFIELD:
        return "field longer than 64 MiB";
    case READER_EFIELDS:
        return "record with more than 1048576 fields";
    case READER_ENOMEM:
        return "out of memory";
    case READER_EEMPTY:
        return "no header line";
    case READER_EENCODING:
        return "bytes that are not text in the input's encoding";
    case READER_ECHARSET:
        return "unknown encoding";
    case READER_EXLSX:
        return "an XLSX workbook, not a CSV file";
    case READER_EFORMAT:
        return "an input that cannot be read";
    case READER_ESAID:
        return "refused by its format's reader";
    case READER_EBINARY:
        return "a binary file, not CSV text";
    case READER_EGZIP:
        return "gzip data damaged or cut short";
    }
    return "unknown reader status";
}
