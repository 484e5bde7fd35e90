/* require.c - parses --require checks and decides them on the displayed value. */
#include "require.h"

#include <string.h>

typedef struct op_def {
    const char *text;
    require_op op;
} op_def;

/* Two-character operators before their one-character prefixes. */
static const op_def ops[] = {
    {">=", OP_GE}, {"<=", OP_LE}, {"==", OP_EQ}, {">", OP_GT}, {"<", OP_LT},
};

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

bool require_parse(const char *text, require_check *check)
{
    const char *s = skip_spaces(text);
    size_t len = 0;
    while ((s[len] >= 'a' && s[len] <= 'z') || s[len] == '_')
        len++;
    cx_metric metric;
    figure_kind fig;
    if (!metric_figure_named(s, len, &metric, &fig))
        return false;
    s = skip_spaces(s + len);
    const op_def *od = NULL;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0] && !od; i++)
        if (strncmp(ops[i].text, s, strlen(ops[i].text)) == 0)
            od = &ops[i];
    if (!od)
        return false;
    s = skip_spaces(s + strlen(od->text));
    size_t nlen = strlen(s);
    while (nlen > 0 && (s[nlen - 1] == ' ' || s[nlen - 1] == '\t'))
        nlen--;
    if (cx_decimal_parse(s, nlen, &check->bound) != CX_OK)
        return false;
    check->text = text;
    check->metric = metric;
    check->fig = fig;
    check->op = od->op;
    return true;
}

bool require_holds(const require_check *check, bool defined, int64_t scaled, unsigned prec)
{
    if (!defined)
        return false;
    int c = cx_decimal_compare((cx_decimal){.mant = scaled, .exp = prec}, check->bound);
    switch (check->op) {
    case OP_GE: return c >= 0;
    case OP_GT: return c > 0;
    case OP_LE: return c <= 0;
    case OP_LT: return c < 0;
    case OP_EQ: return c == 0;
    }
    return false;
}
