// Where every interrupt, exception and syscall lands (from
// boot/interrupts.asm through kernel/rt/bridge.c): CPU exceptions, the 16
// legacy IRQs, and the int 0x82 syscall gate.
import { SYSCALL_VECTOR } from "./idt";
import { IRQ_BASE_VECTOR, IRQ_COM1, IRQ_KEYBOARD, IRQ_TIMER, picEndOfInterrupt, picIsGenuine } from "./pic";
import { pitTick, tickCount } from "./pit";
import { keyboardInterrupt } from "./ps2keyboard";
import { serialInterrupt } from "./serial";
import { fpuClobber } from "./faults";
import { FRAME_VECTOR, frameGet } from "./trapframe";
import { handlePageFault } from "../../mm/fault";
import { panicOnTrap } from "../../panic";
import { SIGFPE, SIGILL, SIGSEGV } from "../../api/abi";
import { processCrash } from "../../proc/exit";
import { currentProcess, schedulerTickFromUser, wakeExpiredSleepers } from "../../proc/scheduler";
import { handleSyscall } from "../../syscalls/syscall";
import { FRAME_EIP, frameFromUser } from "./trapframe";
import { exceptionName } from "../../panic";

const EXCEPTION_COUNT: number = 32;
const PAGE_FAULT: number = 14;

let clobberFpuOnTimer: boolean = false;

/** Test hook (test=cpu): every timer interrupt also leaves the FPU dirty, as a handler may. */
export const setFpuClobberOnTimer = (on: boolean): void => {
  clobberFpuOnTimer = on;
};

const DIVIDE_ERROR: number = 0;
const INVALID_OPCODE: number = 6;

/** IRQ 0: the clock advances one tick and the sleepers it makes due wake. */
const timerInterrupt = (): void => {
  pitTick();
  wakeExpiredSleepers(tickCount());
};

const handleIrq = (irq: number, frame: number): void => {
  if ((irq === 7 || irq === 15) && !picIsGenuine(irq)) return;
  if (irq === IRQ_TIMER) timerInterrupt();
  else if (irq === IRQ_KEYBOARD) keyboardInterrupt();
  else if (irq === IRQ_COM1) serialInterrupt();
  picEndOfInterrupt(irq);
  if (irq === IRQ_TIMER && frameFromUser(frame)) schedulerTickFromUser();
  // Last: after this no f64 code may run before the entry stub restores the FPU.
  if (irq === IRQ_TIMER && clobberFpuOnTimer) fpuClobber();
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
