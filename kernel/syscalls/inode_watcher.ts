// The inode watcher calls (syscalls 103-105): create_inode_watcher,
// inode_watcher_add_watch (SC_inode_watcher_add_watch_params { int fd;
// StringArgument user_path; u32 event_mask }, 16 bytes) and
// inode_watcher_remove_watch. The watcher itself is kernel/fs/watch.ts.
import { EBADF, EFAULT, EMFILE, ENOMEM, ENOTSUP } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { fdLowestFree, descInodeOf } from "../fs/description";
import { fdAllocate, fileOpen } from "../fs/file";
import {
  FS_RAMFS, FS_TMPFS, inodeAlloc, inodeRelease, inodeSetRdev, inodeFsOf, inodeRdevOf,
} from "../fs/inode";
import { egidOf, euidOf, FOLLOW_FINAL } from "../fs/vfs";
import { FS_WATCH, watchAdd, watcherClose, watcherCreate, watchRemove } from "../fs/watch";
import { copyFromUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { resolveArgument } from "./directories";
import { copyPath, descriptionOf } from "./fs_args";
import {
  FD_CLOEXEC, INODE_WATCHER_CLOEXEC, INODE_WATCHER_NONBLOCK, O_NONBLOCK, O_RDONLY,
} from "../api/abi";
import {
  INODE_WATCHER_ADD_WATCH_PARAMS_BYTES, INODE_WATCHER_ADD_WATCH_PARAMS_EVENT_MASK,
  INODE_WATCHER_ADD_WATCH_PARAMS_FD, INODE_WATCHER_ADD_WATCH_PARAMS_USER_PATH_CHARACTERS,
  INODE_WATCHER_ADD_WATCH_PARAMS_USER_PATH_LENGTH, INODE_WATCHER_ADD_WATCH_PARAMS_WORDS,
} from "../api/layout";

const addWatchParams: Uint32Array = new Uint32Array(INODE_WATCHER_ADD_WATCH_PARAMS_WORDS);

/** The watcher behind fd of process, or -EBADF when fd is not open or not a watcher. */
const watcherOf = (process: number, fd: number): number => {
  const desc: number = descriptionOf(process, fd);
  if (desc < 0) return desc;
  const inode: number = descInodeOf(desc);
  return inodeFsOf(inode) === FS_WATCH ? inodeRdevOf(inode) : -EBADF;
};

/** A readable description of a new watcher (flags: INODE_WATCHER_NONBLOCK); the description or -ENOMEM. */
const watcherDescription = (process: number, flags: number): number => {
  const watcher: number = watcherCreate();
  if (watcher < 0) return watcher;
  const inode: number = inodeAlloc(FS_WATCH, 0, 0o600, euidOf(process), egidOf(process));
  if (inode === 0) {
    watcherClose(watcher);
    return -ENOMEM;
  }
  inodeSetRdev(inode, watcher);
  const desc: number = fileOpen(inode, 0, (flags & INODE_WATCHER_NONBLOCK) !== 0 ? O_RDONLY | O_NONBLOCK : O_RDONLY);
  inodeRelease(inode); // the description holds it now (or, on failure, nothing does)
  if (desc < 0) watcherClose(watcher);
  return desc;
};

/** Flags: INODE_WATCHER_NONBLOCK, INODE_WATCHER_CLOEXEC (others are ignored, as in the reference). Returns the fd. */
export const sys$create_inode_watcher = (frame: number, flags: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (fdLowestFree(process, 0) < 0) return -EMFILE;
  const desc: number = watcherDescription(process, flags);
  if (desc < 0) return desc;
  return fdAllocate(process, desc, (flags & INODE_WATCHER_CLOEXEC) !== 0 ? FD_CLOEXEC : 0, 0);
};

/** True when inode's file system reports changes (the reference's supports_watchers: not procfs or devfs). */
const supportsWatchers = (inode: number): boolean => inodeFsOf(inode) === FS_RAMFS || inodeFsOf(inode) === FS_TMPFS;

/** Watches the file a path names (following symlinks) for event_mask; returns the watch descriptor. */
export const sys$inode_watcher_add_watch = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(addWatchParams), paramsAddress, INODE_WATCHER_ADD_WATCH_PARAMS_BYTES) < 0) return -EFAULT;
  const watcher: number = watcherOf(process, addWatchParams[INODE_WATCHER_ADD_WATCH_PARAMS_FD] | 0);
  if (watcher < 0) return watcher;
  const length: number = copyPath(process, addWatchParams[INODE_WATCHER_ADD_WATCH_PARAMS_USER_PATH_CHARACTERS], addWatchParams[INODE_WATCHER_ADD_WATCH_PARAMS_USER_PATH_LENGTH]);
  if (length < 0) return length;
  const inode: number = resolveArgument(process, length, FOLLOW_FINAL);
  if (inode < 0) return inode;
  const wd: number = supportsWatchers(inode) ? watchAdd(watcher, inode, addWatchParams[INODE_WATCHER_ADD_WATCH_PARAMS_EVENT_MASK]) : -ENOTSUP;
  inodeRelease(inode);
  return wd;
};

export const sys$inode_watcher_remove_watch = (frame: number, fd: number, wd: number, arg3: number): number => {
  const watcher: number = watcherOf(currentProcess(), fd);
  return watcher < 0 ? watcher : watchRemove(watcher, wd | 0);
};
