// The VFS seen from inside the kernel (test=vfs): the root populated from
// the ramdisk, path walks with "." / ".." / symlinks, create, write, read,
// unlink and the inode accounting, before any process exists.
import { bytesAddress } from "../arch/i386/io";
import { DEV_CONSOLE } from "../fs/devfs";
import {
  isCharDevice, inodeRelease, inodesInUse, isDirectory, isRegular, inodeSizeOf, inodeLinksOf, inodeRdevOf,
} from "../fs/inode";
import { ramfsTransfer } from "../fs/ramfs";
import { createIn, FOLLOW_FINAL, resolve, resolvedName, resolvedNameLength, symlinkIn, unlinkIn, vfsRoot, WANT_PARENT } from "../fs/vfs";
import { kprintDecimal, kprintln } from "../devices/console";
import { ktest } from "../debug/ktest";
import { S_IFREG } from "../api/abi";

const KERNEL_CALLER: number = -1;
const testPath: Uint8Array = new Uint8Array(256);
const testData: Uint8Array = new Uint8Array(64);

/** Resolves text from the root with options; the inode (referenced) or -errno. */
const walk = (text: string, options: number): number => {
  for (let i: number = 0; i < text.length; i++) testPath[i] = text.charCodeAt(i);
  return resolve(KERNEL_CALLER, vfsRoot(), vfsRoot(), testPath, text.length, options);
};

/** ktest on a walk's result, releasing it. */
const expectWalk = (name: string, text: string, options: number, expected: number): void => {
  const inode: number = walk(text, options);
  const ok: boolean = expected === 0 ? inode > 0 : inode === expected;
  if (!ok) {
    kprintDecimal(inode);
    kprintln(" was the walk's result");
  }
  ktest(name, ok, "unexpected walk result");
  if (inode > 0) inodeRelease(inode);
};

/** Runs the VFS test set. */
export const runVfsTests = (): void => {
  const inodesAtStart: number = inodesInUse();
  const init: number = walk("/bin/init", FOLLOW_FINAL);
  ktest("vfs-initrd-file", init > 0 && isRegular(init) && inodeSizeOf(init) > 1000, "no /bin/init from the ramdisk");
  if (init > 0) inodeRelease(init);
  expectWalk("vfs-dot-dotdot", "/bin/../bin/./init", 0, 0);
  expectWalk("vfs-missing", "/bin/nothing-here", 0, -2);
  expectWalk("vfs-file-as-directory", "/bin/init/x", 0, -20);
  const tmp: number = walk("/tmp/new-file", WANT_PARENT);
  ktest("vfs-parent-walk", tmp > 0 && isDirectory(tmp) && resolvedNameLength === 8, "no /tmp parent");
  const file: number = createIn(KERNEL_CALLER, tmp, resolvedName, resolvedNameLength, S_IFREG | 0o644);
  for (let i: number = 0; i < testData.length; i++) testData[i] = i + 1;
  const written: number = file > 0 ? ramfsTransfer(file, 5000, -1, bytesAddress(testData), testData.length, true) : -1;
  ktest("vfs-create-write", file > 0 && written === 64 && inodeSizeOf(file) === 5064 && inodeLinksOf(file) === 1, "create or write failed");
  testData[0] = 0xff;
  const read: number = ramfsTransfer(file, 4990, -1, bytesAddress(testData), 20, false);
  ktest("vfs-read-hole-then-data", read === 20 && testData[0] === 0 && testData[9] === 0 && testData[10] === 1, "hole or data wrong");
  for (let i: number = 0; i < 8; i++) testPath[i] = "new-link".charCodeAt(i);
  const link: number = symlinkIn(KERNEL_CALLER, tmp, testPath, 8, testPath, 0);
  ktest("vfs-empty-symlink-target", link < 0 || link === 0, "symlink result");
  ktest("vfs-unlink", unlinkIn(KERNEL_CALLER, tmp, testName, walkNameOf("new-file"), false) === 0, "unlink failed");
  expectWalk("vfs-unlinked-gone", "/tmp/new-file", 0, -2);
  if (file > 0) inodeRelease(file);
  const linkName: number = walkNameOf("new-link");
  unlinkIn(KERNEL_CALLER, tmp, testName, linkName, false);
  if (tmp > 0) inodeRelease(tmp);
  const terminal: number = walk("/dev/console", FOLLOW_FINAL);
  ktest("vfs-dev-console", terminal > 0 && isCharDevice(terminal) && inodeRdevOf(terminal) === DEV_CONSOLE, "no console device");
  if (terminal > 0) inodeRelease(terminal);
  expectWalk("vfs-mount-dotdot", "/dev/../bin/init", 0, 0);
  ktest("vfs-inodes-returned", inodesInUse() === inodesAtStart, "inode slots leaked");
};

/** A name argument for the calls above (NAME_MAX and its NUL). */
const testName: Uint8Array = new Uint8Array(256);

/** Puts text into testName; returns its length. */
const walkNameOf = (text: string): number => {
  for (let i: number = 0; i < text.length; i++) testName[i] = text.charCodeAt(i);
  return text.length;
};
