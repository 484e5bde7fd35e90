/*
 * progress.h - a one-line progress indicator on standard error for long
 * reads of large regular files: percent, MB/s and time left, erased at the
 * end.  Only when standard error is a terminal: never in pipes, cron or -q.
 */
#ifndef CX_PROGRESS_H
#define CX_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/** Files smaller than this are read without a progress line. */
#define PROGRESS_MIN_BYTES ((uint64_t)64 << 20)

typedef struct progress {
    FILE *tty;         /* NULL: no progress shown */
    const char *name;
    uint64_t size;
    struct timespec start, last;
    bool shown;
} progress;

/** Decide whether fp (read as name) gets a progress line; quiet forbids it. */
void progress_start(progress *p, FILE *fp, const char *name, bool quiet);

/** Show the bytes read so far, at most a few times a second. */
void progress_update(progress *p, uint64_t bytes);

/** Erase the line, if one was shown. */
void progress_end(progress *p);

#endif
