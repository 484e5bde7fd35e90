/*
 * parallel.h - reads the rest of a regular file in chunks on several threads.
 *
 * The bytes from a record boundary to the end of the file are cut into equal
 * chunks; each chunk after the first starts at the first line start at or
 * after its cut, a guess, since that line end may lie inside a quoted field.
 * A chunk is read in two segments, each by its own reader into its own part
 * (the caller's counting context): a short one that stops at the first record
 * boundary past a quarter of the chunk (at most 256 KiB), then the rest, which
 * stops at the first record boundary at or after the next chunk's start.
 *
 * Then, in file order, a segment is kept when it began where the reading
 * before it stopped: libcsv is in the same state there in both readings.  A
 * segment that began elsewhere (the chunk's guessed start was inside a quoted
 * field) is read again from the true boundary to the boundary it was to stop
 * at; since two readings that meet at a record boundary agree from there on,
 * usually only the short segment is read twice.  So the parts, in file
 * order, hold exactly what one reading of the whole range gives, with every
 * record in exactly one part.
 */
#ifndef CX_PARALLEL_H
#define CX_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reader.h"

/** How the caller's parts are made, fed and freed. */
typedef struct parallel_ops {
    void *owner;
    void *(*part_new)(void *owner);  /* an empty part; NULL when memory is exhausted */
    void (*part_free)(void *part);
    /* the reader's callbacks, called with a part as ctx (the header one sets the mask) */
    int (*header)(void *part, const reader_field *fields, size_t n, uint64_t line,
                  reader_want *want);
    int (*record)(void *part, const reader_field *fields, size_t n, uint64_t line);
    int (*unended)(void *part, const reader_field *fields, size_t n, uint64_t line);
    /* optional, on the calling thread: bytes of the range read so far by all chunks */
    void (*progress)(void *owner, uint64_t bytes);
} parallel_ops;

/** One segment's outcome, in file order. */
typedef struct parallel_part {
    void *part;      /* the caller's part */
    uint64_t lines;  /* lines the segment ended (its records' lines are counted from 1) */
} parallel_part;

typedef enum parallel_status {
    PARALLEL_OK,      /* parts[0..nparts) hold the whole range */
    PARALLEL_FAILED,  /* a chunk met an error or a callback stopped it: read the range in
                         one piece to report it as a single reading would */
    PARALLEL_ENOMEM
} parallel_status;

/** Room the parts array of parallel_read() needs for jobs chunks. */
#define PARALLEL_PARTS(jobs) (2 * (size_t)(jobs))

/**
 * Read bytes [start, size) of fd, start being a record boundary, in jobs
 * chunks with cfg (which must have resume set); parts has room for
 * PARALLEL_PARTS(jobs).  On PARALLEL_OK the caller owns the parts and frees
 * them with parallel_free(); otherwise none is left.
 */
parallel_status parallel_read(int fd, uint64_t start, uint64_t size, unsigned jobs,
                              const reader_config *cfg, const parallel_ops *ops,
                              parallel_part *parts, size_t *nparts);

/** Free the parts parallel_read() returned. */
void parallel_free(const parallel_ops *ops, parallel_part *parts, size_t nparts);

#endif
