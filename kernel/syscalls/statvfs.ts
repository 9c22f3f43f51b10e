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
import { descInode } from "../fs/description";
import { FS_DEVFS, FS_PROCFS, inodeDevice, inodeFs, inodeRelease, inodesInUse, MAX_INODES } from "../fs/inode";
import { NAME_MAX } from "../fs/ramfs";
import { FOLLOW_FINAL, mountFlags, MS_NOSUID, MS_RDONLY } from "../fs/vfs";
import { framesAvailable, framesFree, PAGE_SIZE } from "../mm/frames";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { resolveArgument } from "./directories";
import { copyPath, descriptionOf } from "./fs_args";

const STATVFS_BYTES: number = 68;
const ST_RDONLY: number = 1;
const ST_NOSUID: number = 2;
const statvfsWords: Uint32Array = new Uint32Array(STATVFS_BYTES / 4);
const statvfsParams: Uint32Array = new Uint32Array(3);

/** Stores a count below 2^32 as the u64 at statvfsWords[word..word+1]. */
const putCount = (word: number, count: number): void => {
  statvfsWords[word] = count;
  statvfsWords[word + 1] = 0;
};

/** Fills statvfsWords for the file system inode is on. */
const fillStatvfs = (inode: number): void => {
  const memoryBacked: boolean = inodeFs[inode] !== FS_PROCFS && inodeFs[inode] !== FS_DEVFS;
  const flags: number = mountFlags[inodeDevice[inode]];
  const freeInodes: number = MAX_INODES - inodesInUse();
  statvfsWords[0] = PAGE_SIZE;
  statvfsWords[1] = PAGE_SIZE;
  putCount(2, memoryBacked ? framesAvailable() : 0);
  putCount(4, memoryBacked ? framesFree() : 0);
  putCount(6, memoryBacked ? framesFree() : 0);
  putCount(8, MAX_INODES);
  putCount(10, freeInodes);
  putCount(12, freeInodes);
  statvfsWords[14] = inodeDevice[inode];
  statvfsWords[15] = ((flags & MS_RDONLY) !== 0 ? ST_RDONLY : 0) | ((flags & MS_NOSUID) !== 0 ? ST_NOSUID : 0);
  statvfsWords[16] = NAME_MAX;
};

/** Copies the statvfs of inode's file system to user address; 0 or -EFAULT. */
const copyStatvfsOut = (process: number, inode: number, address: number): number => {
  fillStatvfs(inode);
  return copyToUser(process, address, wordsAddress(statvfsWords), STATVFS_BYTES) < 0 ? -EFAULT : 0;
};

export const sys$statvfs = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(statvfsParams), paramsAddress, 12) < 0) return -EFAULT;
  const length: number = copyPath(process, statvfsParams[0], statvfsParams[1]);
  if (length < 0) return length;
  const inode: number = resolveArgument(process, length, FOLLOW_FINAL);
  if (inode < 0) return inode;
  const status: number = copyStatvfsOut(process, inode, statvfsParams[2]);
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
  const inode: number = descInode[desc];
  return inodeDevice[inode] === 0 ? -ENOENT : copyStatvfsOut(process, inode, bufAddress);
};
