/* xlsx.c - the XLSX reader's entry points: the archive opened, the sheet chosen,
 * styles and shared strings loaded, then the sheet streamed (xlsx_sheet.c). */
#include "xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "xlsx_int.h"

static void begin(xlsx *x, reader_result *res)
{
    memset(x, 0, sizeof *x);
    memset(res, 0, sizeof *res);
    x->res = res;
    x->t = &x->table;
    x->fd = -1;
}

/* libzip's reason an archive cannot be opened, as our message. */
static void open_failed(xlsx *x, int code)
{
    zip_error_t e;
    xlsx_zip()->zip_error_init_with_code(&e, code);
    xlsx_fail(x, ": not a readable XLSX workbook (zip: %s)", xlsx_zip()->zip_error_strerror(&e));
    xlsx_zip()->zip_error_fini(&e);
}

/* libzip, loaded at the first workbook (xlsx_lib.h). */
static bool have_zip(xlsx *x)
{
    const char *why;
    return xlsx_zip_load(&why) != NULL ||
           xlsx_fail(x, ": cannot read workbooks: %s", why);
}

static bool open_fd(xlsx *x, int fd)
{
    if (!have_zip(x))
        return false;
    int dfd = dup(fd), code = 0;
    x->fd = fd;
    if (dfd < 0)
        return xlsx_fail(x, ": cannot read the workbook: out of file descriptors");
    x->za = xlsx_zip()->zip_fdopen(dfd, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (x->za == NULL) {
        close(dfd);
        open_failed(x, code);
        return false;
    }
    return true;
}

static bool open_buffer(xlsx *x, const void *buf, size_t len)
{
    if (!have_zip(x))
        return false;
    x->buf = buf;
    x->buflen = len;
    zip_error_t e;
    xlsx_zip()->zip_error_init(&e);
    zip_source_t *src = xlsx_zip()->zip_source_buffer_create(buf, len, 0, &e);
    if (src != NULL) {
        x->za = xlsx_zip()->zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &e);
        if (x->za == NULL)
            xlsx_zip()->zip_source_free(src);
    }
    if (x->za == NULL)
        open_failed(x, xlsx_zip()->zip_error_code_zip(&e));
    xlsx_zip()->zip_error_fini(&e);
    return x->za != NULL;
}

/* The sheet --sheet names: an exact name first, then a 1-based position. */
static const xsheet *choose(xlsx *x, const char *want)
{
    if (want == NULL)
        return &x->sheets[0];
    for (size_t i = 0; i < x->nsheets; i++)
        if (strcmp(x->sheets[i].name, want) == 0)
            return &x->sheets[i];
    char *end;
    unsigned long k = strtoul(want, &end, 10);
    if (want[0] >= '0' && want[0] <= '9' && *end == '\0' && k >= 1 && k <= x->nsheets)
        return &x->sheets[k - 1];
    /* the error lists the sheets there are */
    char *d = x->res->detail;
    size_t size = sizeof x->res->detail;
    int n = snprintf(d, size, ": no sheet '%s'; sheets:", want);
    for (size_t i = 0; i < x->nsheets && n > 0 && (size_t)n < size; i++)
        n += snprintf(d + n, size - (size_t)n, "%s %zu '%s'", i ? "," : "", i + 1,
                      x->sheets[i].name);
    x->failed = true;
    x->res->status = READER_EFORMAT;
    return NULL;
}

/* The test build (-DXLSX_SST_ALL=0 -DXLSX_SPILL_HOOK) reads in passes when
 * CXSTAT_XLSX_NO_SPILL=1, as without a temporary directory, so that the
 * differential test covers both ways.  Release builds have no such switch. */
static bool spill_allowed(const xlsx_options *xo)
{
    if (xo->strings == XLSX_STRINGS_PASSES)
        return false;
#ifdef XLSX_SPILL_HOOK
    const char *e = getenv("CXSTAT_XLSX_NO_SPILL");
    return !(e && strcmp(e, "1") == 0);
#else
    return true;
#endif
}

/* A second thread loads the shared strings while the sheet is read, unless -j 1
 * or one processor. */
static bool threads_allowed(const xlsx_options *xo)
{
    if (xo->jobs > 0)
        return xo->jobs > 1;
    return sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

/*
 * Small shared strings: all kept.  Large ones: written to a temporary file and
 * read back through a page cache.  Either way the sheet is read once, and the
 * strings are loaded on a second thread meanwhile (else first).  Without a
 * temporary file, in passes: the header row's strings are marked and kept, the
 * header callback says which columns are wanted, their strings are marked, and
 * only those are kept for the reading.
 */
static void read_sheet(xlsx *x, const xsheet *sh, const reader_config *cfg,
                       const xlsx_options *xo, const reader_callbacks *cb)
{
    unsigned long long size = xlsx_strings_size(x);
    x->pipe = threads_allowed(xo); /* for the sheet: set up after the other parts */
    bool thread = size > 0 && x->pipe;
    x->sparse = xo->strings == XLSX_STRINGS_AUTO ? size > XLSX_SST_ALL : size > 0;
    if (!x->sparse) {
        if ((thread && xlsx_strings_start(x)) || xlsx_load_strings(x))
            xlsx_read_sheet(x, sh, cfg, xo, cb, PASS_READ);
        return;
    }
    if (spill_allowed(xo) && xlsx_spill_open(x)) {
        if ((thread && xlsx_strings_start(x)) || xlsx_spill_strings(x))
            xlsx_read_sheet(x, sh, cfg, xo, cb, PASS_READ);
        return;
    }
    if (x->failed)
        return;
    if (cfg->header && !xlsx_read_sheet(x, sh, cfg, xo, cb, PASS_MARK_HEADER))
        return;
    if (!xlsx_load_strings(x) || !xlsx_read_sheet(x, sh, cfg, xo, cb, PASS_PROBE) ||
        !x->header_given)
        return;
    xlsx_drop_strings(x);
    if (xlsx_read_sheet(x, sh, cfg, xo, cb, PASS_MARK_DATA) && xlsx_load_strings(x))
        xlsx_read_sheet(x, sh, cfg, xo, cb, PASS_READ);
}

static reader_status read_book(xlsx *x, const reader_config *cfg, const xlsx_options *xo,
                               const reader_callbacks *cb)
{
    const xsheet *sh = xlsx_load_book(x) ? choose(x, xo->sheet) : NULL;
    if (sh && (!sh->path || !sh->worksheet)) {
        xlsx_fail(x, ": sheet '%s' is %s", sh->name,
                  sh->path ? "a chart sheet, not a worksheet"
                           : "missing from the workbook's relationships");
        sh = NULL;
    }
    if (sh) {
        if (xo->sheet == NULL && strcmp(sh->state, "visible") != 0 && xo->err)
            diag_at(xo->err, (diag_place){xo->name, 0, 0}, "note: the first sheet, '%s', is "
                    "%s; reading it (--list-sheets shows them all)", sh->name, sh->state);
        if (xo->on_sheet)
            xo->on_sheet(xo->ctx, sh->name);
        if (xlsx_load_styles(x))
            read_sheet(x, sh, cfg, xo, cb);
        xlsx_strings_join(x); /* the sheet's reading stopped before it waited */
    }
    if (x->za)
        xlsx_zip()->zip_discard(x->za);
    xlsx_free_book(x);
    return x->res->status;
}

reader_status xlsx_read_fd(int fd, const reader_config *cfg, const xlsx_options *xo,
                           const reader_callbacks *cb, reader_result *res)
{
    xlsx x;
    begin(&x, res);
    if (!open_fd(&x, fd))
        return res->status;
    return read_book(&x, cfg, xo, cb);
}

reader_status xlsx_read_buffer(const void *buf, size_t len, const reader_config *cfg,
                               const xlsx_options *xo, const reader_callbacks *cb,
                               reader_result *res)
{
    xlsx x;
    begin(&x, res);
    if (!open_buffer(&x, buf, len))
        return res->status;
    return read_book(&x, cfg, xo, cb);
}

reader_status xlsx_list_fd(int fd, FILE *out, reader_result *res)
{
    xlsx x;
    begin(&x, res);
    if (open_fd(&x, fd) && xlsx_load_book(&x))
        for (size_t i = 0; i < x.nsheets; i++)
            fprintf(out, "%zu\t%s\t%s\n", i + 1, x.sheets[i].name, x.sheets[i].state);
    if (x.za)
        xlsx_zip()->zip_discard(x.za);
    xlsx_free_book(&x);
    return res->status;
}
