/* values.c - a small bounded table of a column's distinct values, for "did you mean". */
#include "values.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"

#define NSLOTS ((size_t)2 * VALUES_MAX)

static uint32_t hash_text(const char *p, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a: values are short; any spread will do */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

void values_free(value_table *t)
{
    free(t->e);
    free(t->slot);
    t->e = NULL;
    t->slot = NULL;
    t->count = 0;
}

/* Past the bound the values say nothing certain: drop them all. */
static void give_up(value_table *t, bool nomem)
{
    values_free(t);
    t->overflow = !nomem;
    t->nomem = nomem;
}

void values_add(value_table *t, const char *p, size_t len, uint64_t n)
{
    if (t->overflow || t->nomem)
        return;
    if (!t->e) {
        t->e = malloc((size_t)VALUES_MAX * sizeof *t->e);
        t->slot = calloc(NSLOTS, sizeof *t->slot);
        if (!t->e || !t->slot) {
            give_up(t, true);
            return;
        }
    }
    if (len > VALUES_LEN)
        len = VALUES_LEN;
    size_t j = hash_text(p, len) & (NSLOTS - 1);
    for (; t->slot[j]; j = (j + 1) & (NSLOTS - 1)) {
        value_entry *e = &t->e[t->slot[j] - 1];
        if (e->len == len && memcmp(e->text, p, len) == 0) {
            e->count += n;
            return;
        }
    }
    if (t->count == VALUES_MAX) {
        give_up(t, false);
        return;
    }
    value_entry *e = &t->e[t->count];
    memcpy(e->text, p, len);
    e->len = len;
    e->count = n;
    t->slot[j] = (uint32_t)++t->count;
}

void values_merge(value_table *dst, const value_table *src)
{
    if (src->overflow || src->nomem) {
        give_up(dst, src->nomem);
        return;
    }
    for (size_t i = 0; i < src->count; i++)
        values_add(dst, src->e[i].text, src->e[i].len, src->e[i].count);
}

typedef struct ranked {
    size_t d;
    const value_entry *e;
} ranked;

/* True when want is inside the value, ASCII case folded ("Moscow" in "Moscow, Tverskaya"). */
static bool contains(const value_entry *e, const char *want, size_t wlen)
{
    for (size_t i = 0; wlen && i + wlen <= e->len; i++) {
        size_t k = 0;
        while (k < wlen && tolower((unsigned char)e->text[i + k]) ==
                               tolower((unsigned char)want[k]))
            k++;
        if (k == wlen)
            return true;
    }
    return false;
}

/* The rank of a value: equal but for case 0, containing the wanted 1, else 2 + distance. */
static size_t closeness(const value_entry *e, const char *want, size_t wlen)
{
    size_t d = text_edits(e->text, e->len, want, wlen);
    return d == 0 ? 0 : contains(e, want, wlen) ? 1 : 2 + d;
}

/* Closer first, then more records, then bytes: the same order however read. */
static bool better(const ranked *x, const ranked *y)
{
    if (x->d != y->d)
        return x->d < y->d;
    if (x->e->count != y->e->count)
        return x->e->count > y->e->count;
    size_t n = x->e->len < y->e->len ? x->e->len : y->e->len;
    int c = memcmp(x->e->text, y->e->text, n);
    return c ? c < 0 : x->e->len < y->e->len;
}

static void print_value(FILE *err, const value_entry *e, const char *sep)
{
    char q[VALUES_LEN + 64];
    text_quote(q, sizeof q, e->text, e->len);
    fprintf(err, "%s%s (%llu record%s)", sep, q, (unsigned long long)e->count,
            e->count == 1 ? "" : "s");
}

void values_explain(const value_table *t, const char *want, FILE *err)
{
    size_t wlen = strlen(want);
    if (wlen > VALUES_LEN)
        wlen = VALUES_LEN;
    if (t->overflow || t->nomem) {
        diag_error(err, "the column has more than %d distinct values: no suggestions",
                VALUES_MAX);
        return;
    }
    ranked best[3];
    size_t nbest = 0;
    for (size_t i = 0; i < t->count; i++) {
        ranked r = {closeness(&t->e[i], want, wlen), &t->e[i]};
        size_t k = nbest < 3 ? nbest++ : 3;
        if (k == 3 && !better(&r, &best[2]))
            continue;
        if (k == 3)
            k = 2;
        while (k > 0 && better(&r, &best[k - 1])) {
            best[k] = best[k - 1];
            k--;
        }
        best[k] = r;
    }
    if (nbest == 0) {
        diag_error(err, "no record has a value there");
        return;
    }
    if (best[0].d == 0) { /* equal but for case */
        diag_begin(err);
        fputs("values compare as written, case too:", err);
        print_value(err, best[0].e, " ");
        fputs(" differs only in case\n", err);
        return;
    }
    diag_begin(err);
    fputs("closest values present:", err);
    for (size_t i = 0; i < nbest; i++)
        print_value(err, best[i].e, i ? ", " : " ");
    fputc('\n', err);
}
