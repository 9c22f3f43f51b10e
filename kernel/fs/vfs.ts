// The VFS: mounts, permission checks and path resolution over the inode
// table, and the namespace operations (create, link, unlink, rename...)
// the syscalls are built on. Every function returns -errno on failure.
//
// Path walks hold a reference on the directory they stand in, so a
// directory removed under a walk stays valid until the walk lets go.
// A directory's parent is inodeParent (directories have exactly one name),
// which plays the reference's custody role for `..` and getcwd; a mount's
// root goes up through the directory it covers.
import {
  EACCES, EBUSY, EEXIST, EINVAL, EISDIR, ELOOP, ENAMETOOLONG, ENOENT, ENOMEM, ENOTDIR, ENOTEMPTY, EPERM, EXDEV,
  EDIRINTOSELF,
} from "../api/errno";
import { bytesAddress, copyBytes } from "../arch/i386/io";
import { PD_EGID, PD_EUID, PD_EXTRA_GID_COUNT, PD_EXTRA_GIDS, protectedGet } from "../proc/protected";
import {
  FS_DEVFS, FS_PROCFS, inodeAlloc, inodeFreeIfUnused, inodeRelease, inodeRetain, isDirectory, isSymlink,
  vfsNow, inodeDeviceOf, inodeModeOf, inodeUidOf, inodeGidOf, inodeParentOf, inodeFsOf, inodeLinksOf,
  inodeSetLinks, inodeSetParent, inodeSetMtime, inodeSetCtime,
} from "./inode";
import {
  dirAdd, dirFindSlot, dirFirstSlot, dirIsEmpty, dirLookup, dirRemoveSlot, dirReplaceSlot,
  dirSlotInode, dirSlotName, dirSlotNameLength, dirSlotOf, ramfsTransfer,
} from "./ramfs";
import { procfsLookup, procfsName, procfsReadlink } from "./procfs";
import { procRootOf } from "./description";
import { UNVEIL_CREATE, VEIL_NONE, veilCheck, veilStateOf } from "./veil";
import { watchersNotify } from "./watch";
import {
  INODE_WATCHER_EVENT_CHILD_CREATED, INODE_WATCHER_EVENT_CHILD_DELETED,
  INODE_WATCHER_EVENT_METADATA_MODIFIED, MS_RDONLY, S_IFDIR, S_IFLNK, S_IFMT, S_ISVTX,
} from "../api/abi";
import { NAME_MAX, PATH_MAX } from "../api/limits";

export const MAX_SYMLINK_DEPTH: number = 40; // links followed in one walk (Linux's limit; POSIX asks at least 8)
export const ACCESS_READ: number = 4;
export const ACCESS_WRITE: number = 2;
export const ACCESS_EXECUTE: number = 1;

// --- mounts ---
export const MAX_MOUNTS: number = 16;
const mountHost: Uint32Array = new Uint32Array(MAX_MOUNTS);
const mountRoot: Uint32Array = new Uint32Array(MAX_MOUNTS);
export const mountFlags: Uint32Array = new Uint32Array(MAX_MOUNTS);
let rootInode: number = 0;

export const mountFlagsOf = (mount: number): number => mountFlags[mount];
/** Replaces a mount's flags (remount). */
export const mountSetFlags = (mount: number, flags: number): void => { mountFlags[mount] = flags; };

/** The root of the whole namespace (processes may chroot below it). */
export const vfsRoot = (): number => rootInode;

/** Makes inode (a directory, referenced by the caller) the namespace root as mount 1. */
export const vfsSetRoot = (inode: number): void => {
  rootInode = inode;
  mountRoot[1] = inode;
  mountHost[1] = 0;
};

/** A free mount slot, or -1 (slot 0 stays unused: st_dev 0 is "no device"). */
export const mountFreeSlot = (): number => {
  for (let m: number = 1; m < MAX_MOUNTS; m++) {
    if (mountRoot[m] === 0) return m;
  }
  return -1;
};

/** The mount whose covered directory is inode, or -1. */
export const mountCovering = (inode: number): number => {
  for (let m: number = 2; m < MAX_MOUNTS; m++) {
    if (mountRoot[m] !== 0 && mountHost[m] === inode) return m;
  }
  return -1;
};

/** The mount whose root is inode, or -1. */
export const mountRootedAt = (inode: number): number => {
  for (let m: number = 1; m < MAX_MOUNTS; m++) {
    if (mountRoot[m] === inode) return m;
  }
  return -1;
};

/** Attaches a file system whose root is root over directory host; the mount holds a reference on both. */
export const mountAttach = (slot: number, host: number, root: number, flags: number): void => {
  mountHost[slot] = inodeRetain(host);
  mountRoot[slot] = inodeRetain(root);
  mountFlags[slot] = flags;
};

/** Undoes mountAttach: the slot is free again and the mount lets go of its host and root. */
export const mountDetach = (slot: number): void => {
  inodeRelease(mountHost[slot]);
  inodeRelease(mountRoot[slot]);
  mountHost[slot] = 0;
  mountRoot[slot] = 0;
  mountFlags[slot] = 0;
};

/** True when inode sits on a read-only mount. */
export const onReadOnlyMount = (inode: number): boolean => onMountWith(inode, MS_RDONLY);

/** True when the mount inode sits on has one of flags (MS_*). */
export const onMountWith = (inode: number, flags: number): boolean => (mountFlags[inodeDeviceOf(inode)] & flags) !== 0;

// --- credentials and permissions ---

/** Process -1 is the kernel itself (populating the root at boot): root credentials. */
export const euidOf = (process: number): number => process < 0 ? 0 : protectedGet(process, PD_EUID);
export const egidOf = (process: number): number => process < 0 ? 0 : protectedGet(process, PD_EGID);

/** True when process's effective gid or one of its extra gids is gid. */
export const inGroup = (process: number, gid: number): boolean => {
  if (egidOf(process) === gid) return true;
  if (process < 0) return false;
  const count: number = protectedGet(process, PD_EXTRA_GID_COUNT);
  for (let i: number = 0; i < count; i++) {
    if (protectedGet(process, PD_EXTRA_GIDS + i * 4) === gid) return true;
  }
  return false;
};

/**
 * True when process may access inode as asked (ACCESS_* bits) by the mode
 * bits with its effective ids. Root may read and write anything, and
 * execute what has any execute bit (or search any directory).
 */
export const permits = (process: number, inode: number, want: number): boolean => {
  const mode: number = inodeModeOf(inode);
  const euid: number = euidOf(process);
  if (euid === 0) {
    if ((want & ACCESS_EXECUTE) === 0 || isDirectory(inode)) return true;
    return (mode & 0o111) !== 0;
  }
  let granted: number = mode & 7;
  if (euid === inodeUidOf(inode)) granted = (mode >> 6) & 7;
  else if (inGroup(process, inodeGidOf(inode))) granted = (mode >> 3) & 7;
  return (granted & want) === want;
};

/** True when process may change inode's metadata: its owner or root. */
export const ownsOrRoot = (process: number, inode: number): boolean => {
  const euid: number = euidOf(process);
  return euid === 0 || euid === inodeUidOf(inode);
};

// --- path resolution ---

/** Resolve options. */
export const FOLLOW_FINAL: number = 1; // follow a symlink in the last component
export const WANT_PARENT: number = 2; // stop at the last component's directory (resolvedName holds the name)
export const VEIL_UNCHECKED: number = 4; // ignore the caller's veil (unveil resolving what it unveils)
export const CANONICAL: number = 8; // leave the result's absolute path (as from root) in resolvedPath
/** Options bits from here up are the UNVEIL_* bits the veil must grant: veilWants(UNVEIL_READ). */
const VEIL_SHIFT: number = 8;
export const veilWants = (access: number): number => access << VEIL_SHIFT;

/** After a WANT_PARENT walk: the final component (empty for "/"), and whether the path ended in a slash. */
export const resolvedName: Uint8Array = new Uint8Array(NAME_MAX + 1);
export let resolvedNameLength: number = 0;
export let resolvedTrailingSlash: boolean = false;
/** After a walk: the directory the final component was found in (no reference; 0 when the path named no entry). */
export let resolvedDirectory: number = 0;

/**
 * The absolute path of the walk's position, kept while the caller's veil
 * is down or CANONICAL asks for it (and, after the walk, of its result):
 * the veil is checked on it, on each symlink before it is followed and
 * on the final component.
 */
export const resolvedPath: Uint8Array = new Uint8Array(PATH_MAX + NAME_MAX + 2);
export let resolvedPathLength: number = 0;

const walkPath: Uint8Array = new Uint8Array(PATH_MAX * 2);
const linkTarget: Uint8Array = new Uint8Array(PATH_MAX);
let walkLength: number = 0;

/** The directory `..` leads to from dir, without going above root. */
const parentOf = (dir: number, root: number): number => {
  let at: number = dir;
  for (let m: number = mountRootedAt(at); at !== root && m > 1; m = mountRootedAt(at)) at = mountHost[m];
  return at === root ? root : inodeParentOf(at);
};

/** The child named walkPath[start..start+length) of dir, referenced, entering mounts; 0 when absent. */
const lookupChild = (dir: number, start: number, length: number): number => {
  if (inodeFsOf(dir) === FS_PROCFS) return procfsLookup(dir, walkPath, start, length);
  const child: number = dirLookup(dir, walkPath, start, length);
  if (child === 0) return 0;
  const m: number = mountCovering(child);
  return inodeRetain(m < 0 ? child : mountRoot[m]);
};

/** Copies the target of symlink inode into out; returns its length. */
export const readSymlink = (inode: number, out: Uint8Array): number => {
  if (inodeFsOf(inode) === FS_PROCFS) return procfsReadlink(inode, out);
  return ramfsTransfer(inode, 0, -1, bytesAddress(out), Math.min(out.length, PATH_MAX), false);
};

/**
 * Replaces the walk's consumed prefix with symlink's target: the walk
 * continues at target + "/" + walkPath[rest..]. Returns 0 or -errno.
 */
const spliceSymlink = (symlink: number, rest: number): number => {
  const targetLength: number = readSymlink(symlink, linkTarget);
  if (targetLength <= 0) return -ENOENT;
  const restLength: number = walkLength - rest;
  if (targetLength + 1 + restLength > PATH_MAX) return -ENAMETOOLONG;
  copyBytes(bytesAddress(walkPath) + targetLength + 1, bytesAddress(walkPath) + rest, restLength);
  copyBytes(bytesAddress(walkPath), bytesAddress(linkTarget), targetLength);
  walkPath[targetLength] = 47;
  walkLength = targetLength + 1 + restLength;
  return 0;
};

/** True when only slashes follow position in the walk. */
const onlySlashesFrom = (position: number): boolean => {
  for (let i: number = position; i < walkLength; i++) {
    if (walkPath[i] !== 47) return false;
  }
  return true;
};

/**
 * Resolves path[0..length) for process, relative paths from base (a
 * directory) and absolute ones from root. Returns the inode with a
 * reference the caller must release, or -errno (ENOENT, ENOTDIR, EACCES
 * for an unsearchable directory, ELOOP, ENAMETOOLONG). With WANT_PARENT it
 * returns the last component's directory instead and leaves the name in
 * resolvedName (the final symlink is never followed then).
 */
export const resolve = (process: number, root: number, base: number, path: Uint8Array, length: number, options: number): number => {
  copyBytes(bytesAddress(walkPath), bytesAddress(path), length);
  walkLength = length;
  resolvedNameLength = 0;
  resolvedDirectory = 0;
  resolvedTrailingSlash = length > 0 && path[length - 1] === 47;
  const absolute: boolean = length > 0 && path[0] === 47;
  const checking: boolean = (options & VEIL_UNCHECKED) === 0 && veilStateOf(process) !== VEIL_NONE;
  const tracking: boolean = checking || (options & CANONICAL) !== 0;
  if (tracking) {
    const status: number = pathStart(absolute ? root : base, root);
    if (status < 0) return status;
  }
  let current: number = inodeRetain(absolute ? root : base);
  let position: number = 0;
  let links: number = 0;
  while (true) {
    while (position < walkLength && walkPath[position] === 47) position++;
    if (position >= walkLength) return (options & WANT_PARENT) === 0 ? finishWalk(process, current, checking, options) : current;
    let end: number = position;
    while (end < walkLength && walkPath[end] !== 47) end++;
    const componentLength: number = end - position;
    if (componentLength > NAME_MAX) return failWalk(current, -ENAMETOOLONG);
    const last: boolean = onlySlashesFrom(end);
    if (!isDirectory(current)) return failWalk(current, -ENOTDIR);
    if ((options & WANT_PARENT) !== 0 && last) {
      copyBytes(bytesAddress(resolvedName), bytesAddress(walkPath) + position, componentLength);
      resolvedNameLength = componentLength;
      return current;
    }
    if (!permits(process, current, ACCESS_EXECUTE)) return failWalk(current, -EACCES);
    let next: number = 0;
    const dot: boolean = componentLength === 1 && walkPath[position] === 46;
    const dotDot: boolean = componentLength === 2 && walkPath[position] === 46 && walkPath[position + 1] === 46;
    if (dot) next = inodeRetain(current);
    else if (dotDot) next = inodeRetain(parentOf(current, root));
    else next = lookupChild(current, position, componentLength);
    if (next === 0) return failWalk(current, -ENOENT);
    if (tracking && dotDot) pathPop();
    else if (tracking && !dot && !pathPush(walkPath, position, componentLength)) return failWalk(current, failWalk(next, -ENAMETOOLONG));
    if (isSymlink(next) && (!last || (options & FOLLOW_FINAL) !== 0 || end < walkLength)) {
      links++;
      let status: number = checking ? veilCheck(process, resolvedPath, resolvedPathLength, options >>> VEIL_SHIFT) : 0;
      if (status === 0) status = links > MAX_SYMLINK_DEPTH ? -ELOOP : spliceSymlink(next, end);
      inodeRelease(next);
      if (status < 0) return failWalk(current, status);
      if (tracking) pathPop();
      position = 0;
      if (walkPath[0] === 47) {
        inodeRelease(current);
        current = inodeRetain(root);
        resolvedPathLength = 1;
      }
      continue;
    }
    resolvedDirectory = last ? current : 0;
    inodeRelease(current);
    current = next;
    position = end;
  }
};

/** The end of a walk that found inode (referenced): it if the veil grants what options want, else -errno. */
const finishWalk = (process: number, inode: number, checking: boolean, options: number): number => {
  const status: number = checking ? veilCheck(process, resolvedPath, resolvedPathLength, options >>> VEIL_SHIFT) : 0;
  return status < 0 ? failWalk(inode, status) : inode;
};

/** Starts resolvedPath at dir's absolute path; 0 or -errno (ENOENT for a removed directory, ENAMETOOLONG). */
const pathStart = (dir: number, root: number): number => {
  const length: number = directoryPath(dir, root, resolvedPath);
  if (length < 0) return length === -ENOMEM ? -ENAMETOOLONG : length;
  resolvedPathLength = length;
  return 0;
};

/** Appends "/" and name[start..start+length) to resolvedPath; false when it does not fit. */
const pathPush = (name: Uint8Array, start: number, length: number): boolean => {
  const slash: number = resolvedPathLength > 1 ? 1 : 0;
  if (resolvedPathLength + slash + length > PATH_MAX) return false;
  if (slash !== 0) resolvedPath[resolvedPathLength] = 47;
  copyBytes(bytesAddress(resolvedPath) + resolvedPathLength + slash, bytesAddress(name) + start, length);
  resolvedPathLength += slash + length;
  return true;
};

/** Drops resolvedPath's last component ("/" stays "/"). */
const pathPop = (): void => {
  let end: number = resolvedPathLength;
  while (end > 1 && resolvedPath[end - 1] !== 47) end--;
  resolvedPathLength = end > 1 ? end - 1 : 1;
};

/** After a CANONICAL WANT_PARENT walk: appends resolvedName to resolvedPath; false when it does not fit. */
export const resolvedPathAddName = (): boolean => pathPush(resolvedName, 0, resolvedNameLength);

/**
 * Checks process's veil for the name[0..length) dir (referenced) would
 * hold, wanting the UNVEIL_* bits access: 0 or -errno as veilCheck.
 */
export const veilCheckName = (process: number, dir: number, name: Uint8Array, length: number, access: number): number => {
  if (veilStateOf(process) === VEIL_NONE) return 0;
  const status: number = pathStart(dir, procRootOf(process));
  if (status < 0) return status;
  if (!pathPush(name, 0, length)) return -ENAMETOOLONG;
  return veilCheck(process, resolvedPath, resolvedPathLength, access);
};

const failWalk = (current: number, status: number): number => {
  inodeRelease(current);
  return status;
};

// --- namespace operations ---

/** Checks that process may add or remove names in dir: 0 or -errno. */
const mayModify = (process: number, dir: number): number => {
  if (inodeFsOf(dir) === FS_PROCFS) return -EACCES; // (its directories have no links: they live by references)
  if (inodeLinksOf(dir) === 0) return -ENOENT; // a removed directory takes no new names
  if (!permits(process, dir, ACCESS_WRITE | ACCESS_EXECUTE)) return -EACCES;
  if (inodeFsOf(dir) === FS_DEVFS && euidOf(process) !== 0) return -EACCES;
  return 0;
};

/** The sticky-bit rule: in a sticky directory only root and the owners of the entry or directory may remove it. */
const stickyAllows = (process: number, dir: number, child: number): boolean => {
  if ((inodeModeOf(dir) & S_ISVTX) === 0) return true;
  const euid: number = euidOf(process);
  return euid === 0 || euid === inodeUidOf(dir) || euid === inodeUidOf(child);
};

/**
 * Creates name[0..length) in dir (referenced by the caller) as a new inode
 * of the given mode (type bits included), owned by process's effective
 * ids. Returns the new inode, referenced, or -errno (EEXIST, ENOENT,
 * EACCES, ENOMEM).
 */
export const createIn = (process: number, dir: number, name: Uint8Array, length: number, mode: number): number => {
  if (length === 0 || isDotOrDotDot(name, length)) return -EEXIST;
  let status: number = mayModify(process, dir);
  if (status === 0) status = veilCheckName(process, dir, name, length, UNVEIL_CREATE);
  if (status < 0) return status;
  if (dirLookup(dir, name, 0, length) !== 0) return -EEXIST;
  const inode: number = inodeAlloc(inodeFsOf(dir), inodeDeviceOf(dir), mode, euidOf(process), egidOf(process));
  if (inode === 0) return -ENOMEM;
  if (dirAdd(dir, name, 0, length, inode) < 0) {
    inodeRelease(inode);
    return -ENOMEM;
  }
  inodeSetLinks(inode, 1);
  if ((mode & S_IFMT) === S_IFDIR) {
    inodeSetParent(inode, dir);
    inodeSetLinks(inode, 2);
    inodeSetLinks(dir, inodeLinksOf(dir) + 1);
  }
  touchModified(dir);
  watchersNotify(dir, INODE_WATCHER_EVENT_CHILD_CREATED, name, length);
  return inode;
};

/** Marks inode's content and status as changed now. */
export const touchModified = (inode: number): void => {
  const now: number = vfsNow();
  inodeSetMtime(inode, now);
  inodeSetCtime(inode, now);
};

/**
 * Creates a symlink name[0..length) in dir pointing at target[0..targetLength).
 * Returns 0 or -errno.
 */
export const symlinkIn = (process: number, dir: number, name: Uint8Array, length: number, target: Uint8Array, targetLength: number): number => {
  const inode: number = createIn(process, dir, name, length, S_IFLNK | 0o644);
  if (inode < 0) return inode;
  const written: number = ramfsTransfer(inode, 0, -1, bytesAddress(target), targetLength, true);
  inodeRelease(inode);
  return written < 0 ? written : 0;
};

/**
 * Removes the entry name[0..length) from dir (referenced by the caller). Directories only when removeDirectory (and empty), others only
 * when not. Returns 0 or -errno.
 */
export const unlinkIn = (process: number, dir: number, name: Uint8Array, length: number, removeDirectory: boolean): number => {
  if (length === 0) return removeDirectory ? -EBUSY : -EISDIR;
  if (isDotOrDotDot(name, length)) return removeDirectory ? -EINVAL : -EISDIR;
  const index: number = dirFindSlot(dir, name, 0, length);
  if (index < 0) return -ENOENT;
  const child: number = dirSlotInode(dir, index);
  if (isDirectory(child) !== removeDirectory) return removeDirectory ? -ENOTDIR : -EISDIR;
  let status: number = mayModify(process, dir);
  if (status === 0) status = veilCheckName(process, dir, name, length, UNVEIL_CREATE);
  if (status < 0) return status;
  if (!stickyAllows(process, dir, child)) return -EACCES;
  if (removeDirectory && mountCovering(child) >= 0) return -EBUSY;
  if (removeDirectory && !dirIsEmpty(child)) return -ENOTEMPTY;
  dirRemoveSlot(dir, index);
  dropLink(dir, child);
  touchModified(dir);
  watchersNotify(dir, INODE_WATCHER_EVENT_CHILD_DELETED, name, length);
  return 0;
};

/** Drops the link from dir to child (a directory loses its own "." link and dir's ".."). */
const dropLink = (dir: number, child: number): void => {
  if (isDirectory(child)) {
    inodeSetLinks(child, 0);
    inodeSetLinks(dir, inodeLinksOf(dir) - 1);
  } else {
    inodeSetLinks(child, inodeLinksOf(child) - 1);
  }
  inodeSetCtime(child, vfsNow());
  watchersNotify(child, INODE_WATCHER_EVENT_METADATA_MODIFIED, resolvedName, 0);
  inodeFreeIfUnused(child);
};

/**
 * Unlinks every entry below top (a file system being unmounted, nothing
 * below it referenced): files at once, directories once emptied, so each
 * inode is freed as its last link goes. Iterative: a deep tree cannot
 * overflow the kernel stack. top itself stays.
 */
export const removeTree = (top: number): void => {
  let dir: number = top;
  while (true) {
    const index: number = dirFirstSlot(dir);
    if (index >= 0 && isDirectory(dirSlotInode(dir, index))) {
      dir = dirSlotInode(dir, index);
    } else if (index >= 0) {
      const child: number = dirSlotInode(dir, index);
      dirRemoveSlot(dir, index);
      dropLink(dir, child);
    } else if (dir !== top) {
      const parent: number = inodeParentOf(dir);
      dirRemoveSlot(parent, dirSlotOf(parent, dir));
      dropLink(parent, dir);
      dir = parent;
    } else {
      return;
    }
  }
};

const isDotOrDotDot = (name: Uint8Array, length: number): boolean =>
  (length === 1 && name[0] === 46) || (length === 2 && name[0] === 46 && name[1] === 46);

/** Adds name[0..length) in dir as a hard link to target. Returns 0 or -errno. */
export const linkIn = (process: number, dir: number, name: Uint8Array, length: number, target: number): number => {
  if (isDirectory(target)) return -EPERM;
  if (inodeDeviceOf(target) !== inodeDeviceOf(dir)) return -EXDEV;
  if (length === 0 || dirLookup(dir, name, 0, length) !== 0) return -EEXIST;
  let status: number = mayModify(process, dir);
  if (status === 0) status = veilCheckName(process, dir, name, length, UNVEIL_CREATE);
  if (status < 0) return status;
  if (dirAdd(dir, name, 0, length, target) < 0) return -ENOMEM;
  inodeSetLinks(target, inodeLinksOf(target) + 1);
  inodeSetCtime(target, vfsNow());
  touchModified(dir);
  watchersNotify(dir, INODE_WATCHER_EVENT_CHILD_CREATED, name, length);
  return 0;
};

/** True when ancestor is dir or one of dir's ancestors (below root). */
const isAncestor = (ancestor: number, dir: number, root: number): boolean => {
  let at: number = dir;
  for (let depth: number = 0; depth < 4096; depth++) {
    if (at === ancestor) return true;
    const up: number = parentOf(at, root);
    if (up === at) return false;
    at = up;
  }
  return false;
};

/**
 * Renames oldName[0..oldLength) in oldDir to newName[0..newLength) in newDir,
 * replacing an existing target. Returns 0 or -errno (EXDEV, EINVAL for
 * "."/"..", EDIRINTOSELF, EISDIR, ENOTDIR, ENOTEMPTY, EACCES).
 */
export const renameBetween = (process: number, root: number, oldDir: number, oldName: Uint8Array, oldLength: number, newDir: number, newName: Uint8Array, newLength: number): number => {
  if (oldLength === 0 || newLength === 0) return -EPERM;
  if (isDotOrDotDot(oldName, oldLength) || isDotOrDotDot(newName, newLength)) return -EINVAL;
  const oldIndex: number = dirFindSlot(oldDir, oldName, 0, oldLength);
  if (oldIndex < 0) return -ENOENT;
  const child: number = dirSlotInode(oldDir, oldIndex);
  if (inodeDeviceOf(oldDir) !== inodeDeviceOf(newDir)) return -EXDEV;
  let status: number = mayModify(process, oldDir);
  if (status === 0) status = mayModify(process, newDir);
  if (status === 0) status = veilCheckName(process, oldDir, oldName, oldLength, UNVEIL_CREATE);
  if (status === 0) status = veilCheckName(process, newDir, newName, newLength, UNVEIL_CREATE);
  if (status < 0) return status;
  if (!stickyAllows(process, oldDir, child)) return -EACCES;
  if (isDirectory(child) && isAncestor(child, newDir, root)) return -EDIRINTOSELF;
  const newIndex: number = dirFindSlot(newDir, newName, 0, newLength);
  if (newIndex >= 0) {
    const victim: number = dirSlotInode(newDir, newIndex);
    if (victim === child) return 0;
    if (isDirectory(victim) && !isDirectory(child)) return -EISDIR;
    if (!isDirectory(victim) && isDirectory(child)) return -ENOTDIR;
    if (isDirectory(victim) && !dirIsEmpty(victim)) return -ENOTEMPTY;
    if (!stickyAllows(process, newDir, victim)) return -EACCES;
    dirReplaceSlot(newDir, newIndex, child);
    dropLink(newDir, victim);
  } else if (dirAdd(newDir, newName, 0, newLength, child) < 0) {
    return -ENOMEM;
  }
  dirRemoveSlot(oldDir, oldIndex);
  if (isDirectory(child) && oldDir !== newDir) {
    inodeSetParent(child, newDir);
    inodeSetLinks(oldDir, inodeLinksOf(oldDir) - 1);
    inodeSetLinks(newDir, inodeLinksOf(newDir) + 1);
  }
  touchModified(oldDir);
  touchModified(newDir);
  inodeSetCtime(child, vfsNow());
  watchersNotify(oldDir, INODE_WATCHER_EVENT_CHILD_DELETED, oldName, oldLength);
  watchersNotify(newDir, INODE_WATCHER_EVENT_CHILD_CREATED, newName, newLength);
  return 0;
};

// --- paths of directories (getcwd, realpath, /proc/N/fd) ---

const pathComponent: Uint8Array = new Uint8Array(NAME_MAX + 1);

/** Copies the name dir gives child into pathComponent; its length, or -1 when dir has no entry for child. */
const nameInDirectory = (dir: number, child: number): number => {
  if (inodeFsOf(dir) === FS_PROCFS) return inodeFsOf(child) === FS_PROCFS ? procfsName(child, pathComponent) : -1;
  const index: number = dirSlotOf(dir, child);
  if (index < 0) return -1;
  const length: number = dirSlotNameLength(dir, index);
  copyBytes(bytesAddress(pathComponent), dirSlotName(dir, index), length);
  return length;
};

/**
 * Writes the absolute path of dir (as seen from root) into out, NUL
 * terminated, and returns its length without the NUL, or -ENOMEM when it
 * does not fit, -ENOENT when dir was removed.
 */
export const directoryPath = (dir: number, root: number, out: Uint8Array): number => {
  let end: number = out.length - 1;
  let at: number = dir;
  while (at !== root) {
    let named: number = at;
    for (let m: number = mountRootedAt(named); named !== root && m > 1; m = mountRootedAt(named)) named = mountHost[m];
    if (named === root) break;
    const parent: number = inodeParentOf(named);
    const nameLength: number = parent === named ? -1 : nameInDirectory(parent, named);
    if (nameLength < 0) return -ENOENT;
    if (end - nameLength - 1 < 0) return -ENOMEM;
    end -= nameLength;
    copyBytes(bytesAddress(out) + end, bytesAddress(pathComponent), nameLength);
    end--;
    out[end] = 47;
    at = parent;
  }
  if (end === out.length - 1) {
    end--;
    out[end] = 47;
  }
  const length: number = out.length - 1 - end;
  copyBytes(bytesAddress(out), bytesAddress(out) + end, length);
  out[length] = 0;
  return length;
};

/**
 * The absolute path of inode, found through dir (the directory it was
 * opened from; a procfs node knows its own): dir's path, "/" and the name
 * dir gives it. Returns the length or -errno; an unlinked file gets dir's
 * path and its old name cannot be found, so -ENOENT.
 */
export const pathInDirectory = (inode: number, foundIn: number, root: number, out: Uint8Array): number => {
  const dir: number = inodeFsOf(inode) === FS_PROCFS ? inodeParentOf(inode) : foundIn;
  if (isDirectory(inode) || dir === 0) return directoryPath(inode, root, out);
  let length: number = directoryPath(dir, root, out);
  if (length < 0) return length;
  const nameLength: number = nameInDirectory(dir, inode);
  if (nameLength < 0) return -ENOENT;
  if (length > 1) {
    out[length] = 47;
    length++;
  }
  if (length + nameLength + 1 > out.length) return -ENOMEM;
  copyBytes(bytesAddress(out) + length, bytesAddress(pathComponent), nameLength);
  out[length + nameLength] = 0;
  return length + nameLength;
};
