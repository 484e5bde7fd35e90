/*
 * feed.h - a survey fed records through its reader callbacks, without a file:
 * options parsed from an argument list, a header, then records of strings.
 * Messages go to a memory stream (fx.err_text after fx_messages()).
 */
#ifndef CX_FEED_H
#define CX_FEED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "survey.h"

#define FX_MAX_ARGS 32
#define FX_MAX_FIELDS 16

typedef struct fixture {
    options o;
    survey s;
    reader_callbacks cb;
    reader_want want;
    char *argv[FX_MAX_ARGS + 2];
    int argc;
    FILE *err;
    char *err_text;
    size_t err_len;
    bool began; /* the survey was initialised */
} fixture;

/* Parse "cxstat ARGS..." (args ends with NULL) into fx->o.  @return what options_parse gives. */
static inline opt_result fx_parse(fixture *fx, const char *const *args)
{
    memset(fx, 0, sizeof *fx);
    fx->err = open_memstream(&fx->err_text, &fx->err_len);
    assert_non_null(fx->err);
    fx->argv[fx->argc++] = strdup("cxstat");
    for (size_t i = 0; args[i]; i++) {
        assert_true(fx->argc < FX_MAX_ARGS);
        fx->argv[fx->argc++] = strdup(args[i]);
    }
    FILE *out = fopen("/dev/null", "w");
    opt_result r = options_parse(fx->argc, fx->argv, &fx->o, out, fx->err);
    fclose(out);
    return r;
}

/* Options, then a survey ready for the input called name. */
static inline void fx_begin(fixture *fx, const char *const *args, const char *name)
{
    assert_int_equal(fx_parse(fx, args), OPT_RUN);
    assert_int_equal(survey_init(&fx->s, &fx->o.plan, fx->err), EXIT_OK);
    fx->began = true;
    assert_int_equal(survey_open_input(&fx->s, name, &fx->cb), EXIT_OK);
}

/* Another input of the same survey (a second file). */
static inline void fx_next_input(fixture *fx, const char *name)
{
    assert_int_equal(survey_open_input(&fx->s, name, &fx->cb), EXIT_OK);
}

static inline size_t fx_fields(const char *const *cells, reader_field *f)
{
    size_t n = 0;
    for (; cells[n]; n++) {
        assert_true(n < FX_MAX_FIELDS);
        f[n] = (reader_field){cells[n], strlen(cells[n])};
    }
    return n;
}

/* The header line (names ends with NULL).  @return the callback's result (0: go on). */
static inline int fx_header(fixture *fx, const char *const *names)
{
    reader_field f[FX_MAX_FIELDS];
    size_t n = fx_fields(names, f);
    memset(&fx->want, 0, sizeof fx->want);
    return fx->cb.header(fx->cb.ctx, f, n, 1, &fx->want);
}

/* One record on line `line`; fields the header did not want are passed as the reader does. */
static inline int fx_record(fixture *fx, uint64_t line, const char *const *cells)
{
    reader_field f[FX_MAX_FIELDS];
    size_t n = fx_fields(cells, f);
    for (size_t i = 0; i < n; i++)
        if (i >= fx->want.len || !fx->want.mask[i])
            f[i].ptr = NULL;
    return fx->cb.record(fx->cb.ctx, f, n, line);
}

/* What was printed on the error stream so far. */
static inline const char *fx_messages(fixture *fx)
{
    fflush(fx->err);
    return fx->err_text ? fx->err_text : "";
}

static inline void fx_end(fixture *fx)
{
    if (fx->began)
        survey_free(&fx->s);
    fclose(fx->err);
    free(fx->err_text);
    for (int i = 0; i < fx->argc; i++)
        free(fx->argv[i]);
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define CELLS(...) ((const char *const[]){__VA_ARGS__, NULL})

#endif
