/*
 * period_tests.h - the changes of a period table decided as one family of
 * tests: how many each metric has, which are significant (with --adjust=holm
 * by Holm's step-down procedure), and how many point the other way than the
 * change shown.
 */
#ifndef CX_PERIOD_TESTS_H
#define CX_PERIOD_TESTS_H

#include "report.h"

/**
 * Fill r->tests, r->tested and r->contrary for the rows shown (r->order,
 * r->nrows, r->prev already set).  @return EXIT_OK, or EXIT_DATA when memory
 * is exhausted.
 */
int period_tests(report *r);

#endif
