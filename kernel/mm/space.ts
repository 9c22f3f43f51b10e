// User address spaces: a page directory per process (its kernel half points
// at the shared kernel page tables) and a list of regions. User pages are
// mapped on demand (zero-filled) or copy-on-write after fork; every user
// frame carries a reference count so shared frames are freed once.
// Spaces are indexed by process slot. User frames come from lowmem, where
// the kernel reaches them through the direct map.
import { readCr3, writeCr3 } from "../arch/i386/cpu";
import { copyBytes, fillBytes, peek32, poke32 } from "../arch/i386/io";
import { frameAllocBelow, frameFree, MAX_FRAMES, PAGE_SIZE } from "./frames";
import {
  ADDRESS_MASK, kernelPageDirectory, LOWMEM_LIMIT, mapPage, physToVirt, PTE_PRESENT, PTE_USER, PTE_WRITABLE, walkpgdir,
} from "./paging";
import { MAX_PROCESSES } from "../proc/limits";

export const PROT_READ: number = 1;
export const PROT_WRITE: number = 2;
export const PROT_EXEC: number = 4;
export const REGION_STACK: number = 0x100;
export const USER_RANGE_CEILING: number = 0xbe000000;
const USER_PDE_COUNT: number = 768;
const MAX_VM_REGIONS: number = 16384;

const spaceDirectory: Uint32Array = new Uint32Array(MAX_PROCESSES);
const spaceRegions: Int32Array = new Int32Array(MAX_PROCESSES);
const regionStart: Uint32Array = new Uint32Array(MAX_VM_REGIONS);
const regionEnd: Uint32Array = new Uint32Array(MAX_VM_REGIONS);
const regionFlags: Uint32Array = new Uint32Array(MAX_VM_REGIONS);
const regionNext: Int32Array = new Int32Array(MAX_VM_REGIONS);
let freeRegion: number = -1;
const frameRefs: Uint16Array = new Uint16Array(MAX_FRAMES);

/** Links every region slot into the free list (boot). */
export const spacesInit = (): void => {
  for (let i: number = MAX_VM_REGIONS - 1; i >= 0; i--) {
    regionNext[i] = freeRegion;
    freeRegion = i;
  }
};

/** The physical page directory of slot's space. */
export const spacePageDirectory = (slot: number): number => spaceDirectory[slot];

/** A zeroed user frame with one reference, or 0. */
const userFrameAlloc = (): number => {
  const frame: number = frameAllocBelow(LOWMEM_LIMIT);
  if (frame === 0) return 0;
  fillBytes(physToVirt(frame), 0, PAGE_SIZE);
  frameRefs[frame / PAGE_SIZE] = 1;
  return frame;
};

/** Drops one reference to a user frame, freeing it with the last. */
const userFrameRelease = (frame: number): void => {
  const index: number = frame / PAGE_SIZE;
  frameRefs[index]--;
  if (frameRefs[index] === 0) frameFree(frame);
};

/** Makes an empty space for slot: no user mappings, the shared kernel half. False when memory is out. */
export const spaceCreate = (slot: number): boolean => {
  const directory: number = frameAllocBelow(LOWMEM_LIMIT);
  if (directory === 0) return false;
  fillBytes(physToVirt(directory), 0, USER_PDE_COUNT * 4);
  copyBytes(physToVirt(directory) + USER_PDE_COUNT * 4, physToVirt(kernelPageDirectory) + USER_PDE_COUNT * 4, (1024 - USER_PDE_COUNT) * 4);
  spaceDirectory[slot] = directory;
  spaceRegions[slot] = -1;
  return true;
};

/** Adds the region [start, end) (page-aligned) with protection and flags. False when no region slot is left. */
export const spaceAddRegion = (slot: number, start: number, end: number, flags: number): boolean => {
  if (freeRegion < 0) return false;
  const region: number = freeRegion;
  freeRegion = regionNext[region];
  regionStart[region] = start;
  regionEnd[region] = end;
  regionFlags[region] = flags;
  regionNext[region] = spaceRegions[slot];
  spaceRegions[slot] = region;
  return true;
};

/** The region of slot's space containing address, or -1. */
export const spaceFindRegion = (slot: number, address: number): number => {
  for (let region: number = spaceRegions[slot]; region >= 0; region = regionNext[region]) {
    if (address >= regionStart[region] && address < regionEnd[region]) return region;
  }
  return -1;
};

/**
 * Resolves a user fault at address: maps a zeroed page where the region
 * has none, or breaks copy-on-write sharing on a write. False when the
 * access is not allowed (no region, or a write to a read-only region) or
 * memory is out: the caller turns that into SIGSEGV or EFAULT.
 */
export const spaceResolveFault = (slot: number, address: number, write: boolean): boolean => {
  const region: number = spaceFindRegion(slot, address);
  if (region < 0) return false;
  const flags: number = regionFlags[region];
  if (write && (flags & PROT_WRITE) === 0) return false;
  if (!write && (flags & (PROT_READ | PROT_EXEC)) === 0) return false;
  const page: number = (address & ADDRESS_MASK) >>> 0;
  const directory: number = spaceDirectory[slot];
  const pte: number = walkpgdir(directory, page, true);
  if (pte === 0) return false;
  const entry: number = peek32(pte);
  const pageFlags: number = PTE_USER | ((flags & PROT_WRITE) !== 0 ? PTE_WRITABLE : 0);
  if ((entry & PTE_PRESENT) === 0) {
    const frame: number = userFrameAlloc();
    return frame !== 0 && mapPage(directory, page, frame, pageFlags);
  }
  if (!write || (entry & PTE_WRITABLE) !== 0) return false; // present and allowed: not ours to fix
  const shared: number = (entry & ADDRESS_MASK) >>> 0;
  if (frameRefs[shared / PAGE_SIZE] === 1) return mapPage(directory, page, shared, pageFlags);
  const copy: number = frameAllocBelow(LOWMEM_LIMIT);
  if (copy === 0) return false;
  copyBytes(physToVirt(copy), physToVirt(shared), PAGE_SIZE);
  frameRefs[copy / PAGE_SIZE] = 1;
  userFrameRelease(shared);
  return mapPage(directory, page, copy, pageFlags);
};

/** Maps a fresh zeroed page at a page address of slot's space and returns its kernel address, or 0. */
export const spaceMapZeroedPage = (slot: number, page: number, writable: boolean): number => {
  const frame: number = userFrameAlloc();
  if (frame === 0) return 0;
  if (!mapPage(spaceDirectory[slot], page, frame, PTE_USER | (writable ? PTE_WRITABLE : 0))) {
    userFrameRelease(frame);
    return 0;
  }
  return physToVirt(frame);
};

/**
 * Gives child a copy of parent's space: the same regions, and every mapped
 * page shared copy-on-write (writable pages become read-only in both).
 * False when memory runs out (the child's partial space is the caller's
 * to destroy).
 */
export const spaceFork = (parent: number, child: number): boolean => {
  if (!spaceCreate(child)) return false;
  for (let region: number = spaceRegions[parent]; region >= 0; region = regionNext[region]) {
    if (!spaceAddRegion(child, regionStart[region], regionEnd[region], regionFlags[region])) return false;
  }
  const from: number = physToVirt(spaceDirectory[parent]);
  for (let pde: number = 0; pde < USER_PDE_COUNT; pde++) {
    const tableEntry: number = peek32(from + pde * 4);
    if ((tableEntry & PTE_PRESENT) === 0) continue;
    const table: number = physToVirt((tableEntry & ADDRESS_MASK) >>> 0);
    for (let index: number = 0; index < 1024; index++) {
      const entry: number = peek32(table + index * 4);
      if ((entry & PTE_PRESENT) === 0) continue;
      const shared: number = (entry & ~PTE_WRITABLE) >>> 0;
      poke32(table + index * 4, shared);
      const frame: number = (entry & ADDRESS_MASK) >>> 0;
      frameRefs[frame / PAGE_SIZE]++;
      const virtual: number = pde * 0x400000 + index * PAGE_SIZE;
      if (!mapPage(spaceDirectory[child], virtual, frame, shared & 0xfff)) return false;
    }
  }
  if (readCr3() === spaceDirectory[parent]) writeCr3(spaceDirectory[parent]); // drop the stale writable TLB entries
  return true;
};

/** Unmaps and releases every user page and page table, the regions and the directory. Never on the live CR3. */
export const spaceDestroy = (slot: number): void => {
  const directory: number = spaceDirectory[slot];
  if (directory === 0) return;
  const pdes: number = physToVirt(directory);
  for (let pde: number = 0; pde < USER_PDE_COUNT; pde++) {
    const tableEntry: number = peek32(pdes + pde * 4);
    if ((tableEntry & PTE_PRESENT) === 0) continue;
    const tableFrame: number = (tableEntry & ADDRESS_MASK) >>> 0;
    const table: number = physToVirt(tableFrame);
    for (let index: number = 0; index < 1024; index++) {
      const entry: number = peek32(table + index * 4);
      if ((entry & PTE_PRESENT) !== 0) userFrameRelease((entry & ADDRESS_MASK) >>> 0);
    }
    frameFree(tableFrame);
  }
  frameFree(directory);
  spaceDirectory[slot] = 0;
  let region: number = spaceRegions[slot];
  while (region >= 0) {
    const next: number = regionNext[region];
    regionNext[region] = freeRegion;
    freeRegion = region;
    region = next;
  }
  spaceRegions[slot] = -1;
};

/** Regions in use, for leak checks. */
export const regionsInUse = (): number => {
  let free: number = 0;
  for (let region: number = freeRegion; region >= 0; region = regionNext[region]) free++;
  return MAX_VM_REGIONS - free;
};

/** Exchanges the spaces of two slots (execve swaps the new program's space in). */
export const spaceSwap = (a: number, b: number): void => {
  const directory: number = spaceDirectory[a];
  spaceDirectory[a] = spaceDirectory[b];
  spaceDirectory[b] = directory;
  const regions: number = spaceRegions[a];
  spaceRegions[a] = spaceRegions[b];
  spaceRegions[b] = regions;
};
