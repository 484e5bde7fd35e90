/* state_read.c - merges state files (-f state) back into one run's histograms. */
#include "state.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "metrics.h"
#include "text.h"

typedef struct line_reader {
    const char *path;
    FILE *err;
    uint64_t line;
    char **field;
    size_t nfield, cap;
    size_t next; /* the next field to take */
    bool bad;
    char none[1]; /* the field taken past the last one: empty, and writable like the others */
} line_reader;

static int bad(line_reader *lr, const char *what)
{
    if (!lr->bad)
        diag_at(lr->err, (diag_place){lr->path, lr->line, 0}, "%s", what);
    lr->bad = true;
    return EXIT_DATA;
}

/* Split a line at tabs, in place. */
static bool split(line_reader *lr, char *text)
{
    lr->nfield = 0;
    lr->next = 0;
    for (char *p = text;;) {
        if (lr->nfield == lr->cap) {
            size_t cap = lr->cap ? lr->cap * 2 : 64;
            char **f = realloc(lr->field, cap * sizeof *f);
            if (!f)
                return false;
            lr->field = f;
            lr->cap = cap;
        }
        lr->field[lr->nfield++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            return true;
        *tab = '\0';
        p = tab + 1;
    }
}

static const char *take(line_reader *lr)
{
    if (lr->next == lr->nfield) {
        bad(lr, "a line with too few fields");
        lr->none[0] = '\0';
        return lr->none; /* callers unescape fields in place */
    }
    return lr->field[lr->next++];
}

/* Undo put_escaped() in place.  @return the length. */
static size_t unescape(line_reader *lr, char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '%') {
            s[o++] = s[i];
            continue;
        }
        unsigned v = 0;
        for (int k = 1; k <= 2; k++) {
            char c = s[i + k];
            unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                         : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
            if (d == 16) {
                bad(lr, "a bad %XX escape");
                return o;
            }
            v = v * 16 + d;
        }
        s[o++] = (char)v;
        i += 2;
    }
    s[o] = '\0';
    return o;
}

static cx_u128 take_u128(line_reader *lr)
{
    const char *s = take(lr);
    cx_u128 v = 0, max = ~(cx_u128)0;
    if (!*s)
        bad(lr, "a missing number");
    for (; *s; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (d > 9 || v > (max - d) / 10) {
            bad(lr, "not a count");
            return 0;
        }
        v = v * 10 + d;
    }
    return v;
}

static uint64_t take_u64(line_reader *lr)
{
    cx_u128 v = take_u128(lr);
    if (v > UINT64_MAX) {
        bad(lr, "a count too large");
        return 0;
    }
    return (uint64_t)v;
}

static bool add_u64(uint64_t *a, uint64_t b)
{
    if (*a > UINT64_MAX - b)
        return false;
    *a += b;
    return true;
}

/* Read one HIST group and add it to h (and w). */
static void take_hists(line_reader *lr, const survey *s, cx_hist *h, cx_whist *w)
{
    for (int m = 0; m < CX_METRIC_COUNT && !lr->bad; m++) {
        if (!s->active[m])
            continue;
        int bins = s->scale[m].hi - s->scale[m].lo + 1;
        cx_hist add;
        cx_whist wadd;
        cx_hist_init(&add);
        cx_whist_init(&wadd);
        add.blank = take_u64(lr);
        add.invalid = take_u64(lr);
        for (int i = 0; i < bins; i++)
            add.count[i] = take_u64(lr);
        for (int i = 0; w && i < bins; i++)
            wadd.w[i] = take_u128(lr);
        for (int i = 0; w && i < bins; i++)
            wadd.w2[i] = take_u128(lr);
        if (lr->bad)
            return;
        /* the merged counts must not wrap, nor any total or sum of scores made of them */
        cx_hist sum = h[m];
        bool ok = add_u64(&sum.blank, add.blank) && add_u64(&sum.invalid, add.invalid);
        for (int i = 0; i < bins && ok; i++)
            ok = add_u64(&sum.count[i], add.count[i]);
        ok = ok && cx_hist_fits(&sum, &s->scale[m]);
        if (!ok || (w && cx_whist_merge(&w[m], &wadd) != CX_OK)) {
            bad(lr, "the merged counts are too large to keep exactly");
            return;
        }
        h[m] = sum;
    }
    if (lr->next != lr->nfield)
        bad(lr, "a line with too many fields");
}

/* Keep a configuration name for the options to point to. */
static const char *keep(state_config *cfg, line_reader *lr, char *s)
{
    size_t n = unescape(lr, s);
    if (cfg->strings_len + n + 1 > cfg->strings_cap) {
        /* a fixed store: names cannot move once options point to them */
        bad(lr, "configuration names too long");
        return "";
    }
    char *d = cfg->strings + cfg->strings_len;
    memcpy(d, s, n + 1);
    cfg->strings_len += n + 1;
    return d;
}

/* The first state's configuration becomes the run's. */
static void configure(survey *s, run_plan *o, state_config *cfg, line_reader *lr,
                      const char *kind)
{
    if (strcmp(kind, "scale") == 0) {
        const char *name = take(lr);
        int m;
        for (m = 0; m < CX_METRIC_COUNT && strcmp(cx_metric_name((cx_metric)m), name) != 0; m++)
            ;
        if (m == CX_METRIC_COUNT) {
            bad(lr, "an unknown metric");
            return;
        }
        int v[6];
        for (int i = 0; i < 6; i++) {
            uint64_t x = take_u64(lr);
            v[i] = x > 100 ? 100 : (int)x; /* no scale reaches 100: refused below */
        }
        cx_ces_direction dir = strcmp(take(lr), "effort") == 0 ? CX_CES_EFFORT : CX_CES_AGREE;
        /* only a scale cxstat makes: the one its options give for these numbers */
        cx_scale made;
        cx_status st = metric_scale((cx_metric)m, v[1], v[2], dir, &made);
        if (st != CX_OK || made.lo != v[0] || made.hi != v[1] || made.good_lo != v[2] ||
            made.good_hi != v[3] || made.bad_lo != v[4] || made.bad_hi != v[5] ||
            (metric_def_of((cx_metric)m)->directed && made.direction != dir)) {
            bad(lr, "a scale cxstat does not make");
            return;
        }
        s->scale[m] = made;
        s->active[m] = true;
    } else if (strcmp(kind, "group") == 0) {
        if (o->ngroup == MAX_GROUP_COLUMNS) {
            bad(lr, "more than 8 group columns");
            return;
        }
        o->group[o->ngroup++] = keep(cfg, lr, (char *)(uintptr_t)take(lr));
    } else if (strcmp(kind, "period") == 0) {
        o->period = keep(cfg, lr, (char *)(uintptr_t)take(lr));
        if (cx_every_parse(take(lr), &o->every) != CX_OK)
            bad(lr, "an unknown period unit");
    } else if (strcmp(kind, "compare") == 0) {
        o->compare = keep(cfg, lr, (char *)(uintptr_t)take(lr));
        o->compare_value[0] = keep(cfg, lr, (char *)(uintptr_t)take(lr));
        o->compare_value[1] = keep(cfg, lr, (char *)(uintptr_t)take(lr));
    } else if (strcmp(kind, "weight") == 0) {
        o->weight = keep(cfg, lr, (char *)(uintptr_t)take(lr));
        groups_free(&s->groups);
        groups_init(&s->groups, true);
    }
}

static bool is_config(const char *kind)
{
    return strcmp(kind, "scale") == 0 || strcmp(kind, "group") == 0 ||
           strcmp(kind, "period") == 0 || strcmp(kind, "compare") == 0 ||
           strcmp(kind, "weight") == 0;
}

/* The n bytes at p are the string v. */
static bool same_text(const char *p, size_t n, const char *v)
{
    return strlen(v) == n && memcmp(p, v, n) == 0;
}

/* A period key that names a period cxstat can label (the years 1000 to 9999). */
static bool period_in_range(const char *p, size_t n, cx_every every)
{
    char label[32];
    return n == PERIOD_KEY_BYTES && cx_period_label(period_decode(p), every, label, sizeof label) > 0;
}

static void take_row(line_reader *lr, survey *s)
{
    const run_plan *o = s->plan;
    uint64_t records = take_u64(lr), parts = take_u64(lr);
    /* the key's parts: the -g values, then the compared value or the period */
    uint64_t want = o->ngroup + (o->compare != NULL) + (o->period != NULL);
    if (!lr->bad && (want == 0 || parts != want)) {
        bad(lr, "a row whose key does not fit the configuration's columns");
        return;
    }
    key_builder *kb = &s->key;
    kb->len = 0;
    for (uint64_t i = 0; i < parts && !lr->bad; i++) {
        if (lr->next == lr->nfield) {
            bad(lr, "a line with too few fields");
            return;
        }
        char *p = lr->field[lr->next++];
        size_t n = unescape(lr, p);
        if (o->compare && i == o->ngroup && !same_text(p, n, o->compare_value[0]) &&
            !same_text(p, n, o->compare_value[1]))
            bad(lr, "a row in neither compared segment");
        else if (o->period && i == parts - 1 && !period_in_range(p, n, o->every))
            bad(lr, "a row whose period is not one");
        else if (!key_add(kb, p, n))
            bad(lr, "out of memory");
    }
    if (lr->bad)
        return;
    group *g;
    groups_status st = groups_get(&s->groups, kb->buf, kb->len, &g);
    if (st != GROUPS_OK) {
        bad(lr, st == GROUPS_ELIMIT ? "too many groups" : "out of memory");
        return;
    }
    group_table *t = &s->groups;
    st = groups_add_records(t, g, records);
    if (st != GROUPS_OK) {
        bad(lr, st == GROUPS_EOVERFLOW ? "the merged counts are too large to keep exactly"
                                       : "out of memory");
        return;
    }
    cx_hist h[CX_METRIC_COUNT];
    cx_whist w[CX_METRIC_COUNT];
    groups_hists(t, g, h, w);
    take_hists(lr, s, h, t->weighted ? w : NULL);
    for (int m = 0; m < CX_METRIC_COUNT && !lr->bad; m++)
        if (s->active[m] && groups_set(t, g, (cx_metric)m, &h[m], &w[m]) != GROUPS_OK)
            bad(lr, "out of memory");
}

static void take_counts(line_reader *lr, survey *s)
{
    uint64_t *to[] = {&s->records, &s->malformed, &s->weight_invalid, &s->period_invalid,
                      &s->compare_other, &s->skipped};
    for (size_t i = 0; i < sizeof to / sizeof to[0]; i++)
        if (!add_u64(to[i], take_u64(lr)))
            bad(lr, "the merged counts are too large to keep exactly");
}

/* Append a configuration line to text (the file's), for comparing files. */
static bool append(char **text, size_t *len, const char *line)
{
    size_t n = strlen(line);
    char *t = realloc(*text, *len + n + 2);
    if (!t)
        return false;
    memcpy(t + *len, line, n);
    t[*len + n] = '\n';
    t[*len + n + 1] = '\0';
    *text = t;
    *len += n + 1;
    return true;
}

int state_merge(survey *s, run_plan *o, state_config *cfg, const char *path)
{
    bool std_in = strcmp(path, "-") == 0;
    char *name = text_escape(survey_display_name(path)); /* printed: control bytes escaped */
    if (!name) {
        diag_error(s->err, "out of memory");
        return EXIT_DATA;
    }
    FILE *fp = std_in ? stdin : fopen(path, "rb");
    int rc = EXIT_DATA;
    if (!fp) {
        diag_at(s->err, (diag_place){name, 0, 0}, "%s", strerror(errno));
    } else {
        rc = state_merge_stream(s, o, cfg, fp, name);
        if (!std_in)
            fclose(fp);
    }
    free(name);
    return rc;
}

/* One reading of a stream of states: where it is, and the state being read. */
typedef struct merging {
    survey *s;
    run_plan *o;
    state_config *cfg;
    line_reader lr;
    bool first;      /* the state read sets the configuration */
    bool body;       /* its configuration lines are over */
    bool ended;      /* its end line was read */
    uint64_t rows;   /* its row lines so far */
    uint64_t start;  /* the line of its magic line */
    char *config;    /* its configuration lines, to compare with the first state's */
    size_t config_len;
} merging;

/* Another state after an end line (cat a.state b.state | cxstat merge -). */
static void next_state(merging *mg)
{
    mg->first = false;
    mg->body = mg->ended = false;
    mg->rows = 0;
    free(mg->config);
    mg->config = NULL;
    mg->config_len = 0;
    mg->start = mg->lr.line;
}

static void config_line(merging *mg, const char *copy, const char *kind)
{
    if (mg->body)
        bad(&mg->lr, "a configuration line after the counts");
    else if (!append(&mg->config, &mg->config_len, copy))
        bad(&mg->lr, "out of memory");
    else if (mg->first)
        configure(mg->s, mg->o, mg->cfg, &mg->lr, kind);
}

/* The configuration is complete: it becomes the run's, or must be the first file's. */
static void config_done(merging *mg)
{
    if (mg->first) {
        mg->cfg->text = mg->config ? mg->config : strdup("");
        mg->config = NULL;
        if (!mg->cfg->text)
            bad(&mg->lr, "out of memory");
    } else if (strcmp(mg->config ? mg->config : "", mg->cfg->text) != 0) {
        bad(&mg->lr, "made with other columns, scales or options than the first state file");
    }
    mg->body = true;
}

static void body_line(merging *mg, const char *kind)
{
    line_reader *lr = &mg->lr;
    survey *s = mg->s;
    if (mg->ended) {
        bad(lr, "a line after the end");
    } else if (strcmp(kind, "end") == 0) {
        mg->ended = true;
        if (take_u64(lr) != mg->rows)
            bad(lr, "the end line counts other rows than the file has: not a whole state");
    } else if (strcmp(kind, "input") == 0) {
        char *name = (char *)(uintptr_t)take(lr);
        unescape(lr, name);
        if (!survey_add_input(s, name))
            bad(lr, "out of memory");
    } else if (strcmp(kind, "counts") == 0) {
        take_counts(lr, s);
    } else if (strcmp(kind, "total") == 0) {
        take_hists(lr, s, s->hist, mg->o->weight ? s->whist : NULL);
    } else if (strcmp(kind, "row") == 0) {
        take_row(lr, s);
        mg->rows++;
    } else {
        bad(lr, "an unknown line");
    }
}

/* One line of the stream, without its line end (got bytes). */
static void merge_line(merging *mg, char *line, size_t got)
{
    line_reader *lr = &mg->lr;
    if (mg->ended && strcmp(line, STATE_MAGIC) == 0) {
        next_state(mg);
        return;
    }
    if (lr->line == mg->start) {
        if (strcmp(line, STATE_MAGIC) != 0)
            bad(lr, "not a cxstat state file (written by -f state)");
        return;
    }
    if (memchr(line, '\0', got)) {
        bad(lr, "a NUL byte");
        return;
    }
    char *copy = strdup(line);
    if (!copy || !split(lr, line)) {
        free(copy);
        bad(lr, "out of memory");
        return;
    }
    const char *kind = take(lr);
    bool config = is_config(kind);
    if (config)
        config_line(mg, copy, kind);
    free(copy);
    if (config)
        return;
    if (!mg->body)
        config_done(mg);
    if (!lr->bad)
        body_line(mg, kind);
}

/* Why a stream that read to its end without a bad line is still no whole state. */
static void merge_end(merging *mg, FILE *fp)
{
    line_reader *lr = &mg->lr;
    if (!lr->bad && errno == ENOMEM) { /* a line longer than memory holds: not the end */
        lr->line++;
        bad(lr, "a line too long for the memory there is (out of memory)");
    }
    if (!lr->bad && ferror(fp))
        bad(lr, strerror(errno));
    if (!lr->bad && lr->line == 0)
        bad(lr, "empty: not a cxstat state file");
    if (!lr->bad && !mg->ended)
        bad(lr, "no end line: a state file cut short");
}

int state_merge_stream(survey *s, run_plan *o, state_config *cfg, FILE *fp, const char *path)
{
    merging mg = {.s = s, .o = o, .cfg = cfg, .lr = {.path = path, .err = s->err},
                  .first = cfg->text == NULL, .start = 1};
    if (mg.first) /* the states, not --require, say which metrics there are */
        for (int m = 0; m < CX_METRIC_COUNT; m++)
            s->active[m] = false;
    if (mg.first && !cfg->strings) {
        cfg->strings_cap = (size_t)64 * 1024;
        cfg->strings = malloc(cfg->strings_cap);
    }
    if (!cfg->strings)
        bad(&mg.lr, "out of memory");
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while (!mg.lr.bad && (errno = 0, got = getline(&line, &cap, fp)) >= 0) {
        mg.lr.line++;
        if (got > 0 && line[got - 1] == '\n')
            line[--got] = '\0';
        merge_line(&mg, line, (size_t)got);
    }
    merge_end(&mg, fp);
    free(line);
    free(mg.config);
    free(mg.lr.field);
    s->metrics_fixed = true;
    return mg.lr.bad ? EXIT_DATA : EXIT_OK;
}

void state_config_free(state_config *cfg)
{
    free(cfg->text);
    free(cfg->strings);
    memset(cfg, 0, sizeof *cfg);
}
