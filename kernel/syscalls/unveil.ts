// unveil (syscall 130): SC_unveil_params { path; permissions }
// (StringArguments). The tree and its checks are kernel/fs/veil.ts; the
// VFS applies them as it resolves (kernel/fs/vfs.ts).
import { EFAULT, EINVAL, ENOENT, ENAMETOOLONG, EPERM } from "../api/errno";
import {
  UNVEIL_PARAMS_BYTES, UNVEIL_PARAMS_PATH_CHARACTERS, UNVEIL_PARAMS_PATH_LENGTH, UNVEIL_PARAMS_PERMISSIONS_CHARACTERS,
  UNVEIL_PARAMS_PERMISSIONS_LENGTH, UNVEIL_PARAMS_WORDS,
} from "../api/layout";
import { wordsAddress } from "../arch/i386/io";
import { procRootOf } from "../fs/description";
import { inodeRelease } from "../fs/inode";
import {
  UNVEIL_BROWSE, UNVEIL_CREATE, UNVEIL_EXECUTE, UNVEIL_READ, UNVEIL_WRITE, VEIL_LOCKED, veilLock, veilStateOf, veilUnveil,
} from "../fs/veil";
import {
  CANONICAL, FOLLOW_FINAL, resolve, resolvedPath, resolvedPathAddName, resolvedPathLength, VEIL_UNCHECKED, WANT_PARENT,
} from "../fs/vfs";
import { copyFromUser, stringFromUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { copyPath, pathArgument, pathArgumentAbsolute } from "./fs_args";

const PERMISSIONS_MAX: number = 5;
const unveilParams: Uint32Array = new Uint32Array(UNVEIL_PARAMS_WORDS);
const permissionText: Uint8Array = new Uint8Array(PERMISSIONS_MAX);

/** The UNVEIL_* bit letter (one of rwxcb) stands for, or -1. */
const permissionOf = (letter: number): number => {
  if (letter === 114) return UNVEIL_READ;
  if (letter === 119) return UNVEIL_WRITE;
  if (letter === 120) return UNVEIL_EXECUTE;
  if (letter === 99) return UNVEIL_CREATE;
  if (letter === 98) return UNVEIL_BROWSE;
  return -1;
};

/** The permissions string (address, length) as UNVEIL_* bits, or -errno (EINVAL, EFAULT). */
const parsePermissions = (process: number, address: number, length: number): number => {
  if (length > PERMISSIONS_MAX) return -EINVAL;
  const copied: number = stringFromUser(process, permissionText, address, length);
  if (copied < 0) return copied;
  let permissions: number = 0;
  for (let i: number = 0; i < copied; i++) {
    const bit: number = permissionOf(permissionText[i]);
    if (bit < 0) return -EINVAL;
    permissions |= bit;
  }
  return permissions;
};

/**
 * Leaves in resolvedPath the canonical path pathArgument[0..length) names,
 * ignoring the veil and following symlinks; a missing last component is
 * allowed when creating (its parent must exist). 0 or -errno.
 */
const canonicalTarget = (process: number, length: number, creating: boolean): number => {
  const root: number = procRootOf(process);
  const inode: number = resolve(process, root, root, pathArgument, length, FOLLOW_FINAL | VEIL_UNCHECKED | CANONICAL);
  if (inode >= 0) {
    inodeRelease(inode);
    return 0;
  }
  if (inode !== -ENOENT || !creating) return inode;
  const dir: number = resolve(process, root, root, pathArgument, length, WANT_PARENT | VEIL_UNCHECKED | CANONICAL);
  if (dir < 0) return dir;
  inodeRelease(dir);
  return resolvedPathAddName() ? 0 : -ENAMETOOLONG;
};

/**
 * unveil(path, permissions) adds path to the caller's veil (only
 * narrowing what an explicit unveil of it gave); unveil(NULL, NULL)
 * locks the veil. EPERM once locked or for a widening, EINVAL for one
 * null argument, a relative path or a letter outside rwxcb, resolution
 * errors, ENOMEM when the kernel's table of veil nodes is full.
 */
export const sys$unveil = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(unveilParams), paramsAddress, UNVEIL_PARAMS_BYTES) < 0) return -EFAULT;
  const pathAddress: number = unveilParams[UNVEIL_PARAMS_PATH_CHARACTERS];
  const permissionsAddress: number = unveilParams[UNVEIL_PARAMS_PERMISSIONS_CHARACTERS];
  if (pathAddress === 0 && permissionsAddress === 0) {
    veilLock(process);
    return 0;
  }
  if (veilStateOf(process) === VEIL_LOCKED) return -EPERM;
  if (pathAddress === 0 || permissionsAddress === 0) return -EINVAL;
  const permissions: number = parsePermissions(process, permissionsAddress, unveilParams[UNVEIL_PARAMS_PERMISSIONS_LENGTH]);
  if (permissions < 0) return permissions;
  const length: number = copyPath(process, pathAddress, unveilParams[UNVEIL_PARAMS_PATH_LENGTH]);
  if (length < 0) return length;
  if (!pathArgumentAbsolute()) return -EINVAL;
  const status: number = canonicalTarget(process, length, (permissions & UNVEIL_CREATE) !== 0);
  if (status < 0) return status;
  return veilUnveil(process, resolvedPath, resolvedPathLength, permissions);
};
