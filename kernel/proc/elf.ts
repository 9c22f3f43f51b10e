// ELF32 executables for i386: header checks and loading PT_LOAD segments
// into a fresh address space with W^X (no segment both writable and
// executable), and the PT_TLS image the program's threads copy. Reads the file in place (kernel address, size). ET_EXEC
// files load where they say; ET_DYN files (static PIE, interpreters) at a
// load bias the caller picks (elfLoadBias), added to every address.
import { copyBytes, peek16, peek32, peek8 } from "../arch/i386/io";
import { pageDown, pageUp } from "../mm/frames";
import { spaceAddRegion, spaceMapZeroedPage, USER_RANGE_CEILING } from "../mm/space";
import { PROT_EXEC, PROT_READ, PROT_WRITE } from "../api/abi";
import { PAGE_SIZE, PATH_MAX } from "../api/limits";

const ET_EXEC: number = 2;
const ET_DYN: number = 3;
const PT_INTERP: number = 3;
const EM_386: number = 3;
const PT_LOAD: number = 1;
const PT_TLS: number = 7;
/** The largest PT_TLS image (memory bytes) a program may ask for. */
const MAX_TLS_BYTES: number = 1024 * 1024;
const PF_X: number = 1;
const PF_W: number = 2;
const PF_R: number = 4;
const HEADER_BYTES: number = 52;
const PROGRAM_HEADER_BYTES: number = 32;
const MAX_PROGRAM_HEADERS: number = 32;

// The fields of one program header, filled by readProgramHeader.
const segment: Uint32Array = new Uint32Array(7);
const SEG_TYPE: number = 0;
const SEG_OFFSET: number = 1;
const SEG_ADDRESS: number = 2;
const SEG_FILE_BYTES: number = 3;
const SEG_MEMORY_BYTES: number = 4;
const SEG_FLAGS: number = 5;
const SEG_ALIGNMENT: number = 6;

/** Reads program header i of file into segment. */
const readProgramHeader = (file: number, i: number): void => {
  const header: number = file + peek32(file + 28) + i * PROGRAM_HEADER_BYTES;
  segment[SEG_TYPE] = peek32(header);
  segment[SEG_OFFSET] = peek32(header + 4);
  segment[SEG_ADDRESS] = peek32(header + 8);
  segment[SEG_FILE_BYTES] = peek32(header + 16);
  segment[SEG_MEMORY_BYTES] = peek32(header + 20);
  segment[SEG_FLAGS] = peek32(header + 24);
  segment[SEG_ALIGNMENT] = peek32(header + 28);
};

// The page range [loadStart, loadEnd) of each PT_LOAD segment elfValid has
// accepted so far: two segments may not share a page (one page cannot have
// both protections, and the second would replace the first's frame).
const loadStart: Uint32Array = new Uint32Array(MAX_PROGRAM_HEADERS);
const loadEnd: Uint32Array = new Uint32Array(MAX_PROGRAM_HEADERS);

/** True when the page range [start, end) overlaps one of the first `loads` accepted segments. */
const overlapsLoaded = (start: number, end: number, loads: number): boolean => {
  for (let j: number = 0; j < loads; j++) {
    if (start < loadEnd[j] && loadStart[j] < end) return true;
  }
  return false;
};

/** True when [offset, offset + length) lies inside a file of size bytes. */
const inFile = (offset: number, length: number, size: number): boolean => offset >= 0 && length >= 0 && offset + length <= size;

// Where ET_DYN files go: a random page in [DYN_LOAD_BASE, DYN_LOAD_BASE + DYN_LOAD_PAGES pages), below
// the mmap area; an interpreter goes DYN_INTERPRETER_GAP above the program it serves.
const DYN_LOAD_BASE: number = 0x08000000;
const DYN_LOAD_PAGES: number = 4096;
const DYN_INTERPRETER_GAP: number = 0x08000000;

/** The load bias for file (at least 52 bytes): 0 for ET_EXEC; for ET_DYN a random page-aligned one, higher for an interpreter. */
export const elfLoadBias = (file: number, random: number, interpreter: boolean): number => {
  if (peek16(file + 16) !== ET_DYN) return 0;
  return DYN_LOAD_BASE + (interpreter ? DYN_INTERPRETER_GAP : 0) + (random % DYN_LOAD_PAGES) * PAGE_SIZE;
};

/** True when file (size bytes) is a loadable i386 executable whose segments, moved by bias, are sane, W^X and on pages of their own. */
export const elfValid = (file: number, size: number, bias: number): boolean => {
  if (size < HEADER_BYTES) return false;
  if (peek32(file) !== 0x464c457f || peek8(file + 4) !== 1 || peek8(file + 5) !== 1 || peek8(file + 6) !== 1) return false;
  const type: number = peek16(file + 16);
  if ((type !== ET_EXEC && type !== ET_DYN) || peek16(file + 18) !== EM_386) return false;
  const programHeaders: number = peek32(file + 28);
  const count: number = peek16(file + 44);
  if (peek16(file + 42) !== PROGRAM_HEADER_BYTES || count > MAX_PROGRAM_HEADERS) return false;
  if (!inFile(programHeaders, count * PROGRAM_HEADER_BYTES, size)) return false;
  let loads: number = 0;
  for (let i: number = 0; i < count; i++) {
    readProgramHeader(file, i);
    const address: number = segment[SEG_ADDRESS] + bias;
    const memoryBytes: number = segment[SEG_MEMORY_BYTES];
    const flags: number = segment[SEG_FLAGS];
    if (segment[SEG_TYPE] === PT_INTERP && !interpreterPathValid(file, size)) return false;
    if (segment[SEG_TYPE] === PT_TLS && !tlsSegmentValid(size)) return false;
    if (segment[SEG_TYPE] !== PT_LOAD || memoryBytes === 0) continue; // an empty segment maps nothing
    if (!inFile(segment[SEG_OFFSET], segment[SEG_FILE_BYTES], size) || segment[SEG_FILE_BYTES] > memoryBytes) return false;
    if (address + memoryBytes >= USER_RANGE_CEILING || address < PAGE_SIZE) return false;
    if ((flags & PF_W) !== 0 && (flags & PF_X) !== 0) return false;
    const start: number = pageDown(address);
    const end: number = pageUp(address + memoryBytes);
    if (overlapsLoaded(start, end, loads)) return false;
    loadStart[loads] = start;
    loadEnd[loads] = end;
    loads++;
  }
  const entry: number = elfEntry(file, bias);
  return loads > 0 && entry >= PAGE_SIZE && entry < USER_RANGE_CEILING;
};

/** A PT_INTERP segment (in segment) names a path: inside the file, 2..PATH_MAX bytes, NUL-terminated and only there. */
const interpreterPathValid = (file: number, size: number): boolean => {
  const length: number = segment[SEG_FILE_BYTES];
  if (!inFile(segment[SEG_OFFSET], length, size) || length < 2 || length > PATH_MAX) return false;
  for (let i: number = 0; i < length - 1; i++) {
    if (peek8(file + segment[SEG_OFFSET] + i) === 0) return false;
  }
  return peek8(file + segment[SEG_OFFSET] + length - 1) === 0;
};

/** A PT_TLS segment (in segment) lies in the file (size bytes), fits its memory size and has a power-of-two alignment of at most a page. */
const tlsSegmentValid = (size: number): boolean => {
  const alignment: number = segment[SEG_ALIGNMENT];
  if (!inFile(segment[SEG_OFFSET], segment[SEG_FILE_BYTES], size) || segment[SEG_FILE_BYTES] > segment[SEG_MEMORY_BYTES]) return false;
  return segment[SEG_MEMORY_BYTES] <= MAX_TLS_BYTES && alignment <= PAGE_SIZE && (alignment & (alignment - 1)) === 0;
};

/** Reads a valid ELF file's first program header of type into segment; false without one. */
const findSegment = (file: number, type: number): boolean => {
  const count: number = peek16(file + 44);
  for (let i: number = 0; i < count; i++) {
    readProgramHeader(file, i);
    if (segment[SEG_TYPE] === type) return true;
  }
  return false;
};

/** The file offset of a valid ELF file's interpreter path (PT_INTERP), or -1 without one. */
export const elfInterpreterOffset = (file: number): number => findSegment(file, PT_INTERP) ? segment[SEG_OFFSET] : -1;

/** The length, without its NUL, of a valid ELF file's interpreter path (0 without one). */
export const elfInterpreterLength = (file: number): number => findSegment(file, PT_INTERP) ? segment[SEG_FILE_BYTES] - 1 : 0;

/** The memory size of a valid ELF file's TLS image (PT_TLS), 0 without one. */
export const elfTlsBytes = (file: number): number => findSegment(file, PT_TLS) ? segment[SEG_MEMORY_BYTES] : 0;
/** The bytes of the TLS image that come from the file (the rest is zero). */
export const elfTlsFileBytes = (file: number): number => findSegment(file, PT_TLS) ? segment[SEG_FILE_BYTES] : 0;
/** The kernel address of the TLS image's file bytes. */
export const elfTlsImage = (file: number): number => findSegment(file, PT_TLS) ? file + segment[SEG_OFFSET] : 0;
/** The TLS image's alignment (at least 1). */
export const elfTlsAlignment = (file: number): number => findSegment(file, PT_TLS) ? Math.max(1, segment[SEG_ALIGNMENT]) : 1;

/** The entry point of a valid ELF file loaded at bias. */
export const elfEntry = (file: number, bias: number): number => peek32(file + 24) + bias;

/** Lowest PT_LOAD address of a valid ELF file loaded at bias (AT_BASE). */
export const elfLoadBase = (file: number, bias: number): number => {
  let base: number = USER_RANGE_CEILING;
  const count: number = peek16(file + 44);
  for (let i: number = 0; i < count; i++) {
    readProgramHeader(file, i);
    if (segment[SEG_TYPE] === PT_LOAD && segment[SEG_MEMORY_BYTES] > 0 && segment[SEG_ADDRESS] + bias < base) base = segment[SEG_ADDRESS] + bias;
  }
  return base;
};

/**
 * Maps every PT_LOAD segment of a valid ELF file, moved by bias, into
 * slot's space, as a region with the segment's protection, its pages
 * filled from the file and zeroed past it (bss). False when memory runs out.
 */
export const elfLoad = (slot: number, file: number, bias: number): boolean => {
  const count: number = peek16(file + 44);
  for (let i: number = 0; i < count; i++) {
    readProgramHeader(file, i);
    if (segment[SEG_TYPE] !== PT_LOAD || segment[SEG_MEMORY_BYTES] === 0) continue;
    const offset: number = segment[SEG_OFFSET];
    const address: number = segment[SEG_ADDRESS] + bias;
    const fileBytes: number = segment[SEG_FILE_BYTES];
    const memoryBytes: number = segment[SEG_MEMORY_BYTES];
    const flags: number = segment[SEG_FLAGS];
    const start: number = pageDown(address);
    const end: number = pageUp(address + memoryBytes);
    const protection: number = ((flags & PF_R) !== 0 ? PROT_READ : 0) | ((flags & PF_W) !== 0 ? PROT_WRITE : 0) | ((flags & PF_X) !== 0 ? PROT_EXEC : 0);
    const region: number = spaceAddRegion(slot, start, end, protection);
    if (region < 0) return false;
    for (let page: number = start; page < end; page += PAGE_SIZE) {
      const kernelPage: number = spaceMapZeroedPage(slot, region, page);
      if (kernelPage === 0) return false;
      const from: number = Math.max(page, address);
      const to: number = Math.min(page + PAGE_SIZE, address + fileBytes);
      if (to > from) copyBytes(kernelPage + (from - page), file + offset + (from - address), to - from);
    }
  }
  return true;
};
