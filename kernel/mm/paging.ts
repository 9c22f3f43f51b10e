// Two-level i386 paging. The kernel half (>= KERNEL_BASE) is the same in
// every address space: its 256 page tables are made once at boot and every
// page directory points at them. Physical memory below LOWMEM_LIMIT is
// mapped at KERNEL_BASE + physical, which is how the kernel reaches page
// tables and its own pages; frames above it are only mapped on demand.
import {
  invlpg, KERNEL_BASE, kernelImageStart, kernelReadOnlyEnd, readCr0, readCr3, readCr4,
  writeCr0, writeCr3, writeCr4,
} from "../arch/i386/cpu";
import { peek32, poke32 } from "../arch/i386/io";
import { frameAllocBelow } from "./frames";
import { PAGE_SIZE } from "../api/limits";

export const PTE_PRESENT: number = 0x001;
export const PTE_WRITABLE: number = 0x002;
export const PTE_USER: number = 0x004;
export const PTE_GLOBAL: number = 0x100;
export const ADDRESS_MASK: number = 0xfffff000;
const CR0_WRITE_PROTECT: number = 1 << 16;
const CR4_PAGE_GLOBAL: number = 1 << 7;

/** Physical memory below this is mapped at KERNEL_BASE + physical. */
export const LOWMEM_LIMIT: number = 0x30000000;
/** Kernel virtual addresses from here up are not direct-mapped: a window for mappings made on demand. */
export const KERNEL_WINDOW_BASE: number = KERNEL_BASE + LOWMEM_LIMIT;
const KERNEL_FIRST_PDE: number = KERNEL_BASE / 0x400000;

/** Physical address of the page directory every kernel thread runs on. */
export let kernelPageDirectory: number = 0;

/** Kernel virtual address of a lowmem physical address. */
export const physToVirt = (physical: number): number => KERNEL_BASE + physical;

const zeroPage = (virtual: number): void => {
  for (let offset: number = 0; offset < PAGE_SIZE; offset += 4) poke32(virtual + offset, 0);
};

const pdeAddress = (pageDirectory: number, virtual: number): number =>
  physToVirt(pageDirectory) + (virtual >>> 22) * 4;

/**
 * Kernel virtual address of the page table entry for virtual, or 0 when its
 * page table is missing and create is false or no frame is left.
 */
export const walkpgdir = (pageDirectory: number, virtual: number, create: boolean): number => {
  const pde: number = pdeAddress(pageDirectory, virtual);
  let entry: number = peek32(pde);
  if ((entry & PTE_PRESENT) === 0) {
    if (!create) return 0;
    const table: number = frameAllocBelow(LOWMEM_LIMIT);
    if (table === 0) return 0;
    zeroPage(physToVirt(table));
    entry = (table | PTE_PRESENT | PTE_WRITABLE | PTE_USER) >>> 0;
    poke32(pde, entry);
  }
  return physToVirt((entry & ADDRESS_MASK) >>> 0) + ((virtual >>> 12) & 0x3ff) * 4;
};

/** Drops a stale TLB entry when the mapping belongs to the running address space. */
const flushIfCurrent = (pageDirectory: number, virtual: number): void => {
  if (virtual >= KERNEL_BASE || pageDirectory === readCr3()) invlpg(virtual);
};

/** Maps the page at virtual to the frame at physical. False when a page table cannot be allocated. */
export const mapPage = (pageDirectory: number, virtual: number, physical: number, flags: number): boolean => {
  const pte: number = walkpgdir(pageDirectory, virtual, true);
  if (pte === 0) return false;
  poke32(pte, (physical | flags | PTE_PRESENT) >>> 0);
  flushIfCurrent(pageDirectory, virtual);
  return true;
};

/** Removes the mapping of virtual; returns the frame it mapped, or 0 when none. */
export const unmapPage = (pageDirectory: number, virtual: number): number => {
  const pte: number = walkpgdir(pageDirectory, virtual, false);
  if (pte === 0 || (peek32(pte) & PTE_PRESENT) === 0) return 0;
  const physical: number = (peek32(pte) & ADDRESS_MASK) >>> 0;
  poke32(pte, 0);
  flushIfCurrent(pageDirectory, virtual);
  return physical;
};

/** Replaces the flags of an existing mapping; false when virtual is not mapped. */
export const protectPage = (pageDirectory: number, virtual: number, flags: number): boolean => {
  const pte: number = walkpgdir(pageDirectory, virtual, false);
  if (pte === 0 || (peek32(pte) & PTE_PRESENT) === 0) return false;
  poke32(pte, ((peek32(pte) & ADDRESS_MASK) | flags | PTE_PRESENT) >>> 0);
  flushIfCurrent(pageDirectory, virtual);
  return true;
};

/** The physical address virtual maps to, or -1. */
export const translate = (pageDirectory: number, virtual: number): number => {
  const pte: number = walkpgdir(pageDirectory, virtual, false);
  if (pte === 0 || (peek32(pte) & PTE_PRESENT) === 0) return -1;
  return ((peek32(pte) & ADDRESS_MASK) >>> 0) + (virtual & 0xfff);
};

/** The flags of virtual's mapping (0 when unmapped). */
export const pageFlags = (pageDirectory: number, virtual: number): number => {
  const pte: number = walkpgdir(pageDirectory, virtual, false);
  if (pte === 0) return 0;
  return peek32(pte) & 0xfff;
};

/**
 * Builds the kernel page directory (direct map of RAM below LOWMEM_LIMIT,
 * kernel text and read-only data write-protected, every kernel page table
 * allocated), switches to it and turns on CR0.WP and global pages. Runs
 * while the boot mapping (first 64 MiB) is live, so its frames come from there.
 */
export const pagingInit = (ramTop: number, earlyLimit: number): void => {
  kernelPageDirectory = frameAllocBelow(earlyLimit);
  zeroPage(physToVirt(kernelPageDirectory));
  const readOnlyStart: number = kernelImageStart() - KERNEL_BASE;
  const readOnlyEnd: number = kernelReadOnlyEnd() - KERNEL_BASE;
  const directEnd: number = Math.min(ramTop, LOWMEM_LIMIT);
  for (let pde: number = KERNEL_FIRST_PDE; pde < 1024; pde++) {
    const table: number = frameAllocBelow(earlyLimit);
    const tableVirtual: number = physToVirt(table);
    for (let index: number = 0; index < 1024; index++) {
      const physical: number = (pde - KERNEL_FIRST_PDE) * 0x400000 + index * PAGE_SIZE;
      const readOnly: boolean = physical >= readOnlyStart && physical < readOnlyEnd;
      const flags: number = PTE_PRESENT | PTE_GLOBAL | (readOnly ? 0 : PTE_WRITABLE);
      poke32(tableVirtual + index * 4, physical < directEnd ? (physical | flags) >>> 0 : 0);
    }
    poke32(physToVirt(kernelPageDirectory) + pde * 4, (table | PTE_PRESENT | PTE_WRITABLE) >>> 0);
  }
  writeCr3(kernelPageDirectory);
  writeCr4((readCr4() | CR4_PAGE_GLOBAL) >>> 0);
  writeCr0((readCr0() | CR0_WRITE_PROTECT) >>> 0);
};
