// Page-fault reporting: what the CPU's error code and CR2 say about a
// fault. The trap dispatch (trap/trap.ts) decides what happens next.
import { readCr2 } from "../arch/i386/cpu";
import { FRAME_EIP, FRAME_ERROR_CODE, frameFromUser, frameGet } from "../arch/i386/trapframe";
import { kprint, kprintHex, kprintln } from "../devices/console";

const ERROR_PRESENT: number = 1;
/** Error-code bit: the faulting access was a write. */
export const PAGE_FAULT_WRITE: number = 2;
const ERROR_FETCH: number = 16; // an instruction fetch (set only where NX is on)

/** Prints a one-line description of the fault at frame. */
export const describePageFault = (frame: number): void => {
  const error: number = frameGet(frame, FRAME_ERROR_CODE);
  kprint("page fault: ");
  kprint(frameFromUser(frame) ? "user " : "kernel ");
  if ((error & ERROR_FETCH) !== 0) kprint("execute of ");
  else kprint((error & PAGE_FAULT_WRITE) !== 0 ? "write to " : "read of ");
  kprintHex(readCr2(), 8);
  kprint((error & ERROR_PRESENT) !== 0 ? " (protection violation)" : " (not present)");
  kprint(" at eip ");
  kprintHex(frameGet(frame, FRAME_EIP), 8);
  kprintln("");
};
