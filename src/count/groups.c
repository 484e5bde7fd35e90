/* groups.c - open-addressing hash table of groups, keys in one growing store. */
#include "groups.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "text.h"

/*
 * SipHash-1-3 (Aumasson and Bernstein, "SipHash: a fast short-input PRF",
 * 2012; one compression round, three finalization rounds), keyed with a
 * secret drawn once per process: the slots a key lands in cannot be predicted
 * from the input, so no export can be crafted to fall into one probe run.
 * Output never depends on the key: groups keep their order of first
 * appearance and reports sort them.
 */
#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static inline void sip_round(uint64_t v[4])
{
    v[0] += v[1]; v[1] = ROTL(v[1], 13); v[1] ^= v[0]; v[0] = ROTL(v[0], 32);
    v[2] += v[3]; v[3] = ROTL(v[3], 16); v[3] ^= v[2];
    v[0] += v[3]; v[3] = ROTL(v[3], 21); v[3] ^= v[0];
    v[2] += v[1]; v[1] = ROTL(v[1], 17); v[1] ^= v[2]; v[2] = ROTL(v[2], 32);
}

static uint64_t load_le(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)p[i] << (8 * i);
    return w;
}

uint64_t groups_siphash(const uint64_t key[2], int crounds, int drounds, const void *data,
                        size_t n)
{
    const unsigned char *p = data;
    uint64_t v[4] = {key[0] ^ 0x736f6d6570736575u, key[1] ^ 0x646f72616e646f6du,
                     key[0] ^ 0x6c7967656e657261u, key[1] ^ 0x7465646279746573u};
    uint64_t last = (uint64_t)n << 56;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t m = load_le(p, 8);
        v[3] ^= m;
        for (int r = 0; r < crounds; r++)
            sip_round(v);
        v[0] ^= m;
    }
    last |= load_le(p, n);
    v[3] ^= last;
    for (int r = 0; r < crounds; r++)
        sip_round(v);
    v[0] ^= last;
    v[2] ^= 0xff;
    for (int r = 0; r < drounds; r++)
        sip_round(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* Eight bytes as a little-endian word, in one load where the CPU is little-endian. */
static inline uint64_t load8(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
#else
    return load_le(p, 8);
#endif
}

/* The last n (0-7) bytes of a message as SipHash pads them, in at most two
 * loads that stay inside the n bytes (they overlap when n < 8). */
static inline uint64_t load_tail(const unsigned char *p, size_t n)
{
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        return (uint64_t)lo | (uint64_t)hi << (8 * (n - 4));
#else
        return load_le(p, n);
#endif
    }
    if (n == 0)
        return 0;
    return (uint64_t)p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) | (uint64_t)p[n - 1] << (8 * (n - 1));
}

/*
 * SipHash-1-3 as groups_siphash(key, 1, 3, ...) computes it (the unit test
 * compares them at every length), with the rounds unrolled and each word
 * read in one load: a group key of up to 15 bytes is hashed from two loads
 * and five rounds.
 */
static uint64_t siphash13(const uint64_t key[2], const unsigned char *p, size_t n)
{
    uint64_t v[4] = {key[0] ^ 0x736f6d6570736575u, key[1] ^ 0x646f72616e646f6du,
                     key[0] ^ 0x6c7967656e657261u, key[1] ^ 0x7465646279746573u};
    uint64_t last = (uint64_t)n << 56;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t m = load8(p);
        v[3] ^= m;
        sip_round(v);
        v[0] ^= m;
    }
    last |= load_tail(p, n);
    v[3] ^= last;
    sip_round(v);
    v[0] ^= last;
    v[2] ^= 0xff;
    sip_round(v);
    sip_round(v);
    sip_round(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}

static uint64_t process_key[2];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

/* The kernel's generator; should it fail, the clock and addresses still differ per run. */
static void draw_key(uint64_t key[2])
{
    if (getrandom(key, 2 * sizeof *key, 0) == (ssize_t)(2 * sizeof *key))
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    key[0] ^= (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)&ts;
    key[1] ^= (uint64_t)ts.tv_sec ^ (uint64_t)getpid() << 32 ^ (uint64_t)(uintptr_t)key;
}

static void init_process_key(void)
{
    draw_key(process_key);
}

static uint64_t hash_bytes(const group_table *t, const char *p, size_t n)
{
    return siphash13(t->key, (const unsigned char *)p, n);
}

uint64_t groups_hash(const group_table *t, const char *key, size_t len)
{
    return hash_bytes(t, key, len);
}

/* Counts and weights of each metric with bins[m] answers (0: not kept). */
static void set_layout(group_table *t, const int bins[CX_METRIC_COUNT])
{
    t->ncounts = 1; /* the records */
    t->nweights = 0;
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        t->bins[m] = bins[m];
        t->off[m] = bins[m] ? t->ncounts : 0;
        t->woff[m] = t->nweights;
        t->ncounts += bins[m] ? GROUPS_BINS + (size_t)bins[m] : 0;
        t->nweights += t->weighted ? 2 * (size_t)bins[m] : 0;
    }
}

void groups_init(group_table *t, bool weighted)
{
    memset(t, 0, sizeof *t);
    t->weighted = weighted;
    pthread_once(&key_once, init_process_key);
    t->key[0] = process_key[0];
    t->key[1] = process_key[1];
    t->probe_limit = PROBE_LIMIT;
    int all[CX_METRIC_COUNT];
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        all[m] = CX_MAX_BINS;
    set_layout(t, all);
}

bool groups_layout(group_table *t, const bool active[CX_METRIC_COUNT],
                   const cx_scale scale[CX_METRIC_COUNT])
{
    if (t->count)
        return false;
    int bins[CX_METRIC_COUNT];
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        bins[m] = active[m] ? scale[m].hi - scale[m].lo + 1 : 0;
    /* the arrays were sized for the old layout */
    free(t->narrow);
    free(t->w);
    free(t->g);
    t->narrow = NULL;
    t->w = NULL;
    t->g = NULL;
    t->cap = 0;
    set_layout(t, bins);
    return true;
}

void groups_init_like(group_table *t, const group_table *model)
{
    groups_init(t, model->weighted);
    set_layout(t, model->bins);
}

void groups_free(group_table *t)
{
    free(t->g);
    free(t->narrow);
    free(t->wide);
    free(t->w);
    free(t->slot);
    free(t->keys);
    memset(t, 0, sizeof *t);
}

size_t groups_bytes(const group_table *t)
{
    return t->count * (sizeof *t->g + t->ncounts * sizeof *t->narrow +
                       t->nweights * sizeof *t->w) +
           t->nwide * t->ncounts * sizeof *t->wide + t->nslots * sizeof *t->slot + t->keys_len;
}

/*
 * Put every group into n slots.  @return the longest probe run seen, or
 * SIZE_MAX without memory.
 */
static size_t fill_slots(group_table *t, size_t n)
{
    uint32_t *s = calloc(n, sizeof *s);
    if (!s)
        return SIZE_MAX;
    size_t longest = 0;
    for (size_t i = 0; t->g && i < t->count; i++) { /* (no groups: g may be NULL) */
        size_t j = (size_t)t->g[i].hash & (n - 1), run = 0;
        while (s[j]) {
            j = (j + 1) & (n - 1);
            run++;
        }
        if (run > longest)
            longest = run;
        s[j] = (uint32_t)(i + 1);
    }
    free(t->slot);
    t->slot = s;
    t->nslots = n;
    return longest;
}

static bool grow_slots(group_table *t)
{
    return fill_slots(t, t->nslots ? t->nslots * 2 : 64) != SIZE_MAX;
}

/* A fresh key of the table's own, and every group rehashed under it. */
static bool rekey(group_table *t)
{
    draw_key(t->key);
    t->rekeys++;
    for (size_t i = 0; i < t->count; i++)
        t->g[i].hash = hash_bytes(t, t->keys + t->g[i].key_off, t->g[i].key_len);
    return fill_slots(t, t->nslots) != SIZE_MAX;
}

/* Room for need bytes in a char buffer. */
static bool reserve(char **buf, size_t *cap, size_t need)
{
    void *p = *buf;
    bool ok = text_grow(&p, cap, need, 1);
    *buf = p;
    return ok;
}

/* Room for cap groups in the arrays beside the groups. */
static bool grow_groups(group_table *t, size_t cap)
{
    group *g = realloc(t->g, cap * sizeof *g);
    if (!g)
        return false;
    t->g = g;
    uint16_t *c = realloc(t->narrow, cap * t->ncounts * sizeof *c);
    if (!c)
        return false;
    t->narrow = c;
    if (t->weighted && t->nweights) {
        cx_u128 *w = realloc(t->w, cap * t->nweights * sizeof *w);
        if (!w)
            return false;
        t->w = w;
    }
    t->cap = cap;
    return true;
}

static groups_status add_group(group_table *t, const char *key, size_t len, uint64_t h,
                               size_t j)
{
    if (t->count == GROUPS_MAX || t->keys_len + len > GROUPS_KEY_BYTES)
        return GROUPS_ELIMIT;
    if (t->count == t->cap && !grow_groups(t, t->cap ? t->cap * 2 : 64))
        return GROUPS_ENOMEM;
    if (!reserve(&t->keys, &t->keys_cap, t->keys_len + len + 1))
        return GROUPS_ENOMEM;
    group *n = &t->g[t->count];
    *n = (group){.hash = h, .key_off = (uint32_t)t->keys_len, .key_len = (uint32_t)len};
    if (len)
        memcpy(t->keys + t->keys_len, key, len);
    t->keys_len += len;
    memset(t->narrow + t->count * t->ncounts, 0, t->ncounts * sizeof *t->narrow);
    if (t->w)
        memset(t->w + t->count * t->nweights, 0, t->nweights * sizeof *t->w);
    t->slot[j] = (uint32_t)(++t->count);
    return GROUPS_OK;
}

/*
 * Walk the probe run of hash h from its home slot, at most limit steps.
 * @return the group of the key when found; else NULL with *j at the empty slot
 * that ends the run, or at a full one when the limit was reached.
 */
static group *probe(const group_table *t, const char *key, size_t len, uint64_t h, size_t *j,
                    size_t limit)
{
    size_t mask = t->nslots - 1;
    for (*j = (size_t)h & mask; t->slot[*j] && limit > 0; *j = (*j + 1) & mask, limit--) {
        group *g = &t->g[t->slot[*j] - 1];
        if (g->hash == h && g->key_len == len && memcmp(t->keys + g->key_off, key, len) == 0)
            return g;
    }
    return NULL;
}

groups_status groups_get(group_table *t, const char *key, size_t len, group **out)
{
    return groups_get_admit(t, key, len, out, NULL, NULL);
}

/* memcmp(a, b, n) == 0; a key of 8 to 24 bytes in up to three loads from each side (the
 * last overlapping), no call. */
static inline bool same_key(const char *a, const char *b, size_t n)
{
    if (n < 8 || n > 24)
        return memcmp(a, b, n) == 0;
    uint64_t a0, a1, a2 = 0, b0, b1, b2 = 0;
    memcpy(&a0, a, 8);
    memcpy(&b0, b, 8);
    memcpy(&a1, a + n - 8, 8);
    memcpy(&b1, b + n - 8, 8);
    if (n > 16) {
        memcpy(&a2, a + 8, 8);
        memcpy(&b2, b + 8, 8);
    }
    return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2)) == 0;
}

/*
 * The memo slot of a key: an unkeyed mix of its first and last eight bytes.
 * Keys made to share a slot only make the memo miss: each lookup then costs
 * one comparison more, and the keyed table answers.
 */
static inline size_t memo_slot(const char *key, size_t n)
{
    const unsigned char *p = (const unsigned char *)key;
    uint64_t a = n >= 8 ? load8(p) : load_tail(p, n), b = n >= 8 ? load8(p + n - 8) : 0;
    uint64_t x = (a ^ (b * 0x9e3779b97f4a7c15u) ^ n) * 0xff51afd7ed558ccdu;
    return (size_t)(x >> (64 - GROUPS_MEMO_BITS));
}

static groups_status lookup(group_table *t, const char *key, size_t len, group **out,
                            groups_admit admit, void *ctx);

groups_status groups_get_admit(group_table *t, const char *key, size_t len, group **out,
                               groups_admit admit, void *ctx)
{
    /* the key met last in its memo slot, checked against the group's own key: a hit
     * needs no hash; anything else is looked up, and remembered */
    size_t m = memo_slot(key, len);
    uint32_t gi = t->memo[m];
    if (gi != 0 && gi <= t->count) {
        group *g = &t->g[gi - 1];
        if (g->key_len == len && same_key(t->keys + g->key_off, key, len)) {
            *out = g;
            return GROUPS_OK;
        }
    }
    groups_status st = lookup(t, key, len, out, admit, ctx);
    if (st == GROUPS_OK)
        t->memo[m] = (uint32_t)(*out - t->g) + 1;
    return st;
}

/* groups_get_admit() by the keyed table. */
static groups_status lookup(group_table *t, const char *key, size_t len, group **out,
                            groups_admit admit, void *ctx)
{
    uint64_t h = hash_bytes(t, key, len);
    /* the common lookup: a group already, in its home slot */
    if (t->nslots > 0) {
        uint32_t home = t->slot[(size_t)h & (t->nslots - 1)];
        group *g = home ? &t->g[home - 1] : NULL;
        if (g && g->hash == h && g->key_len == len && same_key(t->keys + g->key_off, key, len)) {
            *out = g;
            return GROUPS_OK;
        }
    }
    /* keep the load under 1/2 */
    if ((t->count + 1) * 2 > t->nslots && !grow_slots(t))
        return GROUPS_ENOMEM;
    size_t j;
    group *g = probe(t, key, len, h, &j, t->probe_limit);
    while (!g && t->slot[j] && t->rekeys < REKEY_MAX) {
        if (!rekey(t))
            return GROUPS_ENOMEM;
        h = hash_bytes(t, key, len);
        g = probe(t, key, len, h, &j, t->probe_limit);
    }
    /* past the rekeys: probe on, slow but still right */
    if (!g && t->slot[j])
        g = probe(t, key, len, h, &j, SIZE_MAX);
    if (g) {
        *out = g;
        return GROUPS_OK;
    }
    if (admit && !admit(ctx, key, len))
        return GROUPS_EREFUSED;
    groups_status st = add_group(t, key, len, h, j);
    if (st == GROUPS_OK)
        *out = &t->g[t->count - 1];
    return st;
}

group *groups_find(const group_table *t, const char *key, size_t len)
{
    if (t->nslots == 0)
        return NULL;
    size_t j;
    return probe(t, key, len, hash_bytes(t, key, len), &j, SIZE_MAX);
}

bool key_add_grow(key_builder *k, const char *part, size_t len)
{
    if (len > UINT32_MAX || !reserve(&k->buf, &k->cap, k->len + 4 + len))
        return false;
    return key_add(k, part, len); /* now with room: written by the inline path */
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

/* ---- counts ------------------------------------------------------------- */

static size_t index_of(const group_table *t, const group *g)
{
    return (size_t)(g - t->g);
}

static uint64_t *wide_counts(const group_table *t, const group *g)
{
    return t->wide + (size_t)(g->wide - 1) * t->ncounts;
}

static uint16_t *narrow_counts(const group_table *t, const group *g)
{
    return t->narrow + index_of(t, g) * t->ncounts;
}

static cx_u128 *weights(const group_table *t, const group *g)
{
    return t->w ? t->w + index_of(t, g) * t->nweights : NULL;
}

static uint64_t get_count(const group_table *t, const group *g, size_t i)
{
    return g->wide ? wide_counts(t, g)[i] : narrow_counts(t, g)[i];
}

/* Move group g's counts to 64-bit ones. */
static bool widen(group_table *t, group *g)
{
    if (t->nwide == UINT32_MAX - 1)
        return false;
    if (t->nwide == t->wide_cap) {
        size_t cap = t->wide_cap ? t->wide_cap * 2 : 16;
        uint64_t *w = realloc(t->wide, cap * t->ncounts * sizeof *w);
        if (!w)
            return false;
        t->wide = w;
        t->wide_cap = cap;
    }
    uint64_t *to = t->wide + t->nwide * t->ncounts;
    const uint16_t *from = narrow_counts(t, g);
    for (size_t i = 0; i < t->ncounts; i++)
        to[i] = from[i];
    g->wide = (uint32_t)++t->nwide;
    return true;
}

static groups_status set_count(group_table *t, group *g, size_t i, uint64_t v)
{
    if (!g->wide) {
        if (v <= UINT16_MAX) {
            narrow_counts(t, g)[i] = (uint16_t)v;
            return GROUPS_OK;
        }
        if (!widen(t, g))
            return GROUPS_ENOMEM;
    }
    wide_counts(t, g)[i] = v;
    return GROUPS_OK;
}

/* Add n to count i, unless the sum would wrap. */
static groups_status add_count(group_table *t, group *g, size_t i, uint64_t n)
{
    if (!g->wide) {
        uint16_t *c = &narrow_counts(t, g)[i];
        if (n <= (uint64_t)(UINT16_MAX - *c)) {
            *c = (uint16_t)(*c + n);
            return GROUPS_OK;
        }
    }
    uint64_t v = get_count(t, g, i);
    return v > UINT64_MAX - n ? GROUPS_EOVERFLOW : set_count(t, g, i, v + n);
}

groups_status groups_bump_slow(group_table *t, group *g, size_t i)
{
    return add_count(t, g, i, 1);
}

uint64_t groups_records(const group_table *t, const group *g)
{
    return get_count(t, g, 0);
}

groups_status groups_add_records(group_table *t, group *g, uint64_t n)
{
    return add_count(t, g, 0, n);
}

/* The limit of a weight bin, as in cx_whist (src/lib/weight.c). */
#define WEIGHT_BIN_LIMIT ((cx_u128)1 << 120)

static bool weight_fits(cx_u128 a, cx_u128 b)
{
    return a <= WEIGHT_BIN_LIMIT && b <= WEIGHT_BIN_LIMIT - a;
}

groups_status groups_count(group_table *t, group *g, cx_metric m, const cx_scale *sc,
                           cx_status st, int score, uint64_t units)
{
    size_t i = t->off[m];
    if (st == CX_BLANK)
        return add_count(t, g, i + GROUPS_BLANK, 1);
    if (st != CX_OK)
        return add_count(t, g, i + GROUPS_INVALID, 1);
    int bin = score - sc->lo;
    if (bin < 0 || bin >= t->bins[m])
        return GROUPS_OK; /* off the scale: cx_hist_add() counts nothing either */
    cx_u128 *w = weights(t, g);
    if (w) {
        cx_u128 *sum = w + t->woff[m] + (size_t)bin, *sq = sum + t->bins[m];
        cx_u128 square = (cx_u128)units * units;
        if (!weight_fits(*sum, units) || !weight_fits(*sq, square))
            return GROUPS_EOVERFLOW;
        *sum += units;
        *sq += square;
    }
    return add_count(t, g, i + GROUPS_BINS + (size_t)bin, 1);
}

void groups_hists(const group_table *t, const group *g, cx_hist h[CX_METRIC_COUNT],
                  cx_whist w[CX_METRIC_COUNT])
{
    const cx_u128 *gw = weights(t, g);
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        cx_hist_init(&h[m]);
        if (w)
            cx_whist_init(&w[m]);
        if (!t->bins[m])
            continue;
        size_t i = t->off[m];
        h[m].blank = get_count(t, g, i + GROUPS_BLANK);
        h[m].invalid = get_count(t, g, i + GROUPS_INVALID);
        for (int b = 0; b < t->bins[m]; b++)
            h[m].count[b] = get_count(t, g, i + GROUPS_BINS + (size_t)b);
        for (int b = 0; w && gw && b < t->bins[m]; b++) {
            w[m].w[b] = gw[t->woff[m] + (size_t)b];
            w[m].w2[b] = gw[t->woff[m] + (size_t)(t->bins[m] + b)];
        }
    }
}

groups_status groups_set(group_table *t, group *g, cx_metric m, const cx_hist *h,
                         const cx_whist *w)
{
    if (!t->bins[m])
        return GROUPS_OK;
    size_t i = t->off[m];
    groups_status st = set_count(t, g, i + GROUPS_BLANK, h->blank);
    if (st == GROUPS_OK)
        st = set_count(t, g, i + GROUPS_INVALID, h->invalid);
    for (int b = 0; b < t->bins[m] && st == GROUPS_OK; b++)
        st = set_count(t, g, i + GROUPS_BINS + (size_t)b, h->count[b]);
    cx_u128 *gw = weights(t, g);
    for (int b = 0; w && gw && b < t->bins[m]; b++) {
        gw[t->woff[m] + (size_t)b] = w->w[b];
        gw[t->woff[m] + (size_t)(t->bins[m] + b)] = w->w2[b];
    }
    return st;
}

groups_status groups_merge(group_table *dt, group *dst, const group_table *st,
                           const group *src)
{
    /* all or nothing: check every sum before changing any */
    for (size_t i = 0; i < dt->ncounts; i++)
        if (get_count(dt, dst, i) > UINT64_MAX - get_count(st, src, i))
            return GROUPS_EOVERFLOW;
    cx_u128 *dw = weights(dt, dst);
    const cx_u128 *sw = weights(st, src);
    for (size_t i = 0; dw && sw && i < dt->nweights; i++)
        if (!weight_fits(dw[i], sw[i]))
            return GROUPS_EOVERFLOW;
    for (size_t i = 0; dw && sw && i < dt->nweights; i++)
        dw[i] += sw[i];
    for (size_t i = 0; i < dt->ncounts; i++) {
        uint64_t n = get_count(st, src, i);
        groups_status s = n ? add_count(dt, dst, i, n) : GROUPS_OK;
        if (s != GROUPS_OK)
            return s;
    }
    return GROUPS_OK;
}
