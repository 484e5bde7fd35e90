/* test_groups.c - the group table's keyed hash and its bounded probe runs. */
#include <stdio.h>
#include <string.h>

#include "groups.h"
#include "unit.h"

/* SipHash-2-4 reference vectors (Aumasson and Bernstein, 2012, appendix A and
 * the reference implementation's vectors.h): key 00..0f, message 00..n-1. */
static void test_siphash_matches_the_reference_vectors(void **state)
{
    unsigned char msg[15];
    const uint64_t key[2] = {UINT64_C(0x0706050403020100), UINT64_C(0x0f0e0d0c0b0a0908)};

    (void)state;
    for (int i = 0; i < 15; i++)
        msg[i] = (unsigned char)i;
    assert_true(groups_siphash(key, 2, 4, msg, 0) == UINT64_C(0x726fdb47dd0e0e31));
    assert_true(groups_siphash(key, 2, 4, msg, 15) == UINT64_C(0xa129ca6149be45e5));
}

static void test_two_tables_of_one_process_share_the_key(void **state)
{
    group_table a, b;

    (void)state;
    groups_init(&a, false);
    groups_init(&b, true);
    assert_true(a.key[0] == b.key[0] && a.key[1] == b.key[1]);
    groups_free(&a);
    groups_free(&b);
}

/* With no probe allowed, every lookup rekeys until REKEY_MAX, then probes on:
 * still each key once, in order of first appearance. */
static void test_rekeying_keeps_every_group(void **state)
{
    group_table t;
    group *g;
    char k[16];

    (void)state;
    groups_init(&t, false);
    t.probe_limit = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < 1000; i++) {
            int n = snprintf(k, sizeof k, "key%d", i);
            assert_true(groups_get(&t, k, (size_t)n, &g) == GROUPS_OK);
            assert_true(g == &t.g[i]);
            assert_true(groups_add_records(&t, g, 1) == GROUPS_OK);
        }
    assert_true(t.count == 1000);
    assert_true(t.rekeys == REKEY_MAX);
    for (size_t i = 0; i < t.count; i++)
        assert_true(groups_records(&t, &t.g[i]) == 2);
    groups_free(&t);
}

/* The table's unrolled SipHash-1-3 with word loads is the generic one, at
 * every length from 0 to 80 and every start (unaligned loads). */
static void test_table_hash_is_siphash13(void **state)
{
    group_table t;
    unsigned char buf[96];
    uint64_t x = 99;

    (void)state;
    groups_init(&t, false);
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        buf[i] = (unsigned char)(x >> 56);
    }
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n <= 80; n++)
            assert_true(groups_hash(&t, (const char *)buf + off, n) ==
                        groups_siphash(t.key, 1, 3, buf + off, n));
    groups_free(&t);
}

static bool refuse_b(void *ctx, const char *key, size_t len)
{
    (*(int *)ctx)++;
    return !(len == 1 && key[0] == 'b');
}

/* The admit function sees each new key once, never a key already a group;
 * a refused key makes no group. */
static void test_admit_sees_each_new_key_once(void **state)
{
    group_table t;
    group *g;
    int calls = 0;

    (void)state;
    groups_init(&t, false);
    assert_true(groups_get_admit(&t, "a", 1, &g, refuse_b, &calls) == GROUPS_OK);
    assert_true(groups_get_admit(&t, "a", 1, &g, refuse_b, &calls) == GROUPS_OK);
    assert_true(calls == 1);
    assert_true(groups_get_admit(&t, "b", 1, &g, refuse_b, &calls) == GROUPS_EREFUSED);
    assert_true(calls == 2 && t.count == 1);
    assert_null(groups_find(&t, "b", 1));
    groups_free(&t);
}

/* Keys of 0-40 bytes, more of them than the memo has slots, looked up again
 * and again in a scrambled order: each lookup gives the group of that key,
 * whether the memo remembers it, remembers another key, or nothing. */
static void test_memo_gives_the_group_of_the_key(void **state)
{
    enum { KEYS = 3000 };
    static char keys[KEYS][40];
    static size_t lens[KEYS];
    group_table t;
    group *g;
    uint64_t x = 5;

    (void)state;
    groups_init(&t, false);
    for (size_t i = 0; i < KEYS; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        lens[i] = (size_t)(x >> 33) % 41;
        /* the index in the first bytes or the last ones, the rest shared: keys alike */
        memset(keys[i], 'k', sizeof keys[i]);
        if (lens[i] >= 2) {
            size_t at = (x >> 20) & 1 ? 0 : lens[i] - 2;
            keys[i][at] = (char)(i & 0xff);
            keys[i][at + 1] = (char)(i >> 8);
        }
    }
    for (int pass = 0; pass < 3; pass++)
        for (size_t k = 0; k < KEYS; k++) {
            size_t i = (k * 7919 + (size_t)pass * 31) % KEYS;
            assert_true(groups_get(&t, keys[i], lens[i], &g) == GROUPS_OK);
            assert_true(g->key_len == lens[i]);
            assert_memory_equal(groups_key(&t, g), keys[i], lens[i]);
            assert_true(groups_find(&t, keys[i], lens[i]) == g);
        }
    groups_free(&t);
}

/* A table of NPS only: the metrics not in use keep nothing. */
static void nps_only(group_table *t, bool weighted)
{
    bool active[CX_METRIC_COUNT] = {[CX_NPS] = true};
    cx_scale sc[CX_METRIC_COUNT] = {0};
    cx_scale_nps(&sc[CX_NPS]);
    groups_init(t, weighted);
    assert_true(groups_layout(t, active, sc));
}

/* Counts past 65535 move to 64-bit ones; the histograms are those counted. */
static void test_counts_widen_past_sixteen_bits(void **state)
{
    group_table t;
    group *g, *h;
    cx_scale nps;
    cx_hist hist[CX_METRIC_COUNT];

    (void)state;
    cx_scale_nps(&nps);
    nps_only(&t, false);
    assert_true(groups_get(&t, "a", 1, &g) == GROUPS_OK);
    assert_true(groups_get(&t, "b", 1, &h) == GROUPS_OK);
    g = &t.g[0];
    for (uint32_t i = 0; i < 70000; i++) {
        assert_true(groups_count(&t, g, CX_NPS, &nps, CX_OK, 10, 0) == GROUPS_OK);
        assert_true(groups_add_records(&t, g, 1) == GROUPS_OK);
    }
    assert_true(groups_count(&t, g, CX_NPS, &nps, CX_BLANK, 0, 0) == GROUPS_OK);
    assert_true(groups_count(&t, &t.g[1], CX_NPS, &nps, CX_EINVAL, 0, 0) == GROUPS_OK);
    assert_true(t.g[0].wide != 0 && t.g[1].wide == 0 && t.nwide == 1);
    groups_hists(&t, &t.g[0], hist, NULL);
    assert_true(hist[CX_NPS].count[10] == 70000 && hist[CX_NPS].blank == 1);
    assert_true(hist[CX_NPS].invalid == 0 && cx_hist_total(&hist[CX_CSAT]) == 0);
    assert_true(groups_records(&t, &t.g[0]) == 70000);
    groups_hists(&t, &t.g[1], hist, NULL);
    assert_true(hist[CX_NPS].invalid == 1 && cx_hist_total(&hist[CX_NPS]) == 1);
    /* a sum past UINT64_MAX is refused, the group unchanged */
    assert_true(groups_add_records(&t, &t.g[0], UINT64_MAX) == GROUPS_EOVERFLOW);
    assert_true(groups_records(&t, &t.g[0]) == 70000);
    groups_free(&t);
}

/* NPS alone, 1 + 13 counts of 2 bytes: a group and its counts take 16 + 28 bytes. */
static void test_a_small_group_is_small(void **state)
{
    group_table t;
    group *g;

    (void)state;
    nps_only(&t, false);
    assert_true(t.ncounts == 14 && t.nweights == 0);
    assert_true(sizeof(group) <= 24);
    assert_true(groups_get(&t, "k", 1, &g) == GROUPS_OK);
    assert_true(groups_bytes(&t) <= 24 + 28 + 1 + t.nslots * 4);
    groups_free(&t);
    nps_only(&t, true);
    assert_true(t.nweights == 22); /* the sums and the squares of 11 answers */
    groups_free(&t);
}

/* Merged weights are exact; a sum past the limit of cx_whist changes nothing. */
static void test_merge_adds_counts_and_weights(void **state)
{
    group_table a, b;
    group *ga, *gb;
    cx_scale nps;
    cx_hist h[CX_METRIC_COUNT];
    cx_whist w[CX_METRIC_COUNT];

    (void)state;
    cx_scale_nps(&nps);
    nps_only(&a, true);
    groups_init_like(&b, &a);
    assert_true(groups_get(&a, "k", 1, &ga) == GROUPS_OK);
    assert_true(groups_get(&b, "k", 1, &gb) == GROUPS_OK);
    assert_true(groups_count(&a, ga, CX_NPS, &nps, CX_OK, 9, 500000) == GROUPS_OK);
    assert_true(groups_count(&b, gb, CX_NPS, &nps, CX_OK, 9, 2000000) == GROUPS_OK);
    assert_true(groups_merge(&a, ga, &b, gb) == GROUPS_OK);
    groups_hists(&a, ga, h, w);
    assert_true(h[CX_NPS].count[9] == 2);
    assert_true(w[CX_NPS].w[9] == 2500000 && w[CX_NPS].w2[9] == (cx_u128)4250000000000);
    cx_hist_init(&h[CX_NPS]);
    cx_whist_init(&w[CX_NPS]);
    w[CX_NPS].w[9] = (cx_u128)1 << 120;
    assert_true(groups_set(&b, gb, CX_NPS, &h[CX_NPS], &w[CX_NPS]) == GROUPS_OK);
    assert_true(groups_merge(&a, ga, &b, gb) == GROUPS_EOVERFLOW);
    groups_hists(&a, ga, h, w);
    assert_true(h[CX_NPS].count[9] == 2 && w[CX_NPS].w[9] == 2500000);
    groups_free(&a);
    groups_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_siphash_matches_the_reference_vectors),
        cmocka_unit_test(test_two_tables_of_one_process_share_the_key),
        cmocka_unit_test(test_rekeying_keeps_every_group),
        cmocka_unit_test(test_table_hash_is_siphash13),
        cmocka_unit_test(test_admit_sees_each_new_key_once),
        cmocka_unit_test(test_memo_gives_the_group_of_the_key),
        cmocka_unit_test(test_counts_widen_past_sixteen_bits),
        cmocka_unit_test(test_a_small_group_is_small),
        cmocka_unit_test(test_merge_adds_counts_and_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
