/* source.c - opening an input: peeking, spooling a pipe, choosing threads, noticing changes. */
#include "source.h"

#include <unistd.h>

#include "spill.h"

size_t source_peek(FILE *fp, unsigned char *sig, size_t max, bool *regular)
{
    struct stat st;
    int fd = fileno(fp);
    off_t at;
    *regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (at = lseek(fd, 0, SEEK_CUR)) >= 0;
    if (*regular) {
        ssize_t got = pread(fd, sig, max, at);
        return got > 0 ? (size_t)got : 0;
    }
    return fread(sig, 1, max, fp);
}

FILE *source_spool(FILE *fp, const unsigned char *taken, size_t ntaken)
{
    FILE *t = spill_open(); /* in $TMPDIR, never named on disk */
    char buf[1 << 16];
    size_t got;
    bool ok = t && fwrite(taken, 1, ntaken, t) == ntaken;
    while (ok && (got = fread(buf, 1, sizeof buf, fp)) > 0)
        if (fwrite(buf, 1, got, t) != got)
            ok = false;
    if (ok && !ferror(fp) && !ferror(t) && fflush(t) == 0 && fseek(t, 0, SEEK_SET) == 0)
        return t;
    if (t)
        fclose(t);
    return NULL;
}

/* The online processors, at most max. */
static unsigned online_cores(unsigned max)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > (long)max ? max : (unsigned)n;
}

unsigned source_jobs(int fd, bool split, unsigned asked, unsigned max_jobs, uint64_t *start,
                     uint64_t *size)
{
    struct stat st;
    off_t at;
    if (!split || asked == 1 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (at = lseek(fd, 0, SEEK_CUR)) < 0 || st.st_size <= at)
        return 1;
    *start = (uint64_t)at;
    *size = (uint64_t)st.st_size;
    if (!asked && *size - *start < SOURCE_PARALLEL_BYTES)
        return 1; /* small: not worth a thread (nor asking how many cores there are) */
    return asked ? asked : online_cores(max_jobs);
}

bool source_changed(int fd, const struct stat *before, struct stat *after)
{
    if (fstat(fd, after) != 0)
        return false;
    return after->st_size != before->st_size ||
           after->st_mtim.tv_sec != before->st_mtim.tv_sec ||
           after->st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}
