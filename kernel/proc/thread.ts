// Threads: a fixed table of slots, each with a kernel stack in the kernel
// window (a guard page below three mapped pages) and a saved stack pointer
// in boot/tables.asm's saved_esp_table. Slot 0 is the idle thread: the
// boot stack that kmain runs on.
import { fpuSaveClean, interruptReturnAddress, savedEspTableAddress } from "../arch/i386/cpu";
import { bytesAddress, copyBytes, peek32, poke32 } from "../arch/i386/io";
import { FPU_STATE_BYTES, fpuStateAddress, fpuStateLink } from "../arch/i386/trapframe";
import { frameAllocBelow, frameFree } from "../mm/frames";
import { kernelPageDirectory, LOWMEM_LIMIT, mapPage, PTE_GLOBAL, PTE_WRITABLE, unmapPage } from "../mm/paging";
import { MAX_THREADS } from "../lib/limits";
import { releaseThreadId } from "./process";
import { PAGE_SIZE } from "../api/limits";

export const THREAD_FREE: number = 0;
export const THREAD_RUNNABLE: number = 1;
export const THREAD_RUNNING: number = 2;
export const THREAD_BLOCKED: number = 3;
export const THREAD_DEAD: number = 4;
/** Ended and joinable: the slot keeps the tid and exit value until join_thread (no kernel stack). */
export const THREAD_EXITED: number = 5;
export const DEFAULT_PRIORITY: number = 30;

const KERNEL_STACKS_BASE: number = 0xf8000000;
const STACK_SLOT_BYTES: number = 4 * PAGE_SIZE; // page 0 is the unmapped guard
export const TRAP_FRAME_BYTES: number = 76; // boot/interrupts.asm's frame from a ring-3 entry
const SWITCH_FRAME_BYTES: number = 20; // edi, esi, ebx, ebp, return address (boot/switch.asm)

const threadState: Uint8Array = new Uint8Array(MAX_THREADS);
const threadProcess: Int32Array = new Int32Array(MAX_THREADS);
const threadTid: Int32Array = new Int32Array(MAX_THREADS);
const threadPriority: Uint8Array = new Uint8Array(MAX_THREADS);
const threadWaitChannel: Int32Array = new Int32Array(MAX_THREADS);
// Signal state of each thread (proc/signals.ts gives it meaning): the
// blocked and pending sets, bit sig-1 as in sigset_t.
const threadSignalMask: Uint32Array = new Uint32Array(MAX_THREADS);
const threadSignalPending: Uint32Array = new Uint32Array(MAX_THREADS);
const cleanFpuState: Uint8Array = new Uint8Array(FPU_STATE_BYTES);
/** The longest thread name set_thread_name takes. */
export const THREAD_NAME_MAX: number = 64;
const threadName: Uint8Array = new Uint8Array(MAX_THREADS * THREAD_NAME_MAX);
const threadNameLength: Uint8Array = new Uint8Array(MAX_THREADS);
// Joining: whether another thread may join this one (JOIN_*), and the
// value its exit_thread gave.
const threadJoinState: Uint8Array = new Uint8Array(MAX_THREADS);
const threadExitValue: Uint32Array = new Uint32Array(MAX_THREADS);
// Set when the thread must end at its next return towards user mode
// (another thread's exit or execve ends the rest of the process).
const threadMustDie: Uint8Array = new Uint8Array(MAX_THREADS);
// Thread-local storage: the user thread pointer (the GS base, the address
// of the self pointer ending the thread's TLS block) and the region holding
// the block, which the thread's end unmaps.
const threadTlsPointer: Uint32Array = new Uint32Array(MAX_THREADS);
const threadTlsRegionStart: Uint32Array = new Uint32Array(MAX_THREADS);
const threadTlsRegionBytes: Uint32Array = new Uint32Array(MAX_THREADS);

// The tables above belong to this file: every other file reads a field
// through its accessor (fieldOf) and writes it through its setter.
export const threadStateOf = (thread: number): number => threadState[thread];
export const threadProcessOf = (thread: number): number => threadProcess[thread];
export const threadTidOf = (thread: number): number => threadTid[thread];
export const threadPriorityOf = (thread: number): number => threadPriority[thread];
export const threadWaitChannelOf = (thread: number): number => threadWaitChannel[thread];
export const threadSetState = (thread: number, state: number): void => { threadState[thread] = state; };
export const threadSetPriority = (thread: number, priority: number): void => { threadPriority[thread] = priority; };
/** Nobody joins it: its slot is freed as it ends. */
export const JOIN_DETACHED: number = 0;
/** A join_thread may take it; when it ends its slot waits for that. */
export const JOIN_JOINABLE: number = 1;
/** A join_thread waits for it (a second one gets EINVAL). */
export const JOIN_CLAIMED: number = 2;
export const threadJoinStateOf = (thread: number): number => threadJoinState[thread];
export const threadSetJoinState = (thread: number, state: number): void => { threadJoinState[thread] = state; };
export const threadExitValueOf = (thread: number): number => threadExitValue[thread];
export const threadSetExitValue = (thread: number, value: number): void => { threadExitValue[thread] = value; };
export const threadMustDieOf = (thread: number): boolean => threadMustDie[thread] !== 0;
export const threadSetMustDie = (thread: number): void => { threadMustDie[thread] = 1; };
export const threadTlsPointerOf = (thread: number): number => threadTlsPointer[thread];
export const threadTlsRegionStartOf = (thread: number): number => threadTlsRegionStart[thread];
export const threadTlsRegionBytesOf = (thread: number): number => threadTlsRegionBytes[thread];
/** Records thread's TLS: its thread pointer, and the region [start, start + bytes) its block lives in (0, 0: none of its own). */
export const threadSetTls = (thread: number, pointer: number, start: number, bytes: number): void => {
  threadTlsPointer[thread] = pointer;
  threadTlsRegionStart[thread] = start;
  threadTlsRegionBytes[thread] = bytes;
};

/** thread takes over from's TLS block (a forked child's thread, the same addresses in a copied space). */
export const threadCopyTls = (thread: number, from: number): void => {
  threadSetTls(thread, threadTlsPointer[from], threadTlsRegionStart[from], threadTlsRegionBytes[from]);
};

/** True for a thread that runs, may run or sleeps: not free, dying after its switch, or ended. */
export const threadIsLive = (thread: number): boolean => {
  const state: number = threadState[thread];
  return state !== THREAD_FREE && state !== THREAD_DEAD && state !== THREAD_EXITED;
};

export const threadNameLengthOf = (thread: number): number => threadNameLength[thread];
/** Byte i of thread's name. */
export const threadNameByteOf = (thread: number, i: number): number => threadName[thread * THREAD_NAME_MAX + i];
/** Kernel address of thread's name buffer (THREAD_NAME_MAX bytes). */
export const threadNameAddress = (thread: number): number => bytesAddress(threadName) + thread * THREAD_NAME_MAX;
/** Sets how many bytes of thread's name buffer are its name. */
export const threadSetNameLength = (thread: number, length: number): void => { threadNameLength[thread] = length; };

/** Gives thread the name at kernel address from (length bytes, cut to THREAD_NAME_MAX). */
export const threadSetName = (thread: number, from: number, length: number): void => {
  const kept: number = Math.min(length, THREAD_NAME_MAX);
  copyBytes(threadNameAddress(thread), from, kept);
  threadNameLength[thread] = kept;
};

/** The live thread whose tid is tid (or an ended one awaiting its join, when withEnded), or -1. */
export const threadOfTid = (tid: number, withEnded: boolean): number => {
  for (let slot: number = 1; slot < threadSlotsEnd(); slot++) {
    if (threadTid[slot] !== tid) continue;
    if (threadIsLive(slot) || (withEnded && threadState[slot] === THREAD_EXITED)) return slot;
  }
  return -1;
};
export const threadSetWaitChannel = (thread: number, channel: number): void => { threadWaitChannel[thread] = channel; };
export const threadSignalMaskOf = (thread: number): number => threadSignalMask[thread];
export const threadSignalPendingOf = (thread: number): number => threadSignalPending[thread];
export const threadSetSignalMask = (thread: number, mask: number): void => { threadSignalMask[thread] = mask; };
export const threadSetSignalPending = (thread: number, pending: number): void => { threadSignalPending[thread] = pending; };

/** The signals pending on thread that it does not block: nonzero means a blocking call should end. */
export const threadSignalsDeliverable = (thread: number): number => (threadSignalPending[thread] & ~threadSignalMask[thread]) >>> 0;


/** Top of slot's kernel stack: where a ring-3 interrupt starts pushing. */
export const kernelStackTop = (slot: number): number => KERNEL_STACKS_BASE + (slot + 1) * STACK_SLOT_BYTES;

/** The interrupt frame saved on slot's stack when it entered the kernel from ring 3. */
export const userTrapFrame = (slot: number): number => kernelStackTop(slot) - TRAP_FRAME_BYTES;

/** Address of slot's saved kernel esp (for switchContext). */
export const savedEspSlot = (slot: number): number => savedEspTableAddress() + slot * 4;

/** Takes a clean FPU image for new threads; marks slot 0 as the running idle thread. */
export const threadsInit = (): void => {
  fpuSaveClean(bytesAddress(cleanFpuState));
  threadState[0] = THREAD_RUNNING;
  threadProcess[0] = -1;
  threadTid[0] = 0;
};

let threadSlotsEndAt: number = 1;

/** One past the highest thread slot in use (idle's 0 always is): a scan of the table stops here. */
export const threadSlotsEnd = (): number => threadSlotsEndAt;

/** A free thread slot, or -1. */
const findFreeSlot = (): number => {
  for (let slot: number = 1; slot < MAX_THREADS; slot++) {
    if (threadState[slot] === THREAD_FREE) return slot;
  }
  return -1;
};

/** Maps the three stack pages of slot; false (nothing kept) when frames run out. */
const mapKernelStack = (slot: number): boolean => {
  const base: number = KERNEL_STACKS_BASE + slot * STACK_SLOT_BYTES;
  for (let page: number = 1; page < 4; page++) {
    const frame: number = frameAllocBelow(LOWMEM_LIMIT);
    if (frame === 0 || !mapPage(kernelPageDirectory, base + page * PAGE_SIZE, frame, PTE_WRITABLE | PTE_GLOBAL)) {
      if (frame !== 0) frameFree(frame);
      unmapKernelStack(slot);
      return false;
    }
  }
  return true;
};

const unmapKernelStack = (slot: number): void => {
  const base: number = KERNEL_STACKS_BASE + slot * STACK_SLOT_BYTES;
  for (let page: number = 1; page < 4; page++) {
    const frame: number = unmapPage(kernelPageDirectory, base + page * PAGE_SIZE);
    if (frame !== 0) frameFree(frame);
  }
};

/**
 * Creates a thread of process with a kernel stack whose first switch
 * "returns from an interrupt" through frame (TRAP_FRAME_BYTES copied from
 * a kernel address) with the FPU state at fpuState (or a clean one when 0).
 * The thread is not runnable yet. Returns the slot, or -1 when out of slots or memory.
 */
export const threadCreate = (process: number, tid: number, frame: number, fpuState: number): number => {
  const slot: number = findFreeSlot();
  if (slot < 0 || !mapKernelStack(slot)) return -1;
  const frameAddress: number = userTrapFrame(slot);
  copyBytes(frameAddress, frame, TRAP_FRAME_BYTES);
  const fpuAddress: number = fpuStateAddress(frameAddress);
  copyBytes(fpuAddress, fpuState !== 0 ? fpuState : bytesAddress(cleanFpuState), FPU_STATE_BYTES);
  fpuStateLink(frameAddress);
  const switchFrame: number = fpuAddress - SWITCH_FRAME_BYTES;
  for (let offset: number = 0; offset < 16; offset += 4) poke32(switchFrame + offset, 0);
  poke32(switchFrame + 16, interruptReturnAddress());
  poke32(savedEspSlot(slot), switchFrame);
  threadState[slot] = THREAD_BLOCKED;
  if (slot >= threadSlotsEndAt) threadSlotsEndAt = slot + 1;
  threadProcess[slot] = process;
  threadTid[slot] = tid;
  threadPriority[slot] = DEFAULT_PRIORITY;
  threadWaitChannel[slot] = 0;
  threadSignalMask[slot] = 0;
  threadSignalPending[slot] = 0;
  threadNameLength[slot] = 0;
  threadJoinState[slot] = JOIN_JOINABLE;
  threadExitValue[slot] = 0;
  threadMustDie[slot] = 0;
  threadTlsPointer[slot] = 0;
  threadTlsRegionStart[slot] = 0;
  threadTlsRegionBytes[slot] = 0;
  return slot;
};

/**
 * A dead thread (never the running one) gives back its kernel stack; a
 * joinable one keeps its slot as THREAD_EXITED for join_thread, the rest
 * free it (and its tid, when that is not its process's pid).
 */
export const threadRelease = (slot: number): void => {
  unmapKernelStack(slot);
  if (threadJoinState[slot] !== JOIN_DETACHED) threadState[slot] = THREAD_EXITED;
  else threadFree(slot);
};

/** Frees the slot of an ended thread (joined, detached after its end, or its process gone). */
export const threadFree = (slot: number): void => {
  releaseThreadId(threadTid[slot]);
  threadState[slot] = THREAD_FREE;
  threadProcess[slot] = -1;
  while (threadSlotsEndAt > 1 && threadState[threadSlotsEndAt - 1] === THREAD_FREE) threadSlotsEndAt--;
};

/** Thread slots in use, idle included (leak checks). */
export const threadsInUse = (): number => {
  let count: number = 0;
  for (let slot: number = 0; slot < MAX_THREADS; slot++) {
    if (threadState[slot] !== THREAD_FREE) count++;
  }
  return count;
};

/** Kernel address of the clean FPU image new programs start with. */
export const cleanFpuStateAddress = (): number => bytesAddress(cleanFpuState);

const FXSAVE_MXCSR: number = 24;
const FXSAVE_MXCSR_MASK: number = 28; // the MXCSR bits this CPU has; 0 on CPUs that predate the field
const MXCSR_MASK_DEFAULT: number = 0xffbf;

/**
 * Makes an FPU image that came from user memory (a signal frame) safe to
 * restore: an MXCSR bit this CPU lacks would fault on the way back to user
 * mode. What else it holds only concerns the program's own computing.
 */
export const fpuStateSanitize = (address: number): void => {
  const supported: number = peek32(bytesAddress(cleanFpuState) + FXSAVE_MXCSR_MASK);
  const mask: number = supported !== 0 ? supported : MXCSR_MASK_DEFAULT;
  poke32(address + FXSAVE_MXCSR, (peek32(address + FXSAVE_MXCSR) & mask) >>> 0);
};
