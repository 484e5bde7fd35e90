/* options.c - getopt_long over a table of options, each value range-checked. */
#include "options.h"

#include "followup.h"
#include "text.h"
#include "valuelist.h"
#include "writers.h"

#include <getopt.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* The help text, one section per string (ISO C caps a string's length). */
static const char *const usage_text[] = {
    "Usage: cxstat [OPTION]... [FILE]...\n"
    "  or:  cxstat merge [OPTION]... STATE...\n"
    "Report NPS, CSAT and CES, with their interpretation bands, from survey exports\n"
    "(CSV; XLSX workbooks, SPSS .sav/.zsav and Stata .dta files, known by their\n"
    "content). With no FILE, or when FILE is -, read standard input. merge adds up\n"
    "the states written by -f state (STATE -: states on standard input).\n"
    "\n",
    "Columns (a header name, case-insensitive, or a 1-based number; name[2] is the\n"
    "second column of that name; in SPSS and Stata files a variable name or label).\n"
    "Without any, columns named nps, csat, ces are used.\n"
    "      --nps=COL             NPS answers, 0-10\n"
    "      --csat=COL            CSAT answers\n"
    "      --ces=COL             CES answers\n"
    "      --level=COL           employee customer-orientation ratings, 1-5; the mean\n"
    "                            maps to a competency level (never detected by name)\n"
    "\n",
    "Segments and statistics:\n"
    "  -g, --group=COL[,COL]...  one row per distinct value (combination), and a total\n"
    "      --sort=ORDER          key (default), n, nps, csat, ces or level\n"
    "      --min-n=N             hide groups with fewer than N records (still in total)\n"
    "      --period=COL          one row per period of the dates in COL\n"
    "      --every=UNIT          day, week, month (default), quarter or year\n"
    "      --window=N            each period's row covers the N periods ending there\n"
    "                            (trailing); its change is against the N before\n"
    "      --date-format=FMT     how the --period dates are written, e.g. %d/%m/%Y\n"
    "      --compare=COL:A,B     compare the rows whose COL is A with those where it is B\n"
    "  -w, --weight=COL          weight each record by COL (a number >= 0)\n"
    "      --latest-by=COL       count each respondent (COL: an id) once: the last\n"
    "                            answer, by the --period date, else in file order\n"
    "      --population=N        customers surveyed from: response rate and\n"
    "                            finite-population correction of the margins\n"
    "      --confidence=C        confidence of intervals and tests, 0.5-0.999\n"
    "                            (default 0.95)\n"
    "      --adjust=METHOD       with --period: none (default) or holm, the\n"
    "                            Holm-Bonferroni correction over each metric's changes\n"
    "\n",
    "Input:\n"
    "  -d, --delimiter=C         field delimiter: ',' ';' '|' or tab (also 'tab');\n"
    "                            default: detected from the first records\n"
    "  -e, --encoding=NAME       the input's encoding when it has no BOM, e.g. cp1251,\n"
    "                            koi8-r, latin1 (any iconv name); default UTF-8\n"
    "  -n, --no-header           the first line is data (alias --no-headers)\n"
    "      --header-row=N        the header is line N (lines before it are passed over)\n"
    "      --skip=N              pass over N records after the header; without it, the\n"
    "                            extra header rows of Qualtrics and SurveyMonkey\n"
    "                            exports are recognised and passed over\n"
    "      --sheet=NAME|N        an XLSX workbook's sheet: its exact name, else its\n"
    "                            1-based position (default: the first)\n"
    "      --list-sheets         print each workbook's sheets (position, name, state)\n"
    "                            and exit\n"
    "      --strict              the first invalid answer or malformed record is an error\n"
    "  -j, --jobs=N              threads reading a large regular file, in chunks merged\n"
    "                            exactly (default: the online cores; 1: one thread)\n"
    "\n",
    "Scales:\n"
    "      --csat-scale=1-N      1-3, 1-5 (default), 1-7 or 1-10\n"
    "      --csat-satisfied=K    answers >= K are satisfied (default: 3, 4, 6, 9 by scale)\n"
    "      --ces-scale=1-N       1-5, 1-7 (default) or 1-10\n"
    "      --ces-direction=D     agree (default: high = easy) or effort (low = easy)\n"
    "      --blank=TOKEN[,TOKEN]...  answers read as blank (no answer), e.g.\n"
    "                            'N/A,-,Не знаю' (case-insensitive; repeatable)\n"
    "      --labels=[METRIC:]FILE  answers written as words: a CSV file of label,score\n"
    "                            (case-insensitive); without METRIC: for every metric\n"
    "      --bands=[METRIC:]SET  band set: a built-in name (nps, nps-market, csat,\n"
    "                            level), a band file, or none; METRIC: is needed for\n"
    "                            files and none\n"
    "\n",
    "Output:\n"
    "  -f, --format=FMT          text (default), csv, tsv, json, html (a page with\n"
    "                            charts), svg (one chart), or state: the exact\n"
    "                            histograms, for 'cxstat merge' to combine\n"
    "  -p, --precision=N         decimals of percentages and indices, 0-5 (default 1);\n"
    "                            means get one more\n"
    "      --lang=LANG           en (default) or ru: labels and band texts\n"
    "  -q, --quiet               no warnings on standard error\n"
    "      --require=CHECK       a gate, e.g. 'nps>=30', 'total:nps.ci_low>=25',\n"
    "                            'nps.change>=-5', '!nps.significant_drop': METRIC\n"
    "                            nps, csat, csat_mean, ces, ces_low_effort, level;\n"
    "                            .ci_low .ci_high .moe .n .change...; scope total: or\n"
    "                            last:; OP >= > <= < ==. Repeatable; an undefined\n"
    "                            value fails (see CHECKS in man cxstat)\n"
    "      --where=COL=VALUE     count (and list) only records whose COL is VALUE;\n"
    "                            COL!=VALUE: is not; VALUE may be A,B (CSV quoting);\n"
    "                            repeatable, all must hold (a --period column matches\n"
    "                            its period label)\n"
    "\n",
    "Follow-up list (instead of the report):\n"
    "      --list=WHO            the responses to act on, worst first: detractors,\n"
    "                            passives, promoters (NPS), dissatisfied (CSAT) or\n"
    "                            difficult (CES)\n"
    "      --show=COL[,COL]...   the columns to list (default: every column)\n"
    "      --no-escape-formulas  in CSV and TSV, leave cells that start with = + - @\n"
    "                            as they are (default: a ' before them)\n"
    "\n",
    "  -h, --help                show this help and exit\n"
    "  -V, --version             show the version and exit\n"
    "\n",
    "Exit status: 0 success; 1 a --require check failed; 2 usage error;\n"
    "3 input or data error (unreadable file, bad record, write error).\n"
    "Full documentation: man cxstat\n",
};

enum {
    OPT_NPS = 256, OPT_CSAT, OPT_CES, OPT_LEVEL, OPT_STRICT, OPT_SORT, OPT_MIN_N, OPT_PERIOD,
    OPT_EVERY, OPT_COMPARE, OPT_POPULATION, OPT_CONFIDENCE, OPT_HEADER_ROW, OPT_SKIP,
    OPT_LABELS, OPT_LIST, OPT_SHOW, OPT_WHERE, OPT_CSAT_SCALE, OPT_CSAT_SATISFIED,
    OPT_CES_SCALE, OPT_CES_DIRECTION, OPT_BANDS, OPT_LANG, OPT_REQUIRE, OPT_ADJUST,
    OPT_RAW_CELLS, OPT_SHEET, OPT_LIST_SHEETS, OPT_BLANK, OPT_LATEST_BY, OPT_WINDOW,
    OPT_DATE_FORMAT
};

static const struct option long_options[] = {
    {"adjust", required_argument, NULL, OPT_ADJUST},
    {"bands", required_argument, NULL, OPT_BANDS},
    {"blank", required_argument, NULL, OPT_BLANK},
    {"ces", required_argument, NULL, OPT_CES},
    {"ces-direction", required_argument, NULL, OPT_CES_DIRECTION},
    {"ces-scale", required_argument, NULL, OPT_CES_SCALE},
    {"compare", required_argument, NULL, OPT_COMPARE},
    {"confidence", required_argument, NULL, OPT_CONFIDENCE},
    {"csat", required_argument, NULL, OPT_CSAT},
    {"csat-satisfied", required_argument, NULL, OPT_CSAT_SATISFIED},
    {"csat-scale", required_argument, NULL, OPT_CSAT_SCALE},
    {"date-format", required_argument, NULL, OPT_DATE_FORMAT},
    {"delimiter", required_argument, NULL, 'd'},
    {"encoding", required_argument, NULL, 'e'},
    {"every", required_argument, NULL, OPT_EVERY},
    {"format", required_argument, NULL, 'f'},
    {"group", required_argument, NULL, 'g'},
    {"header-row", required_argument, NULL, OPT_HEADER_ROW},
    {"help", no_argument, NULL, 'h'},
    {"jobs", required_argument, NULL, 'j'},
    {"labels", required_argument, NULL, OPT_LABELS},
    {"lang", required_argument, NULL, OPT_LANG},
    {"latest-by", required_argument, NULL, OPT_LATEST_BY},
    {"level", required_argument, NULL, OPT_LEVEL},
    {"list", required_argument, NULL, OPT_LIST},
    {"list-sheets", no_argument, NULL, OPT_LIST_SHEETS},
    {"min-n", required_argument, NULL, OPT_MIN_N},
    {"no-escape-formulas", no_argument, NULL, OPT_RAW_CELLS},
    {"no-header", no_argument, NULL, 'n'},
    {"no-headers", no_argument, NULL, 'n'},
    {"nps", required_argument, NULL, OPT_NPS},
    {"period", required_argument, NULL, OPT_PERIOD},
    {"population", required_argument, NULL, OPT_POPULATION},
    {"precision", required_argument, NULL, 'p'},
    {"quiet", no_argument, NULL, 'q'},
    {"require", required_argument, NULL, OPT_REQUIRE},
    {"sheet", required_argument, NULL, OPT_SHEET},
    {"show", required_argument, NULL, OPT_SHOW},
    {"skip", required_argument, NULL, OPT_SKIP},
    {"sort", required_argument, NULL, OPT_SORT},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"version", no_argument, NULL, 'V'},
    {"weight", required_argument, NULL, 'w'},
    {"where", required_argument, NULL, OPT_WHERE},
    {"window", required_argument, NULL, OPT_WINDOW},
    {NULL, 0, NULL, 0},
};

/* "cxstat: invalid WHAT 'ARG' (HINT)" and the hint line; a NULL arg prints WHAT alone. */
static opt_result usage_error(FILE *err, const char *what, const char *arg, const char *hint)
{
    if (arg)
        diag_usage(err, "invalid %s '%s' (%s)", what, arg, hint);
    else
        diag_usage(err, "%s", what);
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
        *delim = (unsigned char)s[0];
    else
        return false;
    return true;
}

static bool parse_format(const char *s, out_format *f)
{
    const report_writer *w = report_writer_named(s);
    if (w)
        *f = w->format;
    return w != NULL;
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

/*
 * The long option closest to an unknown --word (its =value aside): one whose
 * name starts the word ("--group-by": --group), else the fewest edits, at
 * most a third of the word (at least 2).  NULL when none is that close.
 */
static const char *closest_option(const char *word)
{
    const char *name = word + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name), best = SIZE_MAX;
    const char *found = NULL;
    for (size_t i = 0; long_options[i].name; i++) {
        const char *opt = long_options[i].name;
        size_t k = strlen(opt), d = text_edits(name, len, opt, k);
        if (k < len && strncmp(name, opt, k) == 0 && (name[k] == '-' || name[k] == '_'))
            d = 1; /* a longer spelling of an option: --group-by, --nps-column */
        if (d < best)
            best = d, found = opt;
    }
    return best <= (len / 3 > 2 ? len / 3 : 2) ? found : NULL;
}

/* getopt_long's complaint, worded by us so it names the program, not argv[0]. */
static opt_result bad_option(FILE *err, int c, const char *word)
{
    const char *near = NULL;
    if (c == ':')
        diag_usage(err, "option '%s' needs a value", word);
    else if (optopt && strncmp(word, "--", 2) != 0)
        diag_usage(err, "unknown option '-%c'", optopt);
    else if (strncmp(word, "--", 2) == 0 && (near = closest_option(word)) != NULL)
        diag_usage(err, "unknown option '%s'; did you mean '--%s'?", word, near);
    else
        diag_usage(err, "unknown option '%s'", word);
    return OPT_USAGE;
}

/* A column: a 1-based number, or a name that is not empty. */
static bool valid_column(const char *s)
{
    if (*s == '\0')
        return false;
    if (strspn(s, "0123456789") == strlen(s))
        return strspn(s, "0") < strlen(s); /* not 0 */
    return true;
}

/* "a,b,c": split in place (argv strings are writable) into at most max columns. */
static bool split_columns(char *arg, const char **out, size_t max, size_t *n)
{
    /* check first, so that a usage error quotes the argument whole */
    size_t parts = 1;
    for (const char *p = arg; *p; p++)
        parts += *p == ',';
    if (arg[0] == '\0' || parts > max || strstr(arg, ",,") || arg[0] == ',' ||
        arg[strlen(arg) - 1] == ',')
        return false;
    *n = 0;
    for (char *p = arg;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (*n == max || !valid_column(p))
            return false;
        out[(*n)++] = p;
        if (!comma)
            return true;
        p = comma + 1;
    }
}

static bool parse_list(const char *s, list_kind *out)
{
    static const char *const names[] = {"", "detractors", "passives", "promoters",
                                        "dissatisfied", "difficult"};
    for (size_t i = 1; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (list_kind)i;
            return true;
        }
    return false;
}

static bool parse_sort(const char *s, sort_order *out)
{
    const metric_def *d = metric_named(s, strlen(s));
    if (strcmp(s, "key") == 0)
        *out = SORT_KEY;
    else if (strcmp(s, "n") == 0)
        *out = SORT_N;
    else if (d)
        *out = (sort_order)(SORT_METRIC + d->metric);
    else
        return false;
    return true;
}

/* A whole number 0..10^15, digits only. */
static bool parse_count(const char *s, uint64_t *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 15 || strspn(s, "0123456789") != n)
        return false;
    *out = strtoull(s, NULL, 10);
    return true;
}

/* 0.5 to 0.999, at most three decimals: "0.9", "0.95", "0.999". */
static bool parse_confidence(const char *s, double *out)
{
    cx_decimal d;
    if (cx_decimal_parse(s, strlen(s), &d) != CX_OK || d.exp > 3 ||
        cx_decimal_compare(d, (cx_decimal){5, 1}) < 0 ||
        cx_decimal_compare(d, (cx_decimal){999, 3}) > 0)
        return false;
    double v = (double)d.mant;
    for (unsigned i = 0; i < d.exp; i++)
        v /= 10;
    *out = v;
    return true;
}

/* COL:A,B, the values as a CSV record ("Moscow, Tverskaya" quoted), split in place. */
static bool parse_compare(char *arg, options *o)
{
    char *colon = strchr(arg, ':');
    if (!colon || colon == arg)
        return false;
    *colon = '\0';
    bool ok = valid_column(arg);
    *colon = ':';
    if (!ok)
        return false;
    /* split a copy first, so that a usage error quotes the argument whole */
    char copy[1024];
    const char *v[2];
    size_t n;
    size_t len = strlen(colon + 1);
    if (len >= sizeof copy)
        return false;
    memcpy(copy, colon + 1, len + 1);
    if (!valuelist_split(copy, v, 2, &n) || n != 2 || !*v[0] || !*v[1])
        return false;
    *colon = '\0';
    valuelist_split(colon + 1, o->plan.compare_value, 2, &n);
    o->plan.compare = arg;
    return true;
}

/* COL=A[,B]... or COL!=A[,B]...: the values as a CSV record, split in place. */
static bool parse_where(char *arg, options *o)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg || o->plan.nwhere == MAX_WHERE)
        return false;
    where_filter *w = &o->plan.where[o->plan.nwhere];
    w->negate = eq[-1] == '!';
    char *end = w->negate ? eq - 1 : eq;
    if (end == arg)
        return false;
    char copy[1024];
    size_t len = strlen(eq + 1);
    if (len >= sizeof copy)
        return false;
    memcpy(copy, eq + 1, len + 1);
    if (!valuelist_split(copy, w->value, MAX_WHERE_VALUES, &w->nvalues))
        return false;
    char saved = *end;
    *end = '\0';
    if (!valid_column(arg)) {
        *end = saved;
        return false;
    }
    valuelist_split(eq + 1, w->value, MAX_WHERE_VALUES, &w->nvalues);
    w->column = arg;
    o->plan.nwhere++;
    return true;
}

/* --labels=[METRIC:]FILE: a metric prefix limits the file to that metric. */
static void parse_labels(const char *s, options *o)
{
    for (int m = 0; m < CX_METRIC_COUNT; m++) {
        const char *name = cx_metric_name((cx_metric)m);
        size_t len = strlen(name);
        if (strncmp(s, name, len) == 0 && s[len] == ':' && s[len + 1] != '\0') {
            o->plan.labels[m] = s + len + 1;
            return;
        }
    }
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        o->plan.labels[m] = s;
}

static void set_defaults(options *o)
{
    memset(o, 0, sizeof *o);
    o->plan.header = true;
    o->plan.header_row = 1;
    o->plan.csat_hi = 5;
    o->plan.ces_hi = 7;
    o->plan.ces_direction = CX_CES_AGREE;
    o->style.format = FMT_TEXT;
    o->style.precision = DEFAULT_PRECISION;
    o->style.lang = LANG_EN;
    o->plan.every = CX_EVERY_MONTH;
    o->plan.window = 1;
    o->style.confidence = DEFAULT_CONFIDENCE;
}

/* An option group's answer for an option it does not take. */
#define NOT_MINE (-1)

/* The metrics' columns and the rows records are split into.  @return an opt_result, or NOT_MINE for an option of another group. */
static int apply_columns(options *o, int c, char *arg, FILE *out, FILE *err)
{
    int v;
    (void)out;
    switch (c) {
    case OPT_NPS:
    case OPT_CSAT:
    case OPT_CES:
    case OPT_LEVEL: {
        cx_metric m = (cx_metric)(c - OPT_NPS);
        if (!valid_column(arg))
            return usage_error(err, "column", arg, "a header name or a 1-based number");
        o->plan.column[m] = arg;
        o->plan.wanted[m] = true;
        o->plan.named_any = o->plan.named_any || metric_def_of(m)->detected;
        break;
    }
    case 'g':
        if (!split_columns(arg, o->plan.group, MAX_GROUP_COLUMNS, &o->plan.ngroup))
            return usage_error(err, "--group", arg, "up to 8 columns, separated by commas");
        break;
    case OPT_PERIOD:
        if (!valid_column(arg))
            return usage_error(err, "column", arg, "a header name or a 1-based number");
        o->plan.period = arg;
        break;
    case OPT_DATE_FORMAT:
        if (cx_date_format_check(arg) != CX_OK)
            return usage_error(err, "--date-format", arg,
                               "a pattern with %Y, %m (or %b) and %d, e.g. %d/%m/%Y");
        o->plan.date_format = arg;
        break;
    case OPT_EVERY:
        if (cx_every_parse(arg, &o->plan.every) != CX_OK)
            return usage_error(err, "--every", arg, "use day, week, month, quarter or year");
        o->plan.every_given = true;
        break;
    case OPT_WINDOW:
        if (!parse_int(arg, 1, MAX_WINDOW, &v))
            return usage_error(err, "--window", arg, "a whole number of periods, 1-120");
        o->plan.window = (unsigned)v;
        break;
    case OPT_COMPARE:
        if (!parse_compare(arg, o))
            return usage_error(err, "--compare", arg,
                               "COL:A,B, e.g. channel:web,app; quote a value with a comma "
                               "as in CSV: store:\"Moscow, Tverskaya\",Kazan");
        break;
    case OPT_LATEST_BY:
        if (!valid_column(arg))
            return usage_error(err, "column", arg, "a header name or a 1-based number");
        o->plan.latest_by = arg;
        break;
    case 'w':
        if (!valid_column(arg))
            return usage_error(err, "column", arg, "a header name or a 1-based number");
        o->plan.weight = arg;
        break;
    default:
        return NOT_MINE;
    }
    return OPT_RUN;
}

/* Row order and the statistics' settings.  @return an opt_result, or NOT_MINE for an option of another group. */
static int apply_statistics(options *o, int c, char *arg, FILE *out, FILE *err)
{
    (void)out;
    switch (c) {
    case OPT_SORT:
        if (!parse_sort(arg, &o->style.sort))
            return usage_error(err, "--sort", arg, "use key, n, nps, csat, ces or level");
        break;
    case OPT_MIN_N:
        if (!parse_count(arg, &o->style.min_n))
            return usage_error(err, "--min-n", arg, "a whole number");
        break;
    case OPT_POPULATION:
        if (!parse_count(arg, &o->style.population) || o->style.population == 0)
            return usage_error(err, "--population", arg, "a whole number above 0");
        break;
    case OPT_CONFIDENCE:
        if (!parse_confidence(arg, &o->style.confidence))
            return usage_error(err, "--confidence", arg, "a number from 0.5 to 0.999");
        break;
    case OPT_ADJUST:
        if (strcmp(arg, "none") != 0 && strcmp(arg, "holm") != 0)
            return usage_error(err, "--adjust", arg, "use none or holm");
        o->style.adjust = strcmp(arg, "holm") == 0 ? ADJUST_HOLM : ADJUST_NONE;
        break;
    default:
        return NOT_MINE;
    }
    return OPT_RUN;
}

/* How the input is read.  @return an opt_result, or NOT_MINE for an option of another group. */
static int apply_input(options *o, int c, char *arg, FILE *out, FILE *err)
{
    int v;
    (void)out;
    switch (c) {
    case 'd':
        if (!parse_delim(arg, &o->plan.delim))
            return usage_error(err, "delimiter", arg, "use , ; | or tab");
        break;
    case 'e': {
        /* iconv takes "" for the locale's encoding, which differs from machine to machine */
        iconv_t cd = *arg ? iconv_open("UTF-8", arg) : (iconv_t)-1;
        if (cd == (iconv_t)-1)
            return usage_error(err, "--encoding", arg, "an iconv name such as cp1251 or koi8-r");
        iconv_close(cd);
        o->plan.encoding = arg;
        break;
    }
    case 'n': o->plan.header = false; break;
    case OPT_LABELS:
        parse_labels(arg, o);
        break;
    case OPT_BLANK: {
        size_t n = 0;
        if (o->plan.nblank == MAX_BLANK ||
            !valuelist_split(arg, o->plan.blank + o->plan.nblank, MAX_BLANK - o->plan.nblank, &n))
            return usage_error(err, "--blank", arg,
                               "tokens separated by commas, as in CSV; at most 32 in all");
        o->plan.nblank += n;
        break;
    }
    case OPT_HEADER_ROW:
        if (!parse_count(arg, &o->plan.header_row) || o->plan.header_row == 0)
            return usage_error(err, "--header-row", arg, "a line number from 1");
        break;
    case OPT_SKIP:
        if (!parse_count(arg, &o->plan.skip))
            return usage_error(err, "--skip", arg, "a whole number");
        o->plan.skip_given = true;
        break;
    case OPT_STRICT: o->plan.strict = true; break;
    case OPT_SHEET:
        if (arg[0] == '\0')
            return usage_error(err, "--sheet", arg, "a sheet's name or 1-based position");
        o->plan.sheet = arg;
        break;
    case OPT_LIST_SHEETS: o->list_sheets = true; break;
    case 'j':
        if (!parse_int(arg, 1, MAX_JOBS, &v))
            return usage_error(err, "--jobs", arg, "a whole number 1-256");
        o->plan.jobs = (unsigned)v;
        break;
    default:
        return NOT_MINE;
    }
    return OPT_RUN;
}

/* The scales and band sets.  @return an opt_result, or NOT_MINE for an option of another group. */
static int apply_scales(options *o, int c, char *arg, FILE *out, FILE *err)
{
    static const int csat_his[] = {3, 5, 7, 10};
    static const int ces_his[] = {5, 7, 10};
    (void)out;
    switch (c) {
    case OPT_CSAT_SCALE:
        if (!parse_scale(arg, csat_his, 4, &o->plan.csat_hi))
            return usage_error(err, "CSAT scale", arg, "use 1-3, 1-5, 1-7 or 1-10");
        break;
    case OPT_CSAT_SATISFIED:
        if (!parse_int(arg, 2, 10, &o->plan.csat_satisfied))
            return usage_error(err, "--csat-satisfied", arg, "a whole number 2-10");
        break;
    case OPT_CES_SCALE:
        if (!parse_scale(arg, ces_his, 3, &o->plan.ces_hi))
            return usage_error(err, "CES scale", arg, "use 1-5, 1-7 or 1-10");
        break;
    case OPT_CES_DIRECTION:
        if (strcmp(arg, "agree") == 0)
            o->plan.ces_direction = CX_CES_AGREE;
        else if (strcmp(arg, "effort") == 0)
            o->plan.ces_direction = CX_CES_EFFORT;
        else
            return usage_error(err, "--ces-direction", arg, "use agree or effort");
        break;
    case OPT_BANDS:
        if (!parse_bands(arg, o))
            return usage_error(err, "--bands", arg,
                               "use nps, nps-market, csat, level, METRIC:FILE or METRIC:none");
        break;
    default:
        return NOT_MINE;
    }
    return OPT_RUN;
}

/* The report's format and checks, and what is printed instead of a report.  @return an opt_result, or NOT_MINE for an option of another group. */
static int apply_output(options *o, int c, char *arg, FILE *out, FILE *err)
{
    int v;
    switch (c) {
    case OPT_RAW_CELLS: o->style.raw_cells = true; break;
    case 'f':
        if (!parse_format(arg, &o->style.format)) {
            char hint[128] = "use ";
            report_writer_names(hint + 4, sizeof hint - 4);
            return usage_error(err, "format", arg, hint);
        }
        break;
    case 'p':
        if (!parse_int(arg, 0, CX_MAX_PRECISION - 1, &v))
            return usage_error(err, "precision", arg, "a whole number 0-5");
        o->style.precision = (unsigned)v;
        break;
    case OPT_LANG:
        if (strcmp(arg, "en") == 0)
            o->style.lang = LANG_EN;
        else if (strcmp(arg, "ru") == 0)
            o->style.lang = LANG_RU;
        else
            return usage_error(err, "language", arg, "use en or ru");
        break;
    case 'q': o->plan.quiet = true; break;
    case OPT_REQUIRE:
        if (o->nrequire == MAX_REQUIRE)
            return usage_error(err, "too many --require checks (at most 32)", NULL, NULL);
        if (!require_parse(arg, &o->require[o->nrequire]))
            return usage_error(err, "--require", arg,
                               "e.g. 'nps>=30', 'nps.ci_low>=25', 'last:nps.change>=-5', "
                               "'!nps.significant_drop'; see CHECKS in man cxstat");
        o->plan.wanted[o->require[o->nrequire++].metric] = true;
        break;
    case 'h':
        for (size_t i = 0; i < sizeof usage_text / sizeof usage_text[0]; i++)
            fputs(usage_text[i], out);
        return OPT_DONE;
    case 'V':
        fputs("cxstat " CX_VERSION "\n", out);
        return OPT_DONE;
    default:
        return NOT_MINE;
    }
    return OPT_RUN;
}

/* The follow-up list.  @return an opt_result, or NOT_MINE for an option of another group. */
static int apply_list(options *o, int c, char *arg, FILE *out, FILE *err)
{
    (void)out;
    switch (c) {
    case OPT_LIST:
        if (!parse_list(arg, &o->plan.list))
            return usage_error(err, "--list", arg,
                               "detractors, passives, promoters, dissatisfied or difficult");
        break;
    case OPT_SHOW:
        if (!split_columns(arg, o->plan.show, MAX_SHOW, &o->plan.nshow))
            return usage_error(err, "--show", arg, "up to 64 columns, separated by commas");
        break;
    case OPT_WHERE:
        if (!parse_where(arg, o))
            return usage_error(err, "--where", arg,
                               "COL=VALUE or COL!=VALUE, values A,B as in CSV (\"a, b\" "
                               "quoted), up to 16 values, at most 8 times");
        break;
    default:
        return NOT_MINE;
    }
    return OPT_RUN;
}

typedef int option_group(options *o, int c, char *arg, FILE *out, FILE *err);

/* One option: each group in turn, until one takes it. */
static opt_result apply(options *o, int c, char *arg, FILE *out, FILE *err)
{
    static option_group *const groups[] = {apply_columns, apply_statistics, apply_input,
                                           apply_scales, apply_output, apply_list};
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        int r = groups[i](o, c, arg, out, err);
        if (r != NOT_MINE)
            return (opt_result)r;
    }
    return OPT_USAGE; /* getopt's own message was printed by the caller */
}

/* What merge takes from its state files may not be given again. */
static opt_result check_merge(const options *o, FILE *err)
{
    bool data = o->plan.named_any || o->plan.column[CX_LEVEL] || o->plan.ngroup || o->plan.period || o->plan.compare ||
                o->plan.weight || o->plan.list || o->plan.nwhere || o->plan.nblank ||
                o->plan.latest_by || o->plan.encoding || o->plan.delim || !o->plan.header ||
                o->plan.every_given || o->plan.strict || o->plan.sheet || o->list_sheets ||
                o->plan.date_format ||
                o->plan.header_row != 1 || o->plan.skip_given || o->plan.csat_hi != 5 || o->plan.csat_satisfied ||
                o->plan.ces_hi != 7 || o->plan.ces_direction != CX_CES_AGREE;
    for (int m = 0; m < CX_METRIC_COUNT; m++)
        data = data || o->plan.labels[m];
    if (data)
        return usage_error(err, "merge takes columns, scales, groups and periods from its state "
                                "files: give only report options", NULL, NULL);
    return OPT_RUN; /* -f state too: merging states into one state is a reduce step */
}

opt_result options_parse(int argc, char **argv, options *o, FILE *out, FILE *err)
{
    static char stdin_name[] = "-";
    static char *stdin_only[] = {stdin_name};
    set_defaults(o);
    if (argc > 1 && strcmp(argv[1], "merge") == 0) {
        o->merge = true;
        argv++;
        argc--;
    }
    optind = 0; /* glibc: 0 also resets the scan inside a group of short options */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":d:e:f:g:hj:np:qVw:", long_options, NULL)) != -1) {
        if (c == '?' || c == ':')
            return bad_option(err, c, argv[optind - 1]);
        opt_result r = apply(o, c, optarg, out, err);
        if (r != OPT_RUN)
            return r;
    }
    if (o->merge && check_merge(o, err) != OPT_RUN)
        return OPT_USAGE;
    if (o->merge && optind == argc)
        return usage_error(err, "merge needs state files (written by -f state)", NULL, NULL);
    if (o->style.format == FMT_STATE && (o->plan.list || o->nrequire))
        return usage_error(err, "-f state cannot be combined with --list or --require", NULL,
                           NULL);
    if (o->plan.list && (o->style.format == FMT_HTML || o->style.format == FMT_SVG))
        return usage_error(err, "--list writes text, csv, tsv or json", NULL, NULL);
    if (o->plan.list && (o->plan.compare || o->plan.latest_by))
        return usage_error(err, "--list cannot be combined with --compare or --latest-by", NULL,
                           NULL);
    if ((o->plan.nshow || o->style.raw_cells) && !o->plan.list)
        return usage_error(err, "--show and --no-escape-formulas go with --list", NULL, NULL);
    for (size_t i = 0; i < o->nrequire; i++)
        if ((o->require[i].scope == SCOPE_LAST || require_reads_change(&o->require[i])) &&
            !o->plan.period) {
            char what[160];
            snprintf(what, sizeof what, "--require '%.100s' reads the last period: it needs "
                     "--period", o->require[i].text);
            return usage_error(err, what, NULL, NULL);
        }
    if (o->plan.list && !o->plan.header && !o->plan.nshow)
        return usage_error(err, "--list without a header needs --show with column numbers",
                           NULL, NULL);
    if (o->plan.list)
        o->plan.wanted[metric_of_list(o->plan.list)] = true;
    o->plan.count_rows = o->plan.list && o->nrequire; /* the checks read the rows */
    if (o->plan.window > 1 && !o->plan.period)
        return usage_error(err, "--window needs --period", NULL, NULL);
    if (o->plan.window > 1 && o->plan.list)
        return usage_error(err, "--window cannot be combined with --list", NULL, NULL);
    if (o->plan.date_format && !o->plan.period && !o->merge)
        return usage_error(err, "--date-format reads the --period column: give --period too",
                           NULL, NULL);
    if (o->plan.compare && (o->plan.ngroup || o->plan.period))
        return usage_error(err, "--compare cannot be combined with --group or --period", NULL,
                           NULL);
    /* A merge learns its --period from the state files; main checks it there. */
    if (o->style.adjust == ADJUST_HOLM && !o->plan.period && !o->merge)
        return usage_error(err, "--adjust=holm goes with --period", NULL, NULL);
    if (o->plan.csat_satisfied > o->plan.csat_hi)
        return usage_error(err, "--csat-satisfied is above the top of the CSAT scale", NULL,
                           NULL);
    if (optind < argc) {
        o->files = argv + optind;
        o->nfiles = (size_t)(argc - optind);
        /* a second reading of a pipe gets what the first left: a count that depends on -j */
        size_t dashes = 0;
        for (size_t i = 0; i < o->nfiles; i++)
            dashes += strcmp(o->files[i], "-") == 0;
        if (dashes > 1)
            return usage_error(err, "standard input ('-') can be read only once", NULL, NULL);
    } else {
        o->files = stdin_only;
        o->nfiles = 1;
    }
    return OPT_RUN;
}
