/* xlsx_sst.c - the shared strings: kept in memory or in a temporary file, loaded
 * before the sheet is read or, on a second thread with the archive opened again,
 * while it is read (the sheet waits for a string not loaded yet). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spill.h"
#include "xlsx_int.h"

/** Bytes of spilled strings gathered before they are written out. */
#define SPILL_BLOCK ((size_t)64 << 10)
/** Strings kept in memory handed to the sheet at a time (spilled ones: as each
 * gathered block is written).  Excel and our generator write the strings in the
 * order the sheet first uses them, so the sheet seldom waits. */
#define PUBLISH_EVERY ((size_t)1024)
#define TEXT_CHUNKS (XLSX_MAX_STRINGS / XSST_TEXT_CHUNK)
#define OFF_CHUNKS (XSST_MAX_COUNT / XSST_OFF_CHUNK + 1)

/* The loading thread's own context: its archive handle (libzip's are not shared
 * between threads), parser and result; the table is the reader's. */
typedef struct xlsx_loader {
    xlsx x;
    reader_result res;
    pthread_t thread;
} xlsx_loader;

/* ---- the table ---------------------------------------------------------------- */

/* Hand the complete strings to the sheet (when it reads them on another thread). */
static void publish(xsst *t, int state)
{
    if (!t->threaded)
        return;
    pthread_mutex_lock(&t->mu);
    t->ready = t->n;
    t->state = state;
    if (t->waiting > 0) /* the sheet's parsers */
        pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
}

/* Note that string t->n starts (or the one before it ends) at the text's end. */
static bool sst_mark(xlsx *x)
{
    xsst *t = x->t;
    size_t c = t->n / XSST_OFF_CHUNK;
    if (t->off == NULL)
        t->off = calloc(OFF_CHUNKS, sizeof *t->off);
    if (t->off == NULL || c >= OFF_CHUNKS ||
        (t->off[c] == NULL && (t->off[c] = malloc(XSST_OFF_CHUNK * sizeof **t->off)) == NULL))
        return xlsx_fail(x, ": out of memory for shared strings");
    t->off[c][t->n % XSST_OFF_CHUNK] = (uint32_t)t->len;
    return true;
}

static uint64_t sst_off(const xsst *t, size_t i)
{
    return t->off[i / XSST_OFF_CHUNK][i % XSST_OFF_CHUNK];
}

/* Write the gathered strings to the spill; they can be read back from then on. */
static bool spill_flush(xlsx *x)
{
    xsst *t = x->t;
    const char *p = t->gather.p;
    size_t left = t->gather.len;
    while (left > 0) {
        ssize_t w = write(fileno(t->spill), p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return xlsx_fail(x, ": cannot write the shared strings to a temporary file in "
                             "%s: %s", spill_dir(), strerror(w < 0 ? errno : EIO));
        p += w;
        left -= (size_t)w;
    }
    t->spilled += t->gather.len;
    t->gather.len = 0;
    publish(t, XSST_LOADING);
    return true;
}

/* Append string bytes: to the chunks in memory, or gathered for the spill. */
static bool text_add(xlsx *x, const char *s, size_t n)
{
    xsst *t = x->t;
    if (t->len + n > XLSX_MAX_STRINGS)
        return xlsx_fail(x, ": the shared strings take more than %zu MiB (refused)",
                         XLSX_MAX_STRINGS >> 20);
    if (t->spill) {
        if (!xbuf_add(&t->gather, s, n, SIZE_MAX / 2))
            return xlsx_fail(x, ": out of memory for shared strings");
        t->len += n;
        return t->gather.len < SPILL_BLOCK || spill_flush(x);
    }
    if (t->text == NULL && (t->text = calloc(TEXT_CHUNKS, sizeof *t->text)) == NULL)
        return xlsx_fail(x, ": out of memory for shared strings");
    while (n > 0) {
        size_t c = (size_t)(t->len / XSST_TEXT_CHUNK), at = (size_t)(t->len % XSST_TEXT_CHUNK);
        size_t k = XSST_TEXT_CHUNK - at < n ? XSST_TEXT_CHUNK - at : n;
        if (t->text[c] == NULL && (t->text[c] = malloc(XSST_TEXT_CHUNK)) == NULL)
            return xlsx_fail(x, ": out of memory for shared strings");
        memcpy(t->text[c] + at, s, k);
        t->len += k;
        s += k;
        n -= k;
    }
    return true;
}

/* ---- the part's XML ------------------------------------------------------------- */

typedef struct sst_ud {
    xlsx *x;
    bool in_si;
    int rph;        /* depth inside <rPh> (phonetic text: skipped) */
    bool in_t;
    size_t chars;   /* characters of the string so far */
} sst_ud;

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sst_ud *u = ud;
    enum xtag tag = xlsx_tag(name);
    (void)atts;
    if (tag == T_SI) { /* it starts where the one before ended (noted then: the
                        * sheet may be reading that offset by now) */
        u->in_si = true;
        u->chars = 0;
    } else if (tag == T_RPH) {
        u->rph++;
    } else if (tag == T_T && u->in_si && u->rph == 0) {
        u->in_t = true;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    sst_ud *u = ud;
    xsst *t = u->x->t;
    enum xtag tag = xlsx_tag(name);
    if (tag == T_SI && u->in_si) {
        u->in_si = false;
        t->n++;
        if (sst_mark(u->x) && !t->spill && t->n % PUBLISH_EVERY == 0)
            publish(t, XSST_LOADING);
    } else if (tag == T_RPH && u->rph > 0) {
        u->rph--;
    } else if (tag == T_T) {
        u->in_t = false;
    }
}

/* UTF-8 characters in s: bytes that do not continue one. */
size_t xlsx_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

bool xlsx_marked(const xlsx *x, size_t i)
{
    return i / 8 < x->marks_cap && (x->marks[i / 8] >> (i % 8) & 1);
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
    sst_ud *u = ud;
    xlsx *x = u->x;
    if (!u->in_t || u->rph > 0 || x->failed)
        return;
    u->chars += xlsx_chars(s, (size_t)len);
    if (u->chars > XLSX_MAX_CHARS) {
        xlsx_fail(x, ": shared string %zu is longer than %u characters (Excel's limit)",
                  x->t->n + 1, XLSX_MAX_CHARS);
        return;
    }
    if (x->sparse && !x->t->spill && !xlsx_marked(x, x->t->n))
        return; /* a string no wanted cell uses */
    text_add(x, s, (size_t)len);
}

unsigned long long xlsx_strings_size(xlsx *x)
{
    char *path = xlsx_part_of(x, "sharedStrings", "xl/sharedStrings.xml");
    zip_stat_t st;
    unsigned long long size = 0;
    if (path && xlsx_zip()->zip_stat(x->za, path, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
        size = st.size;
    free(path);
    return size;
}

bool xlsx_load_strings(xlsx *x)
{
    char *path = xlsx_part_of(x, "sharedStrings", "xl/sharedStrings.xml");
    if (path == NULL)
        return xlsx_fail(x, ": out of memory");
    sst_ud u = {x, false, 0, false, 0};
    if (!sst_mark(x)) {
        free(path);
        return false;
    }
    xlsx_parse(x, path, XLSX_MAX_SST_PART, false, &u, sst_start, sst_end, sst_text, NULL);
    free(path);
    return !x->failed;
}

void xlsx_drop_strings(xlsx *x)
{
    xsst *t = &x->table;
    xlsx_strings_join(x);
    for (size_t i = 0; t->text && i < TEXT_CHUNKS; i++)
        free(t->text[i]);
    for (size_t i = 0; t->off && i < OFF_CHUNKS; i++)
        free(t->off[i]);
    free(t->text);
    free(t->off);
    free(t->gather.p);
    if (t->spill)
        fclose(t->spill);
    memset(t, 0, sizeof *t);
    x->known = 0;
    xlsx_spill_cache_free(x);
}

/* ---- the spill ------------------------------------------------------------------- */

bool xlsx_spill_open(xlsx *x)
{
    x->t->spill = spill_open();
    return x->t->spill != NULL && xlsx_spill_cache(x);
}

bool xlsx_spill_cache(xlsx *x)
{
    x->pages = malloc(XLSX_SPILL_SLOTS * XLSX_SPILL_PAGE);
    x->page_tag = calloc(XLSX_SPILL_SLOTS, sizeof *x->page_tag);
    x->page_len = calloc(XLSX_SPILL_SLOTS, sizeof *x->page_len);
    if (x->pages == NULL || x->page_tag == NULL || x->page_len == NULL)
        return xlsx_fail(x, ": out of memory for shared strings");
    return true;
}

void xlsx_spill_cache_free(xlsx *x)
{
    free(x->pages);
    free(x->page_tag);
    free(x->page_len);
    x->pages = NULL;
    x->page_tag = NULL;
    x->page_len = NULL;
}

bool xlsx_spill_strings(xlsx *x)
{
    return xlsx_load_strings(x) && spill_flush(x);
}

/* The page of the spill that holds bytes up to need (from its start), read when its
 * slot holds another page, or this one read before the file had those bytes. */
static const char *spill_page(xlsx *x, uint64_t page, size_t need)
{
    size_t slot = (size_t)(page % XLSX_SPILL_SLOTS);
    char *p = x->pages + slot * XLSX_SPILL_PAGE;
    if (x->page_tag[slot] == page + 1 && x->page_len[slot] >= need)
        return p;
    size_t got = 0;
    while (got < XLSX_SPILL_PAGE) {
        ssize_t n = pread(fileno(x->t->spill), p + got, XLSX_SPILL_PAGE - got,
                          (off_t)(page * XLSX_SPILL_PAGE + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (n == 0 && got < need)) {
            x->page_tag[slot] = 0;
            xlsx_fail(x, ": cannot read back the shared strings from %s: %s", spill_dir(),
                      strerror(n < 0 ? errno : EIO));
            return NULL;
        }
        if (n == 0)
            break; /* the end of the file: the last page is short */
        got += (size_t)n;
    }
    x->page_tag[slot] = page + 1;
    x->page_len[slot] = (uint32_t)got;
    return p;
}

bool xlsx_string_to(xlsx *x, size_t k, xbuf *b)
{
    const xsst *t = x->t;
    uint64_t off = sst_off(t, k), end = sst_off(t, k + 1);
    size_t size = t->spill ? XLSX_SPILL_PAGE : XSST_TEXT_CHUNK;
    if (!xbuf_add(b, "", 0, SIZE_MAX / 2))
        return false;
    while (off < end) {
        uint64_t page = off / size;
        size_t at = (size_t)(off - page * size);
        size_t n = size - at < end - off ? size - at : (size_t)(end - off);
        const char *p = t->spill ? spill_page(x, page, at + n) : t->text[page];
        if (p == NULL || !xbuf_add(b, p + at, n, SIZE_MAX / 2))
            return false;
        off += n;
    }
    return true;
}

/* ---- the second thread --------------------------------------------------------- */

/*
 * The archive opened again: from the same bytes in memory, or from a descriptor
 * of its own (/proc/self/fd: a dup() would share the file offset libzip seeks),
 * checked to be the same file.  NULL when that cannot be done.
 */
static zip_t *open_again(const xlsx *x)
{
    if (x->fd < 0) {
        zip_error_t e;
        xlsx_zip()->zip_error_init(&e);
        zip_source_t *src = xlsx_zip()->zip_source_buffer_create(x->buf, x->buflen, 0, &e);
        zip_t *za = src ? xlsx_zip()->zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &e) : NULL;
        if (src && za == NULL)
            xlsx_zip()->zip_source_free(src);
        xlsx_zip()->zip_error_fini(&e);
        return za;
    }
    char path[48];
    snprintf(path, sizeof path, "/proc/self/fd/%d", x->fd);
    int fd = open(path, O_RDONLY | O_CLOEXEC), code = 0;
    struct stat a, b;
    if (fd < 0)
        return NULL;
    zip_t *za = NULL;
    if (fstat(fd, &a) == 0 && fstat(x->fd, &b) == 0 && S_ISREG(a.st_mode) &&
        a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        za = xlsx_zip()->zip_fdopen(fd, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (za == NULL)
        close(fd);
    return za;
}

static void *load_main(void *arg)
{
    xlsx *x = &((xlsx_loader *)arg)->x;
    bool ok = xlsx_load_strings(x) && (x->t->spill == NULL || spill_flush(x));
    publish(x->t, ok ? XSST_DONE : XSST_FAILED);
    return NULL;
}

bool xlsx_strings_start(xlsx *x)
{
    xsst *t = x->t;
    zip_t *za = open_again(x);
    xlsx_loader *l = za ? calloc(1, sizeof *l) : NULL;
    if (l == NULL) {
        if (za)
            xlsx_zip()->zip_discard(za);
        return false;
    }
    l->x = (xlsx){.za = za, .res = &l->res, .wb_path = x->wb_path, .rels = x->rels,
                  .nrels = x->nrels, .t = t, .fd = -1};
    bool mu = pthread_mutex_init(&t->mu, NULL) == 0, cv = mu && pthread_cond_init(&t->cv, NULL) == 0;
    t->threaded = cv;
    t->state = XSST_LOADING;
    if (cv && pthread_create(&l->thread, NULL, load_main, l) == 0) {
        x->loader = l;
        return true;
    }
    if (cv)
        pthread_cond_destroy(&t->cv);
    if (mu)
        pthread_mutex_destroy(&t->mu);
    t->threaded = false;
    xlsx_zip()->zip_discard(za);
    free(l);
    return false;
}

bool xlsx_strings_join(xlsx *x)
{
    xlsx_loader *l = x->loader;
    if (l == NULL)
        return true;
    pthread_join(l->thread, NULL);
    x->loader = NULL;
    xlsx_zip()->zip_discard(l->x.za);
    xsst *t = x->t;
    pthread_cond_destroy(&t->cv);
    pthread_mutex_destroy(&t->mu);
    t->threaded = false; /* complete now: read without asking */
    bool ok = !l->x.failed;
    if (!ok) { /* as if the strings had been loaded first: their error alone */
        *x->res = l->res;
        x->failed = true;
    }
    free(l);
    return ok;
}

int xlsx_string_ready(xlsx *x, size_t k)
{
    if (k < x->known)
        return 1;
    xsst *t = x->t;
    if (!t->threaded) {
        x->known = t->n;
        return k < t->n;
    }
    pthread_mutex_lock(&t->mu);
    while (k >= t->ready && t->state == XSST_LOADING) {
        t->waiting++;
        pthread_cond_wait(&t->cv, &t->mu);
        t->waiting--;
    }
    x->known = t->ready;
    int state = t->state;
    pthread_mutex_unlock(&t->mu);
    if (state == XSST_FAILED)
        return -1;
    return k < x->known;
}
