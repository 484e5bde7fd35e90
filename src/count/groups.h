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

/*
 * A group's counts live beside it, in the table: its records, then for each
 * metric in use its blank and invalid answers and one count per answer of its
 * scale (a metric not in use keeps nothing).  Counts start as 16-bit numbers;
 * the first that would pass 65535 moves that group's counts to 64-bit ones
 * (wide).  Weighted tables keep, per metric in use, the sums of weights and of
 * their squares of each answer of the scale.  So a group of a few answers
 * costs a few dozen bytes, whatever the metrics cxstat knows.
 */
typedef struct group {
    uint64_t hash;
    uint32_t key_off, key_len; /* the encoded key, in the table's key store */
    uint32_t wide;             /* 0: counts in the 16-bit array; else 1 + its row of wide ones */
} group;

/* Where a metric's counts are among a group's: blank, invalid, then the answers' bins. */
#define GROUPS_BLANK 0
#define GROUPS_INVALID 1
#define GROUPS_BINS 2

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
    uint16_t *narrow; /* ncounts per group, by group index */
    uint64_t *wide;   /* ncounts per wide group, by its row */
    size_t nwide, wide_cap;
    cx_u128 *w;       /* weighted: nweights per group, beside g; NULL unweighted */
    bool weighted;
    size_t ncounts;   /* 1 (records) + per metric in use: blank, invalid and its bins */
    size_t nweights;  /* per metric in use, weighted: the sums and the squares of its bins */
    size_t off[CX_METRIC_COUNT];  /* a metric's first count; 0: not kept */
    size_t woff[CX_METRIC_COUNT]; /* a metric's first weight sum */
    int bins[CX_METRIC_COUNT];    /* answers on its scale; 0: not kept */
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
    GROUPS_EREFUSED, /* groups_get_admit(): the admit function refused a new key */
    GROUPS_EOVERFLOW /* a count or weight sum would pass what it can keep exactly */
} groups_status;

/**
 * An empty table; weighted tables keep weight sums beside each group.  It
 * keeps every metric, with CX_MAX_BINS answers each, until groups_layout()
 * says which.
 */
void groups_init(group_table *t, bool weighted);

/**
 * Keep only the metrics in use (active), each with the answers of its scale.
 * Only an empty table can change its layout: @return false when t has groups.
 */
bool groups_layout(group_table *t, const bool active[CX_METRIC_COUNT],
                   const cx_scale scale[CX_METRIC_COUNT]);

/** An empty table of the same weighting and layout as model. */
void groups_init_like(group_table *t, const group_table *model);
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

/** Records counted in group g. */
uint64_t groups_records(const group_table *t, const group *g);

/** Add n records to group g; GROUPS_EOVERFLOW (nothing added) past UINT64_MAX. */
groups_status groups_add_records(group_table *t, group *g, uint64_t n);

/**
 * Count one record's answer of metric m (which the layout keeps) in group g:
 * blank when st is CX_BLANK, invalid for another status than CX_OK, else the
 * answer score of scale sc, with a weight of units in a weighted table (its
 * sums all or nothing, within the limits of cx_whist_add()).
 */
groups_status groups_count(group_table *t, group *g, cx_metric m, const cx_scale *sc,
                           cx_status st, int score, uint64_t units);

/** Add 1 to count i of group g when it does not fit 16 bits, or g is wide (groups_bump()). */
groups_status groups_bump_slow(group_table *t, group *g, size_t i);

/** Add 1 to count i of group g (0: its records): one 16-bit increment, mostly. */
static inline groups_status groups_bump(group_table *t, group *g, size_t i)
{
    if (!g->wide) {
        uint16_t *c = &t->narrow[(size_t)(g - t->g) * t->ncounts + i];
        if (*c < UINT16_MAX) {
            (*c)++;
            return GROUPS_OK;
        }
    }
    return groups_bump_slow(t, g, i);
}

/** groups_count() in an unweighted table, inline; bin: the answer's score - scale lo. */
static inline groups_status groups_count_plain(group_table *t, group *g, cx_metric m,
                                               cx_status st, int bin)
{
    size_t i = t->off[m];
    if (st == CX_OK) {
        if ((unsigned)bin >= (unsigned)t->bins[m])
            return GROUPS_OK; /* off the scale: cx_hist_add() counts nothing either */
        i += GROUPS_BINS + (size_t)bin;
    } else {
        i += st == CX_BLANK ? GROUPS_BLANK : GROUPS_INVALID;
    }
    return groups_bump(t, g, i);
}

/** Group g's counts as full histograms (h, and w when not NULL); metrics not kept are empty. */
void groups_hists(const group_table *t, const group *g, cx_hist h[CX_METRIC_COUNT],
                  cx_whist w[CX_METRIC_COUNT]);

/**
 * Set metric m's counts of group g to h (and its weights to w, in a weighted
 * table; w may be NULL otherwise).
 */
groups_status groups_set(group_table *t, group *g, cx_metric m, const cx_hist *h,
                         const cx_whist *w);

/**
 * Add every count and weight of group src of table st to group dst of table
 * dt (same weighting and layout).  @return GROUPS_EOVERFLOW, dst unchanged,
 * when a sum would not be exact.
 */
groups_status groups_merge(group_table *dt, group *dst, const group_table *st,
                           const group *src);

/** Bytes the table holds (its arrays as used), for tests. */
size_t groups_bytes(const group_table *t);

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
