// The first user process: /bin/init (or `init=` on the command line) from
// the initial ramdisk, with `initarg=` as its one argument. In a test run
// (`test=` on the command line) init's exit ends the QEMU run with init's
// exit status, after the leak check (leaks.ts) once every other process is
// gone.
import { filesFirst } from "../fs/file";
import { resolvedDirectory } from "../fs/vfs";
import { consoleInode } from "../fs/vfs_init";
import { bytesAddress, copyBytes, fillBytes } from "../arch/i386/io";
import { haltForever, qemuExit } from "../arch/i386/cpu";
import { cmdline, cmdlineLength } from "../boot/multiboot";
import { argumentLength, findArgument } from "../lib/cmdline";
import { spaceCreate } from "../mm/space";
import { kprint, kprintDecimal, kprintln } from "../devices/console";
import { execProgram, execSetPath, execStageCommit, execStageCursor, execStageReset } from "./exec";
import { allocproc, nameAddress, pidOf, processesInUse, procNameLengthOf, procSetMainThread } from "../proc/process";
import { makeRunnable } from "../proc/scheduler";
import { threadCopyTls, threadCreate, threadSetName, threadSetTls } from "../proc/thread";
import { fpuStateAddress, STAGED_FRAME_BYTES, stagedFrameAddress } from "../arch/i386/trapframe";
import { leaksBaseline, leaksCheck } from "./leaks";
import { profileReport, profiling } from "../debug/profile";

const DEFAULT_INIT: string = "/bin/init";
const initPath: Uint8Array = new Uint8Array(256);
const bootFrame: Uint8Array = new Uint8Array(STAGED_FRAME_BYTES);
let processesBeforeInit: number = 0;
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
  processesBeforeInit = processesInUse();
  leaksBaseline();
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
  const frame: number = stagedFrameAddress(bytesAddress(bootFrame));
  const status: number = execProgram(slot, frame);
  if (status < 0) {
    kprint("init: cannot execute the init program: error ");
    kprintDecimal(-status);
    kprintln("");
    return false;
  }
  const thread: number = threadCreate(slot, pidOf(slot), frame, fpuStateAddress(frame));
  if (thread < 0) return false;
  threadSetName(thread, nameAddress(slot), procNameLengthOf(slot));
  // execProgram ran on the idle thread: the TLS block it made is the new thread's.
  threadCopyTls(thread, 0);
  threadSetTls(0, 0, 0, 0);
  procSetMainThread(slot, thread);
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
 * with init's status (a profiled run halts instead, for the host to read its samples).
 */
export const finishTestRunWhenIdle = (): void => {
  if (initStatus < 0 || processesInUse() - 1 > processesBeforeInit) return;
  const status: number = initStatus;
  const signal: number = initSignal;
  const clean: boolean = leaksCheck();
  if (profiling()) {
    profileReport();
    haltForever(); // the host reads the samples out of guest memory, then ends QEMU
  }
  qemuExit(signal !== 0 ? 0x7e : clean ? status : status + 1);
};
