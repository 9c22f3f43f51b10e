// Controlling terminal and job control for the console terminal. The
// terminal records the session it controls and its foreground group; a
// process's controlling terminal is the terminal of its session, so
// children share it without any per-process state and setsid leaves it.
// A session whose processes are all gone no longer holds its terminal.
import { EINVAL, EIO, ENOTTY, ENXIO, EPERM } from "../api/errno";
import { SIG_IGN, SIGTTIN } from "../api/abi";
import { EXEC_SCRATCH_SLOT, pidOf, PROC_ALIVE, procStateOf } from "../proc/process";
import { groupMember, groupOrphaned, signalGroup } from "../proc/groups";
import { PD_PGID, PD_SID, protectedGet } from "../proc/protected";
import { currentThread } from "../proc/scheduler";
import { signalHandler } from "../proc/signal_actions";
import { ERESTART, signalBit } from "../proc/signals";
import { threadSignalMaskOf } from "../proc/thread";

let session: number = 0; // the sid the terminal controls; 0: none
let foreground: number = 0; // the foreground pgid

/** True when a live process belongs to session sid. */
const sessionAlive = (sid: number): boolean => {
  for (let slot: number = 0; slot < EXEC_SCRATCH_SLOT; slot++) {
    if (procStateOf(slot) === PROC_ALIVE && protectedGet(slot, PD_SID) === sid) return true;
  }
  return false;
};

/** The session the terminal controls, 0 when none or when that session has no live process left. */
const liveSession = (): number => session !== 0 && sessionAlive(session) ? session : 0;

/** True when the terminal is process's controlling terminal. */
export const ttyControls = (process: number): boolean => liveSession() !== 0 && protectedGet(process, PD_SID) === session;

/** The foreground group (TIOCGPGRP); 0 when the terminal controls no session. */
export const ttyForeground = (): number => liveSession() !== 0 ? foreground : 0;

/** Sends signal to the foreground group (the ISIG characters, SIGWINCH). */
export const signalForeground = (signal: number): void => {
  if (liveSession() !== 0) signalGroup(foreground, signal);
};

/**
 * Makes the terminal the controlling terminal of process's session, with
 * the process's group in the foreground: 0, or EPERM unless process leads
 * its session and neither side has one already (TIOCSCTTY, opens).
 */
export const ttyAcquire = (process: number): number => {
  if (ttyControls(process)) return 0;
  const sid: number = protectedGet(process, PD_SID);
  if (sid !== pidOf(process) || liveSession() !== 0) return -EPERM;
  session = sid;
  foreground = protectedGet(process, PD_PGID);
  return 0;
};

/** Opening a terminal: /dev/tty (isTty) needs a controlling terminal (ENXIO); without O_NOCTTY a session leader acquires it. */
export const ttyOpened = (process: number, isTty: boolean, noControl: boolean): number => {
  if (isTty) return ttyControls(process) ? 0 : -ENXIO;
  if (!noControl) ttyAcquire(process);
  return 0;
};

/** TIOCNOTTY: the session leader gives the terminal up; another member keeps it (the session does). 0 or ENOTTY. */
export const ttyRelease = (process: number): number => {
  if (!ttyControls(process)) return -ENOTTY;
  if (protectedGet(process, PD_SID) === pidOf(process)) session = 0;
  return 0;
};

/** setsid made sid a new session: a terminal left from an old session with that id is not its. */
export const ttySessionCreated = (sid: number): void => {
  if (session === sid) session = 0;
};

/** TIOCSPGRP: EINVAL for pgid <= 0 or no such group, EPERM unless both the caller and the group are in the terminal's session. */
export const ttySetForeground = (process: number, pgid: number): number => {
  if ((pgid | 0) <= 0) return -EINVAL;
  const member: number = groupMember(pgid);
  if (member < 0) return -EINVAL;
  if (!ttyControls(process) || protectedGet(member, PD_SID) !== session) return -EPERM;
  foreground = pgid;
  return 0;
};

/** True when the running thread ignores or blocks signal. */
const refuses = (process: number, signal: number): boolean =>
  signalHandler(process, signal) === SIG_IGN || (threadSignalMaskOf(currentThread) & signalBit(signal)) !== 0;

/**
 * Job control for a read (SIGTTIN) or a write with TOSTOP (SIGTTOU) of the
 * terminal by process: 0 when it may go on (not its controlling terminal,
 * or its group is in the foreground); else its group gets the signal and
 * the call is restarted once it is delivered (-ERESTART). A read that
 * cannot be stopped that way fails with EIO; such a write goes on.
 */
export const ttyJobAccess = (process: number, signal: number): number => {
  if (!ttyControls(process)) return 0;
  const pgid: number = protectedGet(process, PD_PGID);
  if (pgid === foreground) return 0;
  if (refuses(process, signal) || groupOrphaned(pgid, session, -1)) return signal === SIGTTIN ? -EIO : 0;
  signalGroup(pgid, signal);
  return -ERESTART;
};
