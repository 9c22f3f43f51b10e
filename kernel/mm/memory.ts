// Memory bring-up: hands the boot memory map below LOWMEM_LIMIT to the
// frame allocator (every kernel page and user frame is reached through the
// direct map, so the frames above it could never be used, and counting
// them would let commitments promise frames no fault could take), keeps
// what is already in use out of it (low memory, the kernel image, the boot
// modules, the kernel heap, which is sealed at its boot size), and switches
// to the kernel's own page tables.
import {
  EARLY_MAP_BYTES, KERNEL_BASE, kernelHeapEnd, kernelHeapSeal, kernelHeapStart, kernelImageEnd, kernelImageStart,
} from "../arch/i386/cpu";
import {
  availableMemoryTop, MEMORY_AVAILABLE, moduleCount, regionCount, regionTypeOf, regionBaseOf,
  regionLengthOf, moduleStartOf, moduleEndOf,
} from "../boot/multiboot";
import { framesAddAvailable, framesReserve, framesReset, pageDown } from "./frames";
import { LOWMEM_LIMIT, pagingInit } from "./paging";

/** The first MiB (real-mode IVT, BIOS data, VGA, ROMs) is never handed out. */
export const LOW_RESERVED_BYTES: number = 0x100000;

/** Builds the frame allocator from the memory map and enables the kernel page tables. */
export const memoryInit = (): void => {
  framesReset();
  for (let i: number = 0; i < regionCount; i++) {
    const length: number = Math.min(regionBaseOf(i) + regionLengthOf(i), LOWMEM_LIMIT) - regionBaseOf(i);
    if (regionTypeOf(i) === MEMORY_AVAILABLE && length > 0) framesAddAvailable(regionBaseOf(i), length);
  }
  framesReserve(0, LOW_RESERVED_BYTES);
  framesReserve(kernelImageStart() - KERNEL_BASE, kernelImageEnd() - KERNEL_BASE);
  for (let i: number = 0; i < moduleCount; i++) framesReserve(moduleStartOf(i), moduleEndOf(i));
  kernelHeapSeal();
  framesReserve(kernelHeapStart() - KERNEL_BASE, kernelHeapEnd() - KERNEL_BASE);
  pagingInit(availableMemoryTop(), EARLY_MAP_BYTES);
};

let releasedModules: number = 0; // bit i: module i's frames went back to the allocator

/** Whether boot module index still holds its frames. */
export const bootModuleHeld = (index: number): boolean => (releasedModules & (1 << index)) === 0;

const releasedBelow: Float64Array = new Float64Array(32); // per module: its frames below this physical address went back already

/**
 * Gives the whole frames of boot module index below the physical address
 * below to the allocator: the part the root file system has read (frames
 * it adopted as file pages are the allocator's already and stay in use),
 * so a machine with little RAM never holds the initrd's data twice.
 */
export const releaseBootModuleBelow = (index: number, below: number): void => {
  if (!bootModuleHeld(index)) return;
  const from: number = Math.max(moduleStartOf(index), releasedBelow[index]);
  const to: number = Math.min(pageDown(below), moduleEndOf(index));
  if (to <= from) return;
  framesAddAvailable(from, to - from);
  releasedBelow[index] = to;
};

/** Gives a boot module's whole frames to the allocator once its contents are no longer read (the initrd, after the root file system took its files). */
export const releaseBootModule = (index: number): void => {
  if (!bootModuleHeld(index)) return;
  releasedModules = (releasedModules | (1 << index)) >>> 0;
  framesAddAvailable(moduleStartOf(index), moduleEndOf(index) - moduleStartOf(index));
};
