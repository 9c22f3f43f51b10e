// Console input (test=input): the harness types a line on the PS/2
// keyboard through QEMU's monitor (sendkey), then a line on COM1; both must
// come out of their own terminal's line discipline as the expected characters.
import { stiHlt } from "../arch/i386/cpu";
import { uptimeMs } from "../arch/i386/pit";
import { bytesEqual } from "../lib/format";
import { TERMINAL_SERIAL, TERMINAL_VGA } from "../tty/terminals";
import { ttyTakeByte } from "../tty/tty";
import { kprint, kprintBytes, kprintln } from "../devices/console";
import { ktest } from "../debug/ktest";

const LINE_TIMEOUT_MS: number = 20000;
const line: Uint8Array = new Uint8Array(128);

/** Reads characters of terminal up to a newline (not stored) or the timeout; returns the length. */
const readLine = (terminal: number): number => {
  const deadline: number = uptimeMs() + LINE_TIMEOUT_MS;
  let length: number = 0;
  while (uptimeMs() < deadline) {
    const c: number = ttyTakeByte(terminal);
    if (c === 10) return length;
    if (c < 0) stiHlt();
    else if (length < line.length) {
      line[length] = c;
      length++;
    }
  }
  return length;
};

const expectLine = (source: string, expected: string): void => {
  kprint("INPUT-READY ");
  kprintln(source);
  const length: number = readLine(source === "keyboard" ? TERMINAL_VGA : TERMINAL_SERIAL);
  kprint("INPUT-LINE ");
  kprint(source);
  kprint(": ");
  kprintBytes(line, length);
  kprintln("");
  ktest(source === "keyboard" ? "keyboard-line" : "serial-line", bytesEqual(line, 0, length, expected), "wrong characters");
};

/** Runs the input test set. */
export const runInputTests = (): void => {
  expectLine("keyboard", "Hello, TSOS! 42");
  expectLine("serial", "typed on COM1");
};
