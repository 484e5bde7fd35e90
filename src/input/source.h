/*
 * source.h - opening an input: its first bytes without losing them, a copy
 * of a stream that cannot be read twice, the threads a file is worth, and
 * whether it changed while it was read.
 */
#ifndef CX_SOURCE_H
#define CX_SOURCE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

/** Without a thread count asked for, files smaller than this are read on one thread. */
#define SOURCE_PARALLEL_BYTES ((uint64_t)4 << 20)

/**
 * The first max bytes of fp, to tell its format: read with pread() from a
 * regular file (which stays where it was), else taken from the stream
 * (*regular false: the caller must put them back in front).
 */
size_t source_peek(FILE *fp, unsigned char *sig, size_t max, bool *regular);

/**
 * A copy of a stream that cannot be read twice (a pipe), in a spill file
 * positioned at its start: the bytes already taken first, then the rest.
 * @return NULL with errno set.
 */
FILE *source_spool(FILE *fp, const unsigned char *taken, size_t ntaken);

/**
 * The threads to read fd with, from its current offset (*start) to its size
 * (*size): 1 unless fd is a regular file with bytes left and split is true;
 * then asked (at most max_jobs), or without one (0) the online cores for
 * files of SOURCE_PARALLEL_BYTES or more.
 */
unsigned source_jobs(int fd, bool split, unsigned asked, unsigned max_jobs, uint64_t *start,
                     uint64_t *size);

/** Whether fd's size or modification time differ from before's; *after is what they are now. */
bool source_changed(int fd, const struct stat *before, struct stat *after);

#endif
