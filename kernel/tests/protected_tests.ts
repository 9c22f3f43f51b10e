// Protected process data (test=protected): a scoped write works and leaves
// the page read-only; then a deliberate write to a protected field outside
// any mutation scope must fault and be reported as such (the harness
// expects the panic). Runs before init, on a process slot made for it.
import { kernelPageDirectory, pageFlags, PTE_WRITABLE } from "../mm/paging";
import { allocproc, freeproc, pidOf } from "../proc/process";
import {
  PD_UMASK, protectData, protectedGet, protectedPageAddress, protectedSet, protectedSlotOf, unprotectData,
} from "../proc/protected";
import { kprintln } from "../devices/console";
import { ktest } from "../debug/ktest";

/** Runs the protected-data test set; ends in the expected panic. */
export const runProtectedDataTest = (): void => {
  const slot: number = allocproc(-1);
  ktest("protected-first-pid", slot >= 0 && pidOf(slot) > 0, "no process slot");
  unprotectData(slot);
  unprotectData(slot);
  protectedSet(slot, PD_UMASK, 0o77);
  protectData(slot);
  protectedSet(slot, PD_UMASK, 0o27); // still inside the outer scope
  protectData(slot);
  ktest("protected-scoped-write", protectedGet(slot, PD_UMASK) === 0o27, "scoped write lost");
  const probe: number = protectedPageAddress(slot);
  ktest("protected-page-found", probe !== 0 && protectedSlotOf(probe) === slot, "page lookup failed");
  ktest("protected-read-only-after-scope", (pageFlags(kernelPageDirectory, probe) & PTE_WRITABLE) === 0, "page left writable");
  kprintln("FAULT-EXPECT protected data write outside a scope");
  protectedSet(slot, PD_UMASK, 0); // must fault: no scope is open
  freeproc(slot);
  ktest("protected-write-outside-scope-faults", false, "the write went through");
};
