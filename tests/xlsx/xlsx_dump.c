/* xlsx_dump.c - print one sheet as the XLSX reader gives it: every record as a CSV
 * line (fields quoted when needed), for the corpus test to compare cell by cell.
 *   xlsx_dump FILE [SHEET]   (exit 3 with the reader's message on error) */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xlsx.h"

static int print_record(void *ctx, const reader_field *f, size_t n, uint64_t line)
{
    (void)ctx, (void)line;
    for (size_t i = 0; i < n; i++) {
        const char *p = f[i].ptr ? f[i].ptr : "";
        size_t len = f[i].ptr ? f[i].len : 0;
        bool quote = memchr(p, ',', len) || memchr(p, '"', len) || memchr(p, '\n', len) ||
                     memchr(p, '\r', len);
        if (i)
            putchar(',');
        if (quote)
            putchar('"');
        for (size_t k = 0; k < len; k++) {
            if (p[k] == '"')
                putchar('"');
            putchar(p[k]);
        }
        if (quote)
            putchar('"');
    }
    putchar('\n');
    return 0;
}

static int want_all(void *ctx, const reader_field *f, size_t n, uint64_t line, reader_want *w)
{
    static unsigned char all[XLSX_MAX_COLS];
    (void)ctx, (void)f, (void)n, (void)line;
    memset(all, 1, sizeof all);
    w->mask = all;
    w->len = XLSX_MAX_COLS;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 3;
    }
    reader_config cfg = {.header = false};
    xlsx_options xo = {.sheet = argc > 2 ? argv[2] : NULL, .err = stderr, .name = argv[1]};
    reader_callbacks cb = {.header = want_all, .record = print_record};
    reader_result r;
    reader_status st = xlsx_read_fd(fd, &cfg, &xo, &cb, &r);
    close(fd);
    if (st != READER_OK) {
        fprintf(stderr, "xlsx_dump: %s%s\n", argv[1], st == READER_EFORMAT ? r.detail
                                                                        : reader_strerror(st));
        return 3;
    }
    return 0;
}
