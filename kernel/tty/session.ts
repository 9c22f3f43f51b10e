// Controlling terminals and job control. Each terminal (tty.ts numbers
// them) records the session it controls and its foreground group; a
// process's controlling terminal is the terminal of its session, so
// children share it without any per-process state and setsid leaves it.
// A session whose processes are all gone no longer holds its terminal.
import { EINVAL, EIO, ENOTTY, EPERM } from "../api/errno";
import { SIG_IGN, SIGTTIN } from "../api/abi";
import { pidOf, PROC_ALIVE, processSlotsEnd, procStateOf } from "../proc/process";
import { groupMember, groupOrphaned, signalGroup } from "../proc/groups";
import { PD_PGID, PD_SID, protectedGet } from "../proc/protected";
import { currentThread } from "../proc/scheduler";
import { signalHandler } from "../proc/signal_actions";
import { ERESTART, signalBit } from "../proc/signals";
import { threadSignalMaskOf } from "../proc/thread";
import { TERMINALS } from "./terminals";

// Per terminal, in one array (porffor gives every small typed array a 16 KiB
// page): at 2t the sid it controls (0: none), at 2t + 1 its foreground pgid.
const controlled: Int32Array = new Int32Array(TERMINALS * 2);

const sessionOf = (t: number): number => controlled[t * 2];
const foregroundOf = (t: number): number => controlled[t * 2 + 1];
const setSession = (t: number, sid: number): void => {
  controlled[t * 2] = sid;
};
const setForeground = (t: number, pgid: number): void => {
  controlled[t * 2 + 1] = pgid;
};

/** True when a live process belongs to session sid. */
const sessionAlive = (sid: number): boolean => {
  for (let slot: number = 0; slot < processSlotsEnd(); slot++) {
    if (procStateOf(slot) === PROC_ALIVE && protectedGet(slot, PD_SID) === sid) return true;
  }
  return false;
};

/** The session terminal t controls, 0 when none or when that session has no live process left. */
const liveSession = (t: number): number => sessionOf(t) !== 0 && sessionAlive(sessionOf(t)) ? sessionOf(t) : 0;

/** True when terminal t is process's controlling terminal. */
export const ttyControls = (t: number, process: number): boolean => liveSession(t) !== 0 && protectedGet(process, PD_SID) === sessionOf(t);

/** process's controlling terminal (what /dev/tty means to it), or -1. */
export const controllingTerminal = (process: number): number => {
  for (let t: number = 0; t < TERMINALS; t++) if (ttyControls(t, process)) return t;
  return -1;
};

/** Terminal t's foreground group (TIOCGPGRP); 0 when it controls no session. */
export const ttyForeground = (t: number): number => liveSession(t) !== 0 ? foregroundOf(t) : 0;

/** Sends signal to terminal t's foreground group (the ISIG characters, SIGWINCH, a hang-up's SIGHUP). */
export const signalForeground = (t: number, signal: number): void => {
  if (liveSession(t) !== 0) signalGroup(foregroundOf(t), signal);
};

/**
 * Makes terminal t the controlling terminal of process's session, with
 * the process's group in the foreground: 0, or EPERM unless process leads
 * its session and neither side has one already (TIOCSCTTY, opens).
 */
export const ttyAcquire = (t: number, process: number): number => {
  if (ttyControls(t, process)) return 0;
  const sid: number = protectedGet(process, PD_SID);
  if (sid !== pidOf(process) || liveSession(t) !== 0 || controllingTerminal(process) >= 0) return -EPERM;
  setSession(t, sid);
  setForeground(t, protectedGet(process, PD_PGID));
  return 0;
};

/** Opening terminal t: without O_NOCTTY a session leader without a terminal acquires it. */
export const ttyOpened = (t: number, process: number, noControl: boolean): void => {
  if (!noControl) ttyAcquire(t, process);
};

/** TIOCNOTTY: the session leader gives terminal t up; another member keeps it (the session does). 0 or ENOTTY. */
export const ttyRelease = (t: number, process: number): number => {
  if (!ttyControls(t, process)) return -ENOTTY;
  if (protectedGet(process, PD_SID) === pidOf(process)) setSession(t, 0);
  return 0;
};

/** Terminal t controls no session any more (a pty pair freed for reuse). */
export const ttyDetach = (t: number): void => {
  setSession(t, 0);
  setForeground(t, 0);
};

/** setsid made sid a new session: a terminal left from an old session with that id is not its. */
export const ttySessionCreated = (sid: number): void => {
  for (let t: number = 0; t < TERMINALS; t++) if (sessionOf(t) === sid) setSession(t, 0);
};

/** TIOCSPGRP: EINVAL for pgid <= 0 or no such group, EPERM unless both the caller and the group are in terminal t's session. */
export const ttySetForeground = (t: number, process: number, pgid: number): number => {
  if ((pgid | 0) <= 0) return -EINVAL;
  const member: number = groupMember(pgid);
  if (member < 0) return -EINVAL;
  if (!ttyControls(t, process) || protectedGet(member, PD_SID) !== sessionOf(t)) return -EPERM;
  setForeground(t, pgid);
  return 0;
};

/** True when the running thread ignores or blocks signal. */
const refuses = (process: number, signal: number): boolean =>
  signalHandler(process, signal) === SIG_IGN || (threadSignalMaskOf(currentThread) & signalBit(signal)) !== 0;

/**
 * Job control for a read (SIGTTIN) or a write with TOSTOP (SIGTTOU) of
 * terminal t by process: 0 when it may go on (not its controlling
 * terminal, or its group is in the foreground); else its group gets the
 * signal and the call is restarted once it is delivered (-ERESTART). A
 * read that cannot be stopped that way fails with EIO; such a write goes on.
 */
export const ttyJobAccess = (t: number, process: number, signal: number): number => {
  if (!ttyControls(t, process)) return 0;
  const pgid: number = protectedGet(process, PD_PGID);
  if (pgid === foregroundOf(t)) return 0;
  if (refuses(process, signal) || groupOrphaned(pgid, sessionOf(t), -1)) return signal === SIGTTIN ? -EIO : 0;
  signalGroup(pgid, signal);
  return -ERESTART;
};
