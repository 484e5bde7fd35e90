/* i18n.h - every word a report prints, in English and in the domain documents' Russian. */
#ifndef CX_I18N_H
#define CX_I18N_H

#include "options.h"

typedef enum msg_id {
    MSG_INPUT, MSG_FILES, MSG_RECORDS, MSG_MALFORMED,
    MSG_NPS_TITLE, MSG_CSAT_TITLE, MSG_CES_TITLE, MSG_SCALE,
    MSG_RESPONSES, MSG_BLANK, MSG_INVALID,
    MSG_PROMOTERS, MSG_PASSIVES, MSG_DETRACTORS,
    MSG_SATISFIED, MSG_LOW_EFFORT, MSG_MEAN, MSG_INDEX_NPS, MSG_INDEX_CSAT,
    MSG_BAND, MSG_NO_BANDS, MSG_NA, MSG_DISTRIBUTION,
    MSG_AGREE, MSG_EFFORT,
    MSG_COUNT
} msg_id;

/** The text of a message in a language (static, UTF-8). */
const char *msg(out_lang lang, msg_id id);

#endif
