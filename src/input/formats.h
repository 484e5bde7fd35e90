/*
 * formats.h - inputs that are not CSV, told by their first bytes (never by
 * their name): one table row per format, each with a reader that hands the
 * same header and records to reader_callbacks as the CSV reader does.
 */
#ifndef CX_FORMATS_H
#define CX_FORMATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "reader.h"

/** Bytes of an input looked at to tell its format. */
#define FORMAT_SIG_MAX 16

/** How the caller reads a wanted column of a statistics file (format_options.column). */
typedef struct format_column {
    bool scored;         /* a metric's answers: the labels rule applies */
    int lo, hi;          /* the metric's scale */
    bool label_text;     /* --labels maps this metric's labels: give the labels as text */
    const char *metric;  /* "nps", for messages */
} format_column;

typedef struct format_options {
    const char *sheet;  /* --sheet (workbooks) */
    FILE *err;          /* notes and warnings; NULL: none (--quiet) */
    FILE *refusals;     /* a refusal the reader words itself (READER_ESAID); never NULL */
    const char *name;   /* the input's name in them */
    void *ctx;
    void (*on_part)(void *ctx, const char *part); /* a workbook's sheet, before its header */
    unsigned jobs;      /* -j; 0: not given */
    /* The caller's counting parts, for a reader that may count on several threads
     * (workbooks); NULL: every record to the callbacks. */
    const struct parallel_ops *parts;
    /* Statistics files, optional: the variable labels ("" for none), before the header */
    void (*labels)(void *ctx, const reader_field *labels, size_t n);
    /* and after the header, once per wanted column; *out starts zeroed (not scored). */
    void (*column)(void *ctx, size_t col, format_column *out);
} format_options;

typedef struct input_format {
    const char *name;                  /* "XLSX", for messages */
    /* True when an input's first n bytes are this format's. */
    bool (*match)(const unsigned char *sig, size_t n);
    /* Read the input in fd (a seekable file, not closed). */
    reader_status (*read)(int fd, const reader_config *cfg, const format_options *fo,
                          const reader_callbacks *cb, reader_result *res);
    /* Print the input's parts (sheets) to out; NULL: it has none. */
    reader_status (*list)(int fd, FILE *out, reader_result *res);
} input_format;

/** The format whose signature the first n bytes of an input start with, or NULL (CSV). */
const input_format *format_find(const unsigned char *sig, size_t n);

/**
 * Copy prefix (n bytes already read) and the rest of fp into an unlinked
 * temporary file (in $TMPDIR, else /tmp; mode 0600), so that a pipe can be
 * read by a format that seeks.  @return its descriptor at offset 0, or -1
 * with errno set.
 */
int format_spool(FILE *fp, const unsigned char *prefix, size_t n);

#endif
