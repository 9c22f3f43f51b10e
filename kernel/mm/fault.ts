// Page faults: a kernel-mode fault is a kernel bug and panics with the
// faulting address; a user-mode fault is reported (it becomes SIGSEGV once
// processes exist).
import { readCr2 } from "../arch/i386/cpu";
import { FRAME_EIP, FRAME_ERROR_CODE, frameFromUser, frameGet } from "../arch/i386/trapframe";
import { panicOnTrap } from "../panic";
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

/** Vector 14. */
export const handlePageFault = (frame: number): void => {
  describeFault(frame);
  panicOnTrap(frame, frameFromUser(frame) ? "user fault with no process to signal" : "kernel page fault");
};
