/*
 * xlsx_lib.h - the libzip functions the XLSX reader calls, loaded when the
 * first workbook is opened.  Linked in, libzip (and libcrypto behind it, for
 * encrypted archives the reader refuses anyway) would be loaded at every
 * start: about a millisecond, more than a 100-row report takes, and most runs
 * never open a workbook.
 */
#ifndef CX_XLSX_LIB_H
#define CX_XLSX_LIB_H

#include <zip.h>

/* One member per libzip function used, of that function's own type. */
#define XLSX_ZIP_FUNCTIONS(X)                                                                 \
    X(zip_fdopen) X(zip_source_buffer_create) X(zip_open_from_source) X(zip_source_free)      \
    X(zip_discard) X(zip_error_init) X(zip_error_init_with_code) X(zip_error_strerror)         \
    X(zip_error_fini) X(zip_error_code_zip) X(zip_stat) X(zip_stat_index) X(zip_name_locate)   \
    X(zip_fopen_index) X(zip_fread) X(zip_fclose) X(zip_strerror) X(zip_file_strerror)

typedef struct zip_api {
#define XLSX_ZIP_MEMBER(name) __typeof__(name) *name;
    XLSX_ZIP_FUNCTIONS(XLSX_ZIP_MEMBER)
#undef XLSX_ZIP_MEMBER
} zip_api;

/**
 * Loads libzip once (any thread may ask first).  @return its functions, or
 * NULL when it cannot be loaded, *why then saying why.
 */
const zip_api *xlsx_zip_load(const char **why);

/** The functions after a successful xlsx_zip_load(). */
const zip_api *xlsx_zip(void);

#endif /* CX_XLSX_LIB_H */
