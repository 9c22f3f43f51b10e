// Pseudo-terminal pairs, after the reference's PTYMultiplexer, MasterPTY
// and SlavePTY. A pair is a master, which only its opener's description
// holds, and a slave terminal (terminals.ts numbers it), a full TTY of
// tty.ts: what the master writes is the slave's input, through its line
// discipline, and what the slave outputs (its writes and echo) waits in a
// ring for the master to read. The table is fixed at boot; a free list
// hands the pairs out as the reference's does (pair 0 first, the last
// one freed next). A pair lives until its master is closed and no
// description of its slave is left.
import { EAGAIN, EBUSY, EINVAL, EIO } from "../api/errno";
import { SIGHUP, TIOCGPGRP, TIOCSWINSZ } from "../api/abi";
import { cli, sti } from "../arch/i386/cpu";
import { ERESTART, signalInterrupts } from "../proc/signals";
import { ttyIoctl, ttyWindowReset } from "./ioctl";
import { signalForeground, ttyDetach } from "./session";
import { FIRST_PTY_TERMINAL, PTY_COUNT } from "./terminals";
import {
  ttyHangUp, ttyOutputPending, ttyReceiveFrom, ttyReset, ttyTakeOutput, ttyWaitOutput, ttyWake,
} from "./tty";

const masterOpen: Uint8Array = new Uint8Array(PTY_COUNT);
const slaveOpens: Int32Array = new Int32Array(PTY_COUNT); // open descriptions of the slave
// The slave was opened and its last description closed since: the master reads end of file, writes fail.
const slaveGone: Uint8Array = new Uint8Array(PTY_COUNT);
const ptyFreeList: Int32Array = new Int32Array(PTY_COUNT);
let ptysFree: number = 0;

/** Fills the free list so that pair 0 goes first. Boot time. */
export const ptyInit = (): void => {
  for (let i: number = PTY_COUNT; i > 0; i--) {
    ptyFreeList[ptysFree] = i - 1;
    ptysFree++;
  }
};

/** Pair pty's slave terminal. */
export const ptyTerminal = (pty: number): number => FIRST_PTY_TERMINAL + pty;

/** A new pair for an open of /dev/ptmx, its master open: the pair, or -EBUSY when all are taken. */
export const ptyAllocate = (): number => {
  if (ptysFree === 0) return -EBUSY;
  ptysFree--;
  const pty: number = ptyFreeList[ptysFree];
  ttyReset(ptyTerminal(pty));
  ttyWindowReset(ptyTerminal(pty));
  ttyDetach(ptyTerminal(pty));
  masterOpen[pty] = 1;
  slaveOpens[pty] = 0;
  slaveGone[pty] = 0;
  return pty;
};

/** Frees pty once both sides are closed; true when it did (devfs then removes /dev/pts/N). */
const releaseIfUnused = (pty: number): boolean => {
  if (masterOpen[pty] !== 0 || slaveOpens[pty] !== 0) return false;
  ttyDetach(ptyTerminal(pty));
  ptyFreeList[ptysFree] = pty;
  ptysFree++;
  return true;
};

/** The master's description closed: the slave hangs up (SIGHUP to its foreground group, EOF, EIO). True when the pair is free. */
export const ptyMasterClosed = (pty: number): boolean => {
  masterOpen[pty] = 0;
  signalForeground(ptyTerminal(pty), SIGHUP);
  ttyHangUp(ptyTerminal(pty));
  return releaseIfUnused(pty);
};

/** A description of pty's slave was opened. */
export const ptySlaveOpened = (pty: number): void => {
  slaveOpens[pty]++;
  slaveGone[pty] = 0;
};

/** A description of pty's slave closed; the last one leaves the master reading end of file. True when the pair is free. */
export const ptySlaveClosed = (pty: number): boolean => {
  slaveOpens[pty]--;
  if (slaveOpens[pty] > 0) return false;
  slaveGone[pty] = 1;
  ttyWake(ptyTerminal(pty));
  return releaseIfUnused(pty);
};

/** True while pty is handed out (its /dev/pts/N exists). */
export const ptyLive = (pty: number): boolean => masterOpen[pty] !== 0 || slaveOpens[pty] !== 0;

/**
 * The master reads the slave's output into process's buffer: what is
 * there, up to size bytes, waiting for some; 0 once the slave is gone and
 * its output read. The count, -EAGAIN, -ERESTART or -EFAULT.
 */
export const ptyMasterRead = (pty: number, process: number, buffer: number, size: number, nonblocking: boolean): number => {
  const terminal: number = ptyTerminal(pty);
  cli();
  while (ttyOutputPending(terminal) === 0) {
    let status: number = 1;
    if (slaveGone[pty] !== 0) status = 0;
    else if (nonblocking) status = -EAGAIN;
    else if (signalInterrupts()) status = -ERESTART;
    if (status <= 0) {
      sti();
      return status;
    }
    ttyWaitOutput(terminal);
  }
  sti();
  return ttyTakeOutput(terminal, process, buffer, size);
};

/** The master writes size bytes of process's buffer as the slave's input; the count, -EIO once the slave is gone, or -EFAULT. */
export const ptyMasterWrite = (pty: number, process: number, buffer: number, size: number): number =>
  slaveGone[pty] !== 0 ? -EIO : ttyReceiveFrom(ptyTerminal(pty), process, buffer, size);

/** True when a master read would not block (select/poll). */
export const ptyMasterReadable = (pty: number): boolean => slaveGone[pty] !== 0 || ttyOutputPending(ptyTerminal(pty)) > 0;

/** ioctl on the master: TIOCSWINSZ and TIOCGPGRP act on the slave, others are EINVAL; EIO once the slave is gone. */
export const ptyMasterIoctl = (pty: number, process: number, request: number, argument: number): number => {
  if (slaveGone[pty] !== 0) return -EIO;
  if (request === TIOCSWINSZ || request === TIOCGPGRP) return ttyIoctl(ptyTerminal(pty), process, request, argument);
  return -EINVAL;
};

/** Pairs handed out, for the leak check. */
export const ptysInUse = (): number => PTY_COUNT - ptysFree;
