// Argument handling shared by the file syscalls: path arguments, dirfd
// bases and fd lookups. Each returns a value or -errno the handler passes
// straight on.
import { AT_FDCWD } from "../api/abi";
import { EBADF, ENOTDIR } from "../api/errno";
import { fdDescription, procCwdOf, descInodeOf } from "../fs/description";
import { isDirectory } from "../fs/inode";
import { pathFromUser } from "../mm/usercopy";
import { PATH_MAX } from "../api/limits";

/** The first path argument of a syscall and a second one (link, rename, symlink). */
export const pathArgument: Uint8Array = new Uint8Array(PATH_MAX);
export const secondPathArgument: Uint8Array = new Uint8Array(PATH_MAX);

/** Copies the path (address, length) into pathArgument; its length or -errno (EINVAL, ENAMETOOLONG, EFAULT). */
export const copyPath = (process: number, address: number, length: number): number =>
  pathFromUser(process, pathArgument, address, length);

/** True when the path argument copied in is absolute. */
export const pathArgumentAbsolute = (): boolean => pathArgument[0] === 47;

/** The description fd names in process, or -EBADF. */
export const descriptionOf = (process: number, fd: number): number => {
  const desc: number = fdDescription(process, fd);
  return desc === 0 ? -EBADF : desc;
};

/** The directory a dirfd argument stands for: the cwd for AT_FDCWD, else a directory fd (EBADF, ENOTDIR). */
export const baseDirectory = (process: number, dirfd: number): number => {
  if (dirfd === AT_FDCWD) return procCwdOf(process);
  const desc: number = descriptionOf(process, dirfd);
  if (desc < 0) return desc;
  return isDirectory(descInodeOf(desc)) ? descInodeOf(desc) : -ENOTDIR;
};
