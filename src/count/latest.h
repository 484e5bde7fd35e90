/*
 * latest.h - --latest-by: each respondent's latest answer, kept until all
 * inputs are read, older ones replaced.  Memory grows with the number of
 * distinct respondents (one entry, their id and their group key), never with
 * the number of records.
 */
#ifndef CX_LATEST_H
#define CX_LATEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxstat.h"

/** Most respondents one run keeps; past it reading stops with an error. */
#define LATEST_MAX ((size_t)1 << 26)

/** Why an answer has no group: it has one, is in neither compared segment, or has no date. */
enum { LATEST_GROUP, LATEST_OTHER, LATEST_NODATE };

/** One answer: who, when, where it is counted, and what it says for each metric. */
typedef struct latest_answer {
    const char *id, *key; /* the respondent; the encoded group key (groups.h) */
    uint32_t id_len, key_len;
    uint8_t nogroup;      /* LATEST_GROUP, LATEST_OTHER or LATEST_NODATE */
    bool weight_ok;
    int64_t when;         /* a day number; INT64_MIN without a date */
    uint64_t seq;         /* its place in the inputs, for ties and without dates */
    uint64_t units;       /* its weight, in millionths */
    int16_t score[CX_METRIC_COUNT];
    int16_t status[CX_METRIC_COUNT]; /* cx_status of each metric's answer */
} latest_answer;

typedef struct latest_entry {
    latest_answer a;      /* id and key point into the table's store (offsets until read) */
    uint64_t hash;
    size_t id_off, key_off;
    uint32_t key_cap;
} latest_entry;

typedef struct latest_table {
    latest_entry *e;
    size_t count, cap;
    uint32_t *slot;       /* entry index + 1, 0 empty */
    size_t nslots;
    char *store;
    size_t store_len, store_cap;
    uint64_t offered;     /* answers offered, kept or not */
} latest_table;

typedef enum latest_status { LATEST_OK, LATEST_ENOMEM, LATEST_ELIMIT } latest_status;

void latest_free(latest_table *t);

/** Keep an answer if it is its respondent's latest so far (later when and seq win). */
latest_status latest_offer(latest_table *t, const latest_answer *a);

/** Offer every answer of src, its seq moved on by seq_off (a chunk's lines). */
latest_status latest_merge(latest_table *dst, const latest_table *src, uint64_t seq_off);

/** The i-th kept answer, its id and key pointing into the table. */
latest_answer latest_at(const latest_table *t, size_t i);

#endif
