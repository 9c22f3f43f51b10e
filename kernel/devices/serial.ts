// COM1 driver (16550 UART): the kernel's first console and the channel the
// test harness reads. Output waits for the transmitter; input arrives by
// IRQ 4 into the serial input queue.
import { cli, readEflags, sti } from "../arch/i386/cpu";
import { inb, outb } from "../arch/i386/io";
import { INPUT_SERIAL, inputPush } from "./input";

const COM1: number = 0x3f8;
const DATA: number = 0;
const INTERRUPT_ENABLE: number = 1;
const FIFO_CONTROL: number = 2;
const LINE_CONTROL: number = 3;
const MODEM_CONTROL: number = 4;
const LINE_STATUS: number = 5;

const LSR_DATA_READY: number = 0x01;
const LSR_TRANSMIT_EMPTY: number = 0x20;
const MCR_DTR_RTS_OUT2: number = 0x0b;
const MCR_LOOPBACK: number = 0x10;
const IER_DATA_AVAILABLE: number = 0x01;

/**
 * Programs COM1 for 115200 baud, 8N1, interrupts off, and the FIFOs off:
 * switching them on clears the receiver, which loses whatever was typed
 * or piped in while the machine booted (a byte that lands between a
 * drain and the switch cannot be saved). Bytes already received go to the
 * serial input queue.
 */
export const serialInit = (): void => {
  outb(COM1 + INTERRUPT_ENABLE, 0);
  for (let c: number = serialGetChar(); c !== -1; c = serialGetChar()) inputPush(INPUT_SERIAL, c);
  outb(COM1 + LINE_CONTROL, 0x80); // divisor latch access
  outb(COM1 + DATA, 1); // divisor 1: 115200 baud
  outb(COM1 + INTERRUPT_ENABLE, 0);
  outb(COM1 + LINE_CONTROL, 0x03); // 8 bits, no parity, one stop bit
  outb(COM1 + FIFO_CONTROL, 0); // FIFOs stay off (see above): one byte per receive interrupt
  outb(COM1 + MODEM_CONTROL, MCR_DTR_RTS_OUT2);
};

/** Sends one byte, waiting for room in the transmitter. */
export const serialPutChar = (c: number): void => {
  while ((inb(COM1 + LINE_STATUS) & LSR_TRANSMIT_EMPTY) === 0) {
    // the UART drains at line speed; nothing else to do yet
  }
  outb(COM1 + DATA, c);
};

/** Returns the next received byte, or -1 when none is waiting. */
export const serialGetChar = (): number => {
  if ((inb(COM1 + LINE_STATUS) & LSR_DATA_READY) === 0) return -1;
  return inb(COM1 + DATA);
};

/**
 * Loopback self-test: with the UART wired to itself, a sent byte must come
 * back. Returns true when it does. Leaves the UART in normal mode. Runs
 * with interrupts off, or the receive interrupt would take the echo.
 */
export const serialLoopbackTest = (c: number): boolean => {
  const enabled: boolean = (readEflags() & 0x200) !== 0;
  cli();
  while (serialGetChar() !== -1) {
    // drop stale input so the echo is the next byte
  }
  outb(COM1 + MODEM_CONTROL, MCR_LOOPBACK | MCR_DTR_RTS_OUT2);
  outb(COM1 + DATA, c);
  let echoed: number = -1;
  for (let tries: number = 0; tries < 100000 && echoed === -1; tries++) echoed = serialGetChar();
  outb(COM1 + MODEM_CONTROL, MCR_DTR_RTS_OUT2);
  if (enabled) sti();
  return echoed === c;
};

/** Raises IRQ 4 whenever a byte arrives. */
export const serialEnableReceiveInterrupt = (): void => {
  outb(COM1 + INTERRUPT_ENABLE, IER_DATA_AVAILABLE);
};

/**
 * IRQ 4: moves every received byte into the serial input queue (the
 * terminal's ICRNL turns Enter's CR into LF). Returns whether any arrived: waking
 * readers is the tty's business (tty/tty.ts), not a device's.
 */
export const serialInterrupt = (): boolean => {
  let arrived: boolean = false;
  for (let c: number = serialGetChar(); c !== -1; c = serialGetChar()) {
    inputPush(INPUT_SERIAL, c);
    arrived = true;
  }
  return arrived;
};
