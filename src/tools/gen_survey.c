/* gen_survey writes a realistic, messy customer-survey CSV export, byte for byte the same for
 * the same seed on every machine, so cxstat has a sample, test inputs and benchmarks without
 * real customer data. */

/*
 * The model, in short.  Every respondent has one latent satisfaction u, a
 * uniform 32-bit number.  Their store and channel bend it up or down (with a
 * probability set by the store's or channel's quality, u is replaced by the
 * larger or the smaller of itself and a second draw), and each metric sees u
 * plus its own triangular jitter, reflected at the ends so the marginal stays
 * uniform.  The jittered value is read through the metric's base
 * distribution (an inverse CDF in units of 1/10000), so an average store
 * gives NPS about 30, CSAT about 77 % and CES about 70 % low effort, and the
 * three answers of one respondent are correlated.
 *
 * Everything is integer arithmetic: no floating point, no libm, so the bytes
 * cannot depend on the compiler, the FPU or the C library.  Three
 * independent xoshiro256** streams are used: one for the answers themselves,
 * one for how they are written (blanks, junk, labels), one for comments.
 * Hence --clean, --delim, --crlf and --bom change only the presentation: the
 * same seed, rows, stores and channels always carry the same true answers.
 */

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROG "gen_survey"

#define ROWS_MAX 1000000000u
#define STORES_MAX 10000u
#define CHANNELS_MAX 5u
#define OUT_CAP ((size_t)1 << 16)
#define COMMENT_CAP 1024u

/* ---- options ----------------------------------------------------------- */

struct opts {
    uint64_t rows;
    uint64_t seed;
    unsigned stores;
    unsigned channels;
    bool junk;
    char delim;
    bool crlf;
    bool bom;
};

/* ---- PRNG: splitmix64 to seed, xoshiro256** to draw --------------------- */

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t st = seed ^ (stream * UINT64_C(0xD1B54A32D192ED03));
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&st);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static uint32_t rng_u32(struct rng *r)
{
    return (uint32_t)(rng_next(r) >> 32);
}

/* A number in [0, n), n <= 2^32 (multiply-shift; the bias is below 2^-32). */
static uint32_t rng_below(struct rng *r, uint64_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* True with probability permyriad / 10000. */
static bool rng_chance(struct rng *r, unsigned permyriad)
{
    return rng_below(r, 10000) < permyriad;
}

/* ---- the data's tables -------------------------------------------------- */

/* quality in 1/1000: the probability that a respondent's latent is pulled
 * up (positive) or down (negative); weight: relative number of responses. */
struct unit_def {
    const char *name;
    int quality;
    unsigned weight;
};

static const struct unit_def named_stores[] = {
    {"Moscow Tverskaya", 150, 14},
    {"Saint Petersburg Nevsky", 350, 12},
    {"Kazan Center", 650, 8},
    {"Novosibirsk", -200, 7},
    {"Yekaterinburg Center", 0, 7},
    {"Moscow Aviapark", -100, 10},
    {"Nizhny Novgorod", -600, 6},
    {"Samara", 100, 5},
    {"Krasnodar", 250, 6},
    {"Rostov-on-Don", -400, 5},
    {"Voronezh", 450, 4},
    {"Saint Petersburg Galeria", -300, 8},
};
#define NAMED_STORES (sizeof named_stores / sizeof named_stores[0])

static const struct unit_def channel_defs[CHANNELS_MAX] = {
    {"web", 0, 30}, {"app", 80, 25}, {"phone", -150, 15}, {"email", -50, 20}, {"store", 100, 10},
};

enum { M_NPS, M_CSAT, M_CES, M_COUNT };

struct metric_def {
    int lo, hi;
    uint16_t prob[11];              /* base distribution, 1/10000, lo..hi */
    const char *const *label;       /* lo..hi */
    const char *const *invalid;     /* real-world junk; '.' becomes ',' with ';' */
    size_t n_invalid;
};

static const char *const nps_label[] = {
    "Not at all likely", "Very unlikely", "Unlikely", "Unlikely", "Somewhat unlikely", "Neutral",
    "Somewhat likely", "Likely", "Likely", "Very likely", "Extremely likely",
};
static const char *const csat_label[] = {
    "Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied",
};
static const char *const ces_label[] = {
    "Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
    "Somewhat agree", "Agree", "Strongly agree",
};
static const char *const nps_invalid[] = {"abc", "11", "7.5", "-1", "n/a", "10+", "12", "N/A",
                                          "\xd0\xbd\xd0\xb5\xd1\x82" /* "нет" */};
static const char *const csat_invalid[] = {"abc", "6", "4.5", "0", "-1", "n/a", "5+", "10"};
static const char *const ces_invalid[] = {"abc", "8", "5.5", "0", "-1", "n/a", "7+", "10"};

static const struct metric_def metrics[M_COUNT] = {
    {0, 10, {300, 100, 150, 200, 250, 500, 600, 1000, 1700, 1900, 3300}, nps_label, nps_invalid,
     sizeof nps_invalid / sizeof nps_invalid[0]},
    {1, 5, {500, 600, 1200, 3200, 4500}, csat_label, csat_invalid,
     sizeof csat_invalid / sizeof csat_invalid[0]},
    {1, 7, {400, 500, 800, 1300, 2200, 2600, 2200}, ces_label, ces_invalid,
     sizeof ces_invalid / sizeof ces_invalid[0]},
};

/* How answers are written, per metric, in 1/10000 (with --junk). */
#define P_BLANK 250
#define P_INVALID 70
#define P_MESSY 120

/* Comments: phrases by sentiment (negative, neutral, positive) and language. */
static const char *const phrase_en[3][10] = {
    {"Waited 40 minutes on the phone, then got disconnected.",
     "Order arrived late, and the box was damaged.", "The app crashes at payment.",
     "Nobody answered my email for a week.", "Charged twice for one order!!!",
     "Promised a call back, never happened.",
     "The so-called \"express\" delivery took 5 days.",
     "Rude staff, dirty fitting rooms, long queue.",
     "Wrong size delivered, return is a nightmare", "Prices went up, quality went down."},
    {"OK", "Nothing special.", "Prices could be lower, otherwise fine.",
     "Queue at the checkout was long but moved quickly.", "Website is a bit slow.",
     "The \"click & collect\" point was hard to find.", "Average.",
     "Delivery was on time, packaging could be better", "Fine, I guess", "n/a"},
    {"Great service, thank you!", "Fast delivery and friendly staff.",
     "The consultant, Anna, was very helpful.", "Everything was fine",
     "Love the new app, checkout takes seconds.", "Good prices, good choice.",
     "Staff went \"above and beyond\" to help me.", "Easy return, no questions asked.",
     "Best store in town!", "Quick, polite, professional."},
};

static const char *const phrase_ru[3][8] = {
    {"\xd0\x96\xd0\xb4\xd0\xb0\xd0\xbb \xd0\xbe\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82\xd0\xb0 "
     "\xd0\xbe\xd0\xbf\xd0\xb5\xd1\x80\xd0\xb0\xd1\x82\xd0\xbe\xd1\x80\xd0\xb0 30 "
     "\xd0\xbc\xd0\xb8\xd0\xbd\xd1\x83\xd1\x82.",
     "\xd0\x97\xd0\xb0\xd0\xba\xd0\xb0\xd0\xb7 \xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd0\xb7"
     "\xd0\xbb\xd0\xb8 \xd1\x81 \xd0\xbe\xd0\xbf\xd0\xbe\xd0\xb7\xd0\xb4\xd0\xb0\xd0\xbd\xd0\xb8"
     "\xd0\xb5\xd0\xbc, \xd0\xba\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb1\xd0\xba\xd0\xb0 \xd0\xbc\xd1\x8f"
     "\xd1\x82\xd0\xb0\xd1\x8f.",
     "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xbb\xd0\xbe\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5 \""
     "\xd0\xb7\xd0\xb0\xd0\xb2\xd0\xb8\xd1\x81\xd0\xb0\xd0\xb5\xd1\x82\" \xd0\xbf\xd1\x80\xd0\xb8"
     " \xd0\xbe\xd0\xbf\xd0\xbb\xd0\xb0\xd1\x82\xd0\xb5 \xd0\xba\xd0\xb0\xd1\x80\xd1\x82\xd0\xbe"
     "\xd0\xb9.",
     "\xd0\x90\xd0\xba\xd1\x86\xd0\xb8\xd1\x8f \"2 \xd0\xbf\xd0\xbe \xd1\x86\xd0\xb5\xd0\xbd\xd0"
     "\xb5 1\" \xd0\xbd\xd0\xb0 \xd0\xba\xd0\xb0\xd1\x81\xd1\x81\xd0\xb5 \xd0\xbd\xd0\xb5 \xd1\x81"
     "\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd0\xbb\xd0\xb0",
     "\xd0\x9d\xd0\xb8\xd0\xba\xd1\x82\xd0\xbe \xd0\xbd\xd0\xb5 \xd0\xbf\xd0\xb5\xd1\x80\xd0\xb5"
     "\xd0\xb7\xd0\xb2\xd0\xbe\xd0\xbd\xd0\xb8\xd0\xbb, \xd1\x85\xd0\xbe\xd1\x82\xd1\x8f \xd0\xbe"
     "\xd0\xb1\xd0\xb5\xd1\x89\xd0\xb0\xd0\xbb\xd0\xb8.",
     "\xd0\x93\xd1\x80\xd1\x8f\xd0\xb7\xd0\xbd\xd0\xbe, \xd0\xbe\xd1\x87\xd0\xb5\xd1\x80\xd0\xb5"
     "\xd0\xb4\xd1\x8c, \xd0\xba\xd0\xb0\xd1\x81\xd1\x81\xd0\xb8\xd1\x80 \xd0\xb3\xd1\x80\xd1\x83"
     "\xd0\xb1\xd0\xb8\xd0\xbb.",
     "\xd0\x92\xd0\xb5\xd1\x80\xd0\xbd\xd1\x83\xd1\x82\xd1\x8c \xd1\x82\xd0\xbe\xd0\xb2\xd0\xb0"
     "\xd1\x80 \xd0\xbd\xd0\xb5\xd0\xb2\xd0\xbe\xd0\xb7\xd0\xbc\xd0\xbe\xd0\xb6\xd0\xbd\xd0\xbe!",
     "\xd0\x9e\xd1\x87\xd0\xb5\xd0\xbd\xd1\x8c \xd0\xb4\xd0\xbe\xd0\xbb\xd0\xb3\xd0\xb0\xd1\x8f "
     "\xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xba\xd0\xb0"},
    {"\xd0\x9d\xd0\xbe\xd1\x80\xd0\xbc\xd0\xb0\xd0\xbb\xd1\x8c\xd0\xbd\xd0\xbe",
     "\xd0\xa6\xd0\xb5\xd0\xbd\xd1\x8b \xd0\xb2\xd1\x8b\xd1\x81\xd0\xbe\xd0\xba\xd0\xbe\xd0\xb2"
     "\xd0\xb0\xd1\x82\xd1\x8b, \xd0\xb0 \xd1\x82\xd0\xb0\xd0\xba \xd0\xb2\xd1\x81\xd1\x91 \xd1\x85"
     "\xd0\xbe\xd1\x80\xd0\xbe\xd1\x88\xd0\xbe.",
     "\xd0\x94\xd0\xbe\xd0\xbb\xd0\xb3\xd0\xbe \xd0\xb8\xd1\x81\xd0\xba\xd0\xb0\xd0\xbb \xd0\xbf"
     "\xd1\x83\xd0\xbd\xd0\xba\xd1\x82 \xd0\xb2\xd1\x8b\xd0\xb4\xd0\xb0\xd1\x87\xd0\xb8",
     "\xd0\x90\xd1\x81\xd1\x81\xd0\xbe\xd1\x80\xd1\x82\xd0\xb8\xd0\xbc\xd0\xb5\xd0\xbd\xd1\x82 "
     "\xd0\xbc\xd0\xbe\xd0\xb3 \xd0\xb1\xd1\x8b \xd0\xb1\xd1\x8b\xd1\x82\xd1\x8c \xd1\x88\xd0\xb8"
     "\xd1\x80\xd0\xb5.",
     "\xd0\x92 \xd1\x86\xd0\xb5\xd0\xbb\xd0\xbe\xd0\xbc \xd0\xbd\xd0\xb5\xd0\xbf\xd0\xbb\xd0\xbe"
     "\xd1\x85\xd0\xbe",
     "\xd0\x9e\xd0\xb1\xd1\x8b\xd1\x87\xd0\xbd\xd0\xbe, \xd0\xba\xd0\xb0\xd0\xba \xd0\xb2\xd1\x81"
     "\xd0\xb5\xd0\xb3\xd0\xb4\xd0\xb0.",
     "\xd0\x9c\xd0\xbe\xd0\xb6\xd0\xbd\xd0\xbe \xd0\xb1\xd1\x8b\xd0\xbb\xd0\xbe \xd0\xb8 \xd0\xb1"
     "\xd1\x8b\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd0\xb5",
     "\xd0\x91\xd0\xb5\xd0\xb7 \xd0\xba\xd0\xbe\xd0\xbc\xd0\xbc\xd0\xb5\xd0\xbd\xd1\x82\xd0\xb0"
     "\xd1\x80\xd0\xb8\xd0\xb5\xd0\xb2"},
    {"\xd0\x92\xd1\x81\xd1\x91 \xd0\xbe\xd1\x82\xd0\xbb\xd0\xb8\xd1\x87\xd0\xbd\xd0\xbe, \xd1\x81"
     "\xd0\xbf\xd0\xb0\xd1\x81\xd0\xb8\xd0\xb1\xd0\xbe!",
     "\xd0\x9e\xd1\x87\xd0\xb5\xd0\xbd\xd1\x8c \xd0\xb2\xd0\xb5\xd0\xb6\xd0\xbb\xd0\xb8\xd0\xb2"
     "\xd1\x8b\xd0\xb9 \xd0\xbf\xd0\xb5\xd1\x80\xd1\x81\xd0\xbe\xd0\xbd\xd0\xb0\xd0\xbb.",
     "\xd0\x91\xd1\x8b\xd1\x81\xd1\x82\xd1\x80\xd0\xbe, \xd1\x83\xd0\xb4\xd0\xbe\xd0\xb1\xd0\xbd"
     "\xd0\xbe, \xd0\xb1\xd0\xb5\xd0\xb7 \xd0\xbe\xd1\x87\xd0\xb5\xd1\x80\xd0\xb5\xd0\xb4\xd0\xb5"
     "\xd0\xb9.",
     "\xd0\x9a\xd0\xbe\xd0\xbd\xd1\x81\xd1\x83\xd0\xbb\xd1\x8c\xd1\x82\xd0\xb0\xd0\xbd\xd1\x82 "
     "\xd0\x9c\xd0\xb0\xd1\x80\xd0\xb8\xd1\x8f \xd0\xbf\xd0\xbe\xd0\xbc\xd0\xbe\xd0\xb3\xd0\xbb"
     "\xd0\xb0 \xd0\xb2\xd1\x8b\xd0\xb1\xd1\x80\xd0\xb0\xd1\x82\xd1\x8c, \xd1\x81\xd0\xbf\xd0\xb0"
     "\xd1\x81\xd0\xb8\xd0\xb1\xd0\xbe \xd0\xb5\xd0\xb9",
     "\xd0\xa3\xd0\xb4\xd0\xbe\xd0\xb1\xd0\xbd\xd0\xbe\xd0\xb5 \xd0\xbf\xd1\x80\xd0\xb8\xd0\xbb"
     "\xd0\xbe\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5",
     "\xd0\x91\xd0\xbe\xd0\xbd\xd1\x83\xd1\x81\xd1\x8b \"\xd0\x9f\xd0\xbe\xd0\xb4\xd0\xb0\xd1\x80"
     "\xd0\xbe\xd0\xba\" \xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd1\x8e\xd1\x82, "
     "\xd1\x80\xd0\xb5\xd0\xba\xd0\xbe\xd0\xbc\xd0\xb5\xd0\xbd\xd0\xb4\xd1\x83\xd1\x8e!",
     "\xd0\xa1\xd0\xbf\xd0\xb0\xd1\x81\xd0\xb8\xd0\xb1\xd0\xbe \xd0\xb7\xd0\xb0 \xd0\xb1\xd1\x8b"
     "\xd1\x81\xd1\x82\xd1\x80\xd1\x83\xd1\x8e \xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2"
     "\xd0\xba\xd1\x83",
     "\xd0\x9b\xd1\x83\xd1\x87\xd1\x88\xd0\xb8\xd0\xb9 \xd0\xbc\xd0\xb0\xd0\xb3\xd0\xb0\xd0\xb7"
     "\xd0\xb8\xd0\xbd \xd0\xb2 \xd0\xb3\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb4\xd0\xb5"},
};

#define N_EN (sizeof phrase_en[0] / sizeof phrase_en[0][0])
#define N_RU (sizeof phrase_ru[0] / sizeof phrase_ru[0][0])

/* Chance of a comment by sentiment, and of Russian, in 1/10000. */
static const unsigned p_comment[3] = {5000, 2500, 3000};
#define P_RUSSIAN 3500
#define P_NEWLINE 4000

/* ---- the model built from the options ----------------------------------- */

struct model {
    unsigned stores, channels;
    uint32_t store_cum[STORES_MAX]; /* cumulative weights */
    int store_quality[STORES_MAX];
    uint32_t channel_cum[CHANNELS_MAX];
};

static void store_def(unsigned i, int *quality, unsigned *weight)
{
    if (i < NAMED_STORES) {
        *quality = named_stores[i].quality;
        *weight = named_stores[i].weight;
        return;
    }
    /* Past the named list: character from the store's number alone, so a
     * store keeps it whatever the seed. */
    uint64_t st = (uint64_t)i * UINT64_C(0x2545F4914F6CDD1D);
    uint64_t h = splitmix64(&st);
    *quality = (int)(h % 1001) - 500;
    *weight = 2 + (unsigned)((h >> 32) % 6);
}

static void model_init(struct model *m, const struct opts *o)
{
    uint32_t acc = 0;
    m->stores = o->stores;
    m->channels = o->channels;
    for (unsigned i = 0; i < o->stores; i++) {
        unsigned w;
        store_def(i, &m->store_quality[i], &w);
        acc += w;
        m->store_cum[i] = acc;
    }
    acc = 0;
    for (unsigned i = 0; i < o->channels; i++) {
        acc += channel_defs[i].weight;
        m->channel_cum[i] = acc;
    }
}

static unsigned pick_weighted(struct rng *r, const uint32_t *cum, unsigned n)
{
    uint32_t x = rng_below(r, cum[n - 1]);
    unsigned lo = 0, hi = n - 1;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (x < cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* ---- one respondent ---------------------------------------------------- */

struct answer {
    uint32_t when;   /* seconds since 2025-01-01T00:00:00 local time */
    unsigned store, channel;
    int score[M_COUNT];
};

#define DAY 86400u
#define YEAR_DAYS 365u
#define ACTIVE_FROM (7u * 3600u) /* answers arrive 07:00-24:00 */
#define ACTIVE_SPAN (DAY - ACTIVE_FROM)
#define P_LATE 120               /* submitted earlier than received: out of order */

/* Row i of n gets its own slice of the year's active hours, so the times
 * increase; a few rows were keyed in late and carry an earlier time. */
static uint32_t pick_time(struct rng *r, uint64_t i, uint64_t n)
{
    uint64_t total = (uint64_t)YEAR_DAYS * ACTIVE_SPAN;
    uint64_t slot = total / n;
    uint64_t pos = i * total / n + rng_below(r, slot ? slot : 1);
    uint64_t t = (pos / ACTIVE_SPAN) * DAY + ACTIVE_FROM + pos % ACTIVE_SPAN;
    if (rng_chance(r, P_LATE)) {
        uint64_t back = 3600 + rng_below(r, 5u * DAY);
        t = t > back ? t - back : rng_below(r, ACTIVE_SPAN) + ACTIVE_FROM;
    }
    return (uint32_t)t;
}

/* With probability |quality|/1000 pull u towards the better (or worse) of
 * two draws. */
static uint32_t bend(struct rng *r, uint32_t u, int quality)
{
    unsigned k = (unsigned)(quality < 0 ? -quality : quality);
    if (rng_below(r, 1000) >= k)
        return u;
    uint32_t v = rng_u32(r);
    if (quality > 0)
        return u > v ? u : v;
    return u < v ? u : v;
}

#define JITTER ((uint64_t)1932735283u) /* 0.45 of the 32-bit range */

static uint32_t jitter(struct rng *r, uint32_t u)
{
    int64_t x = (int64_t)u + (int64_t)rng_below(r, JITTER) - (int64_t)rng_below(r, JITTER);
    const int64_t top = (int64_t)UINT32_MAX;
    if (x < 0)
        x = -x;
    if (x > top)
        x = 2 * top - x;
    return (uint32_t)x;
}

static int inverse_cdf(const struct metric_def *md, uint32_t u)
{
    unsigned p = (unsigned)(((uint64_t)u * 10000u) >> 32);
    unsigned acc = 0;
    int n = md->hi - md->lo + 1;
    for (int i = 0; i < n; i++) {
        acc += md->prob[i];
        if (p < acc)
            return md->lo + i;
    }
    return md->hi;
}

static void pick_answer(struct rng *r, const struct model *m, uint64_t i, uint64_t n,
                        struct answer *a)
{
    a->when = pick_time(r, i, n);
    a->store = pick_weighted(r, m->store_cum, m->stores);
    a->channel = pick_weighted(r, m->channel_cum, m->channels);
    uint32_t u = rng_u32(r);
    u = bend(r, u, m->store_quality[a->store]);
    u = bend(r, u, channel_defs[a->channel].quality);
    for (int k = 0; k < M_COUNT; k++)
        a->score[k] = inverse_cdf(&metrics[k], jitter(r, u));
}

/* ---- buffered output --------------------------------------------------- */

struct out {
    FILE *fp;
    int err;    /* errno of the first failed write, 0 if none */
    size_t len;
    char buf[OUT_CAP];
};

static void out_flush(struct out *o)
{
    if (o->len && !o->err) {
        errno = 0;
        if (fwrite(o->buf, 1, o->len, o->fp) != o->len)
            o->err = errno ? errno : EIO;
    }
    o->len = 0;
}

static void out_bytes(struct out *o, const char *s, size_t n)
{
    if (n > OUT_CAP - o->len)
        out_flush(o);
    if (n > OUT_CAP) { /* not reached: every piece is small */
        errno = 0;
        if (!o->err && fwrite(s, 1, n, o->fp) != n)
            o->err = errno ? errno : EIO;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_str(struct out *o, const char *s)
{
    out_bytes(o, s, strlen(s));
}

static void out_char(struct out *o, char c)
{
    if (o->len == OUT_CAP)
        out_flush(o);
    o->buf[o->len++] = c;
}

static void out_uint(struct out *o, uint64_t v)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[sizeof tmp - ++n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out_bytes(o, tmp + sizeof tmp - n, n);
}

/* A field, quoted per RFC 4180 only when it holds the delimiter, a quote,
 * CR or LF. */
static void out_field(struct out *o, const char *s, size_t n, char delim)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == delim || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        out_bytes(o, s, n);
        return;
    }
    out_char(o, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            out_char(o, '"');
        out_char(o, s[i]);
    }
    out_char(o, '"');
}

/* ---- writing one row ---------------------------------------------------- */

static void put2(char *p, unsigned v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

/* 2025 is not a leap year; the export's clock is Moscow time. */
static void out_time(struct out *o, uint32_t t)
{
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    char ts[] = "2025-01-01T00:00:00+03:00";
    unsigned day = t / DAY, sec = t % DAY, mon = 0;
    while (mon < 11 && day >= mdays[mon])
        day -= mdays[mon++];
    put2(ts + 5, mon + 1);
    put2(ts + 8, day + 1);
    put2(ts + 11, sec / 3600);
    put2(ts + 14, sec / 60 % 60);
    put2(ts + 17, sec % 60);
    out_bytes(o, ts, sizeof ts - 1);
}

/* Junk text, with the decimal point as the delimiter's locale writes it. */
static void out_junk(struct out *o, const char *s, char delim)
{
    for (; *s; s++)
        out_char(o, *s == '.' && delim == ';' ? ',' : *s);
}

/* A valid answer in one of the forms real exports use; kind in 0..99. */
static void out_messy(struct out *o, const struct metric_def *md, int v, char delim,
                      unsigned kind)
{
    const char *label = md->label[v - md->lo];
    if (kind < 20) { /* padded */
        out_char(o, ' ');
        out_uint(o, (uint64_t)v);
        out_char(o, ' ');
    } else if (kind < 45) { /* "9.0", "9,0" with ';' */
        out_uint(o, (uint64_t)v);
        out_str(o, delim == ';' ? ",0" : ".0");
    } else if (kind < 75) { /* "9 - Very likely" */
        out_uint(o, (uint64_t)v);
        out_str(o, " - ");
        out_str(o, label);
    } else { /* "5 (Very satisfied)" */
        out_uint(o, (uint64_t)v);
        out_str(o, " (");
        out_str(o, label);
        out_char(o, ')');
    }
}

/* One score field.  Always the same number of draws from the junk stream,
 * so one metric's presentation does not shift another's. */
static void out_score(struct rng *r, struct out *o, const struct opts *op, int metric, int v)
{
    const struct metric_def *md = &metrics[metric];
    unsigned p = rng_below(r, 10000);
    uint32_t pick = rng_u32(r);
    if (!op->junk) {
        out_uint(o, (uint64_t)v);
    } else if (p < P_BLANK) {
        if (pick % 10 == 0)
            out_char(o, ' ');
    } else if (p < P_BLANK + P_INVALID) {
        out_junk(o, md->invalid[pick % md->n_invalid], op->delim);
    } else if (p < P_BLANK + P_INVALID + P_MESSY) {
        out_messy(o, md, v, op->delim, pick % 100);
    } else {
        out_uint(o, (uint64_t)v);
    }
}

/* A comment of 1-3 phrases in the respondent's mood, or nothing. */
static size_t make_comment(struct rng *r, int nps, char *buf)
{
    int mood = nps <= 6 ? 0 : nps <= 8 ? 1 : 2;
    if (!rng_chance(r, p_comment[mood]))
        return 0;
    bool ru = rng_chance(r, P_RUSSIAN);
    unsigned roll = rng_below(r, 100);
    unsigned parts = roll < 70 ? 1 : roll < 95 ? 2 : 3;
    size_t len = 0;
    for (unsigned k = 0; k < parts; k++) {
        const char *s =
            ru ? phrase_ru[mood][rng_below(r, N_RU)] : phrase_en[mood][rng_below(r, N_EN)];
        size_t n = strlen(s);
        if (k > 0)
            buf[len++] = rng_chance(r, P_NEWLINE) ? '\n' : ' ';
        if (len + n >= COMMENT_CAP) /* not reached: phrases are short */
            break;
        memcpy(buf + len, s, n);
        len += n;
    }
    return len;
}

/* Everything after "id<delim>". */
static void out_row(struct out *o, const struct opts *op, const struct answer *a,
                    struct rng *junk, const char *comment, size_t comment_len)
{
    char d = op->delim;
    out_time(o, a->when);
    out_char(o, d);
    if (a->store < NAMED_STORES) {
        const char *s = named_stores[a->store].name;
        out_field(o, s, strlen(s), d);
    } else {
        out_str(o, "Store ");
        out_uint(o, (uint64_t)a->store + 1);
    }
    out_char(o, d);
    out_str(o, channel_defs[a->channel].name);
    for (int k = 0; k < M_COUNT; k++) {
        out_char(o, d);
        out_score(junk, o, op, k, a->score[k]);
    }
    out_char(o, d);
    out_field(o, comment, comment_len, d);
    out_str(o, op->crlf ? "\r\n" : "\n");
}

static int generate(const struct opts *op, const struct model *m, struct out *o)
{
    static const char *const head[] = {"id", "submitted_at", "store", "channel",
                                       "nps", "csat", "ces", "comment"};
    struct rng core, junk, text;
    char comment[COMMENT_CAP];
    rng_seed(&core, op->seed, 1);
    rng_seed(&junk, op->seed, 2);
    rng_seed(&text, op->seed, 3);

    if (op->bom)
        out_str(o, "\xEF\xBB\xBF");
    for (size_t k = 0; k < sizeof head / sizeof head[0]; k++) {
        if (k)
            out_char(o, op->delim);
        out_str(o, head[k]);
    }
    out_str(o, op->crlf ? "\r\n" : "\n");

    for (uint64_t i = 0; i < op->rows && !o->err; i++) {
        struct answer a;
        pick_answer(&core, m, i, op->rows, &a);
        size_t clen = make_comment(&text, a.score[M_NPS], comment);
        out_uint(o, i + 1);
        out_char(o, op->delim);
        out_row(o, op, &a, &junk, comment, clen);
    }
    out_flush(o);
    return o->err;
}

/* ---- command line ------------------------------------------------------- */

static void usage(FILE *fp)
{
    fputs("Usage: " PROG " [OPTION]...\n"
          "Write a synthetic customer-survey CSV export (NPS 0-10, CSAT 1-5, CES 1-7 agree)\n"
          "to standard output, the same bytes for the same options on every machine.\n"
          "\n"
          "  --rows N       data rows, 0-1000000000 (default 3000)\n"
          "  --seed S       seed, 0-18446744073709551615 (default 2026)\n"
          "  --stores K     stores, 1-10000 (default 12; 12 are named, then \"Store 13\"...)\n"
          "  --channels K   channels among web, app, phone, email, store, 1-5 (default 5)\n"
          "  --junk         blanks, invalid and labelled answers (the default)\n"
          "  --clean        plain whole-number answers only\n"
          "  --delim C      delimiter: ',' (default), ';' (decimal comma), '|' or 'tab'\n"
          "  --crlf         end records with CR LF (line breaks inside comments stay LF)\n"
          "  --bom          start with a UTF-8 byte order mark\n"
          "  -h, --help     show this help and exit\n"
          "\n"
          "Columns: id,submitted_at,store,channel,nps,csat,ces,comment\n"
          "Exit status: 0 success, 1 write error, 2 usage error.\n",
          fp);
}

/* msg NULL: the message has been printed already. */
static int usage_error(const char *msg, const char *arg)
{
    if (msg)
        fprintf(stderr, "%s: %s '%s'\n", PROG, msg, arg);
    fprintf(stderr, "Try '%s --help' for more information.\n", PROG);
    return 2;
}

/* Decimal digits only, within [min, max]; a message on stderr otherwise. */
static bool parse_count(const char *opt, const char *s, uint64_t min, uint64_t max,
                        uint64_t *out)
{
    const char *why = NULL;
    char *end;
    unsigned long long v = 0;
    if (*s < '0' || *s > '9') {
        why = "invalid";
    } else {
        errno = 0;
        v = strtoull(s, &end, 10);
        if (*end != '\0')
            why = "invalid";
        else if (errno == ERANGE || v > max)
            why = "too large";
        else if (v < min)
            why = "too small";
    }
    if (why) {
        fprintf(stderr, "%s: %s %s value '%s' (%llu-%llu)\n", PROG, why, opt, s,
                (unsigned long long)min, (unsigned long long)max);
        return false;
    }
    *out = (uint64_t)v;
    return true;
}

static bool parse_delim(const char *s, char *out)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
        *out = '\t';
    else if (strcmp(s, ",") == 0 || strcmp(s, ";") == 0 || strcmp(s, "|") == 0)
        *out = s[0];
    else
        return false;
    return true;
}

enum { OPT_ROWS = 256, OPT_SEED, OPT_STORES, OPT_CHANNELS, OPT_JUNK, OPT_CLEAN, OPT_DELIM,
       OPT_CRLF, OPT_BOM };

/* @return -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        {"bom", no_argument, NULL, OPT_BOM},
        {"channels", required_argument, NULL, OPT_CHANNELS},
        {"clean", no_argument, NULL, OPT_CLEAN},
        {"crlf", no_argument, NULL, OPT_CRLF},
        {"delim", required_argument, NULL, OPT_DELIM},
        {"help", no_argument, NULL, 'h'},
        {"junk", no_argument, NULL, OPT_JUNK},
        {"rows", required_argument, NULL, OPT_ROWS},
        {"seed", required_argument, NULL, OPT_SEED},
        {"stores", required_argument, NULL, OPT_STORES},
        {NULL, 0, NULL, 0},
    };
    uint64_t v;
    int c;
    *o = (struct opts){.rows = 3000, .seed = 2026, .stores = 12, .channels = 5,
                       .junk = true, .delim = ','};
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
        case OPT_ROWS:
            if (!parse_count("--rows", optarg, 0, ROWS_MAX, &o->rows))
                return usage_error(NULL, NULL);
            break;
        case OPT_SEED:
            if (!parse_count("--seed", optarg, 0, UINT64_MAX, &o->seed))
                return usage_error(NULL, NULL);
            break;
        case OPT_STORES:
            if (!parse_count("--stores", optarg, 1, STORES_MAX, &v))
                return usage_error(NULL, NULL);
            o->stores = (unsigned)v;
            break;
        case OPT_CHANNELS:
            if (!parse_count("--channels", optarg, 1, CHANNELS_MAX, &v))
                return usage_error(NULL, NULL);
            o->channels = (unsigned)v;
            break;
        case OPT_JUNK: o->junk = true; break;
        case OPT_CLEAN: o->junk = false; break;
        case OPT_DELIM:
            if (!parse_delim(optarg, &o->delim))
                return usage_error("invalid --delim (use ',', ';', '|' or 'tab'):", optarg);
            break;
        case OPT_CRLF: o->crlf = true; break;
        case OPT_BOM: o->bom = true; break;
        case ':': return usage_error("option requires an argument:", argv[optind - 1]);
        default: return usage_error("unrecognized option", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind]);
    return -1;
}

int main(int argc, char **argv)
{
    static struct model model;
    static struct out out;
    struct opts opts;
    int status = parse_args(argc, argv, &opts);
    if (status >= 0)
        return status;

    model_init(&model, &opts);
    out.fp = stdout;
    int err = generate(&opts, &model, &out);
    if (fflush(stdout) != 0 && !err)
        err = errno ? errno : EIO;
    if (ferror(stdout) && !err)
        err = EIO;
    if (fclose(stdout) != 0 && !err)
        err = errno ? errno : EIO;
    if (err) {
        fprintf(stderr, "%s: write error: %s\n", PROG, strerror(err));
        return 1;
    }
    return 0;
}
