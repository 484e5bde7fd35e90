/* followup.c - the --list rows, spilled per score to temporary files and written worst first. */
#include "followup.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Widest cell of the text layout, in columns; longer text is cut with "…". */
#define TEXT_CELL 40

cx_metric followup_metric(list_kind kind)
{
    switch (kind) {
    case LIST_DISSATISFIED: return CX_CSAT;
    case LIST_DIFFICULT: return CX_CES;
    default: return CX_NPS;
    }
}

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
    if (!f->names)
        return false;
    f->ncols = ncols;
    for (size_t i = 0; i < ncols; i++)
        if (!(f->names[i] = strdup(names[i])))
            return false;
    return true;
}

/* A row on disk: per cell a 4-byte length and the bytes. */
bool followup_add(followup *f, int rank, const reader_field *cells)
{
    FILE *b = f->bucket[rank];
    if (!b && !(b = f->bucket[rank] = tmpfile()))
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

/* Bytes of the character at s (n bytes left), or 1 for a byte that is not UTF-8 text. */
static size_t char_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)*s;
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return c >= 0x80 && (k > n || !text_utf8_valid(s, k)) ? 1 : k;
}

/*
 * A text cell: control and non-text bytes as spaces, at most TEXT_CELL
 * columns, a longer text cut with "…".  dst holds TEXT_CELL * 4 + 4 bytes.
 * @return the cell's width in columns.
 */
static size_t text_cell(char *dst, const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i += char_len(s + i, n - i))
        chars++;
    size_t keep = chars > TEXT_CELL ? TEXT_CELL - 1 : chars, o = 0, i = 0;
    for (size_t c = 0; c < keep; c++) {
        size_t k = char_len(s + i, n - i);
        unsigned char b = (unsigned char)s[i];
        if (b < 0x20 || b == 0x7F || (k == 1 && b >= 0x80))
            dst[o++] = ' ';
        else
            memcpy(dst + o, s + i, k), o += k;
        i += k;
    }
    if (keep < chars)
        memcpy(dst + o, "\xE2\x80\xA6", 3), o += 3;
    dst[o] = '\0';
    return keep < chars ? TEXT_CELL : chars;
}

typedef struct walk {
    char *buf;
    size_t cap;
    reader_field *cells;
    size_t *offs;
    bool error;
} walk;

/* Call row() for every row, worst first. */
static bool each_row(followup *f, walk *w, void (*row)(followup *, walk *, FILE *, void *),
                     FILE *out, void *ctx)
{
    for (size_t r = 0; r < CX_MAX_BINS; r++) {
        FILE *b = f->bucket[r];
        if (!b)
            continue;
        if (fflush(b) != 0 || fseek(b, 0, SEEK_SET) != 0)
            return false;
        while (read_row(b, f->ncols, &w->buf, &w->cap, w->cells, w->offs, &w->error))
            row(f, w, out, ctx);
        if (w->error)
            return false;
    }
    return true;
}

static void measure_row(followup *f, walk *w, FILE *out, void *ctx)
{
    size_t *width = ctx;
    char cell[TEXT_CELL * 4 + 4];
    (void)out;
    for (size_t i = 0; i < f->ncols; i++) {
        size_t cw = text_cell(cell, w->cells[i].ptr, w->cells[i].len);
        width[i] = cw > width[i] ? cw : width[i];
    }
}

static void print_text_row(followup *f, walk *w, FILE *out, void *ctx)
{
    const size_t *width = ctx;
    char cell[TEXT_CELL * 4 + 4];
    for (size_t i = 0; i < f->ncols; i++) {
        size_t cw = text_cell(cell, w->cells[i].ptr, w->cells[i].len);
        fprintf(out, "%s%s", i ? "  " : "", cell);
        if (i + 1 < f->ncols)
            fprintf(out, "%*s", (int)(width[i] - cw), "");
    }
    fputc('\n', out);
}

static void print_table_row(followup *f, walk *w, FILE *out, void *ctx)
{
    char delim = *(const char *)ctx;
    for (size_t i = 0; i < f->ncols; i++) {
        if (i)
            fputc(delim, out);
        text_put_cell(out, w->cells[i].ptr, w->cells[i].len, delim);
    }
    fputc('\n', out);
}

static void print_json_row(followup *f, walk *w, FILE *out, void *ctx)
{
    uint64_t *written = ctx;
    fputs(*written ? ",\n  {" : "\n  {", out);
    for (size_t i = 0; i < f->ncols; i++) {
        fputs(i ? ", " : "", out);
        text_put_json(out, f->names[i], strlen(f->names[i]));
        fputs(": ", out);
        text_put_json(out, w->cells[i].ptr, w->cells[i].len);
    }
    fputc('}', out);
    (*written)++;
}

bool followup_write(followup *f, FILE *out, out_format format)
{
    walk w = {0};
    bool ok = false;
    size_t n = f->ncols ? f->ncols : 1;
    w.cells = calloc(n, sizeof *w.cells);
    w.offs = calloc(n, sizeof *w.offs);
    size_t *width = calloc(n, sizeof *width);
    if (!w.cells || !w.offs || !width)
        goto done;
    if (format == FMT_JSON) {
        uint64_t written = 0;
        fputc('[', out);
        ok = each_row(f, &w, print_json_row, out, &written);
        fputs(written ? "\n]\n" : "]\n", out);
    } else if (format == FMT_TEXT) {
        char cell[TEXT_CELL * 4 + 4];
        for (size_t i = 0; i < f->ncols; i++)
            width[i] = text_cell(cell, f->names[i], strlen(f->names[i]));
        if (!each_row(f, &w, measure_row, out, width))
            goto done;
        reader_field *heads = w.cells;
        for (size_t i = 0; i < f->ncols; i++)
            heads[i] = (reader_field){f->names[i], strlen(f->names[i])};
        print_text_row(f, &w, out, width);
        ok = each_row(f, &w, print_text_row, out, width);
    } else {
        char delim = format == FMT_TSV ? '\t' : ',';
        for (size_t i = 0; i < f->ncols; i++) {
            if (i)
                fputc(delim, out);
            text_put_cell(out, f->names[i], strlen(f->names[i]), delim);
        }
        fputc('\n', out);
        ok = each_row(f, &w, print_table_row, out, &delim);
    }
done:
    free(w.buf);
    free(w.cells);
    free(w.offs);
    free(width);
    return ok;
}

void followup_free(followup *f)
{
    for (size_t r = 0; r < CX_MAX_BINS; r++)
        if (f->bucket[r])
            fclose(f->bucket[r]);
    for (size_t i = 0; f->names && i < f->ncols; i++)
        free(f->names[i]);
    free(f->names);
    memset(f, 0, sizeof *f);
}
