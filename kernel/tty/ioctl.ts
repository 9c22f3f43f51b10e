// The terminal requests of ioctl on a terminal, with the
// reference's numbers and errnos (an unknown request is EINVAL).
import { EFAULT, EINVAL, EIO } from "../api/errno";
import {
  SIGWINCH, TCFLSH, TCGETS, TCSETS, TCSETSF, TCSETSW, TIOCGPGRP, TIOCGWINSZ, TIOCNOTTY, TIOCSCTTY, TIOCSPGRP,
  TIOCSTI, TIOCSWINSZ,
} from "../api/abi";
import { WINSIZE_BYTES, WINSIZE_WORDS } from "../api/layout";
import { wordsAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { signalForeground, ttyAcquire, ttyForeground, ttyRelease, ttySetForeground } from "./session";
import { TERMINALS } from "./terminals";
import { ttyFlushInput, ttyGetTermios, ttySetTermios } from "./tty";

// tcflush's queue selectors.
const TCIFLUSH: number = 0;
const TCOFLUSH: number = 1;
const TCIOFLUSH: number = 2;

// Each terminal's struct winsize as two words: ws_row | ws_col << 16, then
// the pixel sizes; after them, room for a size being set (one array:
// porffor gives every small typed array a 16 KiB page).
const windowSize: Uint32Array = new Uint32Array((TERMINALS + 1) * WINSIZE_WORDS);
const PROPOSED: number = TERMINALS * WINSIZE_WORDS;

/** Sets every terminal's size: 25 rows of 80 columns, the VGA text screen. */
export const ttyIoctlInit = (): void => {
  for (let t: number = 0; t < TERMINALS; t++) ttyWindowReset(t);
};

/** Gives terminal t the VGA text screen's size (boot, and a pty pair handed out again). */
export const ttyWindowReset = (t: number): void => {
  windowSize[t * WINSIZE_WORDS] = 25 | (80 << 16);
  windowSize[t * WINSIZE_WORDS + 1] = 0;
};

/** TIOCSWINSZ: takes terminal t's size from address; a change raises SIGWINCH in the foreground group. */
const setWindowSize = (t: number, process: number, address: number): number => {
  if (copyFromUser(process, wordsAddress(windowSize) + PROPOSED * 4, address, WINSIZE_BYTES) < 0) return -EFAULT;
  const base: number = t * WINSIZE_WORDS;
  const changed: boolean = windowSize[PROPOSED] !== windowSize[base] || windowSize[PROPOSED + 1] !== windowSize[base + 1];
  windowSize[base] = windowSize[PROPOSED];
  windowSize[base + 1] = windowSize[PROPOSED + 1];
  if (changed) signalForeground(t, SIGWINCH);
  return 0;
};

/** TCFLSH: terminal t's input queue goes for TCIFLUSH and TCIOFLUSH; output is never queued. */
const flush = (t: number, selector: number): number => {
  if (selector !== TCIFLUSH && selector !== TCOFLUSH && selector !== TCIOFLUSH) return -EINVAL;
  if (selector !== TCOFLUSH) ttyFlushInput(t);
  return 0;
};

/** A request by process on terminal t; the result or -errno. */
export const ttyIoctl = (t: number, process: number, request: number, argument: number): number => {
  if (request === TCGETS) return ttyGetTermios(t, process, argument) < 0 ? -EFAULT : 0;
  if (request === TCSETS || request === TCSETSW || request === TCSETSF) {
    if (ttySetTermios(t, process, argument) < 0) return -EFAULT;
    if (request === TCSETSF) ttyFlushInput(t);
    return 0;
  }
  if (request === TCFLSH) return flush(t, argument);
  if (request === TIOCGPGRP) return ttyForeground(t);
  if (request === TIOCSPGRP) return ttySetForeground(t, process, argument);
  if (request === TIOCSCTTY) return ttyAcquire(t, process);
  if (request === TIOCNOTTY) return ttyRelease(t, process);
  if (request === TIOCGWINSZ) return copyToUser(process, argument, wordsAddress(windowSize) + t * WINSIZE_BYTES, WINSIZE_BYTES) < 0 ? -EFAULT : 0;
  if (request === TIOCSWINSZ) return setWindowSize(t, process, argument);
  if (request === TIOCSTI) return -EIO;
  return -EINVAL;
};
