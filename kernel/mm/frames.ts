// Physical page frames: a bitmap over the 4 GiB address space (bit set =
// in use), built from the boot memory map, with a count of free frames.
// A second bitmap marks the frames the allocator manages, so freeing a
// reserved frame (kernel image, modules) or a frame twice is refused.
// Pure logic (no hardware): tests/unit runs it under node as well.
import { PAGE_SIZE } from "../api/limits";


/** The page boundary at or below address. */
export const pageDown = (address: number): number => Math.floor(address / PAGE_SIZE) * PAGE_SIZE;

/** The page boundary at or above address. */
export const pageUp = (address: number): number => Math.ceil(address / PAGE_SIZE) * PAGE_SIZE;
export const MAX_FRAMES: number = 1048576; // 4 GiB / 4 KiB
const bitmap: Uint32Array = new Uint32Array(MAX_FRAMES / 32);
const managed: Uint32Array = new Uint32Array(MAX_FRAMES / 32);
let freeCount: number = 0;
let availableCount: number = 0;
let searchHint: number = 0; // no free frame below this bitmap word

const isUsed = (frame: number): boolean => (bitmap[frame >>> 5] & (1 << (frame & 31))) !== 0;

const isManaged = (frame: number): boolean => (managed[frame >>> 5] & (1 << (frame & 31))) !== 0;

const setManaged = (frame: number, value: boolean): void => {
  const bit: number = 1 << (frame & 31);
  managed[frame >>> 5] = (value ? managed[frame >>> 5] | bit : managed[frame >>> 5] & ~bit) >>> 0;
};

const markUsed = (frame: number): void => {
  bitmap[frame >>> 5] = (bitmap[frame >>> 5] | (1 << (frame & 31))) >>> 0;
};

const markFree = (frame: number): void => {
  bitmap[frame >>> 5] = (bitmap[frame >>> 5] & ~(1 << (frame & 31))) >>> 0;
  if (frame >>> 5 < searchHint) searchHint = frame >>> 5;
};

/** Marks everything used: the state before the memory map is applied. */
export const framesReset = (): void => {
  for (let word: number = 0; word < bitmap.length; word++) {
    bitmap[word] = 0xffffffff;
    managed[word] = 0;
  }
  freeCount = 0;
  availableCount = 0;
  searchHint = 0;
};

/** Frees every whole frame inside the physical byte range [base, base + length). */
export const framesAddAvailable = (base: number, length: number): void => {
  let frame: number = Math.ceil(base / PAGE_SIZE);
  const end: number = Math.min(Math.floor((base + length) / PAGE_SIZE), MAX_FRAMES);
  while (frame < end) {
    const word: number = frame >>> 5;
    if ((frame & 31) === 0 && frame + 32 <= end && managed[word] === 0) {
      // 32 frames at once: a 3 GiB map is 24K words, not 786K frames
      managed[word] = 0xffffffff;
      bitmap[word] = 0;
      if (word < searchHint) searchHint = word;
      freeCount += 32;
      availableCount += 32;
      frame += 32;
      continue;
    }
    if (!isManaged(frame)) {
      setManaged(frame, true);
      markFree(frame);
      freeCount++;
      availableCount++;
    }
    frame++;
  }
};

/** Takes every frame overlapping the physical byte range [start, end) out of the allocator for good. */
export const framesReserve = (start: number, end: number): void => {
  const first: number = Math.floor(start / PAGE_SIZE);
  let last: number = Math.ceil(end / PAGE_SIZE);
  if (last > MAX_FRAMES) last = MAX_FRAMES;
  for (let frame: number = first; frame < last; frame++) {
    if (!isManaged(frame)) continue;
    if (!isUsed(frame)) freeCount--;
    setManaged(frame, false);
    markUsed(frame);
    availableCount--;
  }
};

/** Allocates the lowest free frame below limit (a physical address); returns its address, or 0 when none is free. */
export const frameAllocBelow = (limit: number): number => {
  const limitFrame: number = Math.min(Math.floor(limit / PAGE_SIZE), MAX_FRAMES);
  for (let word: number = searchHint; word * 32 < limitFrame; word++) {
    if (bitmap[word] === 0xffffffff) {
      searchHint = word + 1;
      continue;
    }
    const lowestClear: number = ~bitmap[word] & (bitmap[word] + 1);
    const frame: number = word * 32 + (31 - Math.clz32(lowestClear));
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
  const limitFrame: number = Math.min(Math.floor(limit / PAGE_SIZE), MAX_FRAMES);
  let runStart: number = 0;
  let runLength: number = 0;
  let frame: number = Math.max(1, searchHint * 32);
  while (frame < limitFrame) {
    if ((frame & 31) === 0 && bitmap[frame >>> 5] === 0xffffffff) {
      runLength = 0; // a whole word of used frames: exec calls this per program, so skip it at once
      frame += 32;
      continue;
    }
    if (isUsed(frame)) {
      runLength = 0;
    } else {
      if (runLength === 0) runStart = frame;
      runLength++;
      if (runLength === count) {
        for (let f: number = runStart; f < runStart + count; f++) markUsed(f);
        freeCount -= count;
        return runStart * PAGE_SIZE;
      }
    }
    frame++;
  }
  return 0;
};

/** Returns a frame; false (and nothing changes) if it was not allocated or is not a frame address. */
export const frameFree = (address: number): boolean => {
  if (address % PAGE_SIZE !== 0 || address < 0 || address >= MAX_FRAMES * PAGE_SIZE) return false;
  const frame: number = address / PAGE_SIZE;
  if (!isManaged(frame) || !isUsed(frame)) return false;
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
  return frame < MAX_FRAMES && isManaged(frame) && !isUsed(frame);
};
