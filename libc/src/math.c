/*
 * <math.h> on the x87 unit (userland is i686: no SSE2 assumed). The exact
 * functions use exact x87 operations (frndint under a chosen rounding
 * mode, fprem, fsqrt under double precision control, fscale); the others
 * evaluate in extended precision (64-bit mantissa), then round once to
 * double, which keeps them within about 1 ulp. sin, cos and tan reduce
 * their argument by a 128-bit pi/2 up to |x| = 3e9; beyond, only the
 * x87's own reduction (a 66-bit pi) is left, and the result is rough.
 */
#include <math.h>
#include <stdint.h>

#define ROUND_NEAREST 0x0000
#define ROUND_DOWN 0x0400
#define ROUND_UP 0x0800
#define ROUND_TOWARD_ZERO 0x0c00
#define X87_ROUNDING_BITS 0x0c00
#define X87_PRECISION_BITS 0x0300
#define X87_PRECISION_DOUBLE 0x0200
#define X87_STATUS_C2 0x0400
#define EXTENDED_EXPONENT_LIMIT 17000.0L /* 2^17000 overflows even extended precision */
#define CODY_WAITE_LIMIT 3.0e9L /* below 2^31 * pi/2: the quadrant fits 31 bits */
#define HIGHEST_EXACT_SIN 9.2233720368547758e18L /* 2^63: fsin, fcos and fptan need |x| below it */

/* op on x with the control word's bits under mask replaced by bits; the control word restored. */
#define WITH_CONTROL(x, mask, bits, op)                                                                        \
    do {                                                                                                    \
        uint16_t saved_, changed_;                                                                          \
        __asm__ volatile("fnstcw %0" : "=m"(saved_));                                                       \
        changed_ = (uint16_t)((saved_ & ~(mask)) | (bits));                                                 \
        __asm__ volatile("fldcw %1\n\t" op "\n\tfldcw %2" : "+t"(x) : "m"(changed_), "m"(saved_));          \
    } while (0)

static long double round_in_mode(long double x, uint16_t mode)
{
    WITH_CONTROL(x, X87_ROUNDING_BITS, mode, "frndint");
    return x;
}

static long double fscale(long double x, long double n)
{
    __asm__("fscale" : "+t"(x) : "u"(n));
    return x;
}

/* An instruction that combines st(1) = y and st(0) = x into one result and pops. */
#define X87_POPPING_PAIR(name, instruction)                                  \
    static long double name(long double y, long double x)                    \
    {                                                                        \
        long double r;                                                       \
        __asm__(instruction : "=t"(r) : "0"(x), "u"(y) : "st(1)");           \
        return r;                                                            \
    }

X87_POPPING_PAIR(fyl2x, "fyl2x")     /* y * log2(x) */
X87_POPPING_PAIR(fyl2xp1, "fyl2xp1") /* y * log2(1 + x), for |x| < 1 - sqrt(2)/2 */
X87_POPPING_PAIR(fpatan, "fpatan")   /* the angle of (x, y): atan2(y, x) */

/* x - n * y with n = trunc(x / y): exact. */
static long double fprem(long double x, long double y)
{
    uint16_t status;
    do
        __asm__("fprem\n\tfnstsw %1" : "+t"(x), "=a"(status) : "u"(y));
    while (status & X87_STATUS_C2);
    return x;
}

/* 2^t in extended precision; beyond the extended range it is inf or 0. */
static long double exp2_extended(long double t)
{
    if (t > EXTENDED_EXPONENT_LIMIT)
        t = EXTENDED_EXPONENT_LIMIT;
    else if (t < -EXTENDED_EXPONENT_LIMIT)
        t = -EXTENDED_EXPONENT_LIMIT;
    long double n = round_in_mode(t, ROUND_NEAREST);
    long double f = t - n; /* |f| <= 0.5: f2xm1's domain */
    __asm__("f2xm1" : "+t"(f));
    return fscale(f + 1.0L, n);
}

/* e^x - 1 in extended precision, accurate for small x too. */
static long double expm1_extended(long double x)
{
    long double t = x * 1.4426950408889634073599246810018921L; /* log2(e) */
    if (t > -0.5L && t < 0.5L) {
        __asm__("f2xm1" : "+t"(t));
        return t;
    }
    return exp2_extended(t) - 1.0L;
}

/*
 * x - quadrant * pi/2 in [-pi/4, pi/4] (about), with pi/2 in three parts
 * (Cody and Waite): the first two have 32 significant bits, so their
 * products with quadrant (|quadrant| < 2^31) are exact. Beyond that range
 * x is only brought below 2^63 by an extended 2*pi, for the instructions'
 * own reduction. NaN for inf.
 */
static long double reduce_quadrant(long double x, int* quadrant)
{
    *quadrant = 0;
    if (!__builtin_isfinite(x))
        return x - x;
    if (__builtin_fabsl(x) > CODY_WAITE_LIMIT)
        return __builtin_fabsl(x) < HIGHEST_EXACT_SIN ? x : fprem(x, 6.2831853071795864769252867665590058L);
    long double k = round_in_mode(x * 0xa2f9836e4e44152ap-64L, ROUND_NEAREST); /* 2/pi */
    *quadrant = (int)((long long)k & 3);
    return ((x - k * 0xc90fdaa2p-31L) - k * 0x85a308d3p-65L) - k * 0x98cc51701b839a25p-132L;
}

static long double sqrt_extended(long double r)
{
    __asm__("fsqrt" : "+t"(r));
    return r;
}

/* ln(1 + x) in extended precision, accurate for small x too. */
static long double log1p_extended(long double x)
{
    if (__builtin_fabsl(x) < 0.29L)
        return fyl2xp1(0.6931471805599453094172321214581766L, x);
    return fyl2x(0.6931471805599453094172321214581766L, 1.0L + x);
}

static long double x87_sin(long double r)
{
    __asm__("fsin" : "+t"(r));
    return r;
}

static long double x87_cos(long double r)
{
    __asm__("fcos" : "+t"(r));
    return r;
}

double fabs(double x) { return __builtin_fabs(x); }
double floor(double x) { return (double)round_in_mode(x, ROUND_DOWN); }
double ceil(double x) { return (double)round_in_mode(x, ROUND_UP); }
double trunc(double x) { return (double)round_in_mode(x, ROUND_TOWARD_ZERO); }
/* frndint under the control word as it is: the mode fesetround chose. */
double rint(double x)
{
    long double r = x;
    __asm__("frndint" : "+t"(r));
    return (double)r;
}
/* rint that leaves the exception flags alone: the environment fnstenv saved, flags included, is loaded back. */
double nearbyint(double x)
{
    long double r = x;
    char environment[28];
    __asm__("fnstenv %1\n\tfrndint\n\tfldenv %1" : "+t"(r), "=m"(environment));
    return (double)r;
}
double copysign(double x, double y) { return __builtin_copysign(x, y); }

double round(double x)
{
    double t = trunc(x);
    return fabs(x - t) >= 0.5 ? t + copysign(1.0, x) : t; /* x - t is exact */
}

long lround(double x)
{
    return (long)round(x);
}

double fmod(double x, double y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (isinf(x) || y == 0)
        return (x * y) / (x * y); /* NaN, invalid */
    if (isinf(y))
        return x;
    return (double)fprem(x, y);
}

/* Precision control set to double: fsqrt rounds once, to the double result. */
double sqrt(double x)
{
    long double r = x;
    WITH_CONTROL(r, X87_PRECISION_BITS, X87_PRECISION_DOUBLE, "fsqrt");
    return (double)r;
}

double fmin(double x, double y) { return isnan(x) ? y : isnan(y) ? x : x < y ? x : y; }
double fmax(double x, double y) { return isnan(x) ? y : isnan(y) ? x : x > y ? x : y; }

double hypot(double x, double y)
{
    if (isinf(x) || isinf(y))
        return INFINITY;
    long double a = x, b = y;
    return (double)sqrt_extended(a * a + b * b); /* cannot overflow in extended range */
}

double cbrt(double x)
{
    if (x == 0 || !isfinite(x))
        return x;
    long double a = __builtin_fabsl(x);
    long double r = exp2_extended(fyl2x(1.0L / 3.0L, a));
    r = r - (r * r * r - a) / (3.0L * r * r); /* one Newton step makes exact cubes exact */
    return copysign((double)r, x);
}

double exp2(double x)
{
    if (isinf(x))
        return x > 0 ? x : 0;
    return isnan(x) ? x : (double)exp2_extended(x);
}

double exp(double x)
{
    if (isinf(x))
        return x > 0 ? x : 0;
    return isnan(x) ? x : (double)exp2_extended(x * 1.4426950408889634073599246810018921L);
}

double expm1(double x)
{
    if (isinf(x))
        return x > 0 ? x : -1;
    return isnan(x) ? x : (double)expm1_extended(x);
}

double log(double x) { return (double)fyl2x(0.6931471805599453094172321214581766L, x); }
double log10(double x) { return (double)fyl2x(0.3010299956639811952137388947244930L, x); }
double log2(double x) { return (double)fyl2x(1.0L, x); }

double log1p(double x) { return (double)log1p_extended(x); }

/* 1 if y is an odd integer, 0 if an even one, -1 if not an integer. */
static int integer_parity(double y)
{
    if (!isfinite(y) || trunc(y) != y)
        return -1;
    return fabs(y) < 9007199254740992.0 && fmod(y, 2.0) != 0;
}

/* C99 Annex F.9.4.4: every special case first, then 2^(y log2 |x|) with the sign of an odd power. */
double pow(double x, double y)
{
    if (y == 0 || x == 1)
        return 1;
    if (isnan(x) || isnan(y))
        return x + y;
    int parity = integer_parity(y);
    if (x == 0) {
        double magnitude = y < 0 ? INFINITY : 0;
        return parity == 1 ? copysign(magnitude, x) : magnitude;
    }
    if (isinf(y)) {
        if (x == -1)
            return 1;
        return (fabs(x) < 1) == (y < 0) ? INFINITY : 0;
    }
    if (isinf(x)) {
        double magnitude = y < 0 ? 0 : INFINITY;
        return x < 0 && parity == 1 ? -magnitude : magnitude;
    }
    if (x < 0 && parity < 0)
        return (x - x) / (x - x); /* NaN, invalid */
    long double r = exp2_extended(fyl2x(y, __builtin_fabsl(x)));
    return (double)(x < 0 && parity == 1 ? -r : r);
}

/* sin(r + quadrant * pi/2) from the sine or cosine of r. */
static long double sine_in_quadrant(long double r, int quadrant)
{
    long double v = quadrant & 1 ? x87_cos(r) : x87_sin(r);
    return quadrant & 2 ? -v : v;
}

double sin(double x)
{
    int quadrant;
    long double r = reduce_quadrant(x, &quadrant);
    return (double)sine_in_quadrant(r, quadrant);
}

double cos(double x)
{
    int quadrant;
    long double r = reduce_quadrant(x, &quadrant);
    return (double)sine_in_quadrant(r, (quadrant + 1) & 3);
}

double tan(double x)
{
    int quadrant;
    long double r = reduce_quadrant(x, &quadrant);
    __asm__("fptan\n\tfstp %%st(0)" : "+t"(r));
    return (double)(quadrant & 1 ? -1.0L / r : r);
}

double atan2(double y, double x) { return (double)fpatan(y, x); }
double atan(double x) { return (double)fpatan(x, 1.0L); }

/* asin and acos through atan2 with sqrt(1 - x^2) formed as (1 - x)(1 + x), exact in extended precision. */
static long double cosine_side(long double x)
{
    return sqrt_extended((1.0L - x) * (1.0L + x));
}

double asin(double x) { return (double)fpatan(x, cosine_side(x)); }
double acos(double x) { return (double)fpatan(cosine_side(x), x); }

double sinh(double x)
{
    if (!isfinite(x) || x == 0)
        return x;
    long double e = expm1_extended(__builtin_fabsl(x));
    if (__builtin_isinf(e))
        return copysign(INFINITY, x);
    return copysign((double)((e + e / (e + 1.0L)) / 2.0L), x);
}

double cosh(double x)
{
    if (isnan(x))
        return x;
    long double e = exp2_extended(__builtin_fabsl(x) * 1.4426950408889634073599246810018921L);
    return (double)((e + 1.0L / e) / 2.0L);
}

double tanh(double x)
{
    if (isnan(x) || x == 0)
        return x;
    if (fabs(x) > 22)
        return copysign(1.0, x);
    long double e = expm1_extended(2.0L * __builtin_fabsl(x));
    return copysign((double)(e / (e + 2.0L)), x);
}

/* Through log1p of a small argument, so that results near 0 (asinh, atanh) and near 1 (acosh) keep their precision. */
double asinh(double x)
{
    if (!isfinite(x) || x == 0)
        return x;
    long double a = __builtin_fabsl(x);
    return copysign((double)log1p_extended(a + a * a / (1.0L + sqrt_extended(1.0L + a * a))), x);
}

double acosh(double x)
{
    if (isnan(x) || x < 1)
        return (x - x) / (x - x); /* NaN, invalid below 1 */
    long double t = (long double)x - 1.0L; /* exact */
    return (double)log1p_extended(t + sqrt_extended(2.0L * t + t * t));
}

double atanh(double x)
{
    if (isnan(x) || x == 0)
        return x;
    if (fabs(x) > 1)
        return (x - x) / (x - x); /* NaN, invalid */
    long double a = __builtin_fabsl(x);
    return copysign((double)(0.5L * log1p_extended(2.0L * a / (1.0L - a))), x);
}

double ldexp(double x, int exponent) { return (double)fscale(x, exponent); }
double scalbn(double x, int exponent) { return ldexp(x, exponent); }

double frexp(double x, int* exponent)
{
    *exponent = 0;
    if (x == 0 || !isfinite(x))
        return x;
    union {
        double d;
        uint64_t bits;
    } u = { x };
    int biased = (int)((u.bits >> 52) & 0x7ff), adjust = 0;
    if (biased == 0) { /* subnormal: scale into the normal range first */
        u.d = x * 18014398509481984.0; /* 2^54 */
        biased = (int)((u.bits >> 52) & 0x7ff);
        adjust = 54;
    }
    *exponent = biased - 1022 - adjust;
    u.bits = (u.bits & ~(0x7ffULL << 52)) | (1022ULL << 52);
    return u.d;
}

double modf(double x, double* integral)
{
    *integral = trunc(x);
    return isinf(x) ? copysign(0.0, x) : copysign(x - *integral, x);
}
