/* spss.c - SPSS and Stata files through libreadstat, as header and records of text. */
#include "spss.h"

#include <errno.h>
#include <math.h>
#include <readstat.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "text.h"

/* ---- the file as libreadstat sees it: a descriptor or a buffer ------------- */

typedef struct source {
    const unsigned char *buf; /* the file in memory, or NULL: fd */
    int fd;
    uint64_t base, size, pos; /* the file is bytes base..base+size of fd */
} source;

static int src_open(const char *path, void *io)
{
    (void)path;
    ((source *)io)->pos = 0;
    return 0;
}

static int src_close(void *io)
{
    (void)io;
    return 0;
}

static readstat_off_t src_seek(readstat_off_t off, readstat_io_flags_t whence, void *io)
{
    source *s = io;
    int64_t from = whence == READSTAT_SEEK_SET   ? 0
                   : whence == READSTAT_SEEK_CUR ? (int64_t)s->pos
                                                 : (int64_t)s->size;
    if (off < -from || (uint64_t)(from + off) > s->size)
        return -1;
    s->pos = (uint64_t)(from + off);
    return (readstat_off_t)s->pos;
}

static ssize_t src_read(void *buf, size_t n, void *io)
{
    source *s = io;
    size_t want = s->size - s->pos < n ? (size_t)(s->size - s->pos) : n, got = 0;
    if (s->buf && want) {
        memcpy(buf, s->buf + s->pos, want);
        got = want;
    }
    while (!s->buf && got < want) {
        ssize_t r = pread(s->fd, (char *)buf + got, want - got, (off_t)(s->base + s->pos + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    s->pos += got;
    return (ssize_t)got;
}

static readstat_error_t src_update(long size, readstat_progress_handler progress, void *user,
                                   void *io)
{
    (void)size, (void)progress, (void)user, (void)io;
    return READSTAT_OK;
}

/* ---- what is kept of the file ---------------------------------------------- */

/* The kinds of date a display format names. */
enum { DATE_NONE, DATE_DAY, DATE_TIME };

/* How a wanted column's values become text. */
typedef enum mode {
    MODE_STRING,      /* a string variable: its text */
    MODE_NUMBER,      /* the code as a number */
    MODE_LABEL,       /* the code's value label, or the number when it has none */
    MODE_LABEL_SCORE, /* the number the code's label starts with */
    MODE_DATE         /* ISO 8601 */
} mode;

typedef struct vlabel {
    size_t set;   /* index into the set names */
    char tag;     /* a Stata missing value's letter (.a-.z); 0 for a code */
    double code;
    char *text;
    bool has_score;
    int score;    /* the whole number the text starts with */
} vlabel;

/* A user-missing value (or Stata's .a-.z) of a scored column and how often it came. */
typedef struct missing_count {
    double code;
    char tag;
    uint64_t n;
} missing_count;
#define MISSING_KEPT 8

typedef struct column {
    char *name, *label, *format, *set_name;
    bool numeric;
    size_t set;       /* index into the set names; SIZE_MAX: no labels */
    bool wanted;
    spss_column role;
    mode mode;
    /* a scored column's codes (pass 2) */
    double *codes;    /* distinct non-missing codes, sorted; at most SPSS_MAX_CODES */
    size_t ncodes;
    bool many;        /* more distinct codes than kept */
    bool fraction;    /* a code that is not a whole number */
    double lo, hi;    /* the least and greatest code */
    uint64_t values;  /* non-missing codes */
    missing_count missing[MISSING_KEPT];
    size_t nmissing;
    uint64_t missing_total;
} column;

typedef struct spss {
    const spss_config *cfg;
    const spss_callbacks *cb;
    spss_result *res;
    readstat_parser_t *parser;
    column *col;
    size_t ncol;
    char **sets;      /* value label set names */
    size_t nsets;
    vlabel *labels;
    size_t nlabels, labels_cap;
    unsigned char *want_mask; /* a copy of what the header callback asked for */
    size_t want_len;
    bool header_seen; /* pass 1 ended at the first value */
    size_t set_cap;   /* longest value label set name + 1 the format allows */
    /* the record being built (pass 3) */
    long obs;         /* its case, -1 before the first */
    reader_field *fields;
    size_t *start;    /* each wanted field's offset in text; SIZE_MAX: not given */
    char *text;
    size_t text_len, text_cap;
} spss;

/* Codes are compared exactly: a label belongs to one code, as in SPSS. */
static bool same(double a, double b)
{
    return !(a < b) && !(a > b);
}

static bool whole(double v)
{
    return same(v, floor(v));
}

static int fail(spss *p, spss_status st)
{
    if (p->res->status == SPSS_OK)
        p->res->status = st;
    return READSTAT_HANDLER_ABORT;
}

/* A copy of at most cap bytes of s ("" for NULL). */
static char *dup_or_empty(const char *s, size_t cap)
{
    return s ? strndup(s, cap) : strdup("");
}

/*
 * libreadstat 1.1.8 hands a Stata file's value label set names straight from
 * fixed-width fields that a damaged file need not end with a NUL: a name is
 * read no further than its field (9, 33 or 129 bytes by version), and one
 * that fills it is malformed.
 */
static int on_metadata(readstat_metadata_t *m, void *ctx)
{
    spss *p = ctx;
    int v = readstat_get_file_format_version(m);
    p->set_cap = !p->cfg->stata ? 256 : v < 110 ? 9 : v < 118 ? 33 : 129;
    return READSTAT_HANDLER_OK;
}

/* The length of a set name, or SIZE_MAX (noted) when it does not end in its field. */
static size_t set_name_len(spss *p, const char *set)
{
    size_t cap = p->set_cap ? p->set_cap : 129, n = set ? strnlen(set, cap) : 0;
    if (n < cap)
        return n;
    snprintf(p->res->message, sizeof p->res->message, "a value label name without its end");
    fail(p, SPSS_EPARSE);
    return SIZE_MAX;
}

static bool wanted(const spss *p, size_t c)
{
    return c < p->want_len && p->want_mask[c];
}

/* ---- pass 1: the variables ------------------------------------------------ */

static int on_variable(int index, readstat_variable_t *v, const char *set, void *ctx)
{
    spss *p = ctx;
    if (index < 0 || (size_t)index != p->ncol || p->ncol >= READER_MAX_FIELDS)
        return fail(p, index < 0 || (size_t)index != p->ncol ? SPSS_EPARSE : SPSS_EFIELD);
    column *c = realloc(p->col, (p->ncol + 1) * sizeof *c);
    if (!c)
        return fail(p, SPSS_ENOMEM);
    p->col = c;
    c = &p->col[p->ncol++];
    memset(c, 0, sizeof *c);
    c->set = SIZE_MAX;
    c->numeric = readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_NUMERIC;
    size_t n = set_name_len(p, set);
    if (n == SIZE_MAX)
        return READSTAT_HANDLER_ABORT;
    c->name = dup_or_empty(readstat_variable_get_name(v), sizeof v->name);
    c->label = dup_or_empty(readstat_variable_get_label(v), sizeof v->label);
    c->format = dup_or_empty(readstat_variable_get_format(v), sizeof v->format);
    c->set_name = n ? strndup(set, n) : NULL;
    if (!c->name || !c->label || !c->format || (n && !c->set_name))
        return fail(p, SPSS_ENOMEM);
    return READSTAT_HANDLER_OK;
}

/* The first value: every variable is known, which is all the first pass wants. */
static int on_first_value(int obs, readstat_variable_t *v, readstat_value_t value, void *ctx)
{
    (void)obs, (void)v, (void)value;
    ((spss *)ctx)->header_seen = true;
    return READSTAT_HANDLER_ABORT;
}

/* ---- pass 2: the value labels and the scored columns' codes ----------------- */

/* The whole number a label starts with ("10 - Extremely likely"), if it does. */
static bool label_score(const char *s, int *score)
{
    while (*s == ' ' || *s == '\t')
        s++;
    bool neg = *s == '-';
    s += neg;
    if (*s < '0' || *s > '9')
        return false;
    long v = 0;
    while (*s >= '0' && *s <= '9' && v < 1000000)
        v = v * 10 + (*s++ - '0');
    if (*s >= '0' && *s <= '9')
        return false;
    /* "2.5 stars", "5th" and a digit before a non-ASCII letter are not whole numbers */
    if (((*s == '.' || *s == ',') && s[1] >= '0' && s[1] <= '9') ||
        (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (unsigned char)*s >= 0x80)
        return false;
    *score = (int)(neg ? -v : v);
    return true;
}

static size_t set_index(spss *p, const char *name)
{
    for (size_t i = p->nsets; i-- > 0;)
        if (strcmp(p->sets[i], name) == 0)
            return i;
    char **s = realloc(p->sets, (p->nsets + 1) * sizeof *s);
    if (!s)
        return SIZE_MAX;
    p->sets = s;
    if (!(s[p->nsets] = strdup(name)))
        return SIZE_MAX;
    return p->nsets++;
}

static int on_value_label(const char *set, readstat_value_t value, const char *text, void *ctx)
{
    spss *p = ctx;
    if (readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC ||
        readstat_value_is_system_missing(value))
        return READSTAT_HANDLER_OK; /* string variables keep their text */
    if (p->nlabels == p->labels_cap) {
        size_t cap = p->labels_cap ? 2 * p->labels_cap : 64;
        vlabel *l = realloc(p->labels, cap * sizeof *l);
        if (!l)
            return fail(p, SPSS_ENOMEM);
        p->labels = l;
        p->labels_cap = cap;
    }
    vlabel *l = &p->labels[p->nlabels];
    size_t n = set_name_len(p, set);
    if (n == SIZE_MAX)
        return READSTAT_HANDLER_ABORT;
    char name[257];
    snprintf(name, sizeof name, "%.*s", (int)n, n ? set : "");
    l->set = set_index(p, name);
    l->tag = 0;
    if (readstat_value_is_tagged_missing(value))
        l->tag = readstat_value_tag(value);
    l->code = l->tag ? 0 : readstat_double_value(value);
    l->text = dup_or_empty(text, READER_MAX_FIELD);
    if (l->set == SIZE_MAX || !l->text) {
        free(l->text);
        return fail(p, SPSS_ENOMEM);
    }
    l->has_score = label_score(l->text, &l->score);
    p->nlabels++;
    return READSTAT_HANDLER_OK;
}

/* Only the wanted variables' values are delivered (and one, so cases are seen). */
static int on_variable_skip(int index, readstat_variable_t *v, const char *set, void *ctx)
{
    const spss *p = ctx;
    (void)v, (void)set;
    if (index < 0 || (size_t)index >= p->ncol)
        return READSTAT_HANDLER_OK;
    return index == 0 || wanted(p, (size_t)index) ? READSTAT_HANDLER_OK
                                                  : READSTAT_HANDLER_SKIP_VARIABLE;
}

static void count_missing(column *c, double code, char tag)
{
    c->missing_total++;
    for (size_t i = 0; i < c->nmissing; i++)
        if (same(c->missing[i].code, code) && c->missing[i].tag == tag) {
            c->missing[i].n++;
            return;
        }
    if (c->nmissing < MISSING_KEPT)
        c->missing[c->nmissing++] = (missing_count){code, tag, 1};
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void add_code(column *c, double code)
{
    c->lo = c->values == 0 || code < c->lo ? code : c->lo;
    c->hi = c->values == 0 || code > c->hi ? code : c->hi;
    c->values++;
    c->fraction = c->fraction || !whole(code);
    if (c->many || (c->ncodes && bsearch(&code, c->codes, c->ncodes, sizeof code, cmp_double)))
        return;
    if (c->ncodes == SPSS_MAX_CODES) {
        c->many = true;
        return;
    }
    size_t i = c->ncodes++;
    while (i > 0 && c->codes[i - 1] > code) {
        c->codes[i] = c->codes[i - 1];
        i--;
    }
    c->codes[i] = code;
}

static int on_code(int obs, readstat_variable_t *v, readstat_value_t value, void *ctx)
{
    spss *p = ctx;
    (void)obs;
    int i = readstat_variable_get_index(v);
    if (i < 0 || (size_t)i >= p->ncol)
        return fail(p, SPSS_EPARSE);
    column *c = &p->col[i];
    if (!c->wanted || !c->role.scored || !c->numeric ||
        readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC ||
        readstat_value_is_system_missing(value))
        return READSTAT_HANDLER_OK;
    if (readstat_value_is_tagged_missing(value)) {
        count_missing(c, 0, readstat_value_tag(value));
        return READSTAT_HANDLER_OK;
    }
    double code = readstat_double_value(value);
    if (readstat_value_is_defined_missing(value, v))
        count_missing(c, code, 0);
    else if (isfinite(code))
        add_code(c, code);
    return READSTAT_HANDLER_OK;
}

/* ---- between passes 2 and 3: each scored column's way to its answers --------- */

static int cmp_label(const void *a, const void *b)
{
    const vlabel *x = a, *y = b;
    if (x->set != y->set)
        return x->set < y->set ? -1 : 1;
    if (x->tag != y->tag)
        return x->tag < y->tag ? -1 : 1;
    return (x->code > y->code) - (x->code < y->code);
}

static const vlabel *find_label(const spss *p, size_t set, double code, char tag)
{
    vlabel key = {.set = set, .code = code, .tag = tag};
    return set == SIZE_MAX || p->nlabels == 0
               ? NULL
               : bsearch(&key, p->labels, p->nlabels, sizeof key, cmp_label);
}

static void say(const spss *p, bool note, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(const spss *p, bool note, const char *fmt, ...)
{
    if (!p->cfg->err || (note && p->cfg->quiet))
        return;
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): false alarm, see diag.c
    va_end(ap);
    diag_at(p->cfg->err, (diag_place){p->cfg->name, 0, 0}, "%s", text);
}

/* A number as the CSV export would write it: "11", "2.5". */
static int number_text(char *buf, size_t size, double v)
{
    if (whole(v) && fabs(v) < 1e15)
        return snprintf(buf, size, "%.0f", v);
    return snprintf(buf, size, "%.15g", v);
}

/* The label of a code for a message: ' "Don't know"' or "". */
static void quoted_label(const spss *p, const column *c, double code, char tag, char *buf,
                         size_t size)
{
    const vlabel *l = find_label(p, c->set, code, tag);
    buf[0] = '\0';
    if (l) {
        char q[96];
        text_quote(q, sizeof q, l->text, strlen(l->text));
        snprintf(buf, size, " %s", q);
    }
}

/* Say how many answers were user-missing, by code and label. */
static void note_missing(const spss *p, const column *c)
{
    char list[512] = "", item[200], num[32], lab[128];
    size_t len = 0;
    for (size_t i = 0; i < c->nmissing && len < sizeof list; i++) {
        const missing_count *m = &c->missing[i];
        if (m->tag)
            snprintf(num, sizeof num, ".%c", m->tag);
        else
            number_text(num, sizeof num, m->code);
        quoted_label(p, c, m->code, m->tag, lab, sizeof lab);
        snprintf(item, sizeof item, "%s%s%s (%llu)", i ? ", " : "", num, lab,
                 (unsigned long long)c->missing[i].n);
        len += (size_t)snprintf(list + len, sizeof list - len, "%s", item);
    }
    uint64_t shown = 0;
    for (size_t i = 0; i < c->nmissing; i++)
        shown += c->missing[i].n;
    say(p, true, "%s: %llu user-missing answer%s counted as blank: %s%s", c->name,
        (unsigned long long)c->missing_total, c->missing_total == 1 ? "" : "s", list,
        shown < c->missing_total ? ", and others" : "");
}

/* With --labels: codes without a value label go on as numbers, which is said. */
static void note_unlabelled(const spss *p, const column *c)
{
    size_t n = 0;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < c->ncodes; i++)
        if (!find_label(p, c->set, c->codes[i], 0)) {
            lo = n == 0 ? c->codes[i] : lo;
            hi = c->codes[i];
            n++;
        }
    if (n == 0)
        return;
    char a[32], b[32];
    number_text(a, sizeof a, lo);
    number_text(b, sizeof b, hi);
    say(p, true, "%s: %zu code%s without a value label (%s to %s) read as the numbers they are",
        c->name, n, n == 1 ? "" : "s", a, b);
}

/* True when every code has a label that starts with a whole number on the scale. */
static bool labels_are_scores(const spss *p, const column *c, int *lo, int *hi, bool *differ)
{
    if (c->set == SIZE_MAX || c->many || c->ncodes == 0)
        return false;
    *differ = false;
    for (size_t i = 0; i < c->ncodes; i++) {
        const vlabel *l = find_label(p, c->set, c->codes[i], 0);
        if (!l || !l->has_score || l->score < c->role.lo || l->score > c->role.hi)
            return false;
        *lo = i == 0 || l->score < *lo ? l->score : *lo;
        *hi = i == 0 || l->score > *hi ? l->score : *hi;
        *differ = *differ || !same(l->score, c->codes[i]);
    }
    return true;
}

/* The first code (of those kept) that is no score on the scale, for the refusal. */
static double offending_code(const spss *p, const column *c)
{
    for (size_t i = 0; i < c->ncodes; i++) {
        const vlabel *l = find_label(p, c->set, c->codes[i], 0);
        bool code_ok = c->codes[i] >= c->role.lo && c->codes[i] <= c->role.hi &&
                       whole(c->codes[i]);
        bool label_ok = l && l->has_score && l->score >= c->role.lo && l->score <= c->role.hi;
        if (!code_ok && !label_ok)
            return c->codes[i];
    }
    return c->ncodes ? c->codes[c->ncodes - 1] : c->hi;
}

static bool decide_scored(spss *p, column *c)
{
    int lo = 0, hi = 0;
    bool differ = false;
    if (c->missing_total)
        note_missing(p, c);
    if (c->role.label_text) {
        c->mode = MODE_LABEL;
        note_unlabelled(p, c);
        return true;
    }
    char a[32];
    if (labels_are_scores(p, c, &lo, &hi, &differ)) {
        char b[32];
        c->mode = MODE_LABEL_SCORE;
        number_text(a, sizeof a, c->lo);
        number_text(b, sizeof b, c->hi);
        if (differ)
            say(p, true, "%s: codes %s-%s carry labels %d-%d; scoring the labels", c->name,
                a, b, lo, hi);
        return true;
    }
    c->mode = MODE_NUMBER;
    bool fit = c->values == 0 || (!c->fraction && c->lo >= c->role.lo && c->hi <= c->role.hi);
    if (fit || c->set == SIZE_MAX)
        return true; /* unlabelled codes off the scale are invalid answers, as in CSV */
    double bad = offending_code(p, c);
    char lab[128];
    number_text(a, sizeof a, bad);
    quoted_label(p, c, bad, 0, lab, sizeof lab);
    say(p, false, "%s: code %s%s is not on the %s scale %d-%d, and not every code's label "
        "starts with a score on it; give each label its score with --labels=%s:FILE, or "
        "make the code user-missing", c->name, a, lab, c->role.metric ? c->role.metric : "",
        c->role.lo, c->role.hi, c->role.metric ? c->role.metric : "METRIC");
    p->res->status = SPSS_ELABELS;
    return false;
}

static int date_kind(const char *format, bool stata);

static bool decide(spss *p)
{
    if (p->nlabels)
        qsort(p->labels, p->nlabels, sizeof *p->labels, cmp_label);
    for (size_t i = 0; i < p->ncol; i++) {
        column *c = &p->col[i];
        if (c->set_name) {
            size_t s = set_index(p, c->set_name);
            if (s == SIZE_MAX) {
                fail(p, SPSS_ENOMEM);
                return false;
            }
            c->set = s;
        }
        if (!c->wanted)
            continue;
        if (!c->numeric)
            c->mode = MODE_STRING;
        else if (c->role.scored) {
            if (!decide_scored(p, c))
                return false;
        } else if (c->set != SIZE_MAX)
            c->mode = MODE_LABEL;
        else if (date_kind(c->format, p->cfg->stata) != DATE_NONE)
            c->mode = MODE_DATE;
        else
            c->mode = MODE_NUMBER;
    }
    return true;
}

/* ---- dates -------------------------------------------------------------- */

typedef struct date_format {
    const char *prefix;
    bool stata;
    int kind;
} date_format;

/* SPSS formats are a type and a width ("DATE11"); Stata's may be "%-td" or carry a mask. */
static const date_format date_formats[] = {
    {"DATETIME", false, DATE_TIME}, {"YMDHMS", false, DATE_TIME}, {"DATE", false, DATE_DAY},
    {"ADATE", false, DATE_DAY},     {"EDATE", false, DATE_DAY},   {"SDATE", false, DATE_DAY},
    {"JDATE", false, DATE_DAY},     {"%td", true, DATE_DAY},      {"%d", true, DATE_DAY},
    {"%tc", true, DATE_TIME},       {"%tC", true, DATE_TIME},
};

static int date_kind(const char *format, bool stata)
{
    char f[16];
    size_t k = 0;
    for (const char *s = format; *s && k + 1 < sizeof f; s++)
        if (!(stata && s == format + 1 && *s == '-')) /* "%-td": left-aligned */
            f[k++] = *s;
    f[k] = '\0';
    for (size_t i = 0; i < sizeof date_formats / sizeof date_formats[0]; i++) {
        const date_format *d = &date_formats[i];
        size_t n = strlen(d->prefix);
        if (d->stata != stata || strncmp(f, d->prefix, n) != 0)
            continue;
        /* SPSS: the type is followed by its width only ("DATE11", not "DATETIME") */
        if (!stata && f[n] != '\0' && (f[n] < '0' || f[n] > '9'))
            continue;
        return d->kind;
    }
    return DATE_NONE;
}

/* The civil date of a day number counted from 1970-01-01 (Gregorian, proleptic). */
static void civil(int64_t days, int *y, int *m, int *d)
{
    int64_t z = days + 719468; /* days since 0000-03-01 */
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Day numbers from 1970-01-01 of SPSS's and Stata's epochs, 1582-10-14 and 1960-01-01. */
#define SPSS_EPOCH_DAYS (-141428)
#define STATA_EPOCH_DAYS (-3653)

bool spss_date_text(const char *format, bool stata, double value, char *buf, size_t size)
{
    int kind = date_kind(format ? format : "", stata);
    if (kind == DATE_NONE || !isfinite(value))
        return false;
    /* whole seconds since the epoch; Stata %td counts days, %tc milliseconds */
    double secs = !stata ? value : kind == DATE_DAY ? value * 86400.0 : value / 1000.0;
    if (fabs(secs) > 1e12) /* past years 1..9999 either way */
        return false;
    int64_t t = (int64_t)floor(secs);
    int64_t day = (t >= 0 ? t : t - 86399) / 86400, sod = t - day * 86400;
    int y, m, d;
    civil(day + (stata ? STATA_EPOCH_DAYS : SPSS_EPOCH_DAYS), &y, &m, &d);
    if (y < 1 || y > 9999)
        return false;
    if (kind == DATE_DAY)
        snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, (int)(sod / 3600),
                 (int)(sod / 60 % 60), (int)(sod % 60));
    return true;
}

/* ---- pass 3: the records ------------------------------------------------- */

static bool text_room(spss *p, size_t n)
{
    if (n > READER_MAX_FIELD || p->text_len + n > READER_MAX_FIELD * 2) {
        fail(p, SPSS_EFIELD);
        return false;
    }
    if (p->text && p->text_len + n <= p->text_cap)
        return true; /* (an empty field too needs a buffer to point into) */
    size_t cap = p->text_cap ? p->text_cap : 4096;
    while (cap < p->text_len + n)
        cap *= 2;
    char *t = realloc(p->text, cap);
    if (!t) {
        fail(p, SPSS_ENOMEM);
        return false;
    }
    p->text = t;
    p->text_cap = cap;
    return true;
}

static bool put_text(spss *p, size_t c, const char *s, size_t n)
{
    if (!text_room(p, n))
        return false;
    p->start[c] = p->text_len;
    memcpy(p->text + p->text_len, s, n);
    p->text_len += n;
    p->fields[c].len = n;
    return true;
}

/* Hand the record built so far to the caller. */
static int flush(spss *p)
{
    if (p->obs < 0)
        return 0;
    for (size_t i = 0; i < p->ncol; i++) {
        bool given = p->start[i] != SIZE_MAX;
        p->fields[i].ptr = wanted(p, i) ? (given ? p->text + p->start[i] : "") : NULL;
        if (!given)
            p->fields[i].len = 0;
    }
    uint64_t line = (uint64_t)p->obs + 2;
    p->res->records++;
    if (p->cb->base.record &&
        p->cb->base.record(p->cb->base.ctx, p->fields, p->ncol, line) != 0) {
        p->res->line = line;
        return fail(p, SPSS_STOPPED);
    }
    for (size_t i = 0; i < p->ncol; i++)
        p->start[i] = SIZE_MAX;
    p->text_len = 0;
    p->obs = -1;
    return 0;
}

static bool numeric_text(spss *p, size_t i, readstat_variable_t *v, readstat_value_t value)
{
    const column *c = &p->col[i];
    if (readstat_value_is_missing(value, v))
        return true; /* blank */
    double x = readstat_double_value(value);
    char buf[64];
    const vlabel *l = c->mode == MODE_LABEL || c->mode == MODE_LABEL_SCORE
                          ? find_label(p, c->set, x, 0) : NULL;
    if (l && c->mode == MODE_LABEL)
        return put_text(p, i, l->text, strlen(l->text));
    if (l && l->has_score)
        snprintf(buf, sizeof buf, "%d", l->score);
    else if (!(c->mode == MODE_DATE &&
               spss_date_text(c->format, p->cfg->stata, x, buf, sizeof buf)))
        number_text(buf, sizeof buf, x);
    return put_text(p, i, buf, strlen(buf));
}

static int on_record_value(int obs, readstat_variable_t *v, readstat_value_t value, void *ctx)
{
    spss *p = ctx;
    int i = readstat_variable_get_index(v);
    if (i < 0 || (size_t)i >= p->ncol || obs < 0)
        return fail(p, SPSS_EPARSE);
    if (obs != p->obs && flush(p) != 0)
        return READSTAT_HANDLER_ABORT;
    p->obs = obs;
    if (!wanted(p, (size_t)i) || p->start[i] != SIZE_MAX)
        return READSTAT_HANDLER_OK;
    bool ok;
    if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
        const char *s = readstat_value_is_missing(value, v) ? NULL : readstat_string_value(value);
        ok = put_text(p, (size_t)i, s ? s : "", s ? strlen(s) : 0);
    } else {
        ok = numeric_text(p, (size_t)i, v, value);
    }
    return ok ? READSTAT_HANDLER_OK : READSTAT_HANDLER_ABORT;
}

/* ---- the passes ---------------------------------------------------------- */

static void on_error(const char *message, void *ctx)
{
    spss *p = ctx;
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == '.'))
        n--;
    snprintf(p->res->message, sizeof p->res->message, "%.*s", (int)n, message);
}

static readstat_error_t parse(spss *p, readstat_variable_handler var, readstat_value_handler val,
                              readstat_value_label_handler lab)
{
    readstat_set_variable_handler(p->parser, var);
    readstat_set_value_handler(p->parser, val);
    readstat_set_value_label_handler(p->parser, lab);
    return p->cfg->stata ? readstat_parse_dta(p->parser, "", p)
                                        : readstat_parse_sav(p->parser, "", p);
}

/* A parse that ended with an error of its own: EPARSE with libreadstat's message. */
static bool parsed(spss *p, readstat_error_t e, bool abort_ok)
{
    if (p->res->status != SPSS_OK)
        return false;
    if (e == READSTAT_OK || (abort_ok && e == READSTAT_ERROR_USER_ABORT))
        return true;
    p->res->status = e == READSTAT_ERROR_MALLOC ? SPSS_ENOMEM : SPSS_EPARSE;
    if (p->res->message[0] == '\0')
        snprintf(p->res->message, sizeof p->res->message, "%s", readstat_error_message(e));
    return false;
}

/* The header: the names (and labels) to the caller, its wanted columns back. */
static bool give_header(spss *p)
{
    size_t n = p->ncol;
    reader_field *f = calloc(n ? n : 1, sizeof *f);
    p->fields = calloc(n ? n : 1, sizeof *p->fields);
    p->start = malloc((n ? n : 1) * sizeof *p->start);
    if (!f || !p->fields || !p->start) {
        free(f);
        fail(p, SPSS_ENOMEM);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        f[i] = (reader_field){p->col[i].label, strlen(p->col[i].label)};
        p->start[i] = SIZE_MAX;
    }
    if (p->cb->labels)
        p->cb->labels(p->cb->base.ctx, f, n);
    for (size_t i = 0; i < n; i++)
        f[i] = (reader_field){p->col[i].name, strlen(p->col[i].name)};
    reader_want want = {NULL, 0};
    int stop = p->cb->base.header && p->cb->base.header(p->cb->base.ctx, f, n, 1, &want);
    free(f);
    if (stop) {
        p->res->line = 1;
        fail(p, SPSS_STOPPED);
        return false;
    }
    size_t len = want.len < n ? want.len : n;
    p->want_mask = calloc(len ? len : 1, 1);
    if (!p->want_mask) {
        fail(p, SPSS_ENOMEM);
        return false;
    }
    if (len)
        memcpy(p->want_mask, want.mask, len);
    p->want_len = len;
    for (size_t i = 0; i < n; i++) {
        column *c = &p->col[i];
        c->wanted = wanted(p, i);
        if (c->wanted && p->cb->column)
            p->cb->column(p->cb->base.ctx, i, &c->role);
        if (c->wanted && c->role.scored && !(c->codes = malloc(SPSS_MAX_CODES * sizeof(double)))) {
            fail(p, SPSS_ENOMEM);
            return false;
        }
    }
    return true;
}

static void run(spss *p)
{
    p->obs = -1;
    readstat_error_t e = parse(p, on_variable, on_first_value, NULL);
    if (!parsed(p, e, p->header_seen))
        return;
    if (!give_header(p))
        return;
    if (!parsed(p, parse(p, on_variable_skip, on_code, on_value_label), false) || !decide(p))
        return;
    p->res->records = 0;
    if (parsed(p, parse(p, on_variable_skip, on_record_value, NULL), false))
        flush(p);
}

static void release(spss *p)
{
    for (size_t i = 0; i < p->ncol; i++) {
        column *c = &p->col[i];
        free(c->name);
        free(c->label);
        free(c->format);
        free(c->set_name);
        free(c->codes);
    }
    for (size_t i = 0; i < p->nsets; i++)
        free(p->sets[i]);
    for (size_t i = 0; i < p->nlabels; i++)
        free(p->labels[i].text);
    free(p->col);
    free(p->sets);
    free(p->labels);
    free(p->want_mask);
    free(p->fields);
    free(p->start);
    free(p->text);
}

static spss_status read_source(source *src, const spss_config *cfg, const spss_callbacks *cb,
                               spss_result *res)
{
    spss p;
    memset(&p, 0, sizeof p);
    memset(res, 0, sizeof *res);
    p.cfg = cfg;
    p.cb = cb;
    p.res = res;
    p.parser = readstat_parser_init();
    if (!p.parser) {
        res->status = SPSS_ENOMEM;
        return res->status;
    }
    readstat_set_open_handler(p.parser, src_open);
    readstat_set_close_handler(p.parser, src_close);
    readstat_set_seek_handler(p.parser, src_seek);
    readstat_set_read_handler(p.parser, src_read);
    readstat_set_update_handler(p.parser, src_update);
    readstat_set_io_ctx(p.parser, src);
    readstat_set_error_handler(p.parser, on_error);
    readstat_set_metadata_handler(p.parser, on_metadata);
    run(&p);
    readstat_parser_free(p.parser);
    release(&p);
    return res->status;
}

spss_status spss_read_fd(int fd, uint64_t offset, const spss_config *cfg,
                         const spss_callbacks *cb, spss_result *res)
{
    struct stat st;
    source src = {.fd = fd, .base = offset};
    if (fstat(fd, &st) != 0 || (uint64_t)st.st_size < offset) {
        memset(res, 0, sizeof *res);
        snprintf(res->message, sizeof res->message, "%s", strerror(errno ? errno : EINVAL));
        return res->status = SPSS_EPARSE;
    }
    src.size = (uint64_t)st.st_size - offset;
    return read_source(&src, cfg, cb, res);
}

spss_status spss_read_buffer(const void *buf, size_t len, const spss_config *cfg,
                             const spss_callbacks *cb, spss_result *res)
{
    source src = {.buf = buf, .fd = -1, .size = len};
    return read_source(&src, cfg, cb, res);
}



const char *spss_strerror(spss_status status)
{
    switch (status) {
    case SPSS_OK: return "success";
    case SPSS_STOPPED: return "stopped by the caller";
    case SPSS_EPARSE: return "not a readable file";
    case SPSS_ENOMEM: return "out of memory";
    case SPSS_EFIELD: return "a value longer than 64 MiB, or more than 1048576 variables";
    case SPSS_ELABELS: return "codes that are no scores";
    }
    return "unknown status";
}
