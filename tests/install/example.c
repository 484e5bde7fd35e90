/* example.c - a program linking the installed library: the 002 document's CSAT example. */
#include <stdio.h>
#include <string.h>

#include <cxstat.h>

int main(void)
{
    cx_scale csat;
    cx_hist hist;
    cx_summary sum;
    int64_t scaled;
    char text[32];

    if (strcmp(cx_version(), CX_VERSION) != 0 || CX_VERSION_NUMBER < 10000)
        return 1; /* the header and the library installed together */
    if (cx_scale_csat(&csat, 5, 0) != CX_OK)
        return 1;
    cx_hist_init(&hist);
    cx_hist_add(&hist, &csat, 5, 50); /* 50 fives */
    cx_hist_add(&hist, &csat, 4, 30); /* 30 fours */
    cx_hist_add(&hist, &csat, 2, 32); /* 32 others: 112 answers in all */
    cx_hist_add_text(&hist, &csat, "n/a", 3);
    cx_summarize(&hist, &csat, &sum);
    if (cx_frac_round(sum.index, 100, 1, &scaled) != CX_OK)
        return 1;
    cx_fixed_format(scaled, 1, text, sizeof text);
    const cx_band *band = cx_bandset_find(cx_bandset_default(CX_CSAT), scaled, 1);
    printf("CSAT %s%% of %llu answers (%llu invalid): %s\n", text,
           (unsigned long long)sum.n, (unsigned long long)sum.invalid, band ? band->id : "?");
    return 0;
}
