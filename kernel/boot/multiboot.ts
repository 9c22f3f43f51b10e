// The multiboot (v1) information the boot loader hands us: memory map,
// command line and modules, copied into kernel tables at boot so that later
// code never reads loader memory again.
import { peek8, peek32 } from "../arch/i386/io";
import { EARLY_MAP_BYTES, KERNEL_BASE } from "../arch/i386/cpu";

export const MULTIBOOT_BOOTLOADER_MAGIC: number = 0x2badb002;

const FLAG_MEMORY: number = 1 << 0;
const FLAG_CMDLINE: number = 1 << 2;
const FLAG_MODULES: number = 1 << 3;
const FLAG_MEMORY_MAP: number = 1 << 6;

export const MEMORY_AVAILABLE: number = 1;
const MAX_REGIONS: number = 64;
const MAX_MODULES: number = 16;
const CMDLINE_MAX: number = 1024;
const MODULE_NAME_MAX: number = 128;
export const FOUR_GIB: number = 4294967296;

/** The memory map: physical base, length (bytes, below 4 GiB) and type of each region. */
const regionBase: Float64Array = new Float64Array(MAX_REGIONS);
const regionLength: Float64Array = new Float64Array(MAX_REGIONS);
const regionType: Uint32Array = new Uint32Array(MAX_REGIONS);
export let regionCount: number = 0;

/** The kernel command line. */
export const cmdline: Uint8Array = new Uint8Array(CMDLINE_MAX);
export let cmdlineLength: number = 0;

/** Boot modules: physical [start, end) and the loader's string for each. */
const moduleStart: Uint32Array = new Uint32Array(MAX_MODULES);
const moduleEnd: Uint32Array = new Uint32Array(MAX_MODULES);
export const moduleName: Uint8Array = new Uint8Array(MAX_MODULES * MODULE_NAME_MAX);
const moduleNameLength: Uint32Array = new Uint32Array(MAX_MODULES);
export let moduleCount: number = 0;

// The tables above belong to this file: every other file reads a field
// through its accessor (fieldOf) and writes it through its setter.
export const regionBaseOf = (region: number): number => regionBase[region];
export const regionLengthOf = (region: number): number => regionLength[region];
export const regionTypeOf = (region: number): number => regionType[region];
export const moduleStartOf = (module: number): number => moduleStart[module];
export const moduleEndOf = (module: number): number => moduleEnd[module];
export const moduleNameLengthOf = (module: number): number => moduleNameLength[module];

/** Kernel virtual address of a physical address in the boot mapping, or 0 if outside it. */
export const earlyPhysToVirt = (physical: number): number => {
  if (physical >= EARLY_MAP_BYTES) return 0;
  return KERNEL_BASE + physical;
};

/** Copies a NUL-terminated loader string into out; returns its length. */
const copyLoaderString = (physical: number, out: Uint8Array, offset: number, max: number): number => {
  const address: number = earlyPhysToVirt(physical);
  if (address === 0) return 0;
  let length: number = 0;
  while (length < max) {
    const c: number = peek8(address + length);
    if (c === 0) break;
    out[offset + length] = c;
    length++;
  }
  return length;
};

const readMemoryMap = (mapPhysical: number, mapLength: number): void => {
  const map: number = earlyPhysToVirt(mapPhysical);
  if (map === 0) return;
  let offset: number = 0;
  while (offset < mapLength && regionCount < MAX_REGIONS) {
    const entry: number = map + offset;
    const size: number = peek32(entry);
    const base: number = peek32(entry + 4) + peek32(entry + 8) * FOUR_GIB;
    let length: number = peek32(entry + 12) + peek32(entry + 16) * FOUR_GIB;
    offset += size + 4;
    if (base >= FOUR_GIB) continue; // not addressable without PAE
    if (base + length > FOUR_GIB) length = FOUR_GIB - base;
    regionBase[regionCount] = base;
    regionLength[regionCount] = length;
    regionType[regionCount] = peek32(entry + 20);
    regionCount++;
  }
};

/** Without a memory map, mem_lower/mem_upper (KiB) still describe RAM. */
const useBasicMemoryInfo = (info: number): void => {
  regionBase[0] = 0;
  regionLength[0] = peek32(info + 4) * 1024;
  regionType[0] = MEMORY_AVAILABLE;
  regionBase[1] = 0x100000;
  regionLength[1] = peek32(info + 8) * 1024;
  regionType[1] = MEMORY_AVAILABLE;
  regionCount = 2;
};

const readModules = (modulesPhysical: number, count: number): void => {
  const modules: number = earlyPhysToVirt(modulesPhysical);
  if (modules === 0) return;
  for (let i: number = 0; i < count && i < MAX_MODULES; i++) {
    const entry: number = modules + i * 16;
    moduleStart[i] = peek32(entry);
    moduleEnd[i] = peek32(entry + 4);
    moduleNameLength[i] = copyLoaderString(peek32(entry + 8), moduleName, i * MODULE_NAME_MAX, MODULE_NAME_MAX);
    moduleCount = i + 1;
  }
};

/** Copies what the kernel needs out of the multiboot information at infoPhysical. */
export const parseMultiboot = (infoPhysical: number): void => {
  const info: number = earlyPhysToVirt(infoPhysical);
  if (info === 0) return;
  const flags: number = peek32(info);
  if ((flags & FLAG_MEMORY_MAP) !== 0) readMemoryMap(peek32(info + 48), peek32(info + 44));
  else if ((flags & FLAG_MEMORY) !== 0) useBasicMemoryInfo(info);
  if ((flags & FLAG_CMDLINE) !== 0) cmdlineLength = copyLoaderString(peek32(info + 16), cmdline, 0, CMDLINE_MAX);
  if ((flags & FLAG_MODULES) !== 0) readModules(peek32(info + 24), peek32(info + 20));
};

/** Bytes of RAM the memory map marks available. */
export const usableMemoryBytes = (): number => {
  let total: number = 0;
  for (let i: number = 0; i < regionCount; i++) {
    if (regionType[i] === MEMORY_AVAILABLE) total += regionLength[i];
  }
  return total;
};

/** End of the highest available region: the extent of RAM below 4 GiB. */
export const availableMemoryTop = (): number => {
  let top: number = 0;
  for (let i: number = 0; i < regionCount; i++) {
    const end: number = regionBase[i] + regionLength[i];
    if (regionType[i] === MEMORY_AVAILABLE && end > top) top = end;
  }
  return top;
};

/** Installed RAM in MiB: availableMemoryTop rounded up to a MiB. */
export const installedMemoryMiB = (): number => Math.ceil(availableMemoryTop() / 1048576);

/** Byte offset of module i's name inside moduleName. */
export const moduleNameOffset = (i: number): number => i * MODULE_NAME_MAX;
