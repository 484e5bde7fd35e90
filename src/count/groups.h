/*
 * groups.h - the segments of a run: a hash table from a group's key (its
 * values of the -g columns, and its period) to that group's histograms.
 * Memory grows with the number of groups, never with the number of records.
 */
#ifndef CX_GROUPS_H
#define CX_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cxstat.h"

/** Most groups in one run; past it reading stops with an error. */
#define GROUPS_MAX ((size_t)4 << 20)
/** Most bytes of all group keys together. */
#define GROUPS_KEY_BYTES ((size_t)1 << 30)

typedef struct group {
    uint64_t hash;
    size_t key_off, key_len; /* the encoded key, in the table's key store */
    uint64_t records;
    cx_hist hist[CX_METRIC_COUNT];
} group;

/*
 * A probe run of PROBE_LIMIT slots at a load under 1/2 is all but impossible
 * with a secret key (linear probing's runs thin out about as e^(-0.19 k) at
 * that load: below 10^-13 per lookup); should it happen,
 * the table draws a fresh key of its own and rehashes, at most REKEY_MAX
 * times, so that no input keeps lookups slow.
 */
#define PROBE_LIMIT 160
/** Slots of the lookup memo: 2^GROUPS_MEMO_BITS (a direct-mapped cache of recent keys). */
#define GROUPS_MEMO_BITS 10
#define REKEY_MAX 8

typedef struct group_table {
    group *g;
    cx_whist *w;    /* weighted: CX_METRIC_COUNT per group, beside g; NULL unweighted */
    bool weighted;
    size_t count, cap;
    uint32_t *slot; /* open addressing: group index + 1, 0 empty */
    size_t nslots;
    char *keys;
    size_t keys_len, keys_cap;
    uint64_t key[2]; /* the hash key: the process's, or the table's own after a rekey */
    int rekeys;
    size_t probe_limit; /* a probe run this long rekeys the table (PROBE_LIMIT) */
    /* the group index + 1 of the key last looked up in each memo slot (0: none); a hit is
     * checked against that group's key, so the memo can only be stale, never wrong */
    uint32_t memo[(size_t)1 << GROUPS_MEMO_BITS];
} group_table;

typedef enum groups_status {
    GROUPS_OK,
    GROUPS_ENOMEM,
    GROUPS_ELIMIT,
    GROUPS_EREFUSED /* groups_get_admit(): the admit function refused a new key */
} groups_status;

/** An empty table; weighted tables keep a cx_whist per metric beside each group. */
void groups_init(group_table *t, bool weighted);
void groups_free(group_table *t);

/**
 * The group of an encoded key, created empty when new.  *out receives it; it
 * stays valid until the next call (the array may move).
 */
groups_status groups_get(group_table *t, const char *key, size_t len, group **out);

/** Says whether a key not in the table yet may become a group (ctx: the caller's). */
typedef bool (*groups_admit)(void *ctx, const char *key, size_t len);

/**
 * groups_get(), but a key that is not in the table is first shown to admit
 * (NULL: always admitted); refused, nothing is created and GROUPS_EREFUSED
 * returned.  A key found is the same bytes as one admitted before, so a
 * check of the key's bytes runs once per distinct key, not once per lookup.
 */
groups_status groups_get_admit(group_table *t, const char *key, size_t len, group **out,
                               groups_admit admit, void *ctx);

/**
 * SipHash with crounds compression and drounds finalization rounds of the n
 * bytes at data under the 128-bit key (two little-endian words); the table
 * uses 1 and 3.
 */
uint64_t groups_siphash(const uint64_t key[2], int crounds, int drounds, const void *data,
                        size_t n);

/** The table's hash of a key: groups_siphash(t->key, 1, 3, key, len), computed faster. */
uint64_t groups_hash(const group_table *t, const char *key, size_t len);

/** The group of an encoded key, or NULL when there is none (nothing is created). */
group *groups_find(const group_table *t, const char *key, size_t len);

/** The weighted histograms of group g (CX_METRIC_COUNT of them); NULL unweighted. */
static inline cx_whist *groups_whist(const group_table *t, const group *g)
{
    return t->w ? t->w + (size_t)(g - t->g) * CX_METRIC_COUNT : NULL;
}

/** The encoded key of a group. */
static inline const char *groups_key(const group_table *t, const group *g)
{
    return t->keys + g->key_off;
}

/*
 * Key encoding: a sequence of parts, each a 4-byte little-endian length and
 * that many bytes.  key_builder appends parts into a caller-owned buffer.
 */
typedef struct key_builder {
    char *buf;
    size_t len, cap;
} key_builder;

/*
 * A period as the last key part: big-endian with the sign bit flipped, so
 * that comparing keys byte by byte orders periods in time.
 */
#define PERIOD_KEY_BYTES 4
void period_encode(int32_t period, char out[PERIOD_KEY_BYTES]);
int32_t period_decode(const char *in);

/** key_add() when the buffer must grow first. */
bool key_add_grow(key_builder *k, const char *part, size_t len);

/** Append one part.  @return false when memory is exhausted. */
static inline bool key_add(key_builder *k, const char *part, size_t len)
{
    if (len > k->cap || k->cap - len < k->len + 4) /* no room (checked without overflow) */
        return key_add_grow(k, part, len);
    unsigned char *p = (unsigned char *)k->buf + k->len;
    p[0] = (unsigned char)len; /* the part's length, 4 bytes little-endian */
    p[1] = (unsigned char)(len >> 8);
    p[2] = (unsigned char)(len >> 16);
    p[3] = (unsigned char)(len >> 24);
    if (len)
        memcpy(p + 4, part, len);
    k->len += 4 + len;
    return true;
}

/**
 * Walk the parts of an encoded key: *pos starts at 0; each call gives the
 * next part.  @return false after the last part.
 */
bool key_next(const char *key, size_t len, size_t *pos, const char **part, size_t *plen);

#endif
