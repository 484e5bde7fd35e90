/* require.c - parses --require checks and decides them on the displayed value. */
#include "require.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct field_def {
    const char *name;
    require_field field;
} field_def;

static const field_def fields[] = {
    {"ci_low", RF_CI_LOW},
    {"ci_high", RF_CI_HIGH},
    {"moe", RF_MOE},
    {"n", RF_N},
    {"change", RF_CHANGE},
    {"change_ci_low", RF_CHANGE_CI_LOW},
    {"change_ci_high", RF_CHANGE_CI_HIGH},
    {"significant_drop", RF_SIG_DROP},
    {"significant_rise", RF_SIG_RISE},
    {"significant_change", RF_SIG_CHANGE},
};

static const char *const scopes[] = {"", "total", "last"};

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

/* The length of a name: ASCII letters and underscores. */
static size_t name_length(const char *s)
{
    size_t len = 0;
    while ((s[len] >= 'a' && s[len] <= 'z') || (s[len] >= 'A' && s[len] <= 'Z') ||
           s[len] == '_')
        len++;
    return len;
}

static bool name_is(const char *s, size_t len, const char *name)
{
    return strlen(name) == len && strncasecmp(s, name, len) == 0;
}

static bool is_flag(require_field f)
{
    return f >= RF_SIG_DROP;
}

bool require_reads_change(const require_check *check)
{
    return check->field >= RF_CHANGE;
}

/* "total:" or "last:" before the figure; *s moves past it. */
static require_scope parse_scope(const char **s)
{
    size_t len = name_length(*s);
    const char *after = skip_spaces(*s + len);
    if (*after != ':')
        return SCOPE_ALL;
    for (size_t i = 1; i < sizeof scopes / sizeof scopes[0]; i++)
        if (name_is(*s, len, scopes[i])) {
            *s = skip_spaces(after + 1);
            return (require_scope)i;
        }
    return (require_scope)-1;
}

/* "METRIC[.FIELD]": *s moves past it.  @return false when unknown. */
static bool parse_figure(const char **s, require_check *check, bool *lead)
{
    size_t len = name_length(*s);
    if (len == 0 || !metric_figure_named(*s, len, &check->metric, &check->fig))
        return false;
    check->field = RF_VALUE;
    *lead = metric_def_of(check->metric)->lead == check->fig;
    *s += len;
    if (**s != '.')
        return true;
    len = name_length(++*s);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (name_is(*s, len, fields[i].name)) {
            check->field = fields[i].field;
            *s += len;
            return true;
        }
    return false;
}

/* "OP NUMBER" to the end. */
static bool parse_bound(const char *s, require_check *check)
{
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
    check->op = od->op;
    return cx_decimal_parse(s, nlen, &check->bound) == CX_OK;
}

bool require_parse(const char *text, require_check *check)
{
    require_check c = {.text = text};
    const char *s = skip_spaces(text);
    c.scope = parse_scope(&s);
    if (c.scope == (require_scope)-1)
        return false;
    if (*s == '!') {
        c.negate = true;
        s = skip_spaces(s + 1);
    }
    bool lead = false;
    if (!parse_figure(&s, &c, &lead))
        return false;
    s = skip_spaces(s);
    if (is_flag(c.field) ? *s != '\0' : (c.negate || !parse_bound(s, &c)))
        return false; /* a flag stands alone; "!" negates only a flag */
    if (require_reads_change(&c)) {
        if (!lead || c.scope == SCOPE_TOTAL)
            return false; /* a change is of the lead figure, and the total has none */
        c.scope = SCOPE_LAST; /* the first period has no change: all rows would fail */
    }
    *check = c;
    return true;
}

const char *require_field_name(const require_check *check, char *buf, size_t size)
{
    const char *field = NULL;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i].field == check->field)
            field = fields[i].name;
    snprintf(buf, size, "%s%s%s", metric_def_of(check->metric)->figure[check->fig],
             field ? "." : "", field ? field : "");
    return buf;
}

bool require_holds(const require_check *check, bool defined, int64_t scaled, unsigned prec)
{
    if (!defined || is_flag(check->field))
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

bool require_flag_holds(const require_check *check, bool defined, bool flag)
{
    return defined && is_flag(check->field) && flag != check->negate;
}
