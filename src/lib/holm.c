/*
 * holm.c - Holm's step-down adjustment of p-values, so that a period table
 * testing many changes at once does not report chance differences as real.
 */
#include <math.h>

#include "cxstat.h"

/* order[a] before order[b] when its p-value is smaller. */
static bool below(const double *p, const size_t *order, size_t a, size_t b)
{
    return p[order[a]] < p[order[b]];
}

static void sift_down(const double *p, size_t *order, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && below(p, order, child, child + 1))
            child++;
        if (!below(p, order, root, child))
            return;
        size_t t = order[root];
        order[root] = order[child];
        order[child] = t;
    }
}

/* Heap sort: in place, O(m log m) for any input, no allocation.  Ties may
 * come in any order: Holm's adjusted values do not depend on it. */
static void sort_by_p(const double *p, size_t *order, size_t m)
{
    for (size_t i = m / 2; i-- > 0;)
        sift_down(p, order, i, m);
    for (size_t end = m; end-- > 1;) {
        size_t t = order[0];
        order[0] = order[end];
        order[end] = t;
        sift_down(p, order, 0, end);
    }
}

/*
 * Holm, S. (1979), "A simple sequentially rejective multiple test
 * procedure", Scandinavian Journal of Statistics 6(2), 65-70.  With the m
 * p-values sorted ascending, the j-th is compared with alpha / (m - j + 1);
 * as adjusted p-values (Wright 1992), adj(j) = min(1, max over i <= j of
 * (m - i + 1) p(i)), which is what R's p.adjust(p, "holm") returns.
 */
cx_status cx_holm(const double *p, size_t n, double *adj, size_t *order, size_t *tested)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i]) && !(p[i] >= 0.0 && p[i] <= 1.0))
            return CX_EINVAL;
    for (size_t i = 0; i < n; i++) {
        adj[i] = NAN;
        if (!isnan(p[i]))
            order[m++] = i;
    }
    sort_by_p(p, order, m);
    double run = 0.0;
    for (size_t j = 0; j < m; j++) {
        double a = (double)(m - j) * p[order[j]];
        run = a > run ? a : run;
        adj[order[j]] = run < 1.0 ? run : 1.0;
    }
    *tested = m;
    return CX_OK;
}
