/* labels.c - loads --labels files with the CSV reader and looks answers up in them. */
#include "labels.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "reader.h"
#include "text.h"

/** Most labels in one file. */
#define LABELS_MAX 4096

typedef struct label_load {
    const char *path;
    FILE *err;
    label_table *t;
    size_t store_len, store_cap;
    size_t *offset; /* entries' text as offsets while the store may move */
    uint64_t *line; /* each entry's line, for the message of a conflict */
    bool first;
    int failed;
} label_load;

static int load_fail(label_load *ll, uint64_t line, const char *what)
{
    diag_at(ll->err, (diag_place){ll->path, line, 0}, "%s", what);
    ll->failed = 1;
    return 1;
}

static bool whole_number(const char *p, size_t len, int *out)
{
    text_trim(&p, &len);
    if (len == 0 || len > 6)
        return false;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return true;
}

static int label_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    label_load *ll = ctx;
    label_table *t = ll->t;
    int score;
    bool first = ll->first;
    ll->first = false;
    if (n != 2)
        return load_fail(ll, line, "a label file has two columns: label,score");
    if (!whole_number(f[1].ptr, f[1].len, &score)) {
        if (first && text_name_equal(f[0].ptr, f[0].len, "label") &&
            text_name_equal(f[1].ptr, f[1].len, "score"))
            return 0; /* the header */
        return load_fail(ll, line, "the score is not a whole number");
    }
    const char *p = f[0].ptr;
    size_t len = f[0].len;
    text_trim(&p, &len);
    if (len == 0 || memchr(p, '\0', len) || !text_utf8_valid(p, len))
        return load_fail(ll, line, "the label is empty or not UTF-8 text");
    if (t->count == LABELS_MAX)
        return load_fail(ll, line, "more than 4096 labels");
    if (ll->store_len + len + 1 > ll->store_cap) {
        size_t cap = ll->store_cap ? ll->store_cap * 2 : 4096;
        while (cap < ll->store_len + len + 1)
            cap *= 2;
        char *s = realloc(t->store, cap);
        if (!s)
            return load_fail(ll, line, "out of memory");
        t->store = s;
        ll->store_cap = cap;
    }
    memcpy(t->store + ll->store_len, p, len);
    t->store[ll->store_len + len] = '\0';
    ll->offset[t->count] = ll->store_len;
    ll->line[t->count] = line;
    t->entry[t->count++].score = score;
    ll->store_len += len + 1;
    return 0;
}

static int label_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                        reader_want *want)
{
    static const unsigned char both[2] = {1, 1};
    (void)ctx, (void)f, (void)n, (void)line;
    want->mask = both;
    want->len = 2;
    return 0;
}

/* The entry of a label, or NULL; looked up by hash, every answer read pays one probe. */
static const label_entry *find(const label_table *t, const char *text, size_t len)
{
    if (!t->nslots)
        return NULL;
    size_t mask = t->nslots - 1;
    for (size_t j = (size_t)text_name_hash(text, len) & mask; t->slot[j]; j = (j + 1) & mask)
        if (text_name_equal(text, len, t->entry[t->slot[j] - 1].text))
            return &t->entry[t->slot[j] - 1];
    return NULL;
}

bool labels_find(const label_table *t, const char *text, size_t len, int *score)
{
    const label_entry *e = find(t, text, len);
    if (e)
        *score = e->score;
    return e != NULL;
}

/*
 * Index the entries (store in place), in file order.  A label given again
 * with the same score is harmless; with another it is an error, at its line.
 * @return false with the message printed.
 */
static bool index_labels(label_table *t, const char *path, const uint64_t *lines, FILE *err)
{
    t->nslots = 16;
    while (t->nslots < 2 * t->count)
        t->nslots *= 2;
    t->slot = calloc(t->nslots, sizeof *t->slot);
    if (!t->slot) {
        diag_error(err, "out of memory");
        return false;
    }
    size_t mask = t->nslots - 1;
    for (size_t i = 0; i < t->count; i++) {
        const label_entry *e = &t->entry[i];
        const label_entry *old = find(t, e->text, strlen(e->text));
        if (old && old->score != e->score) {
            char q[120];
            text_quote(q, sizeof q, e->text, strlen(e->text));
            diag_at(err, (diag_place){path, lines[i], 0},
                    "label %s given score %d here and %d on line %llu", q, e->score, old->score,
                    (unsigned long long)lines[old - t->entry]);
            return false;
        }
        if (old)
            continue;
        size_t j = (size_t)text_name_hash(e->text, strlen(e->text)) & mask;
        while (t->slot[j])
            j = (j + 1) & mask;
        t->slot[j] = (uint32_t)(i + 1);
    }
    return true;
}

int labels_load(label_table *t, const char *path, FILE *err)
{
    memset(t, 0, sizeof *t);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        diag_at(err, (diag_place){path, 0, 0}, "%s", strerror(errno));
        return EXIT_DATA;
    }
    label_load ll = {.path = path, .err = err, .t = t, .first = true};
    t->entry = calloc(LABELS_MAX, sizeof *t->entry);
    ll.offset = calloc(LABELS_MAX, sizeof *ll.offset);
    ll.line = calloc(LABELS_MAX, sizeof *ll.line);
    if (!t->entry || !ll.offset || !ll.line) {
        fclose(fp);
        free(ll.offset);
        free(ll.line);
        diag_error(err, "out of memory");
        return EXIT_DATA;
    }
    reader_config cfg = {.header = false};
    reader_callbacks cb = {.ctx = &ll, .header = label_header, .record = label_record};
    reader_result r;
    reader_status rs = reader_read(fp, &cfg, &cb, &r);
    fclose(fp);
    for (size_t i = 0; i < t->count; i++)
        t->entry[i].text = t->store + ll.offset[i];
    free(ll.offset);
    if (!ll.failed && rs != READER_OK) {
        diag_at(err, (diag_place){path, r.line, 0}, "%s",
                rs == READER_EIO ? strerror(r.errno_value) : reader_strerror(rs));
        ll.failed = 1;
    }
    bool ok = !ll.failed && index_labels(t, path, ll.line, err);
    free(ll.line);
    return ok ? EXIT_OK : EXIT_DATA;
}

void labels_free(label_table *t)
{
    free(t->entry);
    free(t->store);
    free(t->slot);
    memset(t, 0, sizeof *t);
}
