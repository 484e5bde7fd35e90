/*
 * diag.h - the one voice of every message cxstat prints, and its exit
 * statuses.  Every message goes to a stream (standard error) as
 *
 *   cxstat: [FILE[:LINE[:COLUMN]]: ][warning: ]TEXT
 *
 * Stages below the command line print through these functions and return an
 * exit status; the command line decides nothing else about wording.
 */
#ifndef CX_DIAG_H
#define CX_DIAG_H

#include <stdint.h>
#include <stdio.h>

/* Exit statuses, documented in --help and the man page. */
enum {
    EXIT_OK = 0,
    EXIT_REQUIRE = 1, /* a --require check failed */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_DATA = 3     /* unreadable or bad input, or a write error */
};

/** Where a message points: a file, and in it a line and column (0: none). */
typedef struct diag_place {
    const char *file; /* NULL: no place */
    uint64_t line;
    uint64_t column;
} diag_place;

#if defined(__GNUC__)
#define DIAG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DIAG_PRINTF(a, b)
#endif

/** "cxstat: TEXT". */
void diag_error(FILE *err, const char *fmt, ...) DIAG_PRINTF(2, 3);

/** "cxstat: FILE[:LINE[:COLUMN]]: TEXT" (the place's parts that are set). */
void diag_at(FILE *err, diag_place at, const char *fmt, ...) DIAG_PRINTF(3, 4);

/** "cxstat: warning: TEXT".  Callers skip it under --quiet. */
void diag_warning(FILE *err, const char *fmt, ...) DIAG_PRINTF(2, 3);

/** A usage error: "cxstat: TEXT" and the line pointing to --help. */
void diag_usage(FILE *err, const char *fmt, ...) DIAG_PRINTF(2, 3);

/** Start a message that the caller continues with its own prints: "cxstat: ". */
void diag_begin(FILE *err);

#endif
