/*
 * labels.h - answers written as words: a --labels file maps each label
 * (case-insensitive, trimmed) to a score, per metric or for all of them.
 */
#ifndef CX_LABELS_H
#define CX_LABELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cxstat.h"
#include "diag.h"

typedef struct label_entry {
    const char *text; /* trimmed, NUL-terminated, in the table's store */
    int score;
} label_entry;

typedef struct label_table {
    label_entry *entry;
    size_t count;
    char *store;
    uint32_t *slot; /* open addressing by text_name_hash: entry index + 1, 0 empty */
    size_t nslots;
} label_table;

/**
 * Load a label file: CSV "label,score" (a first line "label,score" is a
 * header), any delimiter the reader detects, scores whole numbers.
 * @return EXIT_OK or EXIT_DATA (message "cxstat: FILE:LINE: ..." printed).
 */
int labels_load(label_table *t, const char *path, FILE *err);

/** The score of a label, or false when the table has none for it. */
bool labels_find(const label_table *t, const char *text, size_t len, int *score);

void labels_free(label_table *t);

#endif
