/* diag.c - message prefixes and places, written one way for the whole program. */
#include "diag.h"

#include <stdarg.h>

void diag_begin(FILE *err)
{
    fputs("cxstat: ", err);
}

static void place(FILE *err, diag_place at)
{
    if (!at.file)
        return;
    fputs(at.file, err);
    if (at.line)
        fprintf(err, ":%llu", (unsigned long long)at.line);
    if (at.line && at.column)
        fprintf(err, ":%llu", (unsigned long long)at.column);
    fputs(": ", err);
}

/* The prefix: "cxstat: ", the place, and the kind ("warning: " or nothing). */
static void start(FILE *err, diag_place at, const char *kind)
{
    diag_begin(err);
    place(err, at);
    fputs(kind, err);
}

/* Each function formats its own arguments.  clang-tidy 14's analyzer, run on
 * this file after another in one invocation, calls the va_list uninitialized
 * after va_start(); alone it does not: a false alarm, silenced line by line. */
void diag_error(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    start(err, (diag_place){0}, "");
    vfprintf(err, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): see above
    va_end(ap);
    fputc('\n', err);
}

void diag_at(FILE *err, diag_place at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    start(err, at, "");
    vfprintf(err, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): see above
    va_end(ap);
    fputc('\n', err);
}

void diag_warning(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    start(err, (diag_place){0}, "warning: ");
    vfprintf(err, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): see above
    va_end(ap);
    fputc('\n', err);
}

void diag_usage(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    start(err, (diag_place){0}, "");
    vfprintf(err, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): see above
    va_end(ap);
    fputs("\nTry 'cxstat --help' for more information.\n", err);
}
