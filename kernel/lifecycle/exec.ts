// execve: builds the new program's address space beside the old one (in
// EXEC_SCRATCH_SLOT), so any failure leaves the caller untouched; then
// swaps it in, frees the old one and points the caller's interrupt frame
// at the new entry point and initial stack (docs/reference.md, "Process model").
// `#!` scripts are followed up to two levels (deeper is ELOOP).
import { signalActionsExec } from "../proc/signal_actions";
import { mapSignalTrampoline } from "./signal_delivery";
import { bytesAddress, copyBytes, fillBytes, peek8, poke32 } from "../arch/i386/io";
import { USER_CODE_SELECTOR, USER_DATA_SELECTOR, USER_TLS_SELECTOR } from "../arch/i386/gdt";
import { tlsExecBuild, tlsExecCommit } from "./tls";
import { currentThread } from "../proc/scheduler";
import {
  FRAME_CS, FRAME_DS, FRAME_EAX, FRAME_EBP, FRAME_EBX, FRAME_ECX, FRAME_EDI, FRAME_EDX, FRAME_EFLAGS, FRAME_EIP,
  FRAME_ES, FRAME_ESI, FRAME_FS, FRAME_GS, FRAME_USER_ESP, FRAME_USER_SS, FPU_STATE_BYTES, fpuStateAddress, frameSet,
} from "../arch/i386/trapframe";
import { E2BIG, EACCES, ELOOP, EMFILE, ENOEXEC, ENOMEM } from "../api/errno";
import { fdInstall, fdLowestFree, procCwdOf, procRootOf } from "../fs/description";
import { fileOpen, fileRelease, filesExec } from "../fs/file";
import { inodeGidOf, inodeModeOf, inodeRelease, inodeSizeOf, inodeUidOf, isRegular } from "../fs/inode";
import { ramfsTransfer } from "../fs/ramfs";
import { ACCESS_EXECUTE, FOLLOW_FINAL, onMountWith, permits, resolve, VEIL_UNCHECKED, veilWants } from "../fs/vfs";
import { UNVEIL_EXECUTE } from "../fs/veil";
import { crashReportExec } from "./crash_report";
import { frameAllocContiguous, frameFree } from "../mm/frames";
import { LOWMEM_LIMIT, physToVirt } from "../mm/paging";
import { cpuFeatureFlags, writeCr3 } from "../arch/i386/cpu";
import { ticksPerSecond } from "../arch/i386/pit";
import {
  REGION_STACK, spaceAddRegion, spaceCommitRegion, spaceCreate, spaceDestroy, spacePageDirectory, spaceSwap,
} from "../mm/space";
import { copyToUser } from "../mm/usercopy";
import {
  elfEntry, elfInterpreterLength, elfInterpreterOffset, elfLoad, elfLoadBase, elfLoadBias, elfValid,
  elfTlsAlignment, elfTlsBytes, elfTlsFileBytes, elfTlsImage,
} from "../proc/elf";
import {
  PD_DUMPABLE, PD_EGID, PD_EUID, PD_EXECPROMISES, PD_GID, PD_HAS_EXECPROMISES, PD_HAS_PROMISES, PD_PROMISES, PD_SGID,
  PD_SIGNAL_TRAMPOLINE, PD_SUID, PD_UID, protectData, protectedGet, protectedSet, unprotectData,
} from "../proc/protected";
import { EXEC_SCRATCH_SLOT, nameAddress, PROCESS_NAME_MAX, procSetNameLength } from "../proc/process";
import { cleanFpuStateAddress } from "../proc/thread";
import { randomWord } from "../lib/random";
import {
  AT_BASE, AT_CLKTCK, AT_EGID, AT_ENTRY, AT_EUID, AT_EXECFD, AT_EXECFN, AT_GID, AT_HWCAP, AT_NULL, AT_PAGESZ,
  AT_PLATFORM, AT_RANDOM, AT_SECURE, AT_UID, MS_NOEXEC, MS_NOSUID, O_RDONLY, PROT_READ, PROT_WRITE, S_ISGID, S_ISUID,
} from "../api/abi";
import { ARG_MAX, PAGE_SIZE, PATH_MAX } from "../api/limits";

const MAX_STRINGS: number = 4096;
const MAX_SCRIPT_DEPTH: number = 2;
const USER_STACK_TOP: number = 0xbd000000;
const USER_STACK_BYTES: number = 1024 * 1024;
// The signal trampoline's page: a random one of the 4096 pages between the
// stack's top and the end of user space.
const TRAMPOLINE_PAGES: number = 4096;
const EFLAGS_USER: number = 0x202;

// Staged strings: argv then envp, each NUL-terminated, in one buffer.
const strings: Uint8Array = new Uint8Array(ARG_MAX + 8192);
const stringStart: Uint32Array = new Uint32Array(MAX_STRINGS);
let stringBytes: number = 0;
let argumentCount: number = 0;
let environmentCount: number = 0;
const argScratch: Uint8Array = new Uint8Array(ARG_MAX + 8192);
const argScratchStart: Uint32Array = new Uint32Array(MAX_STRINGS);
const path: Uint8Array = new Uint8Array(4096);
const AUXV_WORDS: number = 64;
// The largest initial stack buildStack can make: every staged string padded by up to 3 bytes, the
// platform name, path and random bytes (each padded), auxv, the argv and envp arrays with their
// NULLs, 12 bytes of alignment and main's 4 words. image never overflows, whatever a caller stages.
const IMAGE_BYTES: number = ARG_MAX + 3 * MAX_STRINGS + 8 + (4096 + 4) + 20 + AUXV_WORDS * 4 + (MAX_STRINGS + 2) * 4 + 12 + 16;
const image: Uint8Array = new Uint8Array(IMAGE_BYTES);
let pathLength: number = 0;

/** Empties the staged argument and environment strings. */
export const execStageReset = (): void => {
  stringBytes = 0;
  argumentCount = 0;
  environmentCount = 0;
};

/** Space left for one more staged string of length bytes; false means E2BIG. */
export const execStageRoom = (length: number): boolean =>
  argumentCount + environmentCount < MAX_STRINGS && stringBytes + length + 1 <= ARG_MAX;

/** Kernel address where the next staged string's bytes go (execStageCommit adds it). */
export const execStageCursor = (): number => bytesAddress(strings) + stringBytes;

/** Adds the length bytes written at execStageCursor as the next argument (or environment string). */
export const execStageCommit = (length: number, isEnvironment: boolean): void => {
  stringStart[argumentCount + environmentCount] = stringBytes;
  strings[stringBytes + length] = 0;
  stringBytes += length + 1;
  if (isEnvironment) environmentCount++;
  else argumentCount++;
};

/** Sets the path to execute (bytes already NUL-free, length given). */
export const execSetPath = (source: Uint8Array, length: number): void => {
  copyBytes(bytesAddress(path), bytesAddress(source), length);
  pathLength = length;
};

const stringLength = (index: number): number => {
  let end: number = stringStart[index];
  while (strings[end] !== 0) end++;
  return end - stringStart[index];
};

let argScratchBytes: number = 0;
let argScratchCount: number = 0;

/** Appends length bytes from a kernel address to the argScratch list as one string. */
const argScratchPush = (from: number, length: number): boolean => {
  if (argScratchCount === MAX_STRINGS || argScratchBytes + length + 1 > ARG_MAX) return false;
  copyBytes(bytesAddress(argScratch) + argScratchBytes, from, length);
  argScratchStart[argScratchCount] = argScratchBytes;
  argScratch[argScratchBytes + length] = 0;
  argScratchBytes += length + 1;
  argScratchCount++;
  return true;
};

/**
 * For a `#!interpreter [argument]` file: rewrites the staged strings to
 * interpreter, [argument], path, argv[1..], envp..., and the path to the
 * interpreter. Returns 0, -ENOEXEC for an empty interpreter, -E2BIG.
 */
const applyInterpreter = (file: number, size: number): number => {
  let end: number = 2;
  while (end < size && end < 4096 && peek8(file + end) !== 10) end++;
  let start: number = 2;
  while (start < end && peek8(file + start) === 32) start++;
  let split: number = start;
  while (split < end && peek8(file + split) !== 32) split++;
  if (split === start) return -ENOEXEC;
  let argument: number = split;
  while (argument < end && peek8(file + argument) === 32) argument++;
  let argumentEnd: number = end;
  while (argumentEnd > argument && peek8(file + argumentEnd - 1) === 32) argumentEnd--;
  argScratchBytes = 0;
  argScratchCount = 0;
  let ok: boolean = argScratchPush(file + start, split - start);
  if (argumentEnd > argument) ok = ok && argScratchPush(file + argument, argumentEnd - argument);
  ok = ok && argScratchPush(bytesAddress(path), pathLength);
  const base: number = bytesAddress(strings);
  for (let i: number = 1; i < argumentCount + environmentCount && ok; i++) ok = argScratchPush(base + stringStart[i], stringLength(i));
  if (!ok) return -E2BIG;
  const added: number = argScratchCount - (argumentCount + environmentCount);
  copyBytes(base, bytesAddress(argScratch), argScratchBytes);
  for (let i: number = 0; i < argScratchCount; i++) stringStart[i] = argScratchStart[i];
  stringBytes = argScratchBytes;
  argumentCount += added;
  pathLength = split - start;
  copyBytes(bytesAddress(path), file + start, pathLength);
  return 0;
};

const MAX_PROGRAM_BYTES: number = 16 * 1024 * 1024;
// The files being started, each copied to contiguous frames (a snapshot nobody can change under
// the loader): the program, and the interpreter its PT_INTERP names.
const MAIN: number = 0;
const INTERPRETER: number = 1;
const snapshotPhysical: Uint32Array = new Uint32Array(2);
const snapshotPages: Uint32Array = new Uint32Array(2);
const snapshotSize: Uint32Array = new Uint32Array(2);
let programInode: number = 0; // the program's inode, referenced: an interpreter gets it as AT_EXECFD
// The effective ids the new program runs with: the caller's, or the file's owner and group for a
// set-user-id / set-group-id file on a mount without MS_NOSUID.
let programEuid: number = 0;
let programEgid: number = 0;

/** Gives back the frames of both snapshots and the program's inode. */
const releaseSnapshots = (): void => {
  for (let which: number = MAIN; which <= INTERPRETER; which++) {
    for (let i: number = 0; i < snapshotPages[which]; i++) frameFree(snapshotPhysical[which] + i * PAGE_SIZE);
    snapshotPhysical[which] = 0;
    snapshotPages[which] = 0;
  }
  if (programInode !== 0) inodeRelease(programInode);
  programInode = 0;
};

/**
 * Copies the file inode, which process must be allowed to execute, into
 * fresh contiguous frames as snapshot `which`. Returns their kernel address
 * or -errno: EACCES unless a regular executable file on a mount without
 * MS_NOEXEC, ENOMEM when too big or frames run out.
 */
const snapshotFile = (process: number, inode: number, which: number): number => {
  if (!runnableFile(process, inode)) return -EACCES;
  if (inodeSizeOf(inode) > MAX_PROGRAM_BYTES) return -ENOMEM;
  const pages: number = Math.max(1, Math.ceil(inodeSizeOf(inode) / PAGE_SIZE));
  const physical: number = frameAllocContiguous(pages, LOWMEM_LIMIT);
  if (physical === 0) return -ENOMEM;
  snapshotPhysical[which] = physical;
  snapshotPages[which] = pages;
  snapshotSize[which] = inodeSizeOf(inode);
  ramfsTransfer(inode, 0, -1, physToVirt(physical), inodeSizeOf(inode), false);
  return physToVirt(physical);
};

/** True when process may execute inode: a regular file it has execute permission on, on a mount without MS_NOEXEC. */
const runnableFile = (process: number, inode: number): boolean =>
  isRegular(inode) && permits(process, inode, ACCESS_EXECUTE) && !onMountWith(inode, MS_NOEXEC);

/**
 * The checks execve can make before it changes anything: 0 when the file
 * at path (length bytes) exists and process may execute it, else -errno.
 * (A process with other threads ends them before it loads the program.)
 */
export const execPathRunnable = (process: number, pathBytes: Uint8Array, length: number): number => {
  const inode: number = resolve(process, procRootOf(process), procCwdOf(process), pathBytes, length, FOLLOW_FINAL | veilWants(UNVEIL_EXECUTE));
  if (inode < 0) return inode;
  const runnable: boolean = runnableFile(process, inode);
  inodeRelease(inode);
  return runnable ? 0 : -EACCES;
};

/**
 * Loads the program at path (resolved from process's cwd and root) into
 * kernel memory, so the ELF loader reads a snapshot no one can change.
 * Returns its address (size in snapshotSize[MAIN]) or -errno: as
 * snapshotFile, and ENOEXEC under 3 bytes.
 */
const loadProgram = (process: number): number => {
  releaseSnapshots();
  const inode: number = resolve(process, procRootOf(process), procCwdOf(process), path, pathLength, FOLLOW_FINAL | veilWants(UNVEIL_EXECUTE));
  if (inode < 0) return inode;
  programInode = inode;
  const status: number = snapshotFile(process, inode, MAIN);
  if (status < 0) return status;
  if (inodeSizeOf(inode) < 3) return -ENOEXEC;
  chooseProgramIds(process, inode);
  return status;
};

const interpreterPath: Uint8Array = new Uint8Array(PATH_MAX);

/** Loads the interpreter a valid ELF file names (PT_INTERP); its snapshot's address or -errno (ENOENT, EACCES...). */
const loadInterpreter = (process: number, file: number): number => {
  const length: number = elfInterpreterLength(file);
  copyBytes(bytesAddress(interpreterPath), file + elfInterpreterOffset(file), length);
  // The veil does not hide the interpreter, as the reference always lets the loader through.
  const inode: number = resolve(process, procRootOf(process), procCwdOf(process), interpreterPath, length, FOLLOW_FINAL | VEIL_UNCHECKED);
  if (inode < 0) return inode;
  const status: number = snapshotFile(process, inode, INTERPRETER);
  inodeRelease(inode);
  return status;
};

/** Sets programEuid/programEgid for running inode: set-id bits apply unless its mount is MS_NOSUID. */
const chooseProgramIds = (process: number, inode: number): void => {
  const honoured: boolean = !onMountWith(inode, MS_NOSUID);
  programEuid = honoured && (inodeModeOf(inode) & S_ISUID) !== 0 ? inodeUidOf(inode) : protectedGet(process, PD_EUID);
  programEgid = honoured && (inodeModeOf(inode) & S_ISGID) !== 0 ? inodeGidOf(inode) : protectedGet(process, PD_EGID);
};

/** Gives process the ids chosen for its new program; a changed effective id makes it non-dumpable (in a mutation scope). */
const applyProgramIds = (process: number): void => {
  if (programEuid !== protectedGet(process, PD_EUID) || programEgid !== protectedGet(process, PD_EGID)) protectedSet(process, PD_DUMPABLE, 0);
  protectedSet(process, PD_EUID, programEuid);
  protectedSet(process, PD_SUID, programEuid);
  protectedSet(process, PD_EGID, programEgid);
  protectedSet(process, PD_SGID, programEgid);
};

/** Finds the file to run, following `#!` lines; returns its address (size in snapshotSize[MAIN]) or -errno. */
const resolveProgram = (process: number): number => {
  for (let depth: number = 0; depth <= MAX_SCRIPT_DEPTH + 1; depth++) {
    const file: number = loadProgram(process);
    if (file < 0) return file;
    if (peek8(file) !== 35 || peek8(file + 1) !== 33) return file; // not "#!"
    if (depth === MAX_SCRIPT_DEPTH) return -ELOOP;
    const status: number = applyInterpreter(file, snapshotSize[MAIN]);
    if (status < 0) return status;
  }
  return -ELOOP;
};

let imageTop: number = 0; // bytes used from the top of image, which mirrors the top of the user stack

/** Pushes length bytes (from a kernel address) onto the stack image, 4-byte padded; returns their user address. */
const pushBytes = (stackTop: number, from: number, length: number): number => {
  const padded: number = Math.ceil((length + 1) / 4) * 4;
  imageTop += padded;
  const at: number = image.length - imageTop;
  fillBytes(bytesAddress(image) + at, 0, padded);
  copyBytes(bytesAddress(image) + at, from, length);
  return stackTop - imageTop;
};

/** Pushes one word; returns its user address. */
const pushWord = (stackTop: number, value: number): number => {
  imageTop += 4;
  poke32(bytesAddress(image) + image.length - imageTop, value);
  return stackTop - imageTop;
};

const auxv: Uint32Array = new Uint32Array(AUXV_WORDS);
const pointers: Uint32Array = new Uint32Array(MAX_STRINGS);
const platformName: Uint8Array = new Uint8Array(4);
const randomBytes: Uint8Array = new Uint8Array(16);

/** Stores an auxv (type, value) pair at auxv[n..n+1]; returns n + 2. */
const auxPair = (n: number, type: number, value: number): number => {
  auxv[n] = type;
  auxv[n + 1] = value;
  return n + 2;
};

/** Pushes a NULL-terminated array of count pointers from pointers[first..]; returns the array's user address. */
const pushPointerArray = (top: number, first: number, count: number): number => {
  let address: number = pushWord(top, 0);
  for (let i: number = count - 1; i >= 0; i--) address = pushWord(top, pointers[first + i]);
  return address;
};

// What the auxiliary vector reports, chosen by startProgram: the lowest address of what was loaded
// (the interpreter, when there is one), the program's entry point, and the fd an interpreter
// reads the program from (-1 without an interpreter).
let auxBase: number = 0;
let auxEntry: number = 0;
let auxExecFd: number = -1;

/**
 * Builds the initial stack (strings, auxv, the envp and argv arrays, then
 * envp, argv and argc as main's arguments above a fake return slot) in
 * image and copies it to the top of slot's stack. Returns the initial esp,
 * or 0 when the stack's pages cannot be had.
 */
const buildStack = (slot: number, process: number): number => {
  const top: number = USER_STACK_TOP - 16 * (randomWord() & 0xff);
  imageTop = 0;
  const base: number = bytesAddress(strings);
  for (let i: number = 0; i < argumentCount + environmentCount; i++) pointers[i] = pushBytes(top, base + stringStart[i], stringLength(i));
  platformName[0] = 105; // "i386"
  platformName[1] = 51;
  platformName[2] = 56;
  platformName[3] = 54;
  const platform: number = pushBytes(top, bytesAddress(platformName), 4);
  const executable: number = pushBytes(top, bytesAddress(path), pathLength);
  for (let i: number = 0; i < 16; i++) randomBytes[i] = randomWord() & 0xff;
  const random: number = pushBytes(top, bytesAddress(randomBytes), 16);
  const uid: number = protectedGet(process, PD_UID);
  const euid: number = programEuid;
  const gid: number = protectedGet(process, PD_GID);
  const egid: number = programEgid;
  let n: number = auxPair(0, AT_PAGESZ, 4096);
  n = auxPair(n, AT_BASE, auxBase);
  n = auxPair(n, AT_ENTRY, auxEntry);
  n = auxPair(n, AT_UID, uid);
  n = auxPair(n, AT_EUID, euid);
  n = auxPair(n, AT_GID, gid);
  n = auxPair(n, AT_EGID, egid);
  n = auxPair(n, AT_PLATFORM, platform);
  n = auxPair(n, AT_HWCAP, cpuFeatureFlags());
  n = auxPair(n, AT_CLKTCK, ticksPerSecond());
  n = auxPair(n, AT_SECURE, uid !== euid || gid !== egid ? 1 : 0);
  n = auxPair(n, AT_RANDOM, random);
  n = auxPair(n, AT_EXECFN, executable);
  n = auxPair(n, AT_EXECFD, auxExecFd);
  n = auxPair(n, AT_NULL, 0);
  for (let i: number = n - 1; i >= 0; i--) pushWord(top, auxv[i]);
  const envp: number = pushPointerArray(top, argumentCount, environmentCount);
  const argv: number = pushPointerArray(top, 0, argumentCount);
  while ((top - imageTop) % 16 !== 0) pushWord(top, 0);
  pushWord(top, 0); // fake return slot
  pushWord(top, envp);
  pushWord(top, argv);
  const esp: number = pushWord(top, argumentCount);
  if (copyToUser(slot, esp, bytesAddress(image) + image.length - imageTop, imageTop) < 0) return 0;
  return esp;
};

/** Resets frame (the caller's interrupt frame) to start a program at entry with stack esp, clean registers and FPU. */
export const resetUserFrame = (frame: number, entry: number, esp: number): void => {
  for (let i: number = 0; i < RESET_REGISTERS.length; i++) frameSet(frame, RESET_REGISTERS[i], 0);
  frameSet(frame, FRAME_EIP, entry);
  frameSet(frame, FRAME_USER_ESP, esp);
  frameSet(frame, FRAME_EFLAGS, EFLAGS_USER);
  frameSet(frame, FRAME_CS, USER_CODE_SELECTOR);
  frameSet(frame, FRAME_USER_SS, USER_DATA_SELECTOR);
  frameSet(frame, FRAME_DS, USER_DATA_SELECTOR);
  frameSet(frame, FRAME_ES, USER_DATA_SELECTOR);
  frameSet(frame, FRAME_FS, USER_DATA_SELECTOR);
  frameSet(frame, FRAME_GS, USER_TLS_SELECTOR);
  copyBytes(fpuStateAddress(frame), cleanFpuStateAddress(), FPU_STATE_BYTES);
};

const RESET_REGISTERS: number[] = [FRAME_EAX, FRAME_EBX, FRAME_ECX, FRAME_EDX, FRAME_ESI, FRAME_EDI, FRAME_EBP];

/** Sets the process name to the last path component of the program. */
const nameAfterProgram = (process: number): void => {
  let start: number = pathLength;
  while (start > 0 && path[start - 1] !== 47) start--;
  const length: number = Math.min(pathLength - start, PROCESS_NAME_MAX);
  copyBytes(nameAddress(process), bytesAddress(path) + start, length);
  procSetNameLength(process, length);
};

/**
 * Replaces process's program with the file at the staged path, run with
 * the staged strings; frame is the interrupt frame to return through.
 * Returns 0 (the frame now starts the new program) or -errno with the
 * process unchanged.
 */
export const execProgram = (process: number, frame: number): number => {
  execFdDescription = 0;
  const status: number = startProgram(process, frame);
  if (status === 0) crashReportExec(process, programInode);
  releaseSnapshots();
  if (status === 0) {
    filesExec(process);
    if (execFdDescription !== 0) fdInstall(process, auxExecFd, execFdDescription, 0);
    signalActionsExec(process);
  } else if (execFdDescription !== 0) {
    fileRelease(execFdDescription);
  }
  return status;
};

let execFdDescription: number = 0; // the description of AT_EXECFD, installed once the new program is in place

/**
 * Chooses what startProgram loads for the valid ELF file at bias: the file
 * itself, or the interpreter it names, which gets the file as AT_EXECFD
 * (an fd chosen now, free while the caller's CLOEXEC fds are still open).
 * Sets auxBase, auxEntry, auxExecFd and execFdDescription; returns the
 * image to load (its bias in loadBias) or -errno.
 */
const chooseImage = (process: number, file: number, bias: number): number => {
  const interpreted: boolean = elfInterpreterOffset(file) >= 0;
  // An interpreted program is the interpreter's to map: AT_ENTRY is its own entry, unmoved.
  auxEntry = elfEntry(file, interpreted ? 0 : bias);
  auxExecFd = -1;
  loadBias = bias;
  if (!interpreted) {
    auxBase = elfLoadBase(file, bias);
    return file;
  }
  const interpreter: number = loadInterpreter(process, file);
  if (interpreter < 0) return interpreter;
  loadBias = elfLoadBias(interpreter, randomWord(), true);
  if (!elfValid(interpreter, snapshotSize[INTERPRETER], loadBias) || elfInterpreterOffset(interpreter) >= 0) return -ENOEXEC;
  auxBase = elfLoadBase(interpreter, loadBias);
  auxExecFd = fdLowestFree(process, 0);
  if (auxExecFd < 0) return -EMFILE;
  const desc: number = fileOpen(programInode, 0, O_RDONLY);
  if (desc < 0) return desc;
  execFdDescription = desc;
  return interpreter;
};
let loadBias: number = 0;

/** execProgram's work, with the program file loaded by resolveProgram. */
const startProgram = (process: number, frame: number): number => {
  const file: number = resolveProgram(process);
  if (file < 0) return file;
  const bias: number = elfLoadBias(file, randomWord(), false);
  if (!elfValid(file, snapshotSize[MAIN], bias)) return -ENOEXEC;
  const image: number = chooseImage(process, file, bias);
  if (image < 0) return image;
  if (!spaceCreate(EXEC_SCRATCH_SLOT)) return -ENOMEM;
  const stackBase: number = USER_STACK_TOP - USER_STACK_BYTES;
  // The image's pages are all filled by elfLoad and the stack is committed: a program that starts never runs out.
  const stack: number = elfLoad(EXEC_SCRATCH_SLOT, image, loadBias)
    ? spaceAddRegion(EXEC_SCRATCH_SLOT, stackBase, USER_STACK_TOP, PROT_READ | PROT_WRITE | REGION_STACK) : -1;
  const trampoline: number = USER_STACK_TOP + PAGE_SIZE * (randomWord() % TRAMPOLINE_PAGES);
  const tls: number = image === file ? file : 0; // an interpreter sets up the TLS of the program it loads
  const built: boolean = stack >= 0 && spaceCommitRegion(stack) && mapSignalTrampoline(EXEC_SCRATCH_SLOT, trampoline) &&
    tlsExecBuild(EXEC_SCRATCH_SLOT, tls === 0 ? 0 : elfTlsImage(tls), tls === 0 ? 0 : elfTlsFileBytes(tls), tls === 0 ? 0 : elfTlsBytes(tls), tls === 0 ? 1 : elfTlsAlignment(tls));
  const esp: number = built ? buildStack(EXEC_SCRATCH_SLOT, process) : 0;
  if (esp === 0) {
    spaceDestroy(EXEC_SCRATCH_SLOT);
    return -ENOMEM;
  }
  spaceSwap(process, EXEC_SCRATCH_SLOT);
  writeCr3(spacePageDirectory(process));
  spaceDestroy(EXEC_SCRATCH_SLOT);
  tlsExecCommit(process, EXEC_SCRATCH_SLOT, currentThread);
  resetUserFrame(frame, elfEntry(image, loadBias), esp);
  nameAfterProgram(process);
  unprotectData(process);
  applyProgramIds(process);
  protectedSet(process, PD_HAS_PROMISES, protectedGet(process, PD_HAS_EXECPROMISES));
  protectedSet(process, PD_PROMISES, protectedGet(process, PD_EXECPROMISES));
  protectedSet(process, PD_HAS_EXECPROMISES, 0);
  protectedSet(process, PD_EXECPROMISES, 0);
  protectedSet(process, PD_SIGNAL_TRAMPOLINE, trampoline);
  protectData(process);
  return 0;
};
