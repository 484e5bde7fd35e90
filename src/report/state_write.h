/* state_write.h - a run's exact histograms as a state file (format: state.h). */
#ifndef CX_STATE_WRITE_H
#define CX_STATE_WRITE_H

#include <stdio.h>

#include "survey.h"

/** Write the survey's state.  The caller checks out for write errors. */
void state_write(const survey *s, FILE *out);

#endif
