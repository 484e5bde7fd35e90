/* formats.c - the table of non-CSV input formats, and spooling a pipe to a file. */
#include "formats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CX_XLSX
#define CX_XLSX 1
#endif
#if CX_XLSX
#include "xlsx.h"

static reader_status read_xlsx(int fd, const reader_config *cfg, const format_options *fo,
                               const reader_callbacks *cb, reader_result *res)
{
    xlsx_options xo = {fo->sheet, fo->err, fo->name, fo->ctx, fo->on_part};
    return xlsx_read_fd(fd, cfg, &xo, cb, res);
}

/* An XLSX workbook is a zip; its [Content_Types].xml is checked once it is open. */
static const unsigned char zip_sig[] = {'P', 'K', 3, 4};
#endif

static const input_format formats[] = {
#if CX_XLSX
    {"XLSX", zip_sig, sizeof zip_sig, read_xlsx, xlsx_list_fd},
#endif
    {NULL, NULL, 0, NULL, NULL}
};

const input_format *format_find(const unsigned char *sig, size_t n)
{
    for (const input_format *f = formats; f->name; f++)
        if (n >= f->sig_len && memcmp(sig, f->sig, f->sig_len) == 0)
            return f;
    return NULL;
}

static bool write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

int format_spool(FILE *fp, const unsigned char *prefix, size_t n)
{
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    size_t len = strlen(dir) + sizeof "/cxstat-spool-XXXXXX";
    char *path = malloc(len);
    if (path == NULL)
        return -1;
    snprintf(path, len, "%s/cxstat-spool-XXXXXX", dir);
    mode_t old = umask(077);
    int fd = mkstemp(path);
    umask(old);
    if (fd < 0) {
        free(path);
        return -1;
    }
    unlink(path);
    free(path);
    unsigned char block[1 << 16];
    bool ok = write_all(fd, prefix, n);
    size_t got;
    while (ok && (got = fread(block, 1, sizeof block, fp)) > 0)
        ok = write_all(fd, block, got);
    if (ok && ferror(fp))
        ok = false, errno = EIO;
    if (!ok || lseek(fd, 0, SEEK_SET) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}
