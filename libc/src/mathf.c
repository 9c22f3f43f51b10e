/*
 * The float functions of <math.h>: each is its double function on the
 * argument widened to double (exact), its result rounded once to float.
 * The double functions that are exact stay exact here: their double result
 * is the exact result of a float argument, or (sqrt) a correctly rounded
 * one with more than twice float's precision, which rounds to float
 * correctly. The others are within about 1 ulp of float.
 */
#include <math.h>

#define FLOAT_OF_UNARY(name) \
    float name##f(float x) { return (float)name(x); }
#define FLOAT_OF_BINARY(name) \
    float name##f(float x, float y) { return (float)name(x, y); }

FLOAT_OF_UNARY(fabs)
FLOAT_OF_UNARY(floor)
FLOAT_OF_UNARY(ceil)
FLOAT_OF_UNARY(trunc)
FLOAT_OF_UNARY(round)
FLOAT_OF_UNARY(rint)
FLOAT_OF_UNARY(nearbyint)
FLOAT_OF_UNARY(sqrt)
FLOAT_OF_UNARY(cbrt)
FLOAT_OF_UNARY(exp)
FLOAT_OF_UNARY(exp2)
FLOAT_OF_UNARY(expm1)
FLOAT_OF_UNARY(log)
FLOAT_OF_UNARY(log10)
FLOAT_OF_UNARY(log2)
FLOAT_OF_UNARY(log1p)
FLOAT_OF_UNARY(sin)
FLOAT_OF_UNARY(cos)
FLOAT_OF_UNARY(tan)
FLOAT_OF_UNARY(asin)
FLOAT_OF_UNARY(acos)
FLOAT_OF_UNARY(atan)
FLOAT_OF_UNARY(sinh)
FLOAT_OF_UNARY(cosh)
FLOAT_OF_UNARY(tanh)
FLOAT_OF_UNARY(asinh)
FLOAT_OF_UNARY(acosh)
FLOAT_OF_UNARY(atanh)

FLOAT_OF_BINARY(fmod)
FLOAT_OF_BINARY(hypot)
FLOAT_OF_BINARY(copysign)
FLOAT_OF_BINARY(fmin)
FLOAT_OF_BINARY(fmax)
FLOAT_OF_BINARY(pow)
FLOAT_OF_BINARY(atan2)

long lroundf(float x) { return lround(x); }
float ldexpf(float x, int exponent) { return (float)ldexp(x, exponent); }
float scalbnf(float x, int exponent) { return (float)scalbn(x, exponent); }
float frexpf(float x, int* exponent) { return (float)frexp(x, exponent); }

float modff(float x, float* integral)
{
    double whole;
    float fraction = (float)modf(x, &whole);
    *integral = (float)whole;
    return fraction;
}
