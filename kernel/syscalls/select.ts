// select and poll (syscalls 64 and 66): wait until one of a set of
// files is ready to read or write, or a timeout passes.
//   SC_select_params { int nfds; fd_set* readfds; fd_set* writefds;
//                      fd_set* exceptfds; const timespec* timeout; const u32* sigmask }  24 bytes
//   SC_poll_params { pollfd* fds; unsigned nfds; const timespec* timeout; const u32* sigmask }  16 bytes
// A null timeout waits forever, a zero one not at all. A sigmask replaces
// the thread's signal mask for the call (pselect/ppoll; the thread's own
// mask is back once it returns to user mode); a signal it lets through
// ends the wait with EINTR, never restarted.
//
// Both calls turn their arguments into a table of entries in a scratch
// kernel page (one word each: the description, referenced so a close by
// another thread cannot free it under us, and the readiness wanted), then
// sleep on POLL_CHANNEL, which everything that can make a file ready
// wakes (pipes, console input, inode watcher events), re-checking after
// each wakeup. The page is per call because the wait sleeps: module
// buffers are shared by every thread and only used between sleeps.
import { EBADF, EFAULT, EINTR, EINVAL, ENOBUFS, ENOMEM } from "../api/errno";
import { cli, sti } from "../arch/i386/cpu";
import { bytesAddress, fillBytes, peek32, poke32, wordsAddress } from "../arch/i386/io";
import { fdDescription } from "../fs/description";
import { POLL_CHANNEL } from "../proc/channels";
import { fileReadable, fileRelease, fileRetain, fileWritable } from "../fs/file";
import { NANOSECONDS_PER_SECOND, timespecFraction, timespecSeconds } from "../lib/time";
import { tickCount } from "../arch/i386/pit";
import { kpageAlloc, kpageFree } from "../mm/kheap";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { currentProcess, sleepOn, sleepOnUntil } from "../proc/scheduler";
import { deadlineTickAfter } from "../time/clock";
import { signalInterrupts, signalSwapMask } from "../proc/signals";
import { FD_SETSIZE, POLLIN, POLLOUT } from "../api/abi";
import {
  POLLFD_BYTES, POLLFD_EVENTS, POLLFD_FD, POLLFD_REVENTS_OFFSET, POLLFD_WORDS, POLL_PARAMS_BYTES,
  POLL_PARAMS_FDS, POLL_PARAMS_NFDS, POLL_PARAMS_SIGMASK, POLL_PARAMS_TIMEOUT, POLL_PARAMS_WORDS,
  SELECT_PARAMS_BYTES, SELECT_PARAMS_EXCEPTFDS, SELECT_PARAMS_NFDS, SELECT_PARAMS_READFDS,
  SELECT_PARAMS_SIGMASK, SELECT_PARAMS_TIMEOUT, SELECT_PARAMS_WORDS, SELECT_PARAMS_WRITEFDS,
  TIMESPEC_BYTES, TIMESPEC_WORDS,
} from "../api/layout";

// What an entry waits for. No file here has exceptional conditions (no
// sockets, no device errors), so WANT_EXCEPT is never satisfied.
const WANT_READ: number = 1;
const WANT_WRITE: number = 2;
const WANT_EXCEPT: number = 4;
const DESC_BITS: number = 0xffff; // descriptions are below 2^16; the want bits sit above

/** A deadline that never comes: the wait has no timeout. */
const FOREVER: number = -1;

const FD_SET_BYTES: number = FD_SETSIZE / 8;
const selectParams: Uint32Array = new Uint32Array(SELECT_PARAMS_WORDS);
const pollParams: Uint32Array = new Uint32Array(POLL_PARAMS_WORDS);
const timeoutWords: Uint32Array = new Uint32Array(TIMESPEC_WORDS);
const sigmaskWord: Uint32Array = new Uint32Array(1);
const readBits: Uint8Array = new Uint8Array(FD_SET_BYTES);
const writeBits: Uint8Array = new Uint8Array(FD_SET_BYTES);
const exceptBits: Uint8Array = new Uint8Array(FD_SET_BYTES);
const POLL_CHUNK: number = 64;
const pollChunk: Uint32Array = new Uint32Array(POLL_CHUNK * POLLFD_WORDS);
const reventsWord: Uint32Array = new Uint32Array(1);

// --- the entry table ---

const entryDesc = (entries: number, i: number): number => peek32(entries + i * 4) & DESC_BITS;
const entryWant = (entries: number, i: number): number => peek32(entries + i * 4) >>> 16;

/** The WANT_* bits of want that desc satisfies now. */
const readyFlags = (desc: number, want: number): number => {
  let ready: number = 0;
  if ((want & WANT_READ) !== 0 && fileReadable(desc)) ready |= WANT_READ;
  if ((want & WANT_WRITE) !== 0 && fileWritable(desc)) ready |= WANT_WRITE;
  return ready;
};

/** True when some entry of the first count (empty ones are 0) is ready. */
const anyReady = (entries: number, count: number): boolean => {
  for (let i: number = 0; i < count; i++) {
    const desc: number = entryDesc(entries, i);
    if (desc !== 0 && readyFlags(desc, entryWant(entries, i)) !== 0) return true;
  }
  return false;
};

/**
 * Sleeps on POLL_CHANNEL until an entry is ready or the tick deadline
 * (FOREVER: none) passes. Interrupts stay off between the check and the
 * sleep, so console input arriving in between is not missed.
 */
const waitUntilReady = (entries: number, count: number, deadline: number): boolean => {
  cli();
  let interrupted: boolean = false;
  while (!anyReady(entries, count)) {
    if (signalInterrupts()) {
      interrupted = true;
      break;
    }
    if (deadline === FOREVER) sleepOn(POLL_CHANNEL);
    else if (sleepOnUntil(POLL_CHANNEL, deadline)) break;
  }
  sti();
  return interrupted;
};

/** Drops the description references of the first count entries. */
const releaseEntries = (entries: number, count: number): void => {
  for (let i: number = 0; i < count; i++) {
    const desc: number = entryDesc(entries, i);
    if (desc !== 0) fileRelease(desc);
  }
};

/** A zeroed scratch page for count entries (none needed for 0: returns -1), or 0 without memory. */
const entriesAlloc = (count: number): number => count === 0 ? -1 : kpageAlloc();

/** Gives back the scratch page of count entries (whose references are dropped already). */
const entriesFree = (entries: number, count: number): void => {
  if (count !== 0) kpageFree(entries);
};

// --- arguments ---

/**
 * The tick at which a wait with the user timespec at address ends:
 * FOREVER for a null pointer, now for a zero or negative time, -EFAULT.
 * tv_nsec outside [0, 10^9) carries into the seconds, as the reference's
 * Time::from_timespec does.
 */
const readDeadline = (process: number, address: number): number => {
  if (address === 0) return FOREVER;
  if (copyFromUser(process, wordsAddress(timeoutWords), address, TIMESPEC_BYTES) < 0) return -EFAULT;
  const nanoseconds: number = timespecFraction(timeoutWords);
  const carried: number = Math.floor(nanoseconds / NANOSECONDS_PER_SECOND);
  const seconds: number = timespecSeconds(timeoutWords) + carried;
  if (seconds < 0) return tickCount();
  return deadlineTickAfter(seconds, nanoseconds - carried * NANOSECONDS_PER_SECOND);
};

/** Copies the optional signal mask at address into sigmaskWord; 0 or -EFAULT. */
const readSigmask = (process: number, address: number): number =>
  address === 0 || copyFromUser(process, wordsAddress(sigmaskWord), address, 4) >= 0 ? 0 : -EFAULT;

/** waitUntilReady with the call's signal mask (read by readSigmask) swapped in when it has one; true when a signal ended the wait. */
const waitWithSigmask = (entries: number, count: number, deadline: number, hasSigmask: boolean): boolean => {
  if (hasSigmask) signalSwapMask(sigmaskWord[0]);
  return waitUntilReady(entries, count, deadline);
};

// --- select ---

/** Copies bytes of the optional fd_set at address into bits (all clear for a null set); 0 or -EFAULT. */
const copySetIn = (process: number, bits: Uint8Array, address: number, bytes: number): number => {
  fillBytes(bytesAddress(bits), 0, FD_SET_BYTES);
  if (address === 0 || bytes === 0) return 0;
  return copyFromUser(process, bytesAddress(bits), address, bytes) < 0 ? -EFAULT : 0;
};

const bitIsSet = (bits: Uint8Array, fd: number): boolean => (bits[fd >>> 3] & (1 << (fd & 7))) !== 0;

/** Sets fd's bit in bits; returns 1 (a marked bit) or 0 when not marked. */
const markBit = (bits: Uint8Array, fd: number, marked: boolean): number => {
  if (!marked) return 0;
  bits[fd >>> 3] |= 1 << (fd & 7);
  return 1;
};

/**
 * Fills entry fd (for every fd < nfds) from the copied sets: the open
 * description, referenced, and what is wanted; 0 for an fd in no set.
 * Returns 0, or -EBADF when a set names an fd that is not open (after
 * dropping the references taken so far).
 */
const selectEntries = (process: number, entries: number, nfds: number): number => {
  for (let fd: number = 0; fd < nfds; fd++) {
    let want: number = 0;
    if (bitIsSet(readBits, fd)) want |= WANT_READ;
    if (bitIsSet(writeBits, fd)) want |= WANT_WRITE;
    if (bitIsSet(exceptBits, fd)) want |= WANT_EXCEPT;
    if (want === 0) continue;
    const desc: number = fdDescription(process, fd);
    if (desc === 0) {
      releaseEntries(entries, fd);
      return -EBADF;
    }
    poke32(entries + fd * 4, (fileRetain(desc) | (want << 16)) >>> 0);
  }
  return 0;
};

/** Rewrites the sets to the ready fds of the entries; returns the number of bits marked. */
const markReady = (entries: number, nfds: number): number => {
  fillBytes(bytesAddress(readBits), 0, FD_SET_BYTES);
  fillBytes(bytesAddress(writeBits), 0, FD_SET_BYTES);
  fillBytes(bytesAddress(exceptBits), 0, FD_SET_BYTES);
  let marked: number = 0;
  for (let fd: number = 0; fd < nfds; fd++) {
    const desc: number = entryDesc(entries, fd);
    if (desc === 0) continue;
    const ready: number = readyFlags(desc, entryWant(entries, fd));
    marked += markBit(readBits, fd, (ready & WANT_READ) !== 0);
    marked += markBit(writeBits, fd, (ready & WANT_WRITE) !== 0);
  }
  return marked;
};

/** Copies bits back to the optional fd_set at address; 0 or -EFAULT. */
const copySetOut = (process: number, address: number, bits: Uint8Array, bytes: number): number => {
  if (address === 0 || bytes === 0) return 0;
  return copyToUser(process, address, bytesAddress(bits), bytes) < 0 ? -EFAULT : 0;
};

/** Copies the three sets back; 0 or -EFAULT. */
const copySetsOut = (process: number, readAddress: number, writeAddress: number, exceptAddress: number, bytes: number): number => {
  if (copySetOut(process, readAddress, readBits, bytes) < 0) return -EFAULT;
  if (copySetOut(process, writeAddress, writeBits, bytes) < 0) return -EFAULT;
  return copySetOut(process, exceptAddress, exceptBits, bytes);
};

/**
 * Waits until an fd of the read or write set is ready (or the timeout),
 * then rewrites the sets to the ready fds and returns how many bits are
 * set. Only ceil(nfds/8) bytes of each set are read and written.
 */
export const sys$select = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(selectParams), paramsAddress, SELECT_PARAMS_BYTES) < 0) return -EFAULT;
  const nfds: number = selectParams[SELECT_PARAMS_NFDS] | 0;
  const readAddress: number = selectParams[SELECT_PARAMS_READFDS];
  const writeAddress: number = selectParams[SELECT_PARAMS_WRITEFDS];
  const exceptAddress: number = selectParams[SELECT_PARAMS_EXCEPTFDS];
  if (nfds < 0) return -EINVAL;
  const deadline: number = readDeadline(process, selectParams[SELECT_PARAMS_TIMEOUT]);
  if (deadline === -EFAULT) return -EFAULT;
  if (readSigmask(process, selectParams[SELECT_PARAMS_SIGMASK]) < 0) return -EFAULT;
  const bytes: number = Math.ceil(nfds / 8);
  if (bytes > FD_SET_BYTES) return -EINVAL;
  if (copySetIn(process, readBits, readAddress, bytes) < 0) return -EFAULT;
  if (copySetIn(process, writeBits, writeAddress, bytes) < 0) return -EFAULT;
  if (copySetIn(process, exceptBits, exceptAddress, bytes) < 0) return -EFAULT;
  const entries: number = entriesAlloc(nfds);
  if (entries === 0) return -ENOMEM;
  const status: number = selectEntries(process, entries, nfds);
  if (status < 0) {
    entriesFree(entries, nfds);
    return status;
  }
  const interrupted: boolean = waitWithSigmask(entries, nfds, deadline, selectParams[SELECT_PARAMS_SIGMASK] !== 0);
  const marked: number = interrupted ? 0 : markReady(entries, nfds);
  releaseEntries(entries, nfds);
  entriesFree(entries, nfds);
  if (interrupted) return -EINTR;
  const copied: number = copySetsOut(process, readAddress, writeAddress, exceptAddress, bytes);
  return copied < 0 ? copied : marked;
};

// --- poll ---

/** The WANT_* bits of a pollfd's events: exceptions are always watched for, as in the reference. */
const pollWant = (events: number): number =>
  WANT_EXCEPT | ((events & POLLIN) !== 0 ? WANT_READ : 0) | ((events & POLLOUT) !== 0 ? WANT_WRITE : 0);

/**
 * Copies nfds pollfds from address (in chunks) into the entries as
 * fd | want << 16, an fd outside the table stored as DESC_BITS (never
 * open). 0 or -EFAULT.
 */
const copyPollfds = (process: number, entries: number, address: number, nfds: number): number => {
  for (let first: number = 0; first < nfds; first += POLL_CHUNK) {
    const count: number = Math.min(POLL_CHUNK, nfds - first);
    if (copyFromUser(process, wordsAddress(pollChunk), address + first * POLLFD_BYTES, count * POLLFD_BYTES) < 0) return -EFAULT;
    for (let i: number = 0; i < count; i++) {
      const fd: number = pollChunk[i * POLLFD_WORDS + POLLFD_FD] | 0;
      const slot: number = fd >= 0 && fd < FD_SETSIZE ? fd : DESC_BITS;
      poke32(entries + (first + i) * 4, (slot | (pollWant(pollChunk[i * POLLFD_WORDS + POLLFD_EVENTS] & 0xffff) << 16)) >>> 0);
    }
  }
  return 0;
};

/**
 * Replaces each entry's fd by its open description, referenced. Any fd
 * that is not open fails the whole call with -EBADF (the reference has no
 * POLLNVAL for it), after dropping the references taken so far.
 */
const openPollEntries = (process: number, entries: number, nfds: number): number => {
  for (let i: number = 0; i < nfds; i++) {
    const word: number = peek32(entries + i * 4);
    const fd: number = word & DESC_BITS;
    const desc: number = fd === DESC_BITS ? 0 : fdDescription(process, fd);
    if (desc === 0) {
      releaseEntries(entries, i);
      return -EBADF;
    }
    poke32(entries + i * 4, ((word & ~DESC_BITS) | fileRetain(desc)) >>> 0);
  }
  return 0;
};

/** Writes each pollfd's revents (POLLIN, POLLOUT); returns how many are nonzero, or -EFAULT. */
const writeRevents = (process: number, entries: number, address: number, nfds: number): number => {
  let count: number = 0;
  for (let i: number = 0; i < nfds; i++) {
    const ready: number = readyFlags(entryDesc(entries, i), entryWant(entries, i));
    reventsWord[0] = ((ready & WANT_READ) !== 0 ? POLLIN : 0) | ((ready & WANT_WRITE) !== 0 ? POLLOUT : 0);
    if (reventsWord[0] !== 0) count++;
    if (copyToUser(process, address + i * POLLFD_BYTES + POLLFD_REVENTS_OFFSET, wordsAddress(reventsWord), 2) < 0) return -EFAULT;
  }
  return count;
};

/**
 * Waits until a pollfd's events are ready (or the timeout), fills every
 * revents and returns how many are nonzero. nfds of FD_SETSIZE or more is
 * ENOBUFS.
 */
export const sys$poll = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(pollParams), paramsAddress, POLL_PARAMS_BYTES) < 0) return -EFAULT;
  const address: number = pollParams[POLL_PARAMS_FDS];
  const nfds: number = pollParams[POLL_PARAMS_NFDS];
  if (nfds >= FD_SETSIZE) return -ENOBUFS;
  const deadline: number = readDeadline(process, pollParams[POLL_PARAMS_TIMEOUT]);
  if (deadline === -EFAULT) return -EFAULT;
  if (readSigmask(process, pollParams[POLL_PARAMS_SIGMASK]) < 0) return -EFAULT;
  const entries: number = entriesAlloc(nfds);
  if (entries === 0) return -ENOMEM;
  let status: number = copyPollfds(process, entries, address, nfds);
  if (status === 0) status = openPollEntries(process, entries, nfds);
  if (status < 0) {
    entriesFree(entries, nfds);
    return status;
  }
  const interrupted: boolean = waitWithSigmask(entries, nfds, deadline, pollParams[POLL_PARAMS_SIGMASK] !== 0);
  const count: number = interrupted ? 0 : writeRevents(process, entries, address, nfds);
  releaseEntries(entries, nfds);
  entriesFree(entries, nfds);
  return interrupted ? -EINTR : count;
};
