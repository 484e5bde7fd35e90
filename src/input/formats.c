/* formats.c - the table of non-CSV input formats, and spooling a pipe to a file. */
#include "formats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spss.h"

#ifndef CX_XLSX
#define CX_XLSX 1
#endif
#if CX_XLSX
#include "xlsx.h"

static reader_status read_xlsx(int fd, const reader_config *cfg, const format_options *fo,
                               const reader_callbacks *cb, reader_result *res)
{
    xlsx_options xo = {fo->sheet, fo->err, fo->name, fo->ctx, fo->on_part, XLSX_STRINGS_AUTO,
                       fo->jobs, fo->parts};
    return xlsx_read_fd(fd, cfg, &xo, cb, res);
}

/* An XLSX workbook is a zip; its [Content_Types].xml is checked once it is open. */
static bool match_zip(const unsigned char *s, size_t n)
{
    return n >= 4 && memcmp(s, "PK\3\4", 4) == 0;
}
#endif

/* SPSS .sav ("$FL2", uncompressed or bytecode-compressed) and .zsav ("$FL3": zlib). */
static bool match_sav(const unsigned char *s, size_t n)
{
    return n >= 4 && (memcmp(s, "$FL2", 4) == 0 || memcmp(s, "$FL3", 4) == 0);
}

/*
 * Stata 13 and later start with "<stata_dta>"; 104-115 (before Stata 13) with
 * a binary header: the release (104..115), the byte order (1 big, 2 little
 * endian), the file type (1) and a zero byte.  No text file starts so.
 */
static bool match_dta(const unsigned char *s, size_t n)
{
    if (n >= 11 && memcmp(s, "<stata_dta>", 11) == 0)
        return true;
    return n >= 4 && s[0] >= 104 && s[0] <= 115 && (s[1] == 1 || s[1] == 2) && s[2] == 1 &&
           s[3] == 0;
}

/* libreadstat's result as the reader's: a refusal it wrote itself, or its words. */
static reader_status stat_result(const spss_result *sr, const char *kind, reader_result *res)
{
    memset(res, 0, sizeof *res);
    res->records = sr->records;
    res->line = sr->line;
    switch (sr->status) {
    case SPSS_OK: res->status = READER_OK; break;
    case SPSS_STOPPED: res->status = READER_STOPPED; break;
    case SPSS_ELABELS: res->status = READER_ESAID; break;
    case SPSS_EPARSE:
        res->status = READER_EFORMAT;
        snprintf(res->detail, sizeof res->detail,
                 ": not a readable %s file (damaged or cut short): %s", kind, sr->message);
        break;
    default:
        res->status = READER_EFORMAT;
        snprintf(res->detail, sizeof res->detail, ": %s", spss_strerror(sr->status));
        break;
    }
    return res->status;
}

static reader_status read_stat(int fd, bool stata, const format_options *fo,
                               const reader_callbacks *cb, reader_result *res)
{
    off_t at = lseek(fd, 0, SEEK_CUR);
    spss_config sc = {.stata = stata, .name = fo->name, .err = fo->refusals,
                      .quiet = fo->err == NULL};
    spss_callbacks scb = {.base = *cb, .labels = fo->labels, .column = fo->column};
    spss_result sr;
    spss_read_fd(fd, at < 0 ? 0 : (uint64_t)at, &sc, &scb, &sr);
    return stat_result(&sr, stata ? "Stata" : "SPSS", res);
}

static reader_status read_sav(int fd, const reader_config *cfg, const format_options *fo,
                              const reader_callbacks *cb, reader_result *res)
{
    (void)cfg; /* CSV's options do not apply */
    return read_stat(fd, false, fo, cb, res);
}

static reader_status read_dta(int fd, const reader_config *cfg, const format_options *fo,
                              const reader_callbacks *cb, reader_result *res)
{
    (void)cfg;
    return read_stat(fd, true, fo, cb, res);
}

static const input_format formats[] = {
#if CX_XLSX
    {"XLSX", match_zip, read_xlsx, xlsx_list_fd},
#endif
    {"SPSS", match_sav, read_sav, NULL},
    {"Stata", match_dta, read_dta, NULL},
    {NULL, NULL, NULL, NULL}
};

const input_format *format_find(const unsigned char *sig, size_t n)
{
    for (const input_format *f = formats; f->name; f++)
        if (f->match(sig, n))
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
