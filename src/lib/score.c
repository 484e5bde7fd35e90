/* score.c - reads one answer as exports write it, and says why a field is not an answer. */
#include "cxstat.h"
#include "scan.h"

/*
 * Digits beyond any scale's top saturate here, so a 20-digit number is out of
 * range without overflowing, and leading zeros ("0009") still read as 9.
 */
#define SCORE_CAP 1000

static bool is_label_start(char c)
{
    return c == ' ' || c == '-' || c == '(' || c == ':';
}

/* A space that is not a tab: ' ' or a Unicode space ("10\u00a0- Extremely likely"). */
static bool wide_space(const char *text, size_t p, size_t end)
{
    return text[p] != '\t' && scan_space_len(text, p, end) > 0;
}

/* A label begins at text[p]: a separator, a space, or ". " ("10. Extremely likely"). */
static bool label_at(const char *text, size_t p, size_t end)
{
    if (is_label_start(text[p]) || wide_space(text, p, end))
        return true;
    return text[p] == '.' && p + 1 < end && wide_space(text, p + 1, end);
}

/*
 * A label that ends with its number: "Extremely likely - 10", "Very satisfied
 * (5)".  The label has no digit and ends with a label separator; the number
 * is whole.  @return true with *value set (capped like a leading number).
 */
static bool trailing_number(const char *text, size_t p, size_t end, int *value)
{
    bool closed = end > p && text[end - 1] == ')';
    if (closed)
        end--;
    size_t d = end;
    while (d > p && scan_digit(text[d - 1]))
        d--;
    /* a '-' touching the number reads as its sign: "Likely -9" is not 9 */
    if (d == end || d == p || text[d - 1] == '-' ||
        (!is_label_start(text[d - 1]) &&
         (text[d - 1] == '\t' || scan_space_before(text, p, d) == 0)))
        return false;
    if ((text[d - 1] == '(') != closed) /* "(5)" both or neither */
        return false;
    for (size_t i = p; i < d; i++)
        if (scan_digit(text[i]))
            return false;
    int v = 0;
    for (size_t i = d; i < end; i++) {
        v = v * 10 + (text[i] - '0');
        if (v > SCORE_CAP)
            v = SCORE_CAP;
    }
    *value = v;
    return true;
}

/*
 * The field is first matched against the whole shape - [sign] digits
 * [(.|,) digits] [label] - so anything else is CX_ENOTNUM; only a field of
 * that shape is then judged for its sign, its fraction and its range, in that
 * order.
 */
cx_status cx_score_parse(const cx_scale *scale, const char *text, size_t len, int *score)
{
    size_t p, end;
    bool sign, fraction = false;
    int value = 0;
    cx_status st;

    /* The common answer, one or two digits and nothing else, at once: what
     * the reading below gives for it. */
    if (text != NULL && (len == 1 || len == 2) && scan_digit(text[0]) && scan_digit(text[len - 1])) {
        value = len == 1 ? text[0] - '0' : (text[0] - '0') * 10 + (text[1] - '0');
        if (value < scale->lo || value > scale->hi)
            return CX_ERANGE;
        *score = value;
        return CX_OK;
    }
    st = scan_field(text, len, &p, &end);
    if (st != CX_OK)
        return st;

    sign = text[p] == '+' || text[p] == '-';
    if (sign)
        p++;
    if (p == end || !scan_digit(text[p])) {
        if (sign || !trailing_number(text, p, end, &value))
            return CX_ENOTNUM;
        if (value < scale->lo || value > scale->hi)
            return CX_ERANGE;
        *score = value;
        return CX_OK;
    }
    for (; p < end && scan_digit(text[p]); p++) {
        value = value * 10 + (text[p] - '0');
        if (value > SCORE_CAP)
            value = SCORE_CAP;
    }

    if (p < end && (text[p] == '.' || text[p] == ',') && !label_at(text, p, end)) {
        if (++p == end || !scan_digit(text[p]))
            return CX_ENOTNUM;
        for (; p < end && scan_digit(text[p]); p++)
            fraction = fraction || text[p] != '0';
    }

    if (p < end && !label_at(text, p, end))
        return CX_ENOTNUM;
    for (; p < end; p++)
        if (scan_digit(text[p]))
            return CX_ENOTNUM;

    if (sign)
        return CX_ESIGN;
    if (fraction)
        return CX_EFRACTION;
    if (value < scale->lo || value > scale->hi)
        return CX_ERANGE;
    *score = value;
    return CX_OK;
}
