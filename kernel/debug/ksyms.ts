// Kernel symbol lookup for backtraces. tools/ksyms.mjs writes the sorted
// function symbols of the linked kernel into the .ksyms section
// (boot/linker.ld): u32 count, then count pairs (address, name offset),
// then NUL-terminated names; offsets are from the table's start.
import { ksymsTableAddress } from "../arch/i386/cpu";
import { peek32, peek8 } from "../arch/i386/io";
import { kprint, kprintHex, kputchar } from "../devices/console";

const entryAddress = (table: number, index: number): number => peek32(table + 4 + index * 8);

/** Index of the last symbol at or below address, or -1. */
export const ksymIndex = (address: number): number => {
  const table: number = ksymsTableAddress();
  let low: number = 0;
  let high: number = peek32(table) - 1;
  let found: number = -1;
  while (low <= high) {
    const middle: number = (low + high) >>> 1;
    if (entryAddress(table, middle) <= address) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
};

/**
 * Prints `name+0xoffset` for a code address, or `?` when no symbol covers
 * it. A return address is looked up one byte earlier: after a call that
 * ends a function it is the first byte of the next one.
 */
export const kprintSymbol = (address: number, isReturnAddress: boolean): void => {
  const index: number = ksymIndex(isReturnAddress ? address - 1 : address);
  if (index < 0) {
    kputchar(63); // '?'
    return;
  }
  const table: number = ksymsTableAddress();
  const name: number = table + peek32(table + 8 + index * 8);
  for (let i: number = 0; peek8(name + i) !== 0; i++) kputchar(peek8(name + i));
  kprint("+");
  kprintHex(address - entryAddress(table, index), 1);
};
