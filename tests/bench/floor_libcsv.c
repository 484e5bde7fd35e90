/* floor_libcsv.c - libcsv alone over a file: csv_parse with callbacks that do
 * nothing with the fields (they only count them), 1 MiB blocks, default
 * options (as cxstat's reader initialises libcsv).
 * A single-thread floor for any reader built on libcsv.  Prints the numbers
 * of fields and records so the work stays.
 * Usage: floor_libcsv FILE */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

#define BLOCK (1u << 20)

struct counts {
    unsigned long long fields, records;
};

static void on_field(void *data, size_t len, void *ctx)
{
    (void)data;
    (void)len;
    ((struct counts *)ctx)->fields++;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    ((struct counts *)ctx)->records++;
}

int main(int argc, char **argv)
{
    static char buf[BLOCK];
    struct counts k = {0, 0};
    struct csv_parser p;
    size_t n;
    FILE *f;

    if (argc != 2) {
        fprintf(stderr, "usage: floor_libcsv FILE\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    setvbuf(f, NULL, _IONBF, 0);
    if (csv_init(&p, 0) != 0) {
        fprintf(stderr, "floor_libcsv: csv_init failed\n");
        return 1;
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_record, &k) != n) {
            fprintf(stderr, "floor_libcsv: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    }
    if (ferror(f)) {
        perror(argv[1]);
        return 1;
    }
    csv_fini(&p, on_field, on_record, &k);
    csv_free(&p);
    fclose(f);
    printf("%llu fields, %llu records\n", k.fields, k.records);
    return 0;
}
