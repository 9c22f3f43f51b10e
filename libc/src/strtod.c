/*
 * strtod, strtof, strtold, atof: decimal and hexadecimal floating point,
 * "inf", "infinity" and "nan" (with an optional "(chars)"), any case. The
 * digits are gathered into a 64-bit integer (up to 19 significant decimal
 * or 16 hexadecimal digits; the rest only move the exponent), then scaled
 * in x87 extended precision (powers of ten by squaring). The few roundings
 * of the 64-bit mantissa leave the double within 1 ulp: against glibc's
 * correctly rounded strtod, about 1 random input in 3500 comes out 1 ulp
 * off, those that lie close to a halfway point. ERANGE with
 * +-HUGE_VAL on overflow and with the (possibly 0) result on underflow.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

#define DECIMAL_DIGITS_KEPT 19
#define HEX_DIGITS_KEPT 16
#define EXPONENT_CLAMP 100000

/* base^exponent (exponent >= 0) by squaring. */
static long double power(long double base, int exponent)
{
    long double result = 1.0L;
    for (; exponent; exponent >>= 1, base *= base)
        if (exponent & 1)
            result *= base;
    return result;
}

/* The exponent after an 'e' or 'p' at *p, added to *exponent when digits follow (*p advanced). */
static void parse_exponent(const char** p, long* exponent)
{
    const char* s = *p + 1;
    int negative = *s == '-';
    if (*s == '+' || *s == '-')
        s++;
    if (!isdigit((unsigned char)*s))
        return;
    long value = 0;
    for (; isdigit((unsigned char)*s); s++)
        if (value < EXPONENT_CLAMP)
            value = value * 10 + (*s - '0');
    *exponent += negative ? -value : value;
    *p = s;
}

static int digit_value(char c, int base)
{
    int v = isdigit((unsigned char)c) ? c - '0' : isxdigit((unsigned char)c) ? (tolower((unsigned char)c) - 'a' + 10) : 99;
    return v < base ? v : -1;
}

/*
 * The magnitude of the number at *p in base 10 or 16 (*p advanced past it,
 * left alone when there are no digits: *ok is then 0).
 */
static long double parse_magnitude(const char** p, int base, int* ok)
{
    const char* s = *p;
    uint64_t mantissa = 0;
    int kept = 0, any = 0, limit = base == 10 ? DECIMAL_DIGITS_KEPT : HEX_DIGITS_KEPT;
    long exponent = 0; /* in digits of base */
    for (int seen_point = 0;; s++) {
        if (*s == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        int d = digit_value(*s, base);
        if (d < 0)
            break;
        any = 1;
        if (kept < limit && (mantissa || d)) {
            mantissa = mantissa * (uint64_t)base + (uint64_t)d;
            kept++;
            exponent -= seen_point;
        } else if (kept < limit) {
            exponent -= seen_point; /* a leading zero */
        } else {
            exponent += !seen_point;
        }
    }
    *ok = any;
    if (!any)
        return 0;
    long binary = 0;
    if (base == 16) {
        binary = exponent * 4;
        exponent = 0;
        if (*s == 'p' || *s == 'P')
            parse_exponent(&s, &binary);
    } else if (*s == 'e' || *s == 'E') {
        parse_exponent(&s, &exponent);
    }
    *p = s;
    long double value = (long double)mantissa;
    if (value == 0)
        return 0;
    if (exponent > 0)
        value *= power(10.0L, (int)(exponent > EXPONENT_CLAMP ? EXPONENT_CLAMP : exponent));
    else if (exponent < 0)
        value /= power(10.0L, (int)(-exponent > EXPONENT_CLAMP ? EXPONENT_CLAMP : -exponent));
    if (binary > 0)
        value *= power(2.0L, (int)(binary > EXPONENT_CLAMP ? EXPONENT_CLAMP : binary));
    else if (binary < 0)
        value /= power(2.0L, (int)(-binary > EXPONENT_CLAMP ? EXPONENT_CLAMP : -binary));
    return value;
}

/* "inf", "infinity" or "nan[(chars)]" at *p: 1 and the value (*p advanced), else 0. */
static int parse_special(const char** p, long double* value)
{
    const char* s = *p;
    if (strncasecmp(s, "inf", 3) == 0) {
        *p = s + (strncasecmp(s, "infinity", 8) == 0 ? 8 : 3);
        *value = __builtin_infl();
        return 1;
    }
    if (strncasecmp(s, "nan", 3) != 0)
        return 0;
    s += 3;
    if (*s == '(') {
        const char* close = s + 1;
        while (isalnum((unsigned char)*close) || *close == '_')
            close++;
        if (*close == ')')
            s = close + 1;
    }
    *p = s;
    *value = __builtin_nanl("");
    return 1;
}

long double strtold(const char* str, char** end)
{
    const char* s = str;
    while (isspace((unsigned char)*s))
        s++;
    int negative = *s == '-';
    if (*s == '+' || *s == '-')
        s++;
    long double value = 0;
    int ok = 1;
    if (!parse_special(&s, &value)) {
        int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
        const char* digits = hex ? s + 2 : s;
        value = parse_magnitude(&digits, hex ? 16 : 10, &ok);
        if (!ok && hex) {
            s++; /* "0x" without hex digits is the number 0 followed by "x" */
            ok = 1;
        } else {
            s = digits;
        }
    }
    if (end)
        *end = (char*)(ok ? s : str);
    return negative ? -value : value;
}

/* Sets ERANGE when narrowing wide to narrowed overflowed, or wide is below tiny (the least normal). */
static void check_range(long double wide, long double narrowed, long double tiny)
{
    if ((__builtin_isinf(narrowed) && !__builtin_isinf(wide)) || (wide != 0 && __builtin_fabsl(wide) < tiny))
        errno = ERANGE;
}

double strtod(const char* str, char** end)
{
    long double wide = strtold(str, end);
    double value = (double)wide;
    check_range(wide, value, 2.2250738585072014e-308L);
    return value;
}

float strtof(const char* str, char** end)
{
    long double wide = strtold(str, end);
    float value = (float)wide;
    check_range(wide, value, 1.17549435e-38L);
    return value;
}

double atof(const char* str)
{
    return strtod(str, NULL);
}
