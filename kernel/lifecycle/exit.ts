// Ending processes: exit, death by signal, and the wait relationship with
// the parent (waitid reaps the zombie; orphans go to init).
import { writeCr3 } from "../arch/i386/cpu";
import { hasFdTable } from "../fs/description";
import { filesExit } from "../fs/file";
import { kernelPageDirectory } from "../mm/paging";
import { spaceDestroy } from "../mm/space";
import { kprint, kprintDecimal, kprintHex, kprintln, kprintMemory } from "../devices/console";
import {
  freeproc, INIT_PID, nameAddress, pidOf, ppidOf, PROC_ALIVE, PROC_FREE, PROC_ZOMBIE, procCoreDumpedOf, procDyingOf,
  processAddChildTimes, processHasOneThread, processSlotsEnd, processThreadCountAdd, procMakeZombie, procNameLengthOf,
  procSetCoreDumped, procSetDying, procStateOf, slotOfPid,
} from "../proc/process";
import {
  PD_PGID, PD_PPID, PD_SID, PD_TERMINATION_SIGNAL, PD_TERMINATION_STATUS, PD_UID, protectData,
  protectedGet, protectedSet, unprotectData,
} from "../proc/protected";
import { CLD_DUMPED, CLD_EXITED, CLD_KILLED, SA_NOCLDWAIT, SIGCHLD, SIGCONT, SIGHUP, SIGKILL, SIG_IGN } from "../api/abi";
import { signalFlags, signalHandler } from "../proc/signal_actions";
import {
  alarmSet, anyProcessStopped, processIsStopped, signalKillPending, signalProcess, signalThread, SI_KERNEL,
} from "../proc/signals";
import { groupOrphaned, signalGroup } from "../proc/groups";
import { currentThread, markCurrentDead, schedule, sleepOnUninterruptible, wakeThread, wakeup } from "../proc/scheduler";
import { EINTR } from "../api/errno";
import {
  JOIN_DETACHED, THREAD_EXITED, threadFree, threadIsLive, threadProcessOf, threadSetJoinState, threadSetMustDie,
  threadSlotsEnd, threadStateOf,
} from "../proc/thread";
import { childChannel, joinChannel, threadsGoneChannel } from "../proc/channels";
import { tlsReleaseBlock } from "./tls";
import { finishTestRunWhenIdle, initExited } from "./init";
import { crashMetadataClear, crashReport } from "./crash_report";

/** Hands slot's children to init, waking init if a zombie is among them. */
const reparentChildren = (slot: number): void => {
  const pid: number = pidOf(slot);
  const init: number = slotOfPid(INIT_PID);
  for (let child: number = 0; child < processSlotsEnd(); child++) {
    if (procStateOf(child) === PROC_FREE || ppidOf(child) !== pid) continue;
    unprotectData(child);
    protectedSet(child, PD_PPID, init >= 0 ? INIT_PID : 0);
    protectData(child);
    if (procStateOf(child) === PROC_ZOMBIE && init >= 0) wakeup(childChannel(init));
  }
};

/** True when group pgid of session sid has a stopped member and is orphaned once slot leaving is gone. */
const orphanedAndStopped = (pgid: number, sid: number, leaving: number): boolean => {
  let stoppedMember: boolean = false;
  for (let member: number = 0; member < processSlotsEnd() && !stoppedMember; member++) {
    if (member !== leaving && procStateOf(member) === PROC_ALIVE && protectedGet(member, PD_PGID) === pgid) stoppedMember = processIsStopped(member);
  }
  return stoppedMember && groupOrphaned(pgid, sid, leaving);
};

/** Sends SIGHUP then SIGCONT to every member of group pgid (an orphaned group with stopped members). */
const hangUpGroup = (pgid: number): void => {
  signalGroup(pgid, SIGHUP);
  signalGroup(pgid, SIGCONT);
};

/**
 * slot is leaving: the groups it may orphan (its own, and each child's)
 * get SIGHUP and SIGCONT when they have become orphaned with a stopped
 * member, so they do not stay stopped with nobody to continue them.
 */
const hangUpOrphanedGroups = (slot: number): void => {
  if (!anyProcessStopped()) return;
  const pid: number = pidOf(slot);
  const sid: number = protectedGet(slot, PD_SID);
  if (orphanedAndStopped(protectedGet(slot, PD_PGID), sid, slot)) hangUpGroup(protectedGet(slot, PD_PGID));
  for (let child: number = 0; child < processSlotsEnd(); child++) {
    if (procStateOf(child) !== PROC_ALIVE || ppidOf(child) !== pid) continue;
    const pgid: number = protectedGet(child, PD_PGID);
    if (pgid !== protectedGet(slot, PD_PGID) && protectedGet(child, PD_SID) === sid && orphanedAndStopped(pgid, sid, slot)) hangUpGroup(pgid);
  }
};

/** True when parent asked not to be told of its children's ends (SIGCHLD ignored, or SA_NOCLDWAIT): they are reaped at once. */
const parentReapsNothing = (parent: number): boolean =>
  signalHandler(parent, SIGCHLD) === SIG_IGN || (signalFlags(parent, SIGCHLD) & SA_NOCLDWAIT) !== 0;

/** Tells parent that slot ended: SIGCHLD with its siginfo, and the waitid wakeup. */
const notifyParentOfExit = (parent: number, slot: number, status: number, signal: number, core: boolean): void => {
  const code: number = signal === 0 ? CLD_EXITED : core ? CLD_DUMPED : CLD_KILLED;
  signalProcess(parent, SIGCHLD, code, pidOf(slot), protectedGet(slot, PD_UID), signal === 0 ? status & 0xff : signal);
  wakeup(childChannel(parent));
};

/**
 * Records how slot's process ends (the first call wins: the threads that
 * end with it change nothing).
 */
const recordTermination = (slot: number, status: number, signal: number, core: boolean): void => {
  if (procDyingOf(slot)) return;
  procSetDying(slot);
  procSetCoreDumped(slot, core);
  unprotectData(slot);
  protectedSet(slot, PD_TERMINATION_STATUS, status & 0xff);
  protectedSet(slot, PD_TERMINATION_SIGNAL, signal);
  protectData(slot);
};

/**
 * Every thread of slot but the running one must end: each does on its way
 * back to user mode (lifecycle/signal_delivery.ts), woken from whatever
 * sleep it is in; the pending SIGKILL makes its blocking call return.
 * Nobody joins them.
 */
export const endOtherThreads = (slot: number): void => {
  for (let thread: number = 1; thread < threadSlotsEnd(); thread++) {
    if (thread === currentThread || !threadIsLive(thread) || threadProcessOf(thread) !== slot) continue;
    threadSetMustDie(thread);
    threadSetJoinState(thread, JOIN_DETACHED);
    signalThread(thread, SIGKILL, SI_KERNEL, 0, 0, 0);
    wakeThread(thread); // uninterruptible sleeps too: they look for the pending SIGKILL
  }
};

/**
 * The running thread of slot ends and never returns. The last one ends
 * the process as recorded (an exit status of 0 when nothing was); any
 * other goes alone: its TLS block is unmapped, and a join_thread or an
 * execve waiting for it wakes.
 */
export const threadExit = (slot: number): void => {
  if (processHasOneThread(slot)) {
    recordTermination(slot, 0, 0, false);
    processTeardown(slot);
    return;
  }
  processThreadCountAdd(slot, -1);
  tlsReleaseBlock(slot, currentThread);
  wakeup(joinChannel(currentThread));
  wakeup(threadsGoneChannel(slot));
  markCurrentDead();
  schedule();
};

/**
 * execve in a process with other threads: they end first, and the ended
 * ones nobody joined are forgotten. 0 when the running thread is left
 * alone, -EINTR when it must end itself (another thread ended the process).
 */
export const endOtherThreadsAndWait = (slot: number): number => {
  endOtherThreads(slot);
  while (!processHasOneThread(slot)) {
    if (signalKillPending(currentThread)) return -EINTR;
    sleepOnUninterruptible(threadsGoneChannel(slot));
  }
  forgetEndedThreads(slot);
  return 0;
};

/** Frees the slots of slot's ended threads: nobody can join them once the process is gone. */
const forgetEndedThreads = (slot: number): void => {
  for (let thread: number = 1; thread < threadSlotsEnd(); thread++) {
    if (threadProcessOf(thread) !== slot) continue;
    if (threadStateOf(thread) === THREAD_EXITED) threadFree(thread);
    else threadSetJoinState(thread, JOIN_DETACHED); // a dead one not yet released is freed when it is
  }
};

/**
 * The last thread of slot's process ends it: frees its memory, hands its
 * children to init, makes it a zombie and tells its parent (or, when the
 * parent ignores SIGCHLD, it is reaped at once). Never returns.
 */
const processTeardown = (slot: number): void => {
  processThreadCountAdd(slot, -1);
  forgetEndedThreads(slot);
  alarmSet(slot, 0);
  crashMetadataClear(slot);
  hangUpOrphanedGroups(slot);
  reparentChildren(slot);
  filesExit(slot);
  writeCr3(kernelPageDirectory);
  spaceDestroy(slot);
  procMakeZombie(slot);
  const parent: number = slotOfPid(ppidOf(slot));
  const status: number = protectedGet(slot, PD_TERMINATION_STATUS);
  const signal: number = protectedGet(slot, PD_TERMINATION_SIGNAL);
  if (pidOf(slot) === INIT_PID) {
    initExited(status, signal);
  } else if (parent < 0 || parentReapsNothing(parent)) {
    if (parent >= 0) processAddChildTimes(parent, slot);
    freeproc(slot); // disowned, or the parent does not wait: nobody will reap it
  } else {
    notifyParentOfExit(parent, slot, status, signal, procCoreDumpedOf(slot));
  }
  finishTestRunWhenIdle();
  markCurrentDead();
  schedule();
};

/** The running thread ends its process, every thread of it, with an exit status or a signal (and core or not). Never returns. */
const processEnd = (slot: number, status: number, signal: number, core: boolean): void => {
  recordTermination(slot, status, signal, core);
  endOtherThreads(slot);
  threadExit(slot);
};

/**
 * The running thread ends its process with an exit status (low 8 bits) or
 * a signal: the first end recorded is what waitid reports. Never returns.
 */
export const processExit = (slot: number, status: number, signal: number): void => {
  processEnd(slot, status, signal, false);
};

/** Prints `pid N (name) killed by signal S` (the caller ends the line). */
const reportKilled = (slot: number, signal: number): void => {
  kprint("pid ");
  kprintDecimal(pidOf(slot));
  kprint(" (");
  kprintMemory(nameAddress(slot), procNameLengthOf(slot));
  kprint(") killed by signal ");
  kprintDecimal(signal);
};

/**
 * The default action of signal ends slot; core for the signals whose
 * default dumps core, which the kernel log reports and waitid reports as
 * CLD_DUMPED.
 */
export const processKilled = (slot: number, signal: number, core: boolean): void => {
  if (core && !procDyingOf(slot)) {
    reportKilled(slot, signal);
    kprintln(" (core dumped)");
    crashReport(slot, signal, "", 0);
  }
  processEnd(slot, 0, signal, core);
};

/**
 * The process in slot crashed (a fault nobody catches, a bad syscall
 * entry, a pledge violation): the console says `pid N (name) killed by
 * signal S: what at 0x...`, and it ends as killed by signal with a core.
 */
export const processCrash = (slot: number, signal: number, what: string, address: number): void => {
  reportKilled(slot, signal);
  kprint(": ");
  kprint(what);
  kprint(" at ");
  kprintHex(address, 8);
  kprintln("");
  if (!procDyingOf(slot)) crashReport(slot, signal, what, address);
  processEnd(slot, 0, signal, true);
};

/** Gives back a process that never ran (a failed fork): its files, then its slot. */
export const processDiscard = (slot: number): void => {
  if (hasFdTable(slot)) filesExit(slot);
  freeproc(slot);
};
