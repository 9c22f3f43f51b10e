// Directory syscalls: mkdir, rmdir, chdir, fchdir, getcwd, chroot and
// get_dir_entries, whose records are packed { u32 ino; u8 file_type; u32
// namelen; char name[namelen] } (no NUL), "." and ".." first.
import {
  DT_CHR, DT_DIR, DT_FIFO, DT_LNK, DT_REG, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG,
} from "../api/abi";
import { EACCES, EFAULT, EINVAL, ENOTDIR, EPERM, EROFS } from "../api/errno";
import { PROMISE_CHROOT } from "../api/pledge";
import { bytesAddress, copyBytes, poke32 } from "../arch/i386/io";
import {
  procSetCwd, procSetRoot, procRootOf, procCwdOf, descInodeOf,
} from "../fs/description";
import {
  FS_PROCFS, inodeRelease, inodeRetain, isDirectory, inodeParentOf, inodeModeOf, inodeFsOf,
} from "../fs/inode";
import { fileInodeNumber } from "../fs/file";
import { procfsEntry, procfsEntryMode, procfsEntryNameLength } from "../fs/procfs";
import { dirSlotCount, dirSlotInode, dirSlotName, dirSlotNameLength } from "../fs/ramfs";
import {
  ACCESS_EXECUTE, createIn, directoryPath, FOLLOW_FINAL, onReadOnlyMount, permits, resolve, resolvedName,
  resolvedNameLength, unlinkIn, WANT_PARENT,
} from "../fs/vfs";
import { copyToUser } from "../mm/usercopy";
import { PD_EUID, PD_UMASK, protectedGet } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { copyPath, descriptionOf, pathArgument } from "./fs_args";
import { requirePromise } from "./pledge";
import {
  DIR_ENTRY_RECORD_BYTES, DIR_ENTRY_RECORD_INO_OFFSET, DIR_ENTRY_RECORD_NAME_LENGTH_OFFSET,
  DIR_ENTRY_RECORD_TYPE_OFFSET,
} from "../api/layout";
import { NAME_MAX, PATH_MAX, SSIZE_MAX } from "../api/limits";

const cwdPathOut: Uint8Array = new Uint8Array(PATH_MAX);

/** Resolves pathArgument[0..length) (from the cwd) with options; the inode referenced or -errno. */
export const resolveArgument = (process: number, length: number, options: number): number =>
  resolve(process, procRootOf(process), procCwdOf(process), pathArgument, length, options);

/** Copies in the path and resolves its parent; the directory referenced (name in resolvedName) or -errno. */
export const resolveParentArgument = (process: number, address: number, size: number): number => {
  const length: number = copyPath(process, address, size);
  return length < 0 ? length : resolveArgument(process, length, WANT_PARENT);
};

export const sys$mkdir = (frame: number, address: number, size: number, mode: number): number => {
  const process: number = currentProcess();
  const dir: number = resolveParentArgument(process, address, size);
  if (dir < 0) return dir;
  const permissions: number = mode & 0o7777 & ~protectedGet(process, PD_UMASK);
  const inode: number = onReadOnlyMount(dir) ? -EROFS : createIn(process, dir, resolvedName, resolvedNameLength, S_IFDIR | permissions);
  inodeRelease(dir);
  if (inode < 0) return inode;
  inodeRelease(inode);
  return 0;
};

/** unlink and rmdir: removes the name at the path argument (a directory only when removeDirectory). */
export const removeName = (address: number, size: number, removeDirectory: boolean): number => {
  const process: number = currentProcess();
  const dir: number = resolveParentArgument(process, address, size);
  if (dir < 0) return dir;
  const status: number = onReadOnlyMount(dir) ? -EROFS : unlinkIn(process, dir, resolvedName, resolvedNameLength, removeDirectory);
  inodeRelease(dir);
  return status;
};

export const sys$rmdir = (frame: number, address: number, size: number, arg3: number): number => removeName(address, size, true);

/** Makes inode (referenced by the caller, who lets go) process's cwd if it is a searchable directory. */
const changeDirectory = (process: number, inode: number): number => {
  let status: number = 0;
  if (!isDirectory(inode)) status = -ENOTDIR;
  else if (!permits(process, inode, ACCESS_EXECUTE)) status = -EACCES;
  if (status < 0) {
    inodeRelease(inode);
    return status;
  }
  inodeRelease(procCwdOf(process));
  procSetCwd(process, inode);
  return 0;
};

export const sys$chdir = (frame: number, address: number, size: number, arg3: number): number => {
  const process: number = currentProcess();
  const length: number = copyPath(process, address, size);
  if (length < 0) return length;
  const inode: number = resolveArgument(process, length, FOLLOW_FINAL);
  return inode < 0 ? inode : changeDirectory(process, inode);
};

export const sys$fchdir = (frame: number, fd: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  return changeDirectory(process, inodeRetain(descInodeOf(desc)));
};

export const sys$getcwd = (frame: number, buffer: number, size: number, arg3: number): number => {
  if (size > SSIZE_MAX) return -EINVAL;
  const process: number = currentProcess();
  const length: number = directoryPath(procCwdOf(process), procRootOf(process), cwdPathOut);
  if (length < 0) return length;
  const copied: number = Math.min(length + 1, size);
  if (copied > 0 && copyToUser(process, buffer, bytesAddress(cwdPathOut), copied) < 0) return -EFAULT;
  return length + 1;
};

export const sys$chroot = (frame: number, address: number, size: number, mountFlags: number): number => {
  const process: number = currentProcess();
  if (protectedGet(process, PD_EUID) !== 0) return -EPERM;
  if (!requirePromise(process, PROMISE_CHROOT)) return -EPERM;
  const length: number = copyPath(process, address, size);
  if (length < 0) return length;
  const inode: number = resolveArgument(process, length, FOLLOW_FINAL);
  if (inode < 0) return inode;
  if (!isDirectory(inode)) {
    inodeRelease(inode);
    return -ENOTDIR;
  }
  inodeRelease(procRootOf(process));
  procSetRoot(process, inode);
  return 0;
};

// --- get_dir_entries ---

const entryName: Uint8Array = new Uint8Array(NAME_MAX + 1);
const records: Uint8Array = new Uint8Array(4096);
let entryNameLength: number = 0;
/** The mode (type bits) of the entry entryAt found last. */
let entryMode: number = 0;

/** The dirent type of a mode. */
const direntType = (mode: number): number => {
  const type: number = mode & S_IFMT;
  if (type === S_IFDIR) return DT_DIR;
  if (type === S_IFREG) return DT_REG;
  if (type === S_IFLNK) return DT_LNK;
  if (type === S_IFCHR) return DT_CHR;
  return type === S_IFIFO ? DT_FIFO : 0;
};

/**
 * The inode number of entry index of dir (0 ".", 1 "..", then the
 * entries) with its name in entryName and its mode in entryMode; 0 for a
 * hole, -1 past the end.
 */
const entryAt = (dir: number, index: number): number => {
  if (index < 2) {
    entryName[0] = 46;
    entryName[1] = 46;
    entryNameLength = index + 1;
    const inode: number = index === 0 ? dir : inodeParentOf(dir);
    entryMode = inodeModeOf(inode);
    return fileInodeNumber(inode);
  }
  if (inodeFsOf(dir) === FS_PROCFS) {
    const ino: number = procfsEntry(dir, index - 2, entryName);
    entryNameLength = procfsEntryNameLength();
    entryMode = procfsEntryMode();
    return ino;
  }
  if (index - 2 >= dirSlotCount(dir)) return -1;
  const inode: number = dirSlotInode(dir, index - 2);
  if (inode === 0) return 0;
  entryNameLength = dirSlotNameLength(dir, index - 2);
  entryMode = inodeModeOf(inode);
  copyBytes(bytesAddress(entryName), dirSlotName(dir, index - 2), entryNameLength);
  return inode;
};

/** Appends entry (ino, entryName, entryMode) to records at offset; the new offset, or -1 when it does not fit in limit. */
const appendRecord = (offset: number, ino: number, limit: number): number => {
  const size: number = DIR_ENTRY_RECORD_BYTES + entryNameLength;
  if (offset + size > limit) return -1;
  const at: number = bytesAddress(records) + offset;
  poke32(at + DIR_ENTRY_RECORD_INO_OFFSET, ino);
  records[offset + DIR_ENTRY_RECORD_TYPE_OFFSET] = direntType(entryMode);
  poke32(at + DIR_ENTRY_RECORD_NAME_LENGTH_OFFSET, entryNameLength);
  copyBytes(at + DIR_ENTRY_RECORD_BYTES, bytesAddress(entryName), entryNameLength);
  return offset + size;
};

/**
 * Serializes the whole directory (".", "..", then every entry) into
 * buffer, as the reference does: the description's offset plays no part,
 * and a buffer too small for every record is EINVAL (libc's readdir then
 * tries a bigger one). Returns the bytes written.
 */
export const sys$get_dir_entries = (frame: number, fd: number, buffer: number, size: number): number => {
  if (size > SSIZE_MAX) return -EINVAL;
  const process: number = currentProcess();
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  const dir: number = descInodeOf(desc);
  if (!isDirectory(dir)) return -ENOTDIR;
  let written: number = 0;
  let index: number = 0;
  let inode: number = entryAt(dir, index);
  while (inode >= 0) {
    const limit: number = Math.min(size - written, records.length);
    let used: number = 0;
    for (; inode >= 0; inode = entryAt(dir, index)) {
      const next: number = inode === 0 ? used : appendRecord(used, inode, limit);
      if (next < 0) break;
      used = next;
      index++;
    }
    if (used === 0 && inode >= 0) return -EINVAL; // the next record does not fit in what is left
    if (copyToUser(process, buffer + written, bytesAddress(records), used) < 0) return -EFAULT;
    written += used;
  }
  return written;
};
