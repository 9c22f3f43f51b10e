// User address spaces: a page-table root per process (its kernel half is
// the shared kernel page tables, mm/paging) and a list of regions. User pages are
// mapped on demand (zero-filled) or copy-on-write after fork; every user
// frame carries a reference count so shared frames are freed once.
// Anonymous memory is committed (mm/frames.ts): a region holds a promise
// of a frame for each page it has not faulted in yet, and a private frame
// shared copy-on-write holds one for each copy its sharers may still make.
// Spaces are indexed by process slot. User frames come from lowmem, where
// the kernel reaches them through the direct map.
//
// A space's regions never overlap. They are kept twice over the same slots:
// a list in address order (regionPrev/regionNext) and a treap keyed by
// start (regionLeft/regionRight, priorities fixed per slot at boot), each
// node also holding the largest free gap below any region of its subtree
// (regionGap). Lookup by address, insertion and removal cost O(log n) in
// the space's region count n, and the lowest free range for mmap is found
// by descending only into subtrees whose gap is large enough. The two
// lookups every syscall makes (esp, eip) hit a two-entry cache.
import { invlpg, KERNEL_BASE, readCr3, writeCr3 } from "../arch/i386/cpu";
import { copyBytes, fillBytes, peek32, poke32 } from "../arch/i386/io";
import {
  frameAllocBeyondReserve, frameAllocCommitted, frameFree, framesCommit, framesUncommit,
} from "./frames";
import { kpageForget, kpageFree } from "./kheap";
import {
  ADDRESS_MASK, LOWMEM_LIMIT, mapPage, nextUserTable, pageTableAt, physToVirt, PTE_EXECUTABLE, PTE_PRESENT, pteBytes, pteSet, PTE_USER,
  PTE_WRITABLE, rootCreate, rootFree, tableSpan, userTableCount, walkpgdir,
} from "./paging";
import { MAX_PROCESSES } from "../lib/limits";
import { PROT_EXEC, PROT_READ, PROT_WRITE } from "../api/abi";
import { PAGE_SIZE } from "../api/limits";

export const PROT_MASK: number = PROT_READ | PROT_WRITE | PROT_EXEC;
export const REGION_STACK: number = 0x100; // MAP_STACK or the main stack: syscalls need esp here
export const REGION_MMAP: number = 0x200; // made by mmap: munmap, mprotect and friends may change it
export const REGION_SHARED: number = 0x400; // MAP_SHARED: fork shares it writable, no copy-on-write
export const REGION_EVER_WRITABLE: number = 0x800; // W^X history for mprotect
export const REGION_EVER_EXECUTABLE: number = 0x1000;
export const REGION_SYSCALL: number = 0x2000; // msyscall: int 0x82 allowed from here
export const REGION_FILE: number = 0x4000; // mmap of a file: PROT_EXEC is allowed (W^X history permitting)
export const REGION_NO_WRITE: number = 0x8000; // MAP_SHARED of an fd not open for writing: mprotect may not add PROT_WRITE
export const REGION_NORESERVE: number = 0x10000; // MAP_NORESERVE: nothing committed, not even fork's copies
export const REGION_NAME_BYTES: number = 64;
/**
 * A PTE software bit: the page has a frame but is not accessible (PROT_NONE); the frame is kept.
 * The walks of whole tables test an entry for 0 before they mask it with PTE_PRESENT | PTE_KEPT,
 * written out in each loop: most entries are 0, the mask costs FPU conversions while porffor
 * computes in f64, and a shared predicate would be a call per entry (gcc does not inline
 * porffor's functions), which made fork+exit+wait a quarter slower.
 */
const PTE_KEPT: number = 0x200;
export const USER_RANGE_CEILING: number = 0xbe000000;
/** Where mappings whose address the kernel picks go: above the program, below the main stack. */
export const MMAP_BASE: number = 0x20000000;
export const MMAP_TOP: number = 0xbc000000;
const MAX_VM_REGIONS: number = 16384;

const spaceDirectory: Uint32Array = new Uint32Array(MAX_PROCESSES);
const spaceRegions: Int32Array = new Int32Array(MAX_PROCESSES); // lowest region
const spaceTree: Int32Array = new Int32Array(MAX_PROCESSES); // treap root
const spaceHit: Int32Array = new Int32Array(MAX_PROCESSES); // the last region found by address
const spaceHitBefore: Int32Array = new Int32Array(MAX_PROCESSES); // the one found before it
// The stack region spaceIsStack found last: the syscall entry checks esp on every call, apart from
// the eip lookups that share spaceHit, so each finds its region with one comparison.
const spaceStackHit: Int32Array = new Int32Array(MAX_PROCESSES);
const regionStart: Uint32Array = new Uint32Array(MAX_VM_REGIONS);
const regionEnd: Uint32Array = new Uint32Array(MAX_VM_REGIONS);
const regionFlags: Uint32Array = new Uint32Array(MAX_VM_REGIONS);
// Links are region slots or -1: 16 bits hold them (MAX_VM_REGIONS < 32768) at half the heap.
const regionNext: Int16Array = new Int16Array(MAX_VM_REGIONS); // address order; the free list's link for free slots
const regionPrev: Int16Array = new Int16Array(MAX_VM_REGIONS);
const regionLeft: Int16Array = new Int16Array(MAX_VM_REGIONS);
const regionRight: Int16Array = new Int16Array(MAX_VM_REGIONS);
const regionPriority: Uint16Array = new Uint16Array(MAX_VM_REGIONS);
const regionGap: Uint32Array = new Uint32Array(MAX_VM_REGIONS); // the largest free gap below a region of the subtree (pull)
const regionName: Uint8Array = new Uint8Array(MAX_VM_REGIONS * REGION_NAME_BYTES);
const regionNameLength: Uint8Array = new Uint8Array(MAX_VM_REGIONS);
const syscallRegionsEnforced: Uint8Array = new Uint8Array(MAX_PROCESSES);
// Committed frames a region's pages without a frame will take (0 for an uncommitted region).
const regionCommitted: Uint32Array = new Uint32Array(MAX_VM_REGIONS);
let freeRegion: number = -1;
let unusedRegions: number = 0; // slots from here up were never used, and are on no list
let priorityState: number = 0x2545f491;
// Every frame a space maps comes from below LOWMEM_LIMIT (the direct map).
const frameRefs: Uint16Array = new Uint16Array(LOWMEM_LIMIT / PAGE_SIZE);
// Committed copies of a private copy-on-write frame, at most its references less one.
const cowCommitted: Uint16Array = new Uint16Array(LOWMEM_LIMIT / PAGE_SIZE);

/**
 * A region slot never used before, with its treap priority, or -1 when
 * every slot has been: slots are handed out in order as first needed, so
 * the boot links and seeds none of them.
 */
const regionFresh = (): number => {
  if (unusedRegions === MAX_VM_REGIONS) return -1;
  priorityState = (priorityState ^ (priorityState << 13)) >>> 0; // xorshift32: any spread of priorities keeps the treap balanced
  priorityState = (priorityState ^ (priorityState >>> 17)) >>> 0;
  priorityState = (priorityState ^ (priorityState << 5)) >>> 0;
  regionPriority[unusedRegions] = priorityState & 0xffff;
  unusedRegions++;
  return unusedRegions - 1;
};

/** The physical page-table root of slot's space (what CR3 holds while it runs). */
export const spacePageDirectory = (slot: number): number => spaceDirectory[slot];

/** A zeroed user frame with one reference, or 0: taken from a commitment when committed, else from beyond the reserve. */
const userFrameAlloc = (committed: boolean): number => {
  const frame: number = committed ? frameAllocCommitted(LOWMEM_LIMIT) : frameAllocBeyondReserve(LOWMEM_LIMIT);
  if (frame === 0) return 0;
  fillBytes(physToVirt(frame), 0, PAGE_SIZE);
  frameRefs[frame / PAGE_SIZE] = 1;
  return frame;
};

/** A zeroed frame for a page of region that has none: from region's commitment while it has one. */
const regionFrameAlloc = (region: number): number => {
  if (regionCommitted[region] === 0) return userFrameAlloc(false);
  const frame: number = userFrameAlloc(true);
  if (frame !== 0) regionCommitted[region]--;
  return frame;
};

/** Drops one reference to a user frame, with a copy it no longer needs committed, and frees the frame with the last. */
const userFrameRelease = (frame: number): void => {
  const index: number = frame / PAGE_SIZE;
  frameRefs[index]--;
  if (cowCommitted[index] > 0 && cowCommitted[index] >= frameRefs[index]) {
    cowCommitted[index]--;
    framesUncommit(1);
  }
  if (frameRefs[index] === 0) frameFree(frame);
};

/** Makes an empty space for slot: no user mappings, the shared kernel half. False when memory is out. */
export const spaceCreate = (slot: number): boolean => {
  const root: number = rootCreate();
  if (root === 0) return false;
  spaceDirectory[slot] = root;
  forgetRegions(slot);
  return true;
};

/** Empties slot's region list, tree and lookup cache (the slots are the caller's to free). */
const forgetRegions = (slot: number): void => {
  spaceRegions[slot] = -1;
  spaceTree[slot] = -1;
  spaceHit[slot] = -1;
  spaceHitBefore[slot] = -1;
  spaceStackHit[slot] = -1;
};

/** Adds the region [start, end) (page-aligned) with protection and flags; returns its index, or -1 when no region slot is left. */
export const spaceAddRegion = (slot: number, start: number, end: number, flags: number): number => {
  const region: number = freeRegion >= 0 ? freeRegion : regionFresh();
  if (region < 0) return -1;
  if (region === freeRegion) freeRegion = regionNext[region];
  regionStart[region] = start;
  regionEnd[region] = end;
  regionFlags[region] = flags | ((flags & PROT_WRITE) !== 0 ? REGION_EVER_WRITABLE : 0) | ((flags & PROT_EXEC) !== 0 ? REGION_EVER_EXECUTABLE : 0);
  regionNameLength[region] = 0;
  regionCommitted[region] = 0;
  linkRegion(slot, region);
  return region;
};

// The treap. Nodes are ordered by start, ties by slot index, so every node
// has one place even should two regions ever share a start.

/** True when region a comes before region b in address order. */
const before = (a: number, b: number): boolean =>
  regionStart[a] < regionStart[b] || (regionStart[a] === regionStart[b] && a < b);

/**
 * Recomputes node's subtree gap: the largest of its children's and its
 * own, the free bytes between it (its guard gap excluded) and the region
 * below it (from address 0 for the lowest).
 */
const pull = (node: number): void => {
  const below: number = regionPrev[node];
  const left: number = regionLeft[node];
  const right: number = regionRight[node];
  regionGap[node] = Math.max(claimStart(node) - (below < 0 ? 0 : regionEnd[below]), 0,
    left < 0 ? 0 : regionGap[left], right < 0 ? 0 : regionGap[right]);
};

/** Lifts node's child on side (regionLeft or regionRight; other is the other side) above node; returns it. */
const rotate = (node: number, side: Int16Array, other: Int16Array): number => {
  const top: number = side[node];
  side[node] = other[top];
  other[top] = node;
  pull(node);
  pull(top);
  return top;
};

/** Inserts region into the subtree at node; returns the subtree's new root. */
const treeInsert = (node: number, region: number): number => {
  if (node < 0) {
    regionLeft[region] = -1;
    regionRight[region] = -1;
    pull(region);
    return region;
  }
  if (before(region, node)) {
    regionLeft[node] = treeInsert(regionLeft[node], region);
    if (regionPriority[regionLeft[node]] > regionPriority[node]) return rotate(node, regionLeft, regionRight);
  } else {
    regionRight[node] = treeInsert(regionRight[node], region);
    if (regionPriority[regionRight[node]] > regionPriority[node]) return rotate(node, regionRight, regionLeft);
  }
  pull(node);
  return node;
};

/** Joins two subtrees, every node of low before every node of high; returns the root. */
const treeMerge = (low: number, high: number): number => {
  if (low < 0) return high;
  if (high < 0) return low;
  if (regionPriority[low] > regionPriority[high]) {
    regionRight[low] = treeMerge(regionRight[low], high);
    pull(low);
    return low;
  }
  regionLeft[high] = treeMerge(low, regionLeft[high]);
  pull(high);
  return high;
};

/** Removes region from the subtree at node; returns the subtree's new root. */
const treeRemove = (node: number, region: number): number => {
  if (node === region) return treeMerge(regionLeft[node], regionRight[node]);
  if (before(region, node)) regionLeft[node] = treeRemove(regionLeft[node], region);
  else regionRight[node] = treeRemove(regionRight[node], region);
  pull(node);
  return node;
};

/** Recomputes the gaps on the path from node down to region (whose gap below changed). */
const treeRefresh = (node: number, region: number): void => {
  if (node < 0) return;
  if (node !== region) treeRefresh(before(region, node) ? regionLeft[node] : regionRight[node], region);
  pull(node);
};

/** The last region of slot's space starting at or below address, or -1. */
const regionAtOrBelow = (slot: number, address: number): number => {
  let best: number = -1;
  let node: number = spaceTree[slot];
  while (node >= 0) {
    if (regionStart[node] <= address) {
      best = node;
      node = regionRight[node];
    } else node = regionLeft[node];
  }
  return best;
};

/** Puts a new region into slot's list and tree. */
const linkRegion = (slot: number, region: number): void => {
  let below: number = -1;
  let node: number = spaceTree[slot];
  while (node >= 0) {
    if (before(node, region)) {
      below = node;
      node = regionRight[node];
    } else node = regionLeft[node];
  }
  const above: number = below < 0 ? spaceRegions[slot] : regionNext[below];
  regionPrev[region] = below;
  regionNext[region] = above;
  if (below < 0) spaceRegions[slot] = region;
  else regionNext[below] = region;
  if (above >= 0) regionPrev[above] = region;
  spaceTree[slot] = treeInsert(spaceTree[slot], region);
  if (above >= 0) treeRefresh(spaceTree[slot], above);
};

/** The region of slot's space containing address, or -1, leaving the cache alone (for mmap's own lookups). */
const regionContaining = (slot: number, address: number): number => {
  const region: number = regionAtOrBelow(slot, address);
  return region >= 0 && address < regionEnd[region] ? region : -1;
};

/** The region of slot's space containing address, or -1. */
export const spaceFindRegion = (slot: number, address: number): number => {
  const hit: number = spaceHit[slot];
  if (hit >= 0 && address >= regionStart[hit] && address < regionEnd[hit]) return hit;
  const hitBefore: number = spaceHitBefore[slot];
  if (hitBefore >= 0 && address >= regionStart[hitBefore] && address < regionEnd[hitBefore]) {
    spaceHitBefore[slot] = hit;
    spaceHit[slot] = hitBefore;
    return hitBefore;
  }
  const region: number = regionContaining(slot, address);
  if (region < 0) return -1;
  spaceHitBefore[slot] = hit;
  spaceHit[slot] = region;
  return region;
};

/** The lowest region of slot's space ending above address, or -1; regionNextOf walks on upwards. */
export const spaceRegionFrom = (slot: number, address: number): number => {
  const region: number = regionAtOrBelow(slot, address);
  if (region < 0) return spaceRegions[slot];
  return regionEnd[region] > address ? region : regionNext[region];
};

/** The lowest region of slot's space, or -1; regionNextOf walks on upwards. */
export const spaceFirstRegion = (slot: number): number => spaceDirectory[slot] === 0 ? -1 : spaceRegions[slot];
export const regionNextOf = (region: number): number => regionNext[region];

/** Copies a region's name into out; returns its length. */
export const regionNameInto = (region: number, out: Uint8Array): number => {
  for (let i: number = 0; i < regionNameLength[region]; i++) out[i] = regionName[region * REGION_NAME_BYTES + i];
  return regionNameLength[region];
};

export const regionFlagsOf = (region: number): number => regionFlags[region];
export const regionStartOf = (region: number): number => regionStart[region];
export const regionEndOf = (region: number): number => regionEnd[region];

/** Sets a region's name (up to REGION_NAME_BYTES bytes of name[0..length)). */
export const regionSetName = (region: number, name: Uint8Array, length: number): void => {
  const kept: number = Math.min(length, REGION_NAME_BYTES);
  for (let i: number = 0; i < kept; i++) regionName[region * REGION_NAME_BYTES + i] = name[i];
  regionNameLength[region] = kept;
};

/** Marks a region as one int 0x82 may come from (msyscall). */
export const regionMarkSyscall = (region: number): void => {
  regionFlags[region] = (regionFlags[region] | REGION_SYSCALL) >>> 0;
};

/** True once msyscall(NULL) locked syscalls to syscall regions in slot's space. */
export const syscallRegionsLocked = (slot: number): boolean => syscallRegionsEnforced[slot] !== 0;

/** Locks syscalls to syscall regions (msyscall(NULL)); execve unlocks (a new space starts unlocked). */
export const lockSyscallRegions = (slot: number): void => {
  syscallRegionsEnforced[slot] = 1;
};

/**
 * PTE bits for a present user page of region: writable unless the frame is
 * shared copy-on-write, executable only when the region has PROT_EXEC (NX
 * otherwise, where the processor has it), so the page tables hold W^X as
 * the region flags do.
 */
const pteFlagsFor = (region: number, frame: number): number => {
  const flags: number = regionFlags[region];
  const writable: boolean = (flags & PROT_WRITE) !== 0 && (frameRefs[frame / PAGE_SIZE] === 1 || (flags & REGION_SHARED) !== 0);
  return PTE_USER | (writable ? PTE_WRITABLE : 0) | ((flags & PROT_EXEC) !== 0 ? PTE_EXECUTABLE : 0);
};

/**
 * Resolves a user fault at address: maps a zeroed page where the region
 * has none, brings back a page kept through PROT_NONE, or breaks
 * copy-on-write sharing on a write. False when the access is not allowed
 * (no region, or its protection forbids it) or memory is out: the caller
 * turns that into SIGSEGV or EFAULT.
 */
export const spaceResolveFault = (slot: number, address: number, write: boolean): boolean => {
  const region: number = spaceFindRegion(slot, address);
  if (region < 0) return false;
  const flags: number = regionFlags[region];
  if (write && (flags & PROT_WRITE) === 0) return false;
  if (!write && (flags & (PROT_READ | PROT_EXEC)) === 0) return false;
  const page: number = (address & ADDRESS_MASK) >>> 0;
  const directory: number = spaceDirectory[slot];
  const pte: number = walkpgdir(directory, page, true);
  if (pte === 0) return false;
  const entry: number = peek32(pte);
  if ((entry & (PTE_PRESENT | PTE_KEPT)) === 0) {
    const fresh: number = regionFrameAlloc(region);
    return fresh !== 0 && mapPage(directory, page, fresh, pteFlagsFor(region, fresh));
  }
  const frame: number = (entry & ADDRESS_MASK) >>> 0;
  if ((entry & PTE_PRESENT) !== 0 && (!write || (entry & PTE_WRITABLE) !== 0)) return false; // the PTE allowed it: not ours
  // A page kept through PROT_NONE coming back, or a write to a read-only PTE of a writable region.
  if (!write || frameRefs[frame / PAGE_SIZE] === 1 || (flags & REGION_SHARED) !== 0) {
    return mapPage(directory, page, frame, pteFlagsFor(region, frame));
  }
  const committed: boolean = cowCommitted[frame / PAGE_SIZE] > 0;
  const copy: number = committed ? frameAllocCommitted(LOWMEM_LIMIT) : frameAllocBeyondReserve(LOWMEM_LIMIT);
  if (copy === 0) return false;
  if (committed) cowCommitted[frame / PAGE_SIZE]--;
  copyBytes(physToVirt(copy), physToVirt(frame), PAGE_SIZE);
  frameRefs[copy / PAGE_SIZE] = 1;
  userFrameRelease(frame);
  return mapPage(directory, page, copy, pteFlagsFor(region, copy));
};

/** Points page of slot's space at frame with region's protection (PROT_NONE keeps the frame unmapped). */
const installFrame = (slot: number, region: number, page: number, frame: number): boolean => {
  const pte: number = walkpgdir(spaceDirectory[slot], page, true);
  if (pte === 0) return false;
  if ((regionFlags[region] & PROT_MASK) === 0) pteSet(pte, (frame | PTE_USER | PTE_KEPT) >>> 0);
  else pteSet(pte, (frame | PTE_PRESENT | pteFlagsFor(region, frame)) >>> 0);
  if (readCr3() === spaceDirectory[slot]) invlpg(page);
  return true;
};

/** Installs a fresh user frame (0: none could be had) at page of region; its kernel address, or 0. */
const installFreshFrame = (slot: number, region: number, page: number, frame: number): number => {
  if (frame === 0) return 0;
  if (!installFrame(slot, region, page, frame)) {
    userFrameRelease(frame);
    return 0;
  }
  return physToVirt(frame);
};

/**
 * Gives page of region a private zeroed frame now (a MAP_PRIVATE file
 * mapping copies the file into it) and returns the frame's kernel address,
 * or 0 when memory is out.
 */
export const spaceFillPrivatePage = (slot: number, region: number, page: number): number =>
  installFreshFrame(slot, region, page, regionFrameAlloc(region));

/**
 * Commits a frame for every page of a new anonymous region (mmap without
 * MAP_NORESERVE, exec's stack), which its faults then take, so they never
 * run out of memory. False (nothing committed) when the frames cannot be
 * promised: the caller fails with ENOMEM.
 */
export const spaceCommitRegion = (region: number): boolean => {
  const pages: number = (regionEnd[region] - regionStart[region]) / PAGE_SIZE;
  if (!framesCommit(pages)) return false;
  regionCommitted[region] = pages;
  return true;
};

/**
 * Commits and gives every page of a new region a zeroed frame now: a
 * MAP_SHARED anonymous mapping is one set of frames from mmap on, so fork
 * shares pages nobody touched yet. False when memory runs out (the caller
 * unmaps the region, which gives back what was taken).
 */
export const spaceFillRegion = (slot: number, region: number): boolean => {
  if (!spaceCommitRegion(region)) return false;
  for (let page: number = regionStart[region]; page < regionEnd[region]; page += PAGE_SIZE) {
    if (framePte(slot, page) === 0 && spaceFillPrivatePage(slot, region, page) === 0) return false;
  }
  return true;
};

// File pages in user space (MAP_SHARED of a ramfs file or an anon_create
// file): the file's own kernel page is mapped, so loads and stores through
// the mapping are read() and write() of the file. A file page's frameRefs
// is 0 while no space maps it; once mapped it counts the file's reference
// plus one per mapping, so munmap, exit and fork's sharing work on it like
// on any user frame, and the file letting go of the page (truncate, last
// close of an unlinked file) frees it only when no mapping is left.

/** Maps the file data page at kernel address filePage into region at page; false when a page table cannot be had. */
export const spaceMapFilePage = (slot: number, region: number, page: number, filePage: number): boolean => {
  const frame: number = filePage - KERNEL_BASE;
  const index: number = frame / PAGE_SIZE;
  frameRefs[index] = frameRefs[index] === 0 ? 2 : frameRefs[index] + 1;
  if (installFrame(slot, region, page, frame)) return true;
  frameRefs[index]--; // the file's reference stays: never the last
  return false;
};

/**
 * The file drops its reference to its data page at kernel address
 * filePage: freed at once unless a mapping still holds the frame, which
 * then lives on as an ordinary user frame until the last unmap.
 */
export const filePageRelease = (filePage: number): void => {
  const index: number = (filePage - KERNEL_BASE) / PAGE_SIZE;
  if (frameRefs[index] > 1) {
    frameRefs[index]--;
    kpageForget(filePage);
    return;
  }
  frameRefs[index] = 0;
  kpageFree(filePage);
};

/** Maps a fresh zeroed page (uncommitted) at page of region with its protection and returns its kernel address, or 0. */
export const spaceMapZeroedPage = (slot: number, region: number, page: number): number =>
  installFreshFrame(slot, region, page, userFrameAlloc(false));

/** The PTE of page in slot's space if it holds a frame (present or kept), else 0. */
const framePte = (slot: number, page: number): number => {
  const pte: number = walkpgdir(spaceDirectory[slot], page, false);
  if (pte === 0 || (peek32(pte) & (PTE_PRESENT | PTE_KEPT)) === 0) return 0;
  return pte;
};

/**
 * Gives child a copy of parent's space: the same regions, every page with
 * a frame shared. Private writable pages become read-only in both
 * (copy-on-write); MAP_SHARED pages stay writable in both. The child's
 * regions commit what the parent's still have committed, and each private
 * writable page shared commits the copy one of them may make (not in a
 * MAP_NORESERVE region). False when memory or the commitment runs out (the
 * caller destroys the child's partial space, which gives back its part).
 */
export const spaceFork = (parent: number, child: number): boolean => {
  if (!spaceCreate(child)) return false;
  syscallRegionsEnforced[child] = syscallRegionsEnforced[parent];
  for (let region: number = spaceRegions[parent]; region >= 0; region = regionNext[region]) {
    const copy: number = spaceAddRegion(child, regionStart[region], regionEnd[region], regionFlags[region]);
    if (copy < 0) return false;
    copyRegionName(region, copy);
    if (!framesCommit(regionCommitted[region])) return false;
    regionCommitted[copy] = regionCommitted[region];
    if (!forkPages(parent, child, region)) return false;
  }
  if (readCr3() === spaceDirectory[parent]) writeCr3(spaceDirectory[parent]); // drop the stale writable TLB entries
  return true;
};

/** The end of the page table's span that page is in, or end if that comes first: walks of a range go a table at a time. */
const tableEndAfter = (page: number, end: number): number => Math.min(end, (Math.floor(page / tableSpan) + 1) * tableSpan);

/** Shares every page of parent's region that has a frame with child (spaceFork); false when memory or the commitment runs out. */
const forkPages = (parent: number, child: number, region: number): boolean => {
  const flags: number = regionFlags[region];
  const shared: boolean = (flags & REGION_SHARED) !== 0;
  const commitCopies: boolean = !shared && (flags & PROT_WRITE) !== 0 && (flags & REGION_NORESERVE) === 0;
  const end: number = regionEnd[region];
  for (let page: number = regionStart[region]; page < end;) {
    const tableEnd: number = tableEndAfter(page, end);
    const pte: number = walkpgdir(spaceDirectory[parent], page, false);
    if (pte !== 0 && !forkTable(child, page, tableEnd, pte, shared, commitCopies)) return false;
    page = tableEnd;
  }
  return true;
};

/** Present (or kept) entries among the PTEs of [page, end) of one page table, starting at pte. */
const framesInTable = (pte: number, page: number, end: number): number => {
  let count: number = 0;
  for (let at: number = pte; page < end; page += PAGE_SIZE, at += pteBytes) {
    const entry: number = peek32(at);
    if (entry !== 0 && (entry & (PTE_PRESENT | PTE_KEPT)) !== 0) count++;
  }
  return count;
};

/**
 * forkPages within one page table of the parent: its PTEs for [page, end)
 * start at pte (the child's table is made if need be). The copies are
 * committed for the whole table at once.
 */
const forkTable = (child: number, page: number, end: number, pte: number, shared: boolean, commitCopies: boolean): boolean => {
  const frames: number = framesInTable(pte, page, end);
  if (frames === 0) return true;
  const childPte: number = walkpgdir(spaceDirectory[child], page, true);
  if (childPte === 0 || (commitCopies && !framesCommit(frames))) return false;
  for (let offset: number = 0; page < end; page += PAGE_SIZE, offset += pteBytes) {
    const entry: number = peek32(pte + offset);
    if (entry === 0 || (entry & (PTE_PRESENT | PTE_KEPT)) === 0) continue;
    const copy: number = shared ? entry : (entry & ~PTE_WRITABLE) >>> 0;
    const index: number = ((copy & ADDRESS_MASK) >>> 0) / PAGE_SIZE;
    if (copy !== entry) poke32(pte + offset, copy); // the high word (NX) stays
    frameRefs[index]++;
    if (commitCopies) cowCommitted[index]++;
    pteSet(childPte + offset, copy);
  }
  return true;
};

/**
 * Releases the frames of [start, end) (page-aligned) and clears their
 * PTEs, one page table at a time, then flushes the TLB once if the space
 * is live: a walk and an invlpg per page made munmap of a large region
 * most of a mmap+touch+munmap cycle.
 */
const releasePages = (slot: number, start: number, end: number): void => {
  const root: number = spaceDirectory[slot];
  let released: number = 0;
  for (let page: number = start; page < end;) {
    const tableEnd: number = tableEndAfter(page, end);
    const pte: number = walkpgdir(root, page, false);
    if (pte !== 0) released += releaseTable(pte, page, tableEnd);
    page = tableEnd;
  }
  if (released > 0 && readCr3() === root) writeCr3(root);
};

/** releasePages within one page table: the PTEs of [page, end) start at pte. Returns how many frames it released. */
const releaseTable = (pte: number, page: number, end: number): number => {
  let released: number = 0;
  for (let at: number = pte; page < end; page += PAGE_SIZE, at += pteBytes) {
    const entry: number = peek32(at);
    if (entry === 0 || (entry & (PTE_PRESENT | PTE_KEPT)) === 0) continue;
    pteSet(at, 0);
    userFrameRelease((entry & ADDRESS_MASK) >>> 0);
    released++;
  }
  return released;
};

/** Takes region out of slot's list, tree and cache and frees its slot. */
const unlinkRegion = (slot: number, region: number): void => {
  const below: number = regionPrev[region];
  const above: number = regionNext[region];
  if (below < 0) spaceRegions[slot] = above;
  else regionNext[below] = above;
  if (above >= 0) regionPrev[above] = below;
  spaceTree[slot] = treeRemove(spaceTree[slot], region);
  if (above >= 0) treeRefresh(spaceTree[slot], above);
  if (spaceHit[slot] === region) spaceHit[slot] = -1;
  if (spaceHitBefore[slot] === region) spaceHitBefore[slot] = -1;
  if (spaceStackHit[slot] === region) spaceStackHit[slot] = -1;
  regionNext[region] = freeRegion;
  freeRegion = region;
};

const copyRegionName = (from: number, to: number): void => {
  for (let i: number = 0; i < regionNameLength[from]; i++) regionName[to * REGION_NAME_BYTES + i] = regionName[from * REGION_NAME_BYTES + i];
  regionNameLength[to] = regionNameLength[from];
};

/** Splits the region that strictly contains address (if any) in two at address. False when region slots run out. */
const splitRegionAt = (slot: number, address: number): boolean => {
  const region: number = regionContaining(slot, address);
  if (region < 0 || regionStart[region] === address) return true;
  const tail: number = spaceAddRegion(slot, address, regionEnd[region], 0);
  if (tail < 0) return false;
  regionFlags[tail] = regionFlags[region];
  copyRegionName(region, tail);
  if (regionCommitted[region] > 0) {
    regionCommitted[tail] = Math.min(framelessPages(slot, address, regionEnd[region]), regionCommitted[region]);
    regionCommitted[region] -= regionCommitted[tail];
  }
  regionEnd[region] = address;
  return true;
};

/** Pages of [start, end) in slot's space without a frame. */
const framelessPages = (slot: number, start: number, end: number): number => {
  let count: number = 0;
  for (let page: number = start; page < end; page += PAGE_SIZE) {
    if (framePte(slot, page) === 0) count++;
  }
  return count;
};

/** Makes [start, end) (page-aligned) a set of whole regions by splitting those straddling its ends. */
export const spaceSplitAt = (slot: number, start: number, end: number): boolean =>
  splitRegionAt(slot, start) && splitRegionAt(slot, end);

/** Removes every region inside [start, end) (after spaceSplitAt) and releases their pages. */
export const spaceUnmapRange = (slot: number, start: number, end: number): void => {
  let region: number = spaceRegionFrom(slot, start);
  while (region >= 0 && regionStart[region] < end) {
    const next: number = regionNext[region];
    if (regionStart[region] >= start && regionEnd[region] <= end) {
      releasePages(slot, regionStart[region], regionEnd[region]);
      framesUncommit(regionCommitted[region]);
      regionCommitted[region] = 0;
      unlinkRegion(slot, region);
    }
    region = next;
  }
};

/** Sets the protection of a whole region and of the pages it has, keeping frames through PROT_NONE. */
export const spaceProtectRegion = (slot: number, region: number, protection: number): void => {
  const flags: number = (regionFlags[region] & ~PROT_MASK) | protection;
  regionFlags[region] = (flags | ((protection & PROT_WRITE) !== 0 ? REGION_EVER_WRITABLE : 0) | ((protection & PROT_EXEC) !== 0 ? REGION_EVER_EXECUTABLE : 0)) >>> 0;
  for (let page: number = regionStart[region]; page < regionEnd[region]; page += PAGE_SIZE) {
    const pte: number = framePte(slot, page);
    if (pte === 0) continue;
    const frame: number = (peek32(pte) & ADDRESS_MASK) >>> 0;
    if ((protection & (PROT_READ | PROT_WRITE | PROT_EXEC)) === 0) pteSet(pte, (frame | PTE_USER | PTE_KEPT) >>> 0);
    else pteSet(pte, (frame | PTE_PRESENT | pteFlagsFor(region, frame)) >>> 0);
    if (readCr3() === spaceDirectory[slot]) invlpg(page);
  }
};

/**
 * Unmapped bytes kept below every stack region (the main stack and
 * MAP_STACK mappings): a stack that overflows faults in the gap instead of
 * writing into whatever was mapped below it. Only MAP_FIXED may map there.
 */
export const STACK_GUARD_BYTES: number = 64 * 1024;

/** Where region's claim on the address space starts: its start, or for a stack the start of its guard gap. */
const claimStart = (region: number): number =>
  regionStart[region] - ((regionFlags[region] & REGION_STACK) !== 0 ? STACK_GUARD_BYTES : 0);

/**
 * A region whose claim overlaps [start, end) (for a new stack, [start -
 * guard, end)), or -1. A claim reaches at most STACK_GUARD_BYTES below its
 * region, so only the regions from the one ending above the range's start
 * up to a guard gap past its end can block it.
 */
const claimBlocker = (slot: number, start: number, end: number, stack: boolean): number => {
  const from: number = stack ? start - STACK_GUARD_BYTES : start;
  let region: number = spaceRegionFrom(slot, Math.max(0, from));
  for (; region >= 0 && regionStart[region] < end + STACK_GUARD_BYTES; region = regionNext[region]) {
    if (claimStart(region) < end && from < regionEnd[region]) return region;
  }
  return -1;
};

/** True when [start, end) may get a new region (a stack when stack) without touching a region or a guard gap. */
export const spaceRangeFree = (slot: number, start: number, end: number, stack: boolean): boolean =>
  claimBlocker(slot, start, end, stack) < 0;

/**
 * The lowest start for size bytes aligned to alignment in [from, to) that
 * spaceRangeFree accepts in the gap from address below up to address
 * top, or 0. Within one gap the lowest start is the one to try: claims
 * only reach downwards, so a higher start is never freer.
 */
const fitInGap = (slot: number, below: number, top: number, size: number, alignment: number, from: number, to: number, stack: boolean): number => {
  const candidate: number = Math.ceil(Math.max(below + (stack ? STACK_GUARD_BYTES : 0), from) / alignment) * alignment;
  if (candidate + size > Math.min(top, to) || !spaceRangeFree(slot, candidate, candidate + size, stack)) return 0;
  return candidate;
};

/**
 * spaceFindFreeRange within the subtree at node, gaps in address order:
 * subtrees whose largest gap is too small, or that lie wholly below from
 * or above to, are skipped without a visit.
 */
const fitInSubtree = (slot: number, node: number, size: number, alignment: number, from: number, to: number, stack: boolean): number => {
  if (node < 0 || regionGap[node] < size + (stack ? STACK_GUARD_BYTES : 0)) return 0;
  if (regionStart[node] >= from) {
    const low: number = fitInSubtree(slot, regionLeft[node], size, alignment, from, to, stack);
    if (low !== 0) return low;
  }
  const below: number = regionPrev[node] < 0 ? 0 : regionEnd[regionPrev[node]];
  const own: number = fitInGap(slot, below, claimStart(node), size, alignment, from, to, stack);
  if (own !== 0 || regionEnd[node] >= to) return own;
  return fitInSubtree(slot, regionRight[node], size, alignment, from, to, stack);
};

/** Lowest range of size bytes aligned to alignment in [from, to) that spaceRangeFree accepts, or 0. */
export const spaceFindFreeRange = (slot: number, size: number, alignment: number, from: number, to: number, stack: boolean): number => {
  const inside: number = fitInSubtree(slot, spaceTree[slot], size, alignment, from, to, stack);
  if (inside !== 0) return inside;
  const highest: number = regionAtOrBelow(slot, USER_RANGE_CEILING);
  return fitInGap(slot, highest < 0 ? 0 : regionEnd[highest], to, size, alignment, from, to, stack);
};

/** True when address lies in a stack region of slot's space (where the reference wants esp on a syscall or fault). */
export const spaceIsStack = (slot: number, address: number): boolean => {
  const hit: number = spaceStackHit[slot];
  if (hit >= 0 && address >= regionStart[hit] && address < regionEnd[hit]) return true;
  const region: number = regionContaining(slot, address);
  if (region < 0 || (regionFlags[region] & REGION_STACK) === 0) return false;
  spaceStackHit[slot] = region;
  return true;
};

/** Unmaps and releases every user page and page table, the regions and the root. Never on the live CR3. */
export const spaceDestroy = (slot: number): void => {
  const root: number = spaceDirectory[slot];
  if (root === 0) return;
  const tables: number = userTableCount();
  for (let index: number = nextUserTable(root, 0); index < tables; index = nextUserTable(root, index + 1)) {
    const table: number = pageTableAt(root, index);
    for (let at: number = table; at < table + PAGE_SIZE; at += pteBytes) {
      const entry: number = peek32(at);
      if (entry !== 0 && (entry & (PTE_PRESENT | PTE_KEPT)) !== 0) userFrameRelease((entry & ADDRESS_MASK) >>> 0);
    }
  }
  rootFree(root);
  spaceDirectory[slot] = 0;
  syscallRegionsEnforced[slot] = 0;
  let region: number = spaceRegions[slot];
  while (region >= 0) {
    const next: number = regionNext[region];
    framesUncommit(regionCommitted[region]);
    regionCommitted[region] = 0;
    regionNext[region] = freeRegion;
    freeRegion = region;
    region = next;
  }
  forgetRegions(slot);
};

/** Regions in use, for leak checks. */
export const regionsInUse = (): number => {
  let free: number = 0;
  for (let region: number = freeRegion; region >= 0; region = regionNext[region]) free++;
  return unusedRegions - free;
};

/** Exchanges the spaces of two slots (execve swaps the new program's space in). */
export const spaceSwap = (a: number, b: number): void => {
  const directory: number = spaceDirectory[a];
  spaceDirectory[a] = spaceDirectory[b];
  spaceDirectory[b] = directory;
  swapEntries(spaceRegions, a, b);
  swapEntries(spaceTree, a, b);
  swapEntries(spaceHit, a, b);
  swapEntries(spaceHitBefore, a, b);
  swapEntries(spaceStackHit, a, b);
};

const swapEntries = (table: Int32Array, a: number, b: number): void => {
  const kept: number = table[a];
  table[a] = table[b];
  table[b] = kept;
};
