// The memory syscalls: mmap, munmap, mprotect, madvise, mremap,
// set_mmap_name, msyscall, get_stack_bounds and purge, with the checks of
// the reference in its order.
//
// File mappings (ramfs, tmpfs and anon_create files): MAP_SHARED maps the
// file's own pages, so stores through the mapping are what read() sees and
// what every other mapper (fork included) sees; MAP_PRIVATE copies the
// file into private pages at mmap time. In both, pages past end of file at
// mmap time are anonymous demand-zero pages, not the file's.
//
// Anonymous memory is committed at mmap (ENOMEM when it cannot be), so its
// faults never run out of memory; MAP_NORESERVE opts out, and a fault
// finding no frame then kills the faulting process only (SIGSEGV).
import {
  MADV_GET_VOLATILE, MADV_SET_NONVOLATILE, MADV_SET_VOLATILE, MAP_ANONYMOUS, MAP_FIXED, MAP_NORESERVE, MAP_PRIVATE,
  MAP_RANDOMIZED, MAP_SHARED, MAP_STACK, PROT_EXEC, PROT_READ, PROT_WRITE,
} from "../api/abi";
import { EACCES, EFAULT, EINVAL, ENAMETOOLONG, ENODEV, ENOMEM, ENOTIMPL, EPERM } from "../api/errno";
import { PROMISE_MAP_FIXED, PROMISE_PROT_EXEC } from "../api/pledge";
import { wordsAddress } from "../arch/i386/io";
import { FRAME_USER_ESP, frameGet } from "../arch/i386/trapframe";
import { FOUR_GIB } from "../boot/multiboot";
import { isReadable, isWritable, descInodeOf } from "../fs/description";
import {
  FS_ANON, FS_PROCFS, inodeDataPage, isDirectory, isRegular, inodeFsOf, inodeSizeOf,
} from "../fs/inode";
import { ramfsTransfer } from "../fs/ramfs";
import { ACCESS_READ, ACCESS_WRITE, permits } from "../fs/vfs";
import { pageDown, pageUp } from "../mm/frames";
import {
  lockSyscallRegions, PROT_MASK, regionEndOf, regionFlagsOf, regionMarkSyscall, regionSetName,
  regionStartOf, REGION_EVER_EXECUTABLE, REGION_EVER_WRITABLE, REGION_MMAP, REGION_SHARED,
  REGION_FILE, REGION_NO_WRITE, REGION_NORESERVE, REGION_STACK, spaceAddRegion, spaceCommitRegion, spaceFillPrivatePage,
  spaceFillRegion, spaceFindFreeRange, spaceFindRegion, spaceRegionFrom, regionNextOf, spaceMapFilePage,
  spaceProtectRegion, spaceRangeFree,
  spaceSplitAt, spaceUnmapRange, syscallRegionsLocked, MMAP_BASE, MMAP_TOP,
} from "../mm/space";
import { copyFromUser, copyToUser, isUserRange, stringFromUser } from "../mm/usercopy";
import { PD_EUID, protectedGet } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { descriptionOf } from "./fs_args";
import { requirePromise } from "./pledge";
import {
  MMAP_PARAMS_ADDR, MMAP_PARAMS_ALIGNMENT, MMAP_PARAMS_BYTES, MMAP_PARAMS_FD, MMAP_PARAMS_FLAGS,
  MMAP_PARAMS_NAME_CHARACTERS, MMAP_PARAMS_NAME_LENGTH, MMAP_PARAMS_OFFSET, MMAP_PARAMS_OFFSET_HIGH,
  MMAP_PARAMS_PROT, MMAP_PARAMS_SIZE, MMAP_PARAMS_WORDS, MREMAP_PARAMS_BYTES,
  MREMAP_PARAMS_OLD_ADDRESS, MREMAP_PARAMS_OLD_SIZE, MREMAP_PARAMS_WORDS, SET_MMAP_NAME_PARAMS_ADDR,
  SET_MMAP_NAME_PARAMS_BYTES, SET_MMAP_NAME_PARAMS_NAME_CHARACTERS,
  SET_MMAP_NAME_PARAMS_NAME_LENGTH, SET_MMAP_NAME_PARAMS_SIZE, SET_MMAP_NAME_PARAMS_WORDS,
} from "../api/layout";
import { PAGE_SIZE, PATH_MAX } from "../api/limits";
import { futexForgetRange } from "../proc/futex";

const mmapParams: Uint32Array = new Uint32Array(MMAP_PARAMS_WORDS);
const mmapName: Uint8Array = new Uint8Array(PATH_MAX);
const nameParams: Uint32Array = new Uint32Array(SET_MMAP_NAME_PARAMS_WORDS);
const mremapParams: Uint32Array = new Uint32Array(MREMAP_PARAMS_WORDS);
// get_stack_bounds' two results, each copied to its own pointer.
const BOUNDS_BASE: number = 0;
const BOUNDS_SIZE: number = 1;
const bounds: Uint32Array = new Uint32Array(2);


/** A pledged process without prot_exec asking for PROT_EXEC dies (the reference's REQUIRE_PROMISE). */
const requireProtExec = (process: number, protection: number): boolean =>
  (protection & PROT_EXEC) === 0 || requirePromise(process, PROMISE_PROT_EXEC);

/** The W^X rules of mmap: no W+X, no X on anonymous memory, a stack is private anonymous RW only. */
const mmapProtectionValid = (protection: number, flags: number): boolean => {
  if ((protection & PROT_WRITE) !== 0 && (protection & PROT_EXEC) !== 0) return false;
  if ((flags & MAP_ANONYMOUS) !== 0 && (protection & PROT_EXEC) !== 0) return false;
  if ((flags & MAP_STACK) !== 0) {
    const readWrite: boolean = (protection & PROT_MASK) === (PROT_READ | PROT_WRITE);
    if (!readWrite || (flags & MAP_PRIVATE) === 0 || (flags & MAP_ANONYMOUS) === 0) return false;
  }
  return true;
};

/** The file offset of SC_mmap_params (an i64; mappableFile has checked it is >= 0). */
const mmapOffset = (): number => mmapParams[MMAP_PARAMS_OFFSET] + mmapParams[MMAP_PARAMS_OFFSET_HIGH] * FOUR_GIB;

/**
 * The description a file mapping maps, after the reference's checks in its
 * order (offset, fd, directory, fd access, inode permissions), or -errno.
 * Only regular ramfs-backed files have pages to map: others are ENODEV.
 */
const mappableFile = (process: number, protection: number, flags: number): number => {
  if (mmapParams[MMAP_PARAMS_OFFSET_HIGH] >= 0x80000000 || mmapParams[MMAP_PARAMS_OFFSET] % PAGE_SIZE !== 0) return -EINVAL;
  const desc: number = descriptionOf(process, mmapParams[MMAP_PARAMS_FD]);
  if (desc < 0) return desc;
  const inode: number = descInodeOf(desc);
  if (isDirectory(inode)) return -ENODEV;
  if (!isReadable(desc)) return -EACCES; // even without PROT_READ
  const sharedWrite: boolean = (flags & MAP_SHARED) !== 0 && (protection & PROT_WRITE) !== 0;
  if (sharedWrite && !isWritable(desc)) return -EACCES;
  if (inodeFsOf(inode) !== FS_ANON) { // an anon_create file has no inode permissions to check
    if ((protection & PROT_READ) !== 0 && !permits(process, inode, ACCESS_READ)) return -EACCES;
    if (sharedWrite && !permits(process, inode, ACCESS_WRITE)) return -EACCES;
  }
  if (!isRegular(inode) || inodeFsOf(inode) === FS_PROCFS) return -ENODEV;
  return desc;
};

/** Region flags a file mapping of desc adds: a shared one of an fd not open for writing never becomes writable. */
const fileRegionFlags = (desc: number, flags: number): number =>
  REGION_FILE | ((flags & MAP_SHARED) !== 0 && !isWritable(desc) ? REGION_NO_WRITE : 0);

/**
 * Fills the new region [start, start + length) from inode at mmapOffset():
 * the file's own pages when shared (holes get pages), private copies
 * otherwise. Pages at or past end of file are left to demand-zero
 * faults. Returns 0 or -ENOMEM.
 */
const mapFilePages = (process: number, region: number, start: number, length: number, inode: number, shared: boolean): number => {
  const offset: number = mmapOffset();
  for (let done: number = 0; done < length && offset + done < inodeSizeOf(inode); done += PAGE_SIZE) {
    if (shared) {
      const page: number = inodeDataPage(inode, (offset + done) / PAGE_SIZE, true);
      if (page === 0 || !spaceMapFilePage(process, region, start + done, page)) return -ENOMEM;
    } else {
      const copy: number = spaceFillPrivatePage(process, region, start + done);
      if (copy === 0) return -ENOMEM;
      ramfsTransfer(inode, offset + done, -1, copy, PAGE_SIZE, false); // stops at end of file: the rest stays zero
    }
  }
  return 0;
};

export const sys$mmap = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(mmapParams), paramsAddress, MMAP_PARAMS_BYTES) < 0) return -EFAULT;
  const address: number = mmapParams[MMAP_PARAMS_ADDR];
  const size: number = mmapParams[MMAP_PARAMS_SIZE];
  const alignment: number = mmapParams[MMAP_PARAMS_ALIGNMENT] === 0 ? PAGE_SIZE : mmapParams[MMAP_PARAMS_ALIGNMENT];
  const protection: number = mmapParams[MMAP_PARAMS_PROT];
  const flags: number = mmapParams[MMAP_PARAMS_FLAGS];
  if (alignment % PAGE_SIZE !== 0) return -EINVAL;
  const length: number = pageUp(size);
  if (length >= FOUR_GIB) return -EINVAL;
  if (!isUserRange(address, length)) return -EFAULT;
  let nameLength: number = 0;
  if (mmapParams[MMAP_PARAMS_NAME_CHARACTERS] !== 0) {
    if (mmapParams[MMAP_PARAMS_NAME_LENGTH] > PATH_MAX) return -ENAMETOOLONG;
    nameLength = stringFromUser(process, mmapName, mmapParams[MMAP_PARAMS_NAME_CHARACTERS], mmapParams[MMAP_PARAMS_NAME_LENGTH]);
    if (nameLength < 0) return -EFAULT;
  }
  if (size === 0 || address % PAGE_SIZE !== 0) return -EINVAL;
  if (((flags & MAP_SHARED) !== 0) === ((flags & MAP_PRIVATE) !== 0)) return -EINVAL;
  if ((flags & MAP_FIXED) !== 0 && (flags & MAP_RANDOMIZED) !== 0) return -EINVAL;
  if (!mmapProtectionValid(protection, flags)) return -EINVAL;
  if (!requireProtExec(process, protection)) return -EPERM;
  // map_fixed is checked against the flags (the reference tested prot, so it never applied).
  if ((flags & MAP_FIXED) !== 0 && !requirePromise(process, PROMISE_MAP_FIXED)) return -EPERM;
  // The file checks come before the range is chosen (the reference picks the range first): a failing
  // MAP_FIXED file mapping then leaves the old mapping in place.
  const desc: number = (flags & MAP_ANONYMOUS) !== 0 ? 0 : mappableFile(process, protection, flags);
  if (desc < 0) return desc;
  let start: number = address;
  const stack: boolean = (flags & MAP_STACK) !== 0;
  if ((flags & MAP_FIXED) !== 0) {
    if (!spaceSplitAt(process, start, start + length)) return -ENOMEM;
    spaceUnmapRange(process, start, start + length);
  } else if (start === 0 || start % alignment !== 0 || !spaceRangeFree(process, start, start + length, stack)) {
    start = spaceFindFreeRange(process, length, alignment, MMAP_BASE, MMAP_TOP, stack);
    if (start === 0) return -ENOMEM;
  }
  const regionFlags: number = (protection & PROT_MASK) | REGION_MMAP | ((flags & MAP_SHARED) !== 0 ? REGION_SHARED : 0) |
    ((flags & MAP_STACK) !== 0 ? REGION_STACK : 0) | ((flags & MAP_NORESERVE) !== 0 ? REGION_NORESERVE : 0) |
    (desc !== 0 ? fileRegionFlags(desc, flags) : 0);
  const region: number = spaceAddRegion(process, start, start + length, regionFlags);
  if (region < 0) return -ENOMEM;
  if (nameLength > 0) regionSetName(region, mmapName, nameLength);
  const populated: boolean = desc !== 0
    ? mapFilePages(process, region, start, length, descInodeOf(desc), (flags & MAP_SHARED) !== 0) >= 0
    : (flags & MAP_SHARED) !== 0 ? spaceFillRegion(process, region)
    : (flags & MAP_NORESERVE) !== 0 || spaceCommitRegion(region);
  if (!populated) {
    spaceUnmapRange(process, start, start + length);
    return -ENOMEM;
  }
  return start;
};

/** Page-expands [address, address + size): 0, or -EINVAL / -EFAULT per the reference. Result in rangeStart/rangeEnd. */
let rangeStart: number = 0;
let rangeEnd: number = 0;
const expandRange = (address: number, size: number): number => {
  rangeStart = pageDown(address);
  rangeEnd = pageUp(address + size);
  if (rangeEnd >= FOUR_GIB || address + size < address) return -EINVAL;
  if (rangeEnd <= rangeStart) return -EINVAL;
  if (!isUserRange(rangeStart, rangeEnd - rangeStart)) return -EFAULT;
  return 0;
};

/**
 * -EPERM when a region touching [start, end) was not made by mmap, else 0.
 * The range checks walk the regions overlapping the range, not its pages: a range may span 3 GiB.
 */
const onlyMmapRegions = (process: number, start: number, end: number): number => {
  for (let region: number = spaceRegionFrom(process, start); region >= 0 && regionStartOf(region) < end; region = regionNextOf(region)) {
    if ((regionFlagsOf(region) & REGION_MMAP) === 0) return -EPERM;
  }
  return 0;
};

export const sys$munmap = (frame: number, address: number, size: number, arg3: number): number => {
  if (size === 0) return -EINVAL;
  const status: number = expandRange(address, size);
  if (status < 0) return status;
  const process: number = currentProcess();
  const permitted: number = onlyMmapRegions(process, rangeStart, rangeEnd);
  if (permitted < 0) return permitted;
  if (!spaceSplitAt(process, rangeStart, rangeEnd)) return -ENOMEM;
  spaceUnmapRange(process, rangeStart, rangeEnd);
  futexForgetRange(process, rangeStart, rangeEnd);
  return 0;
};

/** The W^X history rules of mprotect for one region. */
const mprotectAllowed = (region: number, protection: number): boolean => {
  const flags: number = regionFlagsOf(region);
  if ((protection & PROT_WRITE) !== 0 && (protection & PROT_EXEC) !== 0) return false;
  if ((protection & PROT_EXEC) !== 0 && (flags & REGION_FILE) === 0) return false; // anonymous memory is never executable
  if ((protection & PROT_WRITE) !== 0 && (flags & REGION_EVER_EXECUTABLE) !== 0) return false;
  if ((protection & PROT_EXEC) !== 0 && (flags & REGION_EVER_WRITABLE) !== 0) return false;
  return true;
};

export const sys$mprotect = (frame: number, address: number, size: number, protection: number): number => {
  const status: number = expandRange(address, size);
  if (status < 0) return status;
  const process: number = currentProcess();
  if (!requireProtExec(process, protection)) return -EPERM;
  let coveredBytes: number = 0; // regions never overlap each other
  for (let region: number = spaceRegionFrom(process, rangeStart); region >= 0 && regionStartOf(region) < rangeEnd; region = regionNextOf(region)) {
    coveredBytes += Math.min(regionEndOf(region), rangeEnd) - Math.max(regionStartOf(region), rangeStart);
    if ((regionFlagsOf(region) & REGION_MMAP) === 0) return -EPERM;
    if (!mprotectAllowed(region, protection)) return -EINVAL;
    if ((protection & PROT_WRITE) !== 0 && (regionFlagsOf(region) & REGION_NO_WRITE) !== 0) return -EACCES;
  }
  if (coveredBytes === 0) return -EINVAL;
  if (coveredBytes !== rangeEnd - rangeStart) return -ENOMEM;
  if (!spaceSplitAt(process, rangeStart, rangeEnd)) return -ENOMEM;
  for (let region: number = spaceRegionFrom(process, rangeStart); region >= 0 && regionStartOf(region) < rangeEnd; region = regionNextOf(region)) {
    spaceProtectRegion(process, region, protection & PROT_MASK);
  }
  return 0;
};

/** The region matching [rangeStart, rangeEnd) exactly, -EINVAL when none does, -EPERM when it is not an mmap region. */
const exactMmapRegion = (process: number): number => {
  const region: number = spaceFindRegion(process, rangeStart);
  if (region < 0 || regionStartOf(region) !== rangeStart || regionEndOf(region) !== rangeEnd) return -EINVAL;
  if ((regionFlagsOf(region) & REGION_MMAP) === 0) return -EPERM;
  return region;
};

export const sys$madvise = (frame: number, address: number, size: number, advice: number): number => {
  const status: number = expandRange(address, size);
  if (status < 0) return status;
  const region: number = exactMmapRegion(currentProcess());
  if (region < 0) return region;
  if ((advice & MADV_SET_VOLATILE) !== 0 && (advice & MADV_SET_NONVOLATILE) !== 0) return -EINVAL;
  // No memory is purgeable yet (no MAP_PURGEABLE mappings), so the volatile advice has nothing to act on.
  if (advice === MADV_SET_VOLATILE || advice === MADV_SET_NONVOLATILE || advice === MADV_GET_VOLATILE) return -EPERM;
  return -EINVAL;
};

export const sys$mremap = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(mremapParams), paramsAddress, MREMAP_PARAMS_BYTES) < 0) return -EFAULT;
  const status: number = expandRange(mremapParams[MREMAP_PARAMS_OLD_ADDRESS], mremapParams[MREMAP_PARAMS_OLD_SIZE]);
  if (status < 0) return -EINVAL;
  const region: number = exactMmapRegion(process);
  if (region < 0) return region;
  return -ENOTIMPL; // the one supported case needs a shared inode mapping: none exists before the VFS
};

export const sys$set_mmap_name = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(nameParams), paramsAddress, SET_MMAP_NAME_PARAMS_BYTES) < 0) return -EFAULT;
  if (nameParams[SET_MMAP_NAME_PARAMS_NAME_LENGTH] > PATH_MAX) return -ENAMETOOLONG;
  const nameLength: number = stringFromUser(process, mmapName, nameParams[SET_MMAP_NAME_PARAMS_NAME_CHARACTERS], nameParams[SET_MMAP_NAME_PARAMS_NAME_LENGTH]);
  if (nameLength < 0) return -EFAULT;
  const status: number = expandRange(nameParams[SET_MMAP_NAME_PARAMS_ADDR], nameParams[SET_MMAP_NAME_PARAMS_SIZE]);
  if (status < 0) return status;
  const region: number = exactMmapRegion(process);
  if (region < 0) return region;
  regionSetName(region, mmapName, nameLength);
  return 0;
};

export const sys$msyscall = (frame: number, address: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (syscallRegionsLocked(process)) return -EPERM;
  if (address === 0) {
    lockSyscallRegions(process);
    return 0;
  }
  if (!isUserRange(address, 1)) return -EFAULT;
  const region: number = spaceFindRegion(process, address);
  if (region < 0 || (regionFlagsOf(region) & REGION_MMAP) === 0) return -EINVAL;
  regionMarkSyscall(region);
  return 0;
};

export const sys$get_stack_bounds = (frame: number, baseAddress: number, sizeAddress: number, arg3: number): number => {
  const process: number = currentProcess();
  const region: number = spaceFindRegion(process, frameGet(frame, FRAME_USER_ESP));
  if (region < 0) return -EFAULT;
  bounds[BOUNDS_BASE] = regionStartOf(region);
  bounds[BOUNDS_SIZE] = regionEndOf(region) - regionStartOf(region);
  if (copyToUser(process, baseAddress, wordsAddress(bounds) + BOUNDS_BASE * 4, 4) < 0) return -EFAULT;
  return copyToUser(process, sizeAddress, wordsAddress(bounds) + BOUNDS_SIZE * 4, 4) < 0 ? -EFAULT : 0;
};

/** Returns the number of pages purged: none can be, since neither volatile memory nor clean inode pages exist yet. */
export const sys$purge = (frame: number, mode: number, arg2: number, arg3: number): number => {
  if (protectedGet(currentProcess(), PD_EUID) !== 0) return -EPERM;
  return 0;
};
