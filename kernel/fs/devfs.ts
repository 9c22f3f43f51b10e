// devfs: the character devices under /dev. Device numbers follow the
// usual majors (1 memory devices, 4 the VGA console and serial, 5
// /dev/tty, the console and /dev/ptmx) and the reference's for the
// pseudo-terminals (200 a master, 201 a slave, the minor the pair); a
// node's rdev is major << 8 | minor. The terminal devices map to the
// terminals of tty/: /dev/console is the serial line's terminal, the one
// the harness drives, while the kernel log goes to both screens.
import { EFAULT, EIO, ENOSPC, ENOTTY, ENXIO } from "../api/errno";
import { SIGTTIN, SIGTTOU } from "../api/abi";
import { bytesAddress, fillBytes, poke32 } from "../arch/i386/io";
import { randomWord } from "../lib/random";
import { copyToUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { ttyIoctl } from "../tty/ioctl";
import { ptyMasterIoctl, ptyMasterRead, ptyMasterReadable, ptyMasterWrite, ptySlaveOpened, ptyTerminal } from "../tty/pty";
import { controllingTerminal, ttyJobAccess, ttyOpened } from "../tty/session";
import { PTY_COUNT, TERMINAL_SERIAL, TERMINAL_VGA } from "../tty/terminals";
import { ttyRead, ttyReadable, ttyStopsBackgroundWrites, ttyWritable, ttyWrite } from "../tty/tty";

export const DEV_NULL: number = (1 << 8) | 3;
export const DEV_ZERO: number = (1 << 8) | 5;
export const DEV_FULL: number = (1 << 8) | 7;
export const DEV_RANDOM: number = (1 << 8) | 8;
export const DEV_URANDOM: number = (1 << 8) | 9;
export const DEV_TTY0: number = 4 << 8;
export const DEV_TTYS0: number = (4 << 8) | 64;
export const DEV_TTY: number = 5 << 8;
export const DEV_CONSOLE: number = (5 << 8) | 1;
export const DEV_PTMX: number = (5 << 8) | 2;
const PTY_MASTER_MAJOR: number = 200;
const PTY_SLAVE_MAJOR: number = 201;

const CHUNK: number = 4096;
const chunk: Uint8Array = new Uint8Array(CHUNK);

/** The device number of pair pty's master. */
export const ptyMasterDevice = (pty: number): number => (PTY_MASTER_MAJOR << 8) | pty;
/** The device number of pair pty's slave (/dev/pts/pty). */
export const ptySlaveDevice = (pty: number): number => (PTY_SLAVE_MAJOR << 8) | pty;
export const isPtyMaster = (rdev: number): boolean => rdev >>> 8 === PTY_MASTER_MAJOR;
export const isPtySlave = (rdev: number): boolean => rdev >>> 8 === PTY_SLAVE_MAJOR;
/** The pair of a pty master or slave device. */
export const ptyOfDevice = (rdev: number): number => rdev & 0xff;

/** True for the devices that are terminals (isatty, ttyname): a pty master is not one. */
export const isTerminalDevice = (rdev: number): boolean =>
  rdev === DEV_CONSOLE || rdev === DEV_TTY || rdev === DEV_TTYS0 || rdev === DEV_TTY0 || isPtySlave(rdev);

/** The terminal of terminal device rdev for process: /dev/tty is its controlling terminal (-1 when it has none). */
const terminalOf = (rdev: number, process: number): number => {
  if (rdev === DEV_TTY) return controllingTerminal(process);
  if (rdev === DEV_TTY0) return TERMINAL_VGA;
  return isPtySlave(rdev) ? ptyTerminal(ptyOfDevice(rdev)) : TERMINAL_SERIAL;
};

// The path of each terminal's node ("/dev/console"...), NUL-terminated,
// what ttyname reports: the boot nodes' recorded when made, then the pty slaves'.
const TERMINAL_NAME_BYTES: number = 32;
const BOOT_TERMINALS: number = 4;
const terminalNames: Uint8Array = new Uint8Array((BOOT_TERMINALS + PTY_COUNT) * TERMINAL_NAME_BYTES);
const terminalNameLengths: Uint8Array = new Uint8Array(BOOT_TERMINALS + PTY_COUNT);

const terminalIndex = (rdev: number): number => {
  if (isPtySlave(rdev)) return BOOT_TERMINALS + ptyOfDevice(rdev);
  return rdev === DEV_CONSOLE ? 0 : rdev === DEV_TTY ? 1 : rdev === DEV_TTYS0 ? 2 : 3;
};

/** Records directory + name, then suffix when not negative (a digit's code), as the path of terminal rdev. Boot time only. */
const recordName = (rdev: number, directory: string, name: string, suffix: number): void => {
  const base: number = terminalIndex(rdev) * TERMINAL_NAME_BYTES;
  let length: number = 0;
  for (let i: number = 0; i < directory.length + name.length && length < TERMINAL_NAME_BYTES - 2; i++) {
    terminalNames[base + length] = i < directory.length ? directory.charCodeAt(i) : name.charCodeAt(i - directory.length);
    length++;
  }
  if (suffix >= 0) {
    terminalNames[base + length] = suffix;
    length++;
  }
  terminalNames[base + length] = 0;
  terminalNameLengths[terminalIndex(rdev)] = length;
};

/** Records directory + name as the path of terminal rdev. Boot time only. */
export const terminalNameSet = (rdev: number, directory: string, name: string): void => {
  recordName(rdev, directory, name, -1);
};

/** Records /dev/pts/N as the path of each pty slave (N a digit: PTY_COUNT is at most 10). Boot time only. */
export const ptyNamesInit = (): void => {
  for (let pty: number = 0; pty < PTY_COUNT; pty++) recordName(ptySlaveDevice(pty), "/dev/", "pts/", 0x30 + pty);
};

/** The length of terminal rdev's path (without the NUL). */
export const terminalNameLength = (rdev: number): number => terminalNameLengths[terminalIndex(rdev)];

/** The kernel address of terminal rdev's NUL-terminated path. */
export const terminalNameAddress = (rdev: number): number => bytesAddress(terminalNames) + terminalIndex(rdev) * TERMINAL_NAME_BYTES;

/** The terminal side of an open of terminal device rdev by process: ENXIO for /dev/tty without a controlling terminal; a session leader may acquire it. */
export const terminalOpened = (rdev: number, process: number, noControl: boolean): number => {
  const terminal: number = terminalOf(rdev, process);
  if (terminal < 0) return -ENXIO;
  if (isPtySlave(rdev)) ptySlaveOpened(ptyOfDevice(rdev));
  if (rdev !== DEV_TTY) ttyOpened(terminal, process, noControl);
  return 0;
};

/** ioctl on device rdev: the terminal requests, a pty master's; ENOTTY for the others. */
export const deviceIoctl = (rdev: number, process: number, request: number, argument: number): number => {
  if (isPtyMaster(rdev)) return ptyMasterIoctl(ptyOfDevice(rdev), process, request, argument);
  if (!isTerminalDevice(rdev)) return -ENOTTY;
  const terminal: number = terminalOf(rdev, process);
  return terminal < 0 ? -ENXIO : ttyIoctl(terminal, process, request, argument);
};

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
  if (isPtyMaster(rdev)) return ptyMasterRead(ptyOfDevice(rdev), process, buffer, size, nonblocking);
  if (isTerminalDevice(rdev)) {
    const terminal: number = terminalOf(rdev, process);
    if (terminal < 0) return -EIO;
    const access: number = ttyJobAccess(terminal, process, SIGTTIN);
    return access < 0 ? access : ttyRead(terminal, process, buffer, size, nonblocking);
  }
  for (let done: number = 0; done < size; done += CHUNK) {
    const length: number = Math.min(CHUNK, size - done);
    produce(rdev, length);
    if (copyToUser(process, buffer + done, bytesAddress(chunk), length) < 0) return -EFAULT;
  }
  return size;
};

/** Writes size bytes from process's buffer to device rdev; returns the count or -errno. */
export const deviceWrite = (rdev: number, process: number, buffer: number, size: number, nonblocking: boolean): number => {
  if (rdev === DEV_FULL) return -ENOSPC;
  if (isPtyMaster(rdev)) return ptyMasterWrite(ptyOfDevice(rdev), process, buffer, size);
  if (!isTerminalDevice(rdev)) return size;
  const terminal: number = terminalOf(rdev, process);
  if (terminal < 0) return -EIO;
  const access: number = ttyStopsBackgroundWrites(terminal) ? ttyJobAccess(terminal, process, SIGTTOU) : 0;
  return access < 0 ? access : ttyWrite(terminal, process, buffer, size, nonblocking);
};

/** The terminal behind rdev for the running process (select/poll), or -1. */
const polledTerminal = (rdev: number): number => isTerminalDevice(rdev) ? terminalOf(rdev, currentProcess()) : -1;

/** True when a read of the device would not block. */
export const deviceReadable = (rdev: number): boolean => {
  if (isPtyMaster(rdev)) return ptyMasterReadable(ptyOfDevice(rdev));
  const terminal: number = polledTerminal(rdev);
  return terminal < 0 || ttyReadable(terminal);
};

/** True when a write of the device would not block. */
export const deviceWritable = (rdev: number): boolean => {
  const terminal: number = polledTerminal(rdev);
  return terminal < 0 || ttyWritable(terminal);
};
