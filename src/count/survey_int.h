/*
 * survey_int.h - what the files of one survey share and nobody else sees:
 * survey.c (set-up, notes, end of reading), resolve.c (a file's columns),
 * tally.c (a record into the counts), parts.c (chunks on threads),
 * inputs.c (one input, format to counts) and warnings.c.
 */
#ifndef CX_SURVEY_INT_H
#define CX_SURVEY_INT_H

#include "survey.h"

/* A message through diag: while reading, the progress line is erased first; a part
 * (err NULL) says nothing, its errors are found again by the whole reading. */
#define say(s, fn, ...) \
    ((s)->err ? (progress_end(&(s)->progress), fn((s)->err, __VA_ARGS__)) : (void)0)

/* -g columns lead a list with --show; every column already holds them. */
static inline size_t survey_list_groups(const run_plan *o)
{
    return o->nshow ? o->ngroup : 0;
}

/* survey.c */
/** Where a note points: "file:12", or in a workbook "file:Sheet1!C12" (written into buf). */
diag_place survey_note_place(char *buf, size_t size, const char *file, const char *sheet,
                             uint64_t line, size_t col);
/** Remember a problem at a line (and cell: col, or SIZE_MAX) for the warning; --strict stops. */
void survey_note_at(survey *s, uint64_t line, size_t col, const char *text);
void survey_note_line(survey *s, uint64_t line, const char *text);
/** Stop the reading with an exit code.  @return 1, the reader's stop. */
int survey_fail(survey *s, int code);
void survey_free_values(survey *s);

/* resolve.c: the reader's header callbacks */
int survey_on_header(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want);
int survey_on_resume(void *ctx, const reader_field *f, size_t n, uint64_t line,
                     reader_want *want);
/** The i-th column the survey reads (metrics, -g, roles, --where, --show), or NO_COLUMN. */
size_t survey_wanted_column(const survey *s, size_t i);
/** A name or key that is not text: said, and the reading stops.  @return 1. */
int survey_not_utf8(survey *s, uint64_t line, size_t col);

/* tally.c: the reader's record callbacks, and counting kept answers */
int survey_on_record(void *ctx, const reader_field *f, size_t n, uint64_t line);
int survey_on_unended(void *ctx, const reader_field *f, size_t n, uint64_t line);
group *survey_key_group(survey *s, const char *key, size_t len, uint64_t line);
int survey_count_record(survey *s, group *g, const cx_status st[], const int score[],
                        uint64_t units, uint64_t line);

/* inputs.c */
void survey_on_progress(void *ctx, uint64_t bytes);
/** Say what went wrong in a reading.  @return EXIT_OK or the exit code. */
int survey_reader_error(survey *s, const reader_result *r);

/* parts.c */
struct parallel_ops;
/** Read the rest of a file from byte start on jobs threads, as one reading would. */
int survey_read_rest(survey *s, int fd, uint64_t start, uint64_t size, unsigned jobs,
                     uint64_t lines, int delim);
/** The parts that count a workbook's sheet on several threads. */
void survey_part_ops(survey *s, struct parallel_ops *ops);

#endif
