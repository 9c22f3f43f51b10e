// The console terminal: its termios state, and the input path that wakes
// readers once a device has queued console input. Characters go straight
// from devices/input.ts to readers (no line editing: the shell edits its
// own lines); termios is kept so that programs can save and restore it.
import { TERMIOS_BYTES, TERMIOS_WORDS } from "../api/layout";
import { wordsAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { CONSOLE_INPUT_CHANNEL, POLL_CHANNEL } from "../proc/channels";
import { wakeup } from "../proc/scheduler";

/** sizeof(struct termios) in the reference's libc. */
const consoleTermios: Uint32Array = new Uint32Array(TERMIOS_WORDS);

/** Console input arrived (the trap dispatch calls it after a device's interrupt): readers and pollers wake. */
export const ttyInputArrived = (): void => {
  wakeup(CONSOLE_INPUT_CHANNEL);
  wakeup(POLL_CHANNEL); // a terminal may have become readable for select/poll
};

/** TCGETS: copies the console's termios to process's address; 0 or -1 on a bad address. */
export const ttyGetTermios = (process: number, address: number): number =>
  copyToUser(process, address, wordsAddress(consoleTermios), TERMIOS_BYTES) < 0 ? -1 : 0;

/** TCSETS*: takes the console's termios from process's address; 0 or -1 on a bad address. */
export const ttySetTermios = (process: number, address: number): number =>
  copyFromUser(process, wordsAddress(consoleTermios), address, TERMIOS_BYTES) < 0 ? -1 : 0;
