/* parallel.c - reads a file's records in chunks on threads, checking every guessed chunk start. */
#include "parallel.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * A piece of a chunk read by one reader into one part: it starts at begin
 * and stops at the first record boundary at or after next.
 */
typedef struct segment {
    uint64_t begin, next;
    void *part;
    bool ran;         /* read from begin (status and res are its outcome) */
    reader_status status;
    reader_result res;
} segment;

/*
 * A chunk is read as two segments: a short first one (a quarter of the
 * chunk, at most SETTLE_BYTES), whose end is a record boundary the
 * speculative reading found, then the rest.  If the chunk's start was inside
 * a quoted field, only the first segment is read again from the true
 * boundary, as long as that reading reaches the same boundary (from there on
 * the two readings are in the same state).
 */
#define SETTLE_BYTES ((uint64_t)256 << 10)

/* The bytes of a cache line: chunks never share one (each thread writes to its own per record). */
#define CACHE_LINE 64

typedef struct chunk {
    _Alignas(CACHE_LINE) segment seg[2];
    uint64_t next;    /* the next chunk's start */
    _Atomic uint64_t done; /* bytes read so far, for the progress line */
    uint64_t done_before;  /* by the chunk's earlier segments */
    int fd;
    const reader_config *cfg;
    parallel_ops ops;      /* a copy: read per record, kept in the chunk's own cache lines */
    struct chunk *all;     /* the progress callback of the calling thread sums these */
    size_t nall;
    segment *reading;      /* the segment being read */
    pthread_t thread;
    bool threaded;
} chunk;

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line, reader_want *want)
{
    chunk *c = ctx;
    return c->ops.header(c->reading->part, f, n, line, want);
}

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    chunk *c = ctx;
    return c->ops.record(c->reading->part, f, n, line);
}

static int on_unended(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    chunk *c = ctx;
    return (c->ops.unended ? c->ops.unended : c->ops.record)(c->reading->part, f, n, line);
}

static void on_bytes(void *ctx, uint64_t bytes)
{
    chunk *c = ctx;
    atomic_store_explicit(&c->done, c->done_before + bytes, memory_order_relaxed);
}

/* The calling thread's chunk also draws the progress of all of them. */
static void on_bytes_all(void *ctx, uint64_t bytes)
{
    chunk *c = ctx;
    on_bytes(ctx, bytes);
    uint64_t sum = 0;
    for (size_t k = 0; k < c->nall; k++)
        sum += atomic_load_explicit(&c->all[k].done, memory_order_relaxed);
    c->ops.progress(c->ops.owner, sum);
}

/* Read one segment of chunk c from g->begin into a new part. */
static bool read_segment(chunk *c, segment *g, bool draw)
{
    if (!g->part && !(g->part = c->ops.part_new(c->ops.owner)))
        return false;
    reader_config cfg = *c->cfg;
    cfg.stop = true;
    cfg.stop_at = g->next;
    cfg.stop_records = 0;
    reader_callbacks cb = {.ctx = c, .header = on_header, .record = on_record,
                           .unended = on_unended,
                           .progress = draw && c->ops.progress ? on_bytes_all : on_bytes};
    c->reading = g;
    g->status = reader_read_at(c->fd, g->begin, &cfg, &cb, &g->res);
    g->ran = true;
    c->done_before = atomic_load_explicit(&c->done, memory_order_relaxed);
    return true;
}

/* Read a chunk from its guessed start: the settling segment, then the rest. */
static void read_chunk(chunk *c, bool draw)
{
    segment *a = &c->seg[0], *b = &c->seg[1];
    uint64_t len = c->next - a->begin;
    uint64_t settle = a->begin + (len / 4 < SETTLE_BYTES ? len / 4 : SETTLE_BYTES);
    a->next = settle;
    if (read_segment(c, a, draw) && a->status == READER_OK && a->res.stopped &&
        a->res.end < c->next) {
        a->next = a->res.end; /* where the second segment is read from */
        b->begin = a->res.end;
        b->next = c->next;
        read_segment(c, b, draw);
    } else {
        a->next = c->next; /* it covered the chunk, or is read again to its end */
    }
}

static void *chunk_thread(void *arg)
{
    read_chunk(arg, false);
    return NULL;
}

/*
 * The first line start at or after b (b > 0): the byte after an LF, or after
 * a CR that no LF follows; size when the file ends first.  These are the
 * places where the reader looks for a record boundary.
 */
static bool line_start(int fd, uint64_t b, uint64_t size, uint64_t *out)
{
    unsigned char buf[4096];
    uint64_t pos = b - 1;
    bool cr = false;
    while (pos < size) {
        ssize_t got = pread(fd, buf, sizeof buf, (off_t)pos);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return got == 0 ? (*out = size, true) : false;
        for (size_t i = 0; i < (size_t)got; i++) {
            if (cr) {
                *out = pos + i + (buf[i] == '\n' ? 1 : 0);
                return true;
            }
            if (buf[i] == '\n') {
                *out = pos + i + 1;
                return true;
            }
            cr = buf[i] == '\r';
        }
        pos += (uint64_t)got;
    }
    *out = size;
    return true;
}

static void free_parts(const parallel_ops *ops, chunk *c, size_t n)
{
    for (size_t k = 0; k < n; k++)
        for (int i = 0; i < 2; i++)
            if (c[k].seg[i].part)
                ops->part_free(c[k].seg[i].part);
}

/* Cut [start, size) into n chunks, each beginning at a line start. */
static bool plan(chunk *c, size_t n, int fd, uint64_t start, uint64_t size)
{
    uint64_t span = size - start;
    c[0].seg[0].begin = start;
    for (size_t k = 1; k < n; k++) {
        uint64_t cut = start + span / n * k + span % n * k / n, *begin = &c[k].seg[0].begin;
        if (cut <= start)
            cut = start + 1;
        if (cut >= size) {
            *begin = size;
            continue;
        }
        if (!line_start(fd, cut, size, begin))
            return false;
        if (*begin < c[k - 1].seg[0].begin)
            *begin = c[k - 1].seg[0].begin;
    }
    for (size_t k = 0; k < n; k++)
        c[k].next = c[k].seg[0].next = k + 1 < n ? c[k + 1].seg[0].begin : size;
    return true;
}

/*
 * Keep each segment that began where the reading before it ended; read the
 * others again from there, to the boundary they were to stop at.
 */
static parallel_status verify(chunk *c, size_t n, uint64_t start, uint64_t size,
                              const parallel_ops *ops, parallel_part *parts, size_t *nparts)
{
    uint64_t pos = start;
    for (size_t k = 0; k < n; k++)
        for (int i = 0; i < 2; i++) {
            segment *g = &c[k].seg[i];
            if (!g->ran && g->begin >= g->next)
                continue; /* nothing planned */
            if (pos >= g->next) { /* the reading before went past this segment */
                if (g->part)
                    ops->part_free(g->part);
                g->part = NULL;
                continue;
            }
            if (!g->ran || g->begin != pos) {
                if (g->part)
                    ops->part_free(g->part);
                g->part = NULL;
                g->begin = pos;
                if (!read_segment(&c[k], g, false))
                    return PARALLEL_ENOMEM;
            }
            if (g->status != READER_OK)
                return PARALLEL_FAILED;
            pos = g->res.stopped ? g->res.end : size;
            parts[(*nparts)++] = (parallel_part){g->part, g->res.lines};
            g->part = NULL;
        }
    return PARALLEL_OK;
}

parallel_status parallel_read(int fd, uint64_t start, uint64_t size, unsigned jobs,
                              const reader_config *cfg, const parallel_ops *ops,
                              parallel_part *parts, size_t *nparts)
{
    size_t n = jobs > 0 ? jobs : 1;
    *nparts = 0;
    chunk *c = aligned_alloc(CACHE_LINE, n * sizeof *c);
    if (!c)
        return PARALLEL_ENOMEM;
    memset(c, 0, n * sizeof *c);
    for (size_t k = 0; k < n; k++) {
        c[k].fd = fd;
        c[k].cfg = cfg;
        c[k].ops = *ops;
        c[k].all = c;
        c[k].nall = n;
        atomic_init(&c[k].done, 0);
    }
    if (size <= start || !plan(c, n, fd, start, size)) {
        free(c);
        return size <= start ? PARALLEL_OK : PARALLEL_FAILED;
    }

    /* every non-empty chunk but the first on its own thread; the first on this one */
    for (size_t k = 1; k < n; k++)
        if (c[k].seg[0].begin < c[k].next)
            c[k].threaded = pthread_create(&c[k].thread, NULL, chunk_thread, &c[k]) == 0;
    if (c[0].seg[0].begin < c[0].next)
        read_chunk(&c[0], true);
    for (size_t k = 1; k < n; k++)
        if (c[k].threaded)
            pthread_join(c[k].thread, NULL);

    parallel_status st = verify(c, n, start, size, ops, parts, nparts);
    free_parts(ops, c, n);
    free(c);
    if (st != PARALLEL_OK) {
        parallel_free(ops, parts, *nparts);
        *nparts = 0;
    }
    return st;
}

void parallel_free(const parallel_ops *ops, parallel_part *parts, size_t nparts)
{
    for (size_t k = 0; k < nparts; k++)
        if (parts[k].part)
            ops->part_free(parts[k].part);
}
