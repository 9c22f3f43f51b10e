// Physical page frames: a bitmap over the 4 GiB address space (bit set =
// free), built from the boot memory map, with a count of free frames.
// A second bitmap marks the frames the allocator manages, so freeing a
// reserved frame (kernel image, modules) or a frame twice is refused.
// Both start zeroed (nothing managed, nothing free), so only the words a
// memory map ever touched need clearing, and the map's ranges are applied
// and reserved a word (32 frames) at a time: the boot's cost follows the
// number of ranges, not of frames.
//
// Commitments: anonymous user memory is promised when it is mapped (mmap,
// fork's copy-on-write, exec's stack), and taken when it is faulted in, so
// running out shows as ENOMEM from the call that asked, never as a fault
// later. Committed frames stay free until taken, but no other allocation
// may use them; below them, kernelReserveFrames() are the kernel's own.
// Pure logic (no hardware): tests/unit runs it under node as well.
import { PAGE_SIZE } from "../api/limits";


/** The page boundary at or below address. */
export const pageDown = (address: number): number => Math.floor(address / PAGE_SIZE) * PAGE_SIZE;

/** The page boundary at or above address. */
export const pageUp = (address: number): number => Math.ceil(address / PAGE_SIZE) * PAGE_SIZE;
export const MAX_FRAMES: number = 1048576; // 4 GiB / 4 KiB
const freeBits: Uint32Array = new Uint32Array(MAX_FRAMES / 32);
const managed: Uint32Array = new Uint32Array(MAX_FRAMES / 32);
let touchedWords: number = 0; // words from here up are zero in both bitmaps
let freeCount: number = 0;
let availableCount: number = 0;
let searchHint: number = 0; // no free frame below this bitmap word
let committedCount: number = 0; // free frames promised to user memory, not yet taken

/**
 * Free frames that neither a commitment nor a file page may take: the
 * kernel's own page tables, kernel stacks, pipe, fd-table and protected
 * pages come from here once user memory is full, so the kernel can still
 * fork, map the page tables of committed pages and move pipe data. 4.5 MiB:
 * 64 processes' root, 2 page directories (PAE: the first gigabyte, with
 * the program, and the third, with the stack), 4 page tables, protected
 * page, fd table and 3 kernel stack pages (768 frames) and 384 pipe pages.
 * A small machine keeps an eighth of its memory instead: on 32 MiB, with
 * the kernel heap and the initrd resident, 4.5 MiB would leave too little
 * to start init's shells.
 */
export const KERNEL_RESERVE_FRAMES: number = 1152;

/** The reserve for the memory the map made available. */
export const kernelReserveFrames = (): number => Math.min(KERNEL_RESERVE_FRAMES, Math.floor(availableCount / 8));

const isFree = (frame: number): boolean => (freeBits[frame >>> 5] & (1 << (frame & 31))) !== 0;

const isManaged = (frame: number): boolean => (managed[frame >>> 5] & (1 << (frame & 31))) !== 0;

const setManaged = (frame: number, value: boolean): void => {
  const bit: number = 1 << (frame & 31);
  managed[frame >>> 5] = (value ? managed[frame >>> 5] | bit : managed[frame >>> 5] & ~bit) >>> 0;
};

const markUsed = (frame: number): void => {
  freeBits[frame >>> 5] = (freeBits[frame >>> 5] & ~(1 << (frame & 31))) >>> 0;
};

const markFree = (frame: number): void => {
  freeBits[frame >>> 5] = (freeBits[frame >>> 5] | (1 << (frame & 31))) >>> 0;
  if (frame >>> 5 < searchHint) searchHint = frame >>> 5;
};

/** The number of bits set in a 32-bit word. */
const bitCount = (word: number): number => {
  let v: number = (word - ((word >>> 1) & 0x55555555)) >>> 0;
  v = ((v & 0x33333333) + ((v >>> 2) & 0x33333333)) >>> 0;
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  v = v + (v >>> 8);
  v = v + (v >>> 16);
  return v & 0x3f;
};

/** Marks everything unmanaged and used: the state before the memory map is applied. */
export const framesReset = (): void => {
  for (let word: number = 0; word < touchedWords; word++) {
    freeBits[word] = 0;
    managed[word] = 0;
  }
  touchedWords = 0;
  freeCount = 0;
  availableCount = 0;
  searchHint = 0;
  committedCount = 0;
};

/** Frees every whole frame inside the physical byte range [base, base + length). */
export const framesAddAvailable = (base: number, length: number): void => manage(base, length, true);

/**
 * Gives the allocator the whole frames of [base, base + length) as in use:
 * pages the kernel holds since boot (a boot module's), which frameFree
 * returns like any other once they are no longer needed.
 */
export const framesAdopt = (base: number, length: number): void => manage(base, length, false);

/** Makes the unmanaged whole frames of [base, base + length) managed, free or in use. */
const manage = (base: number, length: number, free: boolean): void => {
  let frame: number = Math.ceil(base / PAGE_SIZE);
  const end: number = Math.min(Math.floor((base + length) / PAGE_SIZE), MAX_FRAMES);
  if (frame < end) touchedWords = Math.max(touchedWords, ((end - 1) >>> 5) + 1);
  while (frame < end) {
    const word: number = frame >>> 5;
    if ((frame & 31) === 0 && frame + 32 <= end && managed[word] === 0) {
      managed[word] = 0xffffffff;
      availableCount += 32;
      if (free) {
        freeBits[word] = 0xffffffff;
        if (word < searchHint) searchHint = word;
        freeCount += 32;
      }
      frame += 32;
      continue;
    }
    if (!isManaged(frame)) {
      setManaged(frame, true);
      availableCount++;
      if (free) {
        markFree(frame);
        freeCount++;
      }
    }
    frame++;
  }
};

/** Takes every frame overlapping the physical byte range [start, end) out of the allocator for good. */
export const framesReserve = (start: number, end: number): void => {
  let frame: number = Math.floor(start / PAGE_SIZE);
  const last: number = Math.min(Math.ceil(end / PAGE_SIZE), MAX_FRAMES, touchedWords * 32);
  while (frame < last) {
    const word: number = frame >>> 5;
    if ((frame & 31) === 0 && frame + 32 <= last) {
      freeCount -= bitCount(freeBits[word]);
      availableCount -= bitCount(managed[word]);
      freeBits[word] = 0;
      managed[word] = 0;
      frame += 32;
      continue;
    }
    if (isManaged(frame)) {
      if (isFree(frame)) freeCount--;
      setManaged(frame, false);
      markUsed(frame);
      availableCount--;
    }
    frame++;
  }
};

/**
 * Allocates the lowest free frame below limit (a physical address) for the
 * kernel's own use, reserve included; returns its address, or 0 when every
 * free frame is committed.
 */
export const frameAllocBelow = (limit: number): number => freeCount > committedCount ? lowestFreeBelow(limit) : 0;

/** A frame below limit for user memory nothing committed (a file page, a MAP_NORESERVE page), or 0: never the reserve. */
export const frameAllocBeyondReserve = (limit: number): number => framesCommittable() > 0 ? lowestFreeBelow(limit) : 0;

/** Takes one committed frame below limit: the commitment shrinks by one. 0 (commitment kept) when none is below limit. */
export const frameAllocCommitted = (limit: number): number => {
  const frame: number = lowestFreeBelow(limit);
  if (frame !== 0) committedCount--;
  return frame;
};

/** Free frames a new commitment or file page may take: free, less those committed, less the kernel's reserve. */
export const framesCommittable = (): number => Math.max(0, freeCount - committedCount - kernelReserveFrames());

/** Promises count free frames to user memory; false (nothing promised) when framesCommittable() is short. */
export const framesCommit = (count: number): boolean => {
  if (count > framesCommittable()) return false;
  committedCount += count;
  return true;
};

/** Gives back count promised frames that will not be taken (unmap, exit, exec). */
export const framesUncommit = (count: number): void => {
  committedCount -= count;
};

/** Frames promised and not yet taken (the leak check wants 0 once every process is gone). */
export const framesCommitted = (): number => committedCount;

/** Marks the lowest free frame below limit used and returns its address, or 0 when none is free below limit. */
const lowestFreeBelow = (limit: number): number => {
  const limitFrame: number = Math.min(Math.floor(limit / PAGE_SIZE), MAX_FRAMES);
  for (let word: number = searchHint; word * 32 < limitFrame; word++) {
    if (freeBits[word] === 0) {
      searchHint = word + 1;
      continue;
    }
    const lowestSet: number = freeBits[word] & -freeBits[word];
    const frame: number = word * 32 + (31 - Math.clz32(lowestSet));
    if (frame >= limitFrame) return 0;
    markUsed(frame);
    freeCount--;
    return frame * PAGE_SIZE;
  }
  return 0;
};

/**
 * Allocates count physically contiguous frames below limit (kernel pools
 * at boot, program snapshots at exec); returns the first address, or 0.
 */
export const frameAllocContiguous = (count: number, limit: number): number => {
  if (freeCount - committedCount < count) return 0;
  const limitFrame: number = Math.min(Math.floor(limit / PAGE_SIZE), MAX_FRAMES);
  let runStart: number = 0;
  let runLength: number = 0;
  let frame: number = Math.max(1, searchHint * 32);
  while (frame < limitFrame) {
    const whole: boolean = (frame & 31) === 0 && frame + 32 <= limitFrame;
    if (whole && freeBits[frame >>> 5] === 0) {
      runLength = 0; // a whole word of used frames: exec calls this per program, so skip it at once
      frame += 32;
      continue;
    }
    if (whole && freeBits[frame >>> 5] === 0xffffffff && runLength + 32 <= count) {
      if (runLength === 0) runStart = frame;
      runLength += 32;
      frame += 32;
    } else if (!isFree(frame)) {
      runLength = 0;
      frame++;
    } else {
      if (runLength === 0) runStart = frame;
      runLength++;
      frame++;
    }
    if (runLength === count) {
      takeRun(runStart, count);
      return runStart * PAGE_SIZE;
    }
  }
  return 0;
};

/** Marks the free frames [first, first + count) used, a word at a time where it can. */
const takeRun = (first: number, count: number): void => {
  const end: number = first + count;
  let frame: number = first;
  while (frame < end) {
    if ((frame & 31) === 0 && frame + 32 <= end) {
      freeBits[frame >>> 5] = 0;
      frame += 32;
      continue;
    }
    markUsed(frame);
    frame++;
  }
  freeCount -= count;
};

/** Returns a frame; false (and nothing changes) if it was not allocated or is not a frame address. */
export const frameFree = (address: number): boolean => {
  if (address % PAGE_SIZE !== 0 || address < 0 || address >= MAX_FRAMES * PAGE_SIZE) return false;
  const frame: number = address / PAGE_SIZE;
  if (!isManaged(frame) || isFree(frame)) return false;
  markFree(frame);
  freeCount++;
  return true;
};

/** Frames free right now. */
export const framesFree = (): number => freeCount;

/** Frames the memory map made available, minus the reserved ones. */
export const framesAvailable = (): number => availableCount;

/** True when the frame at address is managed and free. */
export const frameIsFree = (address: number): boolean => {
  const frame: number = Math.floor(address / PAGE_SIZE);
  return frame < MAX_FRAMES && isManaged(frame) && isFree(frame);
};
