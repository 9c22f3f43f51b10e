// Exercises the kernel's pure-logic modules and prints one integer per line.
// tests/unit/differential.test.mjs runs it under node and compiled by
// porffor + gcc; both outputs must be identical.
import { argumentEquals, argumentLength, findArgument, hasWord } from "../../kernel/lib/cmdline";
import { formatSigned, formatUnsigned } from "../../kernel/lib/format";

declare const print: (value: number) => void;
declare const printChar: (code: number) => void;

const out: Uint8Array = new Uint8Array(64);
const line: Uint8Array = new Uint8Array(128);

const emit = (value: number): void => {
  print(value);
  printChar(10);
};

/** Prints the length, then every byte, of a formatted number. */
const emitFormatted = (length: number): void => {
  emit(length);
  for (let i: number = 0; i < length; i++) emit(out[i]);
};

const setLine = (text: string): number => {
  for (let i: number = 0; i < text.length; i++) line[i] = text.charCodeAt(i);
  return text.length;
};

const runDriver = (): void => {
  const values: Uint32Array = new Uint32Array(6);
  values[0] = 0;
  values[1] = 7;
  values[2] = 0x7fffffff;
  values[3] = 0x80000000;
  values[4] = 0xc0100000;
  values[5] = 0xffffffff;
  for (let i: number = 0; i < values.length; i++) {
    emitFormatted(formatUnsigned(values[i], 10, 1, out));
    emitFormatted(formatUnsigned(values[i], 16, 8, out));
    emitFormatted(formatUnsigned(values[i], 2, 1, out));
  }
  emitFormatted(formatSigned(-2147483648, out));
  emitFormatted(formatSigned(-1, out));
  emitFormatted(formatSigned(42, out));
  const length: number = setLine("/boot/kernel.elf test=boot  mem=256 quiet test2=x");
  emit(findArgument(line, length, "test"));
  emit(findArgument(line, length, "mem"));
  emit(findArgument(line, length, "quiet"));
  emit(findArgument(line, length, "nope"));
  emit(argumentLength(line, length, findArgument(line, length, "test2")));
  emit(argumentEquals(line, length, "test", "boot") ? 1 : 0);
  emit(argumentEquals(line, length, "test", "boo") ? 1 : 0);
  emit(argumentEquals(line, length, "mem", "256") ? 1 : 0);
  emit(hasWord(line, 0, length, "quiet") ? 1 : 0);
  emit(hasWord(line, 0, length, "qui") ? 1 : 0);
  emit(hasWord(line, 17, 9, "test=boot") ? 1 : 0);
};

runDriver();
