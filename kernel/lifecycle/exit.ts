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
  procMainThreadOf, procNameLengthOf,
} from "../proc/process";
import {
  PD_PPID, PD_TERMINATION_SIGNAL, PD_TERMINATION_STATUS, PD_THREAD_COUNT, protectData, protectedSet, unprotectData,
} from "../proc/protected";
import { currentThread, markCurrentDead, schedule, wakeup } from "../proc/scheduler";
import { threadSetDead } from "../proc/thread";
import { childChannel } from "../proc/channels";
import { finishTestRunWhenIdle, initExited } from "./init";

const INIT_PID: number = 1;

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

/**
 * Ends the process in slot with an exit status (low 8 bits) or a signal:
 * records them (protected data), frees its memory, hands its children to
 * init, makes it a zombie and wakes its parent. When slot is the running
 * process this never returns.
 */
export const processExit = (slot: number, status: number, signal: number): void => {
  unprotectData(slot);
  protectedSet(slot, PD_TERMINATION_STATUS, status & 0xff);
  protectedSet(slot, PD_TERMINATION_SIGNAL, signal);
  protectedSet(slot, PD_THREAD_COUNT, 0);
  protectData(slot);
  reparentChildren(slot);
  filesExit(slot);
  writeCr3(kernelPageDirectory);
  spaceDestroy(slot);
  procMakeZombie(slot);
  const parent: number = slotOfPid(ppidOf(slot));
  if (parent >= 0) wakeup(childChannel(parent));
  const thread: number = procMainThreadOf(slot);
  if (pidOf(slot) === INIT_PID) initExited(status & 0xff, signal);
  else if (parent < 0) freeproc(slot); // disowned: nobody will wait for it
  finishTestRunWhenIdle();
  if (thread === currentThread) {
    markCurrentDead();
    schedule();
  }
  threadSetDead(thread);
};

/** Reports a process killed by a signal on the console (`pid N (name) killed by signal S: what at 0x...`), then ends it. */
export const processCrash = (slot: number, signal: number, what: string, address: number): void => {
  kprint("pid ");
  kprintDecimal(pidOf(slot));
  kprint(" (");
  kprintMemory(nameAddress(slot), procNameLengthOf(slot));
  kprint(") killed by signal ");
  kprintDecimal(signal);
  kprint(": ");
  kprint(what);
  kprint(" at ");
  kprintHex(address, 8);
  kprintln("");
  processExit(slot, 0, signal);
};

/** Gives back a process that never ran (a failed fork): its files, then its slot. */
export const processDiscard = (slot: number): void => {
  if (hasFdTable(slot)) filesExit(slot);
  freeproc(slot);
};
