// What a description does, by the kind of inode behind it: regular ramfs
// files, directories, devices, pipes and FIFOs, procfs files, inode
// watchers. Also the file state's life with the process: fork copies the
// fd table (sharing descriptions), exec closes FD_CLOEXEC fds, exit closes
// everything.
import { EBADF, EINVAL, EISDIR, EMFILE, ENFILE, ENOTSUP, EOVERFLOW, ESPIPE } from "../api/errno";
import {
  descAlloc, descFree, fdDescription, fdFlags, fdInstall, fdLowestFree, fdTableCreate, fdTableDestroy,
  fdTake, isNonblocking, isReadable, isWritable, descInodeOf, descSetRefs, descRefsOf, descOffsetOf,
  descSetOffset, descFlagsOf, fdLimitOf, procCwdOf, procSetCwd, procRootOf, procSetRoot, procExecutableOf,
  procSetExecutable,
} from "./description";
import { deviceRead, deviceReadable, deviceWritable, deviceWrite } from "./devfs";
import { devptsClosed } from "./devpts";
import {
  FS_ANON, FS_PROCFS, inodeRelease, inodeRetain, isCharDevice, isDirectory, isFifo, isRegular, inodeRdevOf,
  inodeFsOf, inodeSetRdev, inodeSizeOf, inodeModeOf, inodeSetMode, inodeLinksOf,
} from "./inode";
import { pipeAttach, pipeDetach, pipeFree, pipeRead, pipeReadable, pipeWritable, pipeWrite } from "./pipe";
import { procfsInodeNumber, procfsRead, procfsSize } from "./procfs";
import { ramfsTransfer } from "./ramfs";
import { touchModified, vfsRoot } from "./vfs";
import { FS_WATCH, watcherClose, watcherRead, watcherReadable, watchersNotify } from "./watch";
import { veilExec, veilFork, veilRelease } from "./veil";
import {
  INODE_WATCHER_EVENT_CONTENT_MODIFIED, O_APPEND, O_RDWR, SEEK_CUR, SEEK_END, SEEK_SET,
} from "../api/abi";

/**
 * 2^63: offsets are i64, so every offset lseek accepts is below it (INT64_MAX
 * itself rounds to it as a double); a transfer whose end reaches it is
 * EOVERFLOW, as the reference's checked off_t arithmetic has it.
 */
export const OFFSET_LIMIT: number = 9223372036854775808;

/**
 * Opens a description of inode with flags (from directory dir, for its
 * path); FIFO ends are attached here. Returns the description, or -ENFILE
 * when the system's table of open file descriptions is full.
 */
export const fileOpen = (inode: number, dir: number, flags: number): number => {
  const desc: number = descAlloc(inode, dir, flags);
  if (desc === 0) return -ENFILE;
  return desc;
};

/** Attaches the pipe ends a description of an anonymous or named pipe uses. */
export const fileAttachPipeEnds = (desc: number): void => {
  const pipe: number = inodeRdevOf(descInodeOf(desc));
  if (isReadable(desc)) pipeAttach(pipe, false);
  if (isWritable(desc)) pipeAttach(pipe, true);
};

/** Takes another reference to desc (fork, dup2); returns it. */
export const fileRetain = (desc: number): number => {
  descSetRefs(desc, descRefsOf(desc) + 1);
  return desc;
};

/** Drops one reference to desc; the last one closes the file (pipe ends, watchers) and frees it. */
export const fileRelease = (desc: number): void => {
  descSetRefs(desc, descRefsOf(desc) - 1);
  if (descRefsOf(desc) > 0) return;
  const inode: number = descInodeOf(desc);
  if (isFifo(inode) && inodeRdevOf(inode) !== 0) closePipeEnds(desc, inode);
  if (inodeFsOf(inode) === FS_WATCH) watcherClose(inodeRdevOf(inode));
  if (isCharDevice(inode)) devptsClosed(inode);
  descFree(desc);
};

const closePipeEnds = (desc: number, inode: number): void => {
  const pipe: number = inodeRdevOf(inode);
  let empty: boolean = false;
  if (isReadable(desc)) empty = pipeDetach(pipe, false);
  if (isWritable(desc)) empty = pipeDetach(pipe, true);
  if (empty) {
    pipeFree(pipe);
    inodeSetRdev(inode, 0);
  }
};

/**
 * Reads up to size bytes at the description's offset into process's
 * buffer and advances the offset. Returns the count (0 at EOF) or -errno.
 */
export const fileRead = (desc: number, process: number, buffer: number, size: number): number => {
  const inode: number = descInodeOf(desc);
  if (isDirectory(inode)) return -EISDIR;
  const nonblocking: boolean = isNonblocking(desc);
  if (isFifo(inode)) return pipeRead(inodeRdevOf(inode), process, buffer, size, nonblocking);
  if (isCharDevice(inode)) return deviceRead(inodeRdevOf(inode), process, buffer, size, nonblocking);
  if (inodeFsOf(inode) === FS_WATCH) return watcherRead(inodeRdevOf(inode), process, buffer, size, nonblocking);
  if (inodeFsOf(inode) === FS_ANON) return -ENOTSUP; // anon_create memory is reached through mmap only
  const offset: number = descOffsetOf(desc);
  if (offset + size >= OFFSET_LIMIT) return -EOVERFLOW;
  const count: number = inodeFsOf(inode) === FS_PROCFS
    ? procfsRead(inode, offset, process, buffer, size)
    : ramfsTransfer(inode, offset, process, buffer, size, false);
  if (count > 0) descSetOffset(desc, offset + count);
  return count;
};

/**
 * Writes size bytes from process's buffer at the description's offset (at
 * the end with O_APPEND) and advances it. Returns the count or -errno.
 */
export const fileWrite = (desc: number, process: number, buffer: number, size: number): number => {
  const inode: number = descInodeOf(desc);
  if (isFifo(inode)) return pipeWrite(inodeRdevOf(inode), process, buffer, size, isNonblocking(desc));
  if (isCharDevice(inode)) return deviceWrite(inodeRdevOf(inode), process, buffer, size, isNonblocking(desc));
  if (inodeFsOf(inode) === FS_ANON) return -ENOTSUP;
  if (!isRegular(inode) || inodeFsOf(inode) === FS_PROCFS) return -EINVAL;
  if ((descFlagsOf(desc) & O_APPEND) !== 0) descSetOffset(desc, inodeSizeOf(inode));
  const offset: number = descOffsetOf(desc);
  if (offset + size >= OFFSET_LIMIT) return -EOVERFLOW;
  const count: number = ramfsTransfer(inode, offset, process, buffer, size, true);
  if (count > 0) {
    descSetOffset(desc, offset + count);
    clearSetIdBits(inode);
    contentChanged(inode);
  }
  return count;
};

const unnamedEvent: Uint8Array = new Uint8Array(1);

/** A regular file's content changed (write, truncation): its times move and watchers hear of it. */
export const contentChanged = (inode: number): void => {
  touchModified(inode);
  watchersNotify(inode, INODE_WATCHER_EVENT_CONTENT_MODIFIED, unnamedEvent, 0);
};

/** A write by anyone strips set-user-id and set-group-id (TestKernelFilePermissions). */
export const clearSetIdBits = (inode: number): void => {
  inodeSetMode(inode, (inodeModeOf(inode) & ~0o6000) >>> 0);
};

/** The size lseek's SEEK_END and fstat see. */
export const fileSize = (inode: number): number => inodeFsOf(inode) === FS_PROCFS ? procfsSize(inode) : inodeSizeOf(inode);

/** st_ino and d_ino: the slot, except for procfs nodes, whose slots change from lookup to lookup. */
export const fileInodeNumber = (inode: number): number => inodeFsOf(inode) === FS_PROCFS ? procfsInodeNumber(inode) : inode;

/** st_nlink: procfs nodes have no links of their own (they live by references), so 2 for a directory, else 1. */
export const fileLinkCount = (inode: number): number => {
  if (inodeFsOf(inode) !== FS_PROCFS) return inodeLinksOf(inode);
  return isDirectory(inode) ? 2 : 1;
};

/** Moves the description's offset; returns the new offset or -errno (ESPIPE for pipes, EINVAL). */
export const fileSeek = (desc: number, offset: number, whence: number): number => {
  const inode: number = descInodeOf(desc);
  if (isFifo(inode) || inodeFsOf(inode) === FS_WATCH) return -ESPIPE;
  let base: number = 0;
  if (whence === SEEK_CUR) base = descOffsetOf(desc);
  else if (whence === SEEK_END) base = fileSize(inode);
  else if (whence !== SEEK_SET) return -EINVAL;
  const target: number = base + offset;
  if (target < 0) return -EINVAL;
  // INT64_MAX (read as OFFSET_LIMIT) is reachable only as itself, never as a rounded sum.
  const exact: boolean = base === 0 || offset === 0;
  if (target > OFFSET_LIMIT || (target === OFFSET_LIMIT && !exact)) return -EOVERFLOW;
  descSetOffset(desc, target);
  return target;
};

/** True when a read would not block. */
export const fileReadable = (desc: number): boolean => {
  const inode: number = descInodeOf(desc);
  if (isFifo(inode)) return pipeReadable(inodeRdevOf(inode));
  if (isCharDevice(inode)) return deviceReadable(inodeRdevOf(inode));
  if (inodeFsOf(inode) === FS_WATCH) return watcherReadable(inodeRdevOf(inode));
  return true;
};

/** True when a write would not block. */
export const fileWritable = (desc: number): boolean => {
  const inode: number = descInodeOf(desc);
  if (isCharDevice(inode)) return deviceWritable(inodeRdevOf(inode));
  return isFifo(inode) ? pipeWritable(inodeRdevOf(inode)) : true;
};

// --- the process's file state ---

/**
 * Installs desc at the lowest free fd >= from of process (desc's reference
 * moves in); returns the fd, or -EMFILE after releasing desc.
 */
export const fdAllocate = (process: number, desc: number, fdFlagBits: number, from: number): number => {
  const fd: number = fdLowestFree(process, from);
  if (fd < 0) {
    fileRelease(desc);
    return -EMFILE;
  }
  fdInstall(process, fd, desc, fdFlagBits);
  return fd;
};

/** Closes fd of process; -EBADF when it is not open. */
export const fdClose = (process: number, fd: number): number => {
  const desc: number = fdDescription(process, fd);
  if (desc === 0) return -EBADF;
  fdTake(process, fd);
  fileRelease(desc);
  return 0;
};

/** Gives child (a new process) parent's fds, cwd, root, program file and veil. False without memory. */
export const filesFork = (parent: number, child: number): boolean => {
  if (!fdTableCreate(child)) return false;
  for (let fd: number = 0; fd < fdLimitOf(parent); fd++) {
    const desc: number = fdDescription(parent, fd);
    if (desc !== 0) fdInstall(child, fd, fileRetain(desc), fdFlags(parent, fd));
  }
  procSetCwd(child, inodeRetain(procCwdOf(parent)));
  procSetRoot(child, inodeRetain(procRootOf(parent)));
  if (procExecutableOf(parent) !== 0) procSetExecutable(child, inodeRetain(procExecutableOf(parent)));
  return veilFork(parent, child);
};

/**
 * Gives the first process an fd table with the console (a referenced
 * inode, which the call consumes, found in directory dir: its path) as fds
 * 0-2 and the root as cwd. False without memory.
 */
// (Not `console`: porffor 0.61.13 reads its own console global for a
// variable of that name; check-subset's reserved-name rule refuses it.)
export const filesFirst = (process: number, terminal: number, dir: number): boolean => {
  if (terminal === 0 || !fdTableCreate(process)) return false;
  procSetCwd(process, inodeRetain(vfsRoot()));
  procSetRoot(process, inodeRetain(vfsRoot()));
  const desc: number = fileOpen(terminal, dir, O_RDWR);
  inodeRelease(terminal);
  if (desc < 0) return false;
  fdInstall(process, 0, desc, 0);
  fdInstall(process, 1, fileRetain(desc), 0);
  fdInstall(process, 2, fileRetain(desc), 0);
  return true;
};

/** Closes the FD_CLOEXEC fds of process and lifts its veil (unless asked to keep it) (a successful exec). */
export const filesExec = (process: number): void => {
  veilExec(process);
  for (let fd: number = 0; fd < fdLimitOf(process); fd++) {
    if (fdDescription(process, fd) !== 0 && fdFlags(process, fd) !== 0) fdClose(process, fd);
  }
};

/** Closes every fd of process and lets go of its cwd, root, program file and veil (exit). */
export const filesExit = (process: number): void => {
  veilRelease(process);
  for (let fd: number = 0; fd < fdLimitOf(process); fd++) {
    if (fdDescription(process, fd) !== 0) fdClose(process, fd);
  }
  fdTableDestroy(process);
  inodeRelease(procCwdOf(process));
  inodeRelease(procRootOf(process));
  procSetCwd(process, 0);
  procSetRoot(process, 0);
  procSetExecutable(process, 0);
};
