// The calls on the threads of the caller's process: kill_thread,
// set_thread_name and get_thread_name (syscalls 151, 120, 121). A tid
// names a thread of the caller's process, or ESRCH.
import { NSIG } from "../api/abi";
import { EFAULT, EINVAL, ENAMETOOLONG, ESRCH } from "../api/errno";
import { bytesAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { PD_UID, protectedGet } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { signalThread, SI_USER } from "../proc/signals";
import {
  THREAD_NAME_MAX, threadNameAddress, threadNameLengthOf, threadOfTid, threadProcessOf, threadSetName,
} from "../proc/thread";

const nameBuffer: Uint8Array = new Uint8Array(THREAD_NAME_MAX);

/** The thread tid names if it belongs to the caller's process, else -1. */
const ownThread = (tid: number): number => {
  const thread: number = threadOfTid(tid | 0);
  return thread >= 0 && threadProcessOf(thread) === currentProcess() ? thread : -1;
};

/** Sends signal (0: only the check) to thread tid of the caller's process: EINVAL, ESRCH. */
export const sys$kill_thread = (frame: number, tid: number, signal: number, arg3: number): number => {
  if (signal < 0 || signal >= NSIG) return -EINVAL;
  const thread: number = ownThread(tid);
  if (thread < 0) return -ESRCH;
  const process: number = currentProcess();
  if (signal !== 0) signalThread(thread, signal, SI_USER, tid | 0, protectedGet(process, PD_UID), 0);
  return 0;
};

/** Names thread tid (the bytes at buffer, length of them): EFAULT, EINVAL (over THREAD_NAME_MAX), ESRCH. */
export const sys$set_thread_name = (frame: number, tid: number, buffer: number, length: number): number => {
  if (length > THREAD_NAME_MAX) return -EINVAL;
  if (copyFromUser(currentProcess(), bytesAddress(nameBuffer), buffer, length) < 0) return -EFAULT;
  const thread: number = ownThread(tid);
  if (thread < 0) return -ESRCH;
  threadSetName(thread, bytesAddress(nameBuffer), length);
  return 0;
};

/** Copies thread tid's name and a NUL into buffer of size bytes: EINVAL (size 0), ESRCH, ENAMETOOLONG, EFAULT. */
export const sys$get_thread_name = (frame: number, tid: number, buffer: number, size: number): number => {
  if (size === 0) return -EINVAL;
  const thread: number = ownThread(tid);
  if (thread < 0) return -ESRCH;
  const length: number = threadNameLengthOf(thread);
  if (size < length + 1) return -ENAMETOOLONG;
  const process: number = currentProcess();
  if (copyToUser(process, buffer, threadNameAddress(thread), length) < 0) return -EFAULT;
  nameBuffer[0] = 0;
  return copyToUser(process, buffer + length, bytesAddress(nameBuffer), 1) < 0 ? -EFAULT : 0;
};
