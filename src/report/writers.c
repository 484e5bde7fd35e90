/* writers.c - the table of output formats. */
#include "writers.h"

#include <stdio.h>
#include <string.h>

#include "state_write.h"

static void write_csv(const report *r, FILE *out)
{
    report_table(r, out, ',');
}

static void write_tsv(const report *r, FILE *out)
{
    report_table(r, out, '\t');
}

static void write_state(const report *r, FILE *out)
{
    state_write(r->s, out);
}

/* In out_format order. */
static const report_writer writers[] = {
    {"text", FMT_TEXT, report_text},
    {"csv", FMT_CSV, write_csv},
    {"tsv", FMT_TSV, write_tsv},
    {"json", FMT_JSON, report_json},
    {"state", FMT_STATE, write_state},
    {"html", FMT_HTML, report_html},
    {"svg", FMT_SVG, report_svg},
};

#define NWRITERS (sizeof writers / sizeof writers[0])

const report_writer *report_writer_named(const char *name)
{
    for (size_t i = 0; i < NWRITERS; i++)
        if (strcmp(writers[i].name, name) == 0)
            return &writers[i];
    return NULL;
}

const report_writer *report_writer_of(out_format format)
{
    return &writers[format];
}

void report_writer_names(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < NWRITERS && used < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == NWRITERS ? " or " : ", ";
        int n = snprintf(buf + used, size - used, "%s%s", sep, writers[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
}
