// File attributes: chmod, fchmod, chown, fchown, utime, access, and mknod
// (which creates a node of any type). SC_chown_params { StringArgument
// path; u32 uid; u32 gid }, SC_mknod_params { StringArgument path; u16
// mode; u32 dev }.
import { EACCES, EFAULT, EINVAL, EPERM, EROFS } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { descInodeOf } from "../fs/description";
import { clearSetIdBits } from "../fs/file";
import {
  inodeRelease, vfsNow, inodeSetMode, inodeSetUid, inodeSetGid, inodeSetRdev, inodeSetAtime, inodeSetMtime,
  inodeSetCtime, inodeModeOf,
} from "../fs/inode";
import { watchersNotify } from "../fs/watch";
import {
  ACCESS_WRITE, createIn, euidOf, FOLLOW_FINAL, inGroup, onReadOnlyMount, ownsOrRoot, permits, resolvedName,
  resolvedNameLength,
} from "../fs/vfs";
import { copyFromUser } from "../mm/usercopy";
import { PD_UMASK, protectedGet } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { copyPath, descriptionOf } from "./fs_args";
import { resolveArgument, resolveParentArgument } from "./directories";
import {
  F_OK, INODE_WATCHER_EVENT_METADATA_MODIFIED, R_OK, S_IFCHR, S_IFIFO, S_IFMT, S_IFREG, S_IFSOCK, W_OK,
  X_OK,
} from "../api/abi";
import {
  CHOWN_PARAMS_BYTES, CHOWN_PARAMS_GID, CHOWN_PARAMS_PATH_CHARACTERS, CHOWN_PARAMS_PATH_LENGTH,
  CHOWN_PARAMS_UID, CHOWN_PARAMS_WORDS, MKNOD_PARAMS_BYTES, MKNOD_PARAMS_DEV, MKNOD_PARAMS_MODE,
  MKNOD_PARAMS_PATH_CHARACTERS, MKNOD_PARAMS_PATH_LENGTH, MKNOD_PARAMS_WORDS, UTIMBUF_ACTIME,
  UTIMBUF_BYTES, UTIMBUF_MODTIME, UTIMBUF_WORDS,
} from "../api/layout";

const chownParams: Uint32Array = new Uint32Array(CHOWN_PARAMS_WORDS);
const mknodParams: Uint32Array = new Uint32Array(MKNOD_PARAMS_WORDS);
const utimbuf: Uint32Array = new Uint32Array(UTIMBUF_WORDS);
const NO_CHANGE: number = 0xffffffff;

/** Resolves a (pointer, length) path argument following symlinks; the inode referenced or -errno. */
const resolvePathArgument = (process: number, address: number, size: number): number => {
  const length: number = copyPath(process, address, size);
  return length < 0 ? length : resolveArgument(process, length, FOLLOW_FINAL);
};

/** Runs change on inode and releases it (the reference taken by a path lookup). */
const releaseAfter = (inode: number, status: number): number => {
  inodeRelease(inode);
  return status;
};

/** Sets inode's permission bits (owner or root; not on a read-only mount). */
const changeMode = (process: number, inode: number, mode: number): number => {
  if (!ownsOrRoot(process, inode)) return -EPERM;
  if (onReadOnlyMount(inode)) return -EROFS;
  inodeSetMode(inode, ((inodeModeOf(inode) & S_IFMT) | (mode & 0o7777)) >>> 0);
  inodeSetCtime(inode, vfsNow());
  watchersNotify(inode, INODE_WATCHER_EVENT_METADATA_MODIFIED, resolvedName, 0);
  return 0;
};

export const sys$chmod = (frame: number, address: number, size: number, mode: number): number => {
  const process: number = currentProcess();
  const inode: number = resolvePathArgument(process, address, size);
  return inode < 0 ? inode : releaseAfter(inode, changeMode(process, inode, mode));
};

export const sys$fchmod = (frame: number, fd: number, mode: number, arg3: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  return desc < 0 ? desc : changeMode(process, descInodeOf(desc), mode);
};

/**
 * Gives inode a new owner and group (NO_CHANGE keeps one). Only the owner
 * or root; others may only "change" the uid to their own and the gid to a
 * group they are in. Clears the set-id bits.
 */
const changeOwner = (process: number, inode: number, uid: number, gid: number): number => {
  if (!ownsOrRoot(process, inode)) return -EPERM;
  if (euidOf(process) !== 0) {
    if (uid !== NO_CHANGE && uid !== euidOf(process)) return -EPERM;
    if (gid !== NO_CHANGE && !inGroup(process, gid)) return -EPERM;
  }
  if (onReadOnlyMount(inode)) return -EROFS;
  if (uid !== NO_CHANGE) inodeSetUid(inode, uid);
  if (gid !== NO_CHANGE) inodeSetGid(inode, gid);
  clearSetIdBits(inode);
  inodeSetCtime(inode, vfsNow());
  watchersNotify(inode, INODE_WATCHER_EVENT_METADATA_MODIFIED, resolvedName, 0);
  return 0;
};

export const sys$chown = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(chownParams), paramsAddress, CHOWN_PARAMS_BYTES) < 0) return -EFAULT;
  const length: number = copyPath(process, chownParams[CHOWN_PARAMS_PATH_CHARACTERS], chownParams[CHOWN_PARAMS_PATH_LENGTH]);
  if (length < 0) return length;
  const inode: number = resolveArgument(process, length, FOLLOW_FINAL);
  return inode < 0 ? inode : releaseAfter(inode, changeOwner(process, inode, chownParams[CHOWN_PARAMS_UID], chownParams[CHOWN_PARAMS_GID]));
};

export const sys$fchown = (frame: number, fd: number, uid: number, gid: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  return desc < 0 ? desc : changeOwner(process, descInodeOf(desc), uid >>> 0, gid >>> 0);
};

/** Sets access and modification times: explicit ones need ownership (EPERM), "now" also write permission (EACCES). */
const changeTimes = (process: number, inode: number, explicit: boolean): number => {
  if (!ownsOrRoot(process, inode)) {
    if (explicit) return -EPERM;
    if (!permits(process, inode, ACCESS_WRITE)) return -EACCES;
  }
  if (onReadOnlyMount(inode)) return -EROFS;
  const now: number = vfsNow();
  inodeSetAtime(inode, explicit ? utimbuf[UTIMBUF_ACTIME] : now);
  inodeSetMtime(inode, explicit ? utimbuf[UTIMBUF_MODTIME] : now);
  inodeSetCtime(inode, now);
  watchersNotify(inode, INODE_WATCHER_EVENT_METADATA_MODIFIED, resolvedName, 0);
  return 0;
};

export const sys$utime = (frame: number, address: number, size: number, bufAddress: number): number => {
  const process: number = currentProcess();
  const length: number = copyPath(process, address, size);
  if (length < 0) return length;
  if (bufAddress !== 0 && copyFromUser(process, wordsAddress(utimbuf), bufAddress, UTIMBUF_BYTES) < 0) return -EFAULT;
  const inode: number = resolveArgument(process, length, FOLLOW_FINAL);
  return inode < 0 ? inode : releaseAfter(inode, changeTimes(process, inode, bufAddress !== 0));
};

export const sys$access = (frame: number, address: number, size: number, mode: number): number => {
  const process: number = currentProcess();
  if ((mode & ~(R_OK | W_OK | X_OK)) !== 0) return -EINVAL;
  const inode: number = resolvePathArgument(process, address, size);
  if (inode < 0) return inode;
  let status: number = 0;
  if (mode !== F_OK && !permits(process, inode, mode)) status = -EACCES;
  else if ((mode & ACCESS_WRITE) !== 0 && onReadOnlyMount(inode)) status = -EROFS;
  return releaseAfter(inode, status);
};

export const sys$mknod = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(mknodParams), paramsAddress, MKNOD_PARAMS_BYTES) < 0) return -EFAULT;
  let type: number = mknodParams[MKNOD_PARAMS_MODE] & S_IFMT;
  if (type === 0) type = S_IFREG;
  const unprivileged: boolean = type === S_IFREG || type === S_IFIFO || type === S_IFSOCK;
  if (!unprivileged && euidOf(process) !== 0) return -EPERM;
  const dir: number = resolveParentArgument(process, mknodParams[MKNOD_PARAMS_PATH_CHARACTERS], mknodParams[MKNOD_PARAMS_PATH_LENGTH]);
  if (dir < 0) return dir;
  const permissions: number = mknodParams[MKNOD_PARAMS_MODE] & 0o7777 & ~protectedGet(process, PD_UMASK);
  const inode: number = onReadOnlyMount(dir) ? -EROFS : createIn(process, dir, resolvedName, resolvedNameLength, type | permissions);
  inodeRelease(dir);
  if (inode < 0) return inode;
  if (type === S_IFCHR) inodeSetRdev(inode, mknodParams[MKNOD_PARAMS_DEV]);
  inodeRelease(inode);
  return 0;
};
