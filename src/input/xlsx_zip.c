/* xlsx_zip.c - the archive side of the XLSX reader: parts found by name, inflated in
 * blocks with their size counted, and parsed by expat with namespaces and no DOCTYPE. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_int.h"

#define PART_BLOCK XLSX_PART_BLOCK

bool xlsx_fail(xlsx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt); /* before any other call: clang-analyzer loses the va_list otherwise */
    if (!x->failed)
        vsnprintf(x->res->detail, sizeof x->res->detail, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): false alarm, see diag.c
    va_end(ap);
    if (x->failed)
        return false;
    x->failed = true;
    x->res->status = READER_EFORMAT;
    return false;
}

/* Returns p grown (doubling) to hold need items of size bytes, or NULL (p still valid). */
void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
    if (p != NULL && need <= *cap)
        return p;
    size_t ncap = *cap > 16 ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / size)
            return NULL;
        ncap *= 2;
    }
    void *np = realloc(p, ncap * size);
    if (np != NULL)
        *cap = ncap;
    return np;
}

/* Append n bytes and keep a NUL after them; false past cap bytes or without memory. */
bool xbuf_add(xbuf *b, const char *s, size_t n, size_t cap)
{
    if (n > cap || b->len > cap - n)
        return false;
    char *p = xgrow(b->p, &b->cap, b->len + n + 1, 1);
    if (p == NULL)
        return false;
    b->p = p;
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

/* An expat name "namespace|local" without its namespace. */
const char *xlocal(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

/* The element an expat name is, by its local name (these run for every element
 * of a sheet: one scan for the namespace's end, then a byte or two compared). */
enum xtag xlsx_tag(const char *name)
{
    const char *bar = strrchr(name, '|'), *l = bar ? bar + 1 : name;
    switch (l[0]) {
    case 'c':
        return l[1] == '\0' ? T_C : T_OTHER;
    case 'v':
        return l[1] == '\0' ? T_V : T_OTHER;
    case 'f':
        return l[1] == '\0' ? T_F : T_OTHER;
    case 't':
        return l[1] == '\0' ? T_T : T_OTHER;
    case 'i':
        return l[1] == 's' && l[2] == '\0' ? T_IS : T_OTHER;
    case 'r':
        if (l[1] == 'o' && l[2] == 'w' && l[3] == '\0')
            return T_ROW;
        return l[1] == 'P' && l[2] == 'h' && l[3] == '\0' ? T_RPH : T_OTHER;
    case 's':
        if (l[1] == 'i' && l[2] == '\0')
            return T_SI;
        return strcmp(l, "sheetData") == 0 ? T_SHEETDATA : T_OTHER;
    default:
        return T_OTHER;
    }
}

/* The value of the attribute whose local name is local (namespaced or not), or NULL. */
const char *xattr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i] != NULL; i += 2)
        if (strcmp(xlocal(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

bool xlsx_has(xlsx *x, const char *path)
{
    return xlsx_zip()->zip_name_locate(x->za, path, 0) >= 0;
}

/*
 * The part a relationship target names: absolute ("/xl/a.xml") from the
 * archive's root, else relative to the folder of base_part, with "." and
 * ".." segments taken out.  NULL without memory.
 */
char *xlsx_resolve(const char *base_part, const char *target)
{
    size_t blen = 0;
    if (target[0] == '/') {
        target++;
    } else {
        const char *slash = strrchr(base_part, '/');
        blen = slash ? (size_t)(slash - base_part) + 1 : 0;
    }
    size_t tlen = strlen(target);
    char *out = malloc(blen + tlen + 1);
    if (out == NULL)
        return NULL;
    memcpy(out, base_part, blen);
    memcpy(out + blen, target, tlen + 1);
    /* normalise in place: segments are copied down, ".." drops the last one */
    size_t w = 0;
    const char *r = out;
    char *res = out;
    while (*r) {
        const char *end = strchr(r, '/');
        size_t n = end ? (size_t)(end - r) : strlen(r);
        if ((n == 1 && r[0] == '.') || n == 0) {
            /* nothing */
        } else if (n == 2 && r[0] == '.' && r[1] == '.') {
            while (w > 0 && res[w - 1] != '/')
                w--;
            if (w > 0)
                w--;
            while (w > 0 && res[w - 1] != '/')
                w--;
        } else {
            memmove(res + w, r, n);
            w += n;
            if (end)
                res[w++] = '/';
        }
        r += n + (end ? 1 : 0);
    }
    if (w > 0 && res[w - 1] == '/')
        w--;
    res[w] = '\0';
    return out;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                               const XML_Char *pub, int has_internal)
{
    (void)name, (void)sys, (void)pub, (void)has_internal;
    xlsx *x = *(xlsx **)ud;
    xlsx_fail(x, ": a DOCTYPE declaration, which a workbook never has (refused)");
    XML_StopParser(x->parser, XML_FALSE); /* before its entities are declared or used */
}

/* Opens a part; false with the reason when it cannot be read. */
static zip_file_t *open_part(xlsx *x, const char *path, zip_int64_t idx)
{
    zip_stat_t st;
    if (xlsx_zip()->zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        xlsx_fail(x, ": part %s is encrypted (a password-protected workbook): save it "
                  "without a password", path);
        return NULL;
    }
    zip_file_t *zf = xlsx_zip()->zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
    if (zf == NULL)
        xlsx_fail(x, ": part %s: %s", path, xlsx_zip()->zip_strerror(x->za));
    return zf;
}

/* ---- a part inflated on a second thread while expat parses it ----------------- */

/** Inflated blocks on their way from the inflating thread to expat. */
#define PIPE_SLOTS 4

enum { BLOCK_DATA, BLOCK_END, BLOCK_DAMAGED, BLOCK_PAST_CAP };

typedef struct part_pipe {
    zip_file_t *zf;
    unsigned long long cap, total;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *buf[PIPE_SLOTS];
    size_t len[PIPE_SLOTS];
    int kind[PIPE_SLOTS];
    size_t head, tail;    /* blocks inflated, blocks parsed */
    bool quit;            /* the parsing stopped */
    char why[160];        /* libzip's reason, for BLOCK_DAMAGED */
} part_pipe;

/* The inflating thread: blocks into free slots, in the order and with the checks
 * of the one-thread loop (a damaged part, the cap), until the end or an error. */
static void *inflate_main(void *arg)
{
    part_pipe *q = arg;
    for (int kind = BLOCK_DATA; kind == BLOCK_DATA;) {
        pthread_mutex_lock(&q->mu);
        while (q->head - q->tail == PIPE_SLOTS && !q->quit)
            pthread_cond_wait(&q->cv, &q->mu);
        size_t slot = q->head % PIPE_SLOTS;
        bool quit = q->quit;
        pthread_mutex_unlock(&q->mu);
        if (quit)
            break;
        zip_int64_t got = xlsx_zip()->zip_fread(q->zf, q->buf[slot], PART_BLOCK);
        if (got < 0) {
            kind = BLOCK_DAMAGED;
            snprintf(q->why, sizeof q->why, "%s", xlsx_zip()->zip_file_strerror(q->zf));
        } else {
            q->total += (unsigned long long)got;
            kind = q->total > q->cap ? BLOCK_PAST_CAP : got == 0 ? BLOCK_END : BLOCK_DATA;
        }
        pthread_mutex_lock(&q->mu);
        q->len[slot] = got < 0 ? 0 : (size_t)got;
        q->kind[slot] = kind;
        q->head++;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
    }
    return NULL;
}

/* Parse the blocks as they come; false when the pipe cannot be set up (nothing
 * read yet: the caller reads on one thread). */
static bool parse_piped(xlsx *x, const char *path, unsigned long long cap, zip_file_t *zf,
                        XML_Parser p)
{
    part_pipe q = {.zf = zf, .cap = cap};
    char *mem = malloc(PIPE_SLOTS * PART_BLOCK);
    if (mem == NULL)
        return false;
    for (size_t i = 0; i < PIPE_SLOTS; i++)
        q.buf[i] = mem + i * PART_BLOCK;
    pthread_t th;
    bool mu = pthread_mutex_init(&q.mu, NULL) == 0, cv = mu && pthread_cond_init(&q.cv, NULL) == 0;
    bool ok = cv && pthread_create(&th, NULL, inflate_main, &q) == 0;
    for (bool done = false; ok && !done && !x->failed;) {
        pthread_mutex_lock(&q.mu);
        while (q.head == q.tail)
            pthread_cond_wait(&q.cv, &q.mu);
        size_t slot = q.tail % PIPE_SLOTS;
        pthread_mutex_unlock(&q.mu);
        if (q.kind[slot] == BLOCK_DAMAGED) {
            xlsx_fail(x, ": part %s is damaged: %s", path, q.why);
            break;
        }
        if (q.kind[slot] == BLOCK_PAST_CAP) {
            xlsx_fail(x, ": part %s inflates to more than %llu MiB (refused)", path, cap >> 20);
            break;
        }
        done = q.kind[slot] == BLOCK_END;
        if (XML_Parse(p, q.buf[slot], (int)q.len[slot], done) == XML_STATUS_ERROR &&
            !x->failed) {
            if (XML_GetErrorCode(p) == XML_ERROR_ABORTED)
                break; /* a handler stopped it */
            xlsx_fail(x, ": part %s, line %lu: %s", path,
                      (unsigned long)XML_GetCurrentLineNumber(p),
                      XML_ErrorString(XML_GetErrorCode(p)));
        }
        pthread_mutex_lock(&q.mu);
        q.tail++;
        pthread_cond_broadcast(&q.cv);
        pthread_mutex_unlock(&q.mu);
    }
    if (ok) {
        pthread_mutex_lock(&q.mu);
        q.quit = true;
        pthread_cond_broadcast(&q.cv);
        pthread_mutex_unlock(&q.mu);
        pthread_join(th, NULL);
    }
    if (cv)
        pthread_cond_destroy(&q.cv);
    if (mu)
        pthread_mutex_destroy(&q.mu);
    free(mem);
    return ok;
}

/* Inflate and parse on this thread, a block at a time straight into expat's buffer. */
static void parse_here(xlsx *x, const char *path, unsigned long long cap, zip_file_t *zf,
                       XML_Parser p)
{
    unsigned long long total = 0;
    bool done = false;
    while (!done && !x->failed) {
        void *block = XML_GetBuffer(p, (int)PART_BLOCK);
        if (block == NULL) {
            xlsx_fail(x, ": out of memory");
            break;
        }
        zip_int64_t got = xlsx_zip()->zip_fread(zf, block, PART_BLOCK);
        if (got < 0) {
            xlsx_fail(x, ": part %s is damaged: %s", path, xlsx_zip()->zip_file_strerror(zf));
            break;
        }
        total += (unsigned long long)got;
        if (total > cap) {
            xlsx_fail(x, ": part %s inflates to more than %llu MiB (refused)", path,
                      cap >> 20);
            break;
        }
        done = got == 0;
        if (XML_ParseBuffer(p, (int)got, done) == XML_STATUS_ERROR && !x->failed) {
            if (XML_GetErrorCode(p) == XML_ERROR_ABORTED)
                break; /* a handler stopped it */
            xlsx_fail(x, ": part %s, line %lu: %s", path,
                      (unsigned long)XML_GetCurrentLineNumber(p),
                      XML_ErrorString(XML_GetErrorCode(p)));
        }
    }
}

zip_file_t *xlsx_open_part(xlsx *x, const char *path, bool required)
{
    zip_int64_t idx = xlsx_zip()->zip_name_locate(x->za, path, 0);
    if (idx < 0) {
        if (required)
            xlsx_fail(x, ": no part %s in the workbook", path);
        return NULL;
    }
    return open_part(x, path, idx);
}

XML_Parser xlsx_parser(xlsx *x, void *ud, XML_StartElementHandler start,
                       XML_EndElementHandler end, XML_CharacterDataHandler text)
{
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    if (p == NULL) {
        xlsx_fail(x, ": out of memory");
        return NULL;
    }
    x->parser = p;
    XML_SetUserData(p, ud);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    return p;
}

bool xlsx_parse(xlsx *x, const char *path, unsigned long long cap, bool required, void *ud,
                XML_StartElementHandler start, XML_EndElementHandler end,
                XML_CharacterDataHandler text, XML_Parser *pp)
{
    zip_file_t *zf = xlsx_open_part(x, path, required);
    if (zf == NULL)
        return false;
    XML_Parser p = xlsx_parser(x, ud, start, end, text);
    if (p == NULL) {
        xlsx_zip()->zip_fclose(zf);
        return false;
    }
    if (pp)
        *pp = p;
    if (!x->pipe || !parse_piped(x, path, cap, zf, p))
        parse_here(x, path, cap, zf, p);
    XML_ParserFree(p);
    x->parser = NULL;
    if (pp)
        *pp = NULL;
    xlsx_zip()->zip_fclose(zf);
    return !x->failed;
}
