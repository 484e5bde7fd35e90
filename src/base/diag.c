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

DIAG_PRINTF(4, 0)
static void say(FILE *err, diag_place at, const char *kind, const char *fmt, va_list ap)
{
    diag_begin(err);
    place(err, at);
    fputs(kind, err);
    vfprintf(err, fmt, ap);
    fputc('\n', err);
}

void diag_error(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(err, (diag_place){0}, "", fmt, ap);
    va_end(ap);
}

void diag_at(FILE *err, diag_place at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(err, at, "", fmt, ap);
    va_end(ap);
}

void diag_warning(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(err, (diag_place){0}, "warning: ", fmt, ap);
    va_end(ap);
}

void diag_usage(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(err, (diag_place){0}, "", fmt, ap);
    va_end(ap);
    fputs("Try 'cxstat --help' for more information.\n", err);
}
