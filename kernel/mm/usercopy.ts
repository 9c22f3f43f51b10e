// Moving bytes across the user/kernel boundary with the reference's rules:
// a range is user memory only when it does not wrap and both its start and
// its end lie strictly below USER_RANGE_CEILING; every page is looked up
// (and faulted in, copy-on-write broken) in software through the current
// process's space, so a bad pointer is EFAULT and never a kernel fault.
// Kernel buffers are plain addresses (see bytesAddress in arch/i386/io).
import { bytesAddress, copyBytes, peek32 } from "../arch/i386/io";
import { EFAULT, EINVAL, ENAMETOOLONG } from "../api/errno";
import { physToVirt, PTE_PRESENT, PTE_WRITABLE, walkpgdir } from "./paging";
import { spacePageDirectory, spaceResolveFault, USER_RANGE_CEILING } from "./space";
import { PAGE_SIZE, PATH_MAX } from "../api/limits";

const FOUR_GIB_WORDS: number = 4294967296;

/** The reference's is_user_range: no wrap, start and end strictly below the ceiling. */
export const isUserRange = (address: number, size: number): boolean => {
  if (address < 0 || size < 0 || address + size >= FOUR_GIB_WORDS) return false;
  return address < USER_RANGE_CEILING && address + size < USER_RANGE_CEILING;
};

/**
 * Kernel address of the byte at user address in slot's space, faulting the
 * page in (for writing, breaking copy-on-write) when needed; 0 when the
 * page cannot be had.
 */
const userByteAddress = (slot: number, address: number, write: boolean): number => {
  const directory: number = spacePageDirectory(slot);
  let pte: number = walkpgdir(directory, address, false);
  let entry: number = pte === 0 ? 0 : peek32(pte);
  const usable: boolean = (entry & PTE_PRESENT) !== 0 && (!write || (entry & PTE_WRITABLE) !== 0);
  if (!usable) {
    if (!spaceResolveFault(slot, address, write)) return 0;
    pte = walkpgdir(directory, address, false);
    entry = peek32(pte);
  }
  return physToVirt((entry & 0xfffff000) >>> 0) + (address & 0xfff);
};

/** Copies size bytes between user memory of slot's space and a kernel address, page by page. 0 or -EFAULT. */
const copyUser = (slot: number, user: number, kernel: number, size: number, toUser: boolean): number => {
  if (!isUserRange(user, size)) return -EFAULT;
  let done: number = 0;
  while (done < size) {
    const chunk: number = Math.min(size - done, PAGE_SIZE - ((user + done) & 0xfff));
    const mapped: number = userByteAddress(slot, user + done, toUser);
    if (mapped === 0) return -EFAULT;
    if (toUser) copyBytes(mapped, kernel + done, chunk);
    else copyBytes(kernel + done, mapped, chunk);
    done += chunk;
  }
  return 0;
};

/**
 * Whether all of the user range [address, address + size) of slot's space
 * can be read (its pages faulted in): a call that acts on its whole
 * argument or not at all checks this before it acts on the first byte.
 */
export const isUserRangeReadable = (slot: number, address: number, size: number): boolean => {
  if (!isUserRange(address, size)) return false;
  for (let page: number = address - (address & 0xfff); page < address + size; page += PAGE_SIZE) {
    if (userByteAddress(slot, page, false) === 0) return false;
  }
  return true;
};

/** Copies size bytes from user address source (slot's space) to a kernel address. 0 or -EFAULT. */
export const copyFromUser = (slot: number, destination: number, source: number, size: number): number =>
  copyUser(slot, source, destination, size, false);

/** Copies size bytes from a kernel address to user address destination. 0 or -EFAULT. */
export const copyToUser = (slot: number, destination: number, source: number, size: number): number =>
  copyUser(slot, destination, source, size, true);

/** Copies a (pointer, length) string into out, stopping at a NUL; returns its length or -EFAULT. */
export const stringFromUser = (slot: number, out: Uint8Array, address: number, length: number): number => {
  if (length > out.length) return -EFAULT;
  const status: number = copyFromUser(slot, bytesAddress(out), address, length);
  if (status < 0) return status;
  for (let i: number = 0; i < length; i++) {
    if (out[i] === 0) return i;
  }
  return length;
};

/**
 * A path argument (pointer, length) copied into out with the reference's
 * rules: length 0 → EINVAL, longer than PATH_MAX → ENAMETOOLONG, bad range
 * → EFAULT; the copy stops at a NUL. Returns the length or -errno.
 */
export const pathFromUser = (slot: number, out: Uint8Array, address: number, length: number): number => {
  if (length === 0) return -EINVAL;
  if (length > PATH_MAX) return -ENAMETOOLONG;
  return stringFromUser(slot, out, address, length);
};
