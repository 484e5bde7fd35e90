/* i18n.c - the table of report words: one row per message, one column per language. */
#include "i18n.h"

static const char *const table[MSG_COUNT][2] = {
    [MSG_INPUT] = {"Input", "Вход"},
    [MSG_FILES] = {"files", "файлов"},
    [MSG_RECORDS] = {"records", "записей"},
    [MSG_MALFORMED] = {"malformed", "с ошибкой формата"},
    [MSG_NPS_TITLE] = {"NPS (Net Promoter Score)", "NPS (индекс потребительской лояльности)"},
    [MSG_CSAT_TITLE] = {"CSAT (customer satisfaction)", "CSAT (удовлетворённость клиентов)"},
    [MSG_CES_TITLE] = {"CES (customer effort)", "CES (усилия клиента)"},
    [MSG_SCALE] = {"scale", "шкала"},
    [MSG_RESPONSES] = {"responses", "ответы"},
    [MSG_BLANK] = {"blank", "пустые"},
    [MSG_INVALID] = {"invalid", "некорректные"},
    [MSG_PROMOTERS] = {"promoters", "промоутеры"},
    [MSG_PASSIVES] = {"passives", "пассивные"},
    [MSG_DETRACTORS] = {"detractors", "критики"},
    [MSG_SATISFIED] = {"satisfied", "удовлетворены"},
    [MSG_LOW_EFFORT] = {"low effort", "малые усилия"},
    [MSG_MEAN] = {"mean", "среднее"},
    [MSG_INDEX_NPS] = {"NPS", "NPS"},
    [MSG_INDEX_CSAT] = {"CSAT", "CSAT"},
    [MSG_BAND] = {"band", "оценка"},
    [MSG_NO_BANDS] = {"no band set (see --bands)", "нет шкалы оценок (см. --bands)"},
    [MSG_NA] = {"n/a", "н/д"},
    [MSG_DISTRIBUTION] = {"distribution", "распределение"},
    [MSG_AGREE] = {"agree: high = easy", "согласие: выше = легче"},
    [MSG_EFFORT] = {"effort: low = easy", "усилия: ниже = легче"},
};

const char *msg(out_lang lang, msg_id id)
{
    return table[id][lang == LANG_RU];
}
