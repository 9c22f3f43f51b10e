// stat and fstat: struct stat is 80 bytes on i686 (libc/include/sys/stat.h:
// dev, ino, mode, nlink, uid, gid, rdev, an i64 size, blksize, blocks and
// three 12-byte timespecs).
import { EFAULT } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { descInodeOf, procRootOf } from "../fs/description";
import { fileInodeNumber, fileLinkCount, fileSize } from "../fs/file";
import {
  inodeRelease, isCharDevice, inodeDeviceOf, inodeModeOf, inodeUidOf, inodeGidOf, inodeRdevOf, inodeAtimeOf,
  inodeMtimeOf, inodeCtimeOf,
} from "../fs/inode";
import { FOLLOW_FINAL, resolve } from "../fs/vfs";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { baseDirectory, copyPath, descriptionOf, pathArgument } from "./fs_args";
import {
  STAT_BYTES, STAT_PARAMS_BYTES, STAT_PARAMS_DIRFD, STAT_PARAMS_FOLLOW_SYMLINKS,
  STAT_PARAMS_PATH_CHARACTERS, STAT_PARAMS_PATH_LENGTH, STAT_PARAMS_STATBUF, STAT_PARAMS_WORDS,
  STAT_ST_ATIM, STAT_ST_BLKSIZE, STAT_ST_BLOCKS, STAT_ST_CTIM, STAT_ST_DEV, STAT_ST_GID,
  STAT_ST_INO, STAT_ST_MODE, STAT_ST_MTIM, STAT_ST_NLINK, STAT_ST_RDEV, STAT_ST_SIZE,
  STAT_ST_SIZE_HIGH, STAT_ST_UID, STAT_WORDS, TIMESPEC_TV_NSEC, TIMESPEC_TV_SEC,
  TIMESPEC_TV_SEC_HIGH,
} from "../api/layout";

const BLOCK_SIZE: number = 4096;
const statWords: Uint32Array = new Uint32Array(STAT_WORDS);
const statParams: Uint32Array = new Uint32Array(STAT_PARAMS_WORDS);

/** Fills statWords from inode. */
const fillStat = (inode: number): void => {
  const size: number = fileSize(inode);
  statWords[STAT_ST_DEV] = inodeDeviceOf(inode);
  statWords[STAT_ST_INO] = fileInodeNumber(inode);
  statWords[STAT_ST_MODE] = inodeModeOf(inode);
  statWords[STAT_ST_NLINK] = fileLinkCount(inode);
  statWords[STAT_ST_UID] = inodeUidOf(inode);
  statWords[STAT_ST_GID] = inodeGidOf(inode);
  statWords[STAT_ST_RDEV] = isCharDevice(inode) ? inodeRdevOf(inode) : 0;
  statWords[STAT_ST_SIZE] = size % 4294967296;
  statWords[STAT_ST_SIZE_HIGH] = Math.floor(size / 4294967296);
  statWords[STAT_ST_BLKSIZE] = BLOCK_SIZE;
  statWords[STAT_ST_BLOCKS] = Math.ceil(size / 512);
  putTime(STAT_ST_ATIM, inodeAtimeOf(inode));
  putTime(STAT_ST_MTIM, inodeMtimeOf(inode));
  putTime(STAT_ST_CTIM, inodeCtimeOf(inode));
};

/** Stores a timespec of whole seconds at statWords[word..word+2]. */
const putTime = (word: number, seconds: number): void => {
  statWords[word + TIMESPEC_TV_SEC] = seconds;
  statWords[word + TIMESPEC_TV_SEC_HIGH] = 0;
  statWords[word + TIMESPEC_TV_NSEC] = 0;
};

/** Copies inode's struct stat to user address; 0 or -EFAULT. */
export const copyStatOut = (process: number, inode: number, address: number): number => {
  fillStat(inode);
  return copyToUser(process, address, wordsAddress(statWords), STAT_BYTES) < 0 ? -EFAULT : 0;
};

export const sys$fstat = (frame: number, fd: number, statAddress: number, arg3: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  return desc < 0 ? desc : copyStatOut(process, descInodeOf(desc), statAddress);
};

/** SC_stat_params { int dirfd; StringArgument path; stat* statbuf; int follow_symlinks }. */
export const sys$stat = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(statParams), paramsAddress, STAT_PARAMS_BYTES) < 0) return -EFAULT;
  const length: number = copyPath(process, statParams[STAT_PARAMS_PATH_CHARACTERS], statParams[STAT_PARAMS_PATH_LENGTH]);
  if (length < 0) return length;
  const base: number = baseDirectory(process, statParams[STAT_PARAMS_DIRFD] | 0);
  if (base < 0) return base;
  const inode: number = resolve(process, procRootOf(process), base, pathArgument, length, statParams[STAT_PARAMS_FOLLOW_SYMLINKS] !== 0 ? FOLLOW_FINAL : 0);
  if (inode < 0) return inode;
  const status: number = copyStatOut(process, inode, statParams[STAT_PARAMS_STATBUF]);
  inodeRelease(inode);
  return status;
};
