/* wordsets.c - the built-in label sets, as tables. */
#include "wordsets.h"

#include "text.h"

typedef struct word {
    const char *text;
    int score;
} word;

/* Each set: its words, several spellings per score where forms differ. */
static const word sat_en[] = {
    {"Very dissatisfied", 1}, {"Dissatisfied", 2}, {"Somewhat dissatisfied", 2},
    {"Neutral", 3}, {"Neither satisfied nor dissatisfied", 3}, {"Satisfied", 4},
    {"Somewhat satisfied", 4}, {"Very satisfied", 5}, {NULL, 0},
};
static const word sat_ru[] = {
    {"Полностью не удовлетворен", 1}, {"Совсем не удовлетворен", 1}, {"Очень недоволен", 1},
    {"Скорее не удовлетворен", 2}, {"Не удовлетворен", 2}, {"Недоволен", 2},
    {"Нейтрально", 3}, {"Ни то ни другое", 3}, {"Скорее удовлетворен", 4},
    {"Удовлетворен", 4}, {"Доволен", 4}, {"Полностью удовлетворен", 5},
    {"Очень доволен", 5}, {NULL, 0},
};
static const word agree5_en[] = {
    {"Strongly disagree", 1}, {"Disagree", 2}, {"Neither agree nor disagree", 3},
    {"Neutral", 3}, {"Agree", 4}, {"Strongly agree", 5}, {NULL, 0},
};
static const word agree5_ru[] = {
    {"Полностью не согласен", 1}, {"Совершенно не согласен", 1}, {"Скорее не согласен", 2},
    {"Не согласен", 2}, {"Нейтрально", 3}, {"Ни да ни нет", 3}, {"Скорее согласен", 4},
    {"Согласен", 4}, {"Полностью согласен", 5}, {"Совершенно согласен", 5}, {NULL, 0},
};
static const word agree7_en[] = {
    {"Strongly disagree", 1}, {"Disagree", 2}, {"Somewhat disagree", 3},
    {"Neither agree nor disagree", 4}, {"Neutral", 4}, {"Somewhat agree", 5}, {"Agree", 6},
    {"Strongly agree", 7}, {NULL, 0},
};

typedef struct wordset {
    const word *words;
    cx_metric metric;
    int hi;
    const char *describe;
} wordset;

static const wordset sets[WORDSET_COUNT] = {
    [WORDSET_SAT_EN] = {sat_en, CX_CSAT, 5,
                        "satisfaction (en): 1 Very dissatisfied ... 5 Very satisfied"},
    [WORDSET_SAT_RU] = {sat_ru, CX_CSAT, 5,
                        "satisfaction (ru): 1 Полностью не удовлетворен ... 5 Полностью "
                        "удовлетворен"},
    [WORDSET_AGREE5_EN] = {agree5_en, CX_CES, 5,
                           "agreement (en): 1 Strongly disagree ... 5 Strongly agree"},
    [WORDSET_AGREE5_RU] = {agree5_ru, CX_CES, 5,
                           "agreement (ru): 1 Полностью не согласен ... 5 Полностью согласен"},
    [WORDSET_AGREE7_EN] = {agree7_en, CX_CES, 7,
                           "agreement (en, 7 points): 1 Strongly disagree ... 7 Strongly agree"},
};

wordset_id wordsets_find(const cx_scale *scale, const char *text, size_t len, int *score)
{
    for (int id = 1; id < WORDSET_COUNT; id++) {
        const wordset *ws = &sets[id];
        if (ws->metric != scale->metric || ws->hi != scale->hi || scale->lo != 1)
            continue;
        if (ws->metric == CX_CES && scale->direction != CX_CES_AGREE)
            continue; /* agreement words say nothing of an effort scale's direction */
        for (const word *w = ws->words; w->text; w++)
            if (text_name_equal(text, len, w->text)) {
                *score = w->score;
                return (wordset_id)id;
            }
    }
    return WORDSET_NONE;
}

const char *wordsets_describe(wordset_id id)
{
    return id > WORDSET_NONE && id < WORDSET_COUNT ? sets[id].describe : "";
}
