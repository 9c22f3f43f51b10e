/* CPU instructions the TypeScript kernel reaches through Porffor.c snippets
   in kernel/arch/i386/. Each is one instruction or one memory access; the
   decisions stay in TypeScript. Numbers arrive as f64 and are converted
   through int64 so that values >= 2^31 (and negative i32 views) wrap
   instead of being undefined behaviour. */
#ifndef TSOS_INTRINSICS_H
#define TSOS_INTRINSICS_H
#include <stdint.h>

static inline uint32_t __u32(double x) { return (uint32_t)(int64_t)x; }

static inline void __outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void __outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void __outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t __inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint16_t __inw(uint16_t port) { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint32_t __inl(uint16_t port) { uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static inline uint8_t __peek8(uint32_t a) { return *(volatile uint8_t *)a; }
static inline uint16_t __peek16(uint32_t a) { return *(volatile uint16_t *)a; }
static inline uint32_t __peek32(uint32_t a) { return *(volatile uint32_t *)a; }
static inline void __poke8(uint32_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
static inline void __poke16(uint32_t a, uint16_t v) { *(volatile uint16_t *)a = v; }
static inline void __poke32(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }

static inline void __cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void __sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void __hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline void __pause(void) { __asm__ volatile("pause"); }
static inline uint32_t __rdtsc_lo(void) { uint32_t lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return lo; }

/* Linker symbols: the kernel image's virtual extent. */
extern char kernel_start[], kernel_end[];
#endif
