// Open file descriptions and the per-process file state: the fd table,
// the current directory and the root.
//
// A description is what open() creates: an inode, an offset and the open
// flags, shared by every fd that refers to it (after fork, dup2, F_DUPFD).
// A process's fd table is one kernel page of FD_SETSIZE words, each the
// description index (0 = free) with FD_CLOEXEC in the top bit.
import { peek32, poke32 } from "../arch/i386/io";
import { kpageAlloc, kpageFree } from "../mm/kheap";
import { MAX_PROCESSES } from "../lib/limits";
import { inodeRelease, inodeRetain } from "./inode";
import { FD_CLOEXEC, FD_SETSIZE, O_NONBLOCK, O_RDONLY, O_WRONLY } from "../api/abi";

export const MAX_DESCRIPTIONS: number = 8192;
const CLOEXEC_BIT: number = 0x80000000;

// Kernel-internal open options, above every ABI flag (kernel/api/abi.ts).
export const O_NOFOLLOW_NOERROR: number = 1 << 29;
export const O_UNLINK_INTERNAL: number = 1 << 30;

const descRefs: Uint32Array = new Uint32Array(MAX_DESCRIPTIONS);
const descInode: Uint32Array = new Uint32Array(MAX_DESCRIPTIONS);
/** The directory the file was opened from (for its path), or 0. */
const descDirectory: Uint32Array = new Uint32Array(MAX_DESCRIPTIONS);
const descOffset: Float64Array = new Float64Array(MAX_DESCRIPTIONS);
const descFlags: Uint32Array = new Uint32Array(MAX_DESCRIPTIONS);
let descriptionsUsed: number = 0;
let nextDescription: number = 1;

/** Each process's fd table page (0 while the slot is free). */
const fdTable: Uint32Array = new Uint32Array(MAX_PROCESSES);
/** One past the highest fd each process ever used: fork, exec and exit scan no further. */
const fdLimit: Uint16Array = new Uint16Array(MAX_PROCESSES);
/** Each process's current directory and root, both referenced. */
const procCwd: Uint32Array = new Uint32Array(MAX_PROCESSES);
const procRoot: Uint32Array = new Uint32Array(MAX_PROCESSES);
/** Each process's program file since its last exec, referenced (0 for none): crash reports read its symbols. */
const procExecutable: Uint32Array = new Uint32Array(MAX_PROCESSES);

// The tables above belong to this file: every other file reads a field
// through its accessor (fieldOf) and writes it through its setter.
export const descRefsOf = (desc: number): number => descRefs[desc];
export const descInodeOf = (desc: number): number => descInode[desc];
export const descDirectoryOf = (desc: number): number => descDirectory[desc];
export const descOffsetOf = (desc: number): number => descOffset[desc];
export const descFlagsOf = (desc: number): number => descFlags[desc];
export const fdLimitOf = (slot: number): number => fdLimit[slot];
export const procCwdOf = (slot: number): number => procCwd[slot];
export const procRootOf = (slot: number): number => procRoot[slot];
export const procExecutableOf = (slot: number): number => procExecutable[slot];
/** Makes inode (referenced by the caller, or 0) slot's program file, letting go of the one before. */
export const procSetExecutable = (slot: number, inode: number): void => {
  if (procExecutable[slot] !== 0) inodeRelease(procExecutable[slot]);
  procExecutable[slot] = inode;
};

export const descSetRefs = (desc: number, refs: number): void => { descRefs[desc] = refs; };
/** Replaces desc's status flags (fcntl F_SETFL, FIONBIO). */
export const descSetFlags = (desc: number, flags: number): void => { descFlags[desc] = flags; };
/** Moves desc's file offset (for directories: the next entry's index). */
/** Points desc at inode instead, moving its reference (a /dev/ptmx open becomes its master's description). */
export const descSetInode = (desc: number, inode: number): void => {
  const old: number = descInode[desc];
  descInode[desc] = inodeRetain(inode);
  inodeRelease(old);
};

export const descSetOffset = (desc: number, offset: number): void => { descOffset[desc] = offset; };
/** Makes inode (referenced by the caller) slot's current directory; the old one's reference is the caller's to drop. */
export const procSetCwd = (slot: number, inode: number): void => { procCwd[slot] = inode; };
/** Makes inode (referenced by the caller) slot's root; the old one's reference is the caller's to drop. */
export const procSetRoot = (slot: number, inode: number): void => { procRoot[slot] = inode; };

export const isReadable = (desc: number): boolean => (descFlags[desc] & O_RDONLY) !== 0;
export const isWritable = (desc: number): boolean => (descFlags[desc] & O_WRONLY) !== 0;
export const isNonblocking = (desc: number): boolean => (descFlags[desc] & O_NONBLOCK) !== 0;

/**
 * A new description of inode opened from directory dir with flags, one
 * reference held by the caller; it takes its own references on inode and
 * dir. 0 when the pool is exhausted.
 */
export const descAlloc = (inode: number, dir: number, flags: number): number => {
  for (let n: number = 1; n < MAX_DESCRIPTIONS; n++) {
    const desc: number = nextDescription;
    nextDescription = nextDescription + 1 >= MAX_DESCRIPTIONS ? 1 : nextDescription + 1;
    if (descRefs[desc] !== 0) continue;
    descRefs[desc] = 1;
    descInode[desc] = inodeRetain(inode);
    descDirectory[desc] = dir === 0 ? 0 : inodeRetain(dir);
    descOffset[desc] = 0;
    descFlags[desc] = flags;
    descriptionsUsed++;
    return desc;
  }
  return 0;
};

/** Drops the description's pool slot and its references (the caller ran the file's close hook). */
export const descFree = (desc: number): void => {
  inodeRelease(descInode[desc]);
  inodeRelease(descDirectory[desc]);
  descInode[desc] = 0;
  descDirectory[desc] = 0;
  descRefs[desc] = 0;
  descriptionsUsed--;
};

/** Descriptions in use, for leak checks. */
export const descriptionsInUse = (): number => descriptionsUsed;

/** Whether descAlloc would fail (description 0 is never used). */
export const descriptionsFull = (): boolean => descriptionsUsed >= MAX_DESCRIPTIONS - 1;

// --- fd tables ---

/** Gives slot an empty fd table; false without memory. */
export const fdTableCreate = (slot: number): boolean => {
  fdLimit[slot] = 0;
  fdTable[slot] = kpageAlloc();
  return fdTable[slot] !== 0;
};

/** Frees slot's fd table page (every fd must be closed already). */
export const fdTableDestroy = (slot: number): void => {
  if (fdTable[slot] !== 0) kpageFree(fdTable[slot]);
  fdTable[slot] = 0;
};

/** True when slot has an fd table (a live process). */
export const hasFdTable = (slot: number): boolean => fdTable[slot] !== 0;

/** The description fd refers to in slot's table, or 0 when fd is out of range or closed. */
export const fdDescription = (slot: number, fd: number): number => {
  if (fd < 0 || fd >= FD_SETSIZE || fdTable[slot] === 0) return 0;
  return (peek32(fdTable[slot] + fd * 4) & ~CLOEXEC_BIT) >>> 0;
};

/** FD_CLOEXEC when fd is close-on-exec, else 0. */
export const fdFlags = (slot: number, fd: number): number =>
  (peek32(fdTable[slot] + fd * 4) & CLOEXEC_BIT) !== 0 ? FD_CLOEXEC : 0;

/** Points fd at desc (taking no reference: the caller passes one in) with fd flags. */
export const fdInstall = (slot: number, fd: number, desc: number, flags: number): void => {
  if (fd >= fdLimit[slot]) fdLimit[slot] = fd + 1;
  poke32(fdTable[slot] + fd * 4, ((flags & FD_CLOEXEC) !== 0 ? (desc | CLOEXEC_BIT) : desc) >>> 0);
};

/** Empties fd's entry and returns the description it held (its reference passes to the caller). */
export const fdTake = (slot: number, fd: number): number => {
  const desc: number = fdDescription(slot, fd);
  poke32(fdTable[slot] + fd * 4, 0);
  return desc;
};

/** The lowest free fd at or above from, or -1. */
export const fdLowestFree = (slot: number, from: number): number => {
  for (let fd: number = Math.max(0, from); fd < FD_SETSIZE; fd++) {
    if (peek32(fdTable[slot] + fd * 4) === 0) return fd;
  }
  return -1;
};

/** Counts free fds of slot, up to limit. */
export const fdFreeCount = (slot: number, limit: number): number => {
  let count: number = 0;
  for (let fd: number = 0; fd < FD_SETSIZE && count < limit; fd++) {
    if (peek32(fdTable[slot] + fd * 4) === 0) count++;
  }
  return count;
};
