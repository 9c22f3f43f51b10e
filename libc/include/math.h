/*
 * <math.h>: the double functions of C99 that a calculator or a scripting
 * language needs (libc/src/math.c), on the x87 unit. fabs, floor, ceil,
 * trunc, round, rint, nearbyint, fmod, sqrt, copysign, frexp, ldexp, modf
 * are exact (correctly rounded); the others are computed in extended
 * precision and are within about 1 ulp. Errors are reported through the
 * x87 status flags only (math_errhandling is MATH_ERREXCEPT); errno is not
 * set. Each has a float variant, named with an f (libc/src/mathf.c): the
 * exact ones exact, the others within about 1 ulp of float.
 */
#ifndef _MATH_H
#define _MATH_H

#define NAN (__builtin_nanf(""))
#define INFINITY (__builtin_inff())
#define HUGE_VAL (__builtin_huge_val())
#define HUGE_VALF (__builtin_huge_valf())
#define HUGE_VALL (__builtin_huge_vall())

#define MATH_ERRNO 1
#define MATH_ERREXCEPT 2
#define math_errhandling MATH_ERREXCEPT

#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4
#define fpclassify(x) __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)
#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf_sign(x)
#define isfinite(x) __builtin_isfinite(x)
#define isnormal(x) __builtin_isnormal(x)
#define signbit(x) __builtin_signbit(x)
#define isgreater(x, y) __builtin_isgreater(x, y)
#define isless(x, y) __builtin_isless(x, y)
#define isunordered(x, y) __builtin_isunordered(x, y)

/* The XSI constants. */
#define M_E 2.7182818284590452354
#define M_LOG2E 1.4426950408889634074
#define M_LOG10E 0.43429448190325182765
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_1_PI 0.31830988618379067154
#define M_2_PI 0.63661977236758134308
#define M_2_SQRTPI 1.12837916709551257390
#define M_SQRT2 1.41421356237309504880
#define M_SQRT1_2 0.70710678118654752440

typedef long double double_t;
typedef long double float_t;

double fabs(double x);
double floor(double x);
double ceil(double x);
double trunc(double x);
/* Halfway cases away from zero. */
double round(double x);
long lround(double x);
/* In the current rounding mode (fesetround; to nearest, ties to even, by default). */
double rint(double x);
/* rint without raising inexact. */
double nearbyint(double x);
double fmod(double x, double y);
double sqrt(double x);
double cbrt(double x);
double hypot(double x, double y);
double copysign(double x, double y);
double fmin(double x, double y);
double fmax(double x, double y);
double pow(double x, double y);
double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log10(double x);
double log2(double x);
double log1p(double x);
double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double asinh(double x);
double acosh(double x);
double atanh(double x);
/* x = m * 2^*exponent with 0.5 <= |m| < 1 (0, inf, nan: x itself and 0). */
double frexp(double x, int* exponent);
double ldexp(double x, int exponent);
double scalbn(double x, int exponent);
/* The fraction, with the integral part (same sign) in *integral. */
double modf(double x, double* integral);

/* The float variants: the double function's result rounded once to float. */
float fabsf(float x);
float floorf(float x);
float ceilf(float x);
float truncf(float x);
float roundf(float x);
long lroundf(float x);
float rintf(float x);
float nearbyintf(float x);
float fmodf(float x, float y);
float sqrtf(float x);
float cbrtf(float x);
float hypotf(float x, float y);
float copysignf(float x, float y);
float fminf(float x, float y);
float fmaxf(float x, float y);
float powf(float x, float y);
float expf(float x);
float exp2f(float x);
float expm1f(float x);
float logf(float x);
float log10f(float x);
float log2f(float x);
float log1pf(float x);
float sinf(float x);
float cosf(float x);
float tanf(float x);
float asinf(float x);
float acosf(float x);
float atanf(float x);
float atan2f(float y, float x);
float sinhf(float x);
float coshf(float x);
float tanhf(float x);
float asinhf(float x);
float acoshf(float x);
float atanhf(float x);
float frexpf(float x, int* exponent);
float ldexpf(float x, int exponent);
float scalbnf(float x, int exponent);
float modff(float x, float* integral);

#endif
