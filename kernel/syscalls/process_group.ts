// Process groups and sessions: setpgid, getpgid, getpgrp, setsid, getsid
// (syscalls 33, 32, 34, 31, 30) with the reference's rules. The pgid and
// sid are protected process data; a group exists while a live process has
// its pgid.
import { EINVAL, EPERM, ESRCH } from "../api/errno";
import { pidOf, ppidOf, PROC_ALIVE, PROC_FREE, procStateOf, slotOfPid } from "../proc/process";
import { PD_PGID, PD_SID, protectData, protectedGet, protectedSet, unprotectData } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { groupMember } from "../proc/groups";
import { ttySessionCreated } from "../tty/session";

/** The slot pid names (0: the caller), or -1 when there is no such process. */
const processOrSelf = (pid: number): number => {
  if (pid === 0) return currentProcess();
  const slot: number = slotOfPid(pid);
  return slot >= 0 && procStateOf(slot) !== PROC_FREE ? slot : -1;
};

/** The session id of pid (0: the caller): ESRCH, or EPERM for a process of another session. */
export const sys$getsid = (frame: number, pid: number, arg2: number, arg3: number): number => {
  const slot: number = processOrSelf(pid | 0);
  if (slot < 0) return -ESRCH;
  const sid: number = protectedGet(slot, PD_SID);
  return sid === protectedGet(currentProcess(), PD_SID) ? sid : -EPERM;
};

/**
 * Makes the caller the leader of a new session and of a new group, both
 * with its pid, without a controlling terminal. EPERM when a group with
 * that id exists already (the caller leads a group).
 */
export const sys$setsid = (frame: number, arg1: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  const pid: number = pidOf(process);
  if (groupMember(pid) >= 0) return -EPERM;
  unprotectData(process);
  protectedSet(process, PD_PGID, pid);
  protectedSet(process, PD_SID, pid);
  protectData(process);
  ttySessionCreated(pid);
  return pid;
};

/** The group of pid (0: the caller): ESRCH. */
export const sys$getpgid = (frame: number, pid: number, arg2: number, arg3: number): number => {
  const slot: number = processOrSelf(pid | 0);
  return slot < 0 ? -ESRCH : protectedGet(slot, PD_PGID);
};

export const sys$getpgrp = (frame: number, arg1: number, arg2: number, arg3: number): number =>
  protectedGet(currentProcess(), PD_PGID);

/**
 * Moves pid (0: the caller; else the caller or one of its children) into
 * group pgid (0: a group of its own, pgid = its pid). EINVAL for a
 * negative pgid; ESRCH when the target is neither; EPERM when it leads a
 * session, is a child in another session, or the group is in another
 * session, or is neither the target's own pid nor an existing group.
 */
export const sys$setpgid = (frame: number, pid: number, pgid: number, arg3: number): number => {
  if ((pgid | 0) < 0) return -EINVAL;
  const process: number = currentProcess();
  const target: number = processOrSelf(pid | 0);
  if (target < 0 || procStateOf(target) !== PROC_ALIVE) return -ESRCH;
  if (target !== process && ppidOf(target) !== pidOf(process)) return -ESRCH;
  const sid: number = protectedGet(process, PD_SID);
  if (protectedGet(target, PD_SID) === pidOf(target)) return -EPERM;
  if (protectedGet(target, PD_SID) !== sid) return -EPERM;
  const group: number = pgid === 0 ? pidOf(target) : pgid;
  const member: number = groupMember(group);
  if (group !== pidOf(target) && member < 0) return -EPERM;
  if (member >= 0 && protectedGet(member, PD_SID) !== sid) return -EPERM;
  unprotectData(target);
  protectedSet(target, PD_PGID, group);
  protectData(target);
  return 0;
};
