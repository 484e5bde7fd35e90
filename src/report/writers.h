/*
 * writers.h - the output formats of -f, one table row each: its name, and
 * the function that writes a built report in it.  A new format is a writer
 * file in this folder plus one row in writers.c.
 */
#ifndef CX_WRITERS_H
#define CX_WRITERS_H

#include <stddef.h>
#include <stdio.h>

#include "report.h"
#include "style.h"

typedef struct report_writer {
    const char *name;   /* as -f spells it */
    out_format format;
    void (*write)(const report *r, FILE *out);
} report_writer;

/** The writer of a format name, or NULL when there is none. */
const report_writer *report_writer_named(const char *name);

/** The writer of a format (every out_format has one). */
const report_writer *report_writer_of(out_format format);

/** The format names for messages, "text, csv, ... or state", into buf (NUL-terminated). */
void report_writer_names(char *buf, size_t size);

#endif
