/*
 * spill.h - an anonymous temporary file in $TMPDIR (else /tmp): never named
 * on disk when the kernel allows (O_TMPFILE), otherwise named for an instant
 * with mode 0600 and unlinked at once; removed by the kernel when closed or
 * when the process ends, however it ends.
 */
#ifndef CX_SPILL_H
#define CX_SPILL_H

#include <stdio.h>

/** A new temporary file open for reading and writing; NULL with errno set. */
FILE *spill_open(void);

/** The directory spill_open() uses: $TMPDIR when set and not empty, else /tmp. */
const char *spill_dir(void);

#endif
