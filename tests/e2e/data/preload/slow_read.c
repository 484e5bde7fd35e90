/*
 * slow_read.c - an LD_PRELOAD library that makes every large fread() of the
 * program (32 KiB or more: the reader's blocks, not a list read back record
 * by record) take at least 200 microseconds more, so that reading a 200 MB
 * file takes well past the quarter second after which the progress line is
 * drawn, on any machine however fast (the progress cases compile it).  Calls
 * from the program reach it through the PLT; the C library's own calls do not.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <time.h>

size_t fread(void *buf, size_t size, size_t n, FILE *fp)
{
    static size_t (*real)(void *, size_t, size_t, FILE *);
    if (real == NULL)
        *(void **)&real = dlsym(RTLD_NEXT, "fread");
    struct timespec pause = {0, 200000};
    if (size * n >= ((size_t)32 << 10))
        nanosleep(&pause, NULL);
    return real(buf, size, n, fp);
}
