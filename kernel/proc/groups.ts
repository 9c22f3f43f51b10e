// Process groups: who is in one, whether one is orphaned (POSIX: no member
// has a parent in another group of the same session), and signalling all
// of a group. A group exists while a live process has its pgid (protected
// data, PD_PGID); the TTY layer, setpgid and exit all ask these questions.
import { ppidOf, PROC_ALIVE, processSlotsEnd, procStateOf, slotOfPid } from "./process";
import { PD_PGID, PD_SID, protectedGet } from "./protected";
import { signalRaise } from "./signals";

/** The slot of a live process with pgid pgid, or -1: whether that group exists. */
export const groupMember = (pgid: number): number => {
  for (let slot: number = 0; slot < processSlotsEnd(); slot++) {
    if (procStateOf(slot) === PROC_ALIVE && protectedGet(slot, PD_PGID) === pgid) return slot;
  }
  return -1;
};

/**
 * True when group pgid of session sid is orphaned once the process in slot
 * leaving is gone (-1: nobody is leaving): no other member's parent is in
 * another group of the same session.
 */
export const groupOrphaned = (pgid: number, sid: number, leaving: number): boolean => {
  for (let member: number = 0; member < processSlotsEnd(); member++) {
    if (member === leaving || procStateOf(member) !== PROC_ALIVE || protectedGet(member, PD_PGID) !== pgid) continue;
    const parent: number = slotOfPid(ppidOf(member));
    if (parent >= 0 && parent !== leaving && protectedGet(parent, PD_PGID) !== pgid && protectedGet(parent, PD_SID) === sid) return false;
  }
  return true;
};

/** The kernel raises signal on every live process of group pgid (a terminal's ^C, a hang-up). */
export const signalGroup = (pgid: number, signal: number): void => {
  for (let slot: number = 0; slot < processSlotsEnd(); slot++) {
    if (procStateOf(slot) === PROC_ALIVE && protectedGet(slot, PD_PGID) === pgid) signalRaise(slot, signal, 0);
  }
};
