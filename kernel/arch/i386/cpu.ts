// Processor control: interrupts, halting, the time-stamp counter, the
// kernel image's extent from the linker script and the kernel heap's.
import { outb } from "./io";

/** Virtual address where the kernel half begins (boot/linker.ld). */
export const KERNEL_BASE: number = 0xc0000000;

/** Physical memory mapped at KERNEL_BASE by boot/multiboot.asm. */
export const EARLY_MAP_BYTES: number = 64 * 1024 * 1024;

/** QEMU's isa-debug-exit device (tests run QEMU with it at this port). */
const QEMU_DEBUG_EXIT_PORT: number = 0xf4;

/** Disables maskable interrupts. */
export const cli = (): void => {
  Porffor.c`__cli();`;
};

/** Halts the CPU until the next interrupt. */
export const hlt = (): void => {
  Porffor.c`__hlt();`;
};

/** Stops this CPU for good: interrupts off, halted. */
export const haltForever = (): void => {
  cli();
  for (;;) hlt();
};

/** Low 32 bits of the time-stamp counter. */
export const rdtscLow = (): number => {
  Porffor.c`return (f64)__rdtsc_lo();`;
  return 0;
};

/** EDX of CPUID leaf 1: the processor's feature flags (AT_HWCAP). */
export const cpuFeatureFlags = (): number => {
  Porffor.c`return (f64)__cpuid_edx(1);`;
  return 0;
};

/** EBX of CPUID leaf 7 (structured extended features: SMEP is bit 7). */
const cpuExtendedFeaturesEbx = (): number => {
  Porffor.c`return (f64)__cpuid_ebx(7);`;
  return 0;
};

/** ECX of CPUID leaf 7 (UMIP is bit 2). */
const cpuExtendedFeaturesEcx = (): number => {
  Porffor.c`return (f64)__cpuid_ecx(7);`;
  return 0;
};

/** The highest basic CPUID leaf. */
const cpuMaxLeaf = (): number => {
  Porffor.c`return (f64)__cpuid_eax(0);`;
  return 0;
};

/** The highest extended CPUID leaf (0x8000000n), or a smaller number when there is none. */
const cpuMaxExtendedLeaf = (): number => {
  Porffor.c`return (f64)__cpuid_eax(0x80000000u);`;
  return 0;
};

/** EDX of CPUID leaf 0x80000001 (NX is bit 20). */
const cpuExtendedFeaturesEdx = (): number => {
  Porffor.c`return (f64)__cpuid_edx(0x80000001u);`;
  return 0;
};

/** True when the processor has PAE paging (CPUID 1 EDX bit 6). */
export const cpuHasPae = (): boolean => (cpuFeatureFlags() & (1 << 6)) !== 0;

/** True when PAE entries may carry the no-execute bit (CPUID 0x80000001 EDX bit 20). */
export const cpuHasNx = (): boolean => {
  const maxLeaf: number = cpuMaxExtendedLeaf();
  return maxLeaf >= 0x80000001 && maxLeaf < 0x8000ffff && (cpuExtendedFeaturesEdx() & (1 << 20)) !== 0;
};

const MSR_EFER: number = 0xc0000080;
const EFER_NXE: number = 1 << 11;

/** Reads the low 32 bits of a model-specific register. */
const rdmsrLow = (msr: number): number => {
  Porffor.c`return (f64)__rdmsr_lo(__u32(msr));`;
  return 0;
};

/** Writes a model-specific register (high 32 bits zero). */
const wrmsr = (msr: number, low: number): void => {
  Porffor.c`__wrmsr(__u32(msr), __u32(low), 0);`;
};

/** Lets PAE entries use bit 63 as no-execute (EFER.NXE). Only when cpuHasNx: EFER may not exist otherwise. */
export const enableNoExecute = (): void => {
  wrmsr(MSR_EFER, (rdmsrLow(MSR_EFER) | EFER_NXE) >>> 0);
};

export const CR4_TSD: number = 1 << 2;
export const CR4_PAE: number = 1 << 5;
export const CR4_UMIP: number = 1 << 11;
export const CR4_SMEP: number = 1 << 20;
export const CR4_SMAP: number = 1 << 21;

/**
 * What the reference keeps from ring 3, as far as the processor has it:
 * rdtsc (CR4.TSD, every i686), sgdt/sidt/sldt/smsw/str (UMIP), the
 * kernel running user pages (SMEP) and touching them (SMAP: the kernel
 * reaches user memory only through the direct map, mm/usercopy, so any
 * access through a user address is a bug and faults). Returns the CR4
 * bits it set.
 */
export const restrictUserMode = (): number => {
  let bits: number = CR4_TSD;
  if (cpuMaxLeaf() >= 7) {
    if ((cpuExtendedFeaturesEcx() & (1 << 2)) !== 0) bits |= CR4_UMIP;
    if ((cpuExtendedFeaturesEbx() & (1 << 7)) !== 0) bits |= CR4_SMEP;
    if ((cpuExtendedFeaturesEbx() & (1 << 20)) !== 0) bits |= CR4_SMAP;
  }
  writeCr4((readCr4() | bits) >>> 0);
  return bits;
};

/** Virtual address of the first byte of the kernel image. */
export const kernelImageStart = (): number => {
  Porffor.c`return (f64)(uint32_t)kernel_start;`;
  return 0;
};

/** Virtual address just past the kernel image, bss included, page-aligned. */
export const kernelImageEnd = (): number => {
  Porffor.c`return (f64)(uint32_t)kernel_end;`;
  return 0;
};

/** Virtual address of the kernel heap (porffor's linear memory, kernel/rt/runtime.c), page-aligned. */
export const kernelHeapStart = (): number => {
  Porffor.c`return (f64)arena_start();`;
  return 0;
};

/** Virtual address just past the pages the kernel heap uses now. */
export const kernelHeapEnd = (): number => {
  Porffor.c`return (f64)arena_end();`;
  return 0;
};

/** Fixes the kernel heap at its size: growing it later is a fatal error (no allocation after boot). */
export const kernelHeapSeal = (): void => {
  Porffor.c`arena_seal();`;
};

/**
 * Ends the QEMU session with exit code (status << 1) | 1, when QEMU has the
 * debug-exit device; on a real PC the write does nothing and we halt.
 */
export const qemuExit = (status: number): void => {
  outb(QEMU_DEBUG_EXIT_PORT, status);
  haltForever();
};

/** Enables maskable interrupts. */
export const sti = (): void => {
  Porffor.c`__sti();`;
};

/** Waits for the next interrupt with interrupts enabled (the idle instruction pair). */
export const stiHlt = (): void => {
  Porffor.c`__asm__ volatile("sti; hlt" ::: "memory");`;
};

/** EFLAGS, to learn whether interrupts are enabled (bit 9). */
export const readEflags = (): number => {
  Porffor.c`return (f64)__read_eflags();`;
  return 0;
};

const EFLAGS_INTERRUPTS: number = 0x200;

/** Disables interrupts; returns whether they were on, for interruptsRestore. */
export const interruptsSave = (): boolean => {
  const enabled: boolean = (readEflags() & EFLAGS_INTERRUPTS) !== 0;
  cli();
  return enabled;
};

/** Turns interrupts back on if interruptsSave found them on. */
export const interruptsRestore = (enabled: boolean): void => {
  if (enabled) sti();
};

export const readCr0 = (): number => {
  Porffor.c`return (f64)__read_cr0();`;
  return 0;
};

/** The faulting linear address of the last page fault. */
export const readCr2 = (): number => {
  Porffor.c`return (f64)__read_cr2();`;
  return 0;
};

export const readCr3 = (): number => {
  Porffor.c`return (f64)__read_cr3();`;
  return 0;
};

export const readCr4 = (): number => {
  Porffor.c`return (f64)__read_cr4();`;
  return 0;
};

export const writeCr0 = (value: number): void => {
  Porffor.c`__write_cr0(__u32(value));`;
};

/** Switches to the page directory at a physical address (flushes the non-global TLB). */
export const writeCr3 = (value: number): void => {
  Porffor.c`__write_cr3(__u32(value));`;
};

export const writeCr4 = (value: number): void => {
  Porffor.c`__write_cr4(__u32(value));`;
};

/**
 * Loads root into CR3 and then CR4 in one step, which changes the paging
 * format when cr4 flips CR4.PAE: the code here must be mapped under root
 * read in the old format and in the new one.
 */
export const switchPaging = (root: number, cr4: number): void => {
  Porffor.c`__switch_paging(__u32(root), __u32(cr4));`;
};

/** Drops the TLB entry of one virtual address. */
export const invlpg = (address: number): void => {
  Porffor.c`__invlpg(__u32(address));`;
};

/** The caller's frame pointer, where a backtrace starts. */
export const readEbp = (): number => {
  Porffor.c`return (f64)__read_ebp();`;
  return 0;
};

/** Loads the GDT register. */
export const lgdt = (base: number, limit: number): void => {
  Porffor.c`__lgdt(__u32(base), (uint16_t)__u32(limit));`;
};

/** Loads the IDT register. */
export const lidt = (base: number, limit: number): void => {
  Porffor.c`__lidt(__u32(base), (uint16_t)__u32(limit));`;
};

/** Loads the task register. */
export const ltr = (selector: number): void => {
  Porffor.c`__ltr((uint16_t)__u32(selector));`;
};

/** Reloads cs and the data segment registers after a new GDT. */
export const loadSegments = (code: number, data: number): void => {
  Porffor.c`__load_segments((uint16_t)__u32(code), (uint16_t)__u32(data));`;
};

/** Addresses fixed by boot/: the descriptor tables, the boot stack, the interrupt stubs. */
export const gdtTableAddress = (): number => {
  Porffor.c`return (f64)(uint32_t)gdt_table;`;
  return 0;
};

export const idtTableAddress = (): number => {
  Porffor.c`return (f64)(uint32_t)idt_table;`;
  return 0;
};

export const tssAddress = (): number => {
  Porffor.c`return (f64)(uint32_t)tss_area;`;
  return 0;
};

export const bootStackTop = (): number => {
  Porffor.c`return (f64)(uint32_t)boot_stack_top;`;
  return 0;
};

export const interruptStubTable = (): number => {
  Porffor.c`return (f64)(uint32_t)interrupt_stub_table;`;
  return 0;
};

/** Start of the kernel symbol table (tools/ksyms.mjs, section .ksyms). */
export const ksymsTableAddress = (): number => {
  Porffor.c`return (f64)(uint32_t)ksyms_table;`;
  return 0;
};

/** End of the kernel's text (page-aligned): the only kernel pages mapped executable. */
export const kernelTextEnd = (): number => {
  Porffor.c`return (f64)(uint32_t)kernel_text_end;`;
  return 0;
};

/** End of the kernel's text and read-only data (page-aligned): mapped read-only. */
export const kernelReadOnlyEnd = (): number => {
  Porffor.c`return (f64)(uint32_t)kernel_readonly_end;`;
  return 0;
};

/** Saves the current kernel stack into slot save (an address in saved_esp_table) and resumes the stack next. */
export const switchContext = (save: number, next: number): void => {
  Porffor.c`switch_context((uint32_t *)__u32(save), __u32(next));`;
};

/** Base of the table of saved kernel stack pointers, one word per thread slot. */
export const savedEspTableAddress = (): number => {
  Porffor.c`return (f64)(uint32_t)saved_esp_table;`;
  return 0;
};

/** Where a new thread's first switch returns to: the interrupt exit path. */
export const interruptReturnAddress = (): number => {
  Porffor.c`return (f64)(uint32_t)interrupt_return;`;
  return 0;
};

/** Stores the 512-byte fxsave image of a freshly initialised FPU and SSE unit at address. */
export const fpuSaveClean = (address: number): void => {
  Porffor.c`__fpu_save_clean(__u32(address));`;
};
