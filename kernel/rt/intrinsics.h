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
/* memset's counterpart for a table of 32-bit entries (page tables): count
   words stride bytes apart, the first v, each next one step more. */
static inline void __fill_series32(uint32_t a, uint32_t count, uint32_t stride, uint32_t v, uint32_t step) {
    for (uint32_t i = 0; i < count; i++, a += stride, v += step) *(volatile uint32_t *)a = v;
}

static inline void __cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void __sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void __hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline void __pause(void) { __asm__ volatile("pause"); }
static inline uint32_t __cpuid_edx(uint32_t leaf) { uint32_t a, b, c, d; __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(0)); return d; }
static inline uint32_t __cpuid_eax(uint32_t leaf) { uint32_t a, b, c, d; __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(0)); return a; }
static inline uint32_t __cpuid_ebx(uint32_t leaf) { uint32_t a, b, c, d; __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(0)); return b; }
static inline uint32_t __cpuid_ecx(uint32_t leaf) { uint32_t a, b, c, d; __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(0)); return c; }
static inline uint32_t __rdmsr_lo(uint32_t msr) { uint32_t lo, hi; __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr)); return lo; }
static inline void __wrmsr(uint32_t msr, uint32_t lo, uint32_t hi) { __asm__ volatile("wrmsr" : : "c"(msr), "a"(lo), "d"(hi) : "memory"); }
static inline uint32_t __rdtsc_lo(void) { uint32_t lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return lo; }

static inline uint32_t __read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t __read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t __read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t __read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void __write_cr0(uint32_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void __write_cr3(uint32_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void __write_cr4(uint32_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
/* Changes the paging format (CR4.PAE) with paging on: the new root goes into
   CR3 first, so the code running here must be mapped under the root read
   both ways (see pagingInit). */
static inline void __switch_paging(uint32_t root, uint32_t cr4) {
    __asm__ volatile("mov %0, %%cr3\n\tmov %1, %%cr4" : : "r"(root), "r"(cr4) : "memory");
}
static inline void __invlpg(uint32_t a) { __asm__ volatile("invlpg (%0)" : : "r"(a) : "memory"); }
static inline uint32_t __read_ebp(void) { uint32_t v; __asm__ volatile("mov %%ebp, %0" : "=r"(v)); return v; }
static inline uint32_t __read_eflags(void) { uint32_t v; __asm__ volatile("pushf; pop %0" : "=r"(v)); return v; }

/* lgdt/lidt take a 6-byte pseudo-descriptor: 16-bit limit, 32-bit base. */
static inline void __lgdt(uint32_t base, uint16_t limit) {
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) d = { limit, base };
    __asm__ volatile("lgdt %0" : : "m"(d));
}
static inline void __lidt(uint32_t base, uint16_t limit) {
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) d = { limit, base };
    __asm__ volatile("lidt %0" : : "m"(d));
}
static inline void __ltr(uint16_t selector) { __asm__ volatile("ltr %0" : : "r"(selector)); }
/* Reloads cs with a far return and the data segment registers after lgdt. */
static inline void __load_segments(uint16_t code, uint16_t data) {
    __asm__ volatile(
        "pushl %0\n\t"
        "pushl $1f\n\t"
        "lret\n"
        "1:\n\t"
        "mov %1, %%ds\n\t"
        "mov %1, %%es\n\t"
        "mov %1, %%fs\n\t"
        "mov %1, %%gs\n\t"
        "mov %1, %%ss"
        : : "r"((uint32_t)code), "r"(data) : "memory");
}

/* Stores the fxsave image of a clean FPU and SSE unit (the state user
   programs start with) at a, which need not be aligned as fxsave's operand
   must. The kernel's SSE control word is the reset value user programs
   start with too (boot/interrupts.asm), so only the x87 is reset. */
static inline void __fpu_save_clean(uint32_t a) {
    static uint8_t image[512] __attribute__((aligned(16)));
    __asm__ volatile("fninit; fxsave %0" : "=m"(image) : : "memory");
    for (int i = 0; i < 512; i++) ((uint8_t *)a)[i] = image[i];
}

/* boot/switch.asm */
extern void switch_context(uint32_t *save_esp, uint32_t next_esp);

/* kernel/rt/runtime.c: the extent of porffor's heap, and its seal. */
void arena_place(uint32_t magic, uint32_t info_physical);
uint32_t arena_start(void);
uint32_t arena_end(void);
void arena_seal(void);

/* Symbols of boot/ and the linker script. */
extern char kernel_start[], kernel_end[];
extern char boot_stack_top[];
extern uint32_t interrupt_stub_table[];
extern char gdt_table[], idt_table[], tss_area[];
extern char ksyms_table[], kernel_text_end[], kernel_readonly_end[];
extern char interrupt_return[];
extern uint32_t saved_esp_table[];
#endif
