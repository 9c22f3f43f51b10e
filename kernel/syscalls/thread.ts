// Threads of the caller's process (docs/threads.md): create_thread,
// exit_thread, join_thread, detach_thread, kill_thread, set_thread_name,
// get_thread_name and allocate_tls (syscalls 82, 86, 116, 119, 151, 120,
// 121, 141). A tid names a thread of the caller's process, or ESRCH.
import { NSIG, THREAD_PRIORITY_MAX, THREAD_PRIORITY_MIN } from "../api/abi";
import { EAGAIN, EDEADLK, EFAULT, EINTR, EINVAL, ENAMETOOLONG, ENOMEM, EOVERFLOW, ESRCH } from "../api/errno";
import {
  CREATE_THREAD_PARAMS_BYTES, CREATE_THREAD_PARAMS_DETACH_STATE, CREATE_THREAD_PARAMS_SCHEDULE_PRIORITY,
  CREATE_THREAD_PARAMS_STACK_LOCATION, CREATE_THREAD_PARAMS_STACK_SIZE, CREATE_THREAD_PARAMS_WORDS,
} from "../api/layout";
import { bytesAddress, copyBytes, wordsAddress } from "../arch/i386/io";
import { kprintln } from "../devices/console";
import { formatUnsigned } from "../lib/format";
import { resetUserFrame } from "../lifecycle/exec";
import { processExit, threadExit } from "../lifecycle/exit";
import { tlsAllocate, tlsCreateBlock } from "../lifecycle/tls";
import { spaceIsStack } from "../mm/space";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { joinChannel } from "../proc/channels";
import {
  allocateThreadId, nameAddress, processHasOneThread, processThreadCountAdd, procNameLengthOf, releaseThreadId,
} from "../proc/process";
import { PD_UID, protectedGet } from "../proc/protected";
import { fpuStateAddress, STAGED_FRAME_BYTES, stagedFrameAddress } from "../arch/i386/trapframe";
import { currentProcess, currentThread, makeRunnable, sleepOnUninterruptible } from "../proc/scheduler";
import { signalKillPending, signalThread, signalThreadStart, SI_USER } from "../proc/signals";
import {
  JOIN_CLAIMED, JOIN_DETACHED, JOIN_JOINABLE, THREAD_EXITED, THREAD_NAME_MAX,
  threadCreate, threadExitValueOf, threadFree, threadJoinStateOf, threadNameAddress, threadNameLengthOf, threadOfTid,
  threadProcessOf, threadRelease, threadSetExitValue, threadSetJoinState, threadSetName, threadSetPriority,
  threadSignalMaskOf, threadStateOf,
} from "../proc/thread";
import { sys$munmap } from "./mmap";

const nameBuffer: Uint8Array = new Uint8Array(THREAD_NAME_MAX);
const createParams: Uint32Array = new Uint32Array(CREATE_THREAD_PARAMS_WORDS);
const entryFrame: Uint8Array = new Uint8Array(STAGED_FRAME_BYTES);
const exitValue: Uint32Array = new Uint32Array(1);
const ADDRESS_SPACE_END: number = 4294967296;

/** The thread tid names if it belongs to the caller's process (an ended one awaiting its join when withEnded), else -1. */
const ownThread = (tid: number, withEnded: boolean): number => {
  const thread: number = threadOfTid(tid | 0, withEnded);
  return thread >= 0 && threadProcessOf(thread) === currentProcess() ? thread : -1;
};

/** Names a new thread of process "<process name> [tid]", as the reference does. */
const nameNewThread = (thread: number, process: number, tid: number): void => {
  const length: number = Math.min(procNameLengthOf(process), THREAD_NAME_MAX - 10);
  copyBytes(bytesAddress(nameBuffer), nameAddress(process), length);
  nameBuffer[length] = 32; // ' '
  nameBuffer[length + 1] = 91; // '['
  const digits: number = formatUnsigned(tid, 10, 1, tidDigits);
  copyBytes(bytesAddress(nameBuffer) + length + 2, bytesAddress(tidDigits), digits);
  nameBuffer[length + 2 + digits] = 93; // ']'
  threadSetName(thread, bytesAddress(nameBuffer), length + 3 + digits);
};
const tidDigits: Uint8Array = new Uint8Array(12);

/**
 * SC_create_thread_params: a thread of the caller's process starting at
 * entry (eip) with esp at stack_location + stack_size, eflags 0x202, its
 * own TLS block, the caller's signal mask, joinable unless detach_state.
 * Returns its tid, or EFAULT (params; the stack top not in a MAP_STACK
 * region), EOVERFLOW (the stack wraps), EINVAL (priority), EAGAIN (no tid
 * or thread slot), ENOMEM.
 */
export const sys$create_thread = (frame: number, entry: number, paramsAddress: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(createParams), paramsAddress, CREATE_THREAD_PARAMS_BYTES) < 0) return -EFAULT;
  const stackTop: number = createParams[CREATE_THREAD_PARAMS_STACK_LOCATION] + createParams[CREATE_THREAD_PARAMS_STACK_SIZE];
  if (stackTop >= ADDRESS_SPACE_END) return -EOVERFLOW;
  if (!spaceIsStack(process, stackTop - 4)) return -EFAULT;
  const priority: number = createParams[CREATE_THREAD_PARAMS_SCHEDULE_PRIORITY] | 0;
  if (priority < THREAD_PRIORITY_MIN || priority > THREAD_PRIORITY_MAX) return -EINVAL;
  const tid: number = allocateThreadId();
  if (tid < 0) return -EAGAIN;
  const start: number = stagedFrameAddress(bytesAddress(entryFrame));
  resetUserFrame(start, entry, stackTop);
  const thread: number = threadCreate(process, tid, start, fpuStateAddress(start));
  if (thread < 0) {
    releaseThreadId(tid);
    return -EAGAIN;
  }
  if (!tlsCreateBlock(process, thread)) {
    threadSetJoinState(thread, JOIN_DETACHED);
    threadRelease(thread);
    return -ENOMEM;
  }
  threadSetPriority(thread, priority);
  signalThreadStart(thread, threadSignalMaskOf(currentThread));
  if (createParams[CREATE_THREAD_PARAMS_DETACH_STATE] !== 0) threadSetJoinState(thread, JOIN_DETACHED);
  nameNewThread(thread, process, tid);
  processThreadCountAdd(process, 1);
  makeRunnable(thread);
  return tid;
};

/**
 * Ends the calling thread with value for its joiner, after unmapping its
 * stack [stackLocation, + stackSize) when given (a failure is only
 * logged). The last thread ends the process as exit(0) does. Never returns.
 */
export const sys$exit_thread = (frame: number, value: number, stackLocation: number, stackSize: number): number => {
  const process: number = currentProcess();
  if (processHasOneThread(process)) processExit(process, 0, 0);
  if (stackLocation !== 0 && sys$munmap(frame, stackLocation, stackSize, 0) < 0) kprintln("exit_thread: the thread's stack could not be unmapped");
  threadSetExitValue(currentThread, value);
  threadExit(process);
  return 0;
};

/**
 * Waits for thread tid to end (no signal interrupts it, only the
 * process's own end), frees it, and stores its exit value at
 * exitValueAddress unless 0. ESRCH, EDEADLK (itself), EINVAL (detached,
 * or another join waits for it), EFAULT.
 */
export const sys$join_thread = (frame: number, tid: number, exitValueAddress: number, arg3: number): number => {
  const target: number = ownThread(tid, true);
  if (target < 0) return -ESRCH;
  if (target === currentThread) return -EDEADLK;
  if (threadJoinStateOf(target) !== JOIN_JOINABLE) return -EINVAL;
  threadSetJoinState(target, JOIN_CLAIMED);
  while (threadStateOf(target) !== THREAD_EXITED) {
    if (signalKillPending(currentThread)) {
      threadSetJoinState(target, JOIN_JOINABLE);
      return -EINTR;
    }
    sleepOnUninterruptible(joinChannel(target));
  }
  exitValue[0] = threadExitValueOf(target);
  threadFree(target);
  if (exitValueAddress !== 0 && copyToUser(currentProcess(), exitValueAddress, wordsAddress(exitValue), 4) < 0) return -EFAULT;
  return 0;
};

/** Nobody will join thread tid: its slot goes as it ends (at once when it has). ESRCH, EINVAL (not joinable). */
export const sys$detach_thread = (frame: number, tid: number, arg2: number, arg3: number): number => {
  const target: number = ownThread(tid, true);
  if (target < 0) return -ESRCH;
  if (threadJoinStateOf(target) !== JOIN_JOINABLE) return -EINVAL;
  if (threadStateOf(target) === THREAD_EXITED) threadFree(target);
  else threadSetJoinState(target, JOIN_DETACHED);
  return 0;
};

/**
 * A master TLS image of size bytes (a page multiple) from initialData and
 * the caller's TLS block, for a program that sets up TLS itself: returns
 * the image's address, or EINVAL, EEXIST, EFAULT (other threads exist, or
 * a bad initialData), ENOMEM.
 */
export const sys$allocate_tls = (frame: number, initialData: number, size: number, arg3: number): number => {
  const process: number = currentProcess();
  return tlsAllocate(process, currentThread, initialData, size, processHasOneThread(process));
};

/** Sends signal (0: only the check) to thread tid of the caller's process: EINVAL, ESRCH. */
export const sys$kill_thread = (frame: number, tid: number, signal: number, arg3: number): number => {
  if (signal < 0 || signal >= NSIG) return -EINVAL;
  const thread: number = ownThread(tid, false);
  if (thread < 0) return -ESRCH;
  const process: number = currentProcess();
  if (signal !== 0) signalThread(thread, signal, SI_USER, tid | 0, protectedGet(process, PD_UID), 0);
  return 0;
};

/** Names thread tid (the bytes at buffer, length of them): EFAULT, EINVAL (over THREAD_NAME_MAX), ESRCH. */
export const sys$set_thread_name = (frame: number, tid: number, buffer: number, length: number): number => {
  if (length > THREAD_NAME_MAX) return -EINVAL;
  if (copyFromUser(currentProcess(), bytesAddress(nameBuffer), buffer, length) < 0) return -EFAULT;
  const thread: number = ownThread(tid, false);
  if (thread < 0) return -ESRCH;
  threadSetName(thread, bytesAddress(nameBuffer), length);
  return 0;
};

/** Copies thread tid's name and a NUL into buffer of size bytes: EINVAL (size 0), ESRCH, ENAMETOOLONG, EFAULT. */
export const sys$get_thread_name = (frame: number, tid: number, buffer: number, size: number): number => {
  if (size === 0) return -EINVAL;
  const thread: number = ownThread(tid, false);
  if (thread < 0) return -ESRCH;
  const length: number = threadNameLengthOf(thread);
  if (size < length + 1) return -ENAMETOOLONG;
  const process: number = currentProcess();
  if (copyToUser(process, buffer, threadNameAddress(thread), length) < 0) return -EFAULT;
  nameBuffer[0] = 0;
  return copyToUser(process, buffer + length, bytesAddress(nameBuffer), 1) < 0 ? -EFAULT : 0;
};
