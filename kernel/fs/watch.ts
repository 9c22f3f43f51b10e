// Inode watchers (create_inode_watcher, syscalls 103-105): a
// watcher is a description whose inode is an FS_WATCH inode (no links)
// with the watcher's index as its rdev. A watcher holds watches (wd ->
// inode, event mask) and a queue of events that read() hands out one at a
// time in the reference's InodeWatcherEvent layout:
//   int wd; u32 type; size_t name_length; char name[name_length]
// where name_length counts the NUL and is 0 (no name bytes follow) for
// events about the inode itself.
//
// Everything comes from fixed pools: MAX_WATCHERS watchers, MAX_WATCHES
// watches shared by all of them, and one kernel page per watcher holding
// EVENT_SLOTS fixed-size event records. When a queue is full the oldest
// event is dropped, as the reference's CircularQueue does (its queue held
// 32 events; a page holds 15 records big enough for a NAME_MAX name).
//
// A watch does not keep its inode alive: when the inode is freed it gets
// a Deleted event (if its mask asks for one) and the watch goes away, so a
// recycled inode slot is never watched by accident.
import { EEXIST, EINVAL, EAGAIN, EFAULT, ENOENT, ENOMEM } from "../api/errno";
import { cli, sti } from "../arch/i386/cpu";
import { bytesAddress, copyBytes, peek32, poke32, poke8 } from "../arch/i386/io";
import { kpageAlloc, kpageFree } from "../mm/kheap";
import { copyToUser } from "../mm/usercopy";
import { ERESTART, signalInterrupts } from "../proc/signals";
import { sleepOn, wakeup } from "../proc/scheduler";
import { POLL_CHANNEL, watcherChannel } from "../proc/channels";
import { inodeSetWatches, inodeWatchesOf } from "./inode";
import { INODE_WATCHER_EVENT_DELETED } from "../api/abi";
import {
  INODE_WATCHER_EVENT_BYTES, INODE_WATCHER_EVENT_NAME_LENGTH_OFFSET,
  INODE_WATCHER_EVENT_TYPE_OFFSET, INODE_WATCHER_EVENT_WATCH_DESCRIPTOR_OFFSET,
} from "../api/layout";

/** inodeFs of a watcher's inode. */
export const FS_WATCH: number = 6;

const MAX_WATCHERS: number = 64;
const MAX_WATCHES: number = 1024;
/** A name of up to NAME_MAX (255) bytes and its NUL. */
const EVENT_NAME_BYTES: number = 256;
const EVENT_SLOT_BYTES: number = INODE_WATCHER_EVENT_BYTES + EVENT_NAME_BYTES;
const EVENT_SLOTS: number = 15; // floor(4096 / 268)
const WD_MAX: number = 0x7fffffff;

/** Each watcher's event page (0: the slot is free). Index 0 is never used. */
const watcherPage: Uint32Array = new Uint32Array(MAX_WATCHERS);
const watcherHead: Uint8Array = new Uint8Array(MAX_WATCHERS); // the oldest event's slot
const watcherQueued: Uint8Array = new Uint8Array(MAX_WATCHERS);
const watcherNextWd: Uint32Array = new Uint32Array(MAX_WATCHERS);
let watchersUsed: number = 0;

/** The watcher owning each watch (0: the watch slot is free). */
const watchOwner: Uint8Array = new Uint8Array(MAX_WATCHES);
const watchInode: Uint32Array = new Uint32Array(MAX_WATCHES);
const watchMask: Uint32Array = new Uint32Array(MAX_WATCHES);
const watchWd: Uint32Array = new Uint32Array(MAX_WATCHES);
let watchesUsed: number = 0;

/** Watchers and watches in use, for leak checks. */
export const watchersInUse = (): number => watchersUsed;
export const watchesInUse = (): number => watchesUsed;

/** A new watcher with no watches and an empty queue; its index, or -ENOMEM when pools or memory run out. */
export const watcherCreate = (): number => {
  for (let watcher: number = 1; watcher < MAX_WATCHERS; watcher++) {
    if (watcherPage[watcher] !== 0) continue;
    const page: number = kpageAlloc();
    if (page === 0) return -ENOMEM;
    watcherPage[watcher] = page;
    watcherHead[watcher] = 0;
    watcherQueued[watcher] = 0;
    watcherNextWd[watcher] = 1;
    watchersUsed++;
    return watcher;
  }
  return -ENOMEM;
};

/** Frees watch slot index and the inode's count of watches. */
const dropWatch = (index: number): void => {
  inodeSetWatches(watchInode[index], inodeWatchesOf(watchInode[index]) - 1);
  watchOwner[index] = 0;
  watchInode[index] = 0;
  watchesUsed--;
};

/** The last close of a watcher: drops its watches, its queued events and its slot. */
export const watcherClose = (watcher: number): void => {
  if (watcherPage[watcher] === 0) return;
  for (let index: number = 0; index < MAX_WATCHES; index++) {
    if (watchOwner[index] === watcher) dropWatch(index);
  }
  kpageFree(watcherPage[watcher]);
  watcherPage[watcher] = 0;
  watchersUsed--;
};

/** The watch slot of watcher's wd, or -1. */
const findWatch = (watcher: number, wd: number): number => {
  for (let index: number = 0; index < MAX_WATCHES; index++) {
    if (watchOwner[index] === watcher && watchWd[index] === wd) return index;
  }
  return -1;
};

/** The watch slot of watcher's watch on inode, or -1. */
const findWatchOfInode = (watcher: number, inode: number): number => {
  for (let index: number = 0; index < MAX_WATCHES; index++) {
    if (watchOwner[index] === watcher && watchInode[index] === inode) return index;
  }
  return -1;
};

/** The next watch descriptor of watcher not in use: counts up from 1, wrapping before 2^31. */
const nextWd = (watcher: number): number => {
  for (;;) {
    const wd: number = watcherNextWd[watcher];
    watcherNextWd[watcher] = wd >= WD_MAX ? 1 : wd + 1;
    if (findWatch(watcher, wd) < 0) return wd;
  }
};

/**
 * Starts watching inode for the events in mask. Returns the new watch
 * descriptor, -EEXIST when watcher already watches inode (the reference's
 * register_inode), -ENOMEM when the watch pool is full.
 */
export const watchAdd = (watcher: number, inode: number, mask: number): number => {
  if (findWatchOfInode(watcher, inode) >= 0) return -EEXIST;
  for (let index: number = 0; index < MAX_WATCHES; index++) {
    if (watchOwner[index] !== 0) continue;
    watchWd[index] = nextWd(watcher);
    watchOwner[index] = watcher;
    watchInode[index] = inode;
    watchMask[index] = mask >>> 0;
    inodeSetWatches(inode, inodeWatchesOf(inode) + 1);
    watchesUsed++;
    return watchWd[index];
  }
  return -ENOMEM;
};

/** Removes watcher's watch wd (its queued events stay); 0 or -ENOENT. */
export const watchRemove = (watcher: number, wd: number): number => {
  const index: number = findWatch(watcher, wd);
  if (index < 0) return -ENOENT;
  dropWatch(index);
  return 0;
};

/** The address of the event record in slot of watcher's page. */
const eventSlotAddress = (watcher: number, slot: number): number => watcherPage[watcher] + slot * EVENT_SLOT_BYTES;

/** Appends an event to watcher's queue (dropping the oldest when full) and wakes its readers and pollers. */
const enqueue = (watcher: number, wd: number, type: number, name: Uint8Array, length: number): void => {
  if (watcherQueued[watcher] === EVENT_SLOTS) {
    watcherHead[watcher] = (watcherHead[watcher] + 1) % EVENT_SLOTS;
    watcherQueued[watcher]--;
  }
  const record: number = eventSlotAddress(watcher, (watcherHead[watcher] + watcherQueued[watcher]) % EVENT_SLOTS);
  const nameLength: number = Math.min(length, EVENT_NAME_BYTES - 1);
  poke32(record + INODE_WATCHER_EVENT_WATCH_DESCRIPTOR_OFFSET, wd);
  poke32(record + INODE_WATCHER_EVENT_TYPE_OFFSET, type);
  poke32(record + INODE_WATCHER_EVENT_NAME_LENGTH_OFFSET, nameLength === 0 ? 0 : nameLength + 1);
  if (nameLength > 0) {
    copyBytes(record + INODE_WATCHER_EVENT_BYTES, bytesAddress(name), nameLength);
    poke8(record + INODE_WATCHER_EVENT_BYTES + nameLength, 0);
  }
  watcherQueued[watcher]++;
  wakeup(watcherChannel(watcher));
  wakeup(POLL_CHANNEL);
};

/**
 * Reports event (one WATCH_* bit) on inode to every watch on it whose
 * mask has the bit; name[0..length) is the child's name for the child
 * events, empty (length 0) otherwise. Cheap when nobody watches inode.
 */
export const watchersNotify = (inode: number, event: number, name: Uint8Array, length: number): void => {
  if (inodeWatchesOf(inode) === 0) return;
  for (let index: number = 0; index < MAX_WATCHES; index++) {
    if (watchOwner[index] !== 0 && watchInode[index] === inode && (watchMask[index] & event) !== 0) {
      enqueue(watchOwner[index], watchWd[index], event, name, length);
    }
  }
};

const noName: Uint8Array = new Uint8Array(1);

/** inode is being freed: its watchers get a Deleted event and lose their watches on it. */
export const watchesInodeFreed = (inode: number): void => {
  watchersNotify(inode, INODE_WATCHER_EVENT_DELETED, noName, 0);
  for (let index: number = 0; index < MAX_WATCHES && inodeWatchesOf(inode) > 0; index++) {
    if (watchOwner[index] !== 0 && watchInode[index] === inode) dropWatch(index);
  }
};

/** True when watcher has an event queued (a read would not block). */
export const watcherReadable = (watcher: number): boolean => watcherQueued[watcher] > 0;

/**
 * Reads the oldest event into process's buffer: waits for one unless
 * nonblocking (-EAGAIN). Returns the event's size; -EINVAL when size
 * cannot hold it (the event stays queued; the reference dropped it),
 * -EFAULT.
 */
export const watcherRead = (watcher: number, process: number, buffer: number, size: number, nonblocking: boolean): number => {
  cli();
  while (watcherQueued[watcher] === 0) {
    if (nonblocking || signalInterrupts()) {
      sti();
      return nonblocking ? -EAGAIN : -ERESTART;
    }
    sleepOn(watcherChannel(watcher));
  }
  sti();
  const record: number = eventSlotAddress(watcher, watcherHead[watcher]);
  const bytes: number = INODE_WATCHER_EVENT_BYTES + peek32(record + INODE_WATCHER_EVENT_NAME_LENGTH_OFFSET);
  if (size < bytes) return -EINVAL;
  if (copyToUser(process, buffer, record, bytes) < 0) return -EFAULT;
  watcherHead[watcher] = (watcherHead[watcher] + 1) % EVENT_SLOTS;
  watcherQueued[watcher]--;
  return bytes;
};
