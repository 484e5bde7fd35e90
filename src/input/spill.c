/* spill.c - temporary files that honour TMPDIR; see spill.h. */
#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* glibc names O_TMPFILE only for _GNU_SOURCE, but __O_TMPFILE always */
#if defined(O_TMPFILE)
#define SPILL_TMPFILE O_TMPFILE
#elif defined(__O_TMPFILE)
#define SPILL_TMPFILE __O_TMPFILE
#endif

const char *spill_dir(void)
{
    const char *d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

/* Named for an instant: mkstemp() creates it 0600 and exclusively, then it is unlinked. */
static int named_then_unlinked(const char *dir)
{
    size_t size = strlen(dir) + sizeof "/cxstat-XXXXXX";
    char *path = malloc(size);
    if (!path)
        return -1;
    snprintf(path, size, "%s/cxstat-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    free(path);
    return fd;
}

FILE *spill_open(void)
{
    const char *dir = spill_dir();
    int fd = -1;
#ifdef SPILL_TMPFILE
    fd = open(dir, SPILL_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    /* file systems without O_TMPFILE say EOPNOTSUPP or EISDIR; others are real errors */
    if (fd < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
        return NULL;
#endif
    if (fd < 0 && (fd = named_then_unlinked(dir)) < 0)
        return NULL;
    FILE *fp = fdopen(fd, "w+b");
    if (!fp) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return fp;
}
