/*
 * xlsx_split.c - one sheet read by several expat parsers at once.
 *
 * A thread inflates the sheet and cuts its XML into chunks of about
 * XLSX_SHEET_CHUNK bytes, each cut just before a row's start tag that follows
 * another tag's end (and white space).  Each parser reads whole chunks, in the
 * sheet's order but not every one: the first parser reads the sheet from its
 * start; another begins with the sheet's bytes up to the end of the <sheetData>
 * start tag (the same namespaces), then the chunks it takes.  Each chunk's
 * records are counted in a part of the caller's (parallel_ops), and the parts
 * are added up in the sheet's order.  Why: one expat parser is most of a
 * workbook's time, and a sheet's rows are independent of one another.
 *
 * A cut is only a guess at a row's start: it is trusted when no byte before it
 * begins a comment, CDATA section or processing instruction ("<!", "<?": then
 * every '<' starts a tag, so the tags before a cut are those of one reading
 * from the start), and when the chunk before it ended, in its parser, at the
 * end of a row inside <sheetData> and nowhere else.  A chunk read by a parser
 * that did not read the chunk before it must begin with a row numbered by its
 * r attribute, after the last row before it.  A chunk that fails any of these,
 * or meets an error or a stop (but the header callback's, and the inflating's
 * error after a clean chunk, which one parser meets the same way), makes the
 * whole sheet read again on one parser (SPLIT_AGAIN): a part says nothing, and
 * an XML error's line is its parser's.  Nothing is added to the caller's counts
 * before every chunk is read and added up (in one part, then to the caller).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_sheet.h"

/** XML in a chunk (a test build makes it small, to cut every sheet). */
#ifndef XLSX_SHEET_CHUNK
#define XLSX_SHEET_CHUNK (256 << 10)
#endif
#define SPLIT_CHUNK ((size_t)XLSX_SHEET_CHUNK)
/** Inflated at a time: the one-parser reading's blocks (the cap is checked per
 * block), or less with tiny chunks. */
#if XLSX_SHEET_CHUNK < (256 << 10)
#define SPLIT_READ SPLIT_CHUNK
#else
#define SPLIT_READ XLSX_PART_BLOCK
#endif
/** A chunk grows this far past SPLIT_CHUNK looking for a cut; past it, the
 * sheet is read on one parser from there on. */
#define SPLIT_REACH ((size_t)4 << 20)
/** Chunks inflated, read or waiting to be added up. */
#define SPLIT_SLOTS 4
/** The sheet's first bytes kept for the other parsers (to <sheetData>). */
#define SPLIT_HEAD ((size_t)64 << 10)

/* CHUNK_NOMEM: the cutting ran out of memory (the sheet is read again on one parser). */
enum { CHUNK_DATA, CHUNK_END, CHUNK_DAMAGED, CHUNK_PAST_CAP, CHUNK_NOMEM };

typedef struct chunk {
    char *buf;
    size_t len, cap;
    bool at_row;          /* begins at a cut */
    bool ends_at_row;     /* the next one begins at a cut */
    int kind;             /* CHUNK_DATA, or the part's end (or the inflating's error) after it */
    /* its reading */
    unsigned worker;
    bool parsed;
    bool cut_error;       /* its reading stopped at the inflating's error only */
    bool start_ok;        /* its parser began at a row's start in <sheetData> */
    bool end_ok;          /* and ended at a row's end there, with nothing after it */
    bool failed, stopped;
    bool header_stop;     /* the header callback stopped the reading */
    void *part;
    uint64_t records, first_row, last_row, no_value;
    bool rows, first_implicit;
    char no_value_at[24];
} chunk;

struct split;

typedef struct worker {
    struct split *sp;
    unsigned id;
    sheet_ud *u;          /* the first parser's: the caller's; the others': own */
    sheet_ud own;
    xlsx x;               /* the others' copy of the reader (own result, spill cache) */
    reader_result res;
    uint64_t fed;         /* bytes given to its parser */
    bool started;         /* its parser has the sheet's start */
    bool at_row;          /* and ended its last chunk at a row's end */
    pthread_t thread;
    bool running;
} worker;

typedef struct split {
    sheet_ud *u0;         /* the first parser's state */
    const parallel_ops *ops;
    const char *path;
    zip_file_t *zf;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    chunk slot[SPLIT_SLOTS];
    uint64_t head, next, folded; /* chunks cut, taken, added up */
    unsigned last_worker; /* who took the chunk before next */
    bool on;              /* the first parser is past the header and held rows */
    split_result result;  /* SPLIT_AGAIN once known */
    bool serial;          /* only the first parser has read so far */
    bool ended;           /* the last chunk is added up, or the reading stopped */
    char head_bytes[SPLIT_HEAD];
    size_t head_len;
    /* for the other parsers, from the first once on */
    reader_want want;
    size_t header_n;
    uint64_t data_at;
    xlsx x;               /* the reader, for the others' copies */
    /* adding up */
    void *sum;            /* the parts so far */
    unsigned prev_worker; /* who read the chunk before the next to add */
    bool prev_end_ok;
    int cut_kind;         /* the inflating's error that ended the reading */
    uint64_t records, last_row, no_value;
    char no_value_at[24];
    char why[160];        /* libzip's reason, for CHUNK_DAMAGED */
    worker w[SPLIT_WORKERS];
    unsigned nworkers;
} split;

/* ---- cutting ---------------------------------------------------------------- */

static bool xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where in b[from, len) a row's start tag begins after another tag's end (and
 * white space), or len. */
static size_t find_cut(const char *b, size_t from, size_t len)
{
    for (size_t i = from < 1 ? 1 : from; i + 5 <= len;) {
        const char *p = memchr(b + i, '<', len - i - 4);
        if (p == NULL)
            break;
        i = (size_t)(p - b);
        size_t k = i;
        while (k > 0 && xml_space(b[k - 1]))
            k--;
        if (k > 0 && b[k - 1] == '>' && memcmp(p + 1, "row", 3) == 0 &&
            (xml_space(p[4]) || p[4] == '>' || p[4] == '/'))
            return i;
        i++;
    }
    return len;
}

/* Only white space in b[0, n). */
static bool all_space(const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!xml_space(b[i]))
            return false;
    return true;
}

/* The first '<' followed by '!' or '?' whose second byte is in b[from, len) (so a
 * pair split between two reads is found when the second is searched), or len. */
static size_t find_odd(const char *b, size_t from, size_t len)
{
    size_t odd = len;
    for (const char *m = "!?"; *m; m++) {
        for (size_t i = from > 0 ? from : 1; i < odd;) {
            const char *p = memchr(b + i, *m, odd - i);
            if (p == NULL)
                break;
            i = (size_t)(p - b);
            if (b[i - 1] == '<') {
                odd = i - 1;
                break;
            }
            i++;
        }
    }
    return odd;
}

/* The XML declaration (after a UTF-8 BOM) at the part's start: its end, else 0. */
static size_t declaration_end(const char *b, size_t len)
{
    size_t at = len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len - at < 5 || memcmp(b + at, "<?xml", 5) != 0)
        return 0;
    const char *e = memchr(b + at, '>', len - at);
    return e ? (size_t)(e - b) + 1 : 0;
}

static bool chunk_room(chunk *c, size_t need)
{
    if (need <= c->cap)
        return true;
    size_t cap = c->cap ? c->cap : SPLIT_CHUNK + SPLIT_READ;
    while (cap < need)
        cap *= 2;
    char *b = realloc(c->buf, cap);
    if (b == NULL)
        return false;
    c->buf = b;
    c->cap = cap;
    return true;
}

/* Inflate into w until it has want bytes: CHUNK_DATA, or the part's end or an
 * error (as the one-parser reading meets them: a block past the cap unread). */
static int fill(split *sp, chunk *w, size_t want, unsigned long long *total)
{
    while (w->len < want) {
        if (!chunk_room(w, w->len + SPLIT_READ))
            return CHUNK_NOMEM;
        zip_int64_t got = xlsx_zip()->zip_fread(sp->zf, w->buf + w->len, SPLIT_READ);
        if (got < 0) {
            snprintf(sp->why, sizeof sp->why, "%s", xlsx_zip()->zip_file_strerror(sp->zf));
            return CHUNK_DAMAGED;
        }
        *total += (unsigned long long)got;
        if (*total > XLSX_MAX_SHEET)
            return CHUNK_PAST_CAP;
        if (got == 0)
            return CHUNK_END;
        w->len += (size_t)got;
    }
    return CHUNK_DATA;
}

/* The cutting thread: the part inflated into a window, chunks cut from its front
 * into free slots, in order, until the part's end. */
static void *cut_main(void *arg)
{
    split *sp = arg;
    chunk win = {0};      /* inflated, not in a chunk yet */
    unsigned long long total = 0;
    bool cutting = true, at_row = false;
    size_t clean = 0;     /* win's bytes before this hold no "<!" or "<?" */
    int end = CHUNK_DATA; /* the part's end, or an error, once met */
    for (uint64_t k = 0;; k++) {
        if (end == CHUNK_DATA)
            end = fill(sp, &win, SPLIT_CHUNK, &total);
        if (k == 0)
            clean = declaration_end(win.buf, win.len);
        size_t cut = win.len;
        while (cutting) {
            size_t at = find_cut(win.buf, SPLIT_CHUNK < win.len ? SPLIT_CHUNK : win.len,
                                 win.len);
            if (find_odd(win.buf, clean, at) < at) {
                cutting = false; /* a comment, CDATA or PI: no cut after it is sure */
                break;
            }
            clean = at;
            if (at < win.len) {
                cut = at;
                break;
            }
            if (end != CHUNK_DATA)
                break; /* the rest is the last chunk */
            if (win.len >= SPLIT_CHUNK + SPLIT_REACH) {
                cutting = false;
                break;
            }
            end = fill(sp, &win, win.len + SPLIT_READ, &total);
        }
        pthread_mutex_lock(&sp->mu);
        while (k - sp->folded >= SPLIT_SLOTS && !sp->ended)
            pthread_cond_wait(&sp->cv, &sp->mu);
        bool ended = sp->ended; /* no chunk is read any more */
        pthread_mutex_unlock(&sp->mu);
        if (ended)
            break;
        /* the window becomes the chunk; what follows the cut starts the next window */
        chunk *c = &sp->slot[k % SPLIT_SLOTS];
        chunk next = {.buf = c->buf, .cap = c->cap};
        size_t rest = win.len - cut;
        c->buf = win.buf;
        c->cap = win.cap;
        c->len = cut;
        c->at_row = at_row;
        c->ends_at_row = at_row = rest > 0 && cutting;
        if (rest > 0 && !chunk_room(&next, rest)) {
            end = CHUNK_NOMEM;
            rest = 0;
        }
        if (rest > 0)
            memcpy(next.buf, c->buf + cut, rest);
        next.len = rest;
        clean = clean > cut ? clean - cut : 0;
        win = next;
        bool last = rest == 0 && end != CHUNK_DATA;
        c->kind = last ? end : CHUNK_DATA;
        c->parsed = false;
        /* the sheet's first bytes, kept for the other parsers' start */
        size_t keep = sp->head_len < SPLIT_HEAD ? SPLIT_HEAD - sp->head_len : 0;
        keep = keep < c->len ? keep : c->len;
        memcpy(sp->head_bytes + sp->head_len, c->buf, keep);
        pthread_mutex_lock(&sp->mu);
        sp->head_len += keep;
        sp->head = k + 1;
        pthread_cond_broadcast(&sp->cv);
        pthread_mutex_unlock(&sp->mu);
        if (last)
            break;
    }
    free(win.buf);
    return NULL;
}

/* ---- reading ---------------------------------------------------------------- */

/* The inflating's error, as the one-parser reading says it. */
static void cut_fail(xlsx *x, const split *sp, int kind)
{
    if (kind == CHUNK_DAMAGED)
        xlsx_fail(x, ": part %s is damaged: %s", sp->path, sp->why);
    else
        xlsx_fail(x, ": part %s inflates to more than %llu MiB (refused)", sp->path,
                  XLSX_MAX_SHEET >> 20);
}

/* Give bytes to w's parser; false when it stopped (an error, or a handler). */
static bool feed(worker *w, const char *b, size_t n, bool final)
{
    sheet_ud *u = w->u;
    w->fed += n;
    if (XML_Parse(u->p, b, (int)n, final) != XML_STATUS_ERROR)
        return !u->x->failed && !u->stopped;
    if (XML_GetErrorCode(u->p) != XML_ERROR_ABORTED && !u->x->failed)
        xlsx_fail(u->x, ": part %s, line %lu: %s", w->sp->path,
                  (unsigned long)XML_GetCurrentLineNumber(u->p),
                  XML_ErrorString(XML_GetErrorCode(u->p)));
    return false;
}

/* Read chunk c with w's parser (the sheet's start first, for a parser that has
 * not read yet) and note what add_up() checks. */
static void read_chunk(worker *w, chunk *c)
{
    split *sp = w->sp;
    sheet_ud *u = w->u;
    uint64_t records = u->x->res->records;
    u->part = NULL;
    u->first_seen = false;
    u->no_value_base = u->no_value;
    c->start_ok = true;
    c->cut_error = false;
    bool ok = true;
    if (!w->started) { /* the sheet's start, to the end of the <sheetData> start tag */
        w->started = true;
        ok = feed(w, sp->head_bytes, (size_t)sp->data_at, false);
        c->start_ok = ok && u->data && u->depth == 2 && !u->in_row && u->data_at == sp->data_at;
    }
    if (ok)
        ok = feed(w, c->buf, c->len, c->kind == CHUNK_END);
    if (ok && (c->kind == CHUNK_DAMAGED || c->kind == CHUNK_PAST_CAP)) {
        cut_fail(u->x, sp, c->kind);
        c->cut_error = true;
    }
    c->failed = u->x->failed || c->kind == CHUNK_NOMEM;
    c->header_stop = u->header_stopped;
    c->stopped = u->stopped;
    /* the last row ended in this chunk, and only white space follows it */
    uint64_t start = w->fed - c->len;
    c->end_ok = ok && c->ends_at_row && u->data && u->depth == 2 && !u->in_row &&
                u->row_end >= start && u->row_end <= w->fed &&
                all_space(c->buf + (u->row_end - start), (size_t)(w->fed - u->row_end));
    w->at_row = c->end_ok;
    c->part = u->part;
    u->part = NULL;
    c->records = u->x->res->records - records;
    c->rows = u->first_seen;
    c->first_row = u->first_row;
    c->first_implicit = u->first_implicit;
    c->last_row = u->last_row;
    c->no_value = u->no_value - u->no_value_base;
    if (c->no_value)
        memcpy(c->no_value_at, u->no_value_at, sizeof c->no_value_at);
}

/* ---- adding up, under sp->mu ------------------------------------------------------ */

static void again(split *sp)
{
    sp->result = SPLIT_AGAIN;
    sp->ended = true;
}

/*
 * Add up the chunks read, in order, as far as they are read.  A chunk whose
 * parser did not read the one before it counts only when the cut between them
 * proved a row boundary and its rows are numbered after those before.
 */
static void add_up(split *sp)
{
    while (!sp->ended && sp->folded < sp->next) {
        chunk *c = &sp->slot[sp->folded % SPLIT_SLOTS];
        if (!c->parsed)
            return;
        if (sp->folded > 0 && c->worker != sp->prev_worker) {
            sp->serial = false;
            if (!sp->prev_end_ok || !c->start_ok || !c->rows || c->first_implicit ||
                c->first_row <= sp->last_row) {
                again(sp);
                return;
            }
        }
        /* an error or a stop is said by one parser reading again (a part says
         * nothing, and an XML error's line is its parser's), but for the header
         * callback's stop, and the inflating's error after a clean chunk */
        if ((c->failed || c->stopped) && !c->cut_error && !(c->header_stop && sp->serial)) {
            again(sp);
            return;
        }
        if (c->part) {
            /* made after the header callback, like the chunks' parts */
            if (sp->sum == NULL && (sp->sum = sp->ops->part_new(sp->ops->owner)) == NULL) {
                again(sp);
                return;
            }
            bool added = sp->ops->fold(sp->sum, c->part, 0);
            sp->ops->part_free(c->part);
            c->part = NULL;
            if (!added) {
                again(sp);
                return;
            }
        }
        sp->records += c->records;
        if (c->rows)
            sp->last_row = c->last_row;
        if (c->no_value && sp->no_value == 0)
            memcpy(sp->no_value_at, c->no_value_at, sizeof sp->no_value_at);
        sp->no_value += c->no_value;
        sp->prev_worker = c->worker;
        sp->prev_end_ok = c->end_ok;
        if (c->cut_error)
            sp->cut_kind = c->kind;
        sp->folded++;
        if (c->failed || c->stopped || c->kind != CHUNK_DATA)
            sp->ended = true;
    }
}

/* ---- the parsers ------------------------------------------------------------------ */

/* After the first parser's chunk: once past the header and the rows held for layout
 * detection, with records counted, the others may take chunks. */
static void turn_on(split *sp)
{
    const sheet_ud *u = sp->u0;
    if (sp->on || u->x->failed || u->stopped || !u->header_done || u->holding ||
        u->records_left > 0 || u->x->res->records == 0 || u->data_at == 0 ||
        u->data_at > sp->head_len)
        return;
    sp->on = true;
    sp->want = u->want;
    sp->header_n = u->header_n;
    sp->data_at = u->data_at;
    /* what a sheet's reading looks at (not the shared strings' table itself,
     * which the loading thread writes: only where it is) */
    const xlsx *x = u->x;
    sp->x = (xlsx){.t = x->t, .date1904 = x->date1904, .xf_date = x->xf_date, .nxf = x->nxf,
                   .sparse = x->sparse, .marks = x->marks, .marks_cap = x->marks_cap,
                   .want = x->want, .header_given = x->header_given, .fd = -1};
}

static bool may_take(const split *sp, const worker *w)
{
    if (sp->ended || sp->next >= sp->head)
        return false;
    if (sp->next == 0)
        return w->id == 0;
    if (w->id == sp->last_worker)
        return true;
    const chunk *c = &sp->slot[sp->next % SPLIT_SLOTS];
    return c->at_row && sp->on && (!w->started || w->at_row);
}

/* Another parser's own state, like the first one's past the header. */
static bool worker_init(split *sp, worker *w)
{
    sheet_ud *a = sp->u0;
    w->x = sp->x;
    w->x.res = &w->res;
    w->own = (sheet_ud){.x = &w->x, .sh = a->sh, .cfg = a->cfg, .cb = a->cb,
                        .pass = PASS_READ, .header_done = true, .header_n = sp->header_n,
                        .want = sp->want, .ops = a->ops};
    w->u = &w->own;
    if ((w->x.t->spill && !xlsx_spill_cache(&w->x)) || !xbuf_add(&w->own.val, "", 0, 1) ||
        !xbuf_add(&w->own.text, "", 0, 1))
        return false;
    w->own.p = xlsx_parser(&w->x, &w->own, xlsx_sheet_start, xlsx_sheet_end, xlsx_sheet_text);
    return w->own.p != NULL;
}

static void work(worker *w)
{
    split *sp = w->sp;
    pthread_mutex_lock(&sp->mu);
    for (;;) {
        while (!sp->ended && !may_take(sp, w))
            pthread_cond_wait(&sp->cv, &sp->mu);
        if (sp->ended)
            break;
        if (w->u == NULL && !worker_init(sp, w))
            break; /* this parser takes no chunk */
        chunk *c = &sp->slot[sp->next % SPLIT_SLOTS];
        sp->next++;
        sp->last_worker = w->id;
        c->worker = w->id;
        pthread_mutex_unlock(&sp->mu);
        read_chunk(w, c);
        pthread_mutex_lock(&sp->mu);
        c->parsed = true;
        if (w->id == 0)
            turn_on(sp);
        add_up(sp);
        pthread_cond_broadcast(&sp->cv);
    }
    pthread_mutex_unlock(&sp->mu);
}

static void *worker_main(void *arg)
{
    work(arg);
    return NULL;
}

/* ---- the whole -------------------------------------------------------------------- */

static void split_free(split *sp)
{
    for (unsigned i = 1; i < sp->nworkers; i++) {
        worker *w = &sp->w[i];
        if (w->own.p)
            XML_ParserFree(w->own.p);
        xlsx_sheet_free(&w->own);
        xlsx_spill_cache_free(&w->x);
    }
    for (size_t i = 0; i < SPLIT_SLOTS; i++) {
        if (sp->slot[i].part)
            sp->ops->part_free(sp->slot[i].part);
        free(sp->slot[i].buf);
    }
    if (sp->sum)
        sp->ops->part_free(sp->sum);
    free(sp);
}

split_result xlsx_split_read(sheet_ud *u, const char *path, unsigned workers)
{
    xlsx *x = u->x;
    const parallel_ops *ops = u->ops;
    split *sp = calloc(1, sizeof *sp);
    if (sp == NULL)
        return SPLIT_NOT;
    sp->u0 = u;
    sp->ops = ops;
    sp->path = path;
    sp->serial = true;
    sp->result = SPLIT_DONE;
    sp->nworkers = workers < SPLIT_WORKERS ? workers : SPLIT_WORKERS;
    if (pthread_mutex_init(&sp->mu, NULL) != 0) {
        split_free(sp);
        return SPLIT_NOT;
    }
    if (pthread_cond_init(&sp->cv, NULL) != 0) {
        pthread_mutex_destroy(&sp->mu);
        split_free(sp);
        return SPLIT_NOT;
    }
    sp->zf = xlsx_open_part(x, path, true);
    u->p = sp->zf ? xlsx_parser(x, u, xlsx_sheet_start, xlsx_sheet_end, xlsx_sheet_text) : NULL;
    pthread_t cutter;
    bool cutting = u->p && pthread_create(&cutter, NULL, cut_main, sp) == 0;
    split_result result = x->failed ? SPLIT_DONE : SPLIT_NOT;
    if (cutting) {
        for (unsigned i = 0; i < sp->nworkers; i++) {
            sp->w[i] = (worker){.sp = sp, .id = i, .started = i == 0, .u = i == 0 ? u : NULL};
            sp->w[i].running = i > 0 && pthread_create(&sp->w[i].thread, NULL, worker_main,
                                                       &sp->w[i]) == 0;
        }
        work(&sp->w[0]);
        pthread_mutex_lock(&sp->mu);
        sp->ended = true;
        pthread_cond_broadcast(&sp->cv);
        pthread_mutex_unlock(&sp->mu);
        for (unsigned i = 1; i < sp->nworkers; i++)
            if (sp->w[i].running)
                pthread_join(sp->w[i].thread, NULL);
        pthread_join(cutter, NULL);
        result = sp->result;
        /* the sum's memory taken where it can be: a sheet's groups are not held twice */
        bool (*add)(void *, void *, uint64_t) = ops->adopt;
        if (result == SPLIT_DONE && sp->sum &&
            !(add ? add(ops->owner, sp->sum, 0) : ops->fold(ops->owner, sp->sum, 0)))
            result = SPLIT_AGAIN; /* refused: the caller's counts are as they were (else
                                     its error is said, and the reading again stops) */
    }
    if (result == SPLIT_DONE && cutting) {
        x->res->records = sp->records;
        if (sp->last_row > x->res->lines)
            x->res->lines = sp->last_row;
        u->no_value = sp->no_value;
        memcpy(u->no_value_at, sp->no_value_at, sizeof u->no_value_at);
        if (sp->cut_kind)
            cut_fail(x, sp, sp->cut_kind);
        u->ops = NULL; /* rows still held are the only ones: the caller's own */
    }
    if (u->p)
        XML_ParserFree(u->p);
    u->p = NULL;
    x->parser = NULL;
    if (sp->zf)
        xlsx_zip()->zip_fclose(sp->zf);
    pthread_cond_destroy(&sp->cv);
    pthread_mutex_destroy(&sp->mu);
    split_free(sp);
    return result;
}
