/*
 * grow.c - an LD_PRELOAD library that changes a file while cxstat reads it,
 * at a known moment: the first fread() or pread() of the process appends
 * GROW_LINES lines "10" to the file GROW_FILE, or with GROW_LINES=0 cuts it
 * to half its size.  Calls from cxstat reach it through the PLT; the C
 * library's own calls do not, so the moment is cxstat's first read of data.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

size_t fread(void *buf, size_t size, size_t n, FILE *fp);
ssize_t pread(int fd, void *buf, size_t n, off_t off);

static void change_once(void)
{
    static int done;
    const char *path = getenv("GROW_FILE"), *lines = getenv("GROW_LINES");
    if (done || !path || !lines)
        return;
    done = 1;
    long n = atol(lines);
    if (n == 0) {
        struct stat st;
        if (stat(path, &st) == 0 && truncate(path, st.st_size / 2) != 0)
            abort();
        return;
    }
    FILE *f = fopen(path, "a");
    if (!f)
        abort();
    for (long i = 0; i < n; i++)
        fputs("10\n", f);
    fclose(f);
}

size_t fread(void *buf, size_t size, size_t n, FILE *fp)
{
    size_t (*real)(void *, size_t, size_t, FILE *) =
        (size_t (*)(void *, size_t, size_t, FILE *))dlsym(RTLD_NEXT, "fread");
    change_once();
    return real(buf, size, n, fp);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    ssize_t (*real)(int, void *, size_t, off_t) =
        (ssize_t (*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT, "pread");
    change_once();
    return real(fd, buf, n, off);
}
