/* i18n.c - the table of report words: one row per message, one column per language. */
#include "i18n.h"

#include <string.h>

static const char *const table[MSG_COUNT][2] = {
    [MSG_INPUT] = {"Input", "Вход"},
    [MSG_FILES] = {"files", "файлов"},
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
    [MSG_LEVEL_TITLE] = {"Customer orientation of employees (level)",
                         "Клиентоориентированность сотрудников (уровень)"},
    [MSG_LEVEL] = {"level", "уровень"},
    [MSG_CI] = {"CI", "ДИ"},
    [MSG_TOTAL] = {"(total)", "(итого)"},
    [MSG_BLANK_KEY] = {"(blank)", "(пусто)"},
    [MSG_RECORDS_COL] = {"records", "записей"},
    [MSG_CHANGE] = {"change", "изменение"},
    [MSG_VS] = {"vs", "и"},
    [MSG_UNTESTED] = {"too few answers to test", "слишком мало ответов для проверки"},
    [MSG_NOTE_WIDE] = {"margin of error above 10 points", "погрешность больше 10 пунктов"},
    [MSG_NOTE_INDICATIVE] = {"fewer than 30 answers: indicative only",
                             "меньше 30 ответов: только ориентир"},
    [MSG_WEIGHTED] = {"weighted", "взвешено"},
    [MSG_RESPONSE_RATE] = {"response rate", "доля ответивших"},
    [MSG_PERIOD] = {"period", "период"},
    [MSG_DIFFERENCE] = {"difference", "разница"},
    [MSG_FIGURE] = {"figure", "показатель"},
    [MSG_VERDICT] = {"verdict", "вывод"},
    [MSG_CES_MEAN] = {"CES mean", "CES среднее"},
    [MSG_CSAT_MEAN] = {"CSAT mean", "CSAT среднее"},
    [MSG_LOW_EFFORT_PCT] = {"low effort %", "малые усилия %"},
};

const char *i18n_records(out_lang lang, uint64_t n)
{
    if (lang != LANG_RU)
        return n == 1 ? "record" : "records";
    /* Russian: 1, 21, 31... запись; 2-4, 22-24... записи; the rest записей */
    if (n % 10 == 1 && n % 100 != 11)
        return "запись";
    if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14))
        return "записи";
    return "записей";
}

/* The built-in bands' ids in Russian (band files' ids are shown as written). */
static const char *const band_ids[][2] = {
    {"good", "хорошо"},          {"develop", "развивать"},   {"act", "действовать"},
    {"favorite", "фаворит"},     {"known", "узнаваем"},      {"unvalued", "не ценят"},
    {"average", "средне"},       {"improve", "улучшать"},    {"strategic", "стратегический"},
    {"strong", "сильный"},       {"basic", "базовый"},       {"limited", "ограниченный"},
    {"negative", "негативный"},
};

const char *i18n_band_id(out_lang lang, const char *id)
{
    for (size_t i = 0; lang == LANG_RU && i < sizeof band_ids / sizeof band_ids[0]; i++)
        if (strcmp(band_ids[i][0], id) == 0)
            return band_ids[i][1];
    return id;
}

const char *i18n_text(out_lang lang, msg_id id)
{
    return table[id][lang == LANG_RU];
}
