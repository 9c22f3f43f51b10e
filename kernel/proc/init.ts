// The first user process: /bin/init (or `init=` on the command line) from
// the initial ramdisk, with `initarg=` as its one argument. In a test run
// (`test=` on the command line) init's exit ends the QEMU run with init's
// exit status, after a leak check: by then every other process is gone,
// so frames, processes, threads and regions must be back where they were
// before init started, less what the dying init itself still holds, and
// inodes, file descriptions, pipes and inode watchers must be back to
// their counts too.
import { descriptionsInUse } from "../fs/description";
import { filesFirst } from "../fs/file";
import { inodesInUse } from "../fs/inode";
import { pipesInUse } from "../fs/pipe";
import { watchersInUse, watchesInUse } from "../fs/watch";
import { resolvedDirectory } from "../fs/vfs";
import { consoleInode } from "../fs/vfs_init";
import { bytesAddress, copyBytes, fillBytes } from "../arch/i386/io";
import { haltForever, qemuExit } from "../arch/i386/cpu";
import { cmdline, cmdlineLength } from "../boot/multiboot";
import { argumentLength, findArgument } from "../lib/cmdline";
import { framesFree } from "../mm/frames";
import { regionsInUse, spaceCreate } from "../mm/space";
import { kprint, kprintDecimal, kprintln } from "../tty/console";
import { ktest } from "../tests/ktest";
import { execProgram, execSetPath, execStageCommit, execStageCursor, execStageReset } from "./exec";
import { allocproc, pidOf, processesInUse, procMainThread } from "./process";
import { makeRunnable } from "./scheduler";
import { FPU_STATE_BYTES, threadCreate, threadsInUse, TRAP_FRAME_BYTES } from "./thread";

const DEFAULT_INIT: string = "/bin/init";
/** Frames a just-exited init still holds: its protected page and its 3 kernel stack pages. */
const INIT_RESIDUAL_FRAMES: number = 4;
const initPath: Uint8Array = new Uint8Array(256);
const bootFrame: Uint8Array = new Uint8Array(FPU_STATE_BYTES + TRAP_FRAME_BYTES);
let framesBeforeInit: number = 0;
let processesBeforeInit: number = 0;
let threadsBeforeInit: number = 0;
let inodesBeforeInit: number = 0;
let initStatus: number = -1;
let initSignal: number = 0;

/** Adds length bytes at a kernel address as the next argument of the program being started. */
const stageArgument = (address: number, length: number): void => {
  copyBytes(execStageCursor(), address, length);
  execStageCommit(length, false);
};

/** Sets the init program's path from `init=` or the default; returns its length. */
const chooseInitPath = (): number => {
  const at: number = findArgument(cmdline, cmdlineLength, "init");
  if (at < 0) {
    for (let i: number = 0; i < DEFAULT_INIT.length; i++) initPath[i] = DEFAULT_INIT.charCodeAt(i);
    return DEFAULT_INIT.length;
  }
  const length: number = Math.min(argumentLength(cmdline, cmdlineLength, at), initPath.length);
  copyBytes(bytesAddress(initPath), bytesAddress(cmdline) + at, length);
  return length;
};

/** Creates the init process and makes it runnable; false (after saying why) when it cannot start. */
export const startInit = (): boolean => {
  framesBeforeInit = framesFree();
  processesBeforeInit = processesInUse();
  threadsBeforeInit = threadsInUse();
  inodesBeforeInit = inodesInUse();
  const slot: number = allocproc(-1);
  if (slot < 0 || !spaceCreate(slot)) return false;
  const terminal: number = consoleInode();
  if (!filesFirst(slot, terminal, resolvedDirectory)) return false;
  const length: number = chooseInitPath();
  execSetPath(initPath, length);
  execStageReset();
  stageArgument(bytesAddress(initPath), length);
  const argument: number = findArgument(cmdline, cmdlineLength, "initarg");
  if (argument >= 0) stageArgument(bytesAddress(cmdline) + argument, argumentLength(cmdline, cmdlineLength, argument));
  fillBytes(bytesAddress(bootFrame), 0, bootFrame.length);
  const frame: number = bytesAddress(bootFrame) + FPU_STATE_BYTES;
  const status: number = execProgram(slot, frame);
  if (status < 0) {
    kprint("init: cannot execute the init program: error ");
    kprintDecimal(-status);
    kprintln("");
    return false;
  }
  const thread: number = threadCreate(slot, pidOf(slot), frame, frame - FPU_STATE_BYTES);
  if (thread < 0) return false;
  procMainThread[slot] = thread;
  makeRunnable(thread);
  kprintln("kernel: entering user mode with /bin/init");
  return true;
};

/** Called as init dies: halts, except in a test run, which ends once the last process is gone. */
export const initExited = (status: number, signal: number): void => {
  kprint("init exited with status ");
  kprintDecimal(status);
  kprint(", signal ");
  kprintDecimal(signal);
  kprintln("");
  if (findArgument(cmdline, cmdlineLength, "test") < 0) {
    kprintln("kernel: init is gone; halting");
    haltForever();
  }
  initStatus = status;
  initSignal = signal;
};

/**
 * In a test run after init exited: once init's zombie is the last process
 * (disowned ones may still be finishing), checks for leaks and ends QEMU
 * with init's status.
 */
export const finishTestRunWhenIdle = (): void => {
  if (initStatus < 0 || processesInUse() - 1 > processesBeforeInit) return;
  const status: number = initStatus;
  const signal: number = initSignal;
  const leakedFrames: number = framesBeforeInit - INIT_RESIDUAL_FRAMES - framesFree();
  kprint("leak check: ");
  kprintDecimal(leakedFrames);
  kprint(" frames, ");
  kprintDecimal(processesInUse() - 1 - processesBeforeInit);
  kprint(" processes, ");
  kprintDecimal(threadsInUse() - 1 - threadsBeforeInit);
  kprint(" threads, ");
  kprintDecimal(regionsInUse());
  kprint(" regions, ");
  kprintDecimal(inodesInUse() - inodesBeforeInit);
  kprint(" inodes, ");
  kprintDecimal(descriptionsInUse());
  kprint(" descriptions, ");
  kprintDecimal(pipesInUse());
  kprint(" pipes, ");
  kprintDecimal(watchersInUse() + watchesInUse());
  kprintln(" watchers");
  const filesClean: boolean = inodesInUse() === inodesBeforeInit && descriptionsInUse() === 0 && pipesInUse() === 0 &&
    watchersInUse() + watchesInUse() === 0;
  const clean: boolean = leakedFrames === 0 && processesInUse() - 1 === processesBeforeInit &&
    threadsInUse() - 1 === threadsBeforeInit && regionsInUse() === 0 && filesClean;
  ktest("kernel.no-leaks-after-init", clean, "kernel memory or tables not returned");
  qemuExit(signal !== 0 ? 0x7e : clean ? status : status + 1);
};
