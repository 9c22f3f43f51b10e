// Global descriptor table: flat kernel and user segments, the user TLS
// segment (GS in ring 3: its base is the running thread's thread pointer),
// and the TSS, which tells the CPU which kernel stack to use when an
// interrupt arrives in ring 3. The selectors are the reference's.
import { bootStackTop, gdtTableAddress, lgdt, loadSegments, ltr, tssAddress } from "./cpu";
import { poke16, poke32, poke8 } from "./io";

export const KERNEL_CODE_SELECTOR: number = 0x08;
export const KERNEL_DATA_SELECTOR: number = 0x10;
export const USER_CODE_SELECTOR: number = 0x18 | 3;
export const USER_DATA_SELECTOR: number = 0x20 | 3;
export const USER_TLS_SELECTOR: number = 0x28 | 3;
export const TSS_SELECTOR: number = 0x38;
const GDT_ENTRIES: number = 8;
const TLS_INDEX: number = 5;
const TSS_SIZE: number = 104;

// Access bytes: present | ring | code/data | type.
const ACCESS_KERNEL_CODE: number = 0x9a;
const ACCESS_KERNEL_DATA: number = 0x92;
const ACCESS_USER_CODE: number = 0xfa;
const ACCESS_USER_DATA: number = 0xf2;
const ACCESS_TSS: number = 0x89; // present, 32-bit available TSS
const FLAGS_4K_32BIT: number = 0xc;

/** Writes descriptor index of the GDT. */
const setDescriptor = (index: number, base: number, limit: number, access: number, flags: number): void => {
  const entry: number = gdtTableAddress() + index * 8;
  poke16(entry, limit & 0xffff);
  poke16(entry + 2, base & 0xffff);
  poke8(entry + 4, (base >>> 16) & 0xff);
  poke8(entry + 5, access);
  poke8(entry + 6, ((flags << 4) | ((limit >>> 16) & 0xf)) & 0xff);
  poke8(entry + 7, (base >>> 24) & 0xff);
};

/** Sets the kernel stack the CPU switches to on an interrupt from ring 3. */
export const tssSetKernelStack = (esp0: number): void => {
  poke32(tssAddress() + 4, esp0);
};

let tlsBase: number = 0;

/**
 * Points the user TLS segment at base (the thread about to run). Takes
 * effect when GS is next loaded, which the return to ring 3 does.
 */
export const gdtSetTlsBase = (base: number): void => {
  if (base === tlsBase) return;
  tlsBase = base;
  setDescriptor(TLS_INDEX, base, 0xfffff, ACCESS_USER_DATA, FLAGS_4K_32BIT);
};

/** Builds and loads the GDT and TSS, then reloads every segment register. */
export const gdtInit = (): void => {
  setDescriptor(0, 0, 0, 0, 0);
  setDescriptor(1, 0, 0xfffff, ACCESS_KERNEL_CODE, FLAGS_4K_32BIT);
  setDescriptor(2, 0, 0xfffff, ACCESS_KERNEL_DATA, FLAGS_4K_32BIT);
  setDescriptor(3, 0, 0xfffff, ACCESS_USER_CODE, FLAGS_4K_32BIT);
  setDescriptor(4, 0, 0xfffff, ACCESS_USER_DATA, FLAGS_4K_32BIT);
  setDescriptor(TLS_INDEX, 0, 0xfffff, ACCESS_USER_DATA, FLAGS_4K_32BIT);
  setDescriptor(6, 0, 0, 0, 0);
  setDescriptor(7, tssAddress(), TSS_SIZE - 1, ACCESS_TSS, 0);
  const tss: number = tssAddress();
  for (let offset: number = 0; offset < TSS_SIZE; offset += 4) poke32(tss + offset, 0);
  poke32(tss + 8, KERNEL_DATA_SELECTOR); // ss0
  poke16(tss + 102, TSS_SIZE); // no I/O permission bitmap: ring 3 gets #GP on in/out
  tssSetKernelStack(bootStackTop());
  lgdt(gdtTableAddress(), GDT_ENTRIES * 8 - 1);
  loadSegments(KERNEL_CODE_SELECTOR, KERNEL_DATA_SELECTOR);
  ltr(TSS_SELECTOR);
};
