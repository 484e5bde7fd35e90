/*
 * quantile.c - the normal and Student t distribution functions that the
 * interval estimates need, written from published algorithms so that the
 * library depends on nothing but libm.
 */
#include <float.h>
#include <math.h>

#include "cxstat.h"

#define SQRT1_2 0.70710678118654752440      /* 1/sqrt(2) */
#define INV_SQRT_2PI 0.39894228040143267794 /* 1/sqrt(2 pi) */

/* A bound on the continued fraction's terms (it needs O(sqrt(a)) at worst). */
#define CF_MAX_TERMS 1000000
/*
 * From this df on, P(T > x) comes from Fisher's series while x^4 <= 0.01 df.
 * The continued fraction at x near 1 computes 1 + d_2m+1 ~ (1 + x^2)/df by
 * cancellation, losing a relative df / (1 + x^2) * 2^-53 (5e-14 at df =
 * 1000); the series is exact to double precision there.
 */
#define T_DF_SERIES 1000.0

/* Horner evaluation of c[0] + c[1] x + ... + c[7] x^7. */
static double poly7(const double c[8], double x)
{
    double s = c[7];
    for (int i = 6; i >= 0; i--)
        s = s * x + c[i];
    return s;
}

/*
 * Wichura, M. J. (1988), "Algorithm AS 241: The Percentage Points of the
 * Normal Distribution", Applied Statistics 37(3), 477-484: PPND16, rational
 * approximations of degree 7 in three regions, relative error about 1e-16.
 * The coefficients are the published ones (numerator, then denominator, in
 * increasing powers; the denominators' constant term is 1).
 */
static const double as241_a[8] = {
    3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3,
    1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4,
    3.3430575583588128105e4, 2.5090809287301226727e3};
static const double as241_b[8] = {
    1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
    2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4,
    5.2264952788528545610e3};
static const double as241_c[8] = {
    1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
    3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4};
static const double as241_d[8] = {
    1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
    1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
    1.05075007164441684324e-9};
static const double as241_e[8] = {
    6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
    2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
    2.71155556874348757815e-5, 2.01033439929228813265e-7};
static const double as241_f[8] = {
    1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
    7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
    2.04426310338993978564e-15};

double cx_norm_quantile(double p)
{
    if (isnan(p) || p < 0.0 || p > 1.0)
        return NAN;
    if (!(p > 0.0))
        return -INFINITY;
    if (!(p < 1.0))
        return INFINITY;
    double q = p - 0.5;
    if (fabs(q) <= 0.425) { /* central region */
        double r = 0.180625 - q * q;
        return q * poly7(as241_a, r) / poly7(as241_b, r);
    }
    double r = sqrt(-log(q < 0.0 ? p : 1.0 - p)); /* the smaller tail */
    double z;
    if (r <= 5.0) {
        r -= 1.6;
        z = poly7(as241_c, r) / poly7(as241_d, r);
    } else { /* far tail, p below about 1e-11 */
        r -= 5.0;
        z = poly7(as241_e, r) / poly7(as241_f, r);
    }
    return q < 0.0 ? -z : z;
}

/* Phi(x) = erfc(-x/sqrt 2)/2: erfc keeps full relative precision in the
 * lower tail, where 1 - Phi(-x) would cancel. */
double cx_norm_cdf(double x)
{
    return 0.5 * erfc(-x * SQRT1_2);
}

/* The Stirling series of log Gamma(x) - ((x - 1/2) log x - x + log sqrt(2 pi)),
 * terms B_2k / (2k (2k-1) x^(2k-1)) to k = 7: error below 1e-16 for x >= 10
 * (DLMF 5.11.1). */
static double stirling_rest(double x)
{
    double r = 1.0 / (x * x);
    return (1.0 / 12 + r * (-1.0 / 360 + r * (1.0 / 1260 + r * (-1.0 / 1680
            + r * (1.0 / 1188 + r * (-691.0 / 360360 + r * (1.0 / 156))))))) / x;
}

/*
 * log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b).  When one
 * argument is large the three log Gammas are large and nearly cancel, so the
 * difference log Gamma(big) - log Gamma(big + small) is taken from the
 * Stirling series instead, where it is a sum of small terms:
 * -(big - 1/2) log1p(small/big) - small log(big + small) + small
 * + rest(big) - rest(big + small).
 */
static double log_beta(double a, double b)
{
    double big = a > b ? a : b, small = a > b ? b : a;
    if (big < 10.0)
        return lgamma(a) + lgamma(b) - lgamma(a + b);
    double s = big + small;
    return lgamma(small) - (big - 0.5) * log1p(small / big) - small * log(s) + small
           + stirling_rest(big) - stirling_rest(s);
}

/*
 * The continued fraction of the regularized incomplete beta function,
 * DLMF 8.17.22: I_x(a,b) = x^a (1-x)^b / (a B(a,b)) / (1+ d1/(1+ d2/(1+ ...)))
 * with d_2m = m (b-m) x / ((a+2m-1)(a+2m)) and
 * d_2m+1 = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)).  The denominator
 * 1+ d1/(1+ ...) is evaluated forward by the modified Lentz method (Lentz
 * 1976; Thompson & Barnett 1986; described in Numerical Recipes, section
 * 5.2), which needs no guess of the number of terms.  The fraction converges
 * quickly for x < (a+1)/(a+b+2); callers use the symmetry
 * I_x(a,b) = 1 - I_(1-x)(b,a) on the other side.
 */
static double beta_cf_denominator(double a, double b, double x)
{
    const double tiny = 1e-300;
    /* cppcheck-suppress variableScope ; c and d carry from one term to the next */
    double f = 1.0, c = 1.0, d = 0.0; /* value, forward and backward ratios */
    for (long j = 1; j <= CF_MAX_TERMS; j++) {
        double m = 0.5 * (double)(j - j % 2), num; /* j / 2, rounded down */
        if (j % 2 == 0)
            num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        else
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
        d = 1.0 + num * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1.0 + num / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        double delta = c * d;
        f *= delta;
        if (fabs(delta - 1.0) < 2 * DBL_EPSILON)
            break;
    }
    return f;
}

/*
 * The regularized incomplete beta I_x(a,b), with relative precision when it
 * is small (the case x < (a+1)/(a+b+2)).  The caller passes x, y = 1 - x
 * and their logarithms, all computed without cancellation.
 */
static double inc_beta(double a, double b, double x, double y, double lx, double ly)
{
    double front = exp(a * lx + b * ly - log_beta(a, b));
    if (x < (a + 1) / (a + b + 2))
        return front / (a * beta_cf_denominator(a, b, x));
    return 1.0 - front / (b * beta_cf_denominator(b, a, y));
}

/*
 * P(T > x) for large df: Fisher, R. A. (1925), "Expansion of 'Student's'
 * integral in powers of n^-1", Metron 5: P(T <= x) = Phi(x) - phi(x) sum
 * g_k(x) / df^k.  The g_k solve x g - g' = h_k, h_k the df^-k term of the
 * t density divided by the normal one (derived with a computer algebra
 * system and checked against 50-digit values):
 *   g1 = x (x^2 + 1) / 4
 *   g2 = x (x^2 - 3)(3x^4 + 2x^2 + 1) / 96
 *   g3 = x (x^10 - 11x^8 + 14x^6 + 6x^4 - 3x^2 - 15) / 384
 *   g4 = x (15x^14 - 375x^12 + 2225x^10 - 2141x^8 - 939x^6 - 213x^4
 *           + 915x^2 + 945) / 92160
 * With x^4 <= 0.01 df the first omitted term is below 1e-15 relative.
 */
static double t_upper_series(double x, double df)
{
    double y = x * x, e = 1.0 / df;
    double g1 = x * (y + 1) / 4;
    double g2 = x * (y - 3) * ((3 * y + 2) * y + 1) / 96;
    double g3 = x * (((((y - 11) * y + 14) * y + 6) * y - 3) * y - 15) / 384;
    double g4 = x * (((((((15 * y - 375) * y + 2225) * y - 2141) * y - 939) * y - 213) * y + 915)
                         * y + 945) / 92160;
    double phi = INV_SQRT_2PI * exp(-0.5 * y);
    return cx_norm_cdf(-x) + phi * e * (g1 + e * (g2 + e * (g3 + e * g4)));
}

/*
 * P(T > x) for x >= 0: (1/2) I_u(df/2, 1/2) with u = df/(df + x^2) (DLMF
 * 8.17.5 with Abramowitz & Stegun 26.7.1).  With r = x^2/df, u = 1/(1+r) and
 * 1 - u = r/(1+r); the logarithms come from log r when r overflows, so that
 * the far tail of a small df stays right.
 */
static double t_upper(double x, double df)
{
    if (!(x > 0.0))
        return 0.5;
    if (df >= T_DF_SERIES && x * x * x * x <= 0.01 * df)
        return t_upper_series(x, df);
    double r = x * x / df, lu, lv; /* log u, log(1 - u) */
    if (isfinite(r) && r > DBL_MIN) {
        lu = -log1p(r);
        lv = r > 1.0 ? -log1p(1.0 / r) : log(r) + lu;
    } else {
        double lr = 2.0 * log(x) - log(df);
        if (lr > 0.0) {
            lu = -lr - log1p(exp(-lr));
            lv = -log1p(exp(-lr));
        } else {
            lu = -log1p(exp(lr));
            lv = lr + lu;
        }
    }
    return 0.5 * inc_beta(0.5 * df, 0.5, exp(lu), exp(lv), lu, lv);
}

double cx_t_cdf(double t, double df)
{
    if (isnan(t) || isnan(df) || !(df > 0.0))
        return NAN;
    if (isinf(t))
        return t > 0.0 ? 1.0 : 0.0;
    double upper = t_upper(fabs(t), df);
    return t > 0.0 ? 1.0 - upper : upper;
}

/* log of the t density at x: -log B(df/2, 1/2) - log(df)/2 - (df+1)/2 log(1 + x^2/df). */
static double t_log_density(double x, double df)
{
    return -log_beta(0.5 * df, 0.5) - 0.5 * log(df) - 0.5 * (df + 1.0) * log1p(x * x / df);
}

/*
 * The x >= 0 with P(T > x) = q, 0 < q < 1/2: Newton's method on
 * log P(T > x), which is close to linear in the tails (in x for large df, in
 * log x for small df), safeguarded by bisection inside a bracket that always
 * holds the root.  Stops when the step is below 1e-15 relative.
 */
static double t_upper_inverse(double q, double df)
{
    double lq = log(q);
    double lo = 0.0, hi = fmax(1.0, -cx_norm_quantile(q));
    while (t_upper(hi, df) > q) { /* heavy tails: the root lies beyond the normal one */
        lo = hi;
        hi *= 2.0;
        if (isinf(hi))
            return INFINITY;
    }
    /* start from the Cornish-Fisher expansion of the t quantile in powers of
     * 1/df (Abramowitz and Stegun 26.7.5), close from df = 5 on */
    double z = -cx_norm_quantile(q), z2 = z * z;
    double g1 = (z2 + 1) * z / 4;
    double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
    double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
    double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
    double x = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
    if (df < 5 || !(x > lo && x < hi))
        x = 0.5 * (lo + hi); /* for small df the expansion is far off */
    for (int i = 0; i < 400; i++) {
        double up = t_upper(x, df);
        if (up > q)
            lo = x;
        else
            hi = x;
        /* d/dx log P(T > x) = -density / P(T > x) */
        double step = (log(up) - lq) * up / exp(t_log_density(x, df));
        double next = x + step;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - x) <= 1e-15 * x || !(hi - lo > 4 * DBL_EPSILON * hi))
            return next;
        x = next;
    }
    return x;
}

double cx_t_quantile(double p, double df)
{
    if (isnan(p) || isnan(df) || !(df > 0.0) || p < 0.0 || p > 1.0)
        return NAN;
    if (isinf(df))
        return cx_norm_quantile(p);
    if (!(p > 0.0))
        return -INFINITY;
    if (!(p < 1.0))
        return INFINITY;
    if (!(p < 0.5) && !(p > 0.5))
        return 0.0;
    double q = p < 0.5 ? p : 1.0 - p, sign = p < 0.5 ? -1.0 : 1.0; /* exact: p >= 1/2 */
    /* closed forms for one and two degrees of freedom, in the upper tail q:
     * the Cauchy distribution, t = cot(pi q), and t = (1 - 2q) / sqrt(2q(1 - q))
     * (Johnson, Kotz and Balakrishnan, Continuous Univariate Distributions
     * vol. 2, ch. 28); tiny groups need them, and they spare the iteration */
    if (!(df < 1.0) && !(df > 1.0))
        return sign / tan(3.14159265358979323846 * q);
    if (!(df < 2.0) && !(df > 2.0))
        return sign * (1.0 - 2.0 * q) / sqrt(2.0 * q * (1.0 - q));
    return sign * t_upper_inverse(q, df);
}
