/* latest.c - a hash table from respondent id to their latest answer. */
#include "latest.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static uint64_t hash_id(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a 64; then fmix64 to spread the low bits */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211u;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h;
}

void latest_free(latest_table *t)
{
    free(t->e);
    free(t->slot);
    free(t->store);
    memset(t, 0, sizeof *t);
}

static bool grow_slots(latest_table *t)
{
    size_t n = t->nslots ? t->nslots * 2 : 128;
    uint32_t *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i < t->count; i++) {
        size_t j = (size_t)t->e[i].hash & (n - 1);
        while (s[j])
            j = (j + 1) & (n - 1);
        s[j] = (uint32_t)(i + 1);
    }
    free(t->slot);
    t->slot = s;
    t->nslots = n;
    return true;
}

/* Bytes in the store; @return their offset, or SIZE_MAX without memory. */
static size_t store_add(latest_table *t, const char *p, size_t n, size_t cap)
{
    void *buf = t->store;
    if (!text_grow(&buf, &t->store_cap, t->store_len + cap, 1))
        return SIZE_MAX;
    t->store = buf;
    size_t off = t->store_len;
    if (n)
        memcpy(t->store + off, p, n);
    t->store_len += cap;
    return off;
}

static bool later(const latest_answer *a, const latest_answer *b)
{
    return a->when != b->when ? a->when > b->when : a->seq > b->seq;
}

/* Replace an entry's answer, its group key in place when it fits (memory stays per respondent). */
static latest_status replace(latest_table *t, latest_entry *e, const latest_answer *a)
{
    if (a->key_len > e->key_cap) {
        size_t off = store_add(t, a->key, a->key_len, a->key_len);
        if (off == SIZE_MAX)
            return LATEST_ENOMEM;
        e->key_off = off;
        e->key_cap = a->key_len;
    } else if (a->key_len) {
        memmove(t->store + e->key_off, a->key, a->key_len);
    }
    uint32_t id_len = e->a.id_len;
    e->a = *a;
    e->a.id = e->a.key = NULL;
    e->a.id_len = id_len;
    return LATEST_OK;
}

latest_status latest_offer(latest_table *t, const latest_answer *a)
{
    t->offered++;
    uint64_t h = hash_id(a->id, a->id_len);
    if ((t->count + 1) * 2 > t->nslots && !grow_slots(t))
        return LATEST_ENOMEM;
    size_t j = (size_t)h & (t->nslots - 1);
    for (; t->slot[j]; j = (j + 1) & (t->nslots - 1)) {
        latest_entry *e = &t->e[t->slot[j] - 1];
        if (e->hash == h && e->a.id_len == a->id_len &&
            memcmp(t->store + e->id_off, a->id, a->id_len) == 0)
            return later(a, &e->a) ? replace(t, e, a) : LATEST_OK;
    }
    if (t->count == LATEST_MAX)
        return LATEST_ELIMIT;
    void *buf = t->e;
    if (!text_grow(&buf, &t->cap, t->count + 1, sizeof *t->e))
        return LATEST_ENOMEM;
    t->e = buf;
    size_t id_off = store_add(t, a->id, a->id_len, a->id_len);
    size_t key_off = id_off == SIZE_MAX ? SIZE_MAX : store_add(t, a->key, a->key_len, a->key_len);
    if (key_off == SIZE_MAX)
        return LATEST_ENOMEM;
    latest_entry *e = &t->e[t->count];
    memset(e, 0, sizeof *e);
    e->hash = h;
    e->id_off = id_off;
    e->key_off = key_off;
    e->key_cap = a->key_len;
    e->a = *a;
    e->a.id = e->a.key = NULL;
    t->slot[j] = (uint32_t)++t->count;
    return LATEST_OK;
}

latest_answer latest_at(const latest_table *t, size_t i)
{
    latest_answer a = t->e[i].a;
    a.id = t->store + t->e[i].id_off;
    a.key = t->store + t->e[i].key_off;
    return a;
}

latest_status latest_merge(latest_table *dst, const latest_table *src, uint64_t seq_off)
{
    uint64_t offered = dst->offered + src->offered;
    for (size_t i = 0; i < src->count; i++) {
        latest_answer a = latest_at(src, i);
        a.seq += seq_off;
        latest_status st = latest_offer(dst, &a);
        if (st != LATEST_OK)
            return st;
    }
    dst->offered = offered; /* the answers src dropped count as offered too */
    return LATEST_OK;
}
