// Futex wait queues. A waiting thread records the futex it waits on as a
// key: (its process's slot, the user address) for a private futex or one
// in private memory, (SHARED_KEY, the physical address) for one in a
// MAP_SHARED region, so every process mapping that memory meets the same
// waiters. Wakes take the oldest waiters first. A waiter sleeps on its own
// channel, so only a wake of its futex, a signal or its deadline ends the
// sleep; whichever ends it, the waiter leaves the queue before it returns.
import { EINTR, ETIMEDOUT } from "../api/errno";
import { MAX_THREADS } from "../lib/limits";
import { futexChannel } from "./channels";
import { sleepOn, sleepOnUntil, wakeThread } from "./scheduler";
import { threadSignalsDeliverable, threadSlotsEnd } from "./thread";

/** The key space of a futex in shared memory (keyed by physical address). */
export const SHARED_KEY: number = -1;

const waiting: Uint8Array = new Uint8Array(MAX_THREADS);
const keySpace: Int32Array = new Int32Array(MAX_THREADS);
const keyAddress: Uint32Array = new Uint32Array(MAX_THREADS);
const waitBitset: Uint32Array = new Uint32Array(MAX_THREADS);
const waitOrder: Float64Array = new Float64Array(MAX_THREADS);
let waiters: number = 0;
let nextOrder: number = 1;

/** Futex waiters (leak checks: 0 once every thread is gone). */
export const futexWaiters = (): number => waiters;

const forget = (thread: number): void => {
  waiting[thread] = 0;
  waiters--;
};

/**
 * The running thread (thread) waits on the futex (space, address) for a
 * wake whose bitset meets bitset, until deadlineTick when not 0. Returns 0
 * (woken), -ETIMEDOUT or -EINTR (a signal it does not block).
 */
export const futexWait = (thread: number, space: number, address: number, bitset: number, deadlineTick: number): number => {
  waiting[thread] = 1;
  keySpace[thread] = space;
  keyAddress[thread] = address;
  waitBitset[thread] = bitset;
  waitOrder[thread] = nextOrder++;
  waiters++;
  for (;;) {
    if (waiting[thread] === 0) return 0;
    if (threadSignalsDeliverable(thread) !== 0) {
      forget(thread);
      return -EINTR;
    }
    if (deadlineTick === 0) {
      sleepOn(futexChannel(thread));
    } else if (sleepOnUntil(futexChannel(thread), deadlineTick) && waiting[thread] !== 0) {
      forget(thread);
      return -ETIMEDOUT;
    }
  }
};

/** The oldest waiter on (space, address) whose bitset meets bitset, or -1. */
const oldestWaiter = (space: number, address: number, bitset: number): number => {
  let best: number = -1;
  let seen: number = 0;
  for (let thread: number = 1; thread < threadSlotsEnd() && seen < waiters; thread++) {
    if (waiting[thread] === 0) continue;
    seen++;
    if (keySpace[thread] !== space || keyAddress[thread] !== address || (waitBitset[thread] & bitset) === 0) continue;
    if (best < 0 || waitOrder[thread] < waitOrder[best]) best = thread;
  }
  return best;
};

/** Wakes up to count of the oldest waiters on (space, address) whose bitset meets bitset; returns how many. */
export const futexWake = (space: number, address: number, bitset: number, count: number): number => {
  let woken: number = 0;
  while (woken < count) {
    const thread: number = oldestWaiter(space, address, bitset);
    if (thread < 0) break;
    forget(thread);
    wakeThread(thread);
    woken++;
  }
  return woken;
};

/** Moves up to count of the oldest waiters on (space, address) to (toSpace, toAddress); returns how many. */
export const futexRequeue = (space: number, address: number, toSpace: number, toAddress: number, count: number): number => {
  if (space === toSpace && address === toAddress) return 0;
  let moved: number = 0;
  while (moved < count) {
    const thread: number = oldestWaiter(space, address, 0xffffffff);
    if (thread < 0) break;
    keySpace[thread] = toSpace;
    keyAddress[thread] = toAddress;
    waitOrder[thread] = nextOrder++;
    moved++;
  }
  return moved;
};

/** The private memory [start, end) of slot's process is going: its waiters wake (as from a wake) rather than wait on nothing. */
export const futexForgetRange = (slot: number, start: number, end: number): void => {
  if (waiters === 0) return;
  for (let thread: number = 1; thread < threadSlotsEnd(); thread++) {
    if (waiting[thread] === 0 || keySpace[thread] !== slot || keyAddress[thread] < start || keyAddress[thread] >= end) continue;
    forget(thread);
    wakeThread(thread);
  }
};
