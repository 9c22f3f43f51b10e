// The initial ramdisk: a ustar archive (docs/initrd.md) passed as a boot
// module and read in place through the direct map, entry by entry, when
// the root file system is populated from it (fs/vfs_init.ts).
import { peek8 } from "../arch/i386/io";
import { physToVirt } from "../mm/paging";

const BLOCK: number = 512;
const NAME_OFFSET: number = 0;
const NAME_BYTES: number = 100;
const MODE_OFFSET: number = 100;
const SIZE_OFFSET: number = 124;
const TYPE_OFFSET: number = 156;
const PREFIX_OFFSET: number = 345;
const PREFIX_BYTES: number = 155;
const TYPE_REGULAR: number = 48; // '0'
const TYPE_REGULAR_OLD: number = 0;
const TYPE_DIRECTORY: number = 53; // '5'

let archive: number = 0;
let archiveEnd: number = 0;

/** Uses the module at physical [start, end) as the ramdisk. */
export const initrdInit = (start: number, end: number): void => {
  archive = physToVirt(start);
  archiveEnd = physToVirt(end);
};

const octal = (address: number, length: number): number => {
  let value: number = 0;
  for (let i: number = 0; i < length; i++) {
    const c: number = peek8(address + i);
    if (c < 48 || c > 55) break;
    value = value * 8 + (c - 48);
  }
  return value;
};

export const INITRD_FILE: number = 0;
export const INITRD_DIRECTORY: number = 1;
export const INITRD_OTHER: number = 2;

/** The first entry's header, or 0 for an empty or missing archive. */
export const initrdFirst = (): number => (archive !== 0 && archive + BLOCK <= archiveEnd && peek8(archive) !== 0 ? archive : 0);

/** The header after header, or 0 at the end. */
export const initrdNext = (header: number): number => {
  const next: number = header + BLOCK + Math.ceil(initrdSize(header) / BLOCK) * BLOCK;
  return next + BLOCK <= archiveEnd && peek8(next) !== 0 ? next : 0;
};

export const initrdSize = (header: number): number => octal(header + SIZE_OFFSET, 12);
export const initrdMode = (header: number): number => octal(header + MODE_OFFSET, 8) & 0o7777;
/** Kernel address of the entry's bytes. */
export const initrdData = (header: number): number => header + BLOCK;

/** INITRD_FILE, INITRD_DIRECTORY or INITRD_OTHER. */
export const initrdType = (header: number): number => {
  const type: number = peek8(header + TYPE_OFFSET);
  if (type === TYPE_REGULAR || type === TYPE_REGULAR_OLD) return INITRD_FILE;
  return type === TYPE_DIRECTORY ? INITRD_DIRECTORY : INITRD_OTHER;
};

/** Copies up to limit NUL-terminated bytes at address into out from index at; returns the new index. */
const appendField = (out: Uint8Array, at: number, address: number, limit: number): number => {
  let index: number = at;
  for (let i: number = 0; i < limit && peek8(address + i) !== 0 && index < out.length; i++) {
    out[index] = peek8(address + i);
    index++;
  }
  return index;
};

/** Writes the entry's path ("/" + prefix + "/" + name, no trailing slash) into out; returns its length. */
export const initrdPath = (header: number, out: Uint8Array): number => {
  out[0] = 47;
  let length: number = appendField(out, 1, header + PREFIX_OFFSET, PREFIX_BYTES);
  if (length > 1) {
    out[length] = 47;
    length++;
  }
  length = appendField(out, length, header + NAME_OFFSET, NAME_BYTES);
  while (length > 1 && out[length - 1] === 47) length--;
  return length;
};
