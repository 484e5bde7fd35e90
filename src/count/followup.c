/* followup.c - the --list rows, spilled per score to temporary files and read back worst first. */
#include "followup.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "spill.h"
#include "text.h"

int followup_rank(const cx_scale *sc, list_kind kind, int score)
{
    int rank = score - sc->lo;
    switch (kind) {
    case LIST_DETRACTORS: return score <= sc->bad_hi ? rank : -1;
    case LIST_PASSIVES: return score > sc->bad_hi && score < sc->good_lo ? rank : -1;
    case LIST_PROMOTERS: return score >= sc->good_lo ? rank : -1;
    case LIST_DISSATISFIED: return score < sc->good_lo ? rank : -1;
    case LIST_DIFFICULT:
        /* strictly on the hard side of the midpoint (lo + hi) / 2 */
        if (sc->direction == CX_CES_AGREE)
            return 2 * score < sc->lo + sc->hi ? rank : -1;
        return 2 * score > sc->lo + sc->hi ? sc->hi - score : -1;
    default: return -1;
    }
}

bool followup_init(followup *f, const char *const *names, size_t ncols)
{
    memset(f, 0, sizeof *f);
    f->names = calloc(ncols ? ncols : 1, sizeof *f->names);
    f->keys = calloc(ncols ? ncols : 1, sizeof *f->keys);
    if (!f->names || !f->keys)
        return false;
    f->ncols = ncols;
    for (size_t i = 0; i < ncols; i++)
        if (!(f->names[i] = strdup(names[i])))
            return false;
    return followup_unique_keys(f->names, f->keys, ncols);
}

/* True when key is one of the first n keys, byte for byte. */
static bool key_taken(char *const *keys, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], key) == 0)
            return true;
    return false;
}

/*
 * The k-th column of a name (case-insensitive, as columns are found) is
 * keyed "name[k]", the form --show and the other options accept, so a JSON
 * object never holds a key twice (a reader keeps only one of them) and a key
 * copied back into an option finds the same column.  A header that is itself
 * spelled "name[k]" pushes k on until the key is free.
 */
bool followup_unique_keys(char *const *names, char **keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t k = 1;
        for (size_t j = 0; j < i; j++)
            k += text_name_equal(names[j], strlen(names[j]), names[i]);
        size_t size = strlen(names[i]) + 24;
        if (!(keys[i] = malloc(size)))
            return false;
        if (k == 1 && !key_taken(keys, i, names[i])) {
            memcpy(keys[i], names[i], size - 24 + 1);
            continue;
        }
        do
            snprintf(keys[i], size, "%s[%zu]", names[i], k++);
        while (key_taken(keys, i, keys[i]) || key_taken(names, n, keys[i]));
    }
    return true;
}

/* A row on disk: per cell a 4-byte length and the bytes. */
bool followup_add(followup *f, int rank, const reader_field *cells)
{
    FILE *b = f->bucket[rank];
    if (!b && !(b = f->bucket[rank] = spill_open()))
        return false;
    for (size_t i = 0; i < f->ncols; i++) {
        uint32_t len = (uint32_t)cells[i].len;
        if (fwrite(&len, sizeof len, 1, b) != 1 ||
            (len && fwrite(cells[i].ptr, 1, len, b) != len))
            return false;
    }
    f->rows++;
    return true;
}

/* Read one row's cells back into buf (grown as needed); false at the end or on error. */
static bool read_row(FILE *b, size_t ncols, char **buf, size_t *cap, reader_field *cells,
                     size_t *offs, bool *error)
{
    size_t used = 0;
    if (ncols == 0) /* nothing was written per row: nothing to read back */
        return false;
    for (size_t i = 0; i < ncols; i++) {
        uint32_t len;
        if (fread(&len, sizeof len, 1, b) != 1) {
            *error = i > 0 || ferror(b);
            return false;
        }
        if (used + len > *cap) {
            size_t n = *cap ? *cap : 4096;
            while (n < used + len)
                n *= 2;
            char *p = realloc(*buf, n);
            if (!p) {
                *error = true;
                return false;
            }
            *buf = p;
            *cap = n;
        }
        if (len && fread(*buf + used, 1, len, b) != len) {
            *error = true;
            return false;
        }
        offs[i] = used;
        cells[i].len = len;
        used += len;
    }
    for (size_t i = 0; i < ncols; i++)
        cells[i].ptr = *buf + offs[i];
    return true;
}

typedef struct walk {
    char *buf;
    size_t cap;
    reader_field *cells;
    size_t *offs;
    bool error;
} walk;

bool followup_each(followup *f, followup_row_fn *row, void *ctx)
{
    walk w = {0};
    size_t n = f->ncols ? f->ncols : 1;
    w.cells = calloc(n, sizeof *w.cells);
    w.offs = calloc(n, sizeof *w.offs);
    bool ok = w.cells && w.offs;
    for (size_t r = 0; ok && r < CX_MAX_BINS; r++) {
        FILE *b = f->bucket[r];
        if (!b)
            continue;
        if (fflush(b) != 0 || fseek(b, 0, SEEK_SET) != 0) {
            ok = false;
            break;
        }
        while (read_row(b, f->ncols, &w.buf, &w.cap, w.cells, w.offs, &w.error))
            row(ctx, w.cells);
        ok = !w.error;
    }
    free(w.buf);
    free(w.cells);
    free(w.offs);
    return ok;
}

void followup_free(followup *f)
{
    for (size_t r = 0; r < CX_MAX_BINS; r++)
        if (f->bucket[r])
            fclose(f->bucket[r]);
    for (size_t i = 0; i < f->ncols; i++) {
        free(f->names ? f->names[i] : NULL);
        free(f->keys ? f->keys[i] : NULL);
    }
    free(f->names);
    free(f->keys);
    memset(f, 0, sizeof *f);
}
