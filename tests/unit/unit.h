/* unit.h - what every cmocka test program includes, in the order cmocka needs. */
#ifndef CX_UNIT_H
#define CX_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cxstat.h"

/* cmocka 1.1.5 has no double assertion and assert_float_equal casts to float. */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

#endif
