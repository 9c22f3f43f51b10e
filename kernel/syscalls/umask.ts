// umask: sets the file-creation mask (protected data) and returns the old one.
import { PD_UMASK, protectData, protectedGet, protectedSet, unprotectData } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";

export const sys$umask = (frame: number, mask: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  const old: number = protectedGet(process, PD_UMASK);
  unprotectData(process);
  protectedSet(process, PD_UMASK, mask & 0o777);
  protectData(process);
  return old;
};
