// ttyname and ptsname (syscalls 28 and 63): the name of the
// terminal behind an fd. The terminals are the console devices
// (/dev/console, /dev/tty, /dev/ttyS0); there are no pseudo-terminals, so
// ptsname never finds a PTY master.
import { EFAULT, ENOTTY, ERANGE } from "../api/errno";
import { descInodeOf } from "../fs/description";
import { terminalNameAddress, terminalNameLength } from "../fs/devfs";
import { inodeRdevOf } from "../fs/inode";
import { copyToUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { isTerminal } from "./fd";
import { descriptionOf } from "./fs_args";

/** Copies the path of fd's terminal node, with its NUL, into buffer of size bytes: 0, EBADF, ENOTTY, ERANGE, EFAULT. */
export const sys$ttyname = (frame: number, fd: number, buffer: number, size: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  if (!isTerminal(desc)) return -ENOTTY;
  const rdev: number = inodeRdevOf(descInodeOf(desc));
  if (size < terminalNameLength(rdev) + 1) return -ERANGE;
  return copyToUser(process, buffer, terminalNameAddress(rdev), terminalNameLength(rdev) + 1) < 0 ? -EFAULT : 0;
};

/** The PTY slave name of a master fd: EBADF for a bad fd, else ENOTTY (no PTYs exist). */
export const sys$ptsname = (frame: number, fd: number, buffer: number, size: number): number => {
  const desc: number = descriptionOf(currentProcess(), fd);
  return desc < 0 ? desc : -ENOTTY;
};
