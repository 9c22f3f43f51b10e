/*
 * The C porffor's generated code needs beyond libc when it runs as a user
 * program (userland/ts/ts.mk links it into every TypeScript program):
 *   - the math functions it calls (libc has no libm): pure C plus one x87
 *     instruction, exact for every double, like kernel/rt/runtime.c;
 *   - the helpers rt.h declares for sys.ts.
 * Everything else comes from libc: calloc/realloc (porffor's linear memory:
 * one calloc, then realloc as it grows), memcpy/memmove/memset, putchar,
 * printf and exit.
 */
#include "rt.h"

#include <math.h>

/* Values of magnitude >= 2^52 are already integers (and NaN/inf pass through). */
double trunc(double x)
{
    if (!(x > -4503599627370496.0 && x < 4503599627370496.0))
        return x;
    return (double)(int64_t)x;
}

double floor(double x)
{
    double t = trunc(x);
    return t > x ? t - 1 : t;
}

double ceil(double x)
{
    double t = trunc(x);
    return t < x ? t + 1 : t;
}

/* Half-way cases away from zero (C's round, not JS's Math.round). */
double round(double x)
{
    return x < 0 ? -floor(-x + 0.5) : floor(x + 0.5);
}

double fabs(double x)
{
    return x < 0 ? -x : x;
}

double fmod(double x, double y)
{
    return x - trunc(x / y) * y;
}

double sqrt(double x)
{
    double r;
    __asm__("fsqrt" : "=t"(r) : "0"(x));
    return r;
}

int tsrt_wait_status;

long tsrt_write_all(int fd, const void* buf, size_t n)
{
    const char* p = buf;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, p + done, n - done);
        if (w < 0)
            return -errno;
        if (w == 0)
            break;
        done += (size_t)w;
    }
    return (long)done;
}

long tsrt_write_utf16(int fd, const uint16_t* units, size_t n)
{
    char chunk[128];
    size_t done = 0;
    while (done < n) {
        size_t k = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
        for (size_t i = 0; i < k; i++)
            chunk[i] = units[done + i] < 256 ? (char)units[done + i] : '?';
        long w = tsrt_write_all(fd, chunk, k);
        if (w < 0)
            return w;
        done += k;
    }
    return (long)done;
}
