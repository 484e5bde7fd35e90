/* verdict.h - a comparison's result in plain words, in the report's language. */
#ifndef CX_VERDICT_H
#define CX_VERDICT_H

#include <stddef.h>

#include "report.h"

/** "web is higher than app (significant at 95%)", or why there is no verdict. */
void verdict_text(const report *r, const comparison *c, char *buf, size_t size);

#endif
