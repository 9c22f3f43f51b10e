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

// Each pair's fields, in one array (porffor gives every small typed array a 16 KiB page).
const MASTER_OPEN: number = 0; // 1 while the master's description is open
const SLAVE_OPENS: number = 1; // open descriptions of the slave
const SLAVE_GONE: number = 2; // 1 once the slave's last description closed: the master reads end of file, writes fail
const FREE_LIST: number = 3; // entry i of the free list (a stack of pairs), not a field of pair i
const PAIR_FIELDS: number = 4;
const pairs: Int32Array = new Int32Array(PTY_COUNT * PAIR_FIELDS);
let ptysFree: number = 0;

const pairField = (pty: number, name: number): number => pairs[pty * PAIR_FIELDS + name];
const setPairField = (pty: number, name: number, value: number): void => {
  pairs[pty * PAIR_FIELDS + name] = value;
};

/** Fills the free list so that pair 0 goes first. Boot time. */
export const ptyInit = (): void => {
  for (let i: number = PTY_COUNT; i > 0; i--) {
    setPairField(ptysFree, FREE_LIST, i - 1);
    ptysFree++;
  }
};

/** Pair pty's slave terminal. */
export const ptyTerminal = (pty: number): number => FIRST_PTY_TERMINAL + pty;

/** A new pair for an open of /dev/ptmx, its master open: the pair, or -EBUSY when all are taken. */
export const ptyAllocate = (): number => {
  if (ptysFree === 0) return -EBUSY;
  ptysFree--;
  const pty: number = pairField(ptysFree, FREE_LIST);
  ttyReset(ptyTerminal(pty));
  ttyWindowReset(ptyTerminal(pty));
  ttyDetach(ptyTerminal(pty));
  setPairField(pty, MASTER_OPEN, 1);
  setPairField(pty, SLAVE_OPENS, 0);
  setPairField(pty, SLAVE_GONE, 0);
  return pty;
};

/** Frees pty once both sides are closed; true when it did (devfs then removes /dev/pts/N). */
const releaseIfUnused = (pty: number): boolean => {
  if (pairField(pty, MASTER_OPEN) !== 0 || pairField(pty, SLAVE_OPENS) !== 0) return false;
  ttyDetach(ptyTerminal(pty));
  setPairField(ptysFree, FREE_LIST, pty);
  ptysFree++;
  return true;
};

/** The master's description closed: the slave hangs up (SIGHUP to its foreground group, EOF, EIO). True when the pair is free. */
export const ptyMasterClosed = (pty: number): boolean => {
  setPairField(pty, MASTER_OPEN, 0);
  signalForeground(ptyTerminal(pty), SIGHUP);
  ttyHangUp(ptyTerminal(pty));
  return releaseIfUnused(pty);
};

/** A description of pty's slave was opened. */
export const ptySlaveOpened = (pty: number): void => {
  setPairField(pty, SLAVE_OPENS, pairField(pty, SLAVE_OPENS) + 1);
  setPairField(pty, SLAVE_GONE, 0);
};

/** A description of pty's slave closed; the last one leaves the master reading end of file. True when the pair is free. */
export const ptySlaveClosed = (pty: number): boolean => {
  setPairField(pty, SLAVE_OPENS, pairField(pty, SLAVE_OPENS) - 1);
  if (pairField(pty, SLAVE_OPENS) > 0) return false;
  setPairField(pty, SLAVE_GONE, 1);
  ttyWake(ptyTerminal(pty));
  return releaseIfUnused(pty);
};

/** True while pty is handed out (its /dev/pts/N exists). */
export const ptyLive = (pty: number): boolean => pairField(pty, MASTER_OPEN) !== 0 || pairField(pty, SLAVE_OPENS) !== 0;

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
    if (pairField(pty, SLAVE_GONE) !== 0) status = 0;
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
  pairField(pty, SLAVE_GONE) !== 0 ? -EIO : ttyReceiveFrom(ptyTerminal(pty), process, buffer, size);

/** True when a master read would not block (select/poll). */
export const ptyMasterReadable = (pty: number): boolean => pairField(pty, SLAVE_GONE) !== 0 || ttyOutputPending(ptyTerminal(pty)) > 0;

/** ioctl on the master: TIOCSWINSZ and TIOCGPGRP act on the slave, others are EINVAL; EIO once the slave is gone. */
export const ptyMasterIoctl = (pty: number, process: number, request: number, argument: number): number => {
  if (pairField(pty, SLAVE_GONE) !== 0) return -EIO;
  if (request === TIOCSWINSZ || request === TIOCGPGRP) return ttyIoctl(ptyTerminal(pty), process, request, argument);
  return -EINVAL;
};

/** Pairs handed out, for the leak check. */
export const ptysInUse = (): number => PTY_COUNT - ptysFree;
