// anon_create: an unnamed memory file, to be mmap'ed MAP_SHARED (by this
// process, its children after fork, or a process it sends the fd to).
// It is a ramfs-style inode of kind FS_ANON with no name (no links) whose
// pages are all committed at creation, so a later fault never runs out of
// memory; the last close frees it (pages still mapped live on in the
// mappings). As with the reference's anonymous files, read and write on
// the fd are ENOTSUP and ftruncate is EINVAL: the memory is reached
// through mmap only.
import { FD_CLOEXEC, O_CLOEXEC, O_RDWR, S_IFREG } from "../api/abi";
import { EINVAL, EMFILE, ENOMEM } from "../api/errno";
import { fdLowestFree } from "../fs/description";
import { fdAllocate, fileOpen } from "../fs/file";
import { FS_ANON, inodeAlloc, inodeDataPage, inodeRelease, inodeSetSize } from "../fs/inode";
import { egidOf, euidOf } from "../fs/vfs";
import { framesCommittable } from "../mm/frames";
import { currentProcess } from "../proc/scheduler";
import { PAGE_SIZE, SSIZE_MAX } from "../api/limits";

/** A new anonymous file of size bytes owned by process, every page allocated; referenced, or -ENOMEM. */
const anonFileCreate = (process: number, size: number): number => {
  if (size / PAGE_SIZE > framesCommittable()) return -ENOMEM; // fail at once, not after taking every free page
  const inode: number = inodeAlloc(FS_ANON, 0, S_IFREG | 0o600, euidOf(process), egidOf(process));
  if (inode === 0) return -ENOMEM;
  inodeSetSize(inode, size);
  for (let index: number = 0; index < size / PAGE_SIZE; index++) {
    if (inodeDataPage(inode, index, true) === 0) {
      inodeRelease(inode); // no links, no other reference: frees the pages taken so far
      return -ENOMEM;
    }
  }
  return inode;
};

export const sys$anon_create = (frame: number, size: number, options: number, arg3: number): number => {
  if (size === 0 || size % PAGE_SIZE !== 0 || size > SSIZE_MAX) return -EINVAL;
  const process: number = currentProcess();
  if (fdLowestFree(process, 0) < 0) return -EMFILE;
  const inode: number = anonFileCreate(process, size);
  if (inode < 0) return inode;
  const desc: number = fileOpen(inode, 0, O_RDWR);
  inodeRelease(inode); // the description holds it now (or, without one, it is freed)
  if (desc < 0) return desc;
  return fdAllocate(process, desc, (options & O_CLOEXEC) !== 0 ? FD_CLOEXEC : 0, 0);
};
