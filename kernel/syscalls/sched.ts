// Scheduling: yield, sched_setparam and sched_getparam (syscalls 0, 93,
// 94). A thread's priority (THREAD_PRIORITY_MIN..MAX) sets the length of
// its quantum in the scheduler's round robin (proc/scheduler.ts).
import { THREAD_PRIORITY_MAX, THREAD_PRIORITY_MIN } from "../api/abi";
import { EFAULT, EINVAL, EPERM, ESRCH } from "../api/errno";
import { SCHED_PARAM_BYTES, SCHED_PARAM_SCHED_PRIORITY, SCHED_PARAM_WORDS } from "../api/layout";
import { wordsAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { PD_EUID, PD_UID, protectedGet } from "../proc/protected";
import { currentProcess, currentThread, yieldCpu } from "../proc/scheduler";
import { threadOfTid, threadPriorityOf, threadProcessOf, threadSetPriority } from "../proc/thread";

const schedParam: Uint32Array = new Uint32Array(SCHED_PARAM_WORDS);

export const sys$yield = (frame: number, arg1: number, arg2: number, arg3: number): number => {
  yieldCpu();
  return 0;
};

/** The thread tid names (0: the caller) if the caller may change it (root, or its uid is the owner's), else -ESRCH or -EPERM. */
const targetThread = (tid: number): number => {
  const thread: number = tid === 0 ? currentThread : threadOfTid(tid, false);
  if (thread < 0) return -ESRCH;
  const caller: number = currentProcess();
  const euid: number = protectedGet(caller, PD_EUID);
  if (euid !== 0 && protectedGet(threadProcessOf(thread), PD_UID) !== protectedGet(caller, PD_UID)) return -EPERM;
  return thread;
};

/** struct sched_param { int sched_priority } for thread tid: EFAULT, EINVAL (out of range), ESRCH, EPERM. */
export const sys$sched_setparam = (frame: number, tid: number, paramAddress: number, arg3: number): number => {
  if (copyFromUser(currentProcess(), wordsAddress(schedParam), paramAddress, SCHED_PARAM_BYTES) < 0) return -EFAULT;
  const priority: number = schedParam[SCHED_PARAM_SCHED_PRIORITY] | 0;
  if (priority < THREAD_PRIORITY_MIN || priority > THREAD_PRIORITY_MAX) return -EINVAL;
  const thread: number = targetThread(tid | 0);
  if (thread < 0) return thread;
  threadSetPriority(thread, priority);
  return 0;
};

export const sys$sched_getparam = (frame: number, tid: number, paramAddress: number, arg3: number): number => {
  const thread: number = targetThread(tid | 0);
  if (thread < 0) return thread;
  schedParam[SCHED_PARAM_SCHED_PRIORITY] = threadPriorityOf(thread);
  return copyToUser(currentProcess(), paramAddress, wordsAddress(schedParam), SCHED_PARAM_BYTES) < 0 ? -EFAULT : 0;
};
