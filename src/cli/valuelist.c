/* valuelist.c - a CSV record of values, split in place. */
#include "valuelist.h"

static char *skip_blanks(char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* One quoted value from p (at its opening quote) written to w; *end past it. */
static bool quoted(char *p, char *w, char **end, char **wend)
{
    for (p++;; p++) {
        if (*p == '\0')
            return false;
        if (*p == '"') {
            if (p[1] != '"')
                break;
            p++;
        }
        *w++ = *p;
    }
    *end = skip_blanks(p + 1);
    *wend = w;
    return **end == ',' || **end == '\0';
}

bool valuelist_split(char *arg, const char **out, size_t max, size_t *n)
{
    char *p = arg;
    *n = 0;
    for (;;) {
        if (*n == max)
            return false;
        p = skip_blanks(p);
        char *start = p, *w;
        if (*p == '"') {
            if (!quoted(p, p, &p, &w))
                return false;
        } else {
            while (*p && *p != ',')
                p++;
            w = p;
            while (w > start && (w[-1] == ' ' || w[-1] == '\t'))
                w--;
        }
        char sep = *p;
        *w = '\0';
        out[(*n)++] = start;
        if (sep == '\0')
            return true;
        p++;
    }
}
