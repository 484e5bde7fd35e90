/*
 * fuzz_groups.c - the group table on arbitrary keys: byte 0 sets how long a
 * probe run may get before the table rekeys (0 to 3 slots, so rekeying and
 * the slow path after the last rekey run on every input), then each key is a
 * length byte and that many bytes.  Every key must come back as the group it
 * was first given, and the table must hold each distinct key exactly once,
 * in order of first appearance, as a naive list of them says.
 */
#include <string.h>

#include "fuzz.h"
#include "groups.h"

#define MAX_KEYS 512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    group_table t;
    groups_init(&t, (data[0] & 4) != 0);
    t.probe_limit = data[0] & 3;
    const uint8_t *key[MAX_KEYS];
    size_t len[MAX_KEYS], distinct = 0;
    size_t pos = 1;
    for (int n = 0; pos < size && n < MAX_KEYS; n++) {
        size_t l = data[pos++];
        if (l > size - pos)
            l = size - pos;
        const char *k = (const char *)data + pos;
        pos += l;
        size_t first = distinct;
        for (size_t i = 0; i < distinct; i++)
            if (len[i] == l && memcmp(key[i], k, l) == 0)
                first = i;
        if (first == distinct) {
            key[distinct] = (const uint8_t *)k;
            len[distinct++] = l;
        }
        group *g;
        FUZZ_CHECK(groups_get(&t, k, l, &g) == GROUPS_OK);
        FUZZ_CHECK((size_t)(g - t.g) == first);
        FUZZ_CHECK(groups_add_records(&t, g, 1) == GROUPS_OK);
    }
    FUZZ_CHECK(t.count == distinct);
    for (size_t i = 0; i < distinct; i++) {
        group *g;
        FUZZ_CHECK(t.g[i].key_len == len[i]);
        FUZZ_CHECK(memcmp(groups_key(&t, &t.g[i]), key[i], len[i]) == 0);
        FUZZ_CHECK(groups_get(&t, (const char *)key[i], len[i], &g) == GROUPS_OK);
        FUZZ_CHECK(g == &t.g[i] && groups_records(&t, g) > 0);
    }
    groups_free(&t);
    return 0;
}
