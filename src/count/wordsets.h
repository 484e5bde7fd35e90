/*
 * wordsets.h - built-in label sets: the common English and Russian wordings
 * of 5-point satisfaction and 5- and 7-point agreement scales, read as scores
 * when a column's answers are those words and no --labels file names them.
 */
#ifndef CX_WORDSETS_H
#define CX_WORDSETS_H

#include <stdbool.h>
#include <stddef.h>

#include "cxstat.h"

/** Which built-in set a word came from; WORDSET_NONE: none. */
typedef enum wordset_id {
    WORDSET_NONE, WORDSET_SAT_EN, WORDSET_SAT_RU, WORDSET_AGREE5_EN, WORDSET_AGREE5_RU,
    WORDSET_AGREE7_EN, WORDSET_COUNT
} wordset_id;

/**
 * The score of a word (trimmed, case-insensitive) in the built-in sets that
 * fit a metric's scale: satisfaction for CSAT 1-5, agreement for CES 1-5 or
 * 1-7 scored "agree" (high = easy).  @return its set, or WORDSET_NONE.
 */
wordset_id wordsets_find(const cx_scale *scale, const char *text, size_t len, int *score);

/** The set's name and its words from 1 up, for the note ("satisfaction (en): ..."). */
const char *wordsets_describe(wordset_id id);

#endif
