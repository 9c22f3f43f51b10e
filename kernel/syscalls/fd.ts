// Descriptor table calls: dup2, fcntl, pipe and ioctl.
import { EFAULT, EINVAL, EMFILE, ENFILE, ENOTTY, EPERM } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import {
  fdDescription, fdFlags, fdFreeCount, fdInstall, descSetFlags, descInodeOf, descFlagsOf,
} from "../fs/description";
import { deviceIoctl, isPtyMaster, isTerminalDevice } from "../fs/devfs";
import { fdAllocate, fdClose, fileAttachPipeEnds, fileOpen, fileRetain } from "../fs/file";
import { FS_PIPEFS, inodeAlloc, inodeRelease, isCharDevice, inodeSetRdev, inodeRdevOf } from "../fs/inode";
import { pipeAlloc, pipeFree } from "../fs/pipe";
import { copyToUser } from "../mm/usercopy";
import { PD_EGID, PD_EUID, protectedGet } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { descriptionOf } from "./fs_args";
import { PROMISE_TTY } from "../api/pledge";
import { requirePromise } from "./pledge";
import {
  FD_CLOEXEC, FD_SETSIZE, FIONBIO, F_DUPFD, F_GETFD, F_GETFL, F_ISTTY, F_SETFD, F_SETFL, O_APPEND,
  O_CLOEXEC, O_NONBLOCK, O_RDONLY, O_WRONLY, S_IFIFO,
} from "../api/abi";

export const sys$dup2 = (frame: number, oldFd: number, newFd: number, arg3: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, oldFd);
  if (desc < 0) return desc;
  if (oldFd === newFd) return newFd;
  if (newFd < 0 || newFd >= FD_SETSIZE) return -EINVAL;
  if (fdDescription(process, newFd) !== 0) fdClose(process, newFd);
  fdInstall(process, newFd, fileRetain(desc), 0);
  return newFd;
};

/** The status flags F_SETFL may change. */
const SETTABLE_FLAGS: number = O_APPEND | O_NONBLOCK;

/** True when desc is a terminal. */
export const isTerminal = (desc: number): boolean => isCharDevice(descInodeOf(desc)) && isTerminalDevice(inodeRdevOf(descInodeOf(desc)));

export const sys$fcntl = (frame: number, fd: number, command: number, argument: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  if (command === F_DUPFD) {
    if ((argument | 0) < 0) return -EINVAL;
    return fdAllocate(process, fileRetain(desc), 0, argument);
  }
  if (command === F_GETFD) return fdFlags(process, fd);
  if (command === F_SETFD) {
    fdInstall(process, fd, desc, argument & FD_CLOEXEC);
    return 0;
  }
  if (command === F_GETFL) return descFlagsOf(desc);
  if (command === F_SETFL) {
    descSetFlags(desc, ((descFlagsOf(desc) & ~SETTABLE_FLAGS) | (argument & SETTABLE_FLAGS)) >>> 0);
    return 0;
  }
  if (command === F_ISTTY) return isTerminal(desc) ? 1 : 0;
  return -EINVAL;
};

// pipe's int fds[2]: the read end, then the write end.
const PIPE_READ_END: number = 0;
const PIPE_WRITE_END: number = 1;
const pipeFds: Uint32Array = new Uint32Array(2);

/** A new anonymous pipe inode (its pipe allocated), referenced; 0 without resources. */
const pipeInode = (process: number): number => {
  const pipe: number = pipeAlloc();
  if (pipe < 0) return 0;
  const inode: number = inodeAlloc(FS_PIPEFS, 0, S_IFIFO | 0o600, protectedGet(process, PD_EUID), protectedGet(process, PD_EGID));
  if (inode === 0) pipeFree(pipe);
  else inodeSetRdev(inode, pipe);
  return inode;
};

/** One end of the pipe inode as an fd; the fd or -errno. */
const pipeEnd = (process: number, inode: number, access: number, flags: number): number => {
  const desc: number = fileOpen(inode, 0, access);
  if (desc < 0) return desc;
  fileAttachPipeEnds(desc);
  return fdAllocate(process, desc, (flags & O_CLOEXEC) !== 0 ? FD_CLOEXEC : 0, 0);
};

export const sys$pipe = (frame: number, fdsAddress: number, flags: number, arg3: number): number => {
  const process: number = currentProcess();
  if (fdFreeCount(process, 2) < 2) return -EMFILE;
  if ((flags & ~O_CLOEXEC) !== 0) return -EINVAL;
  const inode: number = pipeInode(process);
  if (inode === 0) return -ENFILE;
  const reader: number = pipeEnd(process, inode, O_RDONLY, flags);
  const writer: number = reader < 0 ? reader : pipeEnd(process, inode, O_WRONLY, flags);
  inodeRelease(inode);
  if (writer < 0) {
    if (reader >= 0) fdClose(process, reader);
    return writer;
  }
  pipeFds[PIPE_READ_END] = reader;
  pipeFds[PIPE_WRITE_END] = writer;
  if (copyToUser(process, fdsAddress, wordsAddress(pipeFds), 8) >= 0) return 0;
  fdClose(process, reader);
  fdClose(process, writer);
  return -EFAULT;
};

// --- ioctl ---
export const sys$ioctl = (frame: number, fd: number, request: number, argument: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  if (request === FIONBIO) {
    descSetFlags(desc, (argument !== 0 ? descFlagsOf(desc) | O_NONBLOCK : descFlagsOf(desc) & ~O_NONBLOCK) >>> 0);
    return 0;
  }
  if (!isCharDevice(descInodeOf(desc))) return -ENOTTY;
  const rdev: number = inodeRdevOf(descInodeOf(desc));
  if (!isTerminalDevice(rdev) && !isPtyMaster(rdev)) return -ENOTTY;
  if (!requirePromise(process, PROMISE_TTY)) return -EPERM; // the reference's TTY and MasterPTY ioctl REQUIRE_PROMISE(tty)
  return deviceIoctl(rdev, process, request, argument);
};
