/* columns.h - finding a column by a header name, "name[k]" or a 1-based number. */
#ifndef CX_COLUMNS_H
#define CX_COLUMNS_H

#include <stddef.h>

#include "reader.h"

#define NO_COLUMN ((size_t)-1)

/**
 * Find a column: a 1-based number, or a header name (case-insensitive,
 * trimmed), "name[k]" for its k-th occurrence.  f is the header (NULL
 * without one: only numbers up to READER_MAX_FIELDS are found).  @return 0-based index or NO_COLUMN.
 */
size_t column_find(const char *spec, const reader_field *f, size_t n);

#endif
