/*
 * gate.h - the --require checks decided on a built report: each on the rows
 * its scope names, each failure printed with the row and the value it read.
 */
#ifndef CX_GATE_H
#define CX_GATE_H

#include <stdio.h>

#include "options.h"
#include "report.h"

/** Every check of the run.  @return EXIT_OK, or EXIT_REQUIRE if any failed. */
int gate_check(const options *o, const report *r, FILE *err);

#endif
