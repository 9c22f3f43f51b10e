// Deliberate kernel faults (test=fault-<kind>): each must end in a panic
// report with the right vector and CR2 and the panic exit status. The
// harness checks the report against the FAULT-EXPECT line printed first.
import { callAddress, triggerDivideError, triggerInvalidOpcode } from "../arch/i386/faults";
import { peek32, poke32, poke8 } from "../arch/i386/io";
import { cmdline, cmdlineLength } from "../boot/multiboot";
import { argumentEquals } from "../lib/cmdline";
import { frameAllocBelow } from "../mm/frames";
import { kernelPageDirectory, KERNEL_WINDOW_BASE, mapPage, PTE_USER, PTE_WRITABLE, unmapPage } from "../mm/paging";
import { kprint, kprintHex, kprintln } from "../devices/console";
import { ktest } from "../debug/ktest";
import { PAGE_SIZE } from "../api/limits";

const FAULT_PAGE: number = KERNEL_WINDOW_BASE + 32 * PAGE_SIZE;
const USER_PAGE: number = 0x10000000;

const expectFault = (vector: number, address: number): void => {
  kprint("FAULT-EXPECT vector ");
  kprintHex(vector, 2);
  kprint(" cr2 ");
  kprintHex(address, 8);
  kprintln("");
};

/** Maps a fresh page, uses it, unmaps it, then touches it again. */
const touchAfterUnmap = (): void => {
  mapPage(kernelPageDirectory, FAULT_PAGE, frameAllocBelow(0x30000000), 2);
  poke32(FAULT_PAGE + 0x40, 0x12345678);
  ktest("fresh-page-read-back", peek32(FAULT_PAGE + 0x40) === 0x12345678, "mapped page lost a write");
  unmapPage(kernelPageDirectory, FAULT_PAGE);
  expectFault(14, FAULT_PAGE + 0x40);
  peek32(FAULT_PAGE + 0x40);
};

/** Maps a page read-only and writes to it: with CR0.WP, ring 0 faults too. */
const writeReadOnly = (): void => {
  mapPage(kernelPageDirectory, FAULT_PAGE, frameAllocBelow(0x30000000), 0);
  ktest("read-only-page-readable", peek32(FAULT_PAGE) === peek32(FAULT_PAGE), "read-only page unreadable");
  expectFault(14, FAULT_PAGE + 4);
  poke32(FAULT_PAGE + 4, 1);
};

/** Maps a user page into the kernel's space and reads it from ring 0: with SMAP (tests boot -cpu max) that faults. */
const readUserPage = (): void => {
  mapPage(kernelPageDirectory, USER_PAGE, frameAllocBelow(0x30000000), PTE_USER | PTE_WRITABLE);
  expectFault(14, USER_PAGE);
  peek32(USER_PAGE);
};

/** Writes a ret into a fresh kernel data page and calls it: with NX (tests boot -cpu max) the fetch faults. */
const runDataPage = (): void => {
  mapPage(kernelPageDirectory, FAULT_PAGE, frameAllocBelow(0x30000000), PTE_WRITABLE);
  poke8(FAULT_PAGE, 0xc3);
  expectFault(14, FAULT_PAGE);
  callAddress(FAULT_PAGE);
};

/** Runs the fault named on the command line (test=fault-<kind>); returns only if none matched. */
export const runFaultTest = (): void => {
  if (argumentEquals(cmdline, cmdlineLength, "test", "fault-unmapped")) touchAfterUnmap();
  else if (argumentEquals(cmdline, cmdlineLength, "test", "fault-readonly")) writeReadOnly();
  else if (argumentEquals(cmdline, cmdlineLength, "test", "fault-smap")) readUserPage();
  else if (argumentEquals(cmdline, cmdlineLength, "test", "fault-nx")) runDataPage();
  else if (argumentEquals(cmdline, cmdlineLength, "test", "fault-divide")) {
    expectFault(0, 0);
    triggerDivideError();
  } else if (argumentEquals(cmdline, cmdlineLength, "test", "fault-opcode")) {
    expectFault(6, 0);
    triggerInvalidOpcode();
  }
};
