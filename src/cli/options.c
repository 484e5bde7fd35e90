/* options.c - getopt_long over a table of options, each value range-checked. */
#include "options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: cxstat [OPTION]... [FILE]...\n"
    "Report NPS, CSAT and CES, with their interpretation bands, from survey exports\n"
    "(CSV). With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Columns (a header name, case-insensitive, or a 1-based number; name[2] is the\n"
    "second column of that name). Without any, columns named nps, csat, ces are used.\n"
    "      --nps=COL             NPS answers, 0-10\n"
    "      --csat=COL            CSAT answers\n"
    "      --ces=COL             CES answers\n"
    "\n"
    "Input:\n"
    "  -d, --delimiter=C         field delimiter: ',' ';' '|' or tab (also 'tab');\n"
    "                            default: detected from the first line\n"
    "  -n, --no-header           the first line is data (alias --no-headers)\n"
    "      --strict              the first invalid answer or malformed record is an error\n"
    "\n"
    "Scales:\n"
    "      --csat-scale=1-N      1-3, 1-5 (default), 1-7 or 1-10\n"
    "      --csat-satisfied=K    answers >= K are satisfied (default: 3, 4, 6, 9 by scale)\n"
    "      --ces-scale=1-N       1-5, 1-7 (default) or 1-10\n"
    "      --ces-direction=D     agree (default: high = easy) or effort (low = easy)\n"
    "      --bands=[METRIC:]SET  band set: a built-in name (nps, nps-market, csat), a\n"
    "                            band file, or none; METRIC: is needed for files and none\n"
    "\n"
    "Output:\n"
    "  -f, --format=FMT          text (default), csv, tsv or json\n"
    "  -p, --precision=N         decimals of percentages and indices, 0-5 (default 1);\n"
    "                            means get one more\n"
    "      --lang=LANG           en (default) or ru: labels and band texts\n"
    "  -q, --quiet               no warnings on standard error\n"
    "      --require=CHECK       METRIC OP NUMBER, e.g. 'nps>=30'; METRIC: nps, csat,\n"
    "                            csat_mean, ces, ces_low_effort; OP: >= > <= < ==.\n"
    "                            Repeatable; checks the value as displayed\n"
    "  -h, --help                show this help and exit\n"
    "  -V, --version             show the version and exit\n"
    "\n"
    "Exit status: 0 success; 1 a --require check failed; 2 usage error;\n"
    "3 input or data error (unreadable file, bad record, write error).\n"
    "Full documentation: man cxstat\n";

enum {
    OPT_NPS = 256, OPT_CSAT, OPT_CES, OPT_STRICT, OPT_CSAT_SCALE, OPT_CSAT_SATISFIED,
    OPT_CES_SCALE, OPT_CES_DIRECTION, OPT_BANDS, OPT_LANG, OPT_REQUIRE
};

static const struct option long_options[] = {
    {"bands", required_argument, NULL, OPT_BANDS},
    {"ces", required_argument, NULL, OPT_CES},
    {"ces-direction", required_argument, NULL, OPT_CES_DIRECTION},
    {"ces-scale", required_argument, NULL, OPT_CES_SCALE},
    {"csat", required_argument, NULL, OPT_CSAT},
    {"csat-satisfied", required_argument, NULL, OPT_CSAT_SATISFIED},
    {"csat-scale", required_argument, NULL, OPT_CSAT_SCALE},
    {"delimiter", required_argument, NULL, 'd'},
    {"format", required_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},
    {"lang", required_argument, NULL, OPT_LANG},
    {"no-header", no_argument, NULL, 'n'},
    {"no-headers", no_argument, NULL, 'n'},
    {"nps", required_argument, NULL, OPT_NPS},
    {"precision", required_argument, NULL, 'p'},
    {"quiet", no_argument, NULL, 'q'},
    {"require", required_argument, NULL, OPT_REQUIRE},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* "cxstat: invalid WHAT 'ARG' (HINT)" and the hint line; a NULL arg prints WHAT alone. */
static opt_result usage_error(FILE *err, const char *what, const char *arg, const char *hint)
{
    if (arg)
        fprintf(err, "cxstat: invalid %s '%s' (%s)\n", what, arg, hint);
    else
        fprintf(err, "cxstat: %s\n", what);
    fputs("Try 'cxstat --help' for more information.\n", err);
    return OPT_USAGE;
}

/* A whole number lo..hi, nothing else. */
static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

/* "1-N" with N among the allowed highs. */
static bool parse_scale(const char *s, const int *allowed, size_t n, int *hi)
{
    if (strncmp(s, "1-", 2) != 0 || !parse_int(s + 2, 2, 10, hi))
        return false;
    for (size_t i = 0; i < n; i++)
        if (allowed[i] == *hi)
            return true;
    return false;
}

static bool parse_delim(const char *s, int *delim)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
        *delim = '\t';
    else if (strlen(s) == 1 && strchr(",;|", s[0]))
        *delim = s[0];
    else
        return false;
    return true;
}

static bool parse_format(const char *s, out_format *f)
{
    static const char *const names[] = {"text", "csv", "tsv", "json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i]) == 0) {
            *f = (out_format)i;
            return true;
        }
    return false;
}

/* --bands=[METRIC:]SET: a set named after its metric ("nps-market") needs no prefix. */
static bool parse_bands(const char *s, options *o)
{
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        const char *name = cx_metric_name((cx_metric)m);
        size_t len = strlen(name);
        if (strncmp(s, name, len) == 0 && s[len] == ':' && s[len + 1] != '\0') {
            o->bands[m] = s + len + 1;
            return true;
        }
    }
    const cx_bandset *set = cx_bandset_builtin(s);
    if (!set)
        return false;
    o->bands[set->metric] = s;
    return true;
}

/* getopt_long's complaint, worded by us so it names the program, not argv[0]. */
static opt_result bad_option(FILE *err, int c, const char *word)
{
    if (c == ':')
        fprintf(err, "cxstat: option '%s' needs a value\n", word);
    else if (optopt && strncmp(word, "--", 2) != 0)
        fprintf(err, "cxstat: unknown option '-%c'\n", optopt);
    else
        fprintf(err, "cxstat: unknown option '%s'\n", word);
    fputs("Try 'cxstat --help' for more information.\n", err);
    return OPT_USAGE;
}

static void set_defaults(options *o)
{
    memset(o, 0, sizeof *o);
    o->header = true;
    o->csat_hi = 5;
    o->ces_hi = 7;
    o->ces_direction = CX_CES_AGREE;
    o->format = FMT_TEXT;
    o->precision = DEFAULT_PRECISION;
    o->lang = LANG_EN;
}

static opt_result apply(options *o, int c, char *arg, FILE *out, FILE *err)
{
    static const int csat_his[] = {3, 5, 7, 10};
    static const int ces_his[] = {5, 7, 10};
    int v;
    switch (c) {
    case OPT_NPS:
    case OPT_CSAT:
    case OPT_CES: {
        cx_metric m = (cx_metric)(c - OPT_NPS);
        if (*arg == '\0')
            return usage_error(err, "column", arg, "a header name or a 1-based number");
        o->column[m] = arg;
        o->wanted[m] = true;
        o->named_any = true;
        break;
    }
    case 'd':
        if (!parse_delim(arg, &o->delim))
            return usage_error(err, "delimiter", arg, "use , ; | or tab");
        break;
    case 'n': o->header = false; break;
    case OPT_STRICT: o->strict = true; break;
    case OPT_CSAT_SCALE:
        if (!parse_scale(arg, csat_his, 4, &o->csat_hi))
            return usage_error(err, "CSAT scale", arg, "use 1-3, 1-5, 1-7 or 1-10");
        break;
    case OPT_CSAT_SATISFIED:
        if (!parse_int(arg, 2, 10, &o->csat_satisfied))
            return usage_error(err, "--csat-satisfied", arg, "a whole number 2-10");
        break;
    case OPT_CES_SCALE:
        if (!parse_scale(arg, ces_his, 3, &o->ces_hi))
            return usage_error(err, "CES scale", arg, "use 1-5, 1-7 or 1-10");
        break;
    case OPT_CES_DIRECTION:
        if (strcmp(arg, "agree") == 0)
            o->ces_direction = CX_CES_AGREE;
        else if (strcmp(arg, "effort") == 0)
            o->ces_direction = CX_CES_EFFORT;
        else
            return usage_error(err, "--ces-direction", arg, "use agree or effort");
        break;
    case OPT_BANDS:
        if (!parse_bands(arg, o))
            return usage_error(err, "--bands", arg,
                               "use nps, nps-market, csat, METRIC:FILE or METRIC:none");
        break;
    case 'f':
        if (!parse_format(arg, &o->format))
            return usage_error(err, "format", arg, "use text, csv, tsv or json");
        break;
    case 'p':
        if (!parse_int(arg, 0, CX_MAX_PRECISION - 1, &v))
            return usage_error(err, "precision", arg, "a whole number 0-5");
        o->precision = (unsigned)v;
        break;
    case OPT_LANG:
        if (strcmp(arg, "en") == 0)
            o->lang = LANG_EN;
        else if (strcmp(arg, "ru") == 0)
            o->lang = LANG_RU;
        else
            return usage_error(err, "language", arg, "use en or ru");
        break;
    case 'q': o->quiet = true; break;
    case OPT_REQUIRE:
        if (o->nrequire == MAX_REQUIRE)
            return usage_error(err, "too many --require checks (at most 32)", NULL, NULL);
        if (!require_parse(arg, &o->require[o->nrequire]))
            return usage_error(err, "--require", arg,
                               "e.g. 'nps>=30'; metrics nps, csat, csat_mean, ces, "
                               "ces_low_effort; operators >= > <= < ==");
        o->wanted[o->require[o->nrequire++].metric] = true;
        break;
    case 'h':
        fputs(usage_text, out);
        return OPT_DONE;
    case 'V':
        fputs("cxstat " CX_VERSION "\n", out);
        return OPT_DONE;
    default:
        return OPT_USAGE; /* getopt's own message was printed by the caller */
    }
    return OPT_RUN;
}

opt_result options_parse(int argc, char **argv, options *o, FILE *out, FILE *err)
{
    static char stdin_name[] = "-";
    static char *stdin_only[] = {stdin_name};
    set_defaults(o);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":d:f:hnp:qV", long_options, NULL)) != -1) {
        if (c == '?' || c == ':')
            return bad_option(err, c, argv[optind - 1]);
        opt_result r = apply(o, c, optarg, out, err);
        if (r != OPT_RUN)
            return r;
    }
    if (o->csat_satisfied > o->csat_hi)
        return usage_error(err, "--csat-satisfied is above the top of the CSAT scale", NULL,
                           NULL);
    if (optind < argc) {
        o->files = argv + optind;
        o->nfiles = (size_t)(argc - optind);
    } else {
        o->files = stdin_only;
        o->nfiles = 1;
    }
    return OPT_RUN;
}
