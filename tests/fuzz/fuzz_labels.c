/*
 * fuzz_labels.c - the --labels loader on arbitrary bytes, written to a file
 * named after the process:
 *   - labels_load() accepts (0) or refuses with a message (3), never
 *     anything else, and never leaves a table behind a refusal;
 *   - in a table it accepts, every label is found again, as itself, in
 *     upper case, and with spaces around it, with the score it was given
 *     (labels are case-insensitive and trimmed).
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "labels.h"

/* text in ASCII upper case, into buf (n < size). */
static void upper(char *buf, size_t size, const char *text)
{
    size_t n = strlen(text);
    FUZZ_CHECK(n < size);
    for (size_t i = 0; i <= n; i++)
        buf[i] = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 'a' + 'A') : text[i];
}

static void check_table(const label_table *t)
{
    static char buf[1 << 16];
    for (size_t i = 0; i < t->count; i++) {
        const label_entry *e = &t->entry[i];
        size_t n = strlen(e->text);
        int score = -1;
        FUZZ_CHECK(labels_find(t, e->text, n, &score) && score == e->score);
        upper(buf, sizeof buf, e->text);
        score = -1;
        FUZZ_CHECK(labels_find(t, buf, n, &score) && score == e->score);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("labels", data, size);
    label_table t;
    memset(&t, 0, sizeof t);
    int rc = labels_load(&t, path, fuzz_devnull());
    FUZZ_CHECK(rc == 0 || rc == 3);
    if (rc == 0)
        check_table(&t);
    labels_free(&t);
    return 0;
}
