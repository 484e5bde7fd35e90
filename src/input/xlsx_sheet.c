/* xlsx_sheet.c - one sheet streamed row by row: cells placed by their reference,
 * turned into the text a CSV export would hold, and handed on as records. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "xlsx_sheet.h"

/* A decimal number of at most 9 digits and nothing else, without strtoul's
 * locale and sign handling; false for anything else (the caller falls back). */
static bool small_digits(const char *s, size_t *out)
{
    size_t v = 0, i = 0;
    for (; s[i] >= '0' && s[i] <= '9' && i < 9; i++)
        v = v * 10 + (size_t)(s[i] - '0');
    if (i == 0 || s[i] != '\0')
        return false;
    *out = v;
    return true;
}

/* "AB12" -> column 27 (0-based 27), row 12; false when it is no cell reference. */
static bool parse_ref(const char *r, size_t *col, uint64_t *row)
{
    size_t c = 0, i = 0;
    while (r[i] >= 'A' && r[i] <= 'Z' && i < 4)
        c = c * 26 + (size_t)(r[i++] - 'A' + 1);
    if (i == 0 || c > XLSX_MAX_COLS)
        return false;
    uint64_t rw = 0;
    size_t d = 0;
    while (r[i + d] >= '0' && r[i + d] <= '9' && d < 8)
        rw = rw * 10 + (uint64_t)(r[i + d++] - '0');
    if (r[i + d] != '\0')
        return false;
    *col = c - 1;
    *row = rw;
    return true;
}

/* "C5" for column c (0-based) and row r. */
static void cell_name(size_t c, uint64_t r, char *out, size_t size)
{
    char letters[8];
    size_t n = 0;
    c++;
    while (c > 0 && n < sizeof letters) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    size_t k = 0;
    while (n > 0 && k + 1 < size)
        out[k++] = letters[--n];
    snprintf(out + k, size - k, "%llu", (unsigned long long)r);
}

static void sheet_fail_at(sheet_ud *u, const char *what)
{
    char at[24];
    cell_name(u->col, u->row, at, sizeof at);
    xlsx_fail(u->x, ":%s!%s: %s", u->sh->name, at, what);
    u->x->res->line = u->row;
    XML_StopParser(u->p, XML_FALSE);
}

static void start_row(sheet_ud *u, const char **atts)
{
    const char *r = xattr(atts, "r");
    uint64_t row = u->last_row + 1;
    size_t small;
    if (r && small_digits(r, &small)) {
        row = small;
    } else if (r) {
        char *end;
        unsigned long long v = strtoull(r, &end, 10);
        row = *end == '\0' && v > 0 ? v : 0;
    }
    u->in_row = true;
    u->row = row;
    if (!u->first_seen) { /* the chunk's first row (xlsx_split.c) */
        u->first_seen = true;
        u->first_row = row;
        u->first_implicit = r == NULL;
    }
    /* rows that layout detection reads whole keep all their strings */
    u->mark_all = u->cfg->detect_layout && u->cfg->skip_records == 0 && u->header_done &&
                  u->data_rows < READER_LAYOUT_ROWS;
    u->col = (size_t)-1;
    u->text.len = 0;
    u->nslots = u->width = 0;
    if (row == 0 || row > XLSX_MAX_ROWS || row <= u->last_row) {
        u->col = 0;
        sheet_fail_at(u, row <= u->last_row && row ? "a row out of order"
                                                   : "a row number outside 1-1048576");
    }
}

/* A cell's r, t and s attributes in one look at its attributes (xattr's rule: the
 * first whose local name matches). */
static void cell_atts(const char **atts, const char **r, const char **t, const char **s)
{
    *r = *t = *s = NULL;
    for (size_t i = 0; atts[i] != NULL; i += 2) {
        const char *l = atts[i][0] != '\0' && atts[i][1] == '\0' ? atts[i] : xlocal(atts[i]);
        if (l[0] == '\0' || l[1] != '\0')
            continue;
        const char **slot = l[0] == 'r' ? r : l[0] == 't' ? t : l[0] == 's' ? s : NULL;
        if (slot && *slot == NULL)
            *slot = atts[i + 1];
    }
}

/* t= as our one-letter code: 's', 'i' inlineStr, 'n', 'b', 'e', 'f' str, 'd'. */
static char cell_type(const char *t)
{
    static const struct { const char *name; char code; } types[] = {
        {"s", 's'}, {"inlineStr", 'i'}, {"n", 'n'}, {"b", 'b'}, {"e", 'e'}, {"str", 'f'},
        {"d", 'd'}};
    if (t && t[0] == 's' && t[1] == '\0') /* the most common by far */
        return 's';
    for (size_t i = 0; t && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(t, types[i].name) == 0)
            return types[i].code;
    return 'n';
}

static void start_cell(sheet_ud *u, const char **atts)
{
    const char *r, *t, *s;
    cell_atts(atts, &r, &t, &s);
    size_t col = u->col + 1;
    uint64_t row = u->row;
    /* the column only: real files have <row r="3"><c r="A4"> */
    if (r && !parse_ref(r, &col, &row)) {
        char what[80];
        snprintf(what, sizeof what, "cell reference '%.12s' is not one of A1 to XFD1048576", r);
        sheet_fail_at(u, what);
        return;
    }
    if (col >= XLSX_MAX_COLS || (u->col != (size_t)-1 && col <= u->col)) {
        u->col = col < XLSX_MAX_COLS ? col : XLSX_MAX_COLS - 1;
        sheet_fail_at(u, col >= XLSX_MAX_COLS ? "a column past XFD (16384)"
                                              : "a cell out of order");
        return;
    }
    u->col = col;
    u->in_cell = true;
    u->has_v = u->has_f = false;
    u->val.len = 0;
    if (u->val.p)
        u->val.p[0] = '\0';
    u->val_chars = 0;
    size_t style = 0;
    if (s && !small_digits(s, &style))
        style = (size_t)strtoul(s, NULL, 10);
    u->style = style;
    u->type = cell_type(t);
}

void XMLCALL xlsx_sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sheet_ud *u = ud;
    if (u->x->failed)
        return;
    enum xtag tag = xlsx_tag(name);
    if (u->depth < TAG_STACK)
        u->tags[u->depth] = (unsigned char)tag;
    u->depth++;
    if (!u->data) {
        u->data = tag == T_SHEETDATA;
        if (u->data && u->data_at == 0)
            u->data_at = (uint64_t)XML_GetCurrentByteIndex(u->p) +
                         (uint64_t)XML_GetCurrentByteCount(u->p);
        return;
    }
    if (!u->in_row) {
        if (tag == T_ROW)
            start_row(u, atts);
        return;
    }
    if (!u->in_cell) {
        if (tag == T_C)
            start_cell(u, atts);
        return;
    }
    switch (tag) {
    case T_V:
        u->in_v = u->has_v = true;
        u->val.len = 0;
        u->val_chars = 0;
        break;
    case T_F:
        u->has_f = true;
        break;
    case T_IS:
        u->in_is = true;
        u->has_v = true;
        break;
    case T_RPH:
        u->rph++;
        break;
    case T_T:
        u->in_t = u->in_t || (u->in_is && u->rph == 0);
        break;
    default:
        break;
    }
}

void XMLCALL xlsx_sheet_text(void *ud, const XML_Char *s, int len)
{
    sheet_ud *u = ud;
    if (!(u->in_v || (u->in_t && u->rph == 0)) || u->x->failed)
        return;
    /* the characters of this piece only: a long cell comes in many pieces */
    u->val_chars += xlsx_chars(s, (size_t)len);
    if (!xbuf_add(&u->val, s, (size_t)len, (size_t)XLSX_MAX_CHARS * 4) ||
        u->val_chars > XLSX_MAX_CHARS)
        sheet_fail_at(u, "a cell longer than 32767 characters (Excel's limit)");
}

/* The text of a number: whole within 1e-9 as a whole number, a date when asked. */
static const char *number_text(sheet_ud *u, bool date, char *buf, size_t size)
{
    if (u->val.p == NULL)
        return "";
    const char *p = u->val.p + (u->val.p[0] == '-');
    size_t digits = strspn(p, "0123456789");
    if (!date && digits > 0 && digits < 16 && p[digits] == '\0' && (p[0] != '0' || digits == 1) &&
        !(p[0] == '0' && p > u->val.p)) /* not "-0" */
        return u->val.p; /* already a whole number as we would print it */
    char *end;
    double v = strtod(u->val.p, &end);
    if (end == u->val.p || *end != '\0' || !isfinite(v))
        return u->val.p;
    if (date && xlsx_serial_text(v, u->x->date1904, buf, size))
        return buf;
    double r = round(v);
    if (fabs(v - r) <= 1e-9 && fabs(r) < 1e15) {
        snprintf(buf, size, "%.0f", fabs(r) < 0.5 ? 0.0 : r); /* never "-0" */
        return buf;
    }
    return u->val.p;
}

static bool column_wanted(const sheet_ud *u, size_t col, unsigned flag)
{
    if (!u->header_done || u->holding || u->row <= u->cfg->skip_lines)
        return flag == 1 || (u->holding && col < u->want.len && (u->want.mask[col] & flag));
    return col < u->want.len && (u->want.mask[col] & flag) != 0;
}

/* Mark the shared string of a cell that a later pass will want. */
static void mark_cell(sheet_ud *u)
{
    xlsx *x = u->x;
    if (u->type != 's' || !u->has_v || u->row <= u->cfg->skip_lines)
        return;
    bool want = u->pass == PASS_MARK_HEADER
                    ? !u->header_done
                    : u->header_done && (u->mark_all || (u->col < u->want.len &&
                                                         u->want.mask[u->col]));
    char *end;
    unsigned long k = strtoul(u->val.p, &end, 10);
    /* an index past any table the caps allow is refused by the reading pass */
    if (!want || end == u->val.p || *end || k >= XLSX_MAX_STRINGS / 2)
        return;
    if (k / 8 >= x->marks_cap) {
        size_t old = x->marks_cap;
        unsigned char *m = xgrow(x->marks, &x->marks_cap, k / 8 + 1, 1);
        if (m == NULL) {
            sheet_fail_at(u, "out of memory");
            return;
        }
        memset(m + old, 0, x->marks_cap - old);
        x->marks = m;
    }
    x->marks[k / 8] |= (unsigned char)(1u << (k % 8));
}

/* Put the finished cell into the row. */
static void end_cell(sheet_ud *u)
{
    u->in_cell = false;
    if (u->pass == PASS_MARK_HEADER || u->pass == PASS_MARK_DATA) {
        mark_cell(u);
        return;
    }
    if (u->row <= u->cfg->skip_lines || !column_wanted(u, u->col, 1) ||
        (u->header_done && u->records_left > 0))
        return;
    // cppcheck-suppress variableScope ; s may point into num after the switch
    char num[40];
    const char *s = u->val.p ? u->val.p : "";
    size_t off = 0, len = 0;
    if (!u->has_v) {
        if (u->has_f && u->no_value++ == u->no_value_base)
            cell_name(u->col, u->row, u->no_value_at, sizeof u->no_value_at);
        return;
    }
    switch (u->type) {
    case 's': {
        size_t k;
        if (!small_digits(s, &k)) {
            char *end;
            k = strtoul(s, &end, 10);
            if (end == s || *end) {
                char what[80];
                snprintf(what, sizeof what, "a shared string cell holding '%.12s', not an index",
                         s);
                sheet_fail_at(u, what);
                return;
            }
        }
        int ready = k == SIZE_MAX ? 0 : xlsx_string_ready(u->x, k);
        if (ready < 0) { /* the strings failed to load: their error is the result */
            u->stopped = true;
            XML_StopParser(u->p, XML_FALSE);
            return;
        }
        if (ready == 0) {
            sheet_fail_at(u, "a shared string index past the table");
            return;
        }
        /* copied into the row: spilled strings come through a cache that reuses pages */
        off = u->text.len;
        if (!xlsx_string_to(u->x, k, &u->text)) {
            sheet_fail_at(u, "out of memory");
            return;
        }
        len = u->text.len - off;
        break;
    }
    case 'b':
        s = strcmp(s, "1") == 0 ? "TRUE" : strcmp(s, "0") == 0 ? "FALSE" : s;
        break;
    case 'n': {
        bool date = (u->style < u->x->nxf && u->x->xf_date[u->style]) ||
                    (u->header_done && column_wanted(u, u->col, READER_WANT_DATE));
        s = number_text(u, date, num, sizeof num);
        break;
    }
    default:
        break;
    }
    if (u->type != 's') {
        len = strlen(s);
        off = u->text.len;
        if (!xbuf_add(&u->text, s, len, SIZE_MAX / 2)) {
            sheet_fail_at(u, "out of memory");
            return;
        }
    }
    if (len == 0)
        return;
    cell_slot *sl = xgrow(u->slots, &u->slots_cap, u->col + 1, sizeof *sl);
    if (sl == NULL) {
        sheet_fail_at(u, "out of memory");
        return;
    }
    u->slots = sl;
    for (size_t i = u->nslots; i < u->col; i++)
        sl[i].kind = CELL_NONE;
    sl[u->col] = (cell_slot){CELL_ROW, off, len};
    u->nslots = u->width = u->col + 1;
}

static void stopped(sheet_ud *u)
{
    u->stopped = true;
    u->x->res->status = READER_STOPPED;
    u->x->res->line = u->row;
    if (u->p)
        XML_StopParser(u->p, XML_FALSE);
}

/* A data record to the caller, with only the wanted fields. */
static int deliver(sheet_ud *u, reader_field *f, size_t n, uint64_t row)
{
    if (u->header_n == 0)
        u->header_n = n;
    for (size_t i = 0; i < n; i++)
        if (!(i < u->want.len && u->want.mask[i]))
            f[i].ptr = NULL;
    u->x->res->records++;
    if (u->ops == NULL)
        return u->cb->record ? u->cb->record(u->cb->ctx, f, n, row) : 0;
    if (u->part == NULL && (u->part = u->ops->part_new(u->ops->owner)) == NULL) {
        sheet_fail_at(u, "out of memory");
        return 0;
    }
    return u->ops->record(u->part, f, n, row);
}

/* Deliver the held records but the extra header rows of a known export. */
static void release(sheet_ud *u)
{
    reader_result *res = u->x->res;
    const reader_field *rec[READER_LAYOUT_ROWS] = {NULL};
    for (size_t i = 0; i < u->nheld; i++)
        rec[i] = u->held[i];
    size_t skip = reader_layout_rows(rec, u->held_n, u->nheld, &res->layout);
    u->holding = false;
    res->skipped += skip;
    for (size_t i = 0; i < u->nheld; i++) {
        if (i >= skip && !u->stopped && deliver(u, u->held[i], u->held_n[i], u->held_row[i]))
            stopped(u);
        free(u->held[i]);
        free(u->held_bytes[i]);
    }
    u->nheld = 0;
}

/* Keep a copy of a record for layout detection; decide once enough are kept. */
static void hold(sheet_ud *u, const reader_field *f, size_t n)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += f[i].len;
    char *b = malloc(bytes + 1);
    reader_field *c = malloc((n + 1) * sizeof *c);
    if (!b || !c) {
        free(b);
        free(c);
        sheet_fail_at(u, "out of memory");
        return;
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(b + at, f[i].ptr, f[i].len);
        c[i] = (reader_field){b + at, f[i].len};
        at += f[i].len;
    }
    u->held_bytes[u->nheld] = b;
    u->held[u->nheld] = c;
    u->held_n[u->nheld] = n;
    u->held_row[u->nheld++] = u->row;
    if (u->nheld == READER_LAYOUT_ROWS)
        release(u);
}

/* Hand the finished row on: passed over, the header, or a record. */
static void end_row(sheet_ud *u)
{
    u->in_row = false;
    u->last_row = u->row;
    if (u->ops) /* where the row ended, for xlsx_split.c's checks */
        u->row_end = (uint64_t)XML_GetCurrentByteIndex(u->p) +
                     (uint64_t)XML_GetCurrentByteCount(u->p);
    reader_result *res = u->x->res;
    res->lines = u->row;
    if (u->row <= u->cfg->skip_lines)
        return;
    if (u->pass == PASS_MARK_HEADER || u->pass == PASS_MARK_DATA) {
        if (u->pass == PASS_MARK_HEADER) {
            u->stopped = true; /* the header row is done */
            XML_StopParser(u->p, XML_FALSE);
        } else if (!u->header_done) {
            u->header_done = true;
        } else {
            u->data_rows++;
        }
        return;
    }
    if (u->header_done && u->records_left > 0) {
        u->records_left--;
        res->skipped++;
        return;
    }
    size_t n = u->width;
    if (u->header_done && n < u->header_n)
        n = u->header_n;
    reader_field *f = xgrow(u->fields, &u->fields_cap, n + 1, sizeof *f);
    if (f == NULL) {
        sheet_fail_at(u, "out of memory");
        return;
    }
    u->fields = f;
    bool header = !u->header_done;
    for (size_t i = 0; i < n; i++) {
        const cell_slot *sl = i < u->nslots ? &u->slots[i] : NULL;
        bool keep = header || u->holding || (i < u->want.len && u->want.mask[i]);
        if (!keep)
            f[i] = (reader_field){NULL, sl && sl->kind ? sl->len : 0};
        else if (!sl || sl->kind == CELL_NONE)
            f[i] = (reader_field){"", 0};
        else
            f[i] = (reader_field){u->text.p + sl->off, sl->len};
    }
    int stop = 0;
    if (header) {
        u->header_done = true;
        u->header_n = n;
        u->holding = u->cfg->detect_layout && u->cfg->skip_records == 0;
        if (u->x->header_given) /* the probe pass called it */
            u->want = u->x->want;
        else
            stop = u->cb->header ? u->cb->header(u->cb->ctx, f, n, u->row, &u->want) : 0;
        u->header_stopped = stop != 0;
        if (!stop) { /* for later passes, and a reading again (xlsx_split.c) */
            u->x->want = u->want;
            u->x->header_given = true;
        }
        if (!stop && u->pass == PASS_PROBE) {
            u->stopped = true;
            XML_StopParser(u->p, XML_FALSE);
            return;
        }
    } else if (u->holding) {
        hold(u, f, n);
        return;
    } else {
        stop = deliver(u, f, n, u->row);
    }
    if (stop)
        stopped(u);
}

void XMLCALL xlsx_sheet_end(void *ud, const XML_Char *name)
{
    sheet_ud *u = ud;
    if (u->x->failed || u->stopped)
        return;
    /* the tag its start found, as long as the elements open fit the stack */
    enum xtag tag = u->depth > 0 && u->depth <= TAG_STACK ? (enum xtag)u->tags[u->depth - 1]
                                                          : xlsx_tag(name);
    u->depth -= u->depth > 0;
    if (!u->data)
        return;
    if (u->in_cell) {
        switch (tag) {
        case T_V:
            u->in_v = false;
            break;
        case T_T:
            u->in_t = false;
            break;
        case T_RPH:
            u->rph -= u->rph > 0;
            break;
        case T_IS:
            u->in_is = false;
            break;
        case T_C:
            end_cell(u);
            break;
        default:
            break;
        }
    } else if (u->in_row && tag == T_ROW) {
        end_row(u);
    } else if (!u->in_row && tag == T_SHEETDATA) {
        u->data = 0;
    }
}

void xlsx_sheet_free(sheet_ud *u)
{
    for (size_t i = 0; i < u->nheld; i++) { /* left by an error */
        free(u->held[i]);
        free(u->held_bytes[i]);
    }
    free(u->val.p);
    free(u->text.p);
    free(u->slots);
    free(u->fields);
}

/* Parsers of one sheet at once: -j, but no more than processors online (more
 * would only take turns) nor SPLIT_WORKERS. */
static unsigned sheet_workers(const xlsx_options *xo)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    long n = xo->jobs > 0 && (long)xo->jobs < cpus ? (long)xo->jobs : cpus;
    return n < 1 ? 1 : n > (long)SPLIT_WORKERS ? SPLIT_WORKERS : (unsigned)n;
}

bool xlsx_read_sheet(xlsx *x, const xsheet *sh, const reader_config *cfg,
                     const xlsx_options *xo, const reader_callbacks *cb, sheet_pass pass)
{
    split_result split = SPLIT_NOT;
    sheet_ud u;
    do {
        u = (sheet_ud){.x = x, .sh = sh, .cfg = cfg, .cb = cb, .pass = pass,
                       .records_left = cfg->skip_records};
        if (x->header_given)
            u.want = x->want;
        if (!cfg->header) {
            u.header_done = true;
            if (!x->header_given && cb->header && cb->header(cb->ctx, NULL, 0, 0, &u.want) != 0) {
                x->res->status = READER_STOPPED;
                return true;
            }
            x->want = u.want;
            x->header_given = true;
            if (pass == PASS_PROBE)
                return true;
        }
        if (!xbuf_add(&u.val, "", 0, 1) || !xbuf_add(&u.text, "", 0, 1)) {
            xlsx_sheet_free(&u);
            return xlsx_fail(x, ": out of memory");
        }
        /* (without a header, the first record sets the width the others are held to) */
        if (split == SPLIT_NOT && pass == PASS_READ && xo->parts && x->pipe && cfg->header &&
            sheet_workers(xo) > 1) {
            reader_result before = *x->res;
            u.ops = xo->parts;
            split = xlsx_split_read(&u, sh->path, sheet_workers(xo));
            if (split == SPLIT_AGAIN) { /* as if never read: on one parser, from the start */
                xlsx_sheet_free(&u);
                *x->res = before;
                x->failed = false;
                continue;
            }
        }
        if (split != SPLIT_DONE) {
            u.ops = NULL;
            xlsx_parse(x, sh->path, XLSX_MAX_SHEET, true, &u, xlsx_sheet_start, xlsx_sheet_end,
                       xlsx_sheet_text, &u.p);
        }
        break;
    } while (1);
    u.p = NULL;
    /* a failure loading the strings on the other thread is the result, as if they
     * had been loaded first: nothing held is delivered, nothing warned */
    bool strings_ok = xlsx_strings_join(x);
    if (u.holding && strings_ok) /* fewer records than the detection looks at */
        release(&u);
    if (!x->failed && !u.stopped && cfg->header && !u.header_done)
        x->res->status = READER_EEMPTY;
    if (u.no_value && xo->err && pass == PASS_READ && strings_ok) {
        char at[512];
        snprintf(at, sizeof at, "%s:%s!%s", xo->name, sh->name, u.no_value_at);
        diag_at(xo->err, (diag_place){at, 0, 0}, "warning: %llu formula cell%s without a cached "
                "value read as blank (recalculate and save the workbook)",
                (unsigned long long)u.no_value, u.no_value == 1 ? "" : "s");
    }
    xlsx_sheet_free(&u);
    return !x->failed;
}

/* ---- dates ------------------------------------------------------------------ */

/* Civil date of a day count from 1970-01-01 (H. Hinnant's days_from_civil inverse). */
static void civil(long long z, long long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

bool xlsx_serial_text(double serial, bool date1904, char *out, size_t size)
{
    if (!(serial >= 0 && serial <= 2958465) || (!date1904 && serial < 1))
        return false;
    long long secs = llround(serial * 86400.0);
    long long day = secs / 86400, sec = secs % 86400;
    if (!date1904 && day == 60) { /* Excel's 1900-02-29, a day that never was */
        snprintf(out, size, "1900-02-29");
        return true;
    }
    /* 1900 system: day 1 is 1900-01-01 and, past the false leap day, 1899-12-30 is day 0;
     * 1904 system: day 0 is 1904-01-01 (1462 days after 1899-12-30) */
    long long from_1970 = date1904 ? day + 1462 - 25569 : day < 60 ? day - 25568 : day - 25569;
    long long y;
    unsigned m, d;
    civil(from_1970, &y, &m, &d);
    if (sec == 0)
        snprintf(out, size, "%04lld-%02u-%02u", y, m, d);
    else
        snprintf(out, size, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", y, m, d, sec / 3600,
                 sec / 60 % 60, sec % 60);
    return true;
}
