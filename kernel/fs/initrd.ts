// The initial ramdisk: a ustar archive (docs/initrd.md) passed as a boot
// module and read in place. Files are found by path; their bytes stay in
// the module's memory, reached through the direct map.
import { peek8 } from "../arch/i386/io";
import { EACCES, ENOENT, ENOTDIR } from "../api/errno";
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

/**
 * True when the header's name (prefix "/" name, NUL-padded, a directory's
 * with a trailing slash) equals path[start..start+length).
 */
const headerNameEquals = (header: number, path: Uint8Array, start: number, length: number): boolean => {
  let index: number = start;
  const end: number = start + length;
  for (let i: number = 0; i < PREFIX_BYTES && peek8(header + PREFIX_OFFSET + i) !== 0; i++) {
    if (index >= end || path[index] !== peek8(header + PREFIX_OFFSET + i)) return false;
    index++;
  }
  if (index !== start) {
    if (index >= end || path[index] !== 47) return false;
    index++;
  }
  for (let i: number = 0; i < NAME_BYTES && peek8(header + NAME_OFFSET + i) !== 0; i++) {
    const c: number = peek8(header + NAME_OFFSET + i);
    if (index === end && c === 47 && (i + 1 === NAME_BYTES || peek8(header + NAME_OFFSET + i + 1) === 0)) return true;
    if (index >= end || path[index] !== c) return false;
    index++;
  }
  return index === end;
};

let foundSize: number = 0;
let foundMode: number = 0;

/** The header of the entry named path[start..start+length), or 0. */
const findHeader = (path: Uint8Array, start: number, length: number): number => {
  let header: number = archive;
  while (header !== 0 && header + BLOCK <= archiveEnd && peek8(header) !== 0) {
    if (headerNameEquals(header, path, start, length)) return header;
    header += BLOCK + Math.ceil(octal(header + SIZE_OFFSET, 12) / BLOCK) * BLOCK;
  }
  return 0;
};

const isRegular = (header: number): boolean => {
  const type: number = peek8(header + TYPE_OFFSET);
  return type === TYPE_REGULAR || type === TYPE_REGULAR_OLD;
};

/**
 * Looks up the regular file at path[0..length) ("/bin/init"). Returns the
 * kernel address of its bytes (size and mode in initrdFoundSize/Mode), or
 * -ENOENT, -EACCES for a directory, -ENOTDIR when a leading component is
 * a file.
 */
export const initrdLookup = (path: Uint8Array, length: number): number => {
  let start: number = 0;
  while (start < length && path[start] === 47) start++;
  const header: number = findHeader(path, start, length - start);
  if (header !== 0) {
    if (peek8(header + TYPE_OFFSET) === TYPE_DIRECTORY || !isRegular(header)) return -EACCES;
    foundSize = octal(header + SIZE_OFFSET, 12);
    foundMode = octal(header + MODE_OFFSET, 8);
    return header + BLOCK;
  }
  for (let cut: number = start; cut < length; cut++) {
    if (path[cut] !== 47) continue;
    const prefix: number = findHeader(path, start, cut - start);
    if (prefix !== 0 && isRegular(prefix)) return -ENOTDIR;
  }
  return -ENOENT;
};

/** Size of the file the last successful initrdLookup returned. */
export const initrdFoundSize = (): number => foundSize;

/** Permission bits of the file the last successful initrdLookup returned. */
export const initrdFoundMode = (): number => foundMode;
