// The two 8259 PICs, remapped so IRQ 0-15 arrive as vectors 0x20-0x2F
// instead of colliding with CPU exceptions.
import { inb, outb } from "./io";

export const IRQ_BASE_VECTOR: number = 0x20;
export const IRQ_TIMER: number = 0;
export const IRQ_KEYBOARD: number = 1;
export const IRQ_COM1: number = 4;
const MASTER_COMMAND: number = 0x20;
const MASTER_DATA: number = 0x21;
const SLAVE_COMMAND: number = 0xa0;
const SLAVE_DATA: number = 0xa1;
const END_OF_INTERRUPT: number = 0x20;
const READ_ISR: number = 0x0b;
const READ_IRR: number = 0x0a;

/** Remaps both PICs and masks every IRQ except the cascade (IRQ 2). */
export const picInit = (): void => {
  outb(MASTER_COMMAND, 0x11); // ICW1: init, ICW4 follows
  outb(SLAVE_COMMAND, 0x11);
  outb(MASTER_DATA, IRQ_BASE_VECTOR); // ICW2: vector offsets
  outb(SLAVE_DATA, IRQ_BASE_VECTOR + 8);
  outb(MASTER_DATA, 0x04); // ICW3: slave on IRQ 2
  outb(SLAVE_DATA, 0x02);
  outb(MASTER_DATA, 0x01); // ICW4: 8086 mode
  outb(SLAVE_DATA, 0x01);
  outb(MASTER_DATA, 0xfb);
  outb(SLAVE_DATA, 0xff);
};

/** Unmasks one IRQ line. */
export const picEnable = (irq: number): void => {
  if (irq < 8) outb(MASTER_DATA, inb(MASTER_DATA) & ~(1 << irq) & 0xff);
  else outb(SLAVE_DATA, inb(SLAVE_DATA) & ~(1 << (irq - 8)) & 0xff);
};

/**
 * True when irq (7 or 15) is really in service. A spurious IRQ 7/15 is
 * raised without setting its in-service bit and must not be acknowledged
 * (except the cascade on the master for a spurious 15).
 */
export const picIsGenuine = (irq: number): boolean => {
  const command: number = irq < 8 ? MASTER_COMMAND : SLAVE_COMMAND;
  outb(command, READ_ISR);
  const inService: number = inb(command);
  const genuine: boolean = (inService & (1 << (irq & 7))) !== 0;
  if (!genuine && irq >= 8) outb(MASTER_COMMAND, END_OF_INTERRUPT);
  return genuine;
};

/** True when the master PIC has irq (0-7) raised and not yet delivered. */
export const picIsPending = (irq: number): boolean => {
  outb(MASTER_COMMAND, READ_IRR);
  const requested: number = inb(MASTER_COMMAND);
  outb(MASTER_COMMAND, READ_ISR); // the register picIsGenuine expects to read
  return (requested & (1 << irq)) !== 0;
};

/** Acknowledges an IRQ so the PIC delivers the next one. */
export const picEndOfInterrupt = (irq: number): void => {
  if (irq >= 8) outb(SLAVE_COMMAND, END_OF_INTERRUPT);
  outb(MASTER_COMMAND, END_OF_INTERRUPT);
};
