// The terminal requests of ioctl on the console terminal, with the
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
import { ttyFlushInput, ttyGetTermios, ttySetTermios } from "./tty";

// tcflush's queue selectors.
const TCIFLUSH: number = 0;
const TCOFLUSH: number = 1;
const TCIOFLUSH: number = 2;

// struct winsize as two words: ws_row | ws_col << 16, then the pixel sizes.
const windowSize: Uint32Array = new Uint32Array(WINSIZE_WORDS);
const proposed: Uint32Array = new Uint32Array(WINSIZE_WORDS);

/** Sets the console's size: 25 rows of 80 columns, the VGA text screen. */
export const ttyIoctlInit = (): void => {
  windowSize[0] = 25 | (80 << 16);
};

/** TIOCSWINSZ: takes the size from address; a change raises SIGWINCH in the foreground group. */
const setWindowSize = (process: number, address: number): number => {
  if (copyFromUser(process, wordsAddress(proposed), address, WINSIZE_BYTES) < 0) return -EFAULT;
  const changed: boolean = proposed[0] !== windowSize[0] || proposed[1] !== windowSize[1];
  windowSize[0] = proposed[0];
  windowSize[1] = proposed[1];
  if (changed) signalForeground(SIGWINCH);
  return 0;
};

/** TCFLSH: the input queue goes for TCIFLUSH and TCIOFLUSH; output is never queued. */
const flush = (selector: number): number => {
  if (selector !== TCIFLUSH && selector !== TCOFLUSH && selector !== TCIOFLUSH) return -EINVAL;
  if (selector !== TCOFLUSH) ttyFlushInput();
  return 0;
};

/** A terminal request by process; the result or -errno. */
export const ttyIoctl = (process: number, request: number, argument: number): number => {
  if (request === TCGETS) return ttyGetTermios(process, argument) < 0 ? -EFAULT : 0;
  if (request === TCSETS || request === TCSETSW || request === TCSETSF) {
    if (ttySetTermios(process, argument) < 0) return -EFAULT;
    if (request === TCSETSF) ttyFlushInput();
    return 0;
  }
  if (request === TCFLSH) return flush(argument);
  if (request === TIOCGPGRP) return ttyForeground();
  if (request === TIOCSPGRP) return ttySetForeground(process, argument);
  if (request === TIOCSCTTY) return ttyAcquire(process);
  if (request === TIOCNOTTY) return ttyRelease(process);
  if (request === TIOCGWINSZ) return copyToUser(process, argument, wordsAddress(windowSize), WINSIZE_BYTES) < 0 ? -EFAULT : 0;
  if (request === TIOCSWINSZ) return setWindowSize(process, argument);
  if (request === TIOCSTI) return -EIO;
  return -EINVAL;
};
