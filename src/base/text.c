/* text.c - name matching and message quoting for the CLI. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The code point of the well-formed UTF-8 character of k bytes at p. */
static unsigned code_point(const unsigned char *p, size_t k)
{
    if (k == 1)
        return p[0];
    unsigned cp = p[0] & (0x7F >> k);
    for (size_t i = 1; i < k; i++)
        cp = (cp << 6) | (p[i] & 0x3F);
    return cp;
}

/* Unicode space separators (Zs) besides U+0020: what spreadsheets put for a space. */
static bool wide_space(unsigned cp)
{
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

/* Characters a reader cannot see in a message: wide spaces, zero-width and format marks. */
static bool invisible(unsigned cp)
{
    return wide_space(cp) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

/*
 * The bytes of a space (' ', tab or a wide space) at p, n bytes left; 0 if
 * none.  A wide space is one character whose lead byte says its length (two
 * ASCII bytes such as "B " are valid UTF-8 too, but no character).
 */
static size_t space_at(const char *p, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = (unsigned char)*p;
    if (c == ' ' || c == '\t')
        return 1;
    size_t k = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : 0;
    if (k == 0 || k > n || !text_utf8_valid(p, k))
        return 0;
    return wide_space(code_point((const unsigned char *)p, k)) ? k : 0;
}

void text_trim_spaces(const char **ptr, size_t *len)
{
    const char *p = *ptr;
    size_t n = *len, k;
    while (n > 0 && (k = space_at(p, n)) > 0) {
        p += k;
        n -= k;
    }
    for (bool more = true; more && n > 0;) {
        more = false;
        for (k = 1; k <= 3 && k <= n && !more; k++)
            if (space_at(p + n - k, k) == k) {
                n -= k;
                more = true;
            }
    }
    *ptr = p;
    *len = n;
}

/*
 * Fold one character at s (n bytes left) to a code point in lower case:
 * ASCII A-Z, Cyrillic А-Я (U+0410-042F) and Ё (U+0401); other bytes are
 * returned as themselves.  *used receives the bytes consumed.
 */
static unsigned fold(const unsigned char *s, size_t n, size_t *used)
{
    if (n >= 2 && (s[0] == 0xD0 || s[0] == 0xD1) && (s[1] & 0xC0) == 0x80) {
        unsigned cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        *used = 2;
        if (cp >= 0x410 && cp <= 0x42F)
            return cp + 0x20;
        if (cp == 0x401)
            return 0x451;
        return cp;
    }
    *used = 1;
    return (s[0] >= 'A' && s[0] <= 'Z') ? s[0] + 32u : s[0];
}

uint64_t text_name_hash(const char *a, size_t alen)
{
    text_trim(&a, &alen);
    const unsigned char *x = (const unsigned char *)a;
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a over the folded code points */
    for (size_t i = 0, used; i < alen; i += used) {
        unsigned c = fold(x + i, alen - i, &used);
        for (int k = 0; k < 2; k++, c >>= 8)
            h = (h ^ (c & 0xFF)) * 0x100000001b3u;
    }
    h ^= h >> 33; /* MurmurHash3's finalizer: the low bits index the table */
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h;
}

bool text_name_equal(const char *a, size_t alen, const char *b)
{
    text_trim(&a, &alen);
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    size_t i = 0, j = 0, blen = strlen(b);
    while (i < alen && j < blen) {
        size_t ux, uy;
        if (fold(x + i, alen - i, &ux) != fold(y + j, blen - j, &uy))
            return false;
        i += ux;
        j += uy;
    }
    return i == alen && j == blen;
}

/* Bytes of the well-formed UTF-8 character at p (n bytes left), or 0. */
static size_t utf8_char(const char *p, size_t n)
{
    unsigned char c = (unsigned char)*p;
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return k <= n && text_utf8_valid(p, k) ? k : 0;
}

char *text_escape(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = malloc(4 * n + 1); /* each byte at most \xHH */
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c >= 0x80 ? utf8_char(s + i, n - i) : 1;
        static const char named[] = {'\n', 'n', '\r', 'r', '\t', 't'};
        const char *e = c < 0x20 ? memchr(named, c, sizeof named) : NULL;
        if (e && (e - named) % 2 == 0) {
            out[o++] = '\\';
            out[o++] = e[1];
        } else if (c < 0x20 || c == 0x7F || k == 0) {
            o += (size_t)snprintf(out + o, 5, "\\x%02X", c);
            k = 1;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
        }
        i += k ? k : 1;
    }
    out[o] = '\0';
    return out;
}

/* As text_quote(), cut after max_in bytes of input or when buf is full. */
static void quote_cut(char *buf, size_t size, const char *ptr, size_t len, size_t max_in)
{
    size_t o = 0, limit = size - 6; /* room for "...'" and NUL */
    buf[o++] = '\'';
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)ptr[i];
        char tmp[8];
        size_t w, used = 1, k = c >= 0x80 ? utf8_char(ptr + i, len - i) : 0;
        if (c == '\n')
            w = (size_t)snprintf(tmp, sizeof tmp, "\\n");
        else if (c == '\r')
            w = (size_t)snprintf(tmp, sizeof tmp, "\\r");
        else if (c == '\t')
            w = (size_t)snprintf(tmp, sizeof tmp, "\\t");
        else if (c < 0x20 || c == 0x7F || (c >= 0x80 && k == 0)) /* also bytes that are no text */
            w = (size_t)snprintf(tmp, sizeof tmp, "\\x%02X", c);
        else if (k && invisible(code_point((const unsigned char *)ptr + i, k))) {
            w = (size_t)snprintf(tmp, sizeof tmp, "\\u%04x",
                                 code_point((const unsigned char *)ptr + i, k));
            used = k;
        } else {
            used = w = c >= 0x80 ? k : 1;
            memcpy(tmp, ptr + i, w);
        }
        if (i >= max_in || o + w > limit) { /* cut between characters */
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(buf + o, tmp, w);
        o += w;
        i += used;
    }
    buf[o++] = '\'';
    buf[o] = '\0';
}

void text_quote(char *buf, size_t size, const char *ptr, size_t len)
{
    quote_cut(buf, size, ptr, len, 40);
}

void text_quote_whole(char *buf, size_t size, const char *ptr, size_t len)
{
    quote_cut(buf, size, ptr, len, (size_t)-1);
}

size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Well-formed UTF-8 per RFC 3629 (Table 3-7 of the Unicode standard). */
bool text_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (p < end) {
        uint64_t w;
        /* eight ASCII bytes at once: no high bit set, and no NUL (a byte b with
         * (b - 1) & ~b & 0x80 set is 0) */
        if (end - p >= 8 && (memcpy(&w, p, 8), ((w | ((w - ones) & ~w)) & highs) == 0)) {
            p += 8;
            continue;
        }
        unsigned c = *p;
        if (c >= 0x01 && c < 0x80) {
            p++;
            continue;
        }
        size_t n;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false; /* NUL, a continuation byte, C0, C1 or F5..FF */
        }
        if ((size_t)(end - p) <= n || p[1] < lo || p[1] > hi)
            return false;
        for (size_t i = 2; i <= n; i++)
            if (p[i] < 0x80 || p[i] > 0xBF)
                return false;
        p += n + 1;
    }
    return true;
}

void text_put_u64(FILE *out, uint64_t n)
{
    char buf[20];
    size_t i = sizeof buf;
    do {
        buf[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    fwrite(buf + i, 1, sizeof buf - i, out);
}

void text_put_cell(FILE *out, const char *s, size_t n, char delim)
{
    text_put_cell_after(out, '\0', s, n, delim);
}

void text_put_cell_after(FILE *out, char first, const char *s, size_t n, char delim)
{
    if (delim == '\t') {
        /* TSV cannot quote: a tab, line end or backslash is escaped as \t \n \r \\ */
        static const char plain[] = "\t\n\r\\", named[] = "tnr\\";
        if (first)
            fputc(first, out);
        for (size_t i = 0; i < n; i++) {
            const char *e = s[i] ? strchr(plain, s[i]) : NULL;
            if (e) {
                fputc('\\', out);
                fputc(named[e - plain], out);
            } else {
                fputc(s[i], out);
            }
        }
        return;
    }
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == delim || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        if (first)
            fputc(first, out);
        fwrite(s, 1, n, out);
        return;
    }
    fputc('"', out);
    if (first)
        fputc(first, out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

void text_put_json(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (c >= 0x80 && (i + k > n || !text_utf8_valid(s + i, k))) {
            fputs("\xEF\xBF\xBD", out);
            i++;
        } else if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
            i++;
        } else {
            /* a run of characters written as they are, in one call */
            size_t j = i + k;
            while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F &&
                   s[j] != '"' && s[j] != '\\')
                j++;
            fwrite(s + i, 1, j - i, out);
            i = j;
        }
    }
    fputc('"', out);
}


static unsigned char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : (unsigned char)c;
}

size_t text_edits(const char *a, size_t na, const char *b, size_t nb)
{
    size_t row[TEXT_EDITS_MAX + 1];
    na = na < TEXT_EDITS_MAX ? na : TEXT_EDITS_MAX;
    nb = nb < TEXT_EDITS_MAX ? nb : TEXT_EDITS_MAX;
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j], best = diag + (ascii_lower(a[i - 1]) != ascii_lower(b[j - 1]));
            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            diag = up;
            row[j] = best;
        }
    }
    return row[nb];
}

bool text_grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *p = realloc(*buf, n * elem);
    if (!p)
        return false;
    *buf = p;
    *cap = n;
    return true;
}
