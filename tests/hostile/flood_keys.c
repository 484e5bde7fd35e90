/*
 * flood_keys.c - an export built to flood the group table of cxstat before
 * its hash was keyed (commit 9a61cb5 and earlier): every key's 16-byte
 * encoding (a 4-byte length, then 12 bytes) hashed to the same low 22 bits,
 * so all of them fell into one probe run.  The old hash's steps are each
 * invertible: pick the final value, undo the finalizer and the last word's
 * step, and read off the last 8 bytes; keep them when all are printable.
 *
 * Usage: flood_keys N crafted|plain SEED  -> CSV "g,nps" on standard output,
 * N keys, each on two rows; "plain" gives random keys of the same shape.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint64_t K = 0x9e3779b97f4a7c15u, C1 = 0xff51afd7ed558ccdu,
                      C2 = 0xc4ceb9fe1a85ec53u;

static uint64_t inverse(uint64_t a) /* a odd: a^-1 mod 2^64 by Newton's iteration */
{
    uint64_t x = a;
    for (int i = 0; i < 6; i++)
        x *= 2 - a * x;
    return x;
}

static uint64_t rng(uint64_t *s) /* splitmix64 */
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int usable(unsigned char c) /* printable, and no CSV or trimming trouble */
{
    return c > ' ' && c < 0x7f && c != ',' && c != '"';
}

static char pick(uint64_t *s)
{
    char c;
    do
        c = (char)(rng(s) % 95 + 32);
    while (!usable((unsigned char)c));
    return c;
}

/* The old hash up to the last word: length, then the word of length bytes and v[0..3]. */
static uint64_t first_step(const char *v)
{
    unsigned char b[8] = {12, 0, 0, 0};
    memcpy(b + 4, v, 4);
    uint64_t w = 0, h = 16 * K;
    for (int i = 7; i >= 0; i--)
        w = w << 8 | b[i];
    h = (h ^ w) * K;
    return h ^ (h >> 32);
}

static int craft(char v[12], uint64_t *s, uint64_t kinv, uint64_t c1inv, uint64_t c2inv)
{
    for (int i = 0; i < 4; i++)
        v[i] = pick(s);
    uint64_t h1 = first_step(v);
    for (int tries = 0; tries < 1 << 20; tries++) {
        uint64_t x = (rng(s) >> 22) << 22; /* the wanted final hash: low 22 bits 0 */
        x ^= x >> 33;
        x *= c2inv;
        x ^= x >> 33;
        x *= c1inv;
        x ^= x >> 33;
        x ^= x >> 32; /* undo h ^= h >> 32 */
        x *= kinv;
        uint64_t w = x ^ h1;
        int ok = 1;
        for (int i = 0; i < 8 && ok; i++)
            ok = usable((unsigned char)(w >> (8 * i)));
        if (ok) {
            for (int i = 0; i < 8; i++)
                v[4 + i] = (char)(w >> (8 * i));
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: flood_keys N crafted|plain SEED\n");
        return 2;
    }
    long n = atol(argv[1]);
    int crafted = strcmp(argv[2], "crafted") == 0;
    uint64_t s = strtoull(argv[3], NULL, 10);
    uint64_t kinv = inverse(K), c1inv = inverse(C1), c2inv = inverse(C2);
    char (*keys)[12] = malloc((size_t)n * 12);
    if (!keys)
        return 3;
    for (long i = 0; i < n; i++) {
        if (crafted) {
            if (!craft(keys[i], &s, kinv, c1inv, c2inv))
                return 3;
        } else {
            for (int j = 0; j < 12; j++)
                keys[i][j] = pick(&s);
        }
    }
    printf("g,nps\n");
    for (int pass = 0; pass < 2; pass++)
        for (long i = 0; i < n; i++)
            printf("%.12s,%d\n", keys[i], (int)((i + pass) % 11));
    free(keys);
    return 0;
}
