// The kernel console: every message goes to COM1 and to the VGA screen.
import { peek8 } from "../arch/i386/io";
import { serialPutChar } from "./serial";
import { vgaPutChar } from "./vga";
import { formatSigned, formatUnsigned } from "../lib/format";

const digits: Uint8Array = new Uint8Array(24);

/** Writes one character to both consoles (LF becomes CR LF on serial). */
export const kputchar = (c: number): void => {
  if (c === 10) serialPutChar(13);
  serialPutChar(c);
  vgaPutChar(c);
};

/** Writes a string. */
export const kprint = (text: string): void => {
  for (let i: number = 0; i < text.length; i++) kputchar(text.charCodeAt(i));
};

/** Writes a string and a newline. */
export const kprintln = (text: string): void => {
  kprint(text);
  kputchar(10);
};

/** Writes the first length bytes of a buffer. */
export const kprintBytes = (bytes: Uint8Array, length: number): void => {
  for (let i: number = 0; i < length; i++) kputchar(bytes[i]);
};

/** Writes length bytes from a kernel address. */
export const kprintMemory = (address: number, length: number): void => {
  for (let i: number = 0; i < length; i++) kputchar(peek8(address + i));
};

/** Writes a signed integer in decimal. */
export const kprintDecimal = (value: number): void => {
  kprintBytes(digits, formatSigned(value, digits));
};

/** Writes an unsigned integer as 0x followed by at least minDigits hex digits. */
export const kprintHex = (value: number, minDigits: number): void => {
  kprint("0x");
  kprintBytes(digits, formatUnsigned(value, 16, minDigits, digits));
};
