/*
 * values.h - the distinct values of a column a --where or --compare names,
 * with their counts, so that a value no record has can be answered with the
 * closest values present.  Bounded: past VALUES_MAX distinct values the
 * table gives up (overflow) instead of growing; whether it does depends only
 * on the set of values, so reading in chunks gives the same answer.
 */
#ifndef CX_VALUES_H
#define CX_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Most distinct values kept; past it, no suggestions. */
#define VALUES_MAX 1024
/** Bytes of a value kept (longer values are kept by their first bytes). */
#define VALUES_LEN 200

typedef struct value_entry {
    char text[VALUES_LEN];
    size_t len;
    uint64_t count;
} value_entry;

typedef struct value_table {
    value_entry *e;   /* NULL until the first value */
    uint32_t *slot;   /* index + 1, 0 empty; 2 * VALUES_MAX slots */
    size_t count;
    bool overflow;    /* more than VALUES_MAX distinct values seen */
    bool nomem;
} value_table;

void values_free(value_table *t);

/** Count one value (n times). */
void values_add(value_table *t, const char *p, size_t len, uint64_t n);

/** Add every value of src to dst. */
void values_merge(value_table *dst, const value_table *src);

/**
 * Print why want (which no record has) was not found: the values equal to it
 * but for ASCII case, else the closest three by edit distance, with counts.
 */
void values_explain(const value_table *t, const char *want, FILE *err);

#endif
