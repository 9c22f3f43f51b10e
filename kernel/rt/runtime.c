/* The C runtime porffor's generated code needs, and nothing else: its heap
   (calloc/realloc over one kernel arena placed after the boot loader's data,
   since porffor's allocator is a bump pointer that never frees), the mem* functions gcc and porffor call,
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

/* porffor's heap (its linear memory, one block that grows in place) lives
   in RAM just past everything the boot loader left there: the kernel image
   with its bss, the modules and their strings, the multiboot information and
   its memory map. Where that is, and how far RAM reaches, is known only from
   the multiboot information, and the heap is needed by porffor's main()
   before any TypeScript runs, so arena_place() reads those few fields here.
   mm/memory.ts then takes the heap's pages out of the frame allocator and
   seals it: growing it after that would be an allocation after boot. */
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u
#define MULTIBOOT_FLAG_MEMORY (1u << 0)
#define MULTIBOOT_FLAG_CMDLINE (1u << 2)
#define MULTIBOOT_FLAG_MODULES (1u << 3)
#define MULTIBOOT_FLAG_MEMORY_MAP (1u << 6)
#define ARENA_KERNEL_BASE 0xC0000000u
#define ARENA_EARLY_MAP (64u << 20) /* mapped by boot/multiboot.asm */
#define ARENA_PAGE 4096u

static char *arena_base;
static size_t arena_capacity;
static size_t arena_used;
static int arena_sealed;

static uint32_t arena_past(uint32_t end, uint32_t start, uint32_t length) {
    uint32_t past = start + length;
    return past > end && start < ARENA_EARLY_MAP ? past : end;
}

static uint32_t arena_past_string(uint32_t end, uint32_t physical) {
    if (physical == 0 || physical >= ARENA_EARLY_MAP) return end;
    const char *s = (const char *)(ARENA_KERNEL_BASE + physical);
    uint32_t length = 0;
    while (physical + length < ARENA_EARLY_MAP - 1 && s[length]) length++;
    return arena_past(end, physical, length + 1);
}

/* Places the heap after the image and the loader's data, up to the end of
   the RAM above 1 MiB (mem_upper) or of the boot mapping. */
void arena_place(uint32_t magic, uint32_t info_physical) {
    uint32_t end = (uint32_t)kernel_end - ARENA_KERNEL_BASE;
    uint32_t top = ARENA_EARLY_MAP;
    if (magic == MULTIBOOT_BOOTLOADER_MAGIC && info_physical < ARENA_EARLY_MAP - 128) {
        const uint32_t *info = (const uint32_t *)(ARENA_KERNEL_BASE + info_physical);
        end = arena_past(end, info_physical, 128);
        if ((info[0] & MULTIBOOT_FLAG_MEMORY) && info[2] < ((ARENA_EARLY_MAP - (1u << 20)) >> 10)) top = (1u << 20) + (info[2] << 10);
        if (info[0] & MULTIBOOT_FLAG_CMDLINE) end = arena_past_string(end, info[4]);
        if (info[0] & MULTIBOOT_FLAG_MEMORY_MAP) end = arena_past(end, info[12], info[11]);
        if ((info[0] & MULTIBOOT_FLAG_MODULES) && info[6] < ARENA_EARLY_MAP) {
            const uint32_t *module = (const uint32_t *)(ARENA_KERNEL_BASE + info[6]);
            end = arena_past(end, info[6], info[5] * 16);
            for (uint32_t i = 0; i < info[5] && info[6] + i * 16 < ARENA_EARLY_MAP - 16; i++, module += 4) {
                end = arena_past(end, module[0], module[1] - module[0]);
                end = arena_past_string(end, module[2]);
            }
        }
    }
    end = (end + ARENA_PAGE - 1) & ~(ARENA_PAGE - 1);
    arena_base = (char *)(ARENA_KERNEL_BASE + end);
    arena_capacity = top > end ? top - end : 0;
}

/* Fatal runtime error: reported by the TypeScript kernel (bridge.c). */
void runtime_fatal(const char *why) __attribute__((noreturn));

static void *arena_resize(size_t size) {
    if (arena_sealed && size > arena_used) runtime_fatal("kernel heap grown after boot");
    if (size > arena_capacity) runtime_fatal("kernel heap: out of memory");
    arena_used = size;
    return arena_base;
}

/* porffor asks once for its linear memory, then grows it with realloc: the
   arena holds exactly one block. realloc leaves the new part as it is, as
   realloc may: porffor's growth zeroes it itself. */
void *calloc(size_t count, size_t size) {
    if (arena_used != 0) runtime_fatal("calloc: the kernel heap is one block");
    return memset(arena_resize(count * size), 0, count * size);
}

void *realloc(void *ptr, size_t size) {
    if (ptr == NULL) return calloc(1, size);
    if (ptr != arena_base) runtime_fatal("realloc: not the kernel heap");
    return arena_resize(size);
}

/* The heap's virtual extent [arena_start(), arena_end()), page-aligned;
   after arena_seal() it never grows. */
uint32_t arena_start(void) { return (uint32_t)arena_base; }
uint32_t arena_end(void) { return (uint32_t)arena_base + ((arena_used + ARENA_PAGE - 1) & ~(ARENA_PAGE - 1)); }
void arena_seal(void) { arena_sealed = 1; }

void *malloc(size_t size) { return calloc(1, size); }
void free(void *ptr) { (void)ptr; }

/* String instructions, 4 bytes a step where both ends allow: under QEMU's
   TCG a byte loop costs several translated instructions per byte, and the
   boot zeroes the kernel heap and copies the initrd through these. */
void *memset(void *dst, int c, size_t n) {
    uint32_t word = (uint8_t)c * 0x01010101u;
    void *d = dst;
    size_t words = n >> 2, bytes = n & 3;
    __asm__ volatile("rep stosl" : "+D"(d), "+c"(words) : "a"(word) : "memory");
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(bytes) : "a"(word) : "memory");
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
    void *d = dst;
    const void *s = src;
    size_t words = n >> 2, bytes = n & 3;
    __asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(bytes) : : "memory");
    return dst;
}

/* Overlapping ranges with dst above src copy backwards (the direction flag
   set, from the last byte down), bytes, since the ends need not be aligned. */
void *memmove(void *dst, const void *src, size_t n) {
    if ((uintptr_t)dst <= (uintptr_t)src || (uintptr_t)dst >= (uintptr_t)src + n) return memcpy(dst, src, n);
    void *d = (char *)dst + n - 1;
    const void *s = (const char *)src + n - 1;
    __asm__ volatile("std\n\trep movsb\n\tcld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
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
   already integers). The 32-bit conversion is SSE2's; a 64-bit one would go
   through the x87. */
double trunc(double x) {
    if (x > -2147483648.0 && x < 2147483648.0) return __builtin_copysign((double)(int32_t)x, x);
    if (!(x > -4503599627370496.0 && x < 4503599627370496.0)) return x;
    return (double)(int64_t)x;
}
double floor(double x) { double t = trunc(x); return t > x ? t - 1 : t; }
double ceil(double x) { double t = trunc(x); return t < x ? t + 1 : t; }
double round(double x) { return x < 0 ? -floor(-x + 0.5) : floor(x + 0.5); }
double fabs(double x) { return x < 0 ? -x : x; }
double fmod(double x, double y) { return x - trunc(x / y) * y; }
double sqrt(double x) { double r; __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x)); return r; }
