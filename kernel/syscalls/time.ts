// Clocks and sleeping: gettimeofday, clock_gettime, clock_settime and
// clock_nanosleep (syscalls 20, 113, 114, 115) over time/clock.ts, and
// times (60), the CPU time the timer interrupt counts per process.
// Sleeps block in the scheduler (sleepOnUntil) until a tick count.
import { CLOCK_REALTIME, TIMER_ABSTIME } from "../api/abi";
import {
  CLOCK_NANOSLEEP_PARAMS_BYTES, CLOCK_NANOSLEEP_PARAMS_CLOCK_ID, CLOCK_NANOSLEEP_PARAMS_FLAGS,
  CLOCK_NANOSLEEP_PARAMS_REMAINING_SLEEP, CLOCK_NANOSLEEP_PARAMS_REQUESTED_SLEEP,
  CLOCK_NANOSLEEP_PARAMS_WORDS, TIMESPEC_BYTES, TIMESPEC_WORDS, TMS_BYTES, TMS_TMS_CSTIME, TMS_TMS_CUTIME,
  TMS_TMS_STIME, TMS_TMS_UTIME, TMS_WORDS,
} from "../api/layout";
import { EFAULT, EINTR, EINVAL, EPERM } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { cyclesPerTick, PIT_INPUT_HZ, tickCount, ticksPerSecond } from "../arch/i386/pit";
import {
  cyclesToNanoseconds, cyclesToSeconds, timespecFraction, timespecIsValid,
  timespecSeconds, timespecStore,
} from "../lib/time";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { PD_EUID, protectedGet } from "../proc/protected";
import {
  procChildSystemTicksOf, procChildUserTicksOf, procSystemTicksOf, procUserTicksOf,
} from "../proc/process";
import { currentProcess, sleepOnUntil } from "../proc/scheduler";
import { deadlineTickAfter, deadlineTickAt, isValidClock, readClock, setRealtime } from "../time/clock";

// Buffers for one syscall's copy in or out; never held across a sleep.
const timespecIn: Uint32Array = new Uint32Array(TIMESPEC_WORDS);
const timespecOut: Uint32Array = new Uint32Array(TIMESPEC_WORDS);
const nanosleepParams: Uint32Array = new Uint32Array(CLOCK_NANOSLEEP_PARAMS_WORDS);

/** Writes the time left until deadlineTick to the user timespec at address; 0 or -EFAULT. */
const writeRemaining = (process: number, address: number, deadlineTick: number): number => {
  const cycles: number = Math.max(0, deadlineTick - tickCount()) * cyclesPerTick();
  timespecStore(timespecOut, cyclesToSeconds(cycles, PIT_INPUT_HZ), cyclesToNanoseconds(cycles, PIT_INPUT_HZ));
  return copyToUser(process, address, wordsAddress(timespecOut), TIMESPEC_BYTES) < 0 ? -EFAULT : 0;
};

export const sys$gettimeofday = (frame: number, address: number, arg2: number, arg3: number): number => {
  readClock(CLOCK_REALTIME, timespecOut);
  timespecStore(timespecOut, timespecSeconds(timespecOut), Math.floor(timespecFraction(timespecOut) / 1000));
  return copyToUser(currentProcess(), address, wordsAddress(timespecOut), TIMESPEC_BYTES) < 0 ? -EFAULT : 0;
};

export const sys$clock_gettime = (frame: number, clock: number, address: number, arg3: number): number => {
  if (!isValidClock(clock)) return -EINVAL;
  readClock(clock, timespecOut);
  return copyToUser(currentProcess(), address, wordsAddress(timespecOut), TIMESPEC_BYTES) < 0 ? -EFAULT : 0;
};

/** The reference's order: EPERM before the copy (EFAULT) before the clock id (EINVAL). */
export const sys$clock_settime = (frame: number, clock: number, address: number, arg3: number): number => {
  const process: number = currentProcess();
  if (protectedGet(process, PD_EUID) !== 0) return -EPERM;
  if (copyFromUser(process, wordsAddress(timespecIn), address, TIMESPEC_BYTES) < 0) return -EFAULT;
  if (clock !== CLOCK_REALTIME) return -EINVAL;
  setRealtime(timespecSeconds(timespecIn), timespecFraction(timespecIn));
  return 0;
};

/**
 * SC_clock_nanosleep_params { clock_id, flags, requested, remaining }.
 * Sleeps for the requested time (flags 0) or until the clock reads it
 * (TIMER_ABSTIME). A requested time with tv_nsec outside [0, 10^9) or a
 * negative tv_sec is EINVAL, as POSIX says (the reference normalised it).
 * Only a signal ends the sleep early (EINTR, never restarted); then a
 * relative sleep writes the time left to remaining when given.
 */
export const sys$clock_nanosleep = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(nanosleepParams), paramsAddress, CLOCK_NANOSLEEP_PARAMS_BYTES) < 0) return -EFAULT;
  const clock: number = nanosleepParams[CLOCK_NANOSLEEP_PARAMS_CLOCK_ID];
  const flags: number = nanosleepParams[CLOCK_NANOSLEEP_PARAMS_FLAGS];
  const remaining: number = nanosleepParams[CLOCK_NANOSLEEP_PARAMS_REMAINING_SLEEP];
  if (copyFromUser(process, wordsAddress(timespecIn), nanosleepParams[CLOCK_NANOSLEEP_PARAMS_REQUESTED_SLEEP], TIMESPEC_BYTES) < 0) return -EFAULT;
  if (flags !== 0 && flags !== TIMER_ABSTIME) return -EINVAL;
  if (!isValidClock(clock)) return -EINVAL;
  const seconds: number = timespecSeconds(timespecIn);
  const nanoseconds: number = timespecFraction(timespecIn);
  if (!timespecIsValid(seconds, nanoseconds)) return -EINVAL;
  const absolute: boolean = flags === TIMER_ABSTIME;
  const deadline: number = absolute ? deadlineTickAt(clock, seconds, nanoseconds) : deadlineTickAfter(seconds, nanoseconds);
  // Channel 0: no wakeup ends this sleep, so returning false means a signal did.
  if (sleepOnUntil(0, deadline)) return 0;
  if (!absolute && remaining !== 0 && writeRemaining(process, remaining, deadline) < 0) return -EFAULT;
  return -EINTR;
};

const tms: Uint32Array = new Uint32Array(TMS_WORDS);

/**
 * Fills struct tms with the caller's user and system time and its reaped
 * children's, in clock ticks (sysconf(_SC_CLK_TCK) a second); returns the
 * uptime in milliseconds, masked to 31 bits as the reference does. EFAULT.
 */
export const sys$times = (frame: number, tmsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  tms[TMS_TMS_UTIME] = procUserTicksOf(process);
  tms[TMS_TMS_STIME] = procSystemTicksOf(process);
  tms[TMS_TMS_CUTIME] = procChildUserTicksOf(process);
  tms[TMS_TMS_CSTIME] = procChildSystemTicksOf(process);
  if (copyToUser(process, tmsAddress, wordsAddress(tms), TMS_BYTES) < 0) return -EFAULT;
  return Math.floor(tickCount() * 1000 / ticksPerSecond()) & 0x7fffffff;
};
