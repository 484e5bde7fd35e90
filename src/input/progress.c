/* progress.c - the progress line of long reads, drawn only on a terminal. */
#include "progress.h"

#include <sys/stat.h>
#include <unistd.h>

static double seconds(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_start(progress *p, FILE *fp, const char *name, bool quiet)
{
    struct stat st;
    p->tty = NULL;
    p->shown = false;
    if (quiet || !isatty(STDERR_FILENO) || fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
        (uint64_t)st.st_size < PROGRESS_MIN_BYTES)
        return;
    p->tty = stderr;
    p->name = name;
    p->size = (uint64_t)st.st_size;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
}

void progress_update(progress *p, uint64_t bytes)
{
    struct timespec now;
    if (!p->tty)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double since = seconds(&p->last, &now), elapsed = seconds(&p->start, &now);
    if (since < 0.25 || elapsed <= 0)
        return;
    p->last = now;
    double rate = (double)bytes / elapsed;
    double left = rate > 0 && bytes < p->size ? (double)(p->size - bytes) / rate : 0;
    unsigned pct = (unsigned)(bytes * 100 / p->size);
    unsigned secs = (unsigned)(left + 0.5);
    fprintf(p->tty, "\r\033[Kcxstat: %s %3u%%  %.0f MB/s  %u:%02u left", p->name, pct > 100 ? 100 : pct,
            rate / 1e6, secs / 60, secs % 60);
    fflush(p->tty);
    p->shown = true;
}

void progress_end(progress *p)
{
    if (p->tty && p->shown) {
        fputs("\r\033[K", p->tty);
        fflush(p->tty);
    }
    p->tty = NULL;
}
