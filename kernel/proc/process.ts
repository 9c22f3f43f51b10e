// Processes: a fixed table of slots (xv6's proc[NPROC]). Identity fields
// live in each slot's protected page (protected.ts); the rest is here.
// A process is ALIVE until its last thread exits, then a ZOMBIE holding
// its termination status until its parent reaps it with waitid.
import { signalActionsInherit } from "./signal_actions";
import { bytesAddress, copyBytes } from "../arch/i386/io";
import { spaceDestroy } from "../mm/space";
import { MAX_PROCESSES, PID_MAX } from "../lib/limits";
import {
  PD_DUMPABLE, PD_EGID, PD_EUID, PD_GID, PD_PGID, PD_PID, PD_PPID, PD_SGID, PD_SID, PD_SUID, PD_THREAD_COUNT,
  PD_UID, PD_UMASK, protectData, protectedDataCreate, protectedDataDestroy, protectedGet, protectedSet,
  unprotectData, PD_HAS_PROMISES, PD_PROMISES, PD_HAS_EXECPROMISES, PD_EXECPROMISES, PD_SIGNAL_TRAMPOLINE,
  PD_EXTRA_GID_COUNT,
} from "./protected";

export const PROC_FREE: number = 0;
export const PROC_ALIVE: number = 1;
export const PROC_ZOMBIE: number = 2;
export const PROCESS_NAME_MAX: number = 256;
/** The last slot holds the space being built by execve, never a process. */
export const EXEC_SCRATCH_SLOT: number = MAX_PROCESSES - 1;
/** init: the first process, which adopts orphans and which kill(-1) spares. */
export const INIT_PID: number = 1;

const procState: Uint8Array = new Uint8Array(MAX_PROCESSES);
const procMainThread: Int32Array = new Int32Array(MAX_PROCESSES);
const procName: Uint8Array = new Uint8Array(MAX_PROCESSES * PROCESS_NAME_MAX);
const procNameLength: Uint16Array = new Uint16Array(MAX_PROCESSES);
const procCoreDumped: Uint8Array = new Uint8Array(MAX_PROCESSES); // killed by a signal whose default action dumps core
// CPU time in timer ticks: the process's own in user mode and in the
// kernel, and what its reaped children (and theirs) used.
const procUserTicks: Uint32Array = new Uint32Array(MAX_PROCESSES);
const procSystemTicks: Uint32Array = new Uint32Array(MAX_PROCESSES);
const procChildUserTicks: Uint32Array = new Uint32Array(MAX_PROCESSES);
const procChildSystemTicks: Uint32Array = new Uint32Array(MAX_PROCESSES);
const procDying: Uint8Array = new Uint8Array(MAX_PROCESSES); // its end is recorded; its threads are ending
// pid -> process slot + 1; 0 for a free id (so the zeroed map is empty at
// boot), THREAD_ID for the tid of a thread that is not its process's first
// (pids and tids share one number space).
const pidSlot: Int16Array = new Int16Array(PID_MAX);
const THREAD_ID: number = -1;
let lastPid: number = 0;

// The tables above belong to this file: every other file reads a field
// through its accessor (fieldOf) and writes it through its setter.
export const procStateOf = (slot: number): number => procState[slot];
export const procMainThreadOf = (slot: number): number => procMainThread[slot];
export const procNameLengthOf = (slot: number): number => procNameLength[slot];
/** Byte i of slot's name. */
export const procNameByteOf = (slot: number, i: number): number => procName[slot * PROCESS_NAME_MAX + i];
export const procCoreDumpedOf = (slot: number): boolean => procCoreDumped[slot] !== 0;
export const procUserTicksOf = (slot: number): number => procUserTicks[slot];
export const procSystemTicksOf = (slot: number): number => procSystemTicks[slot];
export const procChildUserTicksOf = (slot: number): number => procChildUserTicks[slot];
export const procChildSystemTicksOf = (slot: number): number => procChildSystemTicks[slot];
export const procSetCoreDumped = (slot: number, dumped: boolean): void => { procCoreDumped[slot] = dumped ? 1 : 0; };
export const procDyingOf = (slot: number): boolean => procDying[slot] !== 0;
export const procSetDying = (slot: number): void => { procDying[slot] = 1; };

/** A timer tick went to slot's process, in user mode or in the kernel. */
export const processAccountTick = (slot: number, user: boolean): void => {
  if (user) procUserTicks[slot]++;
  else procSystemTicks[slot]++;
};

/** parent reaped child: child's CPU time, and its children's, count as parent's children's. */
export const processAddChildTimes = (parent: number, child: number): void => {
  procChildUserTicks[parent] += procUserTicks[child] + procChildUserTicks[child];
  procChildSystemTicks[parent] += procSystemTicks[child] + procChildSystemTicks[child];
};

/** Marks slot's process a zombie (its exit is recorded; the parent reaps it). */
export const procMakeZombie = (slot: number): void => { procState[slot] = PROC_ZOMBIE; };
/** Records the thread fork or the first process starts slot with. */
export const procSetMainThread = (slot: number, thread: number): void => { procMainThread[slot] = thread; };
/** Sets how many bytes of slot's name buffer (nameAddress) are the name. */
export const procSetNameLength = (slot: number, length: number): void => { procNameLength[slot] = length; };

/** The slot of pid, or -1. */
export const slotOfPid = (pid: number): number => {
  if (pid <= 0 || pid >= PID_MAX) return -1;
  const entry: number = pidSlot[pid];
  return entry > 0 ? entry - 1 : -1;
};

export const pidOf = (slot: number): number => protectedGet(slot, PD_PID);
export const ppidOf = (slot: number): number => protectedGet(slot, PD_PPID);

/** The next unused pid after the last one handed out, wrapping; -1 when all are taken. */
const allocatePid = (): number => {
  for (let tries: number = 1; tries < PID_MAX; tries++) {
    const pid: number = ((lastPid + tries - 1) % (PID_MAX - 1)) + 1;
    if (pidSlot[pid] === 0) {
      lastPid = pid;
      return pid;
    }
  }
  return -1;
};

/** An id for a new thread of a running process, from the pid space (so no pid equals it); -1 when none is left. */
export const allocateThreadId = (): number => {
  const id: number = allocatePid();
  if (id > 0) pidSlot[id] = THREAD_ID;
  return id;
};

/** A thread's slot was freed: its id is free again unless it is its process's pid. */
export const releaseThreadId = (tid: number): void => {
  if (tid > 0 && tid < PID_MAX && pidSlot[tid] === THREAD_ID) pidSlot[tid] = 0;
};

let slotsEnd: number = 0;

/** One past the highest process slot in use: a scan of the table stops here (it is short, the table is not). */
export const processSlotsEnd = (): number => slotsEnd;

const freeSlot = (): number => {
  for (let slot: number = 0; slot < EXEC_SCRATCH_SLOT; slot++) {
    if (procState[slot] === PROC_FREE) return slot;
  }
  return -1;
};

/**
 * Takes a slot and a pid for a new process whose parent is parentSlot (-1
 * for the first process, which gets root credentials and umask 022);
 * copies the identity, promises, umask and name from the parent. Returns
 * the slot, or -1 when the table, the pids or memory are exhausted.
 */
export const allocproc = (parentSlot: number): number => {
  const slot: number = freeSlot();
  if (slot < 0) return -1;
  const pid: number = allocatePid();
  if (pid < 0 || !protectedDataCreate(slot)) return -1;
  pidSlot[pid] = slot + 1;
  procState[slot] = PROC_ALIVE;
  if (slot >= slotsEnd) slotsEnd = slot + 1;
  procMainThread[slot] = -1;
  procCoreDumped[slot] = 0;
  procDying[slot] = 0;
  procUserTicks[slot] = 0;
  procSystemTicks[slot] = 0;
  procChildUserTicks[slot] = 0;
  procChildSystemTicks[slot] = 0;
  unprotectData(slot);
  protectedSet(slot, PD_PID, pid);
  if (parentSlot < 0) {
    protectedSet(slot, PD_SID, pid);
    protectedSet(slot, PD_PGID, pid);
    protectedSet(slot, PD_UMASK, 0o22);
    protectedSet(slot, PD_DUMPABLE, 1);
    procNameLength[slot] = 0;
  } else {
    protectedSet(slot, PD_PPID, pidOf(parentSlot));
    for (let i: number = 0; i < INHERITED_FIELDS.length; i++) {
      protectedSet(slot, INHERITED_FIELDS[i], protectedGet(parentSlot, INHERITED_FIELDS[i]));
    }
    copyBytes(nameAddress(slot), nameAddress(parentSlot), PROCESS_NAME_MAX);
    procNameLength[slot] = procNameLength[parentSlot];
  }
  protectedSet(slot, PD_THREAD_COUNT, 1);
  protectData(slot);
  signalActionsInherit(parentSlot, slot);
  return slot;
};

/** Protected fields a child inherits from its parent at fork. */
const INHERITED_FIELDS: number[] = [
  PD_SID, PD_PGID, PD_EUID, PD_EGID, PD_UID, PD_GID, PD_SUID, PD_SGID, PD_EXTRA_GID_COUNT, PD_DUMPABLE,
  PD_HAS_PROMISES, PD_PROMISES, PD_HAS_EXECPROMISES, PD_EXECPROMISES, PD_UMASK, PD_SIGNAL_TRAMPOLINE,
];

/** slot's process gained (delta 1) or lost (-1) a live thread. */
export const processThreadCountAdd = (slot: number, delta: number): void => {
  unprotectData(slot);
  protectedSet(slot, PD_THREAD_COUNT, protectedGet(slot, PD_THREAD_COUNT) + delta);
  protectData(slot);
};

/** True when slot's process has one live thread left (or none). */
export const processHasOneThread = (slot: number): boolean => protectedGet(slot, PD_THREAD_COUNT) <= 1;

/** Kernel address of slot's name buffer. */
export const nameAddress = (slot: number): number => bytesAddress(procName) + slot * PROCESS_NAME_MAX;

/** Gives the slot and pid back (after reaping; lifecycle/exit.ts's processDiscard after a failed fork). */
export const freeproc = (slot: number): void => {
  spaceDestroy(slot);
  pidSlot[pidOf(slot)] = 0;
  protectedDataDestroy(slot);
  procState[slot] = PROC_FREE;
  while (slotsEnd > 0 && procState[slotsEnd - 1] === PROC_FREE) slotsEnd--;
};

/** Processes not free (zombies included), for leak checks. */
export const processesInUse = (): number => {
  let count: number = 0;
  for (let slot: number = 0; slot < MAX_PROCESSES; slot++) {
    if (procState[slot] !== PROC_FREE) count++;
  }
  return count;
};
