/* columns.c - finding a column by a header name, "name[k]" or a 1-based number. */
#include "columns.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/*
 * Find a column: a 1-based number, or a header name (case-insensitive,
 * trimmed), "name[k]" for its k-th occurrence.  @return 0-based index or
 * NO_COLUMN.
 */
size_t column_find(const char *spec, const reader_field *f, size_t n)
{
    char *end;
    if (spec[0] >= '1' && spec[0] <= '9') {
        unsigned long v = strtoul(spec, &end, 10);
        if (*end == '\0')
            /* without a header any number is taken, up to the widest record there can be */
            return (f == NULL ? v <= READER_MAX_FIELDS : v <= n) ? (size_t)v - 1 : NO_COLUMN;
    }
    size_t len = strlen(spec), nth = 1;
    const char *open = len > 3 && spec[len - 1] == ']' ? strrchr(spec, '[') : NULL;
    if (open && open[1] >= '1' && open[1] <= '9') {
        unsigned long k = strtoul(open + 1, &end, 10);
        if (*end == ']' && end[1] == '\0') {
            nth = k;
            len = (size_t)(open - spec);
        }
    }
    char name[256];
    if (len >= sizeof name)
        return NO_COLUMN;
    memcpy(name, spec, len);
    name[len] = '\0';
    for (size_t i = 0; f && i < n; i++)
        if (text_name_equal(f[i].ptr, f[i].len, name) && --nth == 0)
            return i;
    return NO_COLUMN;
}
