// Kernel memory: whole pages, and fixed-size object pools carved at boot
// from contiguous pages. Both keep intrusive free lists (the first word of
// a free page or object links to the next), so nothing is allocated from
// porffor's heap after boot. All of it is lowmem, reached through the
// direct map.
import { fillBytes, peek32, poke32 } from "../arch/i386/io";
import { frameAllocBelow, frameAllocBeyondReserve, frameAllocContiguous, frameFree, framesAdopt } from "./frames";
import { KERNEL_BASE } from "../arch/i386/cpu";
import { LOWMEM_LIMIT, physToVirt } from "./paging";
import { PAGE_SIZE } from "../api/limits";

const MAX_POOLS: number = 32;
const MAX_POOL_OBJECTS: number = 65536;
const objectInUse: Uint8Array = new Uint8Array(MAX_POOL_OBJECTS); // per object of every pool, to refuse double frees
const poolFirstSlot: Uint32Array = new Uint32Array(MAX_POOLS);
let slotsUsed: number = 0;
const poolBase: Uint32Array = new Uint32Array(MAX_POOLS);
const poolObjectSize: Uint32Array = new Uint32Array(MAX_POOLS);
const poolCapacity: Uint32Array = new Uint32Array(MAX_POOLS);
const poolFreeHead: Uint32Array = new Uint32Array(MAX_POOLS);
const poolFreeCount: Uint32Array = new Uint32Array(MAX_POOLS);
let poolCount: number = 0;
let pagesInUse: number = 0;

/** A zeroed page of kernel memory (its kernel virtual address), or 0 when memory is exhausted. */
export const kpageAlloc = (): number => kpageAt(frameAllocBelow(LOWMEM_LIMIT));

/** kpageAlloc for file data, which users grow: 0 rather than a frame of the kernel's reserve or a committed one. */
export const kpageAllocBeyondReserve = (): number => kpageAt(frameAllocBeyondReserve(LOWMEM_LIMIT));

/** Zeroes and counts the just-allocated frame at physical as a kernel page; 0 stays 0. */
const kpageAt = (physical: number): number => {
  if (physical === 0) return 0;
  const page: number = physToVirt(physical);
  fillBytes(page, 0, PAGE_SIZE);
  pagesInUse++;
  return page;
};

/**
 * Makes count pages from kernel address first, held since boot outside the
 * allocator (a boot module's), kernel pages as if kpageAlloc had given
 * them, contents kept; kpageFree returns each.
 */
export const kpagesAdopt = (first: number, count: number): void => {
  framesAdopt(first - KERNEL_BASE, count * PAGE_SIZE);
  pagesInUse += count;
};

/** Returns a page from kpageAlloc; false when page was not one. */
export const kpageFree = (page: number): boolean => {
  if (!frameFree(page - KERNEL_BASE)) return false;
  pagesInUse--;
  return true;
};

/**
 * Stops counting page as kernel memory without freeing its frame: a file
 * page still mapped in user space, which the last unmap frees as a user frame.
 */
export const kpageForget = (page: number): void => {
  pagesInUse--;
};

/** Pages handed out by kpageAlloc and not yet returned. */
export const kpagesInUse = (): number => pagesInUse;

/**
 * Creates a pool of capacity objects of objectSize bytes (rounded up to 4).
 * Boot time only. Returns the pool id, or -1 when memory or pool slots run out.
 */
export const poolCreate = (objectSize: number, capacity: number): number => {
  if (poolCount === MAX_POOLS || slotsUsed + capacity > MAX_POOL_OBJECTS) return -1;
  const size: number = Math.ceil(objectSize / 4) * 4;
  const physical: number = frameAllocContiguous(Math.ceil((size * capacity) / PAGE_SIZE), LOWMEM_LIMIT);
  if (physical === 0) return -1;
  const id: number = poolCount;
  poolCount++;
  poolBase[id] = physToVirt(physical);
  poolObjectSize[id] = size;
  poolCapacity[id] = capacity;
  poolFreeHead[id] = 0;
  poolFirstSlot[id] = slotsUsed;
  slotsUsed += capacity;
  for (let i: number = capacity - 1; i >= 0; i--) {
    const object: number = poolBase[id] + i * size;
    poke32(object, poolFreeHead[id]);
    poolFreeHead[id] = object;
  }
  poolFreeCount[id] = capacity;
  return id;
};

/** A zeroed object from the pool, or 0 when it is empty. */
export const poolAlloc = (pool: number): number => {
  const object: number = poolFreeHead[pool];
  if (object === 0) return 0;
  poolFreeHead[pool] = peek32(object);
  poolFreeCount[pool]--;
  objectInUse[slotOf(pool, object)] = 1;
  fillBytes(object, 0, poolObjectSize[pool]);
  return object;
};

/** True when object is the start of an object of the pool. */
const poolOwns = (pool: number, object: number): boolean => {
  const offset: number = object - poolBase[pool];
  return offset >= 0 && offset < poolCapacity[pool] * poolObjectSize[pool] && offset % poolObjectSize[pool] === 0;
};

const slotOf = (pool: number, object: number): number =>
  poolFirstSlot[pool] + (object - poolBase[pool]) / poolObjectSize[pool];

/** Returns an object to its pool; false when it is not an allocated object of the pool. */
export const poolFree = (pool: number, object: number): boolean => {
  if (!poolOwns(pool, object) || objectInUse[slotOf(pool, object)] === 0) return false;
  objectInUse[slotOf(pool, object)] = 0;
  poke32(object, poolFreeHead[pool]);
  poolFreeHead[pool] = object;
  poolFreeCount[pool]++;
  return true;
};

/** Objects available in the pool. */
export const poolAvailable = (pool: number): number => poolFreeCount[pool];

/** Objects the pool holds in all. */
export const poolSize = (pool: number): number => poolCapacity[pool];
