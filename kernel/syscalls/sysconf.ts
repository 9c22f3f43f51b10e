// sysconf: the system limits the reference reports.
import {
  SC_CLK_TCK, SC_GETPW_R_SIZE_MAX, SC_MONOTONIC_CLOCK, SC_NPROCESSORS_CONF, SC_NPROCESSORS_ONLN,
  SC_OPEN_MAX, SC_PAGESIZE, SC_TTY_NAME_MAX,
} from "../api/abi";
import { EINVAL } from "../api/errno";
import { OPEN_MAX, PAGE_SIZE, TTY_NAME_MAX } from "../api/limits";
import { ticksPerSecond } from "../arch/i386/pit";

export const sys$sysconf = (frame: number, name: number, arg2: number, arg3: number): number => {
  if (name === SC_MONOTONIC_CLOCK) return 1;
  if (name === SC_NPROCESSORS_CONF || name === SC_NPROCESSORS_ONLN) return 1;
  if (name === SC_OPEN_MAX) return OPEN_MAX;
  if (name === SC_PAGESIZE) return PAGE_SIZE;
  if (name === SC_TTY_NAME_MAX) return TTY_NAME_MAX;
  if (name === SC_GETPW_R_SIZE_MAX) return 4096;
  if (name === SC_CLK_TCK) return ticksPerSecond();
  return -EINVAL;
};
