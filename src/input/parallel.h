/*
 * parallel.h - reads the rest of a regular file in chunks on several threads.
 *
 * The bytes from a record boundary to the end of the file are cut into
 * chunks, several per thread; each chunk after the first starts at the first
 * line start at or after its cut, a guess, since that line end may lie
 * inside a quoted field.  A pool of threads reads the chunks in file order,
 * at most a few per thread ahead of the first one not yet folded.  A chunk
 * is read in two segments, each by its own reader into its own part (the
 * caller's counting context): a short one that stops at the first record
 * boundary past a quarter of the chunk (at most 256 KiB), then the rest,
 * which stops at the first record boundary at or after the next chunk's
 * start.
 *
 * As soon as the chunks before it are folded, a chunk's segments are folded
 * into the caller's counts (ops->fold), in file order, one thread at a time,
 * and their parts freed: so only the parts of the chunks read ahead are
 * alive, whatever the number of threads.  A segment is folded as it is when
 * it began where the folded readings end: libcsv is in the same state there
 * in both readings.  A segment that began elsewhere (the chunk's guessed
 * start was inside a quoted field) is read again from the true boundary to
 * the boundary it was to stop at; since two readings that meet at a record
 * boundary agree from there on, usually only the short segment is read
 * twice.  So the folds, in order, hold exactly what one reading of the whole
 * range gives, with every record in exactly one of them.
 */
#ifndef CX_PARALLEL_H
#define CX_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reader.h"

/** Most threads of one reading. */
#define PARALLEL_JOBS_MAX 256

/** How the caller's parts are made, fed, folded and freed. */
typedef struct parallel_ops {
    void *owner;
    void *(*part_new)(void *owner);  /* an empty part; NULL when memory is exhausted */
    void (*part_free)(void *part);
    /* the reader's callbacks, called with a part as ctx (the header one sets the mask) */
    int (*header)(void *part, const reader_field *fields, size_t n, uint64_t line,
                  reader_want *want);
    int (*record)(void *part, const reader_field *fields, size_t n, uint64_t line);
    int (*unended)(void *part, const reader_field *fields, size_t n, uint64_t line);
    /*
     * Add a part's counts to the owner's, in file order, one call at a time
     * (on any of the threads); lines: the lines of the range before it (its
     * records' lines are counted from 1).  @return false, the owner
     * untouched, when the part cannot be added exactly: reading stops there.
     */
    bool (*fold)(void *owner, const void *part, uint64_t lines);
    /* optional: fold a part that is freed right after, taking its memory where the
     * owner has none of its own yet (as fold otherwise) */
    bool (*adopt)(void *owner, void *part, uint64_t lines);
    /* optional: the bytes a part holds, which sizes the chunks (see parallel.c) */
    size_t (*part_bytes)(const void *part);
    /* optional, on the calling thread: bytes of the range read so far by all chunks */
    void (*progress)(void *owner, uint64_t bytes);
} parallel_ops;

typedef enum parallel_status {
    PARALLEL_OK,      /* the whole range is folded */
    PARALLEL_FAILED,  /* a chunk met an error, a callback stopped it, or a fold refused its
                         part: the range up to *resume is folded; read the rest in one
                         piece to count it, or report its error, as one reading would */
    PARALLEL_ENOMEM
} parallel_status;

/**
 * Read bytes [start, size) of fd, start being a record boundary, with up to
 * jobs threads and cfg (which must have resume set), folding every part into
 * ops->owner.  *resume receives the record boundary where the folded
 * readings end (size on PARALLEL_OK), *resume_lines the lines before it.
 */
parallel_status parallel_read(int fd, uint64_t start, uint64_t size, unsigned jobs,
                              const reader_config *cfg, const parallel_ops *ops,
                              uint64_t *resume, uint64_t *resume_lines);

#endif
