/*
 * report_doc.h - the parts of the HTML page besides the charts: title, input
 * line, the tables that follow each chart (the charts' text alternative), and
 * the closing notes, inputs, options and version.  XHTML-style markup, so the
 * page is also well-formed XML.
 */
#ifndef CX_REPORT_DOC_H
#define CX_REPORT_DOC_H

#include <stdio.h>

#include "report.h"

/** The English or the Russian text, by the report's language. */
const char *doc_word(const report *r, const char *en, const char *ru);

void doc_title(const report *r, FILE *f);
void doc_input_line(const report *r, FILE *f);
void doc_metric_title(const report *r, const metric_view *v, FILE *f);
void doc_compare_title(const report *r, FILE *f);

/** The figures of one metric (the text report's table). */
void doc_figures_table(const report *r, const metric_view *v, FILE *f);
/** Counts by score. */
void doc_distribution_table(const report *r, const metric_view *v, FILE *f);
/** Every row shown (groups or periods) and the total, for the metric at index m. */
void doc_rows_table(const report *r, size_t m, FILE *f);
/** Comparisons first .. first + count - 1. */
void doc_compare_table(const report *r, size_t first, size_t count, FILE *f);

/** Notes and warnings, inputs, options and version. */
void doc_about(const report *r, FILE *f);

#endif
