// Thread-local storage with the reference's i386 layout (docs/threads.md).
// A process may have a master TLS image: a read-write region holding the
// initial values of its thread-local variables (PT_TLS at exec, or what
// allocate_tls was given). Each thread has a block of its own: a copy of
// the image, then a word holding its own address. That word's address is
// the thread pointer: the base of the user TLS segment (GS = 0x2B), so
// %gs:0 reads the pointer and the variables sit just below it, at the
// negative offsets the linker computes.
import { PROT_READ, PROT_WRITE } from "../api/abi";
import { EEXIST, EFAULT, EINVAL, ENOMEM } from "../api/errno";
import { PAGE_SIZE } from "../api/limits";
import { gdtSetTlsBase } from "../arch/i386/gdt";
import { bytesAddress, wordsAddress } from "../arch/i386/io";
import { MAX_PROCESSES } from "../lib/limits";
import {
  MMAP_BASE, MMAP_TOP, REGION_MMAP, spaceAddRegion, spaceCommitRegion, spaceFindFreeRange, spaceSplitAt, spaceUnmapRange,
} from "../mm/space";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { threadSetTls, threadTlsPointerOf, threadTlsRegionBytesOf, threadTlsRegionStartOf } from "../proc/thread";

const masterAddress: Uint32Array = new Uint32Array(MAX_PROCESSES);
const masterBytes: Uint32Array = new Uint32Array(MAX_PROCESSES);
const masterAlignment: Uint32Array = new Uint32Array(MAX_PROCESSES);
const bounce: Uint8Array = new Uint8Array(PAGE_SIZE);
const selfPointer: Uint32Array = new Uint32Array(1);
const SELF_POINTER_BYTES: number = 4;

/** The address of slot's master TLS image, 0 without one. */
export const tlsMasterOf = (slot: number): number => masterAddress[slot];

const alignUp = (value: number, alignment: number): number => Math.ceil(value / alignment) * alignment;

/** Maps a committed read-write anonymous region of at least bytes in slot's space; its start, or 0. */
const mapTlsRegion = (slot: number, bytes: number): number => {
  const length: number = alignUp(bytes, PAGE_SIZE);
  const start: number = spaceFindFreeRange(slot, length, PAGE_SIZE, MMAP_BASE, MMAP_TOP, false);
  if (start === 0) return 0;
  const region: number = spaceAddRegion(slot, start, start + length, PROT_READ | PROT_WRITE | REGION_MMAP);
  if (region < 0) return 0;
  if (spaceCommitRegion(region)) return start;
  spaceUnmapRange(slot, start, start + length);
  return 0;
};

/** Copies bytes bytes from user address from to user address to, both in slot's space; 0 or -EFAULT. */
const copyWithinUser = (slot: number, to: number, from: number, bytes: number): number => {
  for (let done: number = 0; done < bytes; done += PAGE_SIZE) {
    const chunk: number = Math.min(PAGE_SIZE, bytes - done);
    if (copyFromUser(slot, bytesAddress(bounce), from + done, chunk) < 0) return -EFAULT;
    if (copyToUser(slot, to + done, bytesAddress(bounce), chunk) < 0) return -EFAULT;
  }
  return 0;
};

let blockStart: number = 0; // the region mapBlock made last
let blockBytes: number = 0;

/**
 * Maps a TLS block in slot's space: slot's master image, then the self
 * pointer. Returns the thread pointer (blockStart and blockBytes say where
 * the region is), or 0 when memory is short.
 */
const mapBlock = (slot: number): number => {
  const imageAlignment: number = Math.max(1, masterAlignment[slot]);
  const imageEnd: number = alignUp(masterBytes[slot], Math.max(imageAlignment, SELF_POINTER_BYTES));
  const start: number = mapTlsRegion(slot, imageEnd + SELF_POINTER_BYTES);
  if (start === 0) return 0;
  const pointer: number = start + imageEnd;
  selfPointer[0] = pointer;
  const imageStart: number = pointer - alignUp(masterBytes[slot], imageAlignment);
  if (copyToUser(slot, pointer, wordsAddress(selfPointer), SELF_POINTER_BYTES) < 0 ||
    copyWithinUser(slot, imageStart, masterAddress[slot], masterBytes[slot]) < 0) {
    spaceUnmapRange(slot, start, start + alignUp(imageEnd + SELF_POINTER_BYTES, PAGE_SIZE));
    return 0;
  }
  blockStart = start;
  blockBytes = imageEnd + SELF_POINTER_BYTES;
  return pointer;
};

/** Gives thread (of slot) a TLS block of its own; false when memory is short. */
export const tlsCreateBlock = (slot: number, thread: number): boolean => {
  const pointer: number = mapBlock(slot);
  if (pointer === 0) return false;
  threadSetTls(thread, pointer, blockStart, blockBytes);
  return true;
};

/** thread (of slot) ends: its TLS block is unmapped. */
export const tlsReleaseBlock = (slot: number, thread: number): void => {
  const start: number = threadTlsRegionStartOf(thread);
  const end: number = start + alignUp(threadTlsRegionBytesOf(thread), PAGE_SIZE);
  if (start !== 0 && spaceSplitAt(slot, start, end)) spaceUnmapRange(slot, start, end);
  threadSetTls(thread, 0, 0, 0);
};

/** A forked child (its space a copy of the parent's) has the parent's master image. */
export const tlsFork = (parent: number, child: number): void => {
  masterAddress[child] = masterAddress[parent];
  masterBytes[child] = masterBytes[parent];
  masterAlignment[child] = masterAlignment[parent];
};

let stagedPointer: number = 0; // the first thread's block in the space execve builds
let stagedStart: number = 0;
let stagedBytes: number = 0;

/**
 * execve builds slot's new space: a program with a TLS image (memoryBytes
 * > 0, the first fileBytes of it at kernel address image) gets a master
 * copy and the first thread's block. False when memory is short.
 */
export const tlsExecBuild = (slot: number, image: number, fileBytes: number, memoryBytes: number, alignment: number): boolean => {
  masterAddress[slot] = 0;
  masterBytes[slot] = 0;
  masterAlignment[slot] = 0;
  stagedPointer = 0;
  stagedStart = 0;
  stagedBytes = 0;
  if (memoryBytes === 0) return true;
  const master: number = mapTlsRegion(slot, memoryBytes);
  if (master === 0 || copyToUser(slot, master, image, fileBytes) < 0) return false;
  masterAddress[slot] = master;
  masterBytes[slot] = memoryBytes;
  masterAlignment[slot] = alignment;
  stagedPointer = mapBlock(slot);
  stagedStart = blockStart;
  stagedBytes = blockBytes;
  return stagedPointer !== 0;
};

/** The space tlsExecBuild built in from became process's: its master image, and thread's block (the running thread). */
export const tlsExecCommit = (process: number, from: number, thread: number): void => {
  tlsFork(from, process);
  threadSetTls(thread, stagedPointer, stagedStart, stagedBytes);
  gdtSetTlsBase(stagedPointer);
};

/**
 * allocate_tls for the running thread of slot, which must be alone: a
 * master image of size bytes (a page multiple) copied from initialData,
 * and the thread's block. Returns the master image's address or -errno:
 * EINVAL, EEXIST (slot has one), EFAULT (not alone, or a bad initialData),
 * ENOMEM.
 */
export const tlsAllocate = (slot: number, thread: number, initialData: number, size: number, alone: boolean): number => {
  if (size === 0 || size % PAGE_SIZE !== 0) return -EINVAL;
  if (masterAddress[slot] !== 0) return -EEXIST;
  if (!alone) return -EFAULT;
  const master: number = mapTlsRegion(slot, size);
  if (master === 0) return -ENOMEM;
  masterAddress[slot] = master;
  masterBytes[slot] = size;
  masterAlignment[slot] = PAGE_SIZE;
  if (copyWithinUser(slot, master, initialData, size) < 0) return -EFAULT;
  tlsReleaseBlock(slot, thread);
  if (!tlsCreateBlock(slot, thread)) return -ENOMEM;
  gdtSetTlsBase(threadTlsPointerOf(thread));
  return master;
};
