/* spill.c - temporary files that honour TMPDIR; see spill.h. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *spill_dir(void)
{
    const char *d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

/* Named for an instant: mkstemp() creates it 0600 and exclusively, then it is unlinked. */
static int named_then_unlinked(const char *dir)
{
    size_t n = strlen(dir);
    char *path = malloc(n + sizeof "/cxstat-XXXXXX");
    if (!path)
        return -1;
    memcpy(path, dir, n);
    memcpy(path + n, "/cxstat-XXXXXX", sizeof "/cxstat-XXXXXX");
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
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
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
