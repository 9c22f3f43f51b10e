// Pipes and FIFOs: a one-page ring buffer with reader and writer counts.
// pipe() makes an anonymous FIFO inode; mknod(S_IFIFO) a named one whose
// pipe exists while some end is open. Readers and writers sleep on the
// pipe's channel; every change wakes both sides and pollers.
import { EAGAIN, EFAULT, ENXIO, EPIPE } from "../api/errno";
import { cli, sti } from "../arch/i386/cpu";
import { kpageAlloc, kpageFree } from "../mm/kheap";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { sleepOn, wakeup } from "../proc/scheduler";
import { ERESTART, signalInterrupts } from "../proc/signals";
import { pipeChannel, POLL_CHANNEL } from "../proc/channels";
import { PAGE_SIZE } from "../api/limits";

export const MAX_PIPES: number = 1024;

const pipePage: Uint32Array = new Uint32Array(MAX_PIPES);
const pipeHead: Uint32Array = new Uint32Array(MAX_PIPES); // index of the oldest byte
const pipeCount: Uint32Array = new Uint32Array(MAX_PIPES);
const pipeReaders: Uint32Array = new Uint32Array(MAX_PIPES);
const pipeWriters: Uint32Array = new Uint32Array(MAX_PIPES);
/** Opens of each end ever made: a FIFO opener waits for the other end's count to move. */
const pipeOpens: Uint32Array = new Uint32Array(MAX_PIPES * 2);
let pipesUsed: number = 0;

/** A new empty pipe with no ends open, or -1 when pipes or memory run out. */
export const pipeAlloc = (): number => {
  for (let pipe: number = 1; pipe < MAX_PIPES; pipe++) {
    if (pipePage[pipe] !== 0) continue;
    const page: number = kpageAlloc();
    if (page === 0) return -1;
    pipePage[pipe] = page;
    pipeHead[pipe] = 0;
    pipeCount[pipe] = 0;
    pipeReaders[pipe] = 0;
    pipeWriters[pipe] = 0;
    pipeOpens[pipe * 2] = 0;
    pipeOpens[pipe * 2 + 1] = 0;
    pipesUsed++;
    return pipe;
  }
  return -1;
};

/** Pipes in use, for leak checks. */
export const pipesInUse = (): number => pipesUsed;

const changed = (pipe: number): void => {
  wakeup(pipeChannel(pipe));
  wakeup(POLL_CHANNEL);
};

/** Opens one end of pipe (no waiting). */
export const pipeAttach = (pipe: number, writer: boolean): void => {
  if (writer) pipeWriters[pipe]++;
  else pipeReaders[pipe]++;
  pipeOpens[pipe * 2 + (writer ? 1 : 0)]++;
  changed(pipe);
};

/**
 * Opens one end of a named FIFO the way open() does: a reader or writer
 * waits until the other end is open, unless nonblocking, where a writer
 * without a reader gets ENXIO and a reader returns at once. 0 or -errno.
 */
export const pipeOpenFifo = (pipe: number, writer: boolean, nonblocking: boolean): number => {
  if (writer && nonblocking && pipeReaders[pipe] === 0) return -ENXIO;
  pipeAttach(pipe, writer);
  if (nonblocking) return 0;
  const other: number = pipe * 2 + (writer ? 0 : 1);
  const seen: number = pipeOpens[other];
  cli();
  while ((writer ? pipeReaders[pipe] : pipeWriters[pipe]) === 0 && pipeOpens[other] === seen) {
    if (signalInterrupts()) {
      sti();
      pipeDetach(pipe, writer);
      return -ERESTART;
    }
    sleepOn(pipeChannel(pipe));
  }
  sti();
  return 0;
};

/** Closes one end; returns true when the pipe has no ends left (the caller frees it). */
export const pipeDetach = (pipe: number, writer: boolean): boolean => {
  if (writer) pipeWriters[pipe]--;
  else pipeReaders[pipe]--;
  changed(pipe);
  return pipeReaders[pipe] === 0 && pipeWriters[pipe] === 0;
};

/** Frees pipe's buffer (no end may be open). */
export const pipeFree = (pipe: number): void => {
  kpageFree(pipePage[pipe]);
  pipePage[pipe] = 0;
  pipesUsed--;
};

/** True when a read would not block: data, or no writer (EOF). */
export const pipeReadable = (pipe: number): boolean => pipeCount[pipe] > 0 || pipeWriters[pipe] === 0;
/** True when a write would not block: room, or no reader (EPIPE). */
export const pipeWritable = (pipe: number): boolean => pipeCount[pipe] < PAGE_SIZE || pipeReaders[pipe] === 0;

/** Moves up to length bytes out of the ring into user buffer; returns the count or -EFAULT. */
const drain = (pipe: number, process: number, buffer: number, length: number): number => {
  const count: number = Math.min(length, pipeCount[pipe]);
  const first: number = Math.min(count, PAGE_SIZE - pipeHead[pipe]);
  if (copyToUser(process, buffer, pipePage[pipe] + pipeHead[pipe], first) < 0) return -EFAULT;
  if (count > first && copyToUser(process, buffer + first, pipePage[pipe], count - first) < 0) return -EFAULT;
  pipeHead[pipe] = (pipeHead[pipe] + count) % PAGE_SIZE;
  pipeCount[pipe] -= count;
  return count;
};

/** Moves up to length bytes from user buffer into the ring's free space; returns the count or -EFAULT. */
const fill = (pipe: number, process: number, buffer: number, length: number): number => {
  const count: number = Math.min(length, PAGE_SIZE - pipeCount[pipe]);
  const tail: number = (pipeHead[pipe] + pipeCount[pipe]) % PAGE_SIZE;
  const first: number = Math.min(count, PAGE_SIZE - tail);
  if (copyFromUser(process, pipePage[pipe] + tail, buffer, first) < 0) return -EFAULT;
  if (count > first && copyFromUser(process, pipePage[pipe], buffer + first, count - first) < 0) return -EFAULT;
  pipeCount[pipe] += count;
  return count;
};

/**
 * Reads what is buffered (at most size bytes) into process's buffer,
 * waiting while the pipe is empty and has a writer. Returns the count, 0
 * at EOF, -EAGAIN when nonblocking and empty, -EFAULT.
 */
export const pipeRead = (pipe: number, process: number, buffer: number, size: number, nonblocking: boolean): number => {
  cli();
  while (pipeCount[pipe] === 0 && pipeWriters[pipe] > 0) {
    if (nonblocking || signalInterrupts()) {
      sti();
      return nonblocking ? -EAGAIN : -ERESTART;
    }
    sleepOn(pipeChannel(pipe));
  }
  sti();
  const count: number = drain(pipe, process, buffer, size);
  if (count > 0) changed(pipe);
  return count;
};

/**
 * Writes all size bytes from process's buffer, waiting for room. Returns
 * size, or the bytes written before an error; with nothing written
 * -EPIPE (no reader), -EAGAIN (nonblocking and full) or -EFAULT.
 */
export const pipeWrite = (pipe: number, process: number, buffer: number, size: number, nonblocking: boolean): number => {
  let done: number = 0;
  while (done < size) {
    cli();
    while (pipeCount[pipe] === PAGE_SIZE && pipeReaders[pipe] > 0 && !nonblocking) {
      if (signalInterrupts()) {
        sti();
        return done > 0 ? done : -ERESTART;
      }
      sleepOn(pipeChannel(pipe));
    }
    sti();
    if (pipeReaders[pipe] === 0) return done > 0 ? done : -EPIPE;
    if (pipeCount[pipe] === PAGE_SIZE) return done > 0 ? done : -EAGAIN;
    const count: number = fill(pipe, process, buffer + done, size - done);
    if (count < 0) return done > 0 ? done : count;
    done += count;
    changed(pipe);
  }
  return done;
};
