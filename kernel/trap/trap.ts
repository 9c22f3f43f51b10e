// The trap dispatch, as xv6's trap.c: every interrupt, exception and
// syscall lands here (boot/interrupts.asm calls kernel/rt/bridge.c, which
// calls handleInterrupt) and goes to its handler on a lower floor: CPU
// exceptions, the 16 legacy IRQs, and the int 0x82 syscall gate.
import { SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGSTKFLT, SIGTRAP } from "../api/abi";
import { readCr2 } from "../arch/i386/cpu";
import { fpuClobber } from "../arch/i386/faults";
import { SYSCALL_VECTOR } from "../arch/i386/idt";
import { IRQ_BASE_VECTOR, IRQ_COM1, IRQ_KEYBOARD, IRQ_TIMER, picEndOfInterrupt, picIsGenuine } from "../arch/i386/pic";
import { pitTick, tickCount } from "../arch/i386/pit";
import { profileTick } from "../debug/profile";
import { FRAME_EIP, FRAME_ERROR_CODE, FRAME_USER_ESP, FRAME_VECTOR, frameFromUser, frameGet } from "../arch/i386/trapframe";
import { exceptionName, panicOnTrap } from "../debug/panic";
import { keyboardInterrupt } from "../devices/ps2keyboard";
import { serialInterrupt } from "../devices/serial";
import { processCrash } from "../lifecycle/exit";
import { deliverSignals, onSignalStack, signalFault } from "../lifecycle/signal_delivery";
import { processAccountTick } from "../proc/process";
import { alarmsDue } from "../proc/signals";
import { describePageFault, PAGE_FAULT_WRITE } from "../mm/fault";
import { spaceIsStack, spaceResolveFault } from "../mm/space";
import { protectedSlotOf } from "../proc/protected";
import { currentProcess, currentThread, schedulerTickFromUser, wakeExpiredSleepers } from "../proc/scheduler";
import { handleSyscall } from "../syscalls/syscall";
import { TERMINAL_SERIAL, TERMINAL_VGA } from "../tty/terminals";
import { ttyInputArrived } from "../tty/tty";

const EXCEPTION_COUNT: number = 32;
const DIVIDE_ERROR: number = 0;
const DEBUG: number = 1;
const BREAKPOINT: number = 3;
const INVALID_OPCODE: number = 6;
const PAGE_FAULT: number = 14;
const X87_FLOATING_POINT: number = 16;
const ALIGNMENT_CHECK: number = 17;
const SIMD_FLOATING_POINT: number = 19;

let clobberFpuOnTimer: boolean = false;

/** Test hook (test=cpu): every timer interrupt also leaves the FPU dirty, as a handler may. */
export const setFpuClobberOnTimer = (on: boolean): void => {
  clobberFpuOnTimer = on;
};

/** IRQ 0: the clock advances one tick, the tick counts as the running process's CPU time (and as a profile sample), and the sleepers and alarms it makes due act. */
const timerInterrupt = (frame: number): void => {
  pitTick();
  if (currentThread !== 0) processAccountTick(currentProcess(), frameFromUser(frame));
  profileTick(frame);
  const now: number = tickCount();
  wakeExpiredSleepers(now);
  alarmsDue(now);
};

/** A legacy IRQ: the device moves its bytes, then the floor that owns them wakes whoever waits. */
const handleIrq = (irq: number, frame: number): void => {
  if ((irq === 7 || irq === 15) && !picIsGenuine(irq)) return;
  if (irq === IRQ_TIMER) timerInterrupt(frame);
  else if (irq === IRQ_KEYBOARD && keyboardInterrupt()) ttyInputArrived(TERMINAL_VGA);
  else if (irq === IRQ_COM1 && serialInterrupt()) ttyInputArrived(TERMINAL_SERIAL);
  picEndOfInterrupt(irq);
  if (irq === IRQ_TIMER && frameFromUser(frame)) schedulerTickFromUser();
};

/**
 * Vector 14: a user fault with esp outside a stack region (or the thread's alternate signal stack) kills the
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
    if (!spaceIsStack(process, esp) && !onSignalStack(esp)) processCrash(process, SIGSTKFLT, "bad stack on page fault, esp", esp);
    else if (!spaceResolveFault(process, address, write)) signalFault(SIGSEGV, write ? "page fault writing" : "page fault reading", address);
    return;
  }
  describePageFault(frame);
  if (protectedSlotOf(address) >= 0 && write) panicOnTrap(frame, "write to protected process data outside a mutation scope");
  panicOnTrap(frame, "kernel page fault");
};

/** The signal a CPU exception in ring 3 raises. */
const exceptionSignal = (vector: number): number => {
  if (vector === DIVIDE_ERROR || vector === X87_FLOATING_POINT || vector === SIMD_FLOATING_POINT) return SIGFPE;
  if (vector === DEBUG || vector === BREAKPOINT) return SIGTRAP;
  if (vector === INVALID_OPCODE) return SIGILL;
  if (vector === ALIGNMENT_CHECK) return SIGBUS;
  return SIGSEGV;
};

/** A CPU exception in ring 3 raises its signal on the thread (caught, or the process dies of it). */
const handleUserException = (frame: number, vector: number): void => {
  signalFault(exceptionSignal(vector), exceptionName(vector), frameGet(frame, FRAME_EIP));
};

/**
 * Dispatches the interrupt whose saved state is at frame; on the way back
 * to ring 3 the thread's pending signals act (lifecycle/signal_delivery.ts).
 */
export const handleInterrupt = (frame: number): void => {
  const vector: number = frameGet(frame, FRAME_VECTOR);
  if (vector === PAGE_FAULT) handlePageFault(frame);
  else if (vector < EXCEPTION_COUNT && frameFromUser(frame)) handleUserException(frame, vector);
  else if (vector < EXCEPTION_COUNT) panicOnTrap(frame, "unhandled exception");
  else if (vector < IRQ_BASE_VECTOR + 16) handleIrq(vector - IRQ_BASE_VECTOR, frame);
  else if (vector === SYSCALL_VECTOR) handleSyscall(frame);
  else panicOnTrap(frame, "unexpected interrupt");
  if (frameFromUser(frame)) deliverSignals(frame);
  // Last: after this no f64 code may run before the entry stub restores the FPU.
  if (vector === IRQ_BASE_VECTOR + IRQ_TIMER && clobberFpuOnTimer) fpuClobber();
};
