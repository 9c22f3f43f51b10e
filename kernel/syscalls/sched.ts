// yield: gives up the CPU to the next runnable thread.
import { yieldCpu } from "../proc/scheduler";

export const sys$yield = (frame: number, arg1: number, arg2: number, arg3: number): number => {
  yieldCpu();
  return 0;
};
