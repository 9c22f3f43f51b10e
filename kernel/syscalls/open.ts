// open and close. SC_open_params { int dirfd; StringArgument path; int
// options; u16 mode } is 20 bytes.
import { EACCES, EEXIST, EFAULT, EINVAL, EISDIR, ELOOP, EMFILE, ENFILE, ENOENT, ENOTDIR, EROFS } from "../api/errno";
import { PROMISE_CPATH, PROMISE_RPATH, PROMISE_WPATH } from "../api/pledge";
import { bytesAddress, copyBytes, wordsAddress } from "../arch/i386/io";
import {
  descriptionsFull, fdLowestFree, O_NOFOLLOW_NOERROR, O_UNLINK_INTERNAL, descSetFlags, procRootOf, descInodeOf,
} from "../fs/description";
import { contentChanged, fdAllocate, fdClose, fileAttachPipeEnds, fileOpen, fileRelease } from "../fs/file";
import {
  FS_PROCFS, inodeRelease, inodeRetain, inodeTruncatePages, isCharDevice, isDirectory, isFifo, isRegular,
  isSymlink, inodeSetSize, inodeSetRdev, inodeFsOf, inodeSizeOf, inodeRdevOf,
} from "../fs/inode";
import { pipeAlloc, pipeOpenFifo } from "../fs/pipe";
import {
  ACCESS_EXECUTE, ACCESS_READ, ACCESS_WRITE, createIn, FOLLOW_FINAL, onMountWith, onReadOnlyMount,
  permits, resolve, resolvedName, resolvedDirectory, resolvedNameLength, resolvedTrailingSlash,
  veilCheckName, veilWants, WANT_PARENT,
} from "../fs/vfs";
import { UNVEIL_CREATE, UNVEIL_EXECUTE, UNVEIL_READ, UNVEIL_READ_OR_BROWSE, UNVEIL_WRITE } from "../fs/veil";
import { copyFromUser } from "../mm/usercopy";
import { PD_UMASK, protectedGet } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { baseDirectory, copyPath, pathArgument } from "./fs_args";
import { requirePromise } from "./pledge";
import { isTerminal } from "./fd";
import { DEV_PTMX, terminalOpened } from "../fs/devfs";
import { ptmxOpen } from "../fs/devpts";
import {
  FD_CLOEXEC, MS_NODEV, O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_EXEC, O_NOFOLLOW,
  O_NOCTTY, O_NONBLOCK, O_RDONLY, O_TRUNC, O_WRONLY, S_IFREG,
} from "../api/abi";
import {
  OPEN_PARAMS_BYTES, OPEN_PARAMS_DIRFD, OPEN_PARAMS_MODE, OPEN_PARAMS_OPTIONS,
  OPEN_PARAMS_PATH_CHARACTERS, OPEN_PARAMS_PATH_LENGTH, OPEN_PARAMS_WORDS,
} from "../api/layout";
import { NAME_MAX } from "../api/limits";

const openParams: Uint32Array = new Uint32Array(OPEN_PARAMS_WORDS);
/** Options a description keeps (the access mode and the status flags F_GETFL reports). */
const KEPT_OPTIONS: number = O_RDONLY | O_WRONLY | O_EXEC | O_APPEND | O_NONBLOCK | O_DIRECTORY;

/** The promises open needs: wpath to write, rpath to read (O_RDWR needs both, where the reference checked only wpath), cpath to create. */
const openPromisesHeld = (process: number, options: number): boolean => {
  if ((options & O_WRONLY) !== 0 && !requirePromise(process, PROMISE_WPATH)) return false;
  if ((options & O_RDONLY) !== 0 && !requirePromise(process, PROMISE_RPATH)) return false;
  return (options & O_CREAT) === 0 || requirePromise(process, PROMISE_CPATH);
};

/** Checks an existing inode against the open options; 0 or -errno. */
const checkOpenable = (process: number, inode: number, options: number, trailingSlash: boolean): number => {
  if (isSymlink(inode)) return (options & O_NOFOLLOW) !== 0 ? -ELOOP : -ENOENT;
  const writing: boolean = (options & O_WRONLY) !== 0;
  if ((options & O_DIRECTORY) !== 0 && !isDirectory(inode)) return -ENOTDIR;
  if (trailingSlash && !isDirectory(inode)) return -ENOTDIR;
  if (isDirectory(inode) && (writing || (options & O_CREAT) !== 0)) return -EISDIR; // O_CREAT asks for a regular file
  if (writing && inodeFsOf(inode) === FS_PROCFS) return -EACCES;
  let want: number = 0;
  if ((options & O_RDONLY) !== 0) want |= ACCESS_READ;
  if (writing) want |= ACCESS_WRITE;
  if ((options & O_EXEC) !== 0) want |= ACCESS_EXECUTE;
  if (!permits(process, inode, want)) return -EACCES;
  if (writing && onReadOnlyMount(inode)) return -EROFS;
  if (isCharDevice(inode) && onMountWith(inode, MS_NODEV)) return -EACCES;
  return 0;
};

/** What the veil must grant an open with options (UNVEIL_* bits): a directory open may also be browsed. */
const veilAccessOf = (options: number): number => {
  let access: number = 0;
  if ((options & O_RDONLY) !== 0) access |= (options & O_DIRECTORY) !== 0 ? UNVEIL_READ | UNVEIL_READ_OR_BROWSE : UNVEIL_READ;
  if ((options & O_WRONLY) !== 0) access |= UNVEIL_WRITE;
  if ((options & O_EXEC) !== 0) access |= UNVEIL_EXECUTE;
  if ((options & O_CREAT) !== 0) access |= UNVEIL_CREATE;
  return access;
};

const finalName: Uint8Array = new Uint8Array(NAME_MAX + 1);
/** Where openTarget found the file (referenced; the caller releases it). */
let openedDirectory: number = 0;

/**
 * Finds, or with O_CREAT makes, the file pathArgument[0..length) names
 * from base. Returns it referenced (its directory, also referenced, in
 * openedDirectory) or -errno.
 */
const openTarget = (process: number, base: number, length: number, options: number, mode: number): number => {
  const root: number = procRootOf(process);
  const access: number = veilAccessOf(options);
  const dir: number = resolve(process, root, base, pathArgument, length, WANT_PARENT | veilWants(access));
  if (dir < 0) return dir;
  openedDirectory = dir;
  const trailingSlash: boolean = resolvedTrailingSlash;
  const nameLength: number = resolvedNameLength;
  copyBytes(bytesAddress(finalName), bytesAddress(resolvedName), nameLength);
  const follow: number = (options & O_NOFOLLOW) !== 0 ? 0 : FOLLOW_FINAL;
  let inode: number = nameLength > 0 ? resolve(process, root, dir, finalName, nameLength, follow | veilWants(access)) : veilCheckName(process, dir, finalName, 0, access);
  if (nameLength === 0 && inode === 0) inode = inodeRetain(dir);
  if (inode > 0 && resolvedDirectory !== 0 && resolvedDirectory !== dir) {
    // The final name was a symlink: the file lives in the directory the walk ended in.
    openedDirectory = inodeRetain(resolvedDirectory);
    inodeRelease(dir);
  }
  if (inode === -ENOENT && (options & O_CREAT) !== 0 && !trailingSlash) {
    if (onReadOnlyMount(dir)) return -EROFS;
    return createIn(process, dir, finalName, nameLength, S_IFREG | mode);
  }
  if (inode >= 0 && (options & (O_CREAT | O_EXCL)) === (O_CREAT | O_EXCL)) {
    inodeRelease(inode);
    inode = -EEXIST;
  }
  if (inode < 0) return inode;
  const status: number = checkOpenable(process, inode, options, trailingSlash);
  if (status < 0) {
    inodeRelease(inode);
    return status;
  }
  return inode;
};

/** Prepares an opened inode for a new description: truncation, and the pipe of a FIFO. 0 or -errno. */
const prepareOpened = (inode: number, options: number): number => {
  if ((options & O_TRUNC) !== 0 && (options & O_WRONLY) !== 0 && isRegular(inode) && inodeSizeOf(inode) > 0) {
    inodeTruncatePages(inode, 0);
    inodeSetSize(inode, 0);
    contentChanged(inode);
  }
  if (isFifo(inode) && inodeRdevOf(inode) === 0) {
    const pipe: number = pipeAlloc();
    if (pipe < 0) return -ENFILE;
    inodeSetRdev(inode, pipe);
  }
  return 0;
};

/** Opens a FIFO end as open() does (waiting for the other end); 0 or -errno. */
const openFifoEnds = (desc: number, inode: number, options: number): number => {
  const pipe: number = inodeRdevOf(inode);
  const nonblocking: boolean = (options & O_NONBLOCK) !== 0;
  if ((options & O_RDONLY) !== 0 && (options & O_WRONLY) !== 0) {
    fileAttachPipeEnds(desc);
    return 0;
  }
  const status: number = pipeOpenFifo(pipe, (options & O_WRONLY) !== 0, nonblocking);
  if (status < 0) descSetFlags(desc, 0); // no end attached: closing must not detach one
  return status;
};

export const sys$open = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(openParams), paramsAddress, OPEN_PARAMS_BYTES) < 0) return -EFAULT;
  const options: number = openParams[OPEN_PARAMS_OPTIONS];
  if ((options & (O_NOFOLLOW_NOERROR | O_UNLINK_INTERNAL)) !== 0) return -EINVAL;
  if (!openPromisesHeld(process, options)) return -EINVAL;
  const mode: number = openParams[OPEN_PARAMS_MODE] & 0o777 & ~protectedGet(process, PD_UMASK);
  const length: number = copyPath(process, openParams[OPEN_PARAMS_PATH_CHARACTERS], openParams[OPEN_PARAMS_PATH_LENGTH]);
  if (length < 0) return length;
  if (fdLowestFree(process, 0) < 0) return -EMFILE;
  // Before the walk, as EMFILE: an open that cannot get a description must not create or truncate.
  if (descriptionsFull()) return -ENFILE;
  const base: number = baseDirectory(process, openParams[OPEN_PARAMS_DIRFD] | 0);
  if (base < 0) return base;
  if ((options & O_CREAT) !== 0 && (options & O_DIRECTORY) !== 0) return -EINVAL;
  openedDirectory = 0;
  const inode: number = openTarget(process, base, length, options, mode);
  let status: number = inode < 0 ? inode : prepareOpened(inode, options);
  let desc: number = 0;
  if (status === 0) {
    desc = fileOpen(inode, openedDirectory, options & KEPT_OPTIONS);
    if (desc < 0) status = desc;
  }
  if (inode > 0) inodeRelease(inode);
  inodeRelease(openedDirectory);
  if (status < 0) return status;
  if (isFifo(descInodeOf(desc))) status = openFifoEnds(desc, descInodeOf(desc), options);
  else if (isCharDevice(descInodeOf(desc)) && inodeRdevOf(descInodeOf(desc)) === DEV_PTMX) status = ptmxOpen(desc, process);
  else if (isTerminal(desc)) status = terminalOpened(inodeRdevOf(descInodeOf(desc)), process, (options & O_NOCTTY) !== 0);
  if (status < 0) {
    fileRelease(desc);
    return status;
  }
  return fdAllocate(process, desc, (options & O_CLOEXEC) !== 0 ? FD_CLOEXEC : 0, 0);
};

export const sys$close = (frame: number, fd: number, arg2: number, arg3: number): number => fdClose(currentProcess(), fd);
