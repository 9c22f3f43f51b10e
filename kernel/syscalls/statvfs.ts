// statvfs and fstatvfs. struct statvfs is 68 bytes on i686
// (libc/include/sys/statvfs.h): bsize, frsize, u64 blocks, bfree, bavail,
// files, ffree, favail, then fsid, flag, namemax. SC_statvfs_params {
// StringArgument path; statvfs* buf } is 12 bytes.
//
// ramfs and tmpfs keep files in free memory, so their blocks are the
// page frames (all of them, and those free); procfs and devfs hold no
// data (0 blocks). Inodes come from the one table every file system shares.
import { EFAULT, ENOENT } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { descInodeOf } from "../fs/description";
import { FS_DEVFS, FS_PROCFS, inodeRelease, inodesInUse, inodeFsOf, inodeDeviceOf } from "../fs/inode";
import { MAX_INODES } from "../lib/limits";
import { FOLLOW_FINAL, mountFlagsOf } from "../fs/vfs";
import { framesAvailable, framesFree } from "../mm/frames";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { resolveArgument } from "./directories";
import { copyPath, descriptionOf } from "./fs_args";
import { MS_NOSUID, MS_RDONLY, ST_NOSUID, ST_RDONLY } from "../api/abi";
import {
  STATVFS_BYTES, STATVFS_F_BAVAIL, STATVFS_F_BFREE, STATVFS_F_BLOCKS, STATVFS_F_BSIZE,
  STATVFS_F_FAVAIL, STATVFS_F_FFREE, STATVFS_F_FILES, STATVFS_F_FLAG, STATVFS_F_FRSIZE,
  STATVFS_F_FSID, STATVFS_F_NAMEMAX, STATVFS_PARAMS_BUF, STATVFS_PARAMS_BYTES,
  STATVFS_PARAMS_PATH_CHARACTERS, STATVFS_PARAMS_PATH_LENGTH, STATVFS_PARAMS_WORDS,
} from "../api/layout";
import { NAME_MAX, PAGE_SIZE } from "../api/limits";

const statvfsWords: Uint32Array = new Uint32Array(STATVFS_BYTES / 4);
const statvfsParams: Uint32Array = new Uint32Array(STATVFS_PARAMS_WORDS);

/** Stores a count below 2^32 as the u64 at statvfsWords[word..word+1]. */
const putCount = (word: number, count: number): void => {
  statvfsWords[word] = count;
  statvfsWords[word + 1] = 0;
};

/** Fills statvfsWords for the file system inode is on. */
const fillStatvfs = (inode: number): void => {
  const memoryBacked: boolean = inodeFsOf(inode) !== FS_PROCFS && inodeFsOf(inode) !== FS_DEVFS;
  const flags: number = mountFlagsOf(inodeDeviceOf(inode));
  const freeInodes: number = MAX_INODES - inodesInUse();
  statvfsWords[STATVFS_F_BSIZE] = PAGE_SIZE;
  statvfsWords[STATVFS_F_FRSIZE] = PAGE_SIZE;
  putCount(STATVFS_F_BLOCKS, memoryBacked ? framesAvailable() : 0);
  putCount(STATVFS_F_BFREE, memoryBacked ? framesFree() : 0);
  putCount(STATVFS_F_BAVAIL, memoryBacked ? framesFree() : 0);
  putCount(STATVFS_F_FILES, MAX_INODES);
  putCount(STATVFS_F_FFREE, freeInodes);
  putCount(STATVFS_F_FAVAIL, freeInodes);
  statvfsWords[STATVFS_F_FSID] = inodeDeviceOf(inode);
  statvfsWords[STATVFS_F_FLAG] = ((flags & MS_RDONLY) !== 0 ? ST_RDONLY : 0) | ((flags & MS_NOSUID) !== 0 ? ST_NOSUID : 0);
  statvfsWords[STATVFS_F_NAMEMAX] = NAME_MAX;
};

/** Copies the statvfs of inode's file system to user address; 0 or -EFAULT. */
const copyStatvfsOut = (process: number, inode: number, address: number): number => {
  fillStatvfs(inode);
  return copyToUser(process, address, wordsAddress(statvfsWords), STATVFS_BYTES) < 0 ? -EFAULT : 0;
};

export const sys$statvfs = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(statvfsParams), paramsAddress, STATVFS_PARAMS_BYTES) < 0) return -EFAULT;
  const length: number = copyPath(process, statvfsParams[STATVFS_PARAMS_PATH_CHARACTERS], statvfsParams[STATVFS_PARAMS_PATH_LENGTH]);
  if (length < 0) return length;
  const inode: number = resolveArgument(process, length, FOLLOW_FINAL);
  if (inode < 0) return inode;
  const status: number = copyStatvfsOut(process, inode, statvfsParams[STATVFS_PARAMS_BUF]);
  inodeRelease(inode);
  return status;
};

/**
 * The reference resolves the fd's absolute path; a file on no mount (a
 * pipe, an anonymous file, a watcher: st_dev 0) has none, so ENOENT.
 */
export const sys$fstatvfs = (frame: number, fd: number, bufAddress: number, arg3: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  const inode: number = descInodeOf(desc);
  return inodeDeviceOf(inode) === 0 ? -ENOENT : copyStatvfsOut(process, inode, bufAddress);
};
