/*
 * valuelist.h - a list of values on the command line, written as a CSV
 * record: "A,B" or "\"Moscow, Tverskaya\",Kazan" (a quoted value may hold
 * commas and doubled quotes).
 */
#ifndef CX_VALUELIST_H
#define CX_VALUELIST_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Split arg in place (it is rewritten: quotes removed) into at most max
 * values, each trimmed of spaces and tabs outside quotes.
 * @return false when a quote is not closed, something follows a closing
 *         quote other than a comma, or there are more than max values.
 */
bool valuelist_split(char *arg, const char **out, size_t max, size_t *n);

#endif
