/*
 * fuzz.h - what every fuzz target shares: the libFuzzer entry point, a sink
 * for messages, the invariant check and a getopt reset.
 *
 * A target is built two ways (tests/fuzz/fuzz.mk): with clang
 * -fsanitize=fuzzer for `make fuzz`, and with replay.c and any compiler for
 * `make fuzz-replay`, which runs the corpus and the regression files under
 * ASan and UBSan.
 */
#ifndef CX_FUZZ_H
#define CX_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/** Run one input; 0 always (a problem aborts). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** An invariant of the code under test: a violation aborts, which the fuzzer reports. */
#define FUZZ_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond);  \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

/** A stream on /dev/null for messages, opened once, so runs do not flood the terminal. */
static inline FILE *fuzz_devnull(void)
{
    static FILE *fp;
    if (fp == NULL && (fp = fopen("/dev/null", "w")) == NULL)
        abort();
    return fp;
}

/**
 * The input as a file, for loaders that read one: /tmp/cxstat-fuzz-NAME-PID.csv,
 * rewritten on every call.  @return its path.
 */
static inline const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
    static char path[96];
    snprintf(path, sizeof path, "/tmp/cxstat-fuzz-%s-%ld.csv", name, (long)getpid());
    FILE *fp = fopen(path, "wb");
    FUZZ_CHECK(fp != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, fp) == size);
    FUZZ_CHECK(fclose(fp) == 0);
    return path;
}

/*
 * Forget getopt's state.  options_parse() sets optind = 1, which does not
 * clear glibc's pointer into the last argument cluster ("-qn"): a call that
 * returned in the middle of one would leave the next call reading the old,
 * freed argv.  optind = 0 makes glibc start afresh (this is glibc-specific).
 */
static inline void fuzz_getopt_reset(void)
{
    static char name[] = "fuzz";
    static char *argv[] = {name, NULL};
    optind = 0;
    opterr = 0;
    (void)getopt(1, argv, "");
    optind = 1;
}

#endif
