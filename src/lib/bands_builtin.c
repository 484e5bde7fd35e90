/* bands_builtin.c - the band sets the domain documents give (METRICS.md section 5), as data. */
#include <string.h>

#include "cxstat.h"

/* One band, written like its interval: BAND('[', 50, 100, ']', ...) is [50,100]. */
#define BAND(lb, a, b, rb, name, en, ru)                                                \
    {.lo = {(a), 0}, .hi = {(b), 0}, .lo_open = (lb) == '(', .hi_open = (rb) == ')',       \
     .id = (name), .label_en = (en), .label_ru = (ru)}

/* Best band first, as in the METRICS.md tables; data/bands/ holds the same sets as files. */
static const cx_bandset builtin[] = {
    {"nps", CX_NPS, 3, {
        BAND('[', 50, 100, ']', "good", "Customer focus is at a good level",
             "Система клиентоориентированности на хорошем уровне"),
        BAND('[', 30, 50, ')', "develop", "Service works well but needs development",
             "Сервис неплохо работает, но его нужно развивать"),
        BAND('[', -100, 30, ')', "act", "Research the causes and take action",
             "Необходимо провести исследование компании и принять меры"),
    }},
    {"nps-market", CX_NPS, 3, {
        BAND('(', 50, 100, ']', "favorite", "You are among the favourites",
             "Вы среди фаворитов"),
        BAND('[', 10, 50, ']', "known", "The brand is known, but customer focus must grow",
             "Бренд узнаваем, но нужно повышать клиентоориентированность"),
        BAND('[', -100, 10, ')', "unvalued", "Customers do not value your products and company",
             "Потребители не ценят вашу продукцию и компанию"),
    }},
    {"csat", CX_CSAT, 3, {
        BAND('(', 80, 100, ']', "good", "Good in any industry",
             "У вас всё хорошо, независимо от отрасли"),
        BAND('[', 60, 80, ']', "average", "Average: compare with your own history and industry",
             "Средний уровень: сравните со своей историей и отраслью"),
        BAND('[', 0, 60, ')', "improve", "Much room for improvement",
             "Есть много возможностей для улучшения"),
    }},
    /* 001, table 2: a mean rating maps to the nearest level (METRICS.md section 4). */
    {"level", CX_LEVEL, 5, {
        {.lo = {45, 1}, .hi = {5, 0}, .id = "strategic", .label_en = "Strategic",
         .label_ru = "Стратегический"},
        {.lo = {35, 1}, .hi = {45, 1}, .hi_open = true, .id = "strong", .label_en = "Strong",
         .label_ru = "Сильный"},
        {.lo = {25, 1}, .hi = {35, 1}, .hi_open = true, .id = "basic", .label_en = "Basic",
         .label_ru = "Базовый"},
        {.lo = {15, 1}, .hi = {25, 1}, .hi_open = true, .id = "limited", .label_en = "Limited",
         .label_ru = "Ограниченный"},
        {.lo = {1, 0}, .hi = {15, 1}, .hi_open = true, .id = "negative", .label_en = "Negative",
         .label_ru = "Негативный"},
    }},
};

#define BUILTIN_COUNT (sizeof builtin / sizeof builtin[0])

static const cx_bandset *const default_set[CX_METRIC_COUNT] = {
    [CX_NPS] = &builtin[0],
    [CX_CSAT] = &builtin[2],
    [CX_CES] = NULL,
    [CX_LEVEL] = &builtin[3],
};

const cx_bandset *cx_bandset_builtin(const char *name)
{
    for (size_t i = 0; name != NULL && i < BUILTIN_COUNT; i++)
        if (strcmp(builtin[i].name, name) == 0)
            return &builtin[i];
    return NULL;
}

const cx_bandset *cx_bandset_builtin_at(size_t i)
{
    return i < BUILTIN_COUNT ? &builtin[i] : NULL;
}

const cx_bandset *cx_bandset_default(cx_metric metric)
{
    if ((unsigned)metric >= CX_METRIC_COUNT)
        return NULL;
    return default_set[metric];
}
