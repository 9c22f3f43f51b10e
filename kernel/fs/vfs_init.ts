// Building the namespace at boot: a ramfs root filled from the initial
// ramdisk, then /dev (devfs), /proc (procfs) and /tmp (sticky, 01777).
import { KERNEL_BASE } from "../arch/i386/cpu";
import { releaseBootModuleBelow } from "../mm/memory";
import { ENOENT } from "../api/errno";
import {
  DEV_CONSOLE, DEV_FULL, DEV_NULL, DEV_PTMX, DEV_RANDOM, DEV_TTY, DEV_TTY0, DEV_TTYS0, DEV_URANDOM, DEV_ZERO, isTerminalDevice,
  ptyNamesInit, terminalNameSet,
} from "./devfs";
import {
  initrdData, initrdFirst, initrdMode, initrdNext, initrdPath, initrdSize, initrdType, INITRD_DIRECTORY, INITRD_FILE,
} from "./initrd";
import { devptsCreate } from "./devpts";
import { FS_DEVFS, FS_RAMFS, inodeAlloc, inodeRelease, inodeSetRdev, inodeSetLinks } from "./inode";
import { procfsCreateRoot } from "./procfs";
import { ramfsAdopt } from "./ramfs";
import { createIn, mountAttach, resolve, resolvedName, resolvedNameLength, vfsRoot, vfsSetRoot, WANT_PARENT } from "./vfs";
import { S_IFCHR, S_IFDIR, S_IFREG } from "../api/abi";
import { PATH_MAX } from "../api/limits";

const KERNEL: number = -1; // the process argument meaning "the kernel, with root's rights"
const DEVFS_MOUNT: number = 2;
const PROCFS_MOUNT: number = 3;
const bootPath: Uint8Array = new Uint8Array(PATH_MAX);

/**
 * The directory that holds bootPath[0..length), referenced, with the last
 * name in resolvedName; or -errno. Directories missing on the way (an
 * archive may list a file before, or without, its directory) are made
 * first, which costs nothing when they exist.
 */
const bootParent = (length: number): number => {
  const dir: number = resolve(KERNEL, vfsRoot(), vfsRoot(), bootPath, length, WANT_PARENT);
  if (dir !== -ENOENT) return dir;
  for (let cut: number = 1; cut < length; cut++) {
    if (bootPath[cut] === 47) createMissingDirectory(cut);
  }
  return resolve(KERNEL, vfsRoot(), vfsRoot(), bootPath, length, WANT_PARENT);
};

/**
 * Creates bootPath[0..length) with mode (type bits included) and returns
 * the new inode (referenced), or -errno (-EEXIST for an existing name).
 */
const createPath = (length: number, mode: number): number => {
  const dir: number = bootParent(length);
  if (dir < 0) return dir;
  const inode: number = createIn(KERNEL, dir, resolvedName, resolvedNameLength, mode);
  inodeRelease(dir);
  return inode;
};

/** Makes the directory bootPath[0..length) if it is missing (its parent exists). */
const createMissingDirectory = (length: number): void => {
  const dir: number = resolve(KERNEL, vfsRoot(), vfsRoot(), bootPath, length, WANT_PARENT);
  if (dir < 0) return;
  const inode: number = createIn(KERNEL, dir, resolvedName, resolvedNameLength, S_IFDIR | 0o755);
  if (inode > 0) inodeRelease(inode);
  inodeRelease(dir);
};

/** Creates the entry of one ramdisk header (a file or a directory) in the root file system. */
const populateEntry = (header: number): void => {
  const length: number = initrdPath(header, bootPath);
  if (length <= 1) return;
  const type: number = initrdType(header); // tools/mkinitrd.mjs writes files and directories only
  if (type !== INITRD_FILE && type !== INITRD_DIRECTORY) return;
  const inode: number = createPath(length, (type === INITRD_FILE ? S_IFREG : S_IFDIR) | initrdMode(header));
  if (inode <= 0) return;
  if (type === INITRD_FILE) ramfsAdopt(inode, initrdData(header), initrdSize(header));
  inodeRelease(inode);
};

/** Writes text into bootPath; returns its length. */
const setBootPath = (text: string): number => {
  for (let i: number = 0; i < text.length; i++) bootPath[i] = text.charCodeAt(i);
  return text.length;
};

/** Makes directory path (if missing) and mounts the file system rooted at root on it (dropping root's reference). */
const mountAt = (path: string, slot: number, root: number): void => {
  const length: number = setBootPath(path);
  const created: number = createPath(length, S_IFDIR | 0o755);
  if (created > 0) inodeRelease(created);
  const host: number = resolve(KERNEL, vfsRoot(), vfsRoot(), bootPath, length, 0);
  if (host > 0) {
    mountAttach(slot, host, root, 0);
    inodeRelease(host);
  }
  inodeRelease(root);
};

/** A devfs node at name in dir with the given device number and permissions. */
const makeDevice = (dir: number, name: string, rdev: number, permissions: number): void => {
  const length: number = setBootPath(name);
  const walked: number = resolve(KERNEL, dir, dir, bootPath, length, WANT_PARENT);
  const inode: number = createIn(KERNEL, walked, resolvedName, resolvedNameLength, S_IFCHR | permissions);
  inodeRelease(walked);
  if (inode <= 0) return;
  inodeSetRdev(inode, rdev);
  inodeRelease(inode);
  if (isTerminalDevice(rdev)) terminalNameSet(rdev, "/dev/", name);
};

/** A devfs root holding the character devices, as the file system of mount slot device; referenced (0 when the table is full). */
export const createDevfs = (device: number): number => {
  const dir: number = inodeAlloc(FS_DEVFS, device, S_IFDIR | 0o755, 0, 0);
  if (dir === 0) return 0;
  inodeSetLinks(dir, 2);
  makeDevice(dir, "null", DEV_NULL, 0o666);
  makeDevice(dir, "zero", DEV_ZERO, 0o666);
  makeDevice(dir, "full", DEV_FULL, 0o666);
  makeDevice(dir, "random", DEV_RANDOM, 0o666);
  makeDevice(dir, "urandom", DEV_URANDOM, 0o666);
  makeDevice(dir, "console", DEV_CONSOLE, 0o666);
  makeDevice(dir, "tty", DEV_TTY, 0o666);
  makeDevice(dir, "ttyS0", DEV_TTYS0, 0o666);
  makeDevice(dir, "tty0", DEV_TTY0, 0o666);
  makeDevice(dir, "ptmx", DEV_PTMX, 0o666);
  devptsCreate(dir);
  ptyNamesInit();
  return dir;
};

/**
 * Builds the namespace from the initrd (boot module initrdModule, or -1
 * for none), giving each part of the module already read back to the
 * frame allocator as it goes. Boot time only.
 */
export const vfsInit = (initrdModule: number): void => {
  const root: number = inodeAlloc(FS_RAMFS, 1, S_IFDIR | 0o755, 0, 0);
  inodeSetLinks(root, 2);
  vfsSetRoot(root);
  for (let header: number = initrdFirst(); header !== 0;) {
    populateEntry(header);
    const next: number = initrdNext(header);
    if (next !== 0 && initrdModule >= 0) releaseBootModuleBelow(initrdModule, next - KERNEL_BASE);
    header = next;
  }
  const tmp: number = createPath(setBootPath("/tmp"), S_IFDIR | 0o1777);
  if (tmp > 0) inodeRelease(tmp);
  mountAt("/dev", DEVFS_MOUNT, createDevfs(DEVFS_MOUNT));
  mountAt("/proc", PROCFS_MOUNT, procfsCreateRoot(PROCFS_MOUNT));
};

/**
 * The console device node (/dev/console), referenced, for the first
 * process's fds 0-2 (its directory in resolvedDirectory); 0 if missing.
 */
export const consoleInode = (): number => {
  const length: number = setBootPath("/dev/console");
  const inode: number = resolve(KERNEL, vfsRoot(), vfsRoot(), bootPath, length, 0);
  return inode < 0 ? 0 : inode;
};
