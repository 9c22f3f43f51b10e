// The signal syscalls: sigaction, sigprocmask, sigpending, sigreturn, kill,
// killpg and alarm. Generation and the per-thread state live in
// proc/signals.ts, delivery and the frame sigreturn undoes in
// lifecycle/signal_delivery.ts. sigset_t is one word, bit sig-1.
import { NSIG, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK, SIGKILL, SIGSTOP } from "../api/abi";
import { EFAULT, EINVAL, EPERM, ESRCH } from "../api/errno";
import {
  SIGACTION_BYTES, SIGACTION_SA_FLAGS, SIGACTION_SA_HANDLER, SIGACTION_SA_MASK, SIGACTION_WORDS,
} from "../api/layout";
import { PROMISE_PROC } from "../api/pledge";
import { wordsAddress } from "../arch/i386/io";
import { tickCount, ticksPerSecond } from "../arch/i386/pit";
import { signalReturn } from "../lifecycle/signal_delivery";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import {
  EXEC_SCRATCH_SLOT, INIT_PID, pidOf, PROC_ALIVE, processSlotsEnd, procStateOf, slotOfPid,
} from "../proc/process";
import { PD_EUID, PD_PGID, PD_UID, protectedGet } from "../proc/protected";
import { currentProcess, currentThread } from "../proc/scheduler";
import { setSignalAction, signalFlags, signalHandler, signalMask } from "../proc/signal_actions";
import { requirePromise } from "./pledge";
import { alarmSet, signalBit, signalProcess, signalSetMask, signalThread, SI_USER, UNBLOCKABLE } from "../proc/signals";
import { threadSignalMaskOf, threadSignalPendingOf } from "../proc/thread";

const actionWords: Uint32Array = new Uint32Array(SIGACTION_WORDS);
const setWord: Uint32Array = new Uint32Array(1);

/** struct sigaction { handler; sa_mask; sa_flags } (12 bytes), per process. */
export const sys$sigaction = (frame: number, signal: number, actAddress: number, oldAddress: number): number => {
  if (signal < 1 || signal >= NSIG || signal === SIGKILL || signal === SIGSTOP) return -EINVAL;
  const process: number = currentProcess();
  if (oldAddress !== 0) {
    actionWords[SIGACTION_SA_HANDLER] = signalHandler(process, signal);
    actionWords[SIGACTION_SA_MASK] = signalMask(process, signal);
    actionWords[SIGACTION_SA_FLAGS] = signalFlags(process, signal);
    if (copyToUser(process, oldAddress, wordsAddress(actionWords), SIGACTION_BYTES) < 0) return -EFAULT;
  }
  if (actAddress !== 0) {
    if (copyFromUser(process, wordsAddress(actionWords), actAddress, SIGACTION_BYTES) < 0) return -EFAULT;
    const mask: number = (actionWords[SIGACTION_SA_MASK] & ~UNBLOCKABLE) >>> 0;
    setSignalAction(process, signal, actionWords[SIGACTION_SA_HANDLER], mask, actionWords[SIGACTION_SA_FLAGS]);
  }
  return 0;
};

/** how is SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK with the set at setAddress (none: only report); the old mask goes to oldAddress. */
export const sys$sigprocmask = (frame: number, how: number, setAddress: number, oldAddress: number): number => {
  const process: number = currentProcess();
  const old: number = threadSignalMaskOf(currentThread);
  if (setAddress !== 0) {
    if (how !== SIG_BLOCK && how !== SIG_UNBLOCK && how !== SIG_SETMASK) return -EINVAL;
    if (copyFromUser(process, wordsAddress(setWord), setAddress, 4) < 0) return -EFAULT;
    const set: number = setWord[0];
    signalSetMask(currentThread, how === SIG_BLOCK ? (old | set) >>> 0 : how === SIG_UNBLOCK ? (old & ~set) >>> 0 : set);
  }
  setWord[0] = old;
  if (oldAddress !== 0 && copyToUser(process, oldAddress, wordsAddress(setWord), 4) < 0) return -EFAULT;
  return 0;
};

/** The calling thread's pending signals (blocked or not). */
export const sys$sigpending = (frame: number, setAddress: number, arg2: number, arg3: number): number => {
  setWord[0] = threadSignalPendingOf(currentThread);
  return copyToUser(currentProcess(), setAddress, wordsAddress(setWord), 4) < 0 ? -EFAULT : 0;
};

/** Returns from a signal handler through the frame delivery pushed (lifecycle/signal_delivery.ts). */
export const sys$sigreturn = (frame: number, arg1: number, arg2: number, arg3: number): number => signalReturn(frame);

/** True when sender may signal target: root, or its uid or euid is target's uid (the reference's rule). */
const maySignal = (sender: number, target: number): boolean => {
  const euid: number = protectedGet(sender, PD_EUID);
  const targetUid: number = protectedGet(target, PD_UID);
  return euid === 0 || euid === targetUid || protectedGet(sender, PD_UID) === targetUid;
};

/** Sends signal (0: only the check) from sender to target; 0, EPERM. */
const signalFrom = (sender: number, target: number, signal: number): number => {
  if (!maySignal(sender, target)) return -EPERM;
  if (signal !== 0) signalProcess(target, signal, SI_USER, pidOf(sender), protectedGet(sender, PD_UID), 0);
  return 0;
};

/** True for a live process a kill may reach (not the exec scratch slot). */
const isSignallable = (slot: number): boolean => slot !== EXEC_SCRATCH_SLOT && procStateOf(slot) === PROC_ALIVE;

/**
 * Sends signal to every process of group pgid (all = every process
 * instead): 0 when at least one got it, else the last error (EPERM), or
 * ESRCH when there was nobody.
 */
const signalMany = (sender: number, pgid: number, all: boolean, signal: number): number => {
  let result: number = -ESRCH;
  let anySent: boolean = false;
  for (let slot: number = 0; slot < processSlotsEnd(); slot++) {
    if (!isSignallable(slot) || (all ? pidOf(slot) === INIT_PID : protectedGet(slot, PD_PGID) !== pgid)) continue;
    const status: number = signalFrom(sender, slot, signal);
    if (status === 0) anySent = true;
    else result = status;
  }
  return anySent ? 0 : result;
};

/**
 * pid > 0: that process (the caller's own pid signals the calling thread
 * when it does not block the signal, so it acts before kill returns, as
 * POSIX has it; else a thread of the process that does not block it); 0:
 * the caller's group; -1: every process the caller may
 * signal, itself included, except init (which the reference would signal
 * too: a stray kill(-1, SIGKILL) must not end the system); < -1: group -pid. Signal 0 checks only.
 * EINVAL, ESRCH, EPERM. Signalling another process needs `proc`.
 */
export const sys$kill = (frame: number, pid: number, signal: number, arg3: number): number => {
  if (signal < 0 || signal >= NSIG) return -EINVAL;
  const process: number = currentProcess();
  const target: number = pid | 0;
  if (target === pidOf(process)) {
    const uid: number = protectedGet(process, PD_UID);
    if (signal === 0) return 0;
    if ((threadSignalMaskOf(currentThread) & signalBit(signal)) === 0) signalThread(currentThread, signal, SI_USER, target, uid, 0);
    else signalProcess(process, signal, SI_USER, target, uid, 0);
    return 0;
  }
  if (!requirePromise(process, PROMISE_PROC)) return 0;
  if (target === -2147483648) return -EINVAL;
  if (target === -1) return signalMany(process, 0, true, signal);
  if (target <= 0) return signalMany(process, target === 0 ? protectedGet(process, PD_PGID) : -target, false, signal);
  const slot: number = slotOfPid(target);
  if (slot < 0 || !isSignallable(slot)) return -ESRCH;
  return signalFrom(process, slot, signal);
};

/** Signal (1..31) to every member of group pgrp (0: the caller's): EINVAL, ESRCH, EPERM. */
export const sys$killpg = (frame: number, pgrp: number, signal: number, arg3: number): number => {
  if (signal < 1 || signal >= NSIG || (pgrp | 0) < 0) return -EINVAL;
  const process: number = currentProcess();
  return signalMany(process, pgrp === 0 ? protectedGet(process, PD_PGID) : pgrp, false, signal);
};

/** Arms SIGALRM seconds from now (0: cancels); returns the seconds the previous alarm had left, rounded up (at least 1), or 0. */
export const sys$alarm = (frame: number, seconds: number, arg2: number, arg3: number): number => {
  const now: number = tickCount();
  const previous: number = alarmSet(currentProcess(), seconds === 0 ? 0 : now + seconds * ticksPerSecond());
  if (previous === 0) return 0;
  return Math.max(1, Math.ceil((previous - now) / ticksPerSecond()));
};
