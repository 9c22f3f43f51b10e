/* Numbers, sorting and rand (see <stdlib.h>); env.c has the environment, random.c arc4random. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

div_t div(int numerator, int denominator)
{
    div_t r = { numerator / denominator, numerator % denominator };
    return r;
}

ldiv_t ldiv(long numerator, long denominator)
{
    ldiv_t r = { numerator / denominator, numerator % denominator };
    return r;
}

lldiv_t lldiv(long long numerator, long long denominator)
{
    lldiv_t r = { numerator / denominator, numerator % denominator };
    return r;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/*
 * The common parser: optional white space and sign, then digits in base
 * (0: "0x"/"0X" hexadecimal, "0" octal, else decimal; 16 also accepts the
 * "0x" prefix, but only when a hex digit follows it). Returns the magnitude
 * (saturated at ULLONG_MAX with *overflow set); *end is s when no digit was
 * read.
 */
static unsigned long long parse(const char* s, char** end, int base, int* negative, int* overflow)
{
    const char* p = s;
    *negative = 0;
    *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char*)s;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    const char* digits = p;
    unsigned long long value = 0;
    for (int d; (d = digit_value(*p)) < base; p++) {
        if (value > (ULLONG_MAX - d) / base)
            *overflow = 1;
        else
            value = value * base + d;
    }
    if (end)
        *end = (char*)(p == digits ? s : p);
    return *overflow ? ULLONG_MAX : value;
}

unsigned long long strtoull(const char* s, char** end, int base)
{
    int negative, overflow;
    unsigned long long magnitude = parse(s, end, base, &negative, &overflow);
    if (overflow) {
        errno = ERANGE;
        return ULLONG_MAX;
    }
    return negative ? -magnitude : magnitude;
}

unsigned long strtoul(const char* s, char** end, int base)
{
    int negative, overflow;
    unsigned long long magnitude = parse(s, end, base, &negative, &overflow);
    if (overflow || magnitude > ULONG_MAX) {
        errno = ERANGE;
        return ULONG_MAX;
    }
    return negative ? -(unsigned long)magnitude : (unsigned long)magnitude;
}

/* A parsed magnitude as a signed value no greater than max (no less than -max - 1); ERANGE and the limit beyond. */
static long long signed_result(unsigned long long magnitude, int negative, int overflow, long long max)
{
    unsigned long long limit = (unsigned long long)max + (negative ? 1 : 0);
    if (overflow || magnitude > limit) {
        errno = ERANGE;
        return negative ? -max - 1 : max;
    }
    return negative ? (long long)-magnitude : (long long)magnitude;
}

long long strtoll(const char* s, char** end, int base)
{
    int negative, overflow;
    unsigned long long magnitude = parse(s, end, base, &negative, &overflow);
    return signed_result(magnitude, negative, overflow, LLONG_MAX);
}

long strtol(const char* s, char** end, int base)
{
    int negative, overflow;
    unsigned long long magnitude = parse(s, end, base, &negative, &overflow);
    return (long)signed_result(magnitude, negative, overflow, LONG_MAX);
}

int atoi(const char* s) { return (int)strtol(s, NULL, 10); }
long atol(const char* s) { return strtol(s, NULL, 10); }
long long atoll(const char* s) { return strtoll(s, NULL, 10); }

static void swap_bytes(unsigned char* a, unsigned char* b, size_t size)
{
    while (size--) {
        unsigned char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Moves element root down the max-heap of count elements. */
static void sift_down(unsigned char* base, size_t root, size_t count, size_t size,
    int (*compare)(const void*, const void*))
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= count)
            return;
        if (child + 1 < count && compare(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (compare(base + root * size, base + child * size) >= 0)
            return;
        swap_bytes(base + root * size, base + child * size, size);
        root = child;
    }
}

void qsort(void* base, size_t count, size_t size, int (*compare)(const void*, const void*))
{
    unsigned char* b = base;
    if (count < 2 || size == 0)
        return;
    for (size_t i = count / 2; i-- > 0;)
        sift_down(b, i, count, size, compare);
    for (size_t end = count - 1; end > 0; end--) {
        swap_bytes(b, b + end * size, size);
        sift_down(b, 0, end, size, compare);
    }
}

void* bsearch(const void* key, const void* base, size_t count, size_t size, int (*compare)(const void*, const void*))
{
    const unsigned char* b = base;
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int c = compare(key, b + middle * size);
        if (c == 0)
            return (void*)(b + middle * size);
        if (c < 0)
            high = middle;
        else
            low = middle + 1;
    }
    return NULL;
}

/* Knuth's MMIX LCG; the high 31 bits are the result. */
static uint64_t rand_state = 1;

static int rand_step(uint64_t* state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)(*state >> 49); /* the high 15 bits: RAND_MAX is 32767, as the reference's */
}

int rand(void)
{
    return rand_step(&rand_state);
}

void srand(unsigned seed)
{
    rand_state = seed;
}

int rand_r(unsigned* state)
{
    uint64_t s = *state;
    int r = rand_step(&s);
    *state = (unsigned)s;
    return r;
}
