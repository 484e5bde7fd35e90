/* list_write.c - the follow-up list (--list) as a text table, CSV, TSV or JSON. */
#include "list_write.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Widest cell of the text layout, in columns; longer text is cut with "…". */
#define TEXT_CELL 40

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

/* What each row callback needs: the list, the stream, and its own state. */
typedef struct writing {
    const followup *f;
    FILE *out;
    size_t *width;   /* text: each column's width */
    char delim;      /* CSV/TSV */
    bool raw_cells;  /* CSV/TSV: formula-like cells as read (--no-escape-formulas) */
    uint64_t written; /* JSON: rows so far */
} writing;

static void measure_row(void *ctx, const reader_field *cells)
{
    writing *w = ctx;
    char cell[TEXT_CELL * 4 + 4];
    for (size_t i = 0; i < w->f->ncols; i++) {
        size_t cw = text_cell(cell, cells[i].ptr, cells[i].len);
        w->width[i] = cw > w->width[i] ? cw : w->width[i];
    }
}

static void print_text_row(void *ctx, const reader_field *cells)
{
    const writing *w = ctx;
    char cell[TEXT_CELL * 4 + 4];
    for (size_t i = 0; i < w->f->ncols; i++) {
        size_t cw = text_cell(cell, cells[i].ptr, cells[i].len);
        fprintf(w->out, "%s%s", i ? "  " : "", cell);
        if (i + 1 < w->f->ncols)
            fprintf(w->out, "%*s", (int)(w->width[i] - cw), "");
    }
    fputc('\n', w->out);
}

/* A plain decimal number: no spreadsheet reads a formula in it. */
static bool plain_number(const char *s, size_t n)
{
    size_t i = n > 0 && (s[0] == '-' || s[0] == '+'), digits = 0, dots = 0;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && dots++ == 0)
            continue;
        else
            return false;
    }
    return digits > 0;
}

/*
 * A cell of a list that a spreadsheet would run as a formula: one that starts
 * with = + - @, a tab or a CR and is not a plain number (the OWASP advice on
 * CSV injection).  It is written after a ' , which spreadsheets take as "text
 * follows" and do not show.
 */
static bool formula_like(const char *s, size_t n)
{
    return n > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) && !plain_number(s, n);
}

static void print_table_row(void *ctx, const reader_field *cells)
{
    const writing *w = ctx;
    for (size_t i = 0; i < w->f->ncols; i++) {
        const char *s = cells[i].ptr;
        size_t n = cells[i].len;
        if (i)
            fputc(w->delim, w->out);
        text_put_cell_after(w->out, !w->raw_cells && formula_like(s, n) ? '\'' : '\0', s, n,
                            w->delim);
    }
    fputc('\n', w->out);
}

static void print_json_row(void *ctx, const reader_field *cells)
{
    writing *w = ctx;
    fputs(w->written ? ",\n  {" : "\n  {", w->out);
    for (size_t i = 0; i < w->f->ncols; i++) {
        fputs(i ? ", " : "", w->out);
        text_put_json(w->out, w->f->keys[i], strlen(w->f->keys[i]));
        fputs(": ", w->out);
        text_put_json(w->out, cells[i].ptr, cells[i].len);
    }
    fputc('}', w->out);
    w->written++;
}

/* The column names as a row of cells. */
static reader_field *name_cells(const followup *f)
{
    reader_field *heads = calloc(f->ncols ? f->ncols : 1, sizeof *heads);
    for (size_t i = 0; heads && i < f->ncols; i++)
        heads[i] = (reader_field){f->keys[i], strlen(f->keys[i])};
    return heads;
}

static bool write_text(followup *f, writing *w)
{
    char cell[TEXT_CELL * 4 + 4];
    for (size_t i = 0; i < f->ncols; i++)
        w->width[i] = text_cell(cell, f->keys[i], strlen(f->keys[i]));
    if (!followup_each(f, measure_row, w))
        return false;
    reader_field *heads = name_cells(f);
    if (!heads)
        return false;
    print_text_row(w, heads);
    free(heads);
    return followup_each(f, print_text_row, w);
}

static bool write_table(followup *f, writing *w)
{
    reader_field *heads = name_cells(f);
    if (!heads)
        return false;
    print_table_row(w, heads);
    free(heads);
    return followup_each(f, print_table_row, w);
}

static bool write_json(followup *f, writing *w)
{
    fputc('[', w->out);
    bool ok = followup_each(f, print_json_row, w);
    fputs(w->written ? "\n]\n" : "]\n", w->out);
    return ok;
}

bool list_write(followup *f, FILE *out, const report_style *style)
{
    out_format format = style->format;
    writing w = {.f = f, .out = out, .delim = format == FMT_TSV ? '\t' : ',',
                 .raw_cells = style->raw_cells};
    w.width = calloc(f->ncols ? f->ncols : 1, sizeof *w.width);
    if (!w.width)
        return false;
    bool ok = format == FMT_JSON ? write_json(f, &w)
              : format == FMT_TEXT ? write_text(f, &w)
                                   : write_table(f, &w);
    free(w.width);
    return ok;
}
