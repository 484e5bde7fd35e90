/* status.c - the one table of cx_status messages, so every caller words an error the same way. */
#include "cxstat.h"

static const char *const messages[] = {
    [CX_OK] = "success",
    [CX_BLANK] = "blank answer",
    [CX_ENOTNUM] = "not a number",
    [CX_ESIGN] = "number with a sign",
    [CX_EFRACTION] = "number with a fractional part",
    [CX_ERANGE] = "number outside the scale",
    [CX_EUNDEFINED] = "no value: there are no valid answers",
    [CX_EINVAL] = "invalid argument",
    [CX_EINTERVAL] = "interval is not [a,b], [a,b), (a,b] or (a,b)",
    [CX_EBAND_EMPTY] = "band interval holds no value",
    [CX_EBAND_RANGE] = "band leaves the range of the metric",
    [CX_EBAND_OVERLAP] = "band overlaps another band",
    [CX_EBAND_GAP] = "bands leave a gap in the range",
    [CX_EBAND_ID] = "band id is empty or repeats another band's id",
    [CX_EBAND_FULL] = "too many bands",
    [CX_EDATE] = "not a date",
    [CX_EOVERFLOW] = "weighted sums too large to keep exactly",
};

_Static_assert(sizeof messages / sizeof messages[0] == CX_STATUS_COUNT,
               "one message per cx_status");

const char *cx_strerror(cx_status status)
{
    if ((unsigned)status >= CX_STATUS_COUNT)
        return "unknown status";
    return messages[status];
}
