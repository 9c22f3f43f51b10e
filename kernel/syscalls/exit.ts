// exit: ends the whole process with a status (its low 8 bits are kept).
import { processExit } from "../lifecycle/exit";
import { currentProcess } from "../proc/scheduler";

export const sys$exit = (frame: number, status: number, arg2: number, arg3: number): number => {
  processExit(currentProcess(), status, 0);
  return 0; // not reached: the process is gone
};
