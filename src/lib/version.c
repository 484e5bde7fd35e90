/* version.c - the version of the library linked in (cxstat.h, cx_version). */
#include "cxstat.h"

const char *cx_version(void)
{
    return CX_VERSION;
}
