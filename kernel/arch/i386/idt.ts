// Interrupt descriptor table: every vector points at its stub in
// boot/interrupts.asm, which saves the full state and calls handleInterrupt
// (trap/trap.ts). Exceptions and IRQs use interrupt gates (interrupts off on
// entry); the syscall vector 0x82 is a trap gate callable from ring 3, and
// int3 and into (vectors 3 and 4) may be raised from ring 3 too, so that
// they reach the program as SIGTRAP and SIGSEGV rather than as a #GP.
import { idtTableAddress, interruptStubTable, lidt } from "./cpu";
import { KERNEL_CODE_SELECTOR } from "./gdt";
import { peek32, poke16, poke8 } from "./io";

export const SYSCALL_VECTOR: number = 0x82;
const VECTORS: number = 256;
const GATE_INTERRUPT_RING0: number = 0x8e;
const GATE_TRAP_RING3: number = 0xef;
const GATE_INTERRUPT_RING3: number = 0xee;
const BREAKPOINT_VECTOR: number = 3;
const OVERFLOW_VECTOR: number = 4;

/** The gate of vector: who may raise it with int, and whether interrupts stay on. */
const gateFor = (vector: number): number => {
  if (vector === SYSCALL_VECTOR) return GATE_TRAP_RING3;
  if (vector === BREAKPOINT_VECTOR || vector === OVERFLOW_VECTOR) return GATE_INTERRUPT_RING3;
  return GATE_INTERRUPT_RING0;
};

/** Points vector at handler with the given gate type and privilege. */
const setGate = (vector: number, handler: number, typeAttributes: number): void => {
  const entry: number = idtTableAddress() + vector * 8;
  poke16(entry, handler & 0xffff);
  poke16(entry + 2, KERNEL_CODE_SELECTOR);
  poke8(entry + 4, 0);
  poke8(entry + 5, typeAttributes);
  poke16(entry + 6, (handler >>> 16) & 0xffff);
};

/** Fills all 256 gates and loads the IDT. */
export const idtInit = (): void => {
  const stubs: number = interruptStubTable();
  for (let vector: number = 0; vector < VECTORS; vector++) {
    setGate(vector, peek32(stubs + vector * 4), gateFor(vector));
  }
  lidt(idtTableAddress(), VECTORS * 8 - 1);
};
