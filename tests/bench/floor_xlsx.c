/* floor_xlsx.c - the floor of reading a sheet: inflate one part of a workbook with
 * libzip and run expat (with namespaces, as the reader does) with empty handlers.
 *   floor_xlsx FILE.xlsx PART    (prints the elements seen) */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <zip.h>

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)name, (void)atts;
    ++*(unsigned long long *)ud;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    (void)ud, (void)s, (void)len;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    int err = 0;
    zip_t *za = zip_open(argv[1], ZIP_RDONLY, &err);
    zip_file_t *zf = za ? zip_fopen(za, argv[2], 0) : NULL;
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    static char block[1 << 16];
    unsigned long long elements = 0;
    if (zf == NULL || p == NULL)
        return 3;
    XML_SetUserData(p, &elements);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    zip_int64_t got;
    do {
        got = zip_fread(zf, block, sizeof block);
        if (got < 0 || XML_Parse(p, block, (int)got, got == 0) == XML_STATUS_ERROR)
            return 3;
    } while (got > 0);
    printf("%llu elements\n", elements);
    XML_ParserFree(p);
    zip_fclose(zf);
    zip_close(za);
    return 0;
}
