/*
 * replay.c - a main() for any fuzz target, so that the corpus and the
 * regression files run without libFuzzer (gcc, ASan, UBSan, valgrind):
 *   fuzz_read_replay FILE|DIR...
 * Every regular file named, and every file directly inside a directory
 * named (in name order, dot files skipped), is passed to
 * LLVMFuzzerTestOneInput() once.  Exit status 0 when all inputs ran; a
 * failing input aborts, and its name is the last one printed with -v.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static bool verbose;

static int run_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return 1;
    }
    size_t cap = 4096, len = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", path);
            fclose(fp);
            return 1;
        }
        len += fread(buf + len, 1, cap - len, fp);
        if (len < cap)
            break;
        unsigned char *nbuf = realloc(buf, cap * 2);
        if (!nbuf)
            free(buf);
        buf = nbuf;
        cap *= 2;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return 1;
    }
    if (verbose)
        fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
    /* An exact-size copy, so that ASan sees a read past the input's end. */
    unsigned char *data = malloc(len ? len : 1);
    if (!data) {
        free(buf);
        return 1;
    }
    memcpy(data, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    return 0;
}

static int only_visible(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int run_path(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return run_file(path);
    }
    struct dirent **names;
    int n = scandir(path, &names, only_visible, alphasort);
    if (n < 0) {
        perror(path);
        return 1;
    }
    int fail = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
        char *full = malloc(len);
        if (full) {
            snprintf(full, len, "%s/%s", path, names[i]->d_name);
            if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
                (*count)++;
                fail |= run_file(full);
            }
            free(full);
        } else {
            fail = 1;
        }
        free(names[i]);
    }
    free(names);
    return fail;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int fail = 0, first = 1;
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        verbose = true;
        first = 2;
    }
    for (int i = first; i < argc; i++)
        fail |= run_path(argv[i], &count);
    fprintf(stderr, "replay: %s: %zu input%s%s\n", argv[0], count, count == 1 ? "" : "s",
            fail ? ", some unreadable" : "");
    return fail;
}
