/* inputs.c - one input, from its name to its counts: format, stdin spooling, date order,
 * threads, and the reader's errors said with the file's name. */
#include "survey_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "columns.h"
#include "formats.h"
#include "parallel.h"
#include "source.h"
#include "text.h"

/* A binary input named for what it is, with what to do (FILE: the input's name). */
static void say_binary(survey *s, const signature_kind *k)
{
    const char *file = k->hint ? strstr(k->hint, "FILE") : NULL;
    diag_place at = {s->file, 0, 0};
    if (!k->hint)
        say(s, diag_at, at, "%s, not CSV text", k->what);
    else if (file && strcmp(s->file, "<stdin>") != 0)
        say(s, diag_at, at, "%s, not CSV text: %.*s%s%s", k->what, (int)(file - k->hint),
            k->hint, s->file, file + 4);
    else
        say(s, diag_at, at, "%s, not CSV text: %s", k->what, k->hint);
}

int survey_reader_error(survey *s, const reader_result *r)
{
    switch (r->status) {
    case READER_OK:
    case READER_STOPPED:
        return s->exit_code;
    case READER_EIO:
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s", strerror(r->errno_value));
        break;
    case READER_EEMPTY:
        say(s, diag_at, (diag_place){s->file, 0, 0}, "empty input: no header line");
        break;
    case READER_EFORMAT:
        say(s, diag_error, "%s%s", s->file, r->detail);
        break;
    case READER_ESAID: /* the format's reader said why */
        break;
    case READER_EXLSX: {
        /* on standard input there is no file name to put in a command */
        const char *in = strcmp(s->file, "<stdin>") == 0 ? "FILE.xlsx" : s->file;
        say(s, diag_at, (diag_place){s->file, 0, 0}, "an Excel workbook (XLSX), not CSV: save "
            "it as CSV, or convert it with 'xlsx2csv %s' or 'ssconvert %s out.csv'", in, in);
        break;
    }
    case READER_EBINARY:
        say_binary(s, r->binary);
        break;
    case READER_EENCODING:
        say(s, diag_at, (diag_place){s->file, r->line, 0}, "bytes that are not %s text%s", r->encoding ? r->encoding : "UTF-8",
                r->encoding ? "" : "; name the file's encoding, e.g. --encoding=cp1251");
        break;
    default:
        say(s, diag_at, (diag_place){s->file, r->line, 0}, "%s",
                reader_strerror(r->status));
        break;
    }
    return EXIT_DATA;
}

void survey_on_progress(void *ctx, uint64_t bytes)
{
    survey *s = ctx;
    progress_update(&s->progress, s->byte_base + bytes);
}

/* ---- a large file on several threads ------------------------------------ */
/* The option that reads the i-th wanted column (see wanted_column). */
static const char *wanted_option(size_t i)
{
    static const char *const role[ROLE_COUNT] = {"--period", "--weight", "--compare"};
    if (i < CX_METRIC_COUNT)
        return cx_metric_name((cx_metric)i);
    i -= CX_METRIC_COUNT;
    if (i < MAX_GROUP_COLUMNS)
        return "--group";
    i -= MAX_GROUP_COLUMNS;
    if (i < ROLE_COUNT)
        return role[i];
    return i - ROLE_COUNT < MAX_WHERE ? "--where" : "--show";
}

/*
 * Without a header, column numbers are taken on trust until the records are
 * read: one that no record of this input reaches counted nothing, which must
 * not pass for answers that are all missing.  Exit status as for a column
 * a header lacks: 2 in the first input, 3 in a later one.
 */
static int check_width(survey *s, uint64_t records_before)
{
    if (s->records == records_before)
        return EXIT_OK; /* no record: nothing was counted wrong */
    for (size_t i = 0; i < CX_METRIC_COUNT + MAX_GROUP_COLUMNS + ROLE_COUNT + MAX_WHERE +
                           s->nshow; i++) {
        size_t c = survey_wanted_column(s, i);
        if (c == NO_COLUMN || c < s->widest)
            continue;
        const char *opt = wanted_option(i);
        say(s, diag_at, (diag_place){s->file, 0, 0},
            "no record has a column %zu for %s%s; the widest has %zu field%s", c + 1,
            i < CX_METRIC_COUNT ? "--" : "", opt, s->widest, s->widest == 1 ? "" : "s");
        return s->exit_code = records_before ? EXIT_DATA : EXIT_USAGE;
    }
    return EXIT_OK;
}

/*
 * A regular file written to while it was read (appended to, truncated,
 * rewritten) gives counts of no version of it, and different ones at each
 * -j: its size and modification time after the reading must be those before.
 */
static int check_unchanged(survey *s, int fd, const struct stat *before)
{
    struct stat after;
    if (!source_changed(fd, before, &after))
        return EXIT_OK;
    say(s, diag_at, (diag_place){s->file, 0, 0},
        "changed while it was read (%lld bytes before, %lld after); read a copy that stays "
        "as it is", (long long)before->st_size, (long long)after.st_size);
    return s->exit_code = EXIT_DATA;
}

/*
 * The threads to read fd with: more than one only for a regular file whose
 * records are counted (not listed, not stopped at the first problem), read as
 * UTF-8, and large, unless -j was given.  *start is where its reading begins.
 */
static unsigned jobs_for(const survey *s, int fd, uint64_t *start, uint64_t *size)
{
    const run_plan *o = s->plan;
    bool split = !s->list && !o->strict && !o->encoding;
    return source_jobs(fd, split, o->jobs, MAX_JOBS, start, size);
}

/* The records a reading passed over, and the export layout that made it. */
static void took_over(survey *s, const reader_result *r)
{
    s->skipped += r->skipped;
    if (r->layout && !s->plan->quiet)
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s export: %llu header row%s after the "
            "column names passed over", r->layout, (unsigned long long)r->skipped,
                r->skipped == 1 ? "" : "s");
}

/* A workbook's sheet is chosen: notes name it from now on. */
static void on_part(void *ctx, const char *part)
{
    survey *s = ctx;
    char **list = realloc(s->sheets, (s->nsheets + 1) * sizeof *list);
    if (!list)
        return; /* notes then give the row without the sheet */
    s->sheets = list;
    if ((list[s->nsheets] = strdup(part)) != NULL)
        s->sheet = list[s->nsheets++];
}

/* ---- SPSS and Stata files: column names from variable labels, scored columns ---- */

static void on_stat_labels(void *ctx, const reader_field *labels, size_t n)
{
    survey *s = ctx;
    free(s->alias);
    s->alias = malloc((n ? n : 1) * sizeof *s->alias);
    if (s->alias && n)
        memcpy(s->alias, labels, n * sizeof *labels);
}

/* A metric's column is scored on its scale; --labels asks for the value labels as text. */
static void on_stat_column(void *ctx, size_t col, format_column *out)
{
    const survey *s = ctx;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        if (s->active[m] && s->col[m] == col) {
            *out = (format_column){.scored = true, .lo = s->scale[m].lo, .hi = s->scale[m].hi,
                                 .label_text = s->labels[m] != NULL,
                                 .metric = cx_metric_name((cx_metric)m)};
            return;
        }
}

/* Read an input of a format other than CSV (a pipe is spooled to a file first). */
static int read_format(survey *s, FILE *fp, const input_format *fmt, bool regular,
                       const unsigned char *sig, size_t nsig, const reader_config *cfg,
                       const reader_callbacks *cb)
{
    int fd = regular ? fileno(fp) : format_spool(fp, sig, nsig);
    if (fd < 0) {
        say(s, diag_at, (diag_place){s->file, 0, 0},
            "cannot keep the %s input in a temporary file: %s", fmt->name, strerror(errno));
        return EXIT_DATA;
    }
    /* a sheet's rows may be counted on several threads, when a CSV's could be */
    parallel_ops parts;
    survey_part_ops(s, &parts);
    format_options fo = {.sheet = s->plan->sheet, .err = s->plan->quiet ? NULL : s->err,
                         .refusals = s->err, .name = s->file, .ctx = s, .on_part = on_part,
                         .labels = on_stat_labels, .column = on_stat_column,
                         .jobs = s->plan->jobs,
                         .parts = !s->list && !s->plan->strict ? &parts : NULL};
    reader_result r;
    fmt->read(fd, cfg, &fo, cb, &r);
    if (!regular)
        close(fd);
    s->sheet = NULL;
    free(s->alias); /* a statistics file's variable labels name its columns only */
    s->alias = NULL;
    took_over(s, &r);
    return survey_reader_error(s, &r);
}

int survey_list_sheets(survey *s, const char *path, FILE *out)
{
    s->file = survey_display_name(path);
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s", strerror(errno));
        return EXIT_DATA;
    }
    unsigned char sig[FORMAT_SIG_MAX];
    bool regular;
    size_t nsig = source_peek(fp, sig, sizeof sig, &regular);
    const input_format *fmt = format_find(sig, nsig);
    int rc = EXIT_DATA;
    if (!fmt || !fmt->list) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "--list-sheets: not a workbook");
    } else {
        int fd = regular ? fileno(fp) : format_spool(fp, sig, nsig);
        reader_result r;
        if (fd < 0) {
            say(s, diag_at, (diag_place){s->file, 0, 0},
                "cannot keep the input in a temporary file: %s", strerror(errno));
        } else {
            fmt->list(fd, out, &r);
            rc = survey_reader_error(s, &r);
            if (!regular)
                close(fd);
        }
    }
    if (fp != stdin)
        fclose(fp);
    return rc;
}

/* A pipe's copy, to read its dates' order before its counts. */
static FILE *spool_copy(survey *s, FILE *fp, const unsigned char *taken, size_t ntaken)
{
    FILE *t = source_spool(fp, taken, ntaken);
    if (!t)
        say(s, diag_at, (diag_place){s->file, 0, 0}, "cannot keep the input in a temporary "
            "file to read its dates' order: %s", strerror(errno));
    return t;
}

/*
 * The order of "A/B/YYYY" dates in this file's --period column, from the
 * whole column: the first date only one order reads settles it.  A stream
 * that cannot be read twice is copied to a temporary file first (*spool).
 * When no date settles it, month first, with a warning.
 */
static bool settle_date_order(survey *s, FILE **fp, FILE **spool, const reader_config *cfg,
                              bool regular, const unsigned char *taken, size_t ntaken)
{
    date_order_scan sc;
    s->date_order = 0;
    if (!regular) {
        if (!(*spool = spool_copy(s, *fp, taken, ntaken)))
            return false;
        *fp = *spool;
    }
    if (!dates_scan_order(*fp, cfg, s->plan->period, &sc)) {
        say(s, diag_at, (diag_place){s->file, 0, 0}, "%s", strerror(errno));
        return false;
    }
    s->date_order = sc.order;
    if (sc.order || !sc.ambiguous[0])
        return true;
    s->date_order = CX_DATE_MDY;
    if (!s->plan->quiet)
        say(s, diag_at, (diag_place){s->file, 0, 0}, "warning: no date in column '%s' settles "
            "whether the day or the month comes first (as %s): read month first; if the day "
            "comes first, give --date-format='%%d/%%m/%%Y'", s->plan->period, sc.ambiguous);
    return true;
}

int survey_open_input(survey *s, const char *name, reader_callbacks *cb)
{
    if (!survey_add_input(s, name)) {
        say(s, diag_error, "out of memory");
        return EXIT_DATA;
    }
    s->file = s->inputs[s->ninputs - 1]; /* a note keeps it: it must live as long as s */
    s->input_index = s->ninputs;
    s->fields = s->widest = 0;
    *cb = (reader_callbacks){.ctx = s, .header = survey_on_header, .record = survey_on_record,
                             .unended = survey_on_unended, .progress = survey_on_progress};
    return EXIT_OK;
}

int survey_read_stream(survey *s, FILE *fp, const char *name)
{
    reader_callbacks cb;
    if (survey_open_input(s, name, &cb) != EXIT_OK)
        return EXIT_DATA;
    uint64_t records_before = s->records;
    const run_plan *o = s->plan;
    reader_config cfg = {.delim = o->delim, .header = o->header, .encoding = o->encoding,
                         .skip_lines = o->header_row - 1, .skip_records = o->skip,
                         .detect_layout = o->header && !o->skip_given};
    int rc = EXIT_OK;
    struct stat before; /* taken before the first byte is read, to see changes */
    bool watched = fstat(fileno(fp), &before) == 0 && S_ISREG(before.st_mode);
    unsigned char sig[FORMAT_SIG_MAX];
    bool regular;
    size_t nsig = source_peek(fp, sig, sizeof sig, &regular);
    const input_format *fmt = format_find(sig, nsig);
    if (fmt)
        return read_format(s, fp, fmt, regular, sig, nsig, &cfg, &cb);
    FILE *spool = NULL; /* a pipe's copy, with the bytes peek() took */
    if (o->period && !o->date_format &&
        !settle_date_order(s, &fp, &spool, &cfg, regular, sig, nsig))
        return EXIT_DATA;
    if (!regular && !spool) { /* the bytes taken go first */
        cfg.prefix = sig;
        cfg.prefix_len = nsig;
    }
    int fd = fileno(fp);
    reader_result r;
    uint64_t start = 0, size = 0;
    unsigned jobs = jobs_for(s, fd, &start, &size);
    /* with threads: read the header (and what must come before any chunk) here first */
    cfg.stop = jobs > 1;
    cfg.stop_records = o->header ? 0 : 1; /* without a header, the first record sets the width */
    progress_start(&s->progress, fp, name, o->quiet);
    s->reading = &r;
    reader_read(fp, &cfg, &cb, &r);
    s->reading = NULL;
    if (r.status == READER_OK && r.stopped)
        rc = survey_read_rest(s, fd, start + r.end, size, jobs, r.lines, r.delim);
    progress_end(&s->progress);
    took_over(s, &r);
    rc = rc != EXIT_OK ? rc : survey_reader_error(s, &r);
    if (rc == EXIT_OK && watched)
        rc = check_unchanged(s, fd, &before);
    if (spool)
        fclose(spool);
    return rc != EXIT_OK || o->header ? rc : check_width(s, records_before);
}

int survey_read(survey *s, const char *path)
{
    /* a name is printed: its control characters must not reach the terminal raw */
    char *name = text_escape(survey_display_name(path));
    if (!name) {
        say(s, diag_error, "out of memory");
        return EXIT_DATA;
    }
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        say(s, diag_at, (diag_place){name, 0, 0}, "%s", strerror(errno));
        free(name);
        return EXIT_DATA;
    }
    int rc = survey_read_stream(s, fp, name);
    if (fp != stdin)
        fclose(fp);
    free(name);
    return rc;
}
