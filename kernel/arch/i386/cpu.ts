// Processor control: interrupts, halting, the time-stamp counter, and the
// kernel image's extent from the linker script.
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

/**
 * Ends the QEMU session with exit code (status << 1) | 1, when QEMU has the
 * debug-exit device; on a real PC the write does nothing and we halt.
 */
export const qemuExit = (status: number): void => {
  outb(QEMU_DEBUG_EXIT_PORT, status);
  haltForever();
};
