// mount, umount and sync. SC_mount_params { int source_fd; StringArgument
// target; StringArgument fs_type; int flags } is 24 bytes.
//
// Every mount is a file system instance of its own, numbered by its mount
// slot, which is also the st_dev of its inodes: "tmp" is a new empty ramfs
// (root mode 01777), "dev" a new devfs with the usual nodes, "proc" a new
// procfs root. Mounting the same directory twice (bind mounts, or a second
// mount of the boot /dev or /proc root) is not offered: a directory has one
// parent here (inodeParent stands in for the reference's custodies), so a
// directory reachable in two places would give `..` and getcwd one wrong
// answer. MS_BIND is therefore ENOTSUP once its fd checks pass. ext2 and 9p
// need a block device or a connection this system does not have: ENODEV
// (after the fd checks the reference makes), like devpts, sys and unknown
// types. A mount root cannot be mounted over (EBUSY).
//
// umount refuses (EBUSY) while anything on the file system is referenced
// beyond the mount itself: an open file, a cwd or root, a mount below it,
// an unlinked file still open. Otherwise it removes every file (a tmpfs's
// contents are gone, as on other systems) and frees every inode and page.
import { EBADF, EBUSY, EFAULT, ENODEV, ENOMEM, ENOTBLK, ENOTDIR, ENOTSUP, EPERM } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { descInodeOf } from "../fs/description";
import {
  FS_ANON, FS_DEVFS, FS_PROCFS, FS_TMPFS, inodeAlloc, inodeDeviceRefs, inodeRelease, isCharDevice,
  isDirectory, isFifo, inodeSetLinks, inodeFsOf, inodeDeviceOf,
} from "../fs/inode";
import { procfsCreateRoot } from "../fs/procfs";
import {
  euidOf, FOLLOW_FINAL, mountAttach, mountCovering, mountDetach, mountFreeSlot,
  mountRootedAt, removeTree, mountSetFlags,
} from "../fs/vfs";
import { createDevfs } from "../fs/vfs_init";
import { FS_WATCH } from "../fs/watch";
import { copyFromUser, pathFromUser, stringFromUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { copyPath, descriptionOf, pathArgument } from "./fs_args";
import { resolveArgument } from "./directories";
import {
  MS_BIND, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_RDONLY, MS_REMOUNT, S_IFDIR,
} from "../api/abi";
import {
  MOUNT_PARAMS_BYTES, MOUNT_PARAMS_FLAGS, MOUNT_PARAMS_FS_TYPE_CHARACTERS,
  MOUNT_PARAMS_FS_TYPE_LENGTH, MOUNT_PARAMS_SOURCE_FD, MOUNT_PARAMS_TARGET_CHARACTERS,
  MOUNT_PARAMS_TARGET_LENGTH, MOUNT_PARAMS_WORDS,
} from "../api/layout";

const mountParams: Uint32Array = new Uint32Array(MOUNT_PARAMS_WORDS);
const FS_TYPE_MAX: number = 16; // longer than any type name we know
const fsTypeName: Uint8Array = new Uint8Array(FS_TYPE_MAX);
/** The flags a mount keeps (MS_BIND and MS_REMOUNT only say what mount should do). */
const KEPT_MOUNT_FLAGS: number = MS_NODEV | MS_NOEXEC | MS_NOSUID | MS_RDONLY;
/** The file system's root inode is referenced by the mount and by the caller of umount. */
const UMOUNT_EXPECTED_REFS: number = 2;

/** True when fsTypeName[0..length) is short or long, the reference's two spellings of a type. */
const typeIs = (length: number, short: string, long: string): boolean =>
  nameEquals(length, short) || nameEquals(length, long);

const nameEquals = (length: number, name: string): boolean => {
  if (length !== name.length) return false;
  for (let i: number = 0; i < length; i++) {
    if (fsTypeName[i] !== name.charCodeAt(i)) return false;
  }
  return true;
};

/** ext2 reads its image through a seekable fd: EBADF without one, ENOTBLK for a stream; we have no ext2 driver (ENODEV). */
const ext2Source = (process: number, fd: number): number => {
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return -EBADF;
  const inode: number = descInodeOf(desc);
  if (isFifo(inode) || isCharDevice(inode) || inodeFsOf(inode) === FS_WATCH || inodeFsOf(inode) === FS_ANON) return -ENOTBLK;
  return -ENODEV;
};

/** The kind (FS_*) of file system fs_type names, or -errno when none can be mounted. */
const fileSystemKind = (process: number, typeLength: number, sourceFd: number): number => {
  if (typeIs(typeLength, "tmp", "TmpFS")) return FS_TMPFS;
  if (typeIs(typeLength, "proc", "ProcFS")) return FS_PROCFS;
  if (typeIs(typeLength, "dev", "DevFS")) return FS_DEVFS;
  if (typeIs(typeLength, "ext2", "Ext2FS")) return ext2Source(process, sourceFd);
  if (typeIs(typeLength, "9p", "Plan9FS")) return descriptionOf(process, sourceFd) < 0 ? -EBADF : -ENODEV;
  return -ENODEV; // devpts, sys (not here) and unknown types
};

/** A new file system of kind whose inodes carry st_dev device: its root, referenced, or -ENOMEM. */
const createFileSystem = (kind: number, device: number): number => {
  let root: number = 0;
  if (kind === FS_PROCFS) root = procfsCreateRoot(device);
  else if (kind === FS_DEVFS) root = createDevfs(device);
  else {
    root = inodeAlloc(FS_TMPFS, device, S_IFDIR | 0o1777, 0, 0);
    if (root !== 0) inodeSetLinks(root, 2);
  }
  return root === 0 ? -ENOMEM : root;
};

/** Mounts a new file system of kind over directory host with flags; 0 or -errno. */
const mountNew = (host: number, kind: number, flags: number): number => {
  if (!isDirectory(host)) return -ENOTDIR;
  if (mountRootedAt(host) >= 0 || mountCovering(host) >= 0) return -EBUSY; // mounts do not stack
  const slot: number = mountFreeSlot();
  if (slot < 0) return -ENOMEM;
  const root: number = createFileSystem(kind, slot);
  if (root < 0) return root;
  mountAttach(slot, host, root, flags & KEPT_MOUNT_FLAGS);
  inodeRelease(root);
  return 0;
};

/** MS_REMOUNT: new flags for the mount whose root is target; ENODEV when target is no mount root. */
const remount = (target: number, flags: number): number => {
  const slot: number = mountRootedAt(target);
  if (slot < 0) return -ENODEV;
  mountSetFlags(slot, flags & KEPT_MOUNT_FLAGS);
  return 0;
};

/** MS_BIND: the reference's fd checks (EBADF, ENODEV for a file with no path); bind mounts themselves are ENOTSUP. */
const bindMount = (process: number, sourceFd: number): number => {
  const desc: number = descriptionOf(process, sourceFd);
  if (desc < 0) return -EBADF;
  if (inodeDeviceOf(descInodeOf(desc)) === 0) return -ENODEV; // a pipe, an anonymous file, a watcher
  return -ENOTSUP;
};

/** Does what the flags and fs type ask with target (resolved, referenced by the caller); 0 or -errno. */
const mountOn = (process: number, target: number, typeLength: number): number => {
  const sourceFd: number = mountParams[MOUNT_PARAMS_SOURCE_FD];
  const flags: number = mountParams[MOUNT_PARAMS_FLAGS];
  if ((flags & MS_REMOUNT) !== 0) return remount(target, flags);
  if ((flags & MS_BIND) !== 0) return bindMount(process, sourceFd);
  const kind: number = fileSystemKind(process, typeLength, sourceFd);
  return kind < 0 ? kind : mountNew(target, kind, flags);
};

export const sys$mount = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (euidOf(process) !== 0) return -EPERM;
  if (copyFromUser(process, wordsAddress(mountParams), paramsAddress, MOUNT_PARAMS_BYTES) < 0) return -EFAULT;
  const length: number = pathFromUser(process, pathArgument, mountParams[MOUNT_PARAMS_TARGET_CHARACTERS], mountParams[MOUNT_PARAMS_TARGET_LENGTH]);
  if (length < 0) return length;
  const typeTooLong: boolean = mountParams[MOUNT_PARAMS_FS_TYPE_LENGTH] > FS_TYPE_MAX;
  const typeLength: number = stringFromUser(process, fsTypeName, mountParams[MOUNT_PARAMS_FS_TYPE_CHARACTERS], typeTooLong ? FS_TYPE_MAX : mountParams[MOUNT_PARAMS_FS_TYPE_LENGTH]);
  if (typeLength < 0) return -EFAULT;
  const target: number = resolveArgument(process, length, FOLLOW_FINAL);
  if (target < 0) return target;
  const status: number = mountOn(process, target, typeTooLong ? -1 : typeLength);
  inodeRelease(target);
  return status;
};

/** Unmounts the file system whose root is root (referenced by the caller, whose release frees it); 0 or -errno. */
const unmount = (root: number): number => {
  const slot: number = mountRootedAt(root);
  if (slot < 0) return -ENODEV;
  if (slot === 1) return -EBUSY; // the namespace root stays
  if (inodeDeviceRefs(inodeDeviceOf(root)) > UMOUNT_EXPECTED_REFS) return -EBUSY;
  if (inodeFsOf(root) !== FS_PROCFS) removeTree(root); // procfs nodes live only while referenced
  mountDetach(slot);
  inodeSetLinks(root, 0);
  return 0;
};

export const sys$umount = (frame: number, address: number, size: number, arg3: number): number => {
  const process: number = currentProcess();
  if (euidOf(process) !== 0) return -EPERM;
  const length: number = copyPath(process, address, size);
  if (length < 0) return length;
  const root: number = resolveArgument(process, length, FOLLOW_FINAL);
  if (root < 0) return root;
  const status: number = unmount(root);
  inodeRelease(root);
  return status;
};

/** Every file system here keeps its data in memory (ramfs pages): there is nothing to write back. */
export const sys$sync = (frame: number, arg1: number, arg2: number, arg3: number): number => 0;
