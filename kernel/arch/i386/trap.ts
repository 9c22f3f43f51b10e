// Where every interrupt, exception and syscall lands (from
// boot/interrupts.asm through kernel/rt/bridge.c): CPU exceptions, the 16
// legacy IRQs, and the int 0x82 syscall gate.
import { SYSCALL_VECTOR } from "./idt";
import { IRQ_BASE_VECTOR, IRQ_COM1, IRQ_KEYBOARD, IRQ_TIMER, picEndOfInterrupt, picIsGenuine } from "./pic";
import { pitTick } from "./pit";
import { keyboardInterrupt } from "./ps2keyboard";
import { serialInterrupt } from "./serial";
import { fpuClobber } from "./faults";
import { FRAME_EAX, FRAME_VECTOR, frameGet, frameSet } from "./trapframe";
import { handlePageFault } from "../../mm/fault";
import { panicOnTrap } from "../../panic";

const EXCEPTION_COUNT: number = 32;
const PAGE_FAULT: number = 14;
const ENOSYS: number = 38;

let clobberFpuOnTimer: boolean = false;

/** Test hook (test=cpu): every timer interrupt also leaves the FPU dirty, as a handler may. */
export const setFpuClobberOnTimer = (on: boolean): void => {
  clobberFpuOnTimer = on;
};

const handleIrq = (irq: number): void => {
  if ((irq === 7 || irq === 15) && !picIsGenuine(irq)) return;
  if (irq === IRQ_TIMER) {
    pitTick();
    if (clobberFpuOnTimer) fpuClobber();
  }
  else if (irq === IRQ_KEYBOARD) keyboardInterrupt();
  else if (irq === IRQ_COM1) serialInterrupt();
  picEndOfInterrupt(irq);
};

/** Dispatches the interrupt whose saved state is at frame. */
export const handleInterrupt = (frame: number): void => {
  const vector: number = frameGet(frame, FRAME_VECTOR);
  if (vector === PAGE_FAULT) handlePageFault(frame);
  else if (vector < EXCEPTION_COUNT) panicOnTrap(frame, "unhandled exception");
  else if (vector < IRQ_BASE_VECTOR + 16) handleIrq(vector - IRQ_BASE_VECTOR);
  else if (vector === SYSCALL_VECTOR) frameSet(frame, FRAME_EAX, -ENOSYS);
  else panicOnTrap(frame, "unexpected interrupt");
};
