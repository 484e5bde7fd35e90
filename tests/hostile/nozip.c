/*
 * nozip.c - an LD_PRELOAD library for a machine without libzip: dlopen() of
 * any "libzip..." fails, as when the library is not installed; every other
 * name goes to the real dlopen().
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

void *dlopen(const char *name, int flags)
{
    static void *(*real)(const char *, int);
    if (name != NULL && strncmp(name, "libzip", 6) == 0)
        return NULL;
    if (real == NULL)
        *(void **)&real = dlsym(RTLD_NEXT, "dlopen");
    return real ? real(name, flags) : NULL;
}
