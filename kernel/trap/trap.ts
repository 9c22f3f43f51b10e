// The trap dispatch, as xv6's trap.c: every interrupt, exception and
// syscall lands here (boot/interrupts.asm calls kernel/rt/bridge.c, which
// calls handleInterrupt) and goes to its handler on a lower floor: CPU
// exceptions, the 16 legacy IRQs, and the int 0x82 syscall gate.
import { SIGFPE, SIGILL, SIGSEGV, SIGSTKFLT } from "../api/abi";
import { readCr2 } from "../arch/i386/cpu";
import { fpuClobber } from "../arch/i386/faults";
import { SYSCALL_VECTOR } from "../arch/i386/idt";
import { IRQ_BASE_VECTOR, IRQ_COM1, IRQ_KEYBOARD, IRQ_TIMER, picEndOfInterrupt, picIsGenuine } from "../arch/i386/pic";
import { pitTick, tickCount } from "../arch/i386/pit";
import { FRAME_EIP, FRAME_ERROR_CODE, FRAME_USER_ESP, FRAME_VECTOR, frameFromUser, frameGet } from "../arch/i386/trapframe";
import { exceptionName, panicOnTrap } from "../debug/panic";
import { keyboardInterrupt } from "../devices/ps2keyboard";
import { serialInterrupt } from "../devices/serial";
import { processCrash } from "../lifecycle/exit";
import { describePageFault, PAGE_FAULT_WRITE } from "../mm/fault";
import { spaceIsStack, spaceResolveFault } from "../mm/space";
import { protectedSlotOf } from "../proc/protected";
import { currentProcess, schedulerTickFromUser, wakeExpiredSleepers } from "../proc/scheduler";
import { handleSyscall } from "../syscalls/syscall";
import { ttyInputArrived } from "../tty/tty";

const EXCEPTION_COUNT: number = 32;
const DIVIDE_ERROR: number = 0;
const INVALID_OPCODE: number = 6;
const PAGE_FAULT: number = 14;

let clobberFpuOnTimer: boolean = false;

/** Test hook (test=cpu): every timer interrupt also leaves the FPU dirty, as a handler may. */
export const setFpuClobberOnTimer = (on: boolean): void => {
  clobberFpuOnTimer = on;
};

/** IRQ 0: the clock advances one tick and the sleepers it makes due wake. */
const timerInterrupt = (): void => {
  pitTick();
  wakeExpiredSleepers(tickCount());
};

/** A legacy IRQ: the device moves its bytes, then the floor that owns them wakes whoever waits. */
const handleIrq = (irq: number, frame: number): void => {
  if ((irq === 7 || irq === 15) && !picIsGenuine(irq)) return;
  if (irq === IRQ_TIMER) timerInterrupt();
  else if (irq === IRQ_KEYBOARD && keyboardInterrupt()) ttyInputArrived();
  else if (irq === IRQ_COM1 && serialInterrupt()) ttyInputArrived();
  picEndOfInterrupt(irq);
  if (irq === IRQ_TIMER && frameFromUser(frame)) schedulerTickFromUser();
  // Last: after this no f64 code may run before the entry stub restores the FPU.
  if (irq === IRQ_TIMER && clobberFpuOnTimer) fpuClobber();
};

/**
 * Vector 14: a user fault with esp outside a stack region kills the
 * process with SIGSTKFLT (the reference checks the stack on every fault, as
 * on every syscall); otherwise it is demand paging or copy-on-write
 * (mm/space.ts) or else kills the process with SIGSEGV. A kernel-mode fault
 * is a kernel bug and panics (naming a write to protected process data
 * outside a mutation scope as such).
 */
const handlePageFault = (frame: number): void => {
  const address: number = readCr2();
  const write: boolean = (frameGet(frame, FRAME_ERROR_CODE) & PAGE_FAULT_WRITE) !== 0;
  if (frameFromUser(frame)) {
    const process: number = currentProcess();
    const esp: number = frameGet(frame, FRAME_USER_ESP);
    if (!spaceIsStack(process, esp)) processCrash(process, SIGSTKFLT, "bad stack on page fault, esp", esp);
    else if (!spaceResolveFault(process, address, write)) processCrash(process, SIGSEGV, write ? "page fault writing" : "page fault reading", address);
    return;
  }
  describePageFault(frame);
  if (protectedSlotOf(address) >= 0 && write) panicOnTrap(frame, "write to protected process data outside a mutation scope");
  panicOnTrap(frame, "kernel page fault");
};

/** A CPU exception in ring 3 kills the process with the matching signal. */
const handleUserException = (frame: number, vector: number): void => {
  const signal: number = vector === DIVIDE_ERROR ? SIGFPE : vector === INVALID_OPCODE ? SIGILL : SIGSEGV;
  processCrash(currentProcess(), signal, exceptionName(vector), frameGet(frame, FRAME_EIP));
};

/** Dispatches the interrupt whose saved state is at frame. */
export const handleInterrupt = (frame: number): void => {
  const vector: number = frameGet(frame, FRAME_VECTOR);
  if (vector === PAGE_FAULT) handlePageFault(frame);
  else if (vector < EXCEPTION_COUNT && frameFromUser(frame)) handleUserException(frame, vector);
  else if (vector < EXCEPTION_COUNT) panicOnTrap(frame, "unhandled exception");
  else if (vector < IRQ_BASE_VECTOR + 16) handleIrq(vector - IRQ_BASE_VECTOR, frame);
  else if (vector === SYSCALL_VECTOR) handleSyscall(frame);
  else panicOnTrap(frame, "unexpected interrupt");
};
