// Signal generation: what sending a signal does before anyone runs a
// handler. Each thread has a blocked mask and a pending set (thread.ts,
// bit sig-1 as in sigset_t); sending marks the signal pending on one
// thread of the target process and wakes that thread from an
// interruptible sleep. Acting on a pending signal (a handler frame, or the
// default action) happens on the thread's way back to user mode
// (lifecycle/signal_delivery.ts). SIGCONT and SIGKILL act on a stopped
// process at once, as POSIX has it: SIGCONT resumes it (and discards the
// pending stop signals), a stop signal discards a pending SIGCONT.
//
// Per process this file also keeps the job-control state waitid reports
// (stopped, and which change the parent has not been told of yet) and the
// alarm timer.
import {
  CLD_CONTINUED, CLD_STOPPED, NSIG, SA_NOCLDSTOP, SIGCHLD, SIGCONT, SIGKILL, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU,
  SIG_DFL, SIG_IGN, SIGALRM,
} from "../api/abi";
import { MAX_PROCESSES, MAX_THREADS } from "../lib/limits";
import { childChannel, stopChannel } from "./channels";
import {
  INIT_PID, pidOf, ppidOf, PROC_ALIVE, processSlotsEnd, procMainThreadOf, procStateOf, slotOfPid,
} from "./process";
import { PD_UID, protectedGet } from "./protected";
import { currentThread, interruptSleep, sleepOnUninterruptible, wakeup } from "./scheduler";
import { signalFlags, signalHandler } from "./signal_actions";
import {
  threadIsLive, threadProcessOf, threadSetSignalMask, threadSetSignalPending, threadSignalMaskOf, threadSignalPendingOf,
  threadSignalsDeliverable, threadSlotsEnd,
} from "./thread";

/**
 * A blocking call woken by a signal returns this (never seen by user
 * code): the syscall entry restarts the call when the signal's action
 * allows it (no handler runs, or SA_RESTART), and turns it into EINTR
 * otherwise. Calls that never restart return EINTR themselves.
 */
export const ERESTART: number = 512;

/** si_code of a signal sent by kill (the reference's SI_USER), and of one the kernel raised for itself. */
export const SI_USER: number = 0;
export const SI_KERNEL: number = 0x80;

export const ACTION_TERMINATE: number = 0;
export const ACTION_CORE: number = 1;
export const ACTION_STOP: number = 2;
export const ACTION_CONTINUE: number = 3;
export const ACTION_IGNORE: number = 4;

/** The bit of signal in a sigset_t. */
export const signalBit = (signal: number): number => (1 << (signal - 1)) >>> 0;

/** The signals no mask may block. */
export const UNBLOCKABLE: number = ((1 << (SIGKILL - 1)) | (1 << (SIGSTOP - 1))) >>> 0;

const STOP_SIGNALS: number = ((1 << (SIGSTOP - 1)) | (1 << (SIGTSTP - 1)) | (1 << (SIGTTIN - 1)) | (1 << (SIGTTOU - 1))) >>> 0;

/** True for SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU. */
export const isStopSignal = (signal: number): boolean => (STOP_SIGNALS & signalBit(signal)) !== 0;

// The default action of each signal, the reference's table.
const DEFAULT_ACTIONS: number[] = [
  ACTION_IGNORE, // 0
  ACTION_TERMINATE, ACTION_TERMINATE, ACTION_CORE, ACTION_CORE, ACTION_CORE, // HUP INT QUIT ILL TRAP
  ACTION_CORE, ACTION_CORE, ACTION_CORE, ACTION_TERMINATE, ACTION_TERMINATE, // ABRT BUS FPE KILL USR1
  ACTION_CORE, ACTION_TERMINATE, ACTION_TERMINATE, ACTION_TERMINATE, ACTION_TERMINATE, // SEGV USR2 PIPE ALRM TERM
  ACTION_TERMINATE, ACTION_IGNORE, ACTION_CONTINUE, ACTION_STOP, ACTION_STOP, // STKFLT CHLD CONT STOP TSTP
  ACTION_STOP, ACTION_STOP, ACTION_IGNORE, ACTION_CORE, ACTION_CORE, // TTIN TTOU URG XCPU XFSZ
  ACTION_TERMINATE, ACTION_TERMINATE, ACTION_IGNORE, ACTION_TERMINATE, ACTION_IGNORE, // VTALRM PROF WINCH IO INFO
  ACTION_CORE, // SYS
];

/** What signal does to a process whose disposition is SIG_DFL. */
export const defaultAction = (signal: number): number => DEFAULT_ACTIONS[signal];

/**
 * True when process discards signal on arrival: SIG_IGN, or SIG_DFL whose
 * default is to ignore. init takes only the signals it has a handler for
 * (as on Linux): nothing sent may stop or end the process everything
 * depends on.
 */
const discardedOnArrival = (process: number, signal: number): boolean => {
  const handler: number = signalHandler(process, signal);
  if (handler === SIG_IGN) return true;
  if (handler === SIG_DFL && pidOf(process) === INIT_PID) return true;
  return handler === SIG_DFL && defaultAction(signal) === ACTION_IGNORE;
};

// Who sent each pending signal of each thread, for SA_SIGINFO's siginfo_t:
// si_code, si_pid, si_uid, and si_addr or si_status (a fault's address, a
// child's status).
const infoCode: Uint8Array = new Uint8Array(MAX_THREADS * NSIG); // SI_USER, SI_KERNEL, CLD_*: below 256
const infoPid: Int16Array = new Int16Array(MAX_THREADS * NSIG); // pids are below PID_MAX (2^15)
const infoUid: Uint32Array = new Uint32Array(MAX_THREADS * NSIG);
const infoValue: Uint32Array = new Uint32Array(MAX_THREADS * NSIG);

export const signalInfoCodeOf = (thread: number, signal: number): number => infoCode[thread * NSIG + signal];
export const signalInfoPidOf = (thread: number, signal: number): number => infoPid[thread * NSIG + signal];
export const signalInfoUidOf = (thread: number, signal: number): number => infoUid[thread * NSIG + signal];
export const signalInfoValueOf = (thread: number, signal: number): number => infoValue[thread * NSIG + signal];

/** True when the running thread has a signal it does not block: a blocking call returns ERESTART or EINTR. */
export const signalInterrupts = (): boolean => threadSignalsDeliverable(currentThread) !== 0;

/**
 * Marks signal pending on thread, recording its sender (code, pid, uid and
 * an address or status), and wakes the thread if it does not block it.
 */
export const signalThread = (thread: number, signal: number, code: number, pid: number, uid: number, value: number): void => {
  const index: number = thread * NSIG + signal;
  infoCode[index] = code;
  infoPid[index] = pid;
  infoUid[index] = uid >>> 0;
  infoValue[index] = value >>> 0;
  threadSetSignalPending(thread, (threadSignalPendingOf(thread) | signalBit(signal)) >>> 0);
  if ((threadSignalMaskOf(thread) & signalBit(signal)) === 0) interruptSleep(thread);
};

/** True when thread is a live thread of process. */
const isThreadOf = (thread: number, process: number): boolean => threadIsLive(thread) && threadProcessOf(thread) === process;

/** Clears the bits of set from the pending signals of every thread of process. */
const discardPending = (process: number, set: number): void => {
  for (let thread: number = 1; thread < threadSlotsEnd(); thread++) {
    if (isThreadOf(thread, process)) threadSetSignalPending(thread, (threadSignalPendingOf(thread) & ~set) >>> 0);
  }
};

/** Wakes every thread of process from an interruptible sleep (SIGKILL ends them all). */
const interruptAll = (process: number): void => {
  for (let thread: number = 1; thread < threadSlotsEnd(); thread++) {
    if (isThreadOf(thread, process)) interruptSleep(thread);
  }
};

/**
 * The thread of process that takes a signal sent to the process: the main
 * thread unless it blocks the signal (or has ended) and another does not;
 * when all block it, the main thread or else the first live one.
 */
const receivingThread = (process: number, signal: number): number => {
  const main: number = procMainThreadOf(process);
  const mainLive: boolean = isThreadOf(main, process);
  if (mainLive && (threadSignalMaskOf(main) & signalBit(signal)) === 0) return main;
  let fallback: number = mainLive ? main : -1;
  for (let thread: number = 1; thread < threadSlotsEnd(); thread++) {
    if (!isThreadOf(thread, process)) continue;
    if ((threadSignalMaskOf(thread) & signalBit(signal)) === 0) return thread;
    if (fallback < 0) fallback = thread;
  }
  return fallback;
};

/**
 * Sends signal (1..31) to the live process: SIGCONT resumes it if stopped,
 * SIGKILL wakes it wherever it sleeps; then, unless the process discards
 * the signal, it becomes pending on one thread. pid and uid name the
 * sender (SI_USER) or code says the kernel raised it.
 */
export const signalProcess = (process: number, signal: number, code: number, pid: number, uid: number, value: number): void => {
  if (procStateOf(process) !== PROC_ALIVE) return;
  if (signal === SIGCONT) {
    discardPending(process, STOP_SIGNALS);
    processContinue(process);
  } else if (isStopSignal(signal)) {
    discardPending(process, signalBit(SIGCONT));
  }
  const thread: number = receivingThread(process, signal);
  if (thread < 0) return; // its last thread is ending
  const blocked: boolean = (threadSignalMaskOf(thread) & signalBit(signal)) !== 0;
  if (!blocked && discardedOnArrival(process, signal)) return;
  if (signal === SIGKILL && stopped[process] !== 0) {
    stopped[process] = 0;
    stoppedCount--;
    wakeup(stopChannel(process));
  }
  signalThread(thread, signal, code, pid, uid, value);
  if (signal === SIGKILL) interruptAll(process);
};

/** The kernel raises signal on process for itself (SIGPIPE, SIGALRM, SIGCHLD, a terminal's SIGINT). */
export const signalRaise = (process: number, signal: number, value: number): void => {
  signalProcess(process, signal, SI_KERNEL, 0, 0, value);
};

/** Takes signal off thread's pending set. */
export const signalTake = (thread: number, signal: number): void => {
  threadSetSignalPending(thread, (threadSignalPendingOf(thread) & ~signalBit(signal)) >>> 0);
};

/** The lowest-numbered signal thread does not block, SIGKILL first, or 0. */
export const nextDeliverable = (thread: number): number => {
  const ready: number = threadSignalsDeliverable(thread);
  if (ready === 0) return 0;
  if ((ready & signalBit(SIGKILL)) !== 0) return SIGKILL;
  for (let signal: number = 1; signal < NSIG; signal++) {
    if ((ready & signalBit(signal)) !== 0) return signal;
  }
  return 0;
};

/** Sets thread's blocked mask (SIGKILL and SIGSTOP are never blocked). */
export const signalSetMask = (thread: number, mask: number): void => {
  threadSetSignalMask(thread, (mask & ~UNBLOCKABLE) >>> 0);
};

// A call that takes a signal mask for its duration (pselect/ppoll, which
// libc's sigsuspend uses) swaps it in; the thread's own mask comes back on
// the way out to user mode, after delivery, and a handler that runs
// returns to the thread's own mask (the one its frame saves).
const savedMask: Uint32Array = new Uint32Array(MAX_THREADS);
const savedMaskValid: Uint8Array = new Uint8Array(MAX_THREADS);

/** Blocks mask instead of the running thread's own mask until it returns to user mode. */
export const signalSwapMask = (mask: number): void => {
  if (savedMaskValid[currentThread] === 0) savedMask[currentThread] = threadSignalMaskOf(currentThread);
  savedMaskValid[currentThread] = 1;
  signalSetMask(currentThread, mask);
};

/** The mask thread goes back to after delivery: its own, even while a call's mask is swapped in. */
export const signalOwnMask = (thread: number): number =>
  savedMaskValid[thread] !== 0 ? savedMask[thread] : threadSignalMaskOf(thread);

/** A handler frame saved thread's own mask: the mask set for the handler stays. */
export const signalForgetOwnMask = (thread: number): void => {
  savedMaskValid[thread] = 0;
};

/** A new thread starts with mask and no swapped-in mask (its slot may have held one a dead thread left). */
export const signalThreadStart = (thread: number, mask: number): void => {
  savedMaskValid[thread] = 0;
  signalSetMask(thread, mask);
};

/** Puts thread's own mask back if a call swapped another in. */
export const signalRestoreOwnMask = (thread: number): void => {
  if (savedMaskValid[thread] === 0) return;
  savedMaskValid[thread] = 0;
  signalSetMask(thread, savedMask[thread]);
};

// --- Job control: stopped processes and what waitid reports ---

const stopped: Uint8Array = new Uint8Array(MAX_PROCESSES);
let stoppedCount: number = 0; // processes stopped now: exit looks for orphaned stopped groups only when some are
const stopSignal: Uint8Array = new Uint8Array(MAX_PROCESSES);
const REPORT_STOPPED: number = 1;
const REPORT_CONTINUED: number = 2;
const unreported: Uint8Array = new Uint8Array(MAX_PROCESSES); // REPORT_* the parent's waitid has not taken yet

/** True when thread has nothing for delivery to do: no pending signal, no stopped process, no call's mask swapped in (the common return to user mode). */
export const signalsQuiet = (thread: number): boolean =>
  threadSignalPendingOf(thread) === 0 && stoppedCount === 0 && savedMaskValid[thread] === 0;

/** True when some process is stopped. */
export const anyProcessStopped = (): boolean => stoppedCount > 0;

/** True while process is stopped by a stop signal. */
export const processIsStopped = (process: number): boolean => stopped[process] !== 0;

/** Forgets process's job-control state (a new process or a reaped one). */
export const jobStateReset = (process: number): void => {
  if (stopped[process] !== 0) stoppedCount--;
  stopped[process] = 0;
  stopSignal[process] = 0;
  unreported[process] = 0;
};

/** Tells process's parent that it stopped or continued (code CLD_*): waitid wakes, SIGCHLD unless SA_NOCLDSTOP. */
const notifyParent = (process: number, code: number, status: number): void => {
  const parent: number = slotOfPid(ppidOf(process));
  if (parent < 0) return;
  wakeup(childChannel(parent));
  if ((signalFlags(parent, SIGCHLD) & SA_NOCLDSTOP) !== 0) return;
  signalProcess(parent, SIGCHLD, code, pidOf(process), protectedGet(process, PD_UID), status);
};

/** Default action of stop signal for the running thread's process: it stops, its parent hears of it, and the thread waits for SIGCONT or SIGKILL. */
export const processStop = (process: number, signal: number): void => {
  if (stopped[process] === 0) {
    stopped[process] = 1;
    stoppedCount++;
    stopSignal[process] = signal;
    unreported[process] = REPORT_STOPPED;
    notifyParent(process, CLD_STOPPED, signal);
  }
  waitWhileStopped(process);
};

/** True when SIGKILL is pending on thread: an uninterruptible wait must end so the thread can die. */
export const signalKillPending = (thread: number): boolean => (threadSignalPendingOf(thread) & signalBit(SIGKILL)) !== 0;

/** Blocks the running thread while process is stopped (SIGCONT or SIGKILL end it). */
export const waitWhileStopped = (process: number): void => {
  while (stopped[process] !== 0 && !signalKillPending(currentThread)) {
    sleepOnUninterruptible(stopChannel(process));
  }
};

/** SIGCONT: a stopped process runs again, and its parent hears of it. */
const processContinue = (process: number): void => {
  if (stopped[process] === 0) return;
  stopped[process] = 0;
  stoppedCount--;
  unreported[process] = REPORT_CONTINUED;
  wakeup(stopChannel(process));
  notifyParent(process, CLD_CONTINUED, SIGCONT);
};

/** The stop signal waitid reports for child if it stopped and that was not reported yet, else 0. */
export const unreportedStop = (child: number): number =>
  (unreported[child] & REPORT_STOPPED) !== 0 && stopped[child] !== 0 ? stopSignal[child] : 0;

/** True when child continued and that was not reported yet. */
export const unreportedContinue = (child: number): boolean => (unreported[child] & REPORT_CONTINUED) !== 0;

/** waitid reported child's last stop or continue (unless WNOWAIT). */
export const jobChangeReported = (child: number): void => {
  unreported[child] = 0;
};

// --- alarm ---
// alarmDeadline[process] is the tick count at which SIGALRM is due (0:
// none); earliestAlarm is at or before the earliest, so a tick with
// nothing due costs one comparison.
const NO_ALARM: number = 9007199254740992; // 2^53
const alarmDeadline: Float64Array = new Float64Array(MAX_PROCESSES);
let earliestAlarm: number = NO_ALARM;

/** Arms (deadlineTick > 0) or cancels (0) process's alarm; returns the previous deadline tick, or 0. */
export const alarmSet = (process: number, deadlineTick: number): number => {
  const previous: number = alarmDeadline[process];
  alarmDeadline[process] = deadlineTick;
  if (deadlineTick !== 0 && deadlineTick < earliestAlarm) earliestAlarm = deadlineTick;
  return previous;
};

/** Timer interrupt: raises SIGALRM on every process whose alarm came due at tick now. */
export const alarmsDue = (now: number): void => {
  if (now < earliestAlarm) return;
  let earliest: number = NO_ALARM;
  for (let process: number = 0; process < processSlotsEnd(); process++) {
    const deadline: number = alarmDeadline[process];
    if (deadline === 0) continue;
    if (deadline > now) {
      if (deadline < earliest) earliest = deadline;
      continue;
    }
    alarmDeadline[process] = 0;
    signalRaise(process, SIGALRM, 0);
  }
  earliestAlarm = earliest;
};
