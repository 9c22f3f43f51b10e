// Crash reports: a process killed by a signal whose default action dumps
// core (or by a crash: an uncaught fault, a bad syscall entry, a pledge
// violation) leaves a text report in /tmp/crash/<name>.<pid>, unless it is
// not dumpable. The report holds the signal, the fault, the registers, a
// user backtrace by symbol and the coredump metadata the process set
// (set_coredump_metadata, and pledge_violation). docs/crash.md.
import { EFAULT, EINVAL, ENOENT, ENOMEM } from "../api/errno";
import { S_IFDIR, S_IFREG } from "../api/abi";
import { bytesAddress, copyBytes, peek8, wordsAddress } from "../arch/i386/io";
import {
  FRAME_EAX, FRAME_EBP, FRAME_EBX, FRAME_ECX, FRAME_EDI, FRAME_EDX, FRAME_EFLAGS, FRAME_EIP, FRAME_ESI,
  FRAME_USER_ESP, frameGet,
} from "../arch/i386/trapframe";
import { procExecutableOf, procSetExecutable } from "../fs/description";
import { inodeRelease, inodeRetain, inodeSizeOf } from "../fs/inode";
import { ramfsTransfer } from "../fs/ramfs";
import { createIn, FOLLOW_FINAL, resolve, resolvedName, resolvedNameLength, unlinkIn, vfsRoot, WANT_PARENT } from "../fs/vfs";
import { formatUnsigned } from "../lib/format";
import { MAX_PROCESSES } from "../lib/limits";
import { copyFromUser } from "../mm/usercopy";
import { nameAddress, pidOf, procMainThreadOf, procNameLengthOf } from "../proc/process";
import { PD_DUMPABLE, protectedGet } from "../proc/protected";
import { currentProcess, currentThread } from "../proc/scheduler";
import { userTrapFrame } from "../proc/thread";

const AS_KERNEL: number = -1; // the process argument meaning "the kernel, with root's rights"

// --- coredump metadata: "key=value\n" lines, in a pool of fixed budgets ---

/** Bytes of metadata a process may keep (the reference allows 16 entries of up to 16 KiB each). */
export const METADATA_BYTES: number = 256;
const METADATA_ENTRIES: number = 16;
/** Processes that may hold metadata at once: a budget is taken at the first set_coredump_metadata. */
const METADATA_BUDGETS: number = 64;
const metadata: Uint8Array = new Uint8Array(METADATA_BUDGETS * METADATA_BYTES);
const metadataLength: Uint16Array = new Uint16Array(METADATA_BUDGETS);
const metadataEntries: Uint8Array = new Uint8Array(METADATA_BUDGETS);
const budgetTaken: Uint8Array = new Uint8Array(METADATA_BUDGETS);
/** Each process's budget plus one; 0 while it has set nothing. */
const budgetOfPlusOne: Uint8Array = new Uint8Array(MAX_PROCESSES);

/** Forgets process's metadata and gives its budget back (a new process, exec, exit). */
export const crashMetadataClear = (process: number): void => {
  const budget: number = budgetOfPlusOne[process] - 1;
  if (budget < 0) return;
  budgetTaken[budget] = 0;
  metadataLength[budget] = 0;
  metadataEntries[budget] = 0;
  budgetOfPlusOne[process] = 0;
};

/** Process's budget, taken now if it had none; -1 when every budget is taken. */
const budgetFor = (process: number): number => {
  if (budgetOfPlusOne[process] !== 0) return budgetOfPlusOne[process] - 1;
  for (let budget: number = 0; budget < METADATA_BUDGETS; budget++) {
    if (budgetTaken[budget] !== 0) continue;
    budgetTaken[budget] = 1;
    budgetOfPlusOne[process] = budget + 1;
    return budget;
  }
  return -1;
};

/** The start of the line whose key is key[0..keyLength) in budget, or -1. */
const metadataFind = (budget: number, key: Uint8Array, keyLength: number): number => {
  const base: number = budget * METADATA_BYTES;
  let line: number = 0;
  while (line < metadataLength[budget]) {
    let i: number = 0;
    while (i < keyLength && metadata[base + line + i] === key[i]) i++;
    if (i === keyLength && metadata[base + line + i] === 61) return line;
    line += metadataLineLength(budget, line);
  }
  return -1;
};

/** Removes the metadata line of budget that starts at line. */
const metadataRemove = (budget: number, line: number): void => {
  const base: number = budget * METADATA_BYTES;
  const end: number = line + metadataLineLength(budget, line);
  copyBytes(bytesAddress(metadata) + base + line, bytesAddress(metadata) + base + end, metadataLength[budget] - end);
  metadataLength[budget] -= end - line;
  metadataEntries[budget]--;
};

/** True when bytes[0..length) hold no newline, nor '=' when it is a key: a line stays one entry. */
const fitsLine = (bytes: Uint8Array, length: number, isKey: boolean): boolean => {
  for (let i: number = 0; i < length; i++) {
    if (bytes[i] === 10 || (isKey && bytes[i] === 61)) return false;
  }
  return true;
};

/**
 * Sets key[0..keyLength) to value[0..valueLength) in process's metadata,
 * replacing the key's old value. 0 or -errno: EINVAL for an empty key, a
 * newline (or a key's '=') or a line over the budget, EFAULT for a 17th
 * key (as the reference), ENOMEM when every budget is taken.
 */
export const crashMetadataSet = (process: number, key: Uint8Array, keyLength: number, value: Uint8Array, valueLength: number): number => {
  if (keyLength === 0 || !fitsLine(key, keyLength, true) || !fitsLine(value, valueLength, false)) return -EINVAL;
  const budget: number = budgetFor(process);
  if (budget < 0) return -ENOMEM;
  const old: number = metadataFind(budget, key, keyLength);
  if (old < 0 && metadataEntries[budget] >= METADATA_ENTRIES) return -EFAULT;
  const lineLength: number = keyLength + 1 + valueLength + 1;
  const kept: number = old < 0 ? metadataLength[budget] : metadataLength[budget] - metadataLineLength(budget, old);
  if (kept + lineLength > METADATA_BYTES) return -EINVAL;
  if (old >= 0) metadataRemove(budget, old);
  const at: number = budget * METADATA_BYTES + metadataLength[budget];
  copyBytes(bytesAddress(metadata) + at, bytesAddress(key), keyLength);
  metadata[at + keyLength] = 61;
  copyBytes(bytesAddress(metadata) + at + keyLength + 1, bytesAddress(value), valueLength);
  metadata[at + lineLength - 1] = 10;
  metadataLength[budget] += lineLength;
  metadataEntries[budget]++;
  return 0;
};

const metadataLineLength = (budget: number, line: number): number => {
  const base: number = budget * METADATA_BYTES;
  let end: number = line;
  while (metadata[base + end] !== 10) end++;
  return end + 1 - line;
};

const textKey: Uint8Array = new Uint8Array(32);
const textValue: Uint8Array = new Uint8Array(32);

/** crashMetadataSet with kernel strings (a pledge violation's promise). */
export const crashMetadataSetText = (process: number, key: string, value: string): void => {
  for (let i: number = 0; i < key.length; i++) textKey[i] = key.charCodeAt(i);
  for (let i: number = 0; i < value.length; i++) textValue[i] = value.charCodeAt(i);
  crashMetadataSet(process, textKey, key.length, textValue, value.length);
};

/** A successful exec: program (referenced by the exec) is process's program file now, and the metadata is gone. */
export const crashReportExec = (process: number, program: number): void => {
  procSetExecutable(process, inodeRetain(program));
  crashMetadataClear(process);
};

// --- the report's text ---

const REPORT_BYTES: number = 4096;
const report: Uint8Array = new Uint8Array(REPORT_BYTES);
let reportLength: number = 0;
const reportDigits: Uint8Array = new Uint8Array(24);

const put = (text: string): void => {
  for (let i: number = 0; i < text.length && reportLength < REPORT_BYTES; i++) {
    report[reportLength] = text.charCodeAt(i);
    reportLength++;
  }
};

/** Appends length bytes from kernel address (a name, the metadata). */
const putMemory = (address: number, length: number): void => {
  const count: number = Math.min(length, REPORT_BYTES - reportLength);
  copyBytes(bytesAddress(report) + reportLength, address, count);
  reportLength += count;
};

const putNumber = (value: number, base: number, minDigits: number): void => {
  putMemory(bytesAddress(reportDigits), formatUnsigned(value >>> 0, base, minDigits, reportDigits));
};

const putHex = (value: number): void => {
  put("0x");
  putNumber(value, 16, 8);
};

const putRegister = (name: string, frame: number, field: number): void => {
  put(name);
  put("=");
  putHex(frameGet(frame, field));
  put(field === FRAME_EFLAGS ? "\n" : " ");
};

// --- symbols from the program's ELF .symtab/.strtab ---

const ELF_HEADER_BYTES: number = 52;
const SECTION_BYTES: number = 40;
const MAX_SECTIONS: number = 64;
const SYMBOL_BYTES: number = 16;
const SYMBOL_CHUNK: number = 64;
const SHT_SYMTAB: number = 2;
const STT_FUNC: number = 2;
const SYMBOL_NAME_MAX: number = 64;
const elfHeader: Uint8Array = new Uint8Array(ELF_HEADER_BYTES);
const sections: Uint8Array = new Uint8Array(SECTION_BYTES * MAX_SECTIONS);
const symbols: Uint8Array = new Uint8Array(SYMBOL_BYTES * SYMBOL_CHUNK);
const symbolName: Uint8Array = new Uint8Array(SYMBOL_NAME_MAX);
let symtabOffset: number = 0;
let symtabCount: number = 0;
let strtabOffset: number = 0;
let foundValue: number = 0; // after symbolFor: the symbol's address

const u32At = (bytes: Uint8Array, at: number): number =>
  (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
const u16At = (bytes: Uint8Array, at: number): number => bytes[at] | (bytes[at + 1] << 8);

/** Reads size bytes of program at offset into out; true when all of them were there. */
const readProgram = (program: number, offset: number, out: Uint8Array, size: number): boolean =>
  offset + size <= inodeSizeOf(program) && ramfsTransfer(program, offset, -1, bytesAddress(out), size, false) === size;

/** Finds program's symbol table (symtabCount stays 0 without one). Only ET_EXEC files: their symbols are the run addresses. */
const findSymbols = (program: number): void => {
  symtabCount = 0;
  if (program === 0 || !readProgram(program, 0, elfHeader, ELF_HEADER_BYTES)) return;
  if (u32At(elfHeader, 0) !== 0x464c457f || u16At(elfHeader, 16) !== 2 || u16At(elfHeader, 46) !== SECTION_BYTES) return;
  const count: number = u16At(elfHeader, 48);
  if (count > MAX_SECTIONS || !readProgram(program, u32At(elfHeader, 32), sections, count * SECTION_BYTES)) return;
  for (let i: number = 0; i < count; i++) {
    const at: number = i * SECTION_BYTES;
    const link: number = u32At(sections, at + 24);
    if (u32At(sections, at + 4) !== SHT_SYMTAB || link >= count) continue;
    symtabOffset = u32At(sections, at + 16);
    symtabCount = Math.floor(u32At(sections, at + 20) / SYMBOL_BYTES);
    strtabOffset = u32At(sections, link * SECTION_BYTES + 16);
    return;
  }
};

/** The function symbol of program covering address: its name's length in symbolName (0 for none), its value in foundValue. */
const symbolFor = (program: number, address: number): number => {
  let bestName: number = -1;
  foundValue = 0;
  for (let first: number = 0; first < symtabCount; first += SYMBOL_CHUNK) {
    const count: number = Math.min(SYMBOL_CHUNK, symtabCount - first);
    if (!readProgram(program, symtabOffset + first * SYMBOL_BYTES, symbols, count * SYMBOL_BYTES)) return 0;
    for (let i: number = 0; i < count; i++) {
      const at: number = i * SYMBOL_BYTES;
      const value: number = u32At(symbols, at + 4);
      const size: number = u32At(symbols, at + 8);
      if ((symbols[at + 12] & 0xf) !== STT_FUNC || value > address || address >= value + Math.max(size, 1) || value < foundValue) continue;
      foundValue = value;
      bestName = u32At(symbols, at);
    }
  }
  if (bestName < 0) return 0;
  const available: number = Math.min(SYMBOL_NAME_MAX, inodeSizeOf(program) - strtabOffset - bestName);
  if (available <= 0 || !readProgram(program, strtabOffset + bestName, symbolName, available)) return 0;
  let length: number = 0;
  while (length < available && symbolName[length] !== 0) length++;
  return length;
};

const putFrame = (program: number, index: number, address: number): void => {
  put("  #");
  putNumber(index, 10, 1);
  put(" ");
  putHex(address);
  const nameLength: number = symbolFor(program, address);
  if (nameLength > 0) {
    put(" ");
    putMemory(bytesAddress(symbolName), nameLength);
    put("+0x");
    putNumber(address - foundValue, 16, 1);
  }
  put("\n");
};

const BACKTRACE_FRAMES: number = 32;
const callFrame: Uint32Array = new Uint32Array(2);

/**
 * The user backtrace from frame's eip along the saved ebp chain, read
 * with the user-copy functions (an unmapped frame ends it). Each frame
 * pointer must lie above the last and at most BACKTRACE_FRAMES are printed, so
 * a broken stack cannot loop.
 */
const putBacktrace = (slot: number, frame: number, program: number): void => {
  findSymbols(program);
  put("backtrace:\n");
  putFrame(program, 0, frameGet(frame, FRAME_EIP));
  let ebp: number = frameGet(frame, FRAME_EBP);
  for (let index: number = 1; index < BACKTRACE_FRAMES && ebp !== 0; index++) {
    if (copyFromUser(slot, wordsAddress(callFrame), ebp, 8) < 0 || callFrame[1] === 0) return;
    putFrame(program, index, callFrame[1]);
    if (callFrame[0] <= ebp) return;
    ebp = callFrame[0];
  }
};

/** The report of slot killed by signal: what and address describe a crash ("" for a plain signal). */
const composeReport = (slot: number, signal: number, what: string, address: number): void => {
  reportLength = 0;
  put("process: ");
  putMemory(nameAddress(slot), procNameLengthOf(slot));
  put(" (pid ");
  putNumber(pidOf(slot), 10, 1);
  put(")\nsignal: ");
  putNumber(signal, 10, 1);
  put("\n");
  if (what.length > 0) {
    put("crash: ");
    put(what);
    put(" ");
    putHex(address);
    put("\n");
  }
  const frame: number = userTrapFrame(currentProcess() === slot ? currentThread : procMainThreadOf(slot));
  putRegister("eip", frame, FRAME_EIP);
  putRegister("esp", frame, FRAME_USER_ESP);
  putRegister("ebp", frame, FRAME_EBP);
  putRegister("eax", frame, FRAME_EAX);
  putRegister("ebx", frame, FRAME_EBX);
  put("\n");
  putRegister("ecx", frame, FRAME_ECX);
  putRegister("edx", frame, FRAME_EDX);
  putRegister("esi", frame, FRAME_ESI);
  putRegister("edi", frame, FRAME_EDI);
  putRegister("eflags", frame, FRAME_EFLAGS);
  putBacktrace(slot, frame, procExecutableOf(slot));
  const budget: number = budgetOfPlusOne[slot] - 1;
  if (budget >= 0 && metadataLength[budget] > 0) {
    put("metadata:\n");
    putMemory(bytesAddress(metadata) + budget * METADATA_BYTES, metadataLength[budget]);
  }
};

// --- the file ---

const CRASH_DIRECTORY: string = "/tmp/crash";
const reportPath: Uint8Array = new Uint8Array(64);
const fileName: Uint8Array = new Uint8Array(48);

const pathOf = (text: string): number => {
  for (let i: number = 0; i < text.length; i++) reportPath[i] = text.charCodeAt(i);
  return text.length;
};

/** /tmp/crash, made when missing, referenced; or -errno. */
const crashDirectory = (): number => {
  const length: number = pathOf(CRASH_DIRECTORY);
  const found: number = resolve(AS_KERNEL, vfsRoot(), vfsRoot(), reportPath, length, FOLLOW_FINAL);
  if (found !== -ENOENT) return found;
  const parent: number = resolve(AS_KERNEL, vfsRoot(), vfsRoot(), reportPath, length, WANT_PARENT);
  if (parent < 0) return parent;
  const made: number = createIn(AS_KERNEL, parent, resolvedName, resolvedNameLength, S_IFDIR | 0o755);
  inodeRelease(parent);
  return made;
};

/** "<name>.<pid>" of slot in fileName (a '/' in the name becomes '_'); its length. */
const reportName = (slot: number): number => {
  const nameLength: number = Math.min(procNameLengthOf(slot), fileName.length - 8);
  for (let i: number = 0; i < nameLength; i++) {
    const byte: number = peek8(nameAddress(slot) + i);
    fileName[i] = byte === 47 ? 95 : byte;
  }
  fileName[nameLength] = 46;
  const count: number = formatUnsigned(pidOf(slot), 10, 1, reportDigits);
  copyBytes(bytesAddress(fileName) + nameLength + 1, bytesAddress(reportDigits), count);
  return nameLength + 1 + count;
};

/**
 * slot is dying of signal with a core (what/address: the crash, or "" and
 * 0): writes its report unless it is not dumpable. A report that cannot
 * be written (no memory, no /tmp) is skipped.
 */
export const crashReport = (slot: number, signal: number, what: string, address: number): void => {
  if (protectedGet(slot, PD_DUMPABLE) === 0) return;
  const dir: number = crashDirectory();
  if (dir < 0) return;
  const length: number = reportName(slot);
  unlinkIn(AS_KERNEL, dir, fileName, length, false);
  const file: number = createIn(AS_KERNEL, dir, fileName, length, S_IFREG | 0o644);
  inodeRelease(dir);
  if (file < 0) return;
  composeReport(slot, signal, what, address);
  ramfsTransfer(file, 0, -1, bytesAddress(report), reportLength, true);
  inodeRelease(file);
};
