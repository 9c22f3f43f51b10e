// Identity: getpid, getppid, gettid and the user and group ids.
import { EFAULT } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { copyToUser } from "../mm/usercopy";
import {
  PD_EGID, PD_EUID, PD_GID, PD_PID, PD_PPID, PD_SGID, PD_SUID, PD_UID, protectedGet,
} from "../proc/protected";
import { currentProcess, currentThread } from "../proc/scheduler";
import { threadTidOf } from "../proc/thread";

// getres[ug]id's three results, each copied to its own pointer.
const ID_REAL: number = 0;
const ID_EFFECTIVE: number = 1;
const ID_SAVED: number = 2;
const triple: Uint32Array = new Uint32Array(3);

export const sys$getpid = (frame: number, arg1: number, arg2: number, arg3: number): number => protectedGet(currentProcess(), PD_PID);
export const sys$getppid = (frame: number, arg1: number, arg2: number, arg3: number): number => protectedGet(currentProcess(), PD_PPID);
export const sys$gettid = (frame: number, arg1: number, arg2: number, arg3: number): number => threadTidOf(currentThread);
export const sys$getuid = (frame: number, arg1: number, arg2: number, arg3: number): number => protectedGet(currentProcess(), PD_UID);
export const sys$geteuid = (frame: number, arg1: number, arg2: number, arg3: number): number => protectedGet(currentProcess(), PD_EUID);
export const sys$getgid = (frame: number, arg1: number, arg2: number, arg3: number): number => protectedGet(currentProcess(), PD_GID);
export const sys$getegid = (frame: number, arg1: number, arg2: number, arg3: number): number => protectedGet(currentProcess(), PD_EGID);

/** Copies three protected fields out to three user pointers; 0 or -EFAULT. */
const copyTripleOut = (first: number, second: number, third: number, real: number, effective: number, saved: number): number => {
  const process: number = currentProcess();
  triple[ID_REAL] = protectedGet(process, real);
  triple[ID_EFFECTIVE] = protectedGet(process, effective);
  triple[ID_SAVED] = protectedGet(process, saved);
  const base: number = wordsAddress(triple);
  if (copyToUser(process, first, base + ID_REAL * 4, 4) < 0) return -EFAULT;
  if (copyToUser(process, second, base + ID_EFFECTIVE * 4, 4) < 0) return -EFAULT;
  if (copyToUser(process, third, base + ID_SAVED * 4, 4) < 0) return -EFAULT;
  return 0;
};

export const sys$getresuid = (frame: number, real: number, effective: number, saved: number): number =>
  copyTripleOut(real, effective, saved, PD_UID, PD_EUID, PD_SUID);

export const sys$getresgid = (frame: number, real: number, effective: number, saved: number): number =>
  copyTripleOut(real, effective, saved, PD_GID, PD_EGID, PD_SGID);
