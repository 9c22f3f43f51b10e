// The inode table: every file the kernel knows (ramfs files and
// directories, device nodes, FIFOs, pipes, procfs nodes) is a slot here.
// A slot lives while it has links (names in a directory) or references
// (descriptions, cwds, roots, a path walk in progress); inodeRelease frees
// it, and its data pages, when both reach zero. That is what keeps an
// unlinked file readable until its last close.
//
// File data is a page map: depth 1 means inodeMap is a page of 1024 data
// page addresses (files up to 4 MiB), depth 2 a page of 1024 such pages.
// Its pages never come from the kernel's reserve (mm/frames.ts): a file
// that fills memory gets ENOSPC and the kernel keeps what it needs.
import { fillBytes, fillSeries32, peek32, poke32 } from "../arch/i386/io";
import { realtimeSeconds } from "../time/clock";
import { kpageAllocBeyondReserve, kpageFree } from "../mm/kheap";
import { filePageRelease } from "../mm/space";
import { pipeFree } from "./pipe";
import { watchesInodeFreed } from "./watch";
import { procfsHeldParent } from "./procfs";
import { S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG } from "../api/abi";
import { PAGE_SIZE } from "../api/limits";
import { MAX_INODES } from "../lib/limits";

/** Which file system a slot belongs to (also its st_dev). */
export const FS_NONE: number = 0;
export const FS_RAMFS: number = 1;
export const FS_DEVFS: number = 2;
export const FS_PROCFS: number = 3;
export const FS_PIPEFS: number = 4;
export const FS_TMPFS: number = 5; // further ramfs instances mounted with fs type "tmp"
// (6 is FS_WATCH, in watch.ts)
export const FS_ANON: number = 7; // anon_create's unnamed memory files: ramfs pages, no directory, st_dev 0

const inodeMode: Uint32Array = new Uint32Array(MAX_INODES);
const inodeUid: Uint32Array = new Uint32Array(MAX_INODES);
const inodeGid: Uint32Array = new Uint32Array(MAX_INODES);
const inodeLinks: Uint16Array = new Uint16Array(MAX_INODES);
const inodeRefs: Uint32Array = new Uint32Array(MAX_INODES);
export const inodeSize: Float64Array = new Float64Array(MAX_INODES);
export const inodeFs: Uint8Array = new Uint8Array(MAX_INODES);
/** st_dev of the slot: the mount it belongs to. */
const inodeDevice: Uint16Array = new Uint16Array(MAX_INODES);
/** Directories: the parent directory (the root is its own parent); procfs: the directory a node was found in, referenced. */
export const inodeParent: Uint32Array = new Uint32Array(MAX_INODES);
/** Device nodes: the device number; FIFOs: the pipe; procfs: the node kind. */
export const inodeRdev: Uint32Array = new Uint32Array(MAX_INODES);
/** procfs: the pid (or fd) the node describes; ramfs directories: the live entry count. */
export const inodeAux: Uint32Array = new Uint32Array(MAX_INODES);
const inodeAtime: Uint32Array = new Uint32Array(MAX_INODES);
const inodeMtime: Uint32Array = new Uint32Array(MAX_INODES);
const inodeCtime: Uint32Array = new Uint32Array(MAX_INODES);
/** How many inode-watcher watches are on the slot (fs/watch.ts keeps it). */
const inodeWatches: Uint16Array = new Uint16Array(MAX_INODES);
const inodeMap: Uint32Array = new Uint32Array(MAX_INODES);
const inodeMapDepth: Uint8Array = new Uint8Array(MAX_INODES);
let inodesUsed: number = 0;
let nextFree: number = 1;

// The tables above belong to this file: every other file reads a field
// through its accessor (fieldOf) and writes it through its setter.
export const inodeModeOf = (inode: number): number => inodeMode[inode];
export const inodeUidOf = (inode: number): number => inodeUid[inode];
export const inodeGidOf = (inode: number): number => inodeGid[inode];
export const inodeLinksOf = (inode: number): number => inodeLinks[inode];
export const inodeSizeOf = (inode: number): number => inodeSize[inode];
export const inodeFsOf = (inode: number): number => inodeFs[inode];
export const inodeDeviceOf = (inode: number): number => inodeDevice[inode];
export const inodeParentOf = (inode: number): number => inodeParent[inode];
export const inodeRdevOf = (inode: number): number => inodeRdev[inode];
export const inodeAuxOf = (inode: number): number => inodeAux[inode];
export const inodeAtimeOf = (inode: number): number => inodeAtime[inode];
export const inodeMtimeOf = (inode: number): number => inodeMtime[inode];
export const inodeCtimeOf = (inode: number): number => inodeCtime[inode];
export const inodeWatchesOf = (inode: number): number => inodeWatches[inode];
export const inodeSetMode = (inode: number, mode: number): void => { inodeMode[inode] = mode; };
export const inodeSetUid = (inode: number, uid: number): void => { inodeUid[inode] = uid; };
export const inodeSetGid = (inode: number, gid: number): void => { inodeGid[inode] = gid; };
export const inodeSetLinks = (inode: number, links: number): void => { inodeLinks[inode] = links; };
export const inodeSetSize = (inode: number, size: number): void => { inodeSize[inode] = size; };
export const inodeSetRdev = (inode: number, rdev: number): void => { inodeRdev[inode] = rdev; };
export const inodeSetAtime = (inode: number, seconds: number): void => { inodeAtime[inode] = seconds; };
export const inodeSetMtime = (inode: number, seconds: number): void => { inodeMtime[inode] = seconds; };
export const inodeSetCtime = (inode: number, seconds: number): void => { inodeCtime[inode] = seconds; };
export const inodeSetParent = (inode: number, dir: number): void => { inodeParent[inode] = dir; };
export const inodeSetAux = (inode: number, aux: number): void => { inodeAux[inode] = aux; };
export const inodeSetWatches = (inode: number, count: number): void => { inodeWatches[inode] = count; };

const ENTRIES_PER_PAGE: number = 1024;
const DEPTH1_BYTES: number = ENTRIES_PER_PAGE * PAGE_SIZE;

/** Seconds for file times: the realtime clock. */
export const vfsNow = (): number => realtimeSeconds();

export const isDirectory = (inode: number): boolean => (inodeMode[inode] & S_IFMT) === S_IFDIR;
export const isRegular = (inode: number): boolean => (inodeMode[inode] & S_IFMT) === S_IFREG;
export const isSymlink = (inode: number): boolean => (inodeMode[inode] & S_IFMT) === S_IFLNK;
export const isFifo = (inode: number): boolean => (inodeMode[inode] & S_IFMT) === S_IFIFO;
export const isCharDevice = (inode: number): boolean => (inodeMode[inode] & S_IFMT) === S_IFCHR;

/**
 * A fresh slot of file system fs with the given mode and owner, one
 * reference held by the caller and no links; 0 when the table is full.
 */
export const inodeAlloc = (fs: number, device: number, mode: number, uid: number, gid: number): number => {
  for (let n: number = 0; n < MAX_INODES; n++) {
    const inode: number = nextFree;
    nextFree = nextFree + 1 >= MAX_INODES ? 1 : nextFree + 1;
    if (inodeFs[inode] !== FS_NONE) continue;
    inodeFs[inode] = fs;
    inodeDevice[inode] = device;
    inodeMode[inode] = mode;
    inodeUid[inode] = uid;
    inodeGid[inode] = gid;
    inodeLinks[inode] = 0;
    inodeRefs[inode] = 1;
    inodeSize[inode] = 0;
    inodeParent[inode] = inode;
    inodeRdev[inode] = 0;
    inodeAux[inode] = 0;
    const now: number = vfsNow();
    inodeAtime[inode] = now;
    inodeMtime[inode] = now;
    inodeCtime[inode] = now;
    inodeMap[inode] = 0;
    inodeMapDepth[inode] = 0;
    inodesUsed++;
    return inode;
  }
  return 0;
};

/** Takes one more reference to inode; returns it. */
export const inodeRetain = (inode: number): number => {
  inodeRefs[inode]++;
  return inode;
};

/**
 * Drops one reference. A slot with neither references nor links is freed
 * with its data; the release hook lets pipes and procfs drop their state.
 */
export const inodeRelease = (inode: number): void => {
  if (inode === 0) return;
  inodeRefs[inode]--;
  inodeFreeIfUnused(inode);
};

/** Frees inode when nothing refers to it any more (a procfs node lets go of its directory). */
export const inodeFreeIfUnused = (inode: number): void => {
  if (inodeRefs[inode] !== 0 || inodeLinks[inode] !== 0) return;
  if (inodeWatches[inode] !== 0) watchesInodeFreed(inode);
  if (isFifo(inode) && inodeRdev[inode] !== 0) pipeFree(inodeRdev[inode]); // a pipe() that failed before any end opened
  const heldParent: number = inodeFs[inode] === FS_PROCFS ? procfsHeldParent(inode) : 0;
  inodeTruncatePages(inode, 0);
  inodeFs[inode] = FS_NONE;
  inodesUsed--;
  inodeRelease(heldParent);
};

/** The references held on the inodes of st_dev device (umount's busy check). */
export const inodeDeviceRefs = (device: number): number => {
  let refs: number = 0;
  for (let inode: number = 1; inode < MAX_INODES; inode++) {
    if (inodeFs[inode] !== FS_NONE && inodeDevice[inode] === device) refs += inodeRefs[inode];
  }
  return refs;
};

/** Slots in use, for leak checks. */
export const inodesInUse = (): number => inodesUsed;

/** Frees the data pages of map entries at index >= keep of a map page (depth 1). */
const freeLeafPages = (leaf: number, keep: number): void => {
  for (let i: number = keep; i < ENTRIES_PER_PAGE; i++) {
    const page: number = peek32(leaf + i * 4);
    if (page !== 0) {
      filePageRelease(page); // a page still mapped MAP_SHARED lives on in the mappings
      poke32(leaf + i * 4, 0);
    }
  }
};

/**
 * Gives back every data page at or after byte offset size and zeroes the
 * tail of the page that holds the new end, so a later extension reads zeros.
 */
export const inodeTruncatePages = (inode: number, size: number): void => {
  const map: number = inodeMap[inode];
  if (map === 0) return;
  const keepPages: number = Math.ceil(size / PAGE_SIZE);
  if (inodeMapDepth[inode] === 1) {
    freeLeafPages(map, keepPages);
  } else {
    for (let i: number = 0; i < ENTRIES_PER_PAGE; i++) {
      const leaf: number = peek32(map + i * 4);
      if (leaf === 0) continue;
      const keep: number = Math.max(0, keepPages - i * ENTRIES_PER_PAGE);
      freeLeafPages(leaf, Math.min(keep, ENTRIES_PER_PAGE));
      if (keep === 0) {
        kpageFree(leaf);
        poke32(map + i * 4, 0);
      }
    }
  }
  if (size === 0) {
    kpageFree(map);
    inodeMap[inode] = 0;
    inodeMapDepth[inode] = 0;
    return;
  }
  const tail: number = size % PAGE_SIZE;
  const page: number = tail === 0 ? 0 : inodeDataPage(inode, Math.floor(size / PAGE_SIZE), false);
  if (page !== 0) fillBytes(page + tail, 0, PAGE_SIZE - tail);
};

/**
 * Zeroes the bytes past end of file in the last page, before the file
 * grows over them: a MAP_SHARED mapping may have stored there, and such
 * stores must never become file content.
 */
export const inodeClearTail = (inode: number): void => {
  const tail: number = inodeSize[inode] % PAGE_SIZE;
  const page: number = tail === 0 ? 0 : inodeDataPage(inode, Math.floor(inodeSize[inode] / PAGE_SIZE), false);
  if (page !== 0) fillBytes(page + tail, 0, PAGE_SIZE - tail);
};

/** Grows the map to depth 2 (a root whose first entry is the old depth-1 page); false without memory. */
const deepenMap = (inode: number): boolean => {
  const root: number = kpageAllocBeyondReserve();
  if (root === 0) return false;
  poke32(root, inodeMap[inode]);
  inodeMap[inode] = root;
  inodeMapDepth[inode] = 2;
  return true;
};

/** The address of the page-map slot for data page index, allocating map pages when allocate; 0 if absent. */
const mapSlot = (inode: number, index: number, allocate: boolean): number => {
  if (inodeMap[inode] === 0) {
    if (!allocate) return 0;
    const map: number = kpageAllocBeyondReserve();
    if (map === 0) return 0;
    inodeMap[inode] = map;
    inodeMapDepth[inode] = 1;
  }
  if (index >= ENTRIES_PER_PAGE && inodeMapDepth[inode] === 1) {
    if (!allocate || !deepenMap(inode)) return 0;
  }
  if (inodeMapDepth[inode] === 1) return inodeMap[inode] + index * 4;
  const rootSlot: number = inodeMap[inode] + Math.floor(index / ENTRIES_PER_PAGE) * 4;
  if (peek32(rootSlot) === 0) {
    if (!allocate) return 0;
    const leaf: number = kpageAllocBeyondReserve();
    if (leaf === 0) return 0;
    poke32(rootSlot, leaf);
  }
  return peek32(rootSlot) + (index % ENTRIES_PER_PAGE) * 4;
};

/**
 * The kernel address of data page index of inode; with allocate, a zeroed
 * page is added when there is none. 0 for a hole (read it as zeros) or
 * when memory runs out.
 */
export const inodeDataPage = (inode: number, index: number, allocate: boolean): number => {
  if (index >= ENTRIES_PER_PAGE * ENTRIES_PER_PAGE) return 0;
  const slot: number = mapSlot(inode, index, allocate);
  if (slot === 0) return 0;
  if (peek32(slot) === 0 && allocate) poke32(slot, kpageAllocBeyondReserve());
  return peek32(slot);
};

/**
 * Makes the count kernel pages from first (given up by the caller) data
 * pages index, index + 1, ... of inode, which has none there, a run of map
 * slots at a time. Returns how many it took: fewer when the map needs a
 * page and none is left.
 */
export const inodeAttachPages = (inode: number, index: number, first: number, count: number): number => {
  let done: number = 0;
  while (done < count && index + done < ENTRIES_PER_PAGE * ENTRIES_PER_PAGE) {
    const slot: number = mapSlot(inode, index + done, true);
    if (slot === 0) break;
    const run: number = Math.min(count - done, ENTRIES_PER_PAGE - ((index + done) % ENTRIES_PER_PAGE));
    fillSeries32(slot, run, 4, first + done * PAGE_SIZE, PAGE_SIZE);
    done += run;
  }
  return done;
};

/** Largest file size the page map can hold. */
export const INODE_MAX_BYTES: number = DEPTH1_BYTES * ENTRIES_PER_PAGE;
