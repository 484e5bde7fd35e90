/* fastline.c - splits CSV records exactly as libcsv 3.0.3 does: a structural
 * scan finds quotes, delimiters and line ends 64 bytes at a time, once for a
 * run of records, and tells the ones inside quotes by prefix XOR; a record
 * whose quotes the scan cannot vouch for is read field by field with
 * libcsv's own rules. */
#include "fastline.h"

#include <stdint.h>
#include <string.h>

/*
 * The libcsv 3.0.3 rules matched (csv_parse() in libcsv.c, a parser made with
 * csv_init(p, 0): no options, default quote '"', default space and line-end
 * tests, only the delimiter set), from a record boundary:
 *
 * ROW_NOT_BEGUN and FIELD_NOT_BEGUN (before a field's first data byte):
 *   1. a space or tab that is not the delimiter is skipped -- the space test
 *      comes first but excludes the delimiter, so with delim '\t' a tab is
 *      never a space;
 *   2. then '\r' or '\n' ends the line: in FIELD_NOT_BEGUN (after a
 *      delimiter) an empty field and the record are submitted; in
 *      ROW_NOT_BEGUN (nothing but spaces and tabs since the record boundary)
 *      nothing is submitted, so an empty or blank line gives no record;
 *   3. then the delimiter submits an empty field (FIELD_NOT_BEGUN follows);
 *   4. then the quote opens a quoted field (FIELD_BEGUN, quoted; below);
 *   5. any other byte, NUL and bytes >= 0x80 included, is the field's first
 *      data byte: FIELD_BEGUN, unquoted.
 *
 * FIELD_BEGUN, unquoted (after the first data byte):
 *   1. the quote is kept as data and resets `spaces`, as any data byte;
 *   2. then the delimiter submits the field (FIELD_NOT_BEGUN follows);
 *   3. then '\r' or '\n' submits the field and the record (ROW_NOT_BEGUN);
 *   4. then a space or tab is kept but counted in `spaces`;
 *   5. any other byte is kept and resets `spaces` to 0.
 *   Submitting drops the last `spaces` bytes: trailing spaces and tabs go,
 *   inner ones stay.
 *
 * FIELD_BEGUN, quoted (after the opening quote, which is not kept):
 *   the quote is kept and FIELD_MIGHT_HAVE_ENDED follows; '\r' or '\n' is
 *   kept (the field goes on to the next line); every other byte, the
 *   delimiter included, is kept.  `spaces` stays 0 here.
 *
 * FIELD_MIGHT_HAVE_ENDED (after a quote in a quoted field):
 *   1. the delimiter, or 2. '\r' or '\n', ends the field (and the record)
 *      after dropping `spaces` bytes and the quote before them;
 *   3. a space or tab is kept and counted in `spaces`;
 *   4. a quote after spaces is kept, `spaces` back to 0, the state unchanged;
 *      a quote right after the quote (a doubled quote) goes back to
 *      FIELD_BEGUN, quoted, the first one staying as the data quote;
 *   5. any other byte is kept, `spaces` back to 0, FIELD_BEGUN quoted.
 *
 * So an unquoted field is the bytes between two delimiters (or the line's
 * start or end) without its leading and trailing spaces and tabs, the
 * delimiter never counting as one; a quoted field "..." closed by its first
 * quote, with only spaces and tabs before the next delimiter or line end, is
 * the bytes between the quotes; and the record exists unless the line ends
 * while still in ROW_NOT_BEGUN.  Other quoted fields (doubled quotes, bytes
 * after the closing quote) are followed to their end with libcsv's rules;
 * their bytes are rewritten when the field is wanted.
 *
 * The delimiter is checked before the line end only in FIELD_BEGUN, which
 * matters only for a delimiter of '\r' or '\n'; those, like a delimiter of
 * ' ' or '"', are not supported and go to libcsv.
 */

/* Byte classes, for trimming and for the field-by-field reading. */
enum {
    FL_DATA = 0,  /* kept in the field */
    FL_SPACE = 1, /* ' ' or '\t' that is not the delimiter: trimmed at the field's ends */
    FL_QUOTE = 2, /* '"': opens a quoted field at a field's start, else data */
    FL_DELIM = 3, /* ends the field */
    FL_END = 4    /* '\r' or '\n': ends the field and the line */
};

/* One table per supported delimiter; every byte not named is FL_DATA. */
static const unsigned char class_comma[256] = {
    [' '] = FL_SPACE, ['\t'] = FL_SPACE, [','] = FL_DELIM,
    ['\r'] = FL_END,  ['\n'] = FL_END,   ['"'] = FL_QUOTE,
};
static const unsigned char class_semicolon[256] = {
    [' '] = FL_SPACE, ['\t'] = FL_SPACE, [';'] = FL_DELIM,
    ['\r'] = FL_END,  ['\n'] = FL_END,   ['"'] = FL_QUOTE,
};
static const unsigned char class_tab[256] = {
    [' '] = FL_SPACE, ['\t'] = FL_DELIM,
    ['\r'] = FL_END,  ['\n'] = FL_END,   ['"'] = FL_QUOTE,
};
static const unsigned char class_pipe[256] = {
    [' '] = FL_SPACE, ['\t'] = FL_SPACE, ['|'] = FL_DELIM,
    ['\r'] = FL_END,  ['\n'] = FL_END,   ['"'] = FL_QUOTE,
};

static const unsigned char *class_table(unsigned char delim)
{
    switch (delim) {
    case ',': return class_comma;
    case ';': return class_semicolon;
    case '\t': return class_tab;
    case '|': return class_pipe;
    default: return NULL;
    }
}

/* What the record is being split into. */
typedef struct rec {
    const unsigned char *s;
    const unsigned char *cls;
    const unsigned char *want;
    size_t want_len;
    fastline_out *out;
    size_t k;       /* fields submitted */
    size_t scratch; /* bytes of out->scratch used */
} rec;

/* Returned by the structural scan for a record whose quotes it cannot vouch for. */
#define SUSPECT SIZE_MAX

static inline int wanted(const rec *r)
{
    return r->k < r->want_len && r->want[r->k] != 0;
}

/* Submits a field of len bytes at ptr (NULL: not wanted).  @return 0 when cap is reached. */
static inline int submit(rec *r, const unsigned char *ptr, size_t len)
{
    if (r->k == r->out->cap)
        return 0;
    r->out->fields[r->k].ptr = (const char *)ptr;
    r->out->fields[r->k].len = len;
    r->k++;
    return 1;
}

/* An unquoted field: s[start..end) less its spaces and tabs. */
static inline int plain_field(rec *r, size_t start, size_t end)
{
    const unsigned char *s = r->s, *cls = r->cls;
    while (start < end && cls[s[start]] == FL_SPACE)
        start++;
    while (end > start && cls[s[end - 1]] == FL_SPACE)
        end--;
    return submit(r, wanted(r) ? s + start : NULL, end - start);
}

/*
 * Writes to out the bytes libcsv keeps of the quoted field whose bytes after
 * the opening quote are s[i..end), end being the delimiter or line end that
 * ends it (so the field is in FIELD_MIGHT_HAVE_ENDED there).  @return the
 * field's length: the kept bytes less the closing quote and the spaces
 * after it.  out needs end - i bytes.
 */
static size_t unquote(const unsigned char *s, size_t i, size_t end, const unsigned char *cls,
                      unsigned char *out)
{
    size_t o = 0, spaces = 0;
    int might = 0; /* FIELD_MIGHT_HAVE_ENDED, else FIELD_BEGUN quoted */
    for (; i < end; i++) {
        unsigned char c = s[i], k = cls[c];
        if (!might) {
            out[o++] = c;
            might = k == FL_QUOTE;
        } else if (k == FL_SPACE) {
            out[o++] = c;
            spaces++;
        } else if (k == FL_QUOTE && spaces > 0) {
            out[o++] = c;
            spaces = 0;
        } else if (k == FL_QUOTE) {
            might = 0; /* a doubled quote: the first one stays as data */
        } else {
            out[o++] = c;
            spaces = 0;
            might = 0;
        }
    }
    return o - spaces - 1;
}

/* A quoted field that needs rewriting, opening quote at s[q], ended at s[end]:
 * written into the scratch room when wanted.  @return 0 when there is no room. */
static int rewritten_field(rec *r, size_t q, size_t end, size_t len)
{
    if (!wanted(r))
        return submit(r, NULL, len);
    fastline_out *out = r->out;
    if (out->scratch_cap - r->scratch < end - q)
        return 0;
    unsigned char *dst = out->scratch + r->scratch;
    len = unquote(r->s, q + 1, end, r->cls, dst);
    r->scratch += len;
    return submit(r, dst, len);
}

/*
 * A field with quotes found by the structural scan, s[start..end): it must
 * be spaces, '"', a body whose quotes are doubled, '"', spaces -- then libcsv
 * reads the quotes just as the prefix XOR counted them.  @return 1 done, 0
 * refused (cap or scratch room), SUSPECT for any other form.
 */
static size_t checked_field(rec *r, size_t start, size_t end)
{
    const unsigned char *s = r->s, *cls = r->cls;
    while (start < end && cls[s[start]] == FL_SPACE)
        start++;
    while (end > start && cls[s[end - 1]] == FL_SPACE)
        end--;
    if (end - start < 2 || cls[s[start]] != FL_QUOTE || cls[s[end - 1]] != FL_QUOTE)
        return SUSPECT;
    size_t body = start + 1, stop = end - 1, pairs = 0;
    for (size_t i = body; i < stop;) {
        const unsigned char *p = memchr(s + i, '"', stop - i);
        if (p == NULL)
            break;
        i = (size_t)(p - s);
        if (i + 1 >= stop || s[i + 1] != '"')
            return SUSPECT;
        pairs++;
        i += 2;
    }
    if (pairs == 0)
        return (size_t)submit(r, wanted(r) ? s + body : NULL, stop - body);
    /* the bytes up to the line end or delimiter after the closing quote */
    size_t after = end;
    while (cls[s[after]] == FL_SPACE)
        after++;
    return (size_t)rewritten_field(r, start, after, stop - body - pairs);
}

/* ---- the structural scan ------------------------------------------------ */

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Bytes looked at together: 16, 32 or 64. */
#define BLOCK 64

/* Bit j of each mask: byte p[j] is a quote, the delimiter, a line end. */
typedef void (*classify_fn)(const unsigned char *p, unsigned char delim, uint64_t *q, uint64_t *d,
                            uint64_t *e);

static void classify(const unsigned char *p, unsigned char delim, uint64_t *q, uint64_t *d,
                     uint64_t *e)
{
#if defined(__SSE2__)
    const __m128i vq = _mm_set1_epi8('"'), vd = _mm_set1_epi8((char)delim);
    const __m128i vl = _mm_set1_epi8('\n'), vr = _mm_set1_epi8('\r');
    uint64_t qq = 0, dd = 0, ee = 0;
    for (unsigned k = 0; k < BLOCK; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
        qq |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vq)) << k;
        dd |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vd)) << k;
        ee |= (uint64_t)(unsigned)_mm_movemask_epi8(
                  _mm_or_si128(_mm_cmpeq_epi8(v, vl), _mm_cmpeq_epi8(v, vr)))
              << k;
    }
#else
    uint64_t qq = 0, dd = 0, ee = 0;
    for (unsigned j = 0; j < BLOCK; j++) {
        qq |= (uint64_t)(p[j] == '"') << j;
        dd |= (uint64_t)(p[j] == delim) << j;
        ee |= (uint64_t)(p[j] == '\n' || p[j] == '\r') << j;
    }
#endif
    *q = qq;
    *d = dd;
    *e = ee;
}

/*
 * The same 32 bytes at a time, on x86-64 processors that have AVX2 (asked
 * at run time: the program itself is built for any x86-64).  Building with
 * -DFASTLINE_NO_AVX2 leaves only classify(), so that both are tested here.
 */
#if defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__) && BLOCK == 64 && \
    !defined(FASTLINE_NO_AVX2)
#include <immintrin.h>
#define FASTLINE_AVX2 1

__attribute__((target("avx2"))) static void classify_avx2(const unsigned char *p,
                                                          unsigned char delim, uint64_t *q,
                                                          uint64_t *d, uint64_t *e)
{
    const __m256i vq = _mm256_set1_epi8('"'), vd = _mm256_set1_epi8((char)delim);
    const __m256i vl = _mm256_set1_epi8('\n'), vr = _mm256_set1_epi8('\r');
    __m256i lo = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i hi = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
#define MASK64(test) \
    ((uint64_t)(uint32_t)_mm256_movemask_epi8(test(lo)) | \
     (uint64_t)(uint32_t)_mm256_movemask_epi8(test(hi)) << 32)
#define IS_Q(v) _mm256_cmpeq_epi8(v, vq)
#define IS_D(v) _mm256_cmpeq_epi8(v, vd)
#define IS_E(v) _mm256_or_si256(_mm256_cmpeq_epi8(v, vl), _mm256_cmpeq_epi8(v, vr))
    *q = MASK64(IS_Q);
    *d = MASK64(IS_D);
    *e = MASK64(IS_E);
#undef IS_E
#undef IS_D
#undef IS_Q
#undef MASK64
}
#endif

/* The widest classify() this processor runs. */
static classify_fn classify_for_cpu(void)
{
#ifdef FASTLINE_AVX2
    if (__builtin_cpu_supports("avx2"))
        return classify_avx2;
#endif
    return classify;
}

/* Bit j of the result: the XOR of bits 0..j of x, by the shift-XOR
 * cascade: a byte is inside quotes when an odd number of quotes comes
 * before it or is it. */
static uint64_t prefix_xor(uint64_t x)
{
    for (unsigned k = 1; k < BLOCK; k *= 2)
        x ^= x << k;
    return BLOCK == 64 ? x : x & ((UINT64_C(1) << (BLOCK % 64)) - 1);
}

/* The bits below bit j (j <= 64). */
static uint64_t below(unsigned j)
{
    return j >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << j) - 1;
}

/* Line ends in s[0..e): LF, CR, and CR LF as one, as the reader counts them. */
static uint64_t count_lines(const unsigned char *s, size_t e)
{
    uint64_t lines = 0;
    for (size_t i = 0; i < e; i++)
        lines += s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n');
    return lines;
}

/* The classes of the block at s[i], the bytes past s[n] padded with NULs (data). */
static inline void block_at(classify_fn classify_block, const unsigned char *s, size_t i,
                            size_t n, unsigned char delim, uint64_t *q, uint64_t *d, uint64_t *e)
{
    if (n - i >= BLOCK) {
        classify_block(s + i, delim, q, d, e);
        return;
    }
    unsigned char tail[BLOCK] = {0};
    memcpy(tail, s + i, n - i);
    classify_block(tail, delim, q, d, e);
}

/* A run of records: the state fastline_run() keeps between them. */
typedef struct run {
    rec r;          /* the record being split; r.s is the run's first byte */
    size_t n;       /* the run's bytes */
    size_t piece;   /* a record must end within this many bytes of its start */
    unsigned char delim;
    classify_fn classify; /* classify() or a wider one */
    fastline_emit emit;
    void *ctx;
} run;

/* Why the structural scan stopped at a record. */
typedef enum scan_end {
    SCAN_DONE,    /* the caller's emit() said so */
    SCAN_SUSPECT, /* a field whose quotes the scan cannot vouch for */
    SCAN_REFUSED, /* more fields than room, or no scratch room */
    SCAN_NO_END   /* no line end within the record's piece */
} scan_end;

/* Where a record starting at s[at] must end before. */
static size_t limit(const run *u, size_t at)
{
    return u->n - at < u->piece ? u->n : at + u->piece;
}

/* A record's line end with only spaces and tabs before it: no record. */
static int blank(const rec *r, size_t start, size_t p)
{
    while (start < p && r->cls[r->s[start]] == FL_SPACE)
        start++;
    return start == p;
}

/*
 * The structural scan of records from s[*at]: BLOCK bytes at a time, a
 * mask per class; the quotes' prefix XOR (carried from block to block)
 * marks the bytes inside quotes, and the delimiters and line ends outside
 * them split the records.  A record ends outside quotes, so each one starts
 * with an even count of quotes before it and the XOR stays right from one
 * record to the next: each byte is classified once.  Each field with a
 * quote is checked to be of the one form for which that counting is
 * libcsv's.  *at receives the start of the record the scan stopped at, or
 * the end of the last record taken.
 */
/* Where the scan is: the record and the field being split. */
typedef struct scan {
    size_t rec_start; /* the record's first byte */
    size_t lim;       /* limit(rec_start) */
    size_t start;     /* the current field's first byte */
    int quoted;       /* the current field had a quote in an earlier block */
    int quoted_end;   /* the record had a line end inside quotes in an earlier block */
} scan;

/*
 * The record ends at s[p] (its line ends inside quotes counted when
 * quoted_lines): hands it to emit().  @return emit()'s verdict; for
 * FASTLINE_NEXT, sc is at the next record.
 */
static inline int end_record(run *u, scan *sc, size_t p, int quoted_lines)
{
    rec *r = &u->r;
    r->out->nf = r->k;
    r->out->lines = quoted_lines ? count_lines(r->s + sc->rec_start, p - sc->rec_start) : 0;
    int verdict = u->emit(u->ctx, r->out, r->s + sc->rec_start, p + 1 - sc->rec_start);
    if (verdict != FASTLINE_REFUSE)
        sc->rec_start = p + 1;
    if (verdict == FASTLINE_NEXT) {
        sc->lim = limit(u, sc->rec_start);
        sc->start = sc->rec_start;
        sc->quoted = sc->quoted_end = 0;
        r->k = r->scratch = 0;
    }
    return verdict;
}

/* The split at s[p], a delimiter or (is_end) a line end, of a field without quotes;
 * quoted_lines: the record has line ends inside quotes.  @return 1 when the
 * scan goes on, 0 when it stops (*why says why). */
static inline int plain_split(run *u, scan *sc, size_t p, int is_end, int quoted_lines,
                              scan_end *why)
{
    rec *r = &u->r;
    if ((!is_end || r->k > 0 || !blank(r, sc->start, p)) && !plain_field(r, sc->start, p)) {
        *why = SCAN_REFUSED;
        return 0;
    }
    sc->start = p + 1;
    if (!is_end)
        return 1;
    *why = SCAN_DONE;
    return end_record(u, sc, p, quoted_lines) == FASTLINE_NEXT;
}

static scan_end structural(run *u, size_t *at)
{
    rec *r = &u->r;
    const unsigned char *s = r->s;
    scan sc = {*at, limit(u, *at), *at, 0, 0};
    scan_end why = SCAN_NO_END;
    uint64_t inside = 0; /* all ones when the block starts inside quotes */
    r->k = r->scratch = 0;
    for (size_t i = sc.rec_start; i < u->n; i += BLOCK) {
        uint64_t q, d, e;
        block_at(u->classify, s, i, u->n, u->delim, &q, &d, &e);
        if ((q | inside | (uint64_t)sc.quoted) == 0) { /* no quote: every split is plain */
            for (uint64_t st = d | e; st; st &= st - 1) {
                unsigned j = (unsigned)__builtin_ctzll(st);
                if (i + j >= sc.lim)
                    break;
                if (!plain_split(u, &sc, i + j, (int)(e >> j & 1), sc.quoted_end, &why))
                    goto stop;
            }
            if (i + BLOCK > sc.lim) /* no line end in the piece */
                break;
            continue;
        }
        uint64_t in = prefix_xor(q) ^ inside;
        inside = (in >> (BLOCK - 1)) ? below(BLOCK) : 0;
        uint64_t q_left = q;    /* quotes past the last split */
        uint64_t e_in = e & in; /* line ends inside quotes, of this record on */
        for (uint64_t st = (d | e) & ~in; st; st &= st - 1) {
            unsigned j = (unsigned)__builtin_ctzll(st);
            size_t p = i + j;
            uint64_t upto = st ^ (st - 1); /* bits 0..j */
            if (p >= sc.lim)
                break;
            int is_end = (int)(e >> j & 1);
            if (!sc.quoted && (q_left & upto) == 0) {
                q_left &= ~upto;
                if (!plain_split(u, &sc, p, is_end, sc.quoted_end || (e_in & upto) != 0, &why))
                    goto stop;
                if (is_end)
                    e_in &= ~upto;
                continue;
            }
            q_left &= ~upto;
            size_t got = checked_field(r, sc.start, p);
            if (got != 1) {
                why = got == SUSPECT ? SCAN_SUSPECT : SCAN_REFUSED;
                goto stop;
            }
            sc.quoted = 0;
            sc.start = p + 1;
            if (!is_end)
                continue;
            why = SCAN_DONE;
            if (end_record(u, &sc, p, sc.quoted_end || (e_in & upto) != 0) != FASTLINE_NEXT)
                goto stop;
            e_in &= ~upto;
        }
        if (i + BLOCK > sc.lim) /* no line end in the piece */
            break;
        sc.quoted |= q_left != 0;
        sc.quoted_end |= e_in != 0;
    }
    why = SCAN_NO_END;
stop:
    *at = sc.rec_start;
    return why;
}

/* ---- field by field, for the records the scan cannot vouch for ---------- */

/*
 * Follows a quoted field whose opening quote is at s[i], line ends and all.
 * @return the index of the delimiter or line end that ends it, or 0 when it
 * does not end within n; *len gives its length, *plain whether its bytes are
 * those between its quotes.
 */
static size_t quoted_field(const unsigned char *s, size_t n, const unsigned char *cls, size_t i,
                           size_t *len, int *plain)
{
    size_t kept = 0, spaces = 0;
    *plain = 1;
    i++;
    for (;;) {
        /* FIELD_BEGUN, quoted: everything up to a quote is kept */
        const unsigned char *p = memchr(s + i, '"', n - i);
        if (p == NULL)
            return 0;
        kept += (size_t)(p - s) - i + 1; /* and the quote */
        i = (size_t)(p - s) + 1;
        /* FIELD_MIGHT_HAVE_ENDED */
        for (;;) {
            if (i == n)
                return 0;
            unsigned char c = cls[s[i]];
            if (c == FL_DELIM || c == FL_END) {
                *len = kept - spaces - 1;
                return i;
            }
            if (c == FL_SPACE) {
                kept++;
                spaces++;
                i++;
                continue;
            }
            *plain = 0;
            i++;
            if (c == FL_QUOTE && spaces > 0) {
                kept++;
                spaces = 0;
                continue;
            }
            if (c != FL_QUOTE)
                kept++;
            spaces = 0;
            break; /* back to FIELD_BEGUN, quoted */
        }
    }
}

/* An unquoted field from its first data byte s[i]: @return the index of the
 * delimiter or line end that ends it, or n. */
static size_t unquoted_end(const unsigned char *s, size_t i, size_t n, const unsigned char *cls)
{
    while (i < n && cls[s[i]] != FL_DELIM && cls[s[i]] != FL_END)
        i++;
    return i;
}

/* The whole record with libcsv's rules, one field at a time.  @return as fastline_split(). */
static size_t exact(rec *r, size_t n)
{
    const unsigned char *s = r->s, *cls = r->cls;
    size_t i = 0;
    for (;;) {
        /* ROW_NOT_BEGUN (k == 0) or FIELD_NOT_BEGUN: skip spaces and tabs. */
        unsigned char c = FL_SPACE;
        while (i < n && (c = cls[s[i]]) == FL_SPACE)
            i++;
        if (i == n)
            return 0; /* no line end */
        size_t start = i;
        if (c == FL_QUOTE) {
            size_t len;
            int plain;
            i = quoted_field(s, n, cls, start, &len, &plain);
            if (i == 0)
                return 0;
            int ok = plain ? submit(r, wanted(r) ? s + start + 1 : NULL, len)
                           : rewritten_field(r, start, i, len);
            if (!ok)
                return 0;
        } else {
            if (c == FL_DATA)
                i = unquoted_end(s, i + 1, n, cls);
            if (i == n)
                return 0;
            /* c is FL_DELIM or FL_END at s[i] */
            if (cls[s[i]] == FL_END && r->k == 0 && i == start)
                return i + 1; /* still ROW_NOT_BEGUN: no record */
            if (!plain_field(r, start, i))
                return 0;
        }
        if (cls[s[i]] == FL_END) {
            r->out->nf = r->k;
            r->out->lines = count_lines(s, i);
            return i + 1;
        }
        i++;
    }
}


/* ---- runs of records ----------------------------------------------------- */

size_t fastline_run(const unsigned char *s, size_t n, size_t piece, unsigned char delim,
                    const unsigned char *want, size_t want_len, fastline_out *out,
                    fastline_emit emit, void *ctx)
{
    run u = {{s, class_table(delim), want, want == NULL ? 0 : want_len, out, 0, 0},
             n, piece, delim, classify_for_cpu(), emit, ctx};
    size_t at = 0;
    out->nf = 0;
    out->lines = 0;
    if (u.r.cls == NULL || piece == 0)
        return 0;
    for (;;) {
        scan_end why = structural(&u, &at);
        size_t lim = limit(&u, at);
        if (why == SCAN_DONE)
            return at;
        if (why == SCAN_REFUSED || (why == SCAN_NO_END && !memchr(s + at, '"', lim - at)))
            break; /* no quote can have hidden a line end */
        /* the record field by field, from a fresh structural scan after it */
        rec x = {s + at, u.r.cls, u.r.want, u.r.want_len, out, 0, 0};
        out->nf = 0;
        out->lines = 0;
        size_t got = exact(&x, lim - at);
        if (got == 0)
            break;
        int verdict = emit(ctx, out, s + at, got);
        if (verdict == FASTLINE_REFUSE)
            return at;
        at += got;
        if (verdict == FASTLINE_STOP)
            return at;
    }
    out->nf = 0;
    return at;
}

/* fastline_split()'s emit: the first record, then stop. */
static int first_record(void *ctx, const fastline_out *out, const unsigned char *bytes, size_t len)
{
    (void)ctx;
    (void)out;
    (void)bytes;
    (void)len;
    return FASTLINE_STOP;
}

size_t fastline_split(const unsigned char *s, size_t n, unsigned char delim,
                      const unsigned char *want, size_t want_len, fastline_out *out)
{
    return fastline_run(s, n, n, delim, want, want_len, out, first_record, NULL);
}
