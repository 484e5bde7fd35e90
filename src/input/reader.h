/*
 * reader.h - streams one CSV input through libcsv and hands its header and
 * records, with line numbers, to a caller's callbacks.
 *
 * The reader owns the byte-level concerns of real exports: a gzip input is
 * inflated (zlib) and its contents read as the input; a UTF-8 BOM at the
 * start of the input is skipped; a UTF-16 BOM, or a named encoding such as
 * cp1251, makes it convert the input to UTF-8 with iconv first; an XLSX
 * workbook is recognised by its zip signature; an Excel "sep=;" first line
 * sets the delimiter; lines before the header and records after it can be
 * passed over, and the extra header rows of Qualtrics and SurveyMonkey
 * exports are recognised; LF, CRLF and CR-only line ends are accepted;
 * the delimiter is taken from the options or detected from the first line;
 * quoted fields may hold delimiters, doubled quotes and line ends; line
 * numbers are counted (libcsv does not) so every message can name its line.
 *
 * Memory does not grow with the number of records: only the fields the caller
 * asks for (the "want" mask) are kept, in one buffer reused for every record.
 * A field longer than READER_MAX_FIELD bytes is an error, never an allocation
 * failure.
 */
#ifndef CX_READER_H
#define CX_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "signature.h"

/** Longest field accepted, in bytes (64 MiB). */
#define READER_MAX_FIELD ((size_t)64 << 20)
/** Most fields accepted in one record. */
#define READER_MAX_FIELDS ((size_t)1 << 20)

typedef struct reader_field {
    const char *ptr; /* not NUL-terminated; NULL for a field that was not wanted */
    size_t len;
} reader_field;

/**
 * Which columns the caller wants, set by the header callback: column c
 * (0-based) is kept when c < len and mask[c] != 0.  The mask is owned by the
 * caller and must stay valid while the file is read.
 */
/** A mask value asking a workbook reader to read plain numbers in the column as dates. */
#define READER_WANT_DATE 2

typedef struct reader_want {
    const unsigned char *mask;
    size_t len;
} reader_want;

typedef struct reader_callbacks {
    void *ctx;
    /**
     * Called once per input before any record.  With a header, fields are
     * the header's names (all of them; libcsv has trimmed spaces and tabs
     * around unquoted ones) and line is the line the header ends on; without a header
     * (cfg.header false) fields is NULL, n 0 and line 0.  The callback fills
     * *want.  A non-zero return stops reading; reader_read() then returns
     * READER_STOPPED.
     */
    int (*header)(void *ctx, const reader_field *fields, size_t n, uint64_t line,
                  reader_want *want);
    /**
     * Called for every data record.  fields has n entries, one per field of
     * the record (n may differ from the header's count); unwanted fields have
     * ptr NULL.  line is the line on which the record ends (a record is one
     * line unless a quoted field spans several).  Non-zero return stops
     * reading with READER_STOPPED.
     */
    int (*record)(void *ctx, const reader_field *fields, size_t n, uint64_t line);
    /**
     * Optional: called instead of record for a last record that has no line
     * end (the input may have been cut off while it was being written); the
     * caller decides whether it is whole.  NULL: record is called.
     */
    int (*unended)(void *ctx, const reader_field *fields, size_t n, uint64_t line);
    /** Optional: called by reader_read() after each block with the bytes read so far. */
    void (*progress)(void *ctx, uint64_t bytes);
} reader_callbacks;

typedef struct reader_config {
    int delim;            /* ',', ';', '\t', '|', or 0 to detect from the first line */
    bool header;          /* the first record is a header */
    const char *encoding; /* iconv name of the input's encoding; NULL: UTF-8.  A BOM
                             (UTF-8, UTF-16LE, UTF-16BE) overrides it */
    uint64_t skip_lines;  /* lines before the header (or first record) to pass over */
    uint64_t skip_records;/* records after the header to pass over */
    bool detect_layout;   /* pass over the extra header rows of known survey exports */
    /*
     * Resume reading a UTF-8 file at a record boundary found by an earlier
     * read: no signature, BOM or "sep=" line is looked for; delim must be
     * given and header false (the header callback still sets the mask).
     */
    bool resume;
    /*
     * Stop at the first record boundary (the end of a line that is not inside
     * a quoted field) at or after byte stop_at of the input, once the first
     * record was looked at for "sep=", and the header, the held and skipped
     * records and at least stop_records data records are done.
     * res->end then holds the boundary's offset.  Ignored when the input is
     * converted from another encoding.
     */
    bool stop;
    uint64_t stop_at;
    uint64_t stop_records;
    /*
     * Every record through libcsv.  Without it, most data lines are split by
     * fastline_split(), which gives what libcsv gives; tests compare the two.
     */
    bool reference;
    /* Bytes already taken from the stream (to tell its format), read before it. */
    const unsigned char *prefix;
    size_t prefix_len;
} reader_config;

typedef enum reader_status {
    READER_OK = 0,
    READER_STOPPED,      /* a callback returned non-zero */
    READER_EIO,          /* read error: errno_value holds errno */
    READER_EQUOTE,       /* a quoted field is not closed at end of input */
    READER_EFIELD,       /* a field longer than READER_MAX_FIELD */
    READER_EFIELDS,      /* a record with more than READER_MAX_FIELDS fields */
    READER_ENOMEM,       /* memory exhausted below the limits */
    READER_EEMPTY,       /* cfg.header set but the input has no header line */
    READER_EENCODING,    /* bytes that are not text in the input's encoding */
    READER_ECHARSET,     /* cfg.encoding names no encoding iconv knows */
    READER_EXLSX,        /* the input is an XLSX workbook (a zip), not CSV */
    READER_EFORMAT,      /* a workbook or other format that cannot be read: see detail */
    READER_ESAID,        /* refused; the format's reader wrote why (format_options.refusals) */
    READER_EBINARY,      /* the input is another binary file: res->binary says which */
    READER_EGZIP         /* a gzip input's data is damaged or cut short */
} reader_status;

typedef struct reader_result {
    reader_status status;
    uint64_t line;        /* line of the error (for EQUOTE: where the open quote started) */
    int errno_value;      /* for READER_EIO */
    int delim;            /* the delimiter used (detected or given) */
    uint64_t records;     /* data records delivered */
    uint64_t lines;       /* lines read in all */
    bool bom;             /* a UTF-8 BOM was skipped */
    const char *encoding; /* the encoding converted from ("UTF-16LE", cfg.encoding), or
                             NULL when the input was read as UTF-8 */
    bool sep_line;        /* an Excel "sep=X" first line gave the delimiter */
    uint64_t skipped;     /* records passed over after the header (skip_records, layout) */
    const char *layout;   /* "Qualtrics" or "SurveyMonkey" when detected, else NULL */
    bool stopped;         /* cfg.stop: reading stopped at a record boundary before the end */
    uint64_t end;         /* with stopped: the boundary's byte offset in the input */
    char detail[400];     /* READER_EFORMAT: where and what, ":Sheet1!C5: text" or ": text" */
    const signature_kind *binary; /* READER_EBINARY: what the input is */
    bool utf16_nul;       /* UTF-16 without a byte order mark, told by its NUL bytes */
    bool gzip;            /* the input was gzip data, read inflated */
} reader_result;

/**
 * Read fp to its end (or until a callback stops), calling cb for the header
 * and each record.
 * @return the status; *res receives details (always filled).
 */
reader_status reader_read(FILE *fp, const reader_config *cfg, const reader_callbacks *cb,
                          reader_result *res);

/**
 * Same as reader_read() on the bytes of file descriptor fd from byte offset
 * on (read with pread(), so several threads may share one descriptor);
 * cfg->stop_at and res->end count from the file's start.
 */
reader_status reader_read_at(int fd, uint64_t offset, const reader_config *cfg,
                             const reader_callbacks *cb, reader_result *res);

/**
 * Same as reader_read() on a buffer in memory, fed to the parser in pieces
 * of at most chunk bytes (0: all at once), so tests can show that the result
 * does not depend on where the input is split.
 */
reader_status reader_read_buffer(const char *buf, size_t len, size_t chunk,
                                 const reader_config *cfg, const reader_callbacks *cb,
                                 reader_result *res);

/** Records after the header that layout detection looks at. */
#define READER_LAYOUT_ROWS 2

/**
 * Of the first count (at most READER_LAYOUT_ROWS) records after a header, how
 * many are the extra header rows of a known export (Qualtrics, SurveyMonkey);
 * *layout then names it.  Used by every reader with cfg.detect_layout.
 */
size_t reader_layout_rows(const reader_field *const *rec, const size_t *n, size_t count,
                          const char **layout);

/** A short English phrase for a status (no trailing period). */
const char *reader_strerror(reader_status status);

#endif /* CX_READER_H */
