/*
 * survey.h - one run over the inputs: resolves each file's columns, turns
 * every record into histogram counts (the total and, with -g, --period or
 * --compare, its group's), and keeps the notes (invalid answers, malformed
 * records, bad weights and dates) that the warnings report.
 */
#ifndef CX_SURVEY_H
#define CX_SURVEY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cxstat.h"
#include "dates.h"
#include "diag.h"
#include "followup.h"
#include "groups.h"
#include "labels.h"
#include "plan.h"
#include "progress.h"
#include "reader.h"
#include "scoretab.h"
#include "values.h"
#include "latest.h"
#include "wordsets.h"

/** How many problems are quoted in full on standard error. */
#define SURVEY_NOTES 5

typedef struct survey_note {
    const char *file;
    const char *sheet;  /* a workbook's sheet: the line is its row; NULL: a text file */
    size_t col;         /* with sheet: the cell's column (0-based), or SIZE_MAX */
    uint64_t line;
    char text[256];
} survey_note;

/** Distinct answers that are not scores, counted for the warning, per metric. */
#define SURVEY_WORDS 8
typedef struct word_count {
    char text[64];
    uint64_t n;
} word_count;

/* The columns a file is read by, besides the metrics'. */
enum { ROLE_PERIOD, ROLE_WEIGHT, ROLE_COMPARE, ROLE_LATEST, ROLE_COUNT };

typedef struct survey {
    const run_plan *plan;
    FILE *err;
    cx_scale scale[CX_METRIC_COUNT];
    score_table scores[CX_METRIC_COUNT]; /* each scale's short answers, read by lookup */
    bool active[CX_METRIC_COUNT]; /* reported: named, required or found in the first file */
    bool metrics_fixed;           /* active[] decided (after the first header) */
    cx_hist hist[CX_METRIC_COUNT];   /* the total */
    cx_whist whist[CX_METRIC_COUNT]; /* the total's weights, with --weight */
    group_table groups;           /* with -g, --period or --compare */
    uint64_t records;             /* data records in all files */
    uint64_t malformed;           /* records whose field count differs from the header's */
    uint64_t cut;                 /* last records short of fields, without a line end */
    uint64_t weight_invalid;      /* records whose weight is missing or not a weight */
    uint64_t period_invalid;      /* records whose date is missing or not a date */
    uint64_t period_dates;        /* records whose date was read */
    date_examples date_bad;       /* dates that could not be read, for the messages */
    unsigned date_order;          /* the file's "A/B/YYYY" order: CX_DATE_MDY, _DMY, 0 */
    uint64_t compare_other;       /* records in neither compared segment */
    uint64_t filtered;            /* records left out by --where (not in records) */
    latest_table latest;          /* --latest-by: each respondent's latest answer */
    uint64_t latest_dropped;      /* earlier answers replaced (not in records) */
    uint64_t latest_anonymous;    /* records without an id, counted as they are */
    uint64_t latest_other_read;   /* answers kept aside in neither compared segment */
    uint64_t skipped;             /* records passed over after headers (--skip, layouts) */
    uint64_t problems;            /* all of the above problems and invalid answers */
    char **inputs;                /* display names of the inputs read, in order */
    size_t ninputs;
    survey_note note[SURVEY_NOTES];
    word_count words[CX_METRIC_COUNT][SURVEY_WORDS];
    uint64_t other_words[CX_METRIC_COUNT];   /* answers not among the words kept */
    label_table label_file[CX_METRIC_COUNT];  /* loaded --labels files (one per path) */
    const label_table *labels[CX_METRIC_COUNT];
    unsigned wordsets[CX_METRIC_COUNT];       /* bit per built-in set whose words were read */
    uint64_t wordset_answers[CX_METRIC_COUNT]; /* answers read by a built-in set */
    size_t nnotes;
    int exit_code;                /* non-zero once reading must stop */
    followup *list;               /* --list: matching rows go here; NULL: the report */
    size_t *show_col;             /* --list: this file's column of each shown one */
    size_t nshow;
    size_t where_col[MAX_WHERE];
    value_table where_values[MAX_WHERE];           /* each --where column's values, all records */
    uint64_t where_hits[MAX_WHERE][MAX_WHERE_VALUES]; /* records with each --where value */
    value_table compare_values;                    /* the --compare column's, records kept */
    uint64_t compare_hits[2];
    reader_field *cells;          /* --list: the row being written */
    size_t ncells;
    /* the file being read */
    const char *file;
    const char *sheet;            /* its sheet, when a workbook; NULL: text */
    char **sheets;                /* the names sheet pointed at, kept for the notes */
    size_t nsheets;
    size_t input_index;           /* its place among the inputs, from 1 */
    size_t col[CX_METRIC_COUNT];
    size_t group_col[MAX_GROUP_COLUMNS];
    size_t role_col[ROLE_COUNT];
    size_t fields;                /* fields a record should have; 0: not known yet */
    size_t widest;                /* most fields of a record of this input */
    uint64_t line_base;           /* lines before the byte reading resumed at */
    uint64_t byte_base;           /* that byte's offset, for the progress line */
    size_t want_len;
    unsigned char *want;
    reader_field *alias;          /* a statistics file's variable labels, while its header is read */
    key_builder key;
    progress progress;            /* the progress line of the input being read */
    const reader_result *reading; /* the header's reading (its delimiter), while it runs */
    /* names shown for the -g and role columns: a column given by number by
     * the first input's header name; the -g ones made unique (name[2]) */
    char *group_key[MAX_GROUP_COLUMNS];
    char *role_name[ROLE_COUNT];
    bool names_done;
} survey;

/** Set up scales from the options.  @return EXIT_OK or EXIT_USAGE (message printed). */
int survey_init(survey *s, const run_plan *plan, FILE *err);

/**
 * Read one input ("-" is standard input) into the histograms.
 * @return EXIT_OK, or EXIT_USAGE / EXIT_DATA with the message printed.
 */
int survey_read(survey *s, const char *path);

/**
 * Start an input shown in messages as name, and give the callbacks that count
 * its records: survey_read_stream() hands them to the reader, and a test may
 * call them itself (the header once, then each record).  The progress
 * callback is for the reader only.  @return EXIT_OK, or EXIT_DATA (printed).
 */
int survey_open_input(survey *s, const char *name, reader_callbacks *cb);

/** Read one open stream, shown in messages as name.  Same results as survey_read(). */
int survey_read_stream(survey *s, FILE *fp, const char *name);

/**
 * Send matching rows to a follow-up list instead of only counting them; its
 * columns are decided by the first input's header.  Call before reading.
 */
void survey_set_list(survey *s, followup *list);

/**
 * --list-sheets: print the sheets of the workbook at path ("-": standard
 * input) to out.  @return EXIT_OK, or EXIT_DATA with the message printed.
 */
int survey_list_sheets(survey *s, const char *path, FILE *out);

/** Remember an input's display name for the report.  @return false without memory. */
bool survey_add_input(survey *s, const char *name);

/**
 * After reading: a --where or --compare value that no record has is an
 * error naming the closest values present.  @return EXIT_OK or EXIT_DATA.
 */
int survey_check_values(const survey *s);

/** --window: make each period's row the sum of the window ending there.  @return EXIT_OK or EXIT_DATA. */
int survey_window(survey *s);

/**
 * After every input: count what --latest-by kept aside, then make --window's
 * trailing rows.  @return EXIT_OK or EXIT_DATA.
 */
int survey_finish(survey *s);

/** Print the notes and the count of problems as warnings (unless quiet). */
void survey_warn(const survey *s);

/**
 * With --period: when dates were met and none could be read, say so with
 * examples.  @return EXIT_OK or EXIT_DATA (message printed).
 */
int survey_check_dates(const survey *s);

/** The name a -g column is shown by (header name for a number, unique). */
const char *survey_group_name(const survey *s, size_t i);

/** The name the --period, --weight or --compare column is shown by. */
const char *survey_role_name(const survey *s, int role);

/** Free what the survey allocated. */
void survey_free(survey *s);

/** The name an input is shown by: "<stdin>" for "-". */
const char *survey_display_name(const char *path);

/** True when the total or the groups carry weights. */
static inline bool survey_weighted(const survey *s)
{
    return s->plan->weight != NULL;
}

#endif
