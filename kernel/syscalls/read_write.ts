// read, write, readv, writev, lseek and ftruncate on file descriptions.
// 64-bit offsets travel through user pointers (the ABI has three 32-bit
// argument registers).
import { SIGPIPE } from "../api/abi";
import { EBADF, EFAULT, EINVAL, EPIPE } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { FOUR_GIB } from "../boot/multiboot";
import { isReadable, isWritable, descInodeOf } from "../fs/description";
import { clearSetIdBits, contentChanged, fileRead, fileSeek, fileWrite, OFFSET_LIMIT } from "../fs/file";
import {
  FS_ANON, inodeClearTail, inodeTruncatePages, isRegular, INODE_MAX_BYTES, inodeSetSize, inodeFsOf,
  inodeSizeOf,
} from "../fs/inode";
import { copyFromUser, copyToUser, isUserRange } from "../mm/usercopy";
import { currentProcess, currentThread } from "../proc/scheduler";
import { signalThread, SI_KERNEL } from "../proc/signals";
import { descriptionOf } from "./fs_args";
import { IOVEC_BYTES, IOVEC_IOV_BASE, IOVEC_IOV_LEN, IOVEC_WORDS } from "../api/layout";
import { SSIZE_MAX } from "../api/limits";

const IOV_MAX_COUNT: number = 1024 * 1024;
// An off_t (int64_t) as i386 stores it: the low word, then the high one.
const OFF_T_LOW: number = 0;
const OFF_T_HIGH: number = 1;
const offsetWords: Uint32Array = new Uint32Array(2);
const iovec: Uint32Array = new Uint32Array(IOVEC_WORDS);

/** The description for an fd to read (or write), or -EBADF. */
const openFor = (process: number, fd: number, write: boolean): number => {
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  return (write ? isWritable(desc) : isReadable(desc)) ? desc : -EBADF;
};

/** Reads or writes one buffer through desc; the count or -errno. */
const transfer = (process: number, desc: number, buffer: number, size: number, write: boolean): number => {
  if (!isUserRange(buffer, size)) return -EFAULT;
  if (!write) return fileRead(desc, process, buffer, size);
  const count: number = fileWrite(desc, process, buffer, size);
  if (count === -EPIPE) raiseBrokenPipe();
  return count;
};

/** A write to a pipe nobody reads raises SIGPIPE on the writer (which gets EPIPE if it survives). */
const raiseBrokenPipe = (): void => {
  signalThread(currentThread, SIGPIPE, SI_KERNEL, 0, 0, 0);
};

const readOrWrite = (fd: number, buffer: number, size: number, write: boolean): number => {
  if (size === 0) return 0;
  if (size > SSIZE_MAX) return -EINVAL;
  const process: number = currentProcess();
  const desc: number = openFor(process, fd, write);
  return desc < 0 ? desc : transfer(process, desc, buffer, size, write);
};

export const sys$read = (frame: number, fd: number, buffer: number, size: number): number =>
  readOrWrite(fd, buffer, size, false);

export const sys$write = (frame: number, fd: number, buffer: number, size: number): number =>
  readOrWrite(fd, buffer, size, true);

/** Sums the lengths of count iovecs at vectors; the total or -errno (EFAULT, EINVAL past INT32_MAX). */
const vectorTotal = (process: number, vectors: number, count: number): number => {
  let total: number = 0;
  for (let i: number = 0; i < count; i++) {
    if (copyFromUser(process, wordsAddress(iovec), vectors + i * IOVEC_BYTES, IOVEC_BYTES) < 0) return -EFAULT;
    total += iovec[IOVEC_IOV_LEN];
    if (total > SSIZE_MAX) return -EINVAL;
  }
  return total;
};

/** readv and writev: each vector in turn; the total, or the partial count once an error follows progress. */
const vectored = (fd: number, vectors: number, count: number, write: boolean): number => {
  if (count < 0) return -EINVAL;
  if (count > IOV_MAX_COUNT) return -EFAULT;
  const process: number = currentProcess();
  const total: number = vectorTotal(process, vectors, count);
  if (total < 0) return total;
  const desc: number = openFor(process, fd, write);
  if (desc < 0) return desc;
  let done: number = 0;
  for (let i: number = 0; i < count; i++) {
    copyFromUser(process, wordsAddress(iovec), vectors + i * IOVEC_BYTES, IOVEC_BYTES);
    if (iovec[IOVEC_IOV_LEN] === 0) continue;
    const length: number = iovec[IOVEC_IOV_LEN];
    const moved: number = transfer(process, desc, iovec[IOVEC_IOV_BASE], length, write);
    if (moved < 0) return done > 0 ? done : moved;
    done += moved;
    if (moved < length) break;
  }
  return done;
};

export const sys$readv = (frame: number, fd: number, vectors: number, count: number): number =>
  vectored(fd, vectors, count | 0, false);

export const sys$writev = (frame: number, fd: number, vectors: number, count: number): number =>
  vectored(fd, vectors, count | 0, true);

/** Reads the signed 64-bit value at user address into a number; false on EFAULT. */
const readOffset = (process: number, address: number): boolean =>
  copyFromUser(process, wordsAddress(offsetWords), address, 8) >= 0;

const offsetValue = (): number => (offsetWords[OFF_T_HIGH] | 0) * FOUR_GIB + offsetWords[OFF_T_LOW];

export const sys$lseek = (frame: number, fd: number, offsetAddress: number, whence: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  if (!readOffset(process, offsetAddress)) return -EFAULT;
  const position: number = fileSeek(desc, offsetValue(), whence);
  if (position < 0) return position;
  const atLimit: boolean = position >= OFFSET_LIMIT; // INT64_MAX, which a double cannot hold exactly
  offsetWords[OFF_T_LOW] = atLimit ? 0xffffffff : position % FOUR_GIB;
  offsetWords[OFF_T_HIGH] = atLimit ? 0x7fffffff : Math.floor(position / FOUR_GIB);
  return copyToUser(process, offsetAddress, wordsAddress(offsetWords), 8) < 0 ? -EFAULT : 0;
};

export const sys$ftruncate = (frame: number, fd: number, lengthAddress: number, arg3: number): number => {
  const process: number = currentProcess();
  if (!readOffset(process, lengthAddress)) return -EFAULT;
  const length: number = offsetValue();
  if (length < 0) return -EINVAL;
  const desc: number = openFor(process, fd, true);
  if (desc < 0) return desc;
  const inode: number = descInodeOf(desc);
  if (!isRegular(inode) || inodeFsOf(inode) === FS_ANON || length > INODE_MAX_BYTES) return -EINVAL;
  if (length < inodeSizeOf(inode)) inodeTruncatePages(inode, length);
  else inodeClearTail(inode);
  inodeSetSize(inode, length);
  clearSetIdBits(inode);
  contentChanged(inode);
  return 0;
};
