/* test_text.c - proves text_utf8_valid(), whose ASCII fast path reads eight
 * bytes at a time, agrees with the byte-by-byte definition of RFC 3629. */
#include "unit.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

/* The definition, one byte at a time (Table 3-7 of the Unicode standard), NUL refused. */
static bool reference_valid(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t k;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0x01 && c <= 0x7F) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            k = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (i + k >= n || p[i + 1] < lo || p[i + 1] > hi)
            return false;
        for (size_t j = 2; j <= k; j++)
            if (p[i + j] < 0x80 || p[i + j] > 0xBF)
                return false;
        i += k + 1;
    }
    return true;
}

static void test_known_strings(void **state)
{
    (void)state;
    assert_true(text_utf8_valid("", 0));
    assert_true(text_utf8_valid("Moscow Tverskaya", 16));
    assert_true(text_utf8_valid("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 center", 18));
    assert_false(text_utf8_valid("Moscow\0Tverskaya", 16)); /* a NUL inside a word */
    assert_false(text_utf8_valid("abcdefg\x80", 8));        /* a high byte at a word's end */
    assert_false(text_utf8_valid("\xED\xA0\x80", 3));       /* a surrogate */
    assert_false(text_utf8_valid("\xC0\xAF", 2));           /* an overlong */
}

/* A NUL or a 0x80 at every position of strings up to 40 bytes of ASCII. */
static void test_one_bad_byte_anywhere(void **state)
{
    (void)state;
    unsigned char s[40];
    for (size_t n = 1; n <= sizeof s; n++)
        for (size_t at = 0; at < n; at++)
            for (int bad = 0; bad < 3; bad++) {
                memset(s, 'a', n);
                s[at] = bad == 0 ? 0x00 : bad == 1 ? 0x80 : 0xFF;
                assert_false(text_utf8_valid((const char *)s, n));
                s[at] = 0x7F;
                assert_true(text_utf8_valid((const char *)s, n));
            }
}

/* Random strings, mostly ASCII with some multi-byte sequences and junk: same verdict. */
static void test_random_strings_match_the_definition(void **state)
{
    (void)state;
    static const unsigned char pieces[][4] = {
        {'a'}, {' '}, {0x7F}, {0x01}, {0}, {0xD0, 0x9C}, {0xE2, 0x82, 0xAC}, {0xF0, 0x9F, 0x98, 0x80},
        {0x80}, {0xC3}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xE0, 0x80, 0x80},
    };
    static const size_t plen[] = {1, 1, 1, 1, 1, 2, 3, 4, 1, 1, 3, 4, 3};
    uint64_t x = 2026;
    unsigned char s[256]; /* up to 63 pieces of up to 4 bytes */
    size_t agree = 0, valid = 0;
    for (int k = 0; k < 200000; k++) {
        size_t n = 0;
        x = x * 6364136223846793005u + 1442695040888963407u;
        size_t parts = (size_t)(x >> 58);
        for (size_t i = 0; i < parts; i++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            unsigned r = (unsigned)(x >> 33) % 100;
            size_t pick = r < 80 ? 0 : r < 84 ? 1 : 2 + r % 11;
            memcpy(s + n, pieces[pick], plen[pick]);
            n += plen[pick];
        }
        bool want = reference_valid(s, n);
        assert_true(text_utf8_valid((const char *)s, n) == want);
        agree++;
        valid += want;
    }
    assert_true(valid > 1000 && valid < agree - 1000); /* both verdicts were tested */
}

static void test_escape_shows_control_bytes(void **state)
{
    (void)state;
    char *e = text_escape("a\033[31m\n\r\tb\x7f\xff\xd0\xb0.csv");
    assert_non_null(e);
    assert_string_equal(e, "a\\x1B[31m\\n\\r\\tb\\x7F\\xFF\xd0\xb0.csv");
    free(e);
    e = text_escape("");
    assert_string_equal(e, "");
    free(e);
}

/* The trimming rule one character at a time: ' ', tab, or a UTF-8 Zs space. */
static size_t reference_space(const unsigned char *p, size_t n)
{
    static const unsigned char wide[][3] = {
        {0xC2, 0xA0}, {0xE1, 0x9A, 0x80}, {0xE2, 0x80, 0x80}, {0xE2, 0x80, 0x8A},
        {0xE2, 0x80, 0xAF}, {0xE2, 0x81, 0x9F}, {0xE3, 0x80, 0x80},
    };
    if (n > 0 && (p[0] == ' ' || p[0] == '\t'))
        return 1;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        size_t k = wide[i][0] == 0xC2 ? 2 : 3;
        if (n >= k && memcmp(p, wide[i], k) == 0)
            return k;
    }
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0x8A)
        return 3;
    return 0;
}

/* Random fields of words, spaces, wide spaces and stray bytes: text_trim()
 * (with its plain-ends shortcut) drops what the rule drops, at both ends. */
static void test_trim_matches_the_rule(void **state)
{
    (void)state;
    static const unsigned char pieces[][3] = {
        {'a'}, {' '}, {'\t'}, {0xC2, 0xA0}, {0xE2, 0x80, 0x80}, {0xE3, 0x80, 0x80},
        {0xA0}, {0x80}, {'7'}, {0xD0, 0x9C}, {0xE2, 0x80, 0x8B}, {0xC2},
    };
    static const size_t plen[] = {1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 3, 1};
    uint64_t x = 17;
    unsigned char s[64];
    for (int k = 0; k < 100000; k++) {
        size_t n = 0;
        x = x * 6364136223846793005u + 1442695040888963407u;
        size_t parts = (size_t)(x >> 60);
        for (size_t i = 0; i < parts; i++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            size_t pick = (size_t)(x >> 33) % 12;
            memcpy(s + n, pieces[pick], plen[pick]);
            n += plen[pick];
        }
        size_t a = 0, b = n, w;
        while (a < b && (w = reference_space(s + a, b - a)) > 0)
            a += w;
        for (bool more = true; more && b > a;) {
            more = false;
            for (w = 1; w <= 3 && w <= b - a && !more; w++)
                if (reference_space(s + b - w, w) == w) {
                    b -= w;
                    more = true;
                }
        }
        const char *p = (const char *)s;
        size_t len = n;
        text_trim(&p, &len);
        assert_true(p == (const char *)s + a);
        assert_true(len == b - a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_strings),
        cmocka_unit_test(test_escape_shows_control_bytes),
        cmocka_unit_test(test_one_bad_byte_anywhere),
        cmocka_unit_test(test_random_strings_match_the_definition),
        cmocka_unit_test(test_trim_matches_the_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
