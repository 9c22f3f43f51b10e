// i386 paging in one of two formats, chosen once at boot (pagingInit):
// PAE where the processor has it (a root of four 8-byte entries, each
// pointing at a page directory of 512 entries for one gigabyte, page tables
// of 512 8-byte entries; bit 63 of an entry is no-execute where the
// processor has NX), else the two-level format (a page directory of 1024
// 4-byte entries, page tables of 1024). A root is what CR3 holds: the PDPT
// or the page directory. Frames stay below 4 GiB, so an entry's low word
// holds the whole physical address and every flag but NX in both formats:
// callers read that word and write entries through pteSet.
//
// The kernel half (>= KERNEL_BASE) is the same in every address space:
// its page tables are made once at boot; with PAE every root points at the
// one page directory of the top gigabyte, in the two-level format every
// page directory copies the kernel's 256 entries. Physical memory below
// LOWMEM_LIMIT is mapped at KERNEL_BASE + physical, which is how the kernel
// reaches page tables and its own pages; frames above it are only mapped
// on demand.
import {
  CR4_PAE, enableNoExecute, cpuHasNx, cpuHasPae, invlpg, KERNEL_BASE, kernelImageStart, kernelReadOnlyEnd,
  kernelTextEnd, readCr0, readCr3, readCr4, switchPaging, writeCr0, writeCr3, writeCr4,
} from "../arch/i386/cpu";
import { fillBytes, fillSeries32, peek32, poke32 } from "../arch/i386/io";
import { frameAllocBelow, frameFree, pageUp } from "./frames";
import { PAGE_SIZE } from "../api/limits";

export const PTE_PRESENT: number = 0x001;
export const PTE_WRITABLE: number = 0x002;
export const PTE_USER: number = 0x004;
export const PTE_GLOBAL: number = 0x100;
/**
 * A software bit (ignored by the processor in both formats): the page may
 * be executed. pteSet gives every present entry without it the NX bit,
 * when NX is on, so nothing is executable unless a mapping asks.
 */
export const PTE_EXECUTABLE: number = 0x800;
export const ADDRESS_MASK: number = 0xfffff000;
const PTE_NO_EXECUTE_HIGH: number = 0x80000000; // bit 63, in the entry's high word
const CR0_WRITE_PROTECT: number = 1 << 16;
const CR4_PAGE_GLOBAL: number = 1 << 7;
const GIB: number = 0x40000000;

/** Physical memory below this is mapped at KERNEL_BASE + physical. */
export const LOWMEM_LIMIT: number = 0x30000000;
/** Kernel virtual addresses from here up are not direct-mapped: a window for mappings made on demand. */
export const KERNEL_WINDOW_BASE: number = KERNEL_BASE + LOWMEM_LIMIT;

/** The root every kernel thread runs on. */
export let kernelPageDirectory: number = 0;
/** True once the kernel runs on PAE tables. */
export let pagingPae: boolean = false;
/** True once PAE entries carry NX (EFER.NXE on). */
export let pagingNoExecute: boolean = false;
/** Bytes of one entry: 4 in the two-level format, 8 with PAE. */
export let pteBytes: number = 4;
/** Bytes of address space one page table maps: 4 MiB, or 2 MiB with PAE. */
export let tableSpan: number = 1024 * PAGE_SIZE;
let kernelTopDirectory: number = 0; // PAE: the page directory of [KERNEL_BASE, 4 GiB), shared by every root

/** Kernel virtual address of a lowmem physical address. */
export const physToVirt = (physical: number): number => KERNEL_BASE + physical;

/**
 * Writes an entry: low holds the address and flags; with PAE the high word
 * gets NX when low is present without PTE_EXECUTABLE. The high word goes
 * first so a present entry is never seen with a stale one.
 */
export const pteSet = (pte: number, low: number): void => {
  if (pagingPae) {
    const noExecute: boolean = pagingNoExecute && (low & PTE_PRESENT) !== 0 && (low & PTE_EXECUTABLE) === 0;
    poke32(pte + 4, noExecute ? PTE_NO_EXECUTE_HIGH : 0);
  }
  poke32(pte, low);
};

/** A zeroed lowmem frame for a page table, directory or root, or 0. */
const tableAlloc = (): number => {
  const table: number = frameAllocBelow(LOWMEM_LIMIT);
  if (table !== 0) fillBytes(physToVirt(table), 0, PAGE_SIZE);
  return table;
};

/**
 * Kernel virtual address of the page-directory entry for virtual under
 * root, or 0 when (with PAE) its page directory is missing and create is
 * false or no frame is left.
 */
const pdeAddress = (root: number, virtual: number, create: boolean): number => {
  if (!pagingPae) return physToVirt(root) + (virtual >>> 22) * 4;
  const pdpte: number = physToVirt(root) + (virtual >>> 30) * 8;
  let entry: number = peek32(pdpte);
  if ((entry & PTE_PRESENT) === 0) {
    if (!create) return 0;
    const directory: number = tableAlloc();
    if (directory === 0) return 0;
    entry = (directory | PTE_PRESENT) >>> 0; // a PDPTE has no R/W or U/S bits: they are reserved
    poke32(pdpte, entry);
    if (root === readCr3()) writeCr3(root); // the processor holds the four PDPTEs from the last CR3 load
  }
  return physToVirt((entry & ADDRESS_MASK) >>> 0) + ((virtual >>> 21) & 0x1ff) * 8;
};

/**
 * Kernel virtual address of the page table entry for virtual, or 0 when its
 * page table is missing and create is false or no frame is left.
 */
export const walkpgdir = (root: number, virtual: number, create: boolean): number => {
  const pde: number = pdeAddress(root, virtual, create);
  if (pde === 0) return 0;
  let entry: number = peek32(pde);
  if ((entry & PTE_PRESENT) === 0) {
    if (!create) return 0;
    const table: number = tableAlloc();
    if (table === 0) return 0;
    entry = (table | PTE_PRESENT | PTE_WRITABLE | PTE_USER) >>> 0;
    poke32(pde, entry); // a directory's entries were zeroed: the high word (NX) stays clear
  }
  const index: number = pagingPae ? (virtual >>> 12) & 0x1ff : (virtual >>> 12) & 0x3ff;
  return physToVirt((entry & ADDRESS_MASK) >>> 0) + index * pteBytes;
};

/** Kernel address of the page table mapping [index * tableSpan, ...) under root, or 0 when it has none. */
export const pageTableAt = (root: number, index: number): number => {
  const pde: number = pdeAddress(root, index * tableSpan, false);
  if (pde === 0 || (peek32(pde) & PTE_PRESENT) === 0) return 0;
  return physToVirt((peek32(pde) & ADDRESS_MASK) >>> 0);
};

/** Page tables below KERNEL_BASE: what pageTableAt indexes for a user space. */
export const userTableCount = (): number => KERNEL_BASE / tableSpan;

/**
 * The index of root's first user page table at or after index, or
 * userTableCount() when none is left. Reads each directory's entries in
 * place and skips a PAE gigabyte without a directory at once: a space has a
 * handful of tables among 1,536 (768 without PAE) slots, and exit and exec
 * walk them all. Most entries are 0, and a comparison with 0 is far cheaper
 * than the mask while porffor computes in f64 (each & converts both sides
 * through the FPU), so walks of tables test for 0 first.
 */
export const nextUserTable = (root: number, index: number): number => {
  const count: number = userTableCount();
  const perDirectory: number = PAGE_SIZE / pteBytes;
  while (index < count) {
    const directoryEnd: number = Math.min(count, index - (index % perDirectory) + perDirectory);
    const pde: number = pdeAddress(root, index * tableSpan, false);
    if (pde === 0) {
      index = directoryEnd;
      continue;
    }
    for (let at: number = pde; index < directoryEnd; index++) {
      const entry: number = peek32(at);
      if (entry !== 0 && (entry & PTE_PRESENT) !== 0) return index;
      at += pteBytes;
    }
  }
  return count;
};

/** A root with no user mappings and the shared kernel half, or 0 when memory is out. */
export const rootCreate = (): number => {
  const root: number = tableAlloc();
  if (root === 0) return 0;
  if (pagingPae) poke32(physToVirt(root) + 3 * 8, (kernelTopDirectory | PTE_PRESENT) >>> 0);
  else {
    const kernelEntries: number = KERNEL_BASE / (1024 * PAGE_SIZE);
    for (let pde: number = kernelEntries; pde < 1024; pde++) {
      poke32(physToVirt(root) + pde * 4, peek32(physToVirt(kernelPageDirectory) + pde * 4));
    }
  }
  return root;
};

/** Frees root's user page tables, its user page directories and root itself; the pages they mapped are the caller's. */
export const rootFree = (root: number): void => {
  const tables: number = userTableCount();
  for (let index: number = nextUserTable(root, 0); index < tables; index = nextUserTable(root, index + 1)) {
    frameFree(pageTableAt(root, index) - KERNEL_BASE);
  }
  if (pagingPae) {
    for (let gib: number = 0; gib < KERNEL_BASE / GIB; gib++) {
      const entry: number = peek32(physToVirt(root) + gib * 8);
      if ((entry & PTE_PRESENT) !== 0) frameFree((entry & ADDRESS_MASK) >>> 0);
    }
  }
  frameFree(root);
};

/** Drops a stale TLB entry when the mapping belongs to the running address space. */
const flushIfCurrent = (root: number, virtual: number): void => {
  if (virtual >= KERNEL_BASE || root === readCr3()) invlpg(virtual);
};

/** Maps the page at virtual to the frame at physical. False when a page table cannot be allocated. */
export const mapPage = (root: number, virtual: number, physical: number, flags: number): boolean => {
  const pte: number = walkpgdir(root, virtual, true);
  if (pte === 0) return false;
  pteSet(pte, (physical | flags | PTE_PRESENT) >>> 0);
  flushIfCurrent(root, virtual);
  return true;
};

/** Removes the mapping of virtual; returns the frame it mapped, or 0 when none. */
export const unmapPage = (root: number, virtual: number): number => {
  const pte: number = walkpgdir(root, virtual, false);
  if (pte === 0 || (peek32(pte) & PTE_PRESENT) === 0) return 0;
  const physical: number = (peek32(pte) & ADDRESS_MASK) >>> 0;
  pteSet(pte, 0);
  flushIfCurrent(root, virtual);
  return physical;
};

/** Replaces the flags of an existing mapping; false when virtual is not mapped. */
export const protectPage = (root: number, virtual: number, flags: number): boolean => {
  const pte: number = walkpgdir(root, virtual, false);
  if (pte === 0 || (peek32(pte) & PTE_PRESENT) === 0) return false;
  pteSet(pte, ((peek32(pte) & ADDRESS_MASK) | flags | PTE_PRESENT) >>> 0);
  flushIfCurrent(root, virtual);
  return true;
};

/** The physical address virtual maps to, or -1. */
export const translate = (root: number, virtual: number): number => {
  const pte: number = walkpgdir(root, virtual, false);
  if (pte === 0 || (peek32(pte) & PTE_PRESENT) === 0) return -1;
  return ((peek32(pte) & ADDRESS_MASK) >>> 0) + (virtual & 0xfff);
};

/** The flags of virtual's mapping (0 when unmapped). */
export const pageFlags = (root: number, virtual: number): number => {
  const pte: number = walkpgdir(root, virtual, false);
  if (pte === 0) return 0;
  return peek32(pte) & 0xfff;
};

/** True when the processor would refuse to run virtual's page (its entry has NX). */
export const pageNoExecute = (root: number, virtual: number): boolean => {
  const pte: number = walkpgdir(root, virtual, false);
  return pte !== 0 && pagingPae && (peek32(pte + 4) & PTE_NO_EXECUTE_HIGH) !== 0;
};

/**
 * Fills the kernel's page tables from the directory entries at directory
 * (the first for KERNEL_BASE): the direct map of RAM below directEnd,
 * kernel text executable, text and read-only data write-protected, every
 * page global. Tables come from below earlyLimit (the boot mapping). Each
 * table is written as up to four runs of like entries (before the kernel
 * image, its text, its read-only data, the rest), a store loop each.
 */
const mapKernelHalf = (directory: number, directEnd: number, earlyLimit: number): void => {
  const textStart: number = pageUp(kernelImageStart() - KERNEL_BASE);
  const textEnd: number = pageUp(kernelTextEnd() - KERNEL_BASE);
  const readOnlyEnd: number = Math.max(pageUp(kernelReadOnlyEnd() - KERNEL_BASE), textEnd);
  const mappedEnd: number = pageUp(directEnd);
  const tables: number = (0x100000000 - KERNEL_BASE) / tableSpan;
  for (let pde: number = 0; pde < tables; pde++) {
    const table: number = frameAllocBelow(earlyLimit);
    fillBytes(physToVirt(table), 0, PAGE_SIZE);
    const base: number = pde * tableSpan;
    const end: number = Math.min(base + tableSpan, mappedEnd);
    mapRun(table, base, base, Math.min(textStart, end), PTE_GLOBAL | PTE_WRITABLE);
    mapRun(table, base, Math.max(base, textStart), Math.min(textEnd, end), PTE_GLOBAL | PTE_EXECUTABLE);
    mapRun(table, base, Math.max(base, textEnd), Math.min(readOnlyEnd, end), PTE_GLOBAL);
    mapRun(table, base, Math.max(base, readOnlyEnd), end, PTE_GLOBAL | PTE_WRITABLE);
    poke32(physToVirt(directory) + pde * pteBytes, (table | PTE_PRESENT | PTE_WRITABLE) >>> 0);
  }
};

/**
 * The entries of table (mapping from base) for the physical pages [from,
 * to), each to itself with flags: pteSet's entries, NX included, for a run.
 */
const mapRun = (table: number, base: number, from: number, to: number, flags: number): void => {
  if (to <= from) return;
  const first: number = physToVirt(table) + ((from - base) / PAGE_SIZE) * pteBytes;
  const count: number = (to - from) / PAGE_SIZE;
  fillSeries32(first, count, pteBytes, (from | flags | PTE_PRESENT) >>> 0, PAGE_SIZE);
  if (pagingNoExecute && (flags & PTE_EXECUTABLE) === 0) fillSeries32(first + 4, count, pteBytes, PTE_NO_EXECUTE_HIGH, 0);
};

/**
 * Builds the kernel's tables in the format the processor allows (PAE with
 * NX where it has them), switches to them and turns on CR0.WP and global
 * pages. Runs while the boot mapping (the first 64 MiB in 4 MiB pages, a
 * two-level directory) is live, so its frames come from there. The switch
 * to PAE loads the new root into CR3 while the processor still reads it as
 * a two-level directory, so that frame also carries the boot mapping's
 * kernel entries (at 768 on, past the PDPT's 32 bytes) until CR4.PAE is set.
 */
export const pagingInit = (ramTop: number, earlyLimit: number): void => {
  const directEnd: number = Math.min(ramTop, LOWMEM_LIMIT);
  kernelPageDirectory = frameAllocBelow(earlyLimit);
  const root: number = physToVirt(kernelPageDirectory);
  fillBytes(root, 0, PAGE_SIZE);
  if (!cpuHasPae()) {
    mapKernelHalf(kernelPageDirectory + (KERNEL_BASE >>> 22) * 4, directEnd, earlyLimit);
    writeCr3(kernelPageDirectory);
  } else {
    pagingPae = true;
    pteBytes = 8;
    tableSpan = 512 * PAGE_SIZE;
    if (cpuHasNx()) {
      enableNoExecute();
      pagingNoExecute = true;
    }
    kernelTopDirectory = frameAllocBelow(earlyLimit);
    fillBytes(physToVirt(kernelTopDirectory), 0, PAGE_SIZE);
    mapKernelHalf(kernelTopDirectory, directEnd, earlyLimit);
    poke32(root + 3 * 8, (kernelTopDirectory | PTE_PRESENT) >>> 0);
    const bootEntries: number = physToVirt(readCr3()) + (KERNEL_BASE >>> 22) * 4;
    for (let pde: number = 0; pde < earlyLimit / 0x400000; pde++) {
      poke32(root + (KERNEL_BASE >>> 22) * 4 + pde * 4, peek32(bootEntries + pde * 4));
    }
    switchPaging(kernelPageDirectory, (readCr4() | CR4_PAE) >>> 0);
    fillBytes(root + 32, 0, PAGE_SIZE - 32);
  }
  writeCr4((readCr4() | CR4_PAGE_GLOBAL) >>> 0);
  writeCr0((readCr0() | CR0_WRITE_PROTECT) >>> 0);
};
