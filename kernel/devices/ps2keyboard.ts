// PS/2 keyboard on IRQ 1: scancodes in, characters into the keyboard input queue.
import { inb } from "../arch/i386/io";
import { translateScancode } from "./keymap";
import { INPUT_KEYBOARD, inputPush } from "./input";

const DATA_PORT: number = 0x60;
const STATUS_PORT: number = 0x64;
const OUTPUT_FULL: number = 0x01;
const FROM_MOUSE: number = 0x20;

/**
 * IRQ 1: drains the controller's output buffer into the keyboard input
 * queue. Returns whether a character arrived (tty/tty.ts wakes readers).
 */
export const keyboardInterrupt = (): boolean => {
  let arrived: boolean = false;
  while ((inb(STATUS_PORT) & OUTPUT_FULL) !== 0) {
    const status: number = inb(STATUS_PORT);
    const scancode: number = inb(DATA_PORT);
    if ((status & FROM_MOUSE) !== 0) continue;
    const c: number = translateScancode(scancode);
    if (c < 0) continue;
    inputPush(INPUT_KEYBOARD, c);
    arrived = true;
  }
  return arrived;
};
