// Page faults: a user-mode fault with esp outside a stack region kills the
// process with SIGSTKFLT (the reference checks the stack on every fault, as
// on every syscall); otherwise it is demand paging or copy-on-write
// (mm/space.ts) or else kills the process with SIGSEGV; a kernel-mode fault
// is a kernel bug and panics with the faulting address (naming a write to
// protected process data outside a mutation scope as such).
import { readCr2 } from "../arch/i386/cpu";
import { FRAME_EIP, FRAME_ERROR_CODE, FRAME_USER_ESP, frameFromUser, frameGet } from "../arch/i386/trapframe";
import { panicOnTrap } from "../panic";
import { SIGSEGV, SIGSTKFLT } from "../api/abi";
import { processCrash } from "../proc/exit";
import { protectedSlotOf } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { spaceIsStack, spaceResolveFault } from "./space";
import { kprint, kprintHex, kprintln } from "../tty/console";

const ERROR_PRESENT: number = 1;
const ERROR_WRITE: number = 2;

/** Prints a one-line description of the fault at frame. */
const describeFault = (frame: number): void => {
  const error: number = frameGet(frame, FRAME_ERROR_CODE);
  kprint("page fault: ");
  kprint(frameFromUser(frame) ? "user " : "kernel ");
  kprint((error & ERROR_WRITE) !== 0 ? "write to " : "read of ");
  kprintHex(readCr2(), 8);
  kprint((error & ERROR_PRESENT) !== 0 ? " (protection violation)" : " (not present)");
  kprint(" at eip ");
  kprintHex(frameGet(frame, FRAME_EIP), 8);
  kprintln("");
};

/** Vector 14: demand paging and copy-on-write for user faults; anything else kills the process (SIGSTKFLT, SIGSEGV) or panics. */
export const handlePageFault = (frame: number): void => {
  const address: number = readCr2();
  const write: boolean = (frameGet(frame, FRAME_ERROR_CODE) & ERROR_WRITE) !== 0;
  if (frameFromUser(frame)) {
    const process: number = currentProcess();
    const esp: number = frameGet(frame, FRAME_USER_ESP);
    if (!spaceIsStack(process, esp)) processCrash(process, SIGSTKFLT, "bad stack on page fault, esp", esp);
    else if (!spaceResolveFault(process, address, write)) processCrash(process, SIGSEGV, write ? "page fault writing" : "page fault reading", address);
    return;
  }
  describeFault(frame);
  const owner: number = protectedSlotOf(address);
  if (owner >= 0 && write) panicOnTrap(frame, "write to protected process data outside a mutation scope");
  panicOnTrap(frame, "kernel page fault");
};
