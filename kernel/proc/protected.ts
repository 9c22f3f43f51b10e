// Protected process data (SerenityOS's ProtectedProcessBase): the identity
// fields of each process live in a page of their own, mapped read-only in
// the kernel's page tables (CR0.WP makes ring 0 honour that). Writers open
// a reference-counted mutation scope: the first unprotectData makes the
// page writable, the last protectData makes it read-only again, each with
// a TLB flush (protectPage). A write outside a scope is a kernel page fault, reported by
// the trap dispatch (trap/trap.ts) as such.
import { peek32, poke32 } from "../arch/i386/io";
import { kpageAlloc, kpageFree } from "../mm/kheap";
import { kernelPageDirectory, PTE_GLOBAL, PTE_WRITABLE, protectPage } from "../mm/paging";
import { MAX_PROCESSES } from "../lib/limits";

// Byte offsets of the fields in the page: one word each, in this order, this
// file's own layout (nothing outside the kernel sees it).
export const PD_PID: number = 0;
export const PD_PPID: number = PD_PID + 4;
export const PD_SID: number = PD_PPID + 4;
export const PD_PGID: number = PD_SID + 4;
export const PD_EUID: number = PD_PGID + 4;
export const PD_EGID: number = PD_EUID + 4;
export const PD_UID: number = PD_EGID + 4;
export const PD_GID: number = PD_UID + 4;
export const PD_SUID: number = PD_GID + 4;
export const PD_SGID: number = PD_SUID + 4;
export const PD_EXTRA_GID_COUNT: number = PD_SGID + 4;
export const MAX_EXTRA_GIDS: number = 32;
export const PD_EXTRA_GIDS: number = PD_EXTRA_GID_COUNT + 4; // MAX_EXTRA_GIDS words
export const PD_DUMPABLE: number = PD_EXTRA_GIDS + MAX_EXTRA_GIDS * 4;
export const PD_HAS_PROMISES: number = PD_DUMPABLE + 4;
export const PD_PROMISES: number = PD_HAS_PROMISES + 4;
export const PD_HAS_EXECPROMISES: number = PD_PROMISES + 4;
export const PD_EXECPROMISES: number = PD_HAS_EXECPROMISES + 4;
export const PD_UMASK: number = PD_EXECPROMISES + 4;
export const PD_SIGNAL_TRAMPOLINE: number = PD_UMASK + 4;
export const PD_THREAD_COUNT: number = PD_SIGNAL_TRAMPOLINE + 4;
export const PD_TERMINATION_STATUS: number = PD_THREAD_COUNT + 4;
export const PD_TERMINATION_SIGNAL: number = PD_TERMINATION_STATUS + 4;

const PROTECTED_PAGE_FLAGS: number = PTE_GLOBAL;

/** Per process slot: its protected page (kernel address) and open scope depth. */
const pageOfSlot: Uint32Array = new Uint32Array(MAX_PROCESSES);
const scopeDepth: Uint32Array = new Uint32Array(MAX_PROCESSES);

/** Allocates the protected page of process slot, zeroed and read-only. Returns false when memory is out. */
export const protectedDataCreate = (slot: number): boolean => {
  const page: number = kpageAlloc();
  if (page === 0) return false;
  pageOfSlot[slot] = page;
  scopeDepth[slot] = 0;
  protectPage(kernelPageDirectory, page, PROTECTED_PAGE_FLAGS);
  return true;
};

/** Gives the page back (writable again, as the page allocator expects). */
export const protectedDataDestroy = (slot: number): void => {
  const page: number = pageOfSlot[slot];
  protectPage(kernelPageDirectory, page, PROTECTED_PAGE_FLAGS | PTE_WRITABLE);
  kpageFree(page);
  pageOfSlot[slot] = 0;
};

/** Kernel address of slot's protected page. */
export const protectedPageAddress = (slot: number): number => pageOfSlot[slot];

/** Reads a protected field: needs no scope. */
export const protectedGet = (slot: number, field: number): number => peek32(pageOfSlot[slot] + field);

/** Opens (or nests) a mutation scope: the page is writable until the matching protectData. */
export const unprotectData = (slot: number): void => {
  scopeDepth[slot]++;
  if (scopeDepth[slot] === 1) {
    protectPage(kernelPageDirectory, pageOfSlot[slot], PROTECTED_PAGE_FLAGS | PTE_WRITABLE);
  }
};

/** Closes a mutation scope; the outermost close makes the page read-only again. */
export const protectData = (slot: number): void => {
  scopeDepth[slot]--;
  if (scopeDepth[slot] === 0) {
    protectPage(kernelPageDirectory, pageOfSlot[slot], PROTECTED_PAGE_FLAGS);
  }
};

/** Writes a protected field. Only inside a scope: outside one this faults, by design. */
export const protectedSet = (slot: number, field: number, value: number): void => {
  poke32(pageOfSlot[slot] + field, value);
};

/** The process slot whose protected page holds address, or -1 (for fault reports). */
export const protectedSlotOf = (address: number): number => {
  const page: number = (address & 0xfffff000) >>> 0;
  for (let slot: number = 0; slot < MAX_PROCESSES; slot++) {
    if (pageOfSlot[slot] === page && page !== 0) return slot;
  }
  return -1;
};
