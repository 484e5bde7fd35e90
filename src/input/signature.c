/* signature.c - binary inputs named by their first bytes, and UTF-16 told by its NULs. */
#include "signature.h"

#include <stdbool.h>
#include <string.h>

typedef struct magic {
    const char *bytes;
    size_t len, at;
    signature_kind kind;
} magic;

/* File signatures, as their formats define them (the offset, then the bytes). */
static const magic magics[] = {
    {"\x1f\x8b", 2, 0, {"a gzip file inside a gzip file", "decompress it once first"}},
    {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, 0,
     {"an old Excel workbook (.xls) or another OLE2 document",
      "save it as CSV, or convert it (ssconvert FILE out.csv)"}},
    {"\x89PNG\r\n\x1a\n", 8, 0, {"a PNG image", NULL}},
    {"\xff\xd8\xff", 3, 0, {"a JPEG image", NULL}},
    {"GIF87a", 6, 0, {"a GIF image", NULL}},
    {"GIF89a", 6, 0, {"a GIF image", NULL}},
    {"%PDF-", 5, 0, {"a PDF document", "export the survey as CSV instead"}},
    {"\x7f" "ELF", 4, 0, {"an ELF executable", NULL}},
    {"1AY&SY", 6, 4, {"a bzip2 file", "decompress it first (bunzip2 -c FILE | cxstat -)"}},
    {"\xfd" "7zXZ\0", 6, 0, {"an xz file", "decompress it first (xz -dc FILE | cxstat -)"}},
    {"\x28\xb5\x2f\xfd", 4, 0, {"a zstd file", "decompress it first (zstd -dc FILE | cxstat -)"}},
    {"7z\xbc\xaf\x27\x1c", 6, 0, {"a 7-Zip archive", "extract the CSV file first"}},
    {"SQLite format 3", 16, 0, {"an SQLite database", "export a table as CSV (sqlite3 -csv)"}},
};

static const signature_kind pe = {"a Windows executable", NULL};
static const signature_kind zip = {"a zip archive that is not an XLSX workbook",
                                   "extract the CSV file first (unzip)"};
static const signature_kind binary = {"binary data (control bytes near the start)", NULL};

/*
 * Control bytes that text does not hold (tab, line ends, form feed and
 * escape aside): more than two of them.  NULs are not counted: in an answer
 * they are data, reported as an invalid answer.
 */
static bool controls(const unsigned char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (s[i] > 0 && s[i] < 0x20 && !strchr("\t\n\v\f\r\x1b", s[i])) || s[i] == 0x7F;
    return k > 2;
}

/* A zip whose first entry is not one an Office Open XML package starts with. */
static bool plain_zip(const unsigned char *s, size_t n)
{
    static const char *const ooxml[] = {"[Content_Types].xml", "_rels/", "docProps/", "xl/"};
    if (n < 30 || memcmp(s, "PK\3\4", 4) != 0)
        return false;
    size_t len = (size_t)s[26] | (size_t)s[27] << 8, have = n - 30 < len ? n - 30 : len;
    if (have == 0)
        return false; /* not enough seen to tell: the reader's XLSX path decides */
    for (size_t i = 0; i < sizeof ooxml / sizeof ooxml[0]; i++) {
        size_t k = strlen(ooxml[i]);
        if (memcmp(s + 30, ooxml[i], have < k ? have : k) == 0)
            return false;
    }
    return true;
}

const char *signature_utf16(const unsigned char *s, size_t n)
{
    size_t pairs = n / 2, even = 0, odd = 0;
    if (pairs < 2)
        return NULL;
    for (size_t i = 0; i < pairs * 2; i += 2) {
        even += s[i] == 0 && s[i + 1] != 0;
        odd += s[i + 1] == 0 && s[i] != 0;
    }
    /* Latin letters, digits and punctuation have a NUL high byte; other
     * scripts (Cyrillic) have none, but a header has some of the former */
    if (odd > 0 && even == 0 && odd * 2 >= pairs)
        return "UTF-16LE";
    if (even > 0 && odd == 0 && even * 2 >= pairs)
        return "UTF-16BE";
    return NULL;
}

const signature_kind *signature_binary(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
        const magic *m = &magics[i];
        if (n >= m->at + m->len && memcmp(s + m->at, m->bytes, m->len) == 0)
            return &m->kind;
    }
    if (n >= 4 && memcmp(s, "PK\3\4", 4) == 0) /* an XLSX workbook is the reader's */
        return plain_zip(s, n) ? &zip : NULL;
    bool nul = memchr(s, 0, n) != NULL;
    if (n >= 2 && s[0] == 'M' && s[1] == 'Z' && nul)
        return &pe;
    /* NULs in text mean UTF-16 or UTF-32, which the reader decodes (BOM or pattern) */
    bool bom = n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
    bool utf32be = n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF;
    if (!bom && !utf32be && controls(s, n))
        return &binary;
    return NULL;
}
