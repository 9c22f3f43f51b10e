/* The intmax_t functions of <inttypes.h>: intmax_t is long long here. */
#include <inttypes.h>
#include <stdlib.h>

intmax_t imaxabs(intmax_t x)
{
    return llabs(x);
}

imaxdiv_t imaxdiv(intmax_t numerator, intmax_t denominator)
{
    imaxdiv_t r = { numerator / denominator, numerator % denominator };
    return r;
}

intmax_t strtoimax(const char* s, char** end, int base)
{
    return strtoll(s, end, base);
}

uintmax_t strtoumax(const char* s, char** end, int base)
{
    return strtoull(s, end, base);
}
