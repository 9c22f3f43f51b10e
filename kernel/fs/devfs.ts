// devfs: the character devices under /dev. Device numbers follow the
// usual majors (1 memory devices, 4 serial, 5 console/tty); a node's
// rdev is major << 8 | minor.
import { EFAULT, ENOSPC } from "../api/errno";
import { SIGTTIN, SIGTTOU } from "../api/abi";
import { bytesAddress, fillBytes, poke32 } from "../arch/i386/io";
import { randomWord } from "../lib/random";
import { copyToUser } from "../mm/usercopy";
import { ttyJobAccess } from "../tty/session";
import { ttyRead, ttyReadable, ttyStopsBackgroundWrites, ttyWrite } from "../tty/tty";

export const DEV_NULL: number = (1 << 8) | 3;
export const DEV_ZERO: number = (1 << 8) | 5;
export const DEV_FULL: number = (1 << 8) | 7;
export const DEV_RANDOM: number = (1 << 8) | 8;
export const DEV_URANDOM: number = (1 << 8) | 9;
export const DEV_TTYS0: number = (4 << 8) | 64;
export const DEV_TTY: number = 5 << 8;
export const DEV_CONSOLE: number = (5 << 8) | 1;

const CHUNK: number = 4096;
const chunk: Uint8Array = new Uint8Array(CHUNK);

/** True for the devices that are terminals (isatty, ttyname). */
export const isTerminalDevice = (rdev: number): boolean => rdev === DEV_CONSOLE || rdev === DEV_TTY || rdev === DEV_TTYS0;

// The path of each terminal's node ("/dev/console"...), NUL-terminated,
// recorded when the node is made: what ttyname reports.
const TERMINAL_NAME_BYTES: number = 32;
const terminalNames: Uint8Array = new Uint8Array(3 * TERMINAL_NAME_BYTES);
const terminalNameLengths: Uint8Array = new Uint8Array(3);

const terminalIndex = (rdev: number): number => rdev === DEV_CONSOLE ? 0 : rdev === DEV_TTY ? 1 : 2;

/** Records directory + name as the path of terminal rdev. Boot time only. */
export const terminalNameSet = (rdev: number, directory: string, name: string): void => {
  const base: number = terminalIndex(rdev) * TERMINAL_NAME_BYTES;
  let length: number = 0;
  for (let i: number = 0; i < directory.length + name.length && length < TERMINAL_NAME_BYTES - 1; i++) {
    terminalNames[base + length] = i < directory.length ? directory.charCodeAt(i) : name.charCodeAt(i - directory.length);
    length++;
  }
  terminalNames[base + length] = 0;
  terminalNameLengths[terminalIndex(rdev)] = length;
};

/** The length of terminal rdev's path (without the NUL). */
export const terminalNameLength = (rdev: number): number => terminalNameLengths[terminalIndex(rdev)];

/** The kernel address of terminal rdev's NUL-terminated path. */
export const terminalNameAddress = (rdev: number): number => bytesAddress(terminalNames) + terminalIndex(rdev) * TERMINAL_NAME_BYTES;

/** Fills chunk[0..length) with what device produces: zeros, or random bytes a word at a time. */
const produce = (rdev: number, length: number): void => {
  if (rdev !== DEV_RANDOM && rdev !== DEV_URANDOM) {
    fillBytes(bytesAddress(chunk), 0, length);
    return;
  }
  for (let i: number = 0; i < length; i += 4) poke32(bytesAddress(chunk) + i, randomWord());
};

/** Reads size bytes of device rdev into process's buffer; returns the count or -errno. */
export const deviceRead = (rdev: number, process: number, buffer: number, size: number, nonblocking: boolean): number => {
  if (rdev === DEV_NULL) return 0;
  if (isTerminalDevice(rdev)) {
    const access: number = ttyJobAccess(process, SIGTTIN);
    return access < 0 ? access : ttyRead(process, buffer, size, nonblocking);
  }
  for (let done: number = 0; done < size; done += CHUNK) {
    const length: number = Math.min(CHUNK, size - done);
    produce(rdev, length);
    if (copyToUser(process, buffer + done, bytesAddress(chunk), length) < 0) return -EFAULT;
  }
  return size;
};

/** Writes size bytes from process's buffer to device rdev; returns the count or -errno. */
export const deviceWrite = (rdev: number, process: number, buffer: number, size: number): number => {
  if (rdev === DEV_FULL) return -ENOSPC;
  if (!isTerminalDevice(rdev)) return size;
  const access: number = ttyStopsBackgroundWrites() ? ttyJobAccess(process, SIGTTOU) : 0;
  return access < 0 ? access : ttyWrite(process, buffer, size);
};

/** True when a read of the device would not block. */
export const deviceReadable = (rdev: number): boolean => !isTerminalDevice(rdev) || ttyReadable();
