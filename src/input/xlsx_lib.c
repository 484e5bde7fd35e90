/* xlsx_lib.c - libzip, loaded with dlopen() when the first workbook is opened (xlsx_lib.h). */
#include "xlsx_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* The library's file name, from its SONAME at build time (the Makefile); else libzip 1.x's. */
#ifndef CX_ZIP_SONAME
#define CX_ZIP_SONAME "libzip.so.4"
#endif

static zip_api api;
static const zip_api *loaded;
static char reason[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A function's address from the library: POSIX's way from dlsym()'s void *. */
static int resolve(void *lib, const char *name, void *slot)
{
    void *p = dlsym(lib, name);
    if (p == NULL) {
        snprintf(reason, sizeof reason, "%s has no %s", CX_ZIP_SONAME, name);
        return 0;
    }
    *(void **)slot = p;
    return 1;
}

static void load(void)
{
    void *lib = dlopen(CX_ZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        const char *e = dlerror();
        snprintf(reason, sizeof reason, "libzip cannot be loaded (%s)", e ? e : CX_ZIP_SONAME);
        return;
    }
    int ok = 1;
#define XLSX_ZIP_RESOLVE(name) ok = ok && resolve(lib, #name, &api.name);
    XLSX_ZIP_FUNCTIONS(XLSX_ZIP_RESOLVE)
#undef XLSX_ZIP_RESOLVE
    if (ok)
        loaded = &api; /* kept loaded until the program ends */
    else
        dlclose(lib);
}

const zip_api *xlsx_zip_load(const char **why)
{
    pthread_once(&once, load);
    *why = reason;
    return loaded;
}

const zip_api *xlsx_zip(void)
{
    return loaded;
}
