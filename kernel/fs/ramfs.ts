// ramfs: files and directories kept in kernel pages (the inode page map).
// The root file system and every "tmp" mount are ramfs instances.
//
// A directory's data is an array of fixed slots, DIRENTS_PER_PAGE to a
// page: { u32 inode; u32 nameLength; u8 name[NAME_MAX + 1] }. A removed
// entry leaves a hole (inode 0) that a later insertion reuses, so a
// reader walking slots by index never skips or repeats a live entry; a
// hole's nameLength word links it to the directory's next hole
// (dirHoles), so an insertion finds one at once. inodeSize of a directory
// is its slot high-water mark times DIRENT_BYTES, inodeAux its live entry
// count: an emptied directory gives its pages back.
//
// Names are found through one hash index shared by every ramfs directory:
// a fixed table of chains of (directory, slot, name hash) nodes, so a
// lookup or a duplicate check costs the same whatever the directory's size.
import { EFAULT, ENOMEM, ENOSPC } from "../api/errno";
import { bytesAddress, copyBytes, peek32, peek8, poke32, poke8 } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { kpagesAdopt } from "../mm/kheap";
import {
  INODE_MAX_BYTES, inodeAttachPages, inodeClearTail, inodeDataPage, inodeTruncatePages, inodeSizeOf, inodeAuxOf, inodeSetSize,
  inodeSetAux,
} from "./inode";
import { MAX_INODES } from "../lib/limits";
import { PAGE_SIZE } from "../api/limits";

export const DIRENT_BYTES: number = 264;
const DIRENTS_PER_PAGE: number = 15;
const ENTRY_NAME: number = 8;

/**
 * Index nodes: one per live entry of every ramfs directory, as many as
 * inodes (only hard links could make entries outnumber them; past that a
 * new entry is ENOSPC). Holes are filled before new slots are taken, so a
 * directory never has more slots than nodes: slot numbers, node links and
 * inode numbers all fit in 16 bits.
 */
const INDEX_NODES: number = MAX_INODES;
const INDEX_BUCKETS: number = 8192; // a power of two
const bucketHead: Uint16Array = new Uint16Array(INDEX_BUCKETS); // node + 1; 0 ends a chain
const nodeNext: Uint16Array = new Uint16Array(INDEX_NODES); // node + 1, in a chain or the free list
const nodeDir: Uint16Array = new Uint16Array(INDEX_NODES);
const nodeSlot: Uint16Array = new Uint16Array(INDEX_NODES);
const nodeHash: Uint32Array = new Uint32Array(INDEX_NODES);
let freeNode: number = 0; // node + 1
let unusedNodes: number = 0; // nodes from here up were never used
/** Per directory inode: its most recent hole + 1, 0 when it has none. */
const dirHoles: Uint16Array = new Uint16Array(MAX_INODES);

/** Directory slots ever used (live entries and holes). */
export const dirSlotCount = (dir: number): number => Math.floor(inodeSizeOf(dir) / DIRENT_BYTES);

/** Kernel address of directory slot index; 0 when its page was never allocated. */
const slotAddress = (dir: number, index: number, allocate: boolean): number => {
  const page: number = inodeDataPage(dir, Math.floor(index / DIRENTS_PER_PAGE), allocate);
  return page === 0 ? 0 : page + (index % DIRENTS_PER_PAGE) * DIRENT_BYTES;
};

/** The inode of slot index (0 for a hole). */
export const dirSlotInode = (dir: number, index: number): number => {
  const address: number = slotAddress(dir, index, false);
  return address === 0 ? 0 : peek32(address);
};

/** Kernel address of slot index's name bytes. */
export const dirSlotName = (dir: number, index: number): number => slotAddress(dir, index, false) + ENTRY_NAME;

/** Length of slot index's name. */
export const dirSlotNameLength = (dir: number, index: number): number => peek32(slotAddress(dir, index, false) + 4);

const nameMatches = (entry: number, name: Uint8Array, start: number, length: number): boolean => {
  if (peek32(entry + 4) !== length) return false;
  for (let i: number = 0; i < length; i++) {
    if (peek8(entry + ENTRY_NAME + i) !== name[start + i]) return false;
  }
  return true;
};

/** The index hash of a name of dir at kernel address bytes: djb2 seeded with dir. */
const hashName = (dir: number, bytes: number, length: number): number => {
  let hash: number = (5381 ^ dir) >>> 0;
  for (let i: number = 0; i < length; i++) hash = ((hash * 33) ^ peek8(bytes + i)) >>> 0;
  return hash;
};

const indexBucket = (hash: number): number => (hash ^ (hash >>> 13)) & (INDEX_BUCKETS - 1);

/** The slot holding name[start..start+length) in dir, or -1. */
export const dirFindSlot = (dir: number, name: Uint8Array, start: number, length: number): number => {
  const hash: number = hashName(dir, bytesAddress(name) + start, length);
  for (let link: number = bucketHead[indexBucket(hash)]; link !== 0; link = nodeNext[link - 1]) {
    const node: number = link - 1;
    if (nodeDir[node] === dir && nodeHash[node] === hash && nameMatches(slotAddress(dir, nodeSlot[node], false), name, start, length)) return nodeSlot[node];
  }
  return -1;
};

/** The inode named name[start..start+length) in dir, or 0. */
export const dirLookup = (dir: number, name: Uint8Array, start: number, length: number): number => {
  const index: number = dirFindSlot(dir, name, start, length);
  return index < 0 ? 0 : dirSlotInode(dir, index);
};

/** The slot whose entry is child, or -1 (names for getcwd and /proc/N/fd). */
export const dirSlotOf = (dir: number, child: number): number => {
  const count: number = dirSlotCount(dir);
  for (let index: number = 0; index < count; index++) {
    if (dirSlotInode(dir, index) === child) return index;
  }
  return -1;
};

/** The first slot of dir holding a live entry, or -1. */
export const dirFirstSlot = (dir: number): number => {
  const count: number = dirSlotCount(dir);
  for (let index: number = 0; index < count; index++) {
    if (dirSlotInode(dir, index) !== 0) return index;
  }
  return -1;
};

/** True when dir has no live entry. */
export const dirIsEmpty = (dir: number): boolean => inodeAuxOf(dir) === 0;

/**
 * Adds the entry name[start..start+length) → child to dir, in a hole or a
 * new slot. The caller has checked the name is absent and at most
 * NAME_MAX bytes. Returns 0, or -ENOMEM (no page) or -ENOSPC (the name
 * index is full).
 */
export const dirAdd = (dir: number, name: Uint8Array, start: number, length: number, child: number): number => {
  if (freeNode === 0 && unusedNodes === INDEX_NODES) return -ENOSPC;
  const count: number = dirSlotCount(dir);
  const index: number = dirHoles[dir] !== 0 ? dirHoles[dir] - 1 : count;
  const entry: number = slotAddress(dir, index, true);
  if (entry === 0) return -ENOMEM;
  if (index < count) dirHoles[dir] = peek32(entry + 4);
  poke32(entry, child);
  poke32(entry + 4, length);
  for (let i: number = 0; i < length; i++) poke8(entry + ENTRY_NAME + i, name[start + i]);
  if (index === count) inodeSetSize(dir, (count + 1) * DIRENT_BYTES);
  inodeSetAux(dir, inodeAuxOf(dir) + 1);
  indexAdd(dir, index, hashName(dir, entry + ENTRY_NAME, length));
  return 0;
};

/** Files slot index of dir under hash (dirAdd has checked a node is left). */
const indexAdd = (dir: number, index: number, hash: number): void => {
  let node: number = unusedNodes;
  if (freeNode !== 0) {
    node = freeNode - 1;
    freeNode = nodeNext[node];
  } else unusedNodes++;
  nodeDir[node] = dir;
  nodeSlot[node] = index;
  nodeHash[node] = hash;
  nodeNext[node] = bucketHead[indexBucket(hash)];
  bucketHead[indexBucket(hash)] = node + 1;
};

/** Takes the index node of dir's slot index out of its chain and frees it. */
const indexRemove = (dir: number, index: number, entry: number): void => {
  const bucket: number = indexBucket(hashName(dir, entry + ENTRY_NAME, peek32(entry + 4)));
  let previous: number = 0;
  for (let link: number = bucketHead[bucket]; link !== 0; link = nodeNext[link - 1]) {
    if (nodeDir[link - 1] !== dir || nodeSlot[link - 1] !== index) {
      previous = link;
      continue;
    }
    if (previous === 0) bucketHead[bucket] = nodeNext[link - 1];
    else nodeNext[previous - 1] = nodeNext[link - 1];
    nodeNext[link - 1] = freeNode;
    freeNode = link;
    return;
  }
};

/** Empties slot index of dir (the entry must exist). */
export const dirRemoveSlot = (dir: number, index: number): void => {
  const entry: number = slotAddress(dir, index, false);
  indexRemove(dir, index, entry);
  poke32(entry, 0);
  poke32(entry + 4, dirHoles[dir]);
  dirHoles[dir] = index + 1;
  inodeSetAux(dir, inodeAuxOf(dir) - 1);
  if (inodeAuxOf(dir) > 0) return;
  inodeTruncatePages(dir, 0);
  inodeSetSize(dir, 0);
  dirHoles[dir] = 0;
};

/** Points slot index of dir at another inode (rename over an existing name). */
export const dirReplaceSlot = (dir: number, index: number, child: number): void => {
  poke32(slotAddress(dir, index, false), child);
};

/**
 * Moves size bytes between a ramfs file at offset and buffer: a user
 * address of process when process >= 0, else a kernel address. Writes
 * allocate pages and grow the file; reads stop at end of file and read
 * holes as zeros. Returns the bytes moved, or -EFAULT / -ENOSPC when
 * nothing was (ENOSPC: past the largest file, or no frame beyond the
 * kernel's reserve).
 */
export const ramfsTransfer = (inode: number, offset: number, process: number, buffer: number, size: number, write: boolean): number => {
  let length: number = size;
  if (!write) length = Math.max(0, Math.min(size, inodeSizeOf(inode) - offset));
  else if (offset + length > INODE_MAX_BYTES) length = Math.max(0, INODE_MAX_BYTES - offset);
  if (write && length === 0 && size > 0) return -ENOSPC;
  if (write && offset > inodeSizeOf(inode)) inodeClearTail(inode);
  let done: number = 0;
  while (done < length) {
    const position: number = offset + done;
    const within: number = position % PAGE_SIZE;
    const chunk: number = Math.min(length - done, PAGE_SIZE - within);
    const page: number = inodeDataPage(inode, Math.floor(position / PAGE_SIZE), write);
    if (page === 0 && write) return done > 0 ? done : -ENOSPC; // memory is the file system's space
    const status: number = movePiece(page === 0 ? 0 : page + within, process, buffer + done, chunk, write);
    if (status < 0) return done > 0 ? done : status;
    done += chunk;
    if (write && position + chunk > inodeSizeOf(inode)) inodeSetSize(inode, position + chunk);
  }
  return done;
};

/**
 * Fills the empty file inode with the size bytes at kernel address data,
 * in a boot module: when data is on a page, its whole pages become the
 * file's pages where they lie; the rest is copied (the bytes of a last,
 * partial page past the end of the file must read as zeros). Returns the
 * bytes stored, or -ENOSPC when none were.
 */
export const ramfsAdopt = (inode: number, data: number, size: number): number => {
  const pages: number = inodeAttachPages(inode, 0, data, data % PAGE_SIZE === 0 ? Math.floor(size / PAGE_SIZE) : 0);
  kpagesAdopt(data, pages);
  const adopted: number = pages * PAGE_SIZE;
  inodeSetSize(inode, adopted);
  const copied: number = ramfsTransfer(inode, adopted, -1, data + adopted, size - adopted, true);
  if (copied >= 0) return adopted + copied;
  return adopted > 0 ? adopted : copied;
};

const holeBytes: Uint8Array = new Uint8Array(PAGE_SIZE);

/** One piece of ramfsTransfer inside one page; data 0 is a hole (zeros). Returns 0 or -EFAULT. */
const movePiece = (data: number, process: number, buffer: number, length: number, write: boolean): number => {
  const source: number = data === 0 ? bytesAddress(holeBytes) : data;
  if (process < 0) {
    if (write) copyBytes(data, buffer, length);
    else copyBytes(buffer, source, length);
    return 0;
  }
  const status: number = write ? copyFromUser(process, data, buffer, length) : copyToUser(process, buffer, source, length);
  return status < 0 ? -EFAULT : 0;
};

