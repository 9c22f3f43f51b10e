// disown: detaches a child (ppid 0), so it is never waited for.
import { ECHILD, ESRCH } from "../api/errno";
import { pidOf, ppidOf, slotOfPid } from "../proc/process";
import { PD_PPID, protectData, protectedSet, unprotectData } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";

export const sys$disown = (frame: number, pid: number, arg2: number, arg3: number): number => {
  const child: number = slotOfPid(pid);
  if (child < 0) return -ESRCH;
  if (ppidOf(child) !== pidOf(currentProcess())) return -ECHILD;
  unprotectData(child);
  protectedSet(child, PD_PPID, 0);
  protectData(child);
  return 0;
};
