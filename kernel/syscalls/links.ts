// Names: unlink, link, symlink, readlink, rename and realpath. The two-path
// calls take structs of StringArguments (SC_link_params, SC_symlink_params,
// SC_rename_params); readlink and realpath a StringArgument and a
// MutableBufferArgument { data; size }.
import { EFAULT, EINVAL, EROFS } from "../api/errno";
import { bytesAddress, copyBytes, wordsAddress } from "../arch/i386/io";
import { procRootOf, procCwdOf } from "../fs/description";
import { inodeRelease, isSymlink } from "../fs/inode";
import {
  FOLLOW_FINAL, linkIn, onReadOnlyMount, pathInDirectory, readSymlink, renameBetween, resolve, resolvedDirectory,
  resolvedName, resolvedNameLength, symlinkIn, WANT_PARENT,
} from "../fs/vfs";
import { copyFromUser, copyToUser, pathFromUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { copyPath, pathArgument, secondPathArgument } from "./fs_args";
import { removeName, resolveArgument } from "./directories";
import {
  LINK_PARAMS_BYTES, LINK_PARAMS_NEW_PATH_CHARACTERS, LINK_PARAMS_NEW_PATH_LENGTH,
  LINK_PARAMS_OLD_PATH_CHARACTERS, LINK_PARAMS_OLD_PATH_LENGTH, LINK_PARAMS_WORDS,
  READLINK_PARAMS_BUFFER_DATA, READLINK_PARAMS_BUFFER_SIZE, READLINK_PARAMS_BYTES,
  READLINK_PARAMS_PATH_CHARACTERS, READLINK_PARAMS_PATH_LENGTH, REALPATH_PARAMS_BUFFER_DATA,
  REALPATH_PARAMS_BUFFER_SIZE, REALPATH_PARAMS_BYTES, REALPATH_PARAMS_PATH_CHARACTERS,
  REALPATH_PARAMS_PATH_LENGTH,
} from "../api/layout";
import { NAME_MAX, PATH_MAX } from "../api/limits";

const twoStrings: Uint32Array = new Uint32Array(LINK_PARAMS_WORDS);
const linkPathOut: Uint8Array = new Uint8Array(PATH_MAX);
const savedName: Uint8Array = new Uint8Array(NAME_MAX + 1);

export const sys$unlink = (frame: number, address: number, size: number, arg3: number): number => removeName(address, size, false);

/** Copies both StringArguments of a two-path struct into pathArgument and secondPathArgument; 0 or -errno. */
const copyTwoPaths = (process: number, address: number): number => {
  if (copyFromUser(process, wordsAddress(twoStrings), address, LINK_PARAMS_BYTES) < 0) return -EFAULT;
  const first: number = copyPath(process, twoStrings[LINK_PARAMS_OLD_PATH_CHARACTERS], twoStrings[LINK_PARAMS_OLD_PATH_LENGTH]);
  if (first < 0) return first;
  firstLength = first;
  const second: number = pathFromUser(process, secondPathArgument, twoStrings[LINK_PARAMS_NEW_PATH_CHARACTERS], twoStrings[LINK_PARAMS_NEW_PATH_LENGTH]);
  if (second < 0) return second;
  secondLength = second;
  return 0;
};
let firstLength: number = 0;
let secondLength: number = 0;

/** Resolves the parent of secondPathArgument; the directory referenced, name in resolvedName. */
const resolveSecondParent = (process: number): number =>
  resolve(process, procRootOf(process), procCwdOf(process), secondPathArgument, secondLength, WANT_PARENT);

export const sys$link = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  const status: number = copyTwoPaths(process, paramsAddress);
  if (status < 0) return status;
  const target: number = resolveArgument(process, firstLength, 0);
  if (target < 0) return target;
  const dir: number = resolveSecondParent(process);
  let result: number = dir;
  if (dir >= 0) {
    result = onReadOnlyMount(dir) ? -EROFS : linkIn(process, dir, resolvedName, resolvedNameLength, target);
    inodeRelease(dir);
  }
  inodeRelease(target);
  return result;
};

export const sys$symlink = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  const status: number = copyTwoPaths(process, paramsAddress);
  if (status < 0) return status;
  const dir: number = resolveSecondParent(process);
  if (dir < 0) return dir;
  const result: number = onReadOnlyMount(dir) ? -EROFS : symlinkIn(process, dir, resolvedName, resolvedNameLength, pathArgument, firstLength);
  inodeRelease(dir);
  return result;
};

export const sys$rename = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  const status: number = copyTwoPaths(process, paramsAddress);
  if (status < 0) return status;
  const oldDir: number = resolveArgument(process, firstLength, WANT_PARENT);
  if (oldDir < 0) return oldDir;
  const oldLength: number = resolvedNameLength;
  copyBytes(bytesAddress(savedName), bytesAddress(resolvedName), oldLength);
  const newDir: number = resolveSecondParent(process);
  let result: number = newDir;
  if (newDir >= 0) {
    result = onReadOnlyMount(newDir)
      ? -EROFS
      : renameBetween(process, procRootOf(process), oldDir, savedName, oldLength, newDir, resolvedName, resolvedNameLength);
    inodeRelease(newDir);
  }
  inodeRelease(oldDir);
  return result;
};

/** Copies min(length, capacity) bytes of linkPathOut to the user buffer of a MutableBufferArgument; 0 or -EFAULT. */
const copyToBuffer = (process: number, data: number, capacity: number, length: number): number => {
  const count: number = Math.min(length, capacity);
  if (count > 0 && copyToUser(process, data, bytesAddress(linkPathOut), count) < 0) return -EFAULT;
  return 0;
};

export const sys$readlink = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(twoStrings), paramsAddress, READLINK_PARAMS_BYTES) < 0) return -EFAULT;
  const length: number = copyPath(process, twoStrings[READLINK_PARAMS_PATH_CHARACTERS], twoStrings[READLINK_PARAMS_PATH_LENGTH]);
  if (length < 0) return length;
  const inode: number = resolveArgument(process, length, 0);
  if (inode < 0) return inode;
  const targetLength: number = isSymlink(inode) ? readSymlink(inode, linkPathOut) : -EINVAL;
  inodeRelease(inode);
  if (targetLength < 0) return targetLength;
  const status: number = copyToBuffer(process, twoStrings[READLINK_PARAMS_BUFFER_DATA], twoStrings[READLINK_PARAMS_BUFFER_SIZE], targetLength);
  return status < 0 ? status : targetLength;
};

export const sys$realpath = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(twoStrings), paramsAddress, REALPATH_PARAMS_BYTES) < 0) return -EFAULT;
  const length: number = copyPath(process, twoStrings[REALPATH_PARAMS_PATH_CHARACTERS], twoStrings[REALPATH_PARAMS_PATH_LENGTH]);
  if (length < 0) return length;
  const inode: number = resolveArgument(process, length, FOLLOW_FINAL);
  if (inode < 0) return inode;
  const pathLength: number = pathInDirectory(inode, resolvedDirectory, procRootOf(process), linkPathOut);
  inodeRelease(inode);
  if (pathLength < 0) return pathLength;
  const status: number = copyToBuffer(process, twoStrings[REALPATH_PARAMS_BUFFER_DATA], twoStrings[REALPATH_PARAMS_BUFFER_SIZE], pathLength + 1);
  return status < 0 ? status : pathLength + 1;
};
