/* parallel.c - reads a file's records in chunks on a pool of threads, folding each chunk's
 * counts into the owner's in file order as soon as the chunks before it are folded. */
#include "parallel.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

/*
 * Memory must not grow with the threads: a part holds the groups of its
 * chunk, and only WINDOW_PER_JOB chunks per thread are read ahead of the
 * first chunk not yet folded.  Each chunk is cut when it is handed out, so
 * that the parts read ahead take about WINDOW_BYTES together, judged by the
 * most memory per byte of the file a folded part took (ops->part_bytes):
 * large chunks for a few groups, small ones when nearly every record is a
 * group of its own.  Until a part is folded, chunks are CHUNK_MIN; never
 * more than 1/CHUNKS_PER_JOB of a thread's share of the file, so that a
 * slow chunk does not hold the others, nor less than CHUNK_MIN (a smaller
 * file is cut into one chunk per thread).
 */
#define WINDOW_PER_JOB 2
#define WINDOW_BYTES ((uint64_t)16 << 20)
#define CHUNK_MIN ((uint64_t)16 << 10)
#define CHUNKS_PER_JOB 4

/*
 * A reader holds its record's longest field, and so does every thread: with
 * records of megabytes, threads would multiply that.  The first chunk is read
 * alone; from then on, at most READER_BYTES / (2 x the longest mean record of
 * a chunk folded) threads read at once (a field's buffer grows by doubling).
 * When that is one, the rest is read in one piece: chunks would start inside
 * such records and be read twice.
 */
#define READER_BYTES ((uint64_t)1 << 20)

/* The bytes of a cache line: chunks never share one (each thread writes to its own per record). */
#define CACHE_LINE 64

typedef enum chunk_state { CHUNK_WAITING, CHUNK_READING, CHUNK_READ } chunk_state;

typedef struct pool pool;

typedef struct chunk {
    _Alignas(CACHE_LINE) segment seg[2];
    uint64_t base;         /* the chunk's guessed start */
    uint64_t next;         /* the next chunk's start */
    uint64_t shown;        /* bytes of the chunk counted in the pool's progress */
    parallel_ops ops;      /* a copy: read per record, kept in the chunk's own cache lines */
    pool *pool;
    segment *reading;      /* the segment being read */
    chunk_state state;     /* under the pool's lock */
} chunk;

struct pool {
    int fd;
    const reader_config *cfg;
    const parallel_ops *ops;
    uint64_t size;
    chunk *c;               /* window slots: chunk k in c[k % window] */
    size_t window;
    uint64_t cut;           /* the next chunk's start; size when all are handed out */
    uint64_t len_min, len_max, part_budget;
    double per_byte;        /* the most part bytes per byte of a chunk folded; < 0: none yet */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t claimed, folded; /* chunks given to a thread; chunks folded */
    size_t reading, readers; /* threads reading a chunk; the most allowed at once */
    size_t cores;           /* online processors: never more readers at once */
    unsigned jobs;
    bool folding, stop;
    parallel_status status;
    uint64_t pos, lines;    /* where the folded readings end, and the lines they hold */
    _Atomic uint64_t done;  /* bytes read, for the progress line */
};

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

/* A chunk's bytes count once toward the progress, however often they are read. */
static void on_bytes(void *ctx, uint64_t bytes)
{
    chunk *c = ctx;
    uint64_t at = c->reading->begin + bytes - c->base;
    if (at > c->shown) {
        atomic_fetch_add_explicit(&c->pool->done, at - c->shown, memory_order_relaxed);
        c->shown = at;
    }
}

/* The calling thread also draws the progress of all of them. */
static void on_bytes_all(void *ctx, uint64_t bytes)
{
    chunk *c = ctx;
    on_bytes(ctx, bytes);
    c->ops.progress(c->ops.owner, atomic_load_explicit(&c->pool->done, memory_order_relaxed));
}

/* Read one segment of chunk c from g->begin into a new part. */
static bool read_segment(chunk *c, segment *g, bool draw)
{
    if (!g->part && !(g->part = c->ops.part_new(c->ops.owner)))
        return false;
    reader_config cfg = *c->pool->cfg;
    cfg.stop = true;
    cfg.stop_at = g->next;
    cfg.stop_records = 0;
    reader_callbacks cb = {.ctx = c, .header = on_header, .record = on_record,
                           .unended = on_unended,
                           .progress = draw && c->ops.progress ? on_bytes_all : on_bytes};
    c->reading = g;
    g->status = reader_read_at(c->pool->fd, g->begin, &cfg, &cb, &g->res);
    g->ran = true;
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

static void drop_part(const pool *p, segment *g)
{
    if (g->part)
        p->ops->part_free(g->part);
    g->part = NULL;
}

/*
 * Fold chunk c's segments into the owner, each one that began where the
 * folded readings end as it is, the others read again from there to the
 * boundary they were to stop at.  *per_byte receives the memory of the
 * chunk's parts per byte of it, *records its records.
 */
static parallel_status fold_chunk(pool *p, chunk *c, double *per_byte, uint64_t *records)
{
    for (int i = 0; i < 2; i++) {
        segment *g = &c->seg[i];
        if (!g->ran && g->begin >= g->next)
            continue; /* nothing planned */
        if (p->pos >= g->next) { /* the reading before went past this segment */
            drop_part(p, g);
            continue;
        }
        if (!g->ran || g->begin != p->pos) {
            drop_part(p, g);
            g->begin = p->pos;
            if (!read_segment(c, g, false))
                return PARALLEL_ENOMEM;
        }
        /* an error is said by reading on from pos in one piece */
        if (g->status != READER_OK || !p->ops->fold(p->ops->owner, g->part, p->lines))
            return PARALLEL_FAILED;
        p->pos = g->res.stopped ? g->res.end : p->size;
        p->lines += g->res.lines;
        *records += g->res.records;
        if (p->ops->part_bytes) /* the chunk's parts together, per byte of it */
            *per_byte += (double)p->ops->part_bytes(g->part) / (double)(c->next - c->base);
        drop_part(p, g);
    }
    return PARALLEL_OK;
}

/* Fold the chunks read, in order, from the first not yet folded (under the lock). */
static void fold_ready(pool *p)
{
    p->folding = true;
    while (!p->stop && p->folded < p->claimed &&
           p->c[p->folded % p->window].state == CHUNK_READ) {
        chunk *c = &p->c[p->folded % p->window];
        double per_byte = 0;
        uint64_t from = p->pos, records = 0;
        pthread_mutex_unlock(&p->mu);
        parallel_status st = fold_chunk(p, c, &per_byte, &records);
        pthread_mutex_lock(&p->mu);
        p->per_byte = per_byte > p->per_byte ? per_byte : p->per_byte;
        uint64_t record = (p->pos - from) / (records ? records : 1);
        size_t fit = (size_t)(READER_BYTES / (2 * record + 1));
        fit = fit < 1 ? 1 : fit > p->jobs ? p->jobs : fit;
        /* more readers at once than processors would only add their buffers */
        size_t readers = fit > p->cores ? p->cores : fit;
        if (st == PARALLEL_OK && (p->folded == 0 || readers < p->readers))
            p->readers = readers;
        if (st == PARALLEL_OK && fit == 1 && p->jobs > 1 && p->pos < p->size) {
            p->folded++; /* the rest is read in one piece, from p->pos */
            st = PARALLEL_FAILED;
        }
        if (st != PARALLEL_OK) {
            p->stop = true;
            p->status = st;
        } else {
            p->folded++;
        }
        pthread_cond_broadcast(&p->cv);
    }
    p->folding = false;
}

/* The calling thread waits at most a fifth of a second, to keep the progress line moving. */
static void wait_turn(pool *p, bool caller)
{
    if (!caller || !p->ops->progress) {
        pthread_cond_wait(&p->cv, &p->mu);
        return;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 200000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&p->cv, &p->mu, &ts);
    p->ops->progress(p->ops->owner, atomic_load_explicit(&p->done, memory_order_relaxed));
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

/* The length of the next chunk (see WINDOW_BYTES). */
static uint64_t next_len(const pool *p)
{
    uint64_t len = p->len_max;
    if (p->per_byte < 0)
        len = CHUNK_MIN;
    else if (p->per_byte > 0 && (double)p->part_budget / p->per_byte < (double)len)
        len = (uint64_t)((double)p->part_budget / p->per_byte);
    if (len > p->len_max)
        len = p->len_max;
    return len < p->len_min ? p->len_min : len;
}

/*
 * Hand out the next chunk (under the lock): it starts at p->cut and ends at
 * the first line start at or after its length.  @return NULL after a read
 * error (the pool stops; reading on in one piece says it).
 */
static chunk *claim(pool *p)
{
    chunk *c = &p->c[p->claimed % p->window];
    memset(c->seg, 0, sizeof c->seg);
    c->base = c->seg[0].begin = p->cut;
    c->shown = 0;
    uint64_t cut = p->cut + next_len(p);
    if (cut >= p->size)
        c->next = p->size;
    else if (!line_start(p->fd, cut, p->size, &c->next)) {
        p->stop = true;
        p->status = PARALLEL_FAILED;
        return NULL;
    }
    c->seg[0].next = p->cut = c->next;
    c->state = CHUNK_READING;
    p->claimed++;
    return c;
}

/* A thread of the pool: folds what can be folded, else reads the next chunk the window allows. */
static void work(pool *p, bool caller)
{
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (!p->stop && !p->folding && p->folded < p->claimed &&
            p->c[p->folded % p->window].state == CHUNK_READ) {
            fold_ready(p);
            continue;
        }
        if (p->stop || (p->cut >= p->size && p->folded == p->claimed))
            break;
        if (p->cut < p->size && p->claimed < p->folded + p->window && p->reading < p->readers) {
            chunk *c = claim(p);
            if (!c)
                continue;
            p->reading++;
            pthread_mutex_unlock(&p->mu);
            read_chunk(c, caller);
            pthread_mutex_lock(&p->mu);
            p->reading--;
            c->state = CHUNK_READ;
            pthread_cond_broadcast(&p->cv);
            continue;
        }
        wait_turn(p, caller);
    }
    pthread_mutex_unlock(&p->mu);
}

static void *worker(void *arg)
{
    work(arg, false);
    return NULL;
}

/* Run the pool: jobs - 1 threads and the calling one. */
static void run(pool *p, unsigned jobs)
{
    pthread_t th[PARALLEL_JOBS_MAX];
    size_t nth = 0;
    for (unsigned k = 1; k < jobs && nth < PARALLEL_JOBS_MAX; k++)
        if (pthread_create(&th[nth], NULL, worker, p) == 0)
            nth++;
    work(p, true);
    for (size_t k = 0; k < nth; k++)
        pthread_join(th[k], NULL);
}

static size_t online_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (size_t)n;
}

parallel_status parallel_read(int fd, uint64_t start, uint64_t size, unsigned jobs,
                              const reader_config *cfg, const parallel_ops *ops,
                              uint64_t *resume, uint64_t *resume_lines)
{
    *resume = start;
    *resume_lines = 0;
    if (size <= start)
        return PARALLEL_OK;
    jobs = jobs < 1 ? 1 : jobs > PARALLEL_JOBS_MAX ? PARALLEL_JOBS_MAX : jobs;
    uint64_t span = size - start, share = (span + jobs - 1) / jobs;
    size_t cores = online_processors();
    /* chunks read ahead: per thread that can read at once */
    size_t ahead = (size_t)WINDOW_PER_JOB * (jobs < cores ? jobs : cores);
    pool p = {.fd = fd, .cfg = cfg, .ops = ops, .size = size, .window = ahead,
              .status = PARALLEL_OK, .pos = start, .cut = start, .per_byte = -1,
              .readers = 1, .cores = cores, .jobs = jobs};
    p.len_min = share < CHUNK_MIN ? share : CHUNK_MIN;
    p.len_max = span / ((uint64_t)jobs * CHUNKS_PER_JOB);
    p.len_max = p.len_max < p.len_min ? p.len_min : p.len_max;
    p.part_budget = WINDOW_BYTES / p.window;
    p.c = aligned_alloc(CACHE_LINE, p.window * sizeof *p.c);
    if (!p.c)
        return PARALLEL_ENOMEM;
    memset(p.c, 0, p.window * sizeof *p.c);
    for (size_t k = 0; k < p.window; k++) {
        p.c[k].ops = *ops;
        p.c[k].pool = &p;
    }
    atomic_init(&p.done, 0);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    run(&p, jobs);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    for (size_t k = 0; k < p.window; k++) /* chunks read but not folded, after a stop */
        for (int i = 0; i < 2; i++)
            drop_part(&p, &p.c[k].seg[i]);
    free(p.c);
    *resume = p.pos;
    *resume_lines = p.lines;
    return p.status;
}
