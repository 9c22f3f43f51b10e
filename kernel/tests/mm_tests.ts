// Memory tests (test=mm): the frame allocator against the memory map,
// exhaustion and return of every frame, kernel page mappings, CR0.WP, which
// kernel pages are executable, and the kernel pools.
import {
  cpuHasNx, cpuHasPae, KERNEL_BASE, kernelHeapEnd, kernelHeapStart, kernelImageEnd, kernelImageStart, kernelReadOnlyEnd,
  kernelTextEnd, readCr0,
} from "../arch/i386/cpu";
import { peek32, poke32 } from "../arch/i386/io";
import {
  FOUR_GIB, MEMORY_AVAILABLE, moduleCount, regionCount, regionTypeOf, regionBaseOf, regionLengthOf,
  moduleStartOf, moduleEndOf,
} from "../boot/multiboot";
import { frameAllocBelow, frameFree, framesAvailable, framesFree } from "../mm/frames";
import { kpageAlloc, kpageFree, kpagesInUse, poolAlloc, poolAvailable, poolCreate, poolFree, poolSize } from "../mm/kheap";
import { bootModuleHeld, LOW_RESERVED_BYTES } from "../mm/memory";
import {
  kernelPageDirectory, KERNEL_WINDOW_BASE, LOWMEM_LIMIT, mapPage, pageFlags, pageNoExecute, pagingNoExecute, pagingPae,
  physToVirt, PTE_WRITABLE, translate, unmapPage,
} from "../mm/paging";
import {
  regionsInUse, spaceAddRegion, spaceCreate, spaceDestroy, spaceFork, spaceMapZeroedPage,
  spacePageDirectory, spaceResolveFault,
} from "../mm/space";
import { kprint, kprintDecimal, kprintln } from "../devices/console";
import { ktest } from "../debug/ktest";
import { PROT_READ, PROT_WRITE } from "../api/abi";
import { PAGE_SIZE } from "../api/limits";

// The frames testAllocateAndFreeAll took, as runs of consecutive frames:
// the allocator hands out the lowest free frame, so there are as many runs
// as holes in free memory, not one entry per frame.
const MAX_RUNS: number = 4096;
const runFirst: Uint32Array = new Uint32Array(MAX_RUNS);
const runFrames: Uint32Array = new Uint32Array(MAX_RUNS);

/** Frames in [first, end) that overlap the physical byte range [start, stop). */
const overlapFrames = (first: number, end: number, start: number, stop: number): number => {
  const from: number = Math.max(first, Math.floor(start / PAGE_SIZE));
  const to: number = Math.min(end, Math.ceil(stop / PAGE_SIZE));
  return to > from ? to - from : 0;
};

/**
 * Frames of the memory map's available regions below LOWMEM_LIMIT minus those the kernel
 * keeps (low memory, its image, its heap, the modules it still holds), counted by range arithmetic,
 * independently of mm/frames. The reserved ranges do not overlap each other.
 */
const expectedAvailableFrames = (): number => {
  let frames: number = 0;
  for (let i: number = 0; i < regionCount; i++) {
    if (regionTypeOf(i) !== MEMORY_AVAILABLE) continue;
    const first: number = Math.ceil(regionBaseOf(i) / PAGE_SIZE);
    const end: number = Math.floor(Math.min(regionBaseOf(i) + regionLengthOf(i), LOWMEM_LIMIT) / PAGE_SIZE);
    if (end <= first) continue;
    frames += end - first;
    frames -= overlapFrames(first, end, 0, LOW_RESERVED_BYTES);
    frames -= overlapFrames(first, end, kernelImageStart() - KERNEL_BASE, kernelImageEnd() - KERNEL_BASE);
    frames -= overlapFrames(first, end, kernelHeapStart() - KERNEL_BASE, kernelHeapEnd() - KERNEL_BASE);
    for (let m: number = 0; m < moduleCount; m++) {
      if (bootModuleHeld(m)) frames -= overlapFrames(first, end, moduleStartOf(m), moduleEndOf(m));
    }
  }
  return frames;
};

const testFramesMatchMemoryMap = (): void => {
  const expected: number = expectedAvailableFrames();
  kprint("frames: ");
  kprintDecimal(framesAvailable());
  kprint(" available, ");
  kprintDecimal(expected);
  kprintln(" expected from the memory map");
  ktest("frames-match-memory-map", framesAvailable() === expected, "available frame count differs from the map");
};

/**
 * Allocates every free frame (each once: the allocator hands out the lowest
 * free frame, so addresses must rise strictly), checks exhaustion, frees
 * exactly those frames, and compares the counts.
 */
const testAllocateAndFreeAll = (): void => {
  const before: number = framesFree();
  let allocated: number = 0;
  let runs: number = 0;
  let ordered: boolean = true;
  let previous: number = 0;
  for (let frame: number = frameAllocBelow(FOUR_GIB); frame !== 0; frame = frameAllocBelow(FOUR_GIB)) {
    const index: number = frame / PAGE_SIZE;
    if (allocated > 0 && frame <= previous) ordered = false;
    if (runs > 0 && index === runFirst[runs - 1] + runFrames[runs - 1]) runFrames[runs - 1]++;
    else if (runs < MAX_RUNS) {
      runFirst[runs] = index;
      runFrames[runs] = 1;
      runs++;
    } else ordered = false; // more holes than runs to record them
    previous = frame;
    allocated++;
  }
  ktest("frames-allocate-all", allocated === before && framesFree() === 0 && ordered, "allocation count or order wrong");
  let freed: number = 0;
  for (let run: number = 0; run < runs; run++) {
    for (let i: number = 0; i < runFrames[run]; i++) {
      if (frameFree((runFirst[run] + i) * PAGE_SIZE)) freed++;
    }
  }
  const firstFrame: number = runs > 0 ? runFirst[0] * PAGE_SIZE : 0;
  ktest("frames-free-all", freed === before && framesFree() === before, "free count did not return to its start value");
  ktest("frames-double-free-refused", runs > 0 && !frameFree(firstFrame) && !frameFree(kernelImageStart() - KERNEL_BASE), "freed a frame twice or a reserved frame");
};

const testKernelMapping = (): void => {
  const page: number = KERNEL_WINDOW_BASE + 16 * PAGE_SIZE;
  const frame: number = frameAllocBelow(FOUR_GIB);
  ktest("map-page", mapPage(kernelPageDirectory, page, frame, PTE_WRITABLE) && translate(kernelPageDirectory, page + 8) === frame + 8, "mapping missing");
  poke32(page + 8, 0xdeadbeef);
  ktest("map-write-read", peek32(page + 8) === 0xdeadbeef, "read back a different value");
  ktest("unmap-page", unmapPage(kernelPageDirectory, page) === frame && translate(kernelPageDirectory, page) === -1, "still mapped");
  frameFree(frame);
  ktest("cr0-write-protect", (readCr0() & 0x10000) !== 0, "CR0.WP is off");
  ktest("kernel-text-read-only", (pageFlags(kernelPageDirectory, kernelImageStart() + PAGE_SIZE) & PTE_WRITABLE) === 0, "kernel text is writable");
};

/** Only kernel text may run (where NX exists): read-only data, data, the heap and new mappings may not. */
const testKernelNoExecute = (): void => {
  const kernel: number = kernelPageDirectory;
  ktest("paging-format-from-cpuid", pagingPae === cpuHasPae() && pagingNoExecute === (pagingPae && cpuHasNx()), "PAE or NX not used as CPUID says");
  ktest("kernel-text-executable", !pageNoExecute(kernel, kernelImageStart() + PAGE_SIZE) && !pageNoExecute(kernel, kernelTextEnd() - PAGE_SIZE), "kernel text has NX");
  const rodata: number = kernelTextEnd();
  const rodataOk: boolean = (pageFlags(kernel, rodata) & PTE_WRITABLE) === 0 && pageNoExecute(kernel, rodata) === pagingNoExecute;
  ktest("kernel-rodata-read-only-no-execute", rodataOk, "read-only data writable or executable");
  const dataOk: boolean = pageNoExecute(kernel, kernelReadOnlyEnd()) === pagingNoExecute && pageNoExecute(kernel, kernelHeapStart()) === pagingNoExecute;
  ktest("kernel-data-no-execute", dataOk, "kernel data or heap executable");
  const page: number = KERNEL_WINDOW_BASE + 16 * PAGE_SIZE;
  const frame: number = frameAllocBelow(FOUR_GIB);
  mapPage(kernel, page, frame, PTE_WRITABLE);
  ktest("kernel-mapping-no-execute", pageNoExecute(kernel, page) === pagingNoExecute, "a new kernel mapping is executable");
  unmapPage(kernel, page);
  frameFree(frame);
};

const testPools = (): void => {
  const pool: number = poolCreate(100, 300);
  let first: number = 0;
  let allDistinct: boolean = true;
  let previous: number = 0;
  for (let i: number = 0; i < poolSize(pool); i++) {
    const object: number = poolAlloc(pool);
    if (object === 0 || object === previous) allDistinct = false;
    if (i === 0) first = object;
    previous = object;
  }
  ktest("pool-exhausts", allDistinct && poolAlloc(pool) === 0 && poolAvailable(pool) === 0, "pool handed out too many or duplicate objects");
  ktest("pool-double-free-refused", poolFree(pool, first) && !poolFree(pool, first) && !poolFree(pool, first + 4), "bad free accepted");
  ktest("pool-reuse", poolAlloc(pool) === first, "freed object not reused");
  const pagesBefore: number = kpagesInUse();
  const freeBefore: number = framesFree();
  const page: number = kpageAlloc();
  ktest("kpage-alloc", page !== 0 && page % PAGE_SIZE === 0 && kpagesInUse() === pagesBefore + 1 && peek32(page + 100) === 0, "bad page");
  ktest("kpage-free", kpageFree(page) && !kpageFree(page) && framesFree() === freeBefore && kpagesInUse() === pagesBefore, "page not returned");
};

/**
 * Copy-on-write at the page-table level: after spaceFork both spaces map
 * the same frame read-only; a write fault in the child gives it a copy and
 * leaves the parent's frame and contents alone; destroying both returns
 * every frame.
 */
const testCopyOnWriteSharing = (): void => {
  const parent: number = 0;
  const child: number = 1;
  const page: number = 0x10000000;
  const freeBefore: number = framesFree();
  spaceCreate(parent);
  const region: number = spaceAddRegion(parent, page, page + PAGE_SIZE, PROT_READ | PROT_WRITE);
  const parentPage: number = spaceMapZeroedPage(parent, region, page);
  poke32(parentPage, 0x11111111);
  const forked: boolean = spaceFork(parent, child);
  const shared: number = translate(spacePageDirectory(parent), page);
  ktest("cow-frame-shared-after-fork", forked && shared === translate(spacePageDirectory(child), page), "child maps another frame");
  ktest("cow-shared-read-only", (pageFlags(spacePageDirectory(child), page) & PTE_WRITABLE) === 0 && (pageFlags(spacePageDirectory(parent), page) & PTE_WRITABLE) === 0, "shared page writable");
  ktest("cow-shared-no-execute", pageNoExecute(spacePageDirectory(child), page) === pagingNoExecute && pageNoExecute(spacePageDirectory(parent), page) === pagingNoExecute, "fork lost NX");
  const resolved: boolean = spaceResolveFault(child, page, true);
  const copy: number = translate(spacePageDirectory(child), page);
  ktest("cow-write-copies", resolved && copy !== shared && peek32(physToVirt(copy)) === 0x11111111, "no private copy on write");
  poke32(physToVirt(copy), 0x22222222);
  ktest("cow-parent-unchanged", peek32(physToVirt(shared)) === 0x11111111, "parent saw the child's write");
  ktest("cow-last-sharer-writes-in-place", spaceResolveFault(parent, page, true) && translate(spacePageDirectory(parent), page) === shared, "parent copied a frame it no longer shares");
  spaceDestroy(child);
  spaceDestroy(parent);
  ktest("cow-spaces-freed", framesFree() === freeBefore && regionsInUse() === 0, "frames or regions leaked");
};

/** Runs the memory test set. */
export const runMemoryTests = (): void => {
  testFramesMatchMemoryMap();
  testAllocateAndFreeAll();
  testKernelMapping();
  testKernelNoExecute();
  testPools();
  testCopyOnWriteSharing();
};
