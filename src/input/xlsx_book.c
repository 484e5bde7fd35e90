/* xlsx_book.c - the workbook's parts besides the sheet: the package and workbook
 * relationships, the sheet list, the date system, date styles and shared strings. */
#include <stdlib.h>
#include <string.h>

#include "xlsx_int.h"

/* ---- relationships -------------------------------------------------------- */

typedef struct rels_ud {
    xlsx *x;
    xrel *rels;
    size_t n, cap;
} rels_ud;

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    rels_ud *u = ud;
    if (strcmp(xlocal(name), "Relationship") != 0)
        return;
    const char *id = xattr(atts, "Id"), *type = xattr(atts, "Type"),
               *target = xattr(atts, "Target"), *mode = xattr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    xrel *r = xgrow(u->rels, &u->cap, u->n + 1, sizeof *r);
    if (r == NULL) {
        xlsx_fail(u->x, ": out of memory");
        return;
    }
    u->rels = r;
    r[u->n] = (xrel){xstrdup(id), xstrdup(type), xstrdup(target)};
    if (!r[u->n].id || !r[u->n].type || !r[u->n].target)
        xlsx_fail(u->x, ": out of memory");
    u->n++;
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void free_rels(xrel *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].id);
        free(r[i].type);
        free(r[i].target);
    }
    free(r);
}

/* True when a relationship type (Transitional or Strict) ends in /kind. */
static bool rel_is(const xrel *r, const char *kind)
{
    size_t n = strlen(r->type), k = strlen(kind);
    return n > k && r->type[n - k - 1] == '/' && strcmp(r->type + n - k, kind) == 0;
}

/* The rels part of a part: "xl/_rels/workbook.xml.rels" for "xl/workbook.xml". */
static char *rels_path(const char *part)
{
    const char *slash = strrchr(part, '/');
    size_t dir = slash ? (size_t)(slash - part) + 1 : 0, n = strlen(part);
    char *p = malloc(n + 12);
    if (p)
        snprintf(p, n + 12, "%.*s_rels/%s.rels", (int)dir, part, part + dir);
    return p;
}

/* ---- the workbook ---------------------------------------------------------- */

typedef struct book_ud {
    xlsx *x;
} book_ud;

static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx *x = ((book_ud *)ud)->x;
    const char *l = xlocal(name);
    if (strcmp(l, "workbookPr") == 0) {
        const char *d = xattr(atts, "date1904");
        x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
        return;
    }
    if (strcmp(l, "sheet") != 0)
        return;
    const char *nm = xattr(atts, "name"), *rid = NULL, *state = xattr(atts, "state");
    for (size_t i = 0; atts[i]; i += 2) /* r:id: "id" in the relationships namespace */
        if (strchr(atts[i], '|') && strcmp(xlocal(atts[i]), "id") == 0)
            rid = atts[i + 1];
    if (!nm || !rid) {
        xlsx_fail(x, ": part %s: a sheet without a name or r:id", x->wb_path);
        return;
    }
    xsheet *s = xgrow(x->sheets, &x->sheets_cap, x->nsheets + 1, sizeof *s);
    if (s == NULL) {
        xlsx_fail(x, ": out of memory");
        return;
    }
    x->sheets = s;
    s[x->nsheets] = (xsheet){xstrdup(nm), xstrdup(rid), xstrdup(state ? state : "visible"),
                             NULL, false};
    if (!s[x->nsheets].name || !s[x->nsheets].rid || !s[x->nsheets].state)
        xlsx_fail(x, ": out of memory");
    x->nsheets++;
}

static void XMLCALL no_text(void *ud, const XML_Char *s, int len)
{
    (void)ud, (void)s, (void)len;
}

/* The office document part named by the package's rels, else xl/workbook.xml. */
static bool find_workbook(xlsx *x)
{
    rels_ud u = {x, NULL, 0, 0};
    xlsx_parse(x, "_rels/.rels", XLSX_MAX_PART, false, &u, rels_start, ignore_end, no_text,
               NULL);
    for (size_t i = 0; i < u.n && !x->wb_path && !x->failed; i++)
        if (rel_is(&u.rels[i], "officeDocument"))
            x->wb_path = xlsx_resolve("", u.rels[i].target);
    free_rels(u.rels, u.n);
    if (x->failed)
        return false;
    if (!x->wb_path)
        x->wb_path = xstrdup("xl/workbook.xml");
    return x->wb_path != NULL || xlsx_fail(x, ": out of memory");
}

bool xlsx_load_book(xlsx *x)
{
    if (!xlsx_has(x, "[Content_Types].xml"))
        return xlsx_fail(x, ": a zip archive without [Content_Types].xml, not an XLSX "
                         "workbook");
    if (!find_workbook(x))
        return false;
    char *rp = rels_path(x->wb_path);
    if (rp == NULL)
        return xlsx_fail(x, ": out of memory");
    rels_ud u = {x, NULL, 0, 0};
    xlsx_parse(x, rp, XLSX_MAX_PART, true, &u, rels_start, ignore_end, no_text, NULL);
    free(rp);
    x->rels = u.rels;
    x->nrels = u.n;
    book_ud b = {x};
    if (x->failed ||
        !xlsx_parse(x, x->wb_path, XLSX_MAX_PART, true, &b, book_start, ignore_end, no_text,
                    NULL))
        return false;
    for (size_t i = 0; i < x->nsheets; i++)
        for (size_t k = 0; k < x->nrels; k++)
            if (strcmp(x->rels[k].id, x->sheets[i].rid) == 0 && !x->sheets[i].path) {
                x->sheets[i].path = xlsx_resolve(x->wb_path, x->rels[k].target);
                x->sheets[i].worksheet = rel_is(&x->rels[k], "worksheet");
                if (!x->sheets[i].path)
                    return xlsx_fail(x, ": out of memory");
            }
    if (x->nsheets == 0)
        return xlsx_fail(x, ": the workbook has no sheets");
    return true;
}

/* The part of the workbook's first relationship of a kind, or fallback. */
char *xlsx_part_of(xlsx *x, const char *kind, const char *fallback)
{
    for (size_t k = 0; k < x->nrels; k++)
        if (rel_is(&x->rels[k], kind))
            return xlsx_resolve(x->wb_path, x->rels[k].target);
    return xstrdup(fallback);
}

/* ---- styles: which cell formats are dates ---------------------------------- */

typedef struct styles_ud {
    xlsx *x;
    int in_cell_xfs;
} styles_ud;

/* Built-in number formats that show dates or times. */
static bool builtin_date(unsigned long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* A custom format code shows a date when it has d, m, y, h or s outside quotes,
 * brackets ([Red], [$-409]) and escaped characters (\x, _x, *x). */
static bool code_is_date(const char *c)
{
    for (; *c; c++) {
        switch (*c) {
        case '"':
            while (c[1] && c[1] != '"')
                c++;
            if (c[1])
                c++;
            break;
        case '[':
            while (c[1] && c[1] != ']')
                c++;
            break;
        case '\\':
        case '_':
        case '*':
            if (c[1])
                c++;
            break;
        default:
            if (strchr("dmyhsDMYHS", *c))
                return true;
        }
    }
    return false;
}

static bool fmt_is_date(const xlsx *x, unsigned long id)
{
    for (size_t i = 0; i < x->nfmts; i++)
        if (x->fmts[i].id == id)
            return x->fmts[i].date;
    return builtin_date(id);
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    styles_ud *u = ud;
    xlsx *x = u->x;
    const char *l = xlocal(name);
    if (strcmp(l, "cellXfs") == 0) {
        u->in_cell_xfs++;
    } else if (strcmp(l, "numFmt") == 0) {
        const char *id = xattr(atts, "numFmtId"), *code = xattr(atts, "formatCode");
        if (!id || !code)
            return;
        xfmt *f = xgrow(x->fmts, &x->fmts_cap, x->nfmts + 1, sizeof *f);
        if (f == NULL) {
            xlsx_fail(x, ": out of memory");
            return;
        }
        x->fmts = f;
        f[x->nfmts++] = (xfmt){(uint32_t)strtoul(id, NULL, 10), code_is_date(code)};
    } else if (strcmp(l, "xf") == 0 && u->in_cell_xfs) {
        const char *id = xattr(atts, "numFmtId");
        unsigned char *d = xgrow(x->xf_date, &x->xf_cap, x->nxf + 1, 1);
        if (d == NULL) {
            xlsx_fail(x, ": out of memory");
            return;
        }
        x->xf_date = d;
        d[x->nxf++] = id && fmt_is_date(x, strtoul(id, NULL, 10));
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    styles_ud *u = ud;
    if (strcmp(xlocal(name), "cellXfs") == 0)
        u->in_cell_xfs--;
}

bool xlsx_load_styles(xlsx *x)
{
    char *path = xlsx_part_of(x, "styles", "xl/styles.xml");
    if (path == NULL)
        return xlsx_fail(x, ": out of memory");
    styles_ud u = {x, 0};
    xlsx_parse(x, path, XLSX_MAX_PART, false, &u, styles_start, styles_end, no_text, NULL);
    free(path);
    return !x->failed;
}

void xlsx_free_book(xlsx *x)
{
    for (size_t i = 0; i < x->nsheets; i++) {
        free(x->sheets[i].name);
        free(x->sheets[i].rid);
        free(x->sheets[i].state);
        free(x->sheets[i].path);
    }
    free(x->sheets);
    free_rels(x->rels, x->nrels);
    free(x->fmts);
    free(x->xf_date);
    xlsx_drop_strings(x);
    free(x->marks);
    free(x->wb_path);
}
