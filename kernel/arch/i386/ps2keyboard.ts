// PS/2 keyboard on IRQ 1: scancodes in, characters into the console input queue.
import { inb } from "./io";
import { translateScancode } from "../../tty/keymap";
import { CONSOLE_INPUT_CHANNEL, inputPush } from "../../tty/input";
import { wakeup } from "../../proc/scheduler";
import { POLL_CHANNEL } from "../../fs/description";

const DATA_PORT: number = 0x60;
const STATUS_PORT: number = 0x64;
const OUTPUT_FULL: number = 0x01;
const FROM_MOUSE: number = 0x20;

/** IRQ 1: drains the controller's output buffer. */
export const keyboardInterrupt = (): void => {
  while ((inb(STATUS_PORT) & OUTPUT_FULL) !== 0) {
    const status: number = inb(STATUS_PORT);
    const scancode: number = inb(DATA_PORT);
    if ((status & FROM_MOUSE) !== 0) continue;
    const c: number = translateScancode(scancode);
    if (c >= 0) inputPush(c);
  }
  wakeup(CONSOLE_INPUT_CHANNEL);
  wakeup(POLL_CHANNEL); // a terminal may have become readable for select/poll
};
