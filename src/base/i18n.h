/* i18n.h - every word a report prints, in English and in the domain documents' Russian. */
#ifndef CX_I18N_H
#define CX_I18N_H

#include <stdint.h>


/** The report's language (--lang). */
typedef enum out_lang { LANG_EN, LANG_RU } out_lang;

typedef enum msg_id {
    MSG_INPUT, MSG_FILES, MSG_MALFORMED,
    MSG_NPS_TITLE, MSG_CSAT_TITLE, MSG_CES_TITLE, MSG_SCALE,
    MSG_RESPONSES, MSG_BLANK, MSG_INVALID,
    MSG_PROMOTERS, MSG_PASSIVES, MSG_DETRACTORS,
    MSG_SATISFIED, MSG_LOW_EFFORT, MSG_MEAN, MSG_INDEX_NPS, MSG_INDEX_CSAT,
    MSG_BAND, MSG_NO_BANDS, MSG_NA, MSG_DISTRIBUTION,
    MSG_AGREE, MSG_EFFORT, MSG_LEVEL_TITLE, MSG_LEVEL,
    MSG_CI, MSG_TOTAL, MSG_BLANK_KEY, MSG_RECORDS_COL, MSG_CHANGE, MSG_VS,
    MSG_UNTESTED,
    MSG_NOTE_WIDE, MSG_NOTE_INDICATIVE, MSG_WEIGHTED, MSG_RESPONSE_RATE, MSG_PERIOD,
    MSG_DIFFERENCE, MSG_FIGURE, MSG_VERDICT, MSG_CES_MEAN, MSG_CSAT_MEAN, MSG_LOW_EFFORT_PCT,
    MSG_COUNT
} msg_id;

/**
 * "record", "records"; "запись", "записи", "записей": the word for n records,
 * by each language's plural rule.
 */
const char *i18n_records(out_lang lang, uint64_t n);

/**
 * A band's id as a text table shows it: a built-in band's in Russian with
 * LANG_RU, any other as given (CSV and JSON keep the ids).
 */
const char *i18n_band_id(out_lang lang, const char *id);

/** The text of a message in a language (static, UTF-8). */
const char *i18n_text(out_lang lang, msg_id id);

#endif
