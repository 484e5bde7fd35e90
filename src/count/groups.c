/* groups.c - open-addressing hash table of groups, keys in one growing store. */
#include "groups.h"

#include <stdlib.h>
#include <string.h>

void groups_init(group_table *t, bool weighted)
{
    memset(t, 0, sizeof *t);
    t->weighted = weighted;
}

void groups_free(group_table *t)
{
    free(t->g);
    free(t->w);
    free(t->slot);
    free(t->keys);
    memset(t, 0, sizeof *t);
}

/*
 * Eight bytes at a time: each word is xored in and multiplied by the 64-bit
 * golden-ratio constant (Knuth's multiplicative hashing), the length is mixed
 * in, and MurmurHash3's fmix64 finalizer (Appleby; public domain) spreads the
 * high bits into the low ones the table indexes by.  Equal keys are still
 * compared byte for byte; the hash only has to spread them.
 */
static uint64_t hash_bytes(const char *p, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15u;
    uint64_t h = (uint64_t)n * k, w;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * k;
        h ^= h >> 32;
    }
    if (n > 0) {
        w = 0;
        memcpy(&w, p, n);
        h = (h ^ w) * k;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return h;
}

static bool grow_slots(group_table *t)
{
    size_t n = t->nslots ? t->nslots * 2 : 64;
    uint32_t *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i < t->count; i++) {
        size_t j = (size_t)t->g[i].hash & (n - 1);
        while (s[j])
            j = (j + 1) & (n - 1);
        s[j] = (uint32_t)(i + 1);
    }
    free(t->slot);
    t->slot = s;
    t->nslots = n;
    return true;
}

static bool reserve(char **buf, size_t *cap, size_t need, size_t elem)
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

static groups_status add_group(group_table *t, const char *key, size_t len, uint64_t h,
                               size_t j)
{
    if (t->count == GROUPS_MAX || t->keys_len + len > GROUPS_KEY_BYTES)
        return GROUPS_ELIMIT;
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        group *g = realloc(t->g, cap * sizeof *g);
        if (!g)
            return GROUPS_ENOMEM;
        t->g = g;
        if (t->weighted) {
            cx_whist *w = realloc(t->w, cap * CX_METRIC_COUNT * sizeof *w);
            if (!w)
                return GROUPS_ENOMEM;
            t->w = w;
        }
        t->cap = cap;
    }
    if (!reserve(&t->keys, &t->keys_cap, t->keys_len + len + 1, 1))
        return GROUPS_ENOMEM;
    group *n = &t->g[t->count];
    memset(n, 0, sizeof *n);
    n->hash = h;
    n->key_off = t->keys_len;
    n->key_len = len;
    if (len)
        memcpy(t->keys + t->keys_len, key, len);
    t->keys_len += len;
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        cx_hist_init(&n->hist[m]);
        if (t->w)
            cx_whist_init(&t->w[t->count * CX_METRIC_COUNT + (size_t)m]);
    }
    t->slot[j] = (uint32_t)(++t->count);
    return GROUPS_OK;
}

groups_status groups_get(group_table *t, const char *key, size_t len, group **out)
{
    /* keep the load under 1/2 */
    if ((t->count + 1) * 2 > t->nslots && !grow_slots(t))
        return GROUPS_ENOMEM;
    uint64_t h = hash_bytes(key, len);
    size_t j = (size_t)h & (t->nslots - 1);
    for (; t->slot[j]; j = (j + 1) & (t->nslots - 1)) {
        group *g = &t->g[t->slot[j] - 1];
        if (g->hash == h && g->key_len == len && memcmp(t->keys + g->key_off, key, len) == 0) {
            *out = g;
            return GROUPS_OK;
        }
    }
    groups_status st = add_group(t, key, len, h, j);
    if (st == GROUPS_OK)
        *out = &t->g[t->count - 1];
    return st;
}

bool key_add(key_builder *k, const char *part, size_t len)
{
    if (len > UINT32_MAX || !reserve(&k->buf, &k->cap, k->len + 4 + len, 1))
        return false;
    unsigned char *p = (unsigned char *)k->buf + k->len;
    p[0] = (unsigned char)len;
    p[1] = (unsigned char)(len >> 8);
    p[2] = (unsigned char)(len >> 16);
    p[3] = (unsigned char)(len >> 24);
    if (len)
        memcpy(p + 4, part, len);
    k->len += 4 + len;
    return true;
}

bool key_next(const char *key, size_t len, size_t *pos, const char **part, size_t *plen)
{
    if (*pos + 4 > len)
        return false;
    const unsigned char *p = (const unsigned char *)key + *pos;
    size_t n = (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
    *part = key + *pos + 4;
    *plen = n;
    *pos += 4 + n;
    return true;
}

void period_encode(int32_t period, char out[PERIOD_KEY_BYTES])
{
    uint32_t u = (uint32_t)period ^ 0x80000000u;
    for (int i = 0; i < PERIOD_KEY_BYTES; i++)
        out[i] = (char)(unsigned char)(u >> (8 * (PERIOD_KEY_BYTES - 1 - i)));
}

int32_t period_decode(const char *in)
{
    uint32_t u = 0;
    for (int i = 0; i < PERIOD_KEY_BYTES; i++)
        u = u << 8 | (unsigned char)in[i];
    u ^= 0x80000000u;
    return u <= INT32_MAX ? (int32_t)u : (int32_t)(u - INT32_MAX - 1) - INT32_MAX - 1;
}
