// Exercises the kernel's pure-logic modules and prints one integer per line.
// tests/unit/differential.test.mjs runs it under node and compiled by
// porffor + gcc; both outputs must be identical.
import { argumentEquals, argumentLength, findArgument, hasWord } from "../../kernel/lib/cmdline";
import { formatSigned, formatUnsigned } from "../../kernel/lib/format";
import {
  frameAllocBelow, frameAllocContiguous, frameFree, frameIsFree, framesAddAvailable, framesAdopt, framesAvailable,
  framesFree, framesReserve, framesReset,
} from "../../kernel/mm/frames";
import {
  cyclesToNanoseconds, cyclesToSeconds, cyclesToTicks, daysFromCivil, durationToCycles, epochSeconds, timespecFraction,
  timespecIsValid, timespecSeconds, timespecStore,
} from "../../kernel/lib/time";
import { keymapReset, translateScancode } from "../../kernel/devices/keymap";

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

/** A memory map like QEMU's for -m 3072, the kernel's reservations, then allocation patterns. */
const exerciseFrames = (): void => {
  framesReset();
  framesAddAvailable(0, 0x9fc00);
  framesAddAvailable(0x100000, 0xbfee0000);
  framesReserve(0, 0x100000);
  framesReserve(0x100000, 0xa80000);
  emit(framesAvailable());
  emit(framesFree());
  emit(frameAllocBelow(0x4000000));
  emit(frameAllocBelow(0x4000000));
  emit(frameAllocContiguous(300, 0x30000000));
  emit(frameFree(0xa80000) ? 1 : 0);
  emit(frameFree(0xa80000) ? 1 : 0);
  emit(frameFree(0x5000) ? 1 : 0);
  emit(frameAllocBelow(0x4000000));
  let count: number = 0;
  let last: number = 0;
  for (let frame: number = frameAllocBelow(4294967296); frame !== 0; frame = frameAllocBelow(4294967296)) {
    count++;
    last = frame;
  }
  emit(count);
  emit(last);
  emit(framesFree());
  emit(frameFree(last) ? 1 : 0);
  emit(framesFree());
  exerciseAdoptAndReset();
};

/** A boot module's frames adopted in use, around word boundaries, freed one by one; then a reset to nothing. */
const exerciseAdoptAndReset = (): void => {
  framesReset();
  framesAddAvailable(0x100000, 0x1000000);
  framesReserve(0x200000, 0x400000 + 0x3000);
  emit(framesAvailable());
  emit(framesFree());
  framesAdopt(0x21f000, 0x43000);
  emit(framesAvailable());
  emit(framesFree());
  emit(frameIsFree(0x220000) ? 1 : 0);
  emit(frameFree(0x220000) ? 1 : 0);
  emit(frameFree(0x220000) ? 1 : 0);
  emit(frameIsFree(0x220000) ? 1 : 0);
  emit(frameFree(0x262000) ? 1 : 0);
  emit(frameFree(0x21e000) ? 1 : 0);
  framesAddAvailable(0x200000, 0x403000);
  emit(framesAvailable());
  emit(framesFree());
  emit(frameAllocContiguous(40, 0x1000000));
  emit(frameAllocContiguous(64, 0x1000000));
  emit(frameAllocContiguous(250, 0x1000000));
  emit(frameAllocContiguous(5000, 0x1000000));
  framesReset();
  emit(framesAvailable());
  emit(framesFree());
  emit(frameAllocBelow(4294967296));
  emit(frameIsFree(0x300000) ? 1 : 0);
};

/** Types "Hi, A!" with shift, caps lock and ctrl, as scancodes. */
const exerciseKeymap = (): void => {
  keymapReset();
  const scancodes: Uint8Array = new Uint8Array(16);
  const sequence: string = "\x2a\x23\xaa\x17\x33\x39\x3a\x1e\x3a\x1d\x2e\x9d\xe0\x48";
  for (let i: number = 0; i < sequence.length; i++) scancodes[i] = sequence.charCodeAt(i);
  for (let i: number = 0; i < sequence.length; i++) emit(translateScancode(scancodes[i]));
};

/** Calendar dates, PIT cycles to time and back to ticks, and the timespec layout. */
const exerciseTime = (): void => {
  emit(daysFromCivil(1970, 1, 1));
  emit(daysFromCivil(2000, 2, 29));
  emit(daysFromCivil(2021, 7, 20));
  emit(daysFromCivil(1969, 12, 31));
  emit(epochSeconds(2038, 1, 19, 3, 14, 8));
  const cycles: number = 1193182 * 100000 + 1193;
  emit(cyclesToSeconds(cycles, 1193182));
  emit(cyclesToNanoseconds(cycles, 1193182));
  emit(durationToCycles(0, 50000000, 1193182));
  emit(cyclesToTicks(durationToCycles(0, 50000000, 1193182), 1193));
  emit(cyclesToTicks(durationToCycles(1, 0, 1193182), 1193));
  emit(timespecIsValid(0, 999999999) ? 1 : 0);
  emit(timespecIsValid(0, 1000000000) ? 1 : 0);
  emit(timespecIsValid(-1, 0) ? 1 : 0);
  const words: Uint32Array = new Uint32Array(3);
  timespecStore(words, -5000000000, 7);
  emit(words[0]);
  emit(words[1]);
  emit(timespecSeconds(words));
  emit(timespecFraction(words));
  timespecStore(words, 6000000000, 999999999);
  emit(timespecSeconds(words));
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
  exerciseFrames();
  exerciseKeymap();
  exerciseTime();
};

runDriver();
