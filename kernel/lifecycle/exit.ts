// Ending processes: exit, death by signal, and the wait relationship with
// the parent (waitid reaps the zombie; orphans go to init).
import { writeCr3 } from "../arch/i386/cpu";
import { hasFdTable } from "../fs/description";
import { filesExit } from "../fs/file";
import { kernelPageDirectory } from "../mm/paging";
import { spaceDestroy } from "../mm/space";
import { kprint, kprintDecimal, kprintHex, kprintln, kprintMemory } from "../devices/console";
import { MAX_PROCESSES } from "../lib/limits";
import {
  freeproc, nameAddress, pidOf, ppidOf, PROC_FREE, PROC_ZOMBIE, procMakeZombie, slotOfPid, procStateOf,
  procMainThreadOf, procNameLengthOf, procSetCoreDumped, PROC_ALIVE, processAddChildTimes, procCoreDumpedOf, INIT_PID,
} from "../proc/process";
import {
  PD_PGID, PD_PPID, PD_SID, PD_TERMINATION_SIGNAL, PD_TERMINATION_STATUS, PD_THREAD_COUNT, PD_UID, protectData,
  protectedGet, protectedSet, unprotectData,
} from "../proc/protected";
import { CLD_DUMPED, CLD_EXITED, CLD_KILLED, SA_NOCLDWAIT, SIGCHLD, SIGCONT, SIGHUP, SIG_IGN } from "../api/abi";
import { signalFlags, signalHandler } from "../proc/signal_actions";
import { alarmSet, anyProcessStopped, processIsStopped, signalProcess } from "../proc/signals";
import { groupOrphaned, signalGroup } from "../proc/groups";
import { currentThread, markCurrentDead, schedule, wakeup } from "../proc/scheduler";
import { threadSetDead } from "../proc/thread";
import { childChannel } from "../proc/channels";
import { finishTestRunWhenIdle, initExited } from "./init";
import { crashMetadataClear, crashReport } from "./crash_report";

/** Hands slot's children to init, waking init if a zombie is among them. */
const reparentChildren = (slot: number): void => {
  const pid: number = pidOf(slot);
  const init: number = slotOfPid(INIT_PID);
  for (let child: number = 0; child < MAX_PROCESSES; child++) {
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
  for (let member: number = 0; member < MAX_PROCESSES && !stoppedMember; member++) {
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
  for (let child: number = 0; child < MAX_PROCESSES; child++) {
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
 * Ends the process in slot with an exit status (low 8 bits) or a signal:
 * records them (protected data), frees its memory, hands its children to
 * init, makes it a zombie and tells its parent (or, when the parent
 * ignores SIGCHLD, is reaped at once). When slot is the running process
 * this never returns.
 */
export const processExit = (slot: number, status: number, signal: number): void => {
  unprotectData(slot);
  protectedSet(slot, PD_TERMINATION_STATUS, status & 0xff);
  protectedSet(slot, PD_TERMINATION_SIGNAL, signal);
  protectedSet(slot, PD_THREAD_COUNT, 0);
  protectData(slot);
  alarmSet(slot, 0);
  crashMetadataClear(slot);
  hangUpOrphanedGroups(slot);
  reparentChildren(slot);
  filesExit(slot);
  writeCr3(kernelPageDirectory);
  spaceDestroy(slot);
  procMakeZombie(slot);
  const parent: number = slotOfPid(ppidOf(slot));
  const thread: number = procMainThreadOf(slot);
  if (pidOf(slot) === INIT_PID) {
    initExited(status & 0xff, signal);
  } else if (parent < 0 || parentReapsNothing(parent)) {
    if (parent >= 0) processAddChildTimes(parent, slot);
    freeproc(slot); // disowned, or the parent does not wait: nobody will reap it
  } else {
    notifyParentOfExit(parent, slot, status, signal, procCoreDumpedOf(slot));
  }
  finishTestRunWhenIdle();
  if (thread === currentThread) {
    markCurrentDead();
    schedule();
  }
  threadSetDead(thread);
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
  procSetCoreDumped(slot, core);
  if (core) {
    reportKilled(slot, signal);
    kprintln(" (core dumped)");
    crashReport(slot, signal, "", 0);
  }
  processExit(slot, 0, signal);
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
  crashReport(slot, signal, what, address);
  procSetCoreDumped(slot, true);
  processExit(slot, 0, signal);
};

/** Gives back a process that never ran (a failed fork): its files, then its slot. */
export const processDiscard = (slot: number): void => {
  if (hasFdTable(slot)) filesExit(slot);
  freeproc(slot);
};
