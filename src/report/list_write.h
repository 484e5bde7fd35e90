/* list_write.h - writes a follow-up list (--list) in the report's format. */
#ifndef CX_LIST_WRITE_H
#define CX_LIST_WRITE_H

#include <stdbool.h>
#include <stdio.h>

#include "followup.h"
#include "style.h"

/** Write the list.  @return false on a read or write error. */
bool list_write(followup *f, FILE *out, const report_style *style);

#endif
