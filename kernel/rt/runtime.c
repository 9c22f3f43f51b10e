/* The C runtime porffor's generated code needs, and nothing else: its heap
   (calloc/realloc over one fixed kernel arena, since porffor's allocator is a
   bump pointer that never frees), the mem* functions gcc and porffor call,
   putchar for porffor's own print paths (polled COM1), and the math
   functions. Kernel logic lives in TypeScript. */
#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <math.h>
#include "intrinsics.h"

#ifndef KERNEL_ARENA_SIZE
#define KERNEL_ARENA_SIZE (16u << 20)
#endif

static char kernel_arena[KERNEL_ARENA_SIZE] __attribute__((aligned(4096)));
static size_t arena_used;

/* Fatal runtime error: reported by the TypeScript kernel (bridge.c). */
void runtime_fatal(const char *why) __attribute__((noreturn));

/* porffor asks once for its linear memory, then grows it with realloc: the
   arena holds exactly one block, which grows in place. */
void *calloc(size_t count, size_t size) {
    size_t n = count * size;
    if (arena_used != 0 || n > KERNEL_ARENA_SIZE) runtime_fatal("calloc: kernel arena exhausted");
    arena_used = n;
    return kernel_arena;
}

void *realloc(void *ptr, size_t size) {
    if (ptr == NULL) return calloc(1, size);
    if (ptr != kernel_arena || size > KERNEL_ARENA_SIZE) runtime_fatal("realloc: kernel arena exhausted");
    if (size > arena_used) memset(kernel_arena + arena_used, 0, size - arena_used);
    arena_used = size;
    return kernel_arena;
}

void *malloc(size_t size) { return calloc(1, size); }
void free(void *ptr) { (void)ptr; }

void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) while (n--) *d++ = *s++;
    else while (n--) d[n] = s[n];
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

#define COM1 0x3F8
int putchar(int c) {
    while ((__inb(COM1 + 5) & 0x20) == 0) __pause();
    __outb(COM1, (uint8_t)c);
    return c;
}

static void put_string(const char *s) { while (*s) putchar(*s++); }

static void put_unsigned(uint64_t v, unsigned base) {
    char buf[24];
    int i = 0;
    do { buf[i++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    while (i) putchar(buf[--i]);
}

static void put_signed(int64_t v) {
    if (v < 0) { putchar('-'); put_unsigned((uint64_t)-v, 10); }
    else put_unsigned((uint64_t)v, 10);
}

/* %g for porffor's number printing: integers exactly, other values with
   up to 15 significant digits (enough for diagnostics; the kernel formats
   its own numbers in TypeScript). */
static void put_double(double v) {
    if (v != v) { put_string("NaN"); return; }
    if (v < 0) { putchar('-'); v = -v; }
    if (v > 1e18) { put_string(v == v + 1 ? "Infinity" : "huge"); return; }
    uint64_t whole = (uint64_t)v;
    put_unsigned(whole, 10);
    double frac = v - (double)whole;
    if (frac == 0) return;
    putchar('.');
    for (int digits = 0; digits < 15 && frac > 0; digits++) {
        frac *= 10;
        int d = (int)frac;
        putchar('0' + d);
        frac -= d;
    }
}

/* The printf subset porffor's output uses: %i %d %u %x %s %c %g with an
   optional precision, which is ignored. */
int printf(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    for (const char *p = format; *p; p++) {
        if (*p != '%') { putchar(*p); continue; }
        p++;
        while (*p == '.' || (*p >= '0' && *p <= '9')) p++;
        switch (*p) {
        case 'i': case 'd': put_signed(va_arg(ap, int)); break;
        case 'u': put_unsigned(va_arg(ap, unsigned), 10); break;
        case 'x': put_unsigned(va_arg(ap, unsigned), 16); break;
        case 's': put_string(va_arg(ap, const char *)); break;
        case 'c': putchar(va_arg(ap, int)); break;
        case 'g': case 'f': put_double(va_arg(ap, double)); break;
        case '%': putchar('%'); break;
        default: putchar('?'); break;
        }
    }
    va_end(ap);
    return 0;
}

/* Math for f64 without libm: exact for every double (values >= 2^52 are
   already integers). */
double trunc(double x) {
    if (!(x > -4503599627370496.0 && x < 4503599627370496.0)) return x;
    return (double)(int64_t)x;
}
double floor(double x) { double t = trunc(x); return t > x ? t - 1 : t; }
double ceil(double x) { double t = trunc(x); return t < x ? t + 1 : t; }
double round(double x) { return x < 0 ? -floor(-x + 0.5) : floor(x + 0.5); }
double fabs(double x) { return x < 0 ? -x : x; }
double fmod(double x, double y) { return x - trunc(x / y) * y; }
double sqrt(double x) { double r; __asm__("fsqrt" : "=t"(r) : "0"(x)); return r; }
