/* parallel.c - reads a file's records in chunks on threads, checking every guessed chunk start. */
#include "parallel.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct chunk {
    uint64_t begin;   /* where reading starts: a line start */
    uint64_t next;    /* stop at the first record boundary at or after this */
    void *part;
    bool ran;         /* read from begin (status and res are its outcome) */
    reader_status status;
    reader_result res;
    _Atomic uint64_t done; /* bytes read so far, for the progress line */
    int fd;
    const reader_config *cfg;
    const parallel_ops *ops;
    struct chunk *all;     /* the progress callback of the calling thread sums these */
    size_t nall;
    pthread_t thread;
    bool threaded;
} chunk;

static int on_header(void *ctx, const reader_field *f, size_t n, uint64_t line, reader_want *want)
{
    chunk *c = ctx;
    return c->ops->header(c->part, f, n, line, want);
}

static int on_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    chunk *c = ctx;
    return c->ops->record(c->part, f, n, line);
}

static void on_bytes(void *ctx, uint64_t bytes)
{
    chunk *c = ctx;
    atomic_store_explicit(&c->done, bytes, memory_order_relaxed);
}

/* The calling thread's chunk also draws the progress of all of them. */
static void on_bytes_all(void *ctx, uint64_t bytes)
{
    chunk *c = ctx;
    on_bytes(ctx, bytes);
    uint64_t sum = 0;
    for (size_t k = 0; k < c->nall; k++)
        sum += atomic_load_explicit(&c->all[k].done, memory_order_relaxed);
    c->ops->progress(c->ops->owner, sum);
}

static void read_chunk(chunk *c, bool draw)
{
    reader_config cfg = *c->cfg;
    cfg.stop = true;
    cfg.stop_at = c->next;
    cfg.stop_records = 0;
    reader_callbacks cb = {.ctx = c, .header = on_header, .record = on_record,
                           .progress = draw && c->ops->progress ? on_bytes_all : on_bytes};
    c->status = reader_read_at(c->fd, c->begin, &cfg, &cb, &c->res);
    c->ran = true;
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
        if (c[k].part)
            ops->part_free(c[k].part);
}

/* Cut [start, size) into n chunks, each beginning at a line start. */
static bool plan(chunk *c, size_t n, int fd, uint64_t start, uint64_t size)
{
    uint64_t span = size - start;
    c[0].begin = start;
    for (size_t k = 1; k < n; k++) {
        uint64_t cut = start + span / n * k + span % n * k / n;
        if (cut <= start)
            cut = start + 1;
        if (cut >= size) {
            c[k].begin = size;
            continue;
        }
        if (!line_start(fd, cut, size, &c[k].begin))
            return false;
        if (c[k].begin < c[k - 1].begin)
            c[k].begin = c[k - 1].begin;
    }
    for (size_t k = 0; k < n; k++)
        c[k].next = k + 1 < n ? c[k + 1].begin : size;
    return true;
}

parallel_status parallel_read(int fd, uint64_t start, uint64_t size, unsigned jobs,
                              const reader_config *cfg, const parallel_ops *ops,
                              parallel_part *parts, size_t *nparts)
{
    size_t n = jobs > 0 ? jobs : 1;
    *nparts = 0;
    chunk *c = calloc(n, sizeof *c);
    if (!c)
        return PARALLEL_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        c[k].fd = fd;
        c[k].cfg = cfg;
        c[k].ops = ops;
        c[k].all = c;
        c[k].nall = n;
        atomic_init(&c[k].done, 0);
    }
    parallel_status st = PARALLEL_OK;
    if (size <= start || !plan(c, n, fd, start, size)) {
        free(c);
        return size <= start ? PARALLEL_OK : PARALLEL_FAILED;
    }

    /* every non-empty chunk but the first on its own thread; the first on this one */
    for (size_t k = 0; k < n && st == PARALLEL_OK; k++) {
        if (c[k].begin >= c[k].next)
            continue;
        if (!(c[k].part = ops->part_new(ops->owner)))
            st = PARALLEL_ENOMEM;
        else if (k > 0)
            c[k].threaded = pthread_create(&c[k].thread, NULL, chunk_thread, &c[k]) == 0;
    }
    if (st == PARALLEL_OK && c[0].part)
        read_chunk(&c[0], true);
    for (size_t k = 1; k < n; k++)
        if (c[k].threaded)
            pthread_join(c[k].thread, NULL);

    /* keep each chunk that began where the one before it ended; read the others again */
    uint64_t pos = start;
    for (size_t k = 0; k < n && st == PARALLEL_OK; k++) {
        if (pos >= c[k].next) { /* the chunk before read past this one's whole range */
            if (c[k].part)
                ops->part_free(c[k].part);
            c[k].part = NULL;
            continue;
        }
        if (!c[k].ran || c[k].begin != pos) {
            if (c[k].part)
                ops->part_free(c[k].part);
            c[k].begin = pos;
            if (!(c[k].part = ops->part_new(ops->owner))) {
                st = PARALLEL_ENOMEM;
                break;
            }
            read_chunk(&c[k], false);
        }
        if (c[k].status != READER_OK) {
            st = PARALLEL_FAILED;
            break;
        }
        pos = c[k].res.stopped ? c[k].res.end : size;
        parts[(*nparts)++] = (parallel_part){c[k].part, c[k].res.lines};
        c[k].part = NULL;
    }
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
