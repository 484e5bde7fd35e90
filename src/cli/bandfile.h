/*
 * bandfile.h - picks each metric's band set from --bands: a built-in set, a
 * band file (CSV: interval,id,label_en,label_ru) loaded and checked, or none.
 */
#ifndef CX_BANDFILE_H
#define CX_BANDFILE_H

#include <stdio.h>

#include "cxstat.h"
#include "style.h"

/**
 * Resolve spec[m] (NULL: the metric's default set) for every metric against
 * its scale.  Errors are printed to err as "cxstat: FILE:LINE: ...".
 * @return EXIT_OK, EXIT_USAGE (unknown set name) or EXIT_DATA (a file that
 *         cannot be read or is not a valid band set).
 */
int bands_choose(band_choice *bc, const char *const *spec,
                 const cx_scale scale[CX_METRIC_COUNT], FILE *err);

void bands_free(band_choice *bc);

#endif
