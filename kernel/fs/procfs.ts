// procfs: /proc, made from the kernel's tables each time it is looked at.
//
// Contract: a lookup in a procfs directory returns a fresh inode (links 0,
// one reference for the caller), so a node lives exactly as long as its
// references. inodeRdev is the node's kind, inodeAux what it describes:
// pid * FD_SETSIZE + fd (0 for the nodes of /proc itself). Every node
// holds a reference on the directory it was found in, inodeParent (dropped
// when it is freed: procfsHeldParent), so ".." from /proc/N/fd and the
// path of any node (getcwd, realpath, fd links) stay valid. A read generates
// the file's text again and copies out only the window asked for, through
// a small chunk buffer: nothing is cached, nothing allocated. st_ino and
// d_ino are encoded from kind and aux, so they are the same on every lookup.
//
// The nodes: self (a symlink to the caller's pid), uptime, meminfo, all
// (one line per process for ps: "pid ppid pgid sid uid gid state threads
// name"), and N/ for each process with status, cmdline, vm and fd/ (a
// symlink per open fd to its file's path, or "pipe:[ino]"). Files are
// 0444, directories 0555, symlinks 0777; a dead process's nodes read empty.
import { EFAULT, EINVAL, ENOENT } from "../api/errno";
import { uptimeMs } from "../arch/i386/pit";
import { bytesAddress } from "../arch/i386/io";
import { bytesEqual, formatUnsigned } from "../lib/format";
import { framesAvailable, framesFree } from "../mm/frames";
import {
  regionEndOf, regionFlagsOf, regionNameInto, regionNextOf, regionStartOf, REGION_NAME_BYTES,
  spaceFirstRegion,
} from "../mm/space";
import { copyToUser } from "../mm/usercopy";
import {
  EXEC_SCRATCH_SLOT, pidOf, ppidOf, PROC_FREE, PROC_ZOMBIE, processSlotsEnd, procNameByteOf, procNameLengthOf,
  procStateOf, slotOfPid,
} from "../proc/process";
import {
  PD_EGID, PD_EUID, PD_GID, PD_PGID, PD_SGID, PD_SID, PD_SUID, PD_THREAD_COUNT, PD_UID, protectedGet,
} from "../proc/protected";
import { MAX_PROCESSES, MAX_THREADS } from "../lib/limits";
import { currentProcess } from "../proc/scheduler";
import {
  THREAD_RUNNABLE, THREAD_RUNNING, threadIsLive, threadNameByteOf, threadNameLengthOf, threadPriorityOf,
  threadProcessOf, threadSlotsEnd, threadStateOf, threadTidOf,
} from "../proc/thread";
import { fdDescription, descInodeOf, descDirectoryOf, procRootOf } from "./description";
import {
  FS_PIPEFS, FS_PROCFS, inodeAlloc, inodeRetain, isRegular, isSymlink, inodeAuxOf, inodeRdevOf,
  inodeDeviceOf, inodeSetRdev, inodeSetAux, inodeSetParent, inodeParentOf, inodeSetLinks, inodeFsOf,
} from "./inode";
import { pathInDirectory } from "./vfs";
import {
  FD_SETSIZE, PROT_EXEC, PROT_READ, PROT_WRITE, S_IFDIR, S_IFLNK, S_IFREG,
} from "../api/abi";
import { PATH_MAX } from "../api/limits";

// Node kinds (inodeRdev). The fixed children of the root are PN_SELF..PN_ALL,
// those of a process directory PN_STATUS..PN_THREADS.
const PN_ROOT: number = 1;
const PN_SELF: number = 2;
const PN_UPTIME: number = 3;
const PN_MEMINFO: number = 4;
const PN_ALL: number = 5;
const PN_PID: number = 6;
const PN_STATUS: number = 7;
const PN_CMDLINE: number = 8;
const PN_VM: number = 9;
const PN_FDS: number = 10;
const PN_THREADS: number = 11;
const PN_FD: number = 12;
const PN_KINDS: number = 16;
const PN_ROOT_FIXED_CHILDREN: number = 4;
const PN_PID_FIXED_CHILDREN: number = 5;

/** A window start past any text: generating with it only measures. */
const PROCFS_MEASURE_ONLY: number = 9007199254740992;
const PROCFS_CHUNK: number = 1024;
const procfsChunk: Uint8Array = new Uint8Array(PROCFS_CHUNK);
const procfsDigits: Uint8Array = new Uint8Array(24);
const procfsRegionName: Uint8Array = new Uint8Array(REGION_NAME_BYTES);
const procfsLinkScratch: Uint8Array = new Uint8Array(PATH_MAX);
/** Per process slot, during one generation: 1 when a thread of it is running or runnable. */
const procfsRunning: Uint8Array = new Uint8Array(MAX_PROCESSES);
let procfsNameLength: number = 0;
let procfsEntryKind: number = 0;

// --- the emitter: generated text goes through here; only the window is kept ---
let procfsEmitPosition: number = 0;
let procfsEmitFrom: number = 0;
let procfsEmitTo: number = 0;
let procfsEmitUsed: number = 0;
let procfsEmitCopied: number = 0;
let procfsEmitProcess: number = 0;
let procfsEmitTarget: number = 0;
let procfsEmitFailed: boolean = false;

/** Starts a generation keeping bytes [from, to) for process's user buffer at target. */
const procfsEmitBegin = (from: number, to: number, process: number, target: number): void => {
  procfsEmitPosition = 0;
  procfsEmitFrom = from;
  procfsEmitTo = to;
  procfsEmitUsed = 0;
  procfsEmitCopied = 0;
  procfsEmitProcess = process;
  procfsEmitTarget = target;
  procfsEmitFailed = false;
};

/** Copies the kept bytes to the user buffer. */
const procfsEmitFlush = (): void => {
  const target: number = procfsEmitTarget + procfsEmitCopied;
  const source: number = bytesAddress(procfsChunk);
  if (procfsEmitUsed > 0 && !procfsEmitFailed && copyToUser(procfsEmitProcess, target, source, procfsEmitUsed) < 0) {
    procfsEmitFailed = true;
  }
  procfsEmitCopied += procfsEmitUsed;
  procfsEmitUsed = 0;
};

const procfsEmitByte = (byte: number): void => {
  if (procfsEmitPosition >= procfsEmitFrom && procfsEmitPosition < procfsEmitTo) {
    procfsChunk[procfsEmitUsed] = byte;
    procfsEmitUsed++;
    if (procfsEmitUsed === PROCFS_CHUNK) procfsEmitFlush();
  }
  procfsEmitPosition++;
};

/** True once the window is complete: generators may stop early. */
const procfsEmitEnough = (): boolean => procfsEmitPosition >= procfsEmitTo;

const procfsEmitText = (text: string): void => {
  for (let i: number = 0; i < text.length; i++) procfsEmitByte(text.charCodeAt(i));
};

/** value in base, at least minDigits digits. */
const procfsEmitNumber = (value: number, base: number, minDigits: number): void => {
  const length: number = formatUnsigned(value, base, minDigits, procfsDigits);
  for (let i: number = 0; i < length; i++) procfsEmitByte(procfsDigits[i]);
};

const procfsEmitDecimal = (value: number): void => procfsEmitNumber(value, 10, 1);

/** value in decimal, right-aligned in width columns. */
const procfsEmitPadded = (value: number, width: number): void => {
  const length: number = formatUnsigned(value, 10, 1, procfsDigits);
  for (let i: number = length; i < width; i++) procfsEmitByte(32);
  for (let i: number = 0; i < length; i++) procfsEmitByte(procfsDigits[i]);
};

/** value in decimal and a separator byte. */
const procfsEmitField = (value: number, separator: number): void => {
  procfsEmitDecimal(value);
  procfsEmitByte(separator);
};

/** A label, a tab, value in decimal and a newline ("Pid:\t7\n"). */
const procfsEmitLine = (label: string, value: number): void => {
  procfsEmitText(label);
  procfsEmitByte(9);
  procfsEmitField(value, 10);
};

/** The process's name; a newline in it becomes '?' so line formats hold. */
const procfsEmitProcessName = (slot: number): void => {
  for (let i: number = 0; i < procNameLengthOf(slot); i++) {
    const byte: number = procNameByteOf(slot, i);
    procfsEmitByte(byte === 10 ? 63 : byte);
  }
};

// --- nodes ---

const procfsKindName = (kind: number): string => {
  if (kind === PN_SELF) return "self";
  if (kind === PN_UPTIME) return "uptime";
  if (kind === PN_MEMINFO) return "meminfo";
  if (kind === PN_ALL) return "all";
  if (kind === PN_STATUS) return "status";
  if (kind === PN_CMDLINE) return "cmdline";
  if (kind === PN_VM) return "vm";
  if (kind === PN_THREADS) return "threads";
  return kind === PN_FDS ? "fd" : "";
};

const procfsKindMode = (kind: number): number => {
  if (kind === PN_ROOT || kind === PN_PID || kind === PN_FDS) return S_IFDIR | 0o555;
  return kind === PN_SELF || kind === PN_FD ? S_IFLNK | 0o777 : S_IFREG | 0o444;
};

/** How many fixed children a directory kind has (from procfsFirstFixedChild on). */
const procfsFixedChildren = (dirKind: number): number => dirKind === PN_ROOT ? PN_ROOT_FIXED_CHILDREN : PN_PID_FIXED_CHILDREN;

/** The first fixed child kind of a directory kind (procfsFixedChildren of them), or 0. */
const procfsFirstFixedChild = (dirKind: number): number => {
  if (dirKind === PN_ROOT) return PN_SELF;
  return dirKind === PN_PID ? PN_STATUS : 0;
};

const procfsAuxPid = (aux: number): number => Math.floor(aux / FD_SETSIZE);
const procfsAuxFd = (aux: number): number => aux % FD_SETSIZE;

/** The process slot a node describes, or -1 (a node of /proc itself, or the process is gone). */
const procfsNodeSlot = (inode: number): number => {
  const pid: number = procfsAuxPid(inodeAuxOf(inode));
  return pid === 0 ? -1 : slotOfPid(pid);
};

/** The inode number of a node of kind with aux: positive, unique per node, stable. */
const procfsNodeNumber = (kind: number, aux: number): number => aux * PN_KINDS + kind;

/** st_ino of a procfs inode. */
export const procfsInodeNumber = (inode: number): number => procfsNodeNumber(inodeRdevOf(inode), inodeAuxOf(inode));

/** Writes the name of a node of kind with aux into out; returns its length. */
const procfsNodeName = (kind: number, aux: number, out: Uint8Array): number => {
  if (kind === PN_PID) return formatUnsigned(procfsAuxPid(aux), 10, 1, out);
  if (kind === PN_FD) return formatUnsigned(procfsAuxFd(aux), 10, 1, out);
  const text: string = procfsKindName(kind);
  for (let i: number = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return text.length;
};

/** The name a procfs inode has in its directory, into out; its length, or -1 for the root. */
export const procfsName = (inode: number, out: Uint8Array): number =>
  inodeRdevOf(inode) === PN_ROOT ? -1 : procfsNodeName(inodeRdevOf(inode), inodeAuxOf(inode), out);

/** A new node of kind with aux in directory dir, referenced; 0 when the inode table is full. */
const procfsMakeNode = (dir: number, kind: number, aux: number): number => {
  const pid: number = procfsAuxPid(aux);
  const slot: number = pid === 0 ? -1 : slotOfPid(pid);
  const uid: number = slot < 0 ? 0 : protectedGet(slot, PD_EUID);
  const gid: number = slot < 0 ? 0 : protectedGet(slot, PD_EGID);
  const inode: number = inodeAlloc(FS_PROCFS, inodeDeviceOf(dir), procfsKindMode(kind), uid, gid);
  if (inode === 0) return 0;
  inodeSetRdev(inode, kind);
  inodeSetAux(inode, aux);
  inodeSetParent(inode, inodeRetain(dir));
  return inode;
};

/** The directory a freed procfs node held a reference on (the caller drops it); 0 for the root. */
export const procfsHeldParent = (inode: number): number => inodeParentOf(inode) !== inode ? inodeParentOf(inode) : 0;

/** name[start..start+length) as a decimal number without leading zeros, or -1. */
const procfsParseNumber = (name: Uint8Array, start: number, length: number): number => {
  if (length === 0 || length > 9 || (length > 1 && name[start] === 48)) return -1;
  let value: number = 0;
  for (let i: number = start; i < start + length; i++) {
    if (name[i] < 48 || name[i] > 57) return -1;
    value = value * 10 + name[i] - 48;
  }
  return value;
};

/** The /proc root directory (permanent: links 2). */
export const procfsCreateRoot = (device: number): number => {
  const root: number = inodeAlloc(FS_PROCFS, device, procfsKindMode(PN_ROOT), 0, 0);
  if (root === 0) return 0;
  inodeSetLinks(root, 2);
  inodeSetRdev(root, PN_ROOT);
  return root;
};

/** The child name[start..start+length) of procfs directory dir, referenced; 0 when absent. */
export const procfsLookup = (dir: number, name: Uint8Array, start: number, length: number): number => {
  const kind: number = inodeRdevOf(dir);
  const aux: number = inodeAuxOf(dir);
  const slot: number = procfsNodeSlot(dir);
  if (kind !== PN_ROOT && slot < 0) return 0;
  const first: number = procfsFirstFixedChild(kind);
  for (let i: number = 0; first !== 0 && i < procfsFixedChildren(kind); i++) {
    if (bytesEqual(name, start, length, procfsKindName(first + i))) return procfsMakeNode(dir, first + i, aux);
  }
  const value: number = procfsParseNumber(name, start, length);
  if (value < 0) return 0;
  if (kind === PN_ROOT && slotOfPid(value) >= 0) return procfsMakeNode(dir, PN_PID, value * FD_SETSIZE);
  const isOpenFd: boolean = kind === PN_FDS && value < FD_SETSIZE && fdDescription(slot, value) !== 0;
  if (isOpenFd) return procfsMakeNode(dir, PN_FD, aux + value);
  return 0;
};

// --- directory listing (get_dir_entries) ---

/**
 * The inode number of entry index (after "." and "..") of procfs
 * directory dir, its name in nameOut (length: procfsEntryNameLength, mode:
 * procfsEntryMode); 0 for a hole (a free process slot, a closed fd), -1
 * past the end. The root lists its files, then one directory per slot.
 */
export const procfsEntry = (dir: number, index: number, nameOut: Uint8Array): number => {
  const kind: number = inodeRdevOf(dir);
  const slot: number = procfsNodeSlot(dir);
  if (kind !== PN_ROOT && slot < 0) return -1;
  const first: number = procfsFirstFixedChild(kind);
  let child: number = 0;
  let aux: number = inodeAuxOf(dir);
  if (first !== 0 && index < procfsFixedChildren(kind)) {
    child = first + index;
  } else if (kind === PN_ROOT) {
    const entrySlot: number = index - PN_ROOT_FIXED_CHILDREN;
    if (entrySlot >= EXEC_SCRATCH_SLOT) return -1;
    if (procStateOf(entrySlot) === PROC_FREE) return 0;
    child = PN_PID;
    aux = pidOf(entrySlot) * FD_SETSIZE;
  } else if (kind === PN_FDS) {
    if (index >= FD_SETSIZE) return -1;
    if (fdDescription(slot, index) === 0) return 0;
    child = PN_FD;
    aux += index;
  } else {
    return -1;
  }
  procfsEntryKind = child;
  procfsNameLength = procfsNodeName(child, aux, nameOut);
  return procfsNodeNumber(child, aux);
};

export const procfsEntryNameLength = (): number => procfsNameLength;
export const procfsEntryMode = (): number => procfsKindMode(procfsEntryKind);

// --- symlinks ---

/** Writes text at out[at..]; returns the position after it. */
const procfsPutText = (out: Uint8Array, at: number, text: string): number => {
  for (let i: number = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
};

/** The target of procfs symlink inode into out: its length, or -ENOENT when what it showed is gone. */
export const procfsReadlink = (inode: number, out: Uint8Array): number => {
  const caller: number = currentProcess();
  if (inodeRdevOf(inode) === PN_SELF) return caller < 0 ? -ENOENT : formatUnsigned(pidOf(caller), 10, 1, out);
  if (inodeRdevOf(inode) !== PN_FD) return -EINVAL;
  const slot: number = procfsNodeSlot(inode);
  const desc: number = slot < 0 ? 0 : fdDescription(slot, procfsAuxFd(inodeAuxOf(inode)));
  if (desc === 0) return -ENOENT;
  const target: number = descInodeOf(desc);
  if (inodeFsOf(target) !== FS_PIPEFS) return pathInDirectory(target, descDirectoryOf(desc), procRootOf(slot), out);
  const digits: number = formatUnsigned(target, 10, 1, procfsDigits);
  let at: number = procfsPutText(out, 0, "pipe:[");
  for (let i: number = 0; i < digits; i++) out[at + i] = procfsDigits[i];
  at += digits;
  out[at] = 93; // ']'
  return at + 1;
};

// --- file contents ---

/** Marks in procfsRunning the slots that have a running or runnable thread. */
const procfsMarkRunning = (): void => {
  for (let slot: number = 0; slot < processSlotsEnd(); slot++) procfsRunning[slot] = 0;
  for (let thread: number = 0; thread < MAX_THREADS; thread++) {
    const state: number = threadStateOf(thread);
    const process: number = threadProcessOf(thread); // -1 for the idle thread
    if (process >= 0 && (state === THREAD_RUNNING || state === THREAD_RUNNABLE)) procfsRunning[process] = 1;
  }
};

/** The state letter of slot (after procfsMarkRunning): R running or runnable, S sleeping, Z zombie. */
const procfsStateLetter = (slot: number): number => {
  if (procStateOf(slot) === PROC_ZOMBIE) return 90;
  return procfsRunning[slot] !== 0 ? 82 : 83;
};

/** "seconds.hundredths idle\n", idle time not kept (0.00). */
const procfsGenerateUptime = (): void => {
  const ms: number = uptimeMs();
  procfsEmitDecimal(Math.floor(ms / 1000));
  procfsEmitByte(46);
  procfsEmitNumber(Math.floor(ms / 10) % 100, 10, 2);
  procfsEmitText(" 0.00\n");
};

/** MemTotal and MemFree in kB, Linux's layout. */
const procfsGenerateMeminfo = (): void => {
  procfsEmitText("MemTotal:       ");
  procfsEmitPadded(framesAvailable() * 4, 8);
  procfsEmitText(" kB\nMemFree:        ");
  procfsEmitPadded(framesFree() * 4, 8);
  procfsEmitText(" kB\n");
};

/** One line per process: "pid ppid pgid sid uid gid state threads name" (userland/ps.c reads it). */
const procfsGenerateAll = (): void => {
  procfsMarkRunning();
  for (let slot: number = 0; slot < processSlotsEnd() && !procfsEmitEnough(); slot++) {
    if (procStateOf(slot) === PROC_FREE) continue;
    procfsEmitField(pidOf(slot), 32);
    procfsEmitField(ppidOf(slot), 32);
    procfsEmitField(protectedGet(slot, PD_PGID), 32);
    procfsEmitField(protectedGet(slot, PD_SID), 32);
    procfsEmitField(protectedGet(slot, PD_UID), 32);
    procfsEmitField(protectedGet(slot, PD_GID), 32);
    procfsEmitByte(procfsStateLetter(slot));
    procfsEmitByte(32);
    procfsEmitField(protectedGet(slot, PD_THREAD_COUNT), 32);
    procfsEmitProcessName(slot);
    procfsEmitByte(10);
  }
};

/** "label\treal\teffective\tsaved\n", for the uids or the gids. */
const procfsEmitIds = (label: string, real: number, effective: number, saved: number): void => {
  procfsEmitText(label);
  procfsEmitByte(9);
  procfsEmitField(real, 9);
  procfsEmitField(effective, 9);
  procfsEmitDecimal(saved);
  procfsEmitByte(10);
};

/** Linux-like status: Name, State, Pid, PPid, Uid, Gid, Threads. */
const procfsGenerateStatus = (slot: number): void => {
  procfsMarkRunning();
  procfsEmitText("Name:\t");
  procfsEmitProcessName(slot);
  procfsEmitText("\nState:\t");
  const state: number = procfsStateLetter(slot);
  procfsEmitByte(state);
  procfsEmitText(state === 82 ? " (running)\n" : state === 83 ? " (sleeping)\n" : " (zombie)\n");
  procfsEmitLine("Pid:", pidOf(slot));
  procfsEmitLine("PPid:", ppidOf(slot));
  procfsEmitIds("Uid:", protectedGet(slot, PD_UID), protectedGet(slot, PD_EUID), protectedGet(slot, PD_SUID));
  procfsEmitIds("Gid:", protectedGet(slot, PD_GID), protectedGet(slot, PD_EGID), protectedGet(slot, PD_SGID));
  procfsEmitLine("Threads:", protectedGet(slot, PD_THREAD_COUNT));
};

/** The name the kernel keeps for the process, NUL-terminated. */
const procfsGenerateCmdline = (slot: number): void => {
  procfsEmitProcessName(slot);
  procfsEmitByte(0);
};

/** The region of slot's space with the lowest start above floor, or -1. */
const procfsRegionAbove = (slot: number, floor: number): number => {
  let best: number = -1;
  for (let region: number = spaceFirstRegion(slot); region >= 0; region = regionNextOf(region)) {
    const start: number = regionStartOf(region);
    if (start > floor && (best < 0 || start < regionStartOf(best))) best = region;
  }
  return best;
};

/** One line per region in address order: "start-end rwx name" (no name, no space, for an unnamed one). */
const procfsGenerateVm = (slot: number): void => {
  let region: number = procfsRegionAbove(slot, -1);
  for (; region >= 0 && !procfsEmitEnough(); region = procfsRegionAbove(slot, regionStartOf(region))) {
    const flags: number = regionFlagsOf(region);
    procfsEmitNumber(regionStartOf(region), 16, 8);
    procfsEmitByte(45);
    procfsEmitNumber(regionEndOf(region), 16, 8);
    procfsEmitByte(32);
    procfsEmitByte((flags & PROT_READ) !== 0 ? 114 : 45);
    procfsEmitByte((flags & PROT_WRITE) !== 0 ? 119 : 45);
    procfsEmitByte((flags & PROT_EXEC) !== 0 ? 120 : 45);
    const length: number = regionNameInto(region, procfsRegionName);
    if (length > 0) procfsEmitByte(32);
    for (let i: number = 0; i < length; i++) procfsEmitByte(procfsRegionName[i]);
    procfsEmitByte(10);
  }
};

/** One line per live thread of slot: tid, state (R running or runnable, S sleeping), priority, name. */
const procfsGenerateThreads = (slot: number): void => {
  for (let thread: number = 1; thread < threadSlotsEnd() && !procfsEmitEnough(); thread++) {
    if (!threadIsLive(thread) || threadProcessOf(thread) !== slot) continue;
    const state: number = threadStateOf(thread);
    procfsEmitField(threadTidOf(thread), 32);
    procfsEmitByte(state === THREAD_RUNNING || state === THREAD_RUNNABLE ? 82 : 83);
    procfsEmitByte(32);
    procfsEmitField(threadPriorityOf(thread), 32);
    for (let i: number = 0; i < threadNameLengthOf(thread); i++) {
      const byte: number = threadNameByteOf(thread, i);
      procfsEmitByte(byte === 10 ? 63 : byte);
    }
    procfsEmitByte(10);
  }
};

/** Sends the text of procfs file inode through the emitter. */
const procfsGenerate = (inode: number): void => {
  const kind: number = inodeRdevOf(inode);
  const slot: number = procfsNodeSlot(inode);
  if (kind === PN_UPTIME) procfsGenerateUptime();
  else if (kind === PN_MEMINFO) procfsGenerateMeminfo();
  else if (kind === PN_ALL) procfsGenerateAll();
  else if (slot < 0) return;
  else if (kind === PN_STATUS) procfsGenerateStatus(slot);
  else if (kind === PN_CMDLINE) procfsGenerateCmdline(slot);
  else if (kind === PN_VM) procfsGenerateVm(slot);
  else if (kind === PN_THREADS) procfsGenerateThreads(slot);
};

/**
 * Reads bytes [offset, offset + size) of procfs file inode's text into
 * process's buffer. Returns the count (0 past the end) or -EFAULT.
 */
export const procfsRead = (inode: number, offset: number, process: number, buffer: number, size: number): number => {
  if (!isRegular(inode)) return -EINVAL;
  procfsEmitBegin(offset, offset + size, process, buffer);
  procfsGenerate(inode);
  procfsEmitFlush();
  return procfsEmitFailed ? -EFAULT : procfsEmitCopied;
};

/** st_size: a file's text length now, a symlink's target length, 0 for directories. */
export const procfsSize = (inode: number): number => {
  if (isSymlink(inode)) return Math.max(0, procfsReadlink(inode, procfsLinkScratch));
  if (!isRegular(inode)) return 0;
  procfsEmitBegin(PROCFS_MEASURE_ONLY, PROCFS_MEASURE_ONLY, 0, 0);
  procfsGenerate(inode);
  return procfsEmitPosition;
};
