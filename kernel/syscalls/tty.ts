// ttyname and ptsname (syscalls 28 and 63): the name of the
// terminal behind an fd, and of the slave of a pty master's fd.
import { EFAULT, ENOTTY, ERANGE } from "../api/errno";
import { descInodeOf } from "../fs/description";
import { isPtyMaster, ptyOfDevice, ptySlaveDevice, terminalNameAddress, terminalNameLength } from "../fs/devfs";
import { inodeRdevOf, isCharDevice } from "../fs/inode";
import { copyToUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { isTerminal } from "./fd";
import { descriptionOf } from "./fs_args";

/** Copies the path of terminal rdev's node, with its NUL, into process's buffer of size bytes: 0, ERANGE, EFAULT. */
const copyTerminalName = (process: number, rdev: number, buffer: number, size: number): number => {
  if (size < terminalNameLength(rdev) + 1) return -ERANGE;
  return copyToUser(process, buffer, terminalNameAddress(rdev), terminalNameLength(rdev) + 1) < 0 ? -EFAULT : 0;
};

/** Copies the path of fd's terminal node, with its NUL, into buffer of size bytes: 0, EBADF, ENOTTY, ERANGE, EFAULT. */
export const sys$ttyname = (frame: number, fd: number, buffer: number, size: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  if (!isTerminal(desc)) return -ENOTTY;
  return copyTerminalName(process, inodeRdevOf(descInodeOf(desc)), buffer, size);
};

/** Copies the /dev/pts/N name of a pty master fd's slave, with its NUL, into buffer of size bytes: 0, EBADF, ENOTTY, ERANGE, EFAULT. */
export const sys$ptsname = (frame: number, fd: number, buffer: number, size: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  const rdev: number = inodeRdevOf(descInodeOf(desc));
  if (!isCharDevice(descInodeOf(desc)) || !isPtyMaster(rdev)) return -ENOTTY;
  return copyTerminalName(process, ptySlaveDevice(ptyOfDevice(rdev)), buffer, size);
};
