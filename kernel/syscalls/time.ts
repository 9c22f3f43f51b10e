// Clocks and sleeping: gettimeofday, clock_gettime, clock_settime and
// clock_nanosleep (syscalls.md rows 20, 113, 114, 115). Every clock counts
// PIT input cycles, which advance a whole timer tick (about 1 ms) at a
// time: the monotonic clocks from boot, the realtime clocks from the RTC's
// date at boot plus an offset that clock_settime moves. The raw and coarse
// variants read the same counter: nothing slews the clock (adjtime is not
// implemented) and a precise read would need more than the PIT has.
// Sleeps block in the scheduler (sleepOnUntil) until a tick count.
import {
  CLOCK_MONOTONIC, CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME,
  CLOCK_REALTIME_COARSE, TIMER_ABSTIME,
} from "../api/abi";
import { EFAULT, EINTR, EINVAL, EPERM } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { cyclesPerTick, PIT_INPUT_HZ, tickCount, uptimeCycles } from "../arch/i386/pit";
import { rtcEpochSeconds } from "../arch/i386/rtc";
import {
  cyclesToNanoseconds, cyclesToSeconds, cyclesToTicks, durationToCycles, NANOSECONDS_PER_SECOND,
  timespecFraction, timespecIsValid, timespecSeconds, timespecStore,
} from "../lib/time";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { PD_EUID, protectedGet } from "../proc/protected";
import { currentProcess, sleepOnUntil } from "../proc/scheduler";
import {
  CLOCK_NANOSLEEP_PARAMS_BYTES, CLOCK_NANOSLEEP_PARAMS_CLOCK_ID, CLOCK_NANOSLEEP_PARAMS_FLAGS,
  CLOCK_NANOSLEEP_PARAMS_REMAINING_SLEEP, CLOCK_NANOSLEEP_PARAMS_REQUESTED_SLEEP,
  CLOCK_NANOSLEEP_PARAMS_WORDS, TIMESPEC_BYTES, TIMESPEC_WORDS,
} from "../api/layout";

// CLOCK_REALTIME = monotonic + this offset; the nanoseconds stay in [0, 10^9).
let realtimeOffsetSeconds: number = 0;
let realtimeOffsetNanoseconds: number = 0;

// Buffers for one syscall's copy in or out; never held across a sleep.
const timespecIn: Uint32Array = new Uint32Array(TIMESPEC_WORDS);
const timespecOut: Uint32Array = new Uint32Array(TIMESPEC_WORDS);
const nanosleepParams: Uint32Array = new Uint32Array(CLOCK_NANOSLEEP_PARAMS_WORDS);

const isValidClock = (clock: number): boolean =>
  clock === CLOCK_REALTIME || clock === CLOCK_MONOTONIC || clock === CLOCK_MONOTONIC_RAW ||
  clock === CLOCK_REALTIME_COARSE || clock === CLOCK_MONOTONIC_COARSE;

const isRealtimeClock = (clock: number): boolean => clock === CLOCK_REALTIME || clock === CLOCK_REALTIME_COARSE;

/**
 * Makes CLOCK_REALTIME read seconds + nanoseconds now. Whole seconds in
 * nanoseconds (or a negative value) carry into seconds, as the reference's
 * Time::from_timespec does.
 */
const setRealtime = (seconds: number, nanoseconds: number): void => {
  const carried: number = Math.floor(nanoseconds / NANOSECONDS_PER_SECOND);
  const cycles: number = uptimeCycles();
  let offsetSeconds: number = seconds + carried - cyclesToSeconds(cycles, PIT_INPUT_HZ);
  let offsetNanoseconds: number =
    nanoseconds - carried * NANOSECONDS_PER_SECOND - cyclesToNanoseconds(cycles, PIT_INPUT_HZ);
  if (offsetNanoseconds < 0) {
    offsetNanoseconds += NANOSECONDS_PER_SECOND;
    offsetSeconds--;
  }
  realtimeOffsetSeconds = offsetSeconds;
  realtimeOffsetNanoseconds = offsetNanoseconds;
};

/** Starts CLOCK_REALTIME at the RTC's date and time (at boot, before interrupts). */
export const clockInit = (): void => {
  setRealtime(rtcEpochSeconds(), 0);
};

/** Whole seconds of CLOCK_REALTIME (file times). */
export const realtimeSeconds = (): number => cyclesToSeconds(uptimeCycles(), PIT_INPUT_HZ) + realtimeOffsetSeconds;

/** Stores the time of a valid clock in words as a struct timespec. */
const readClock = (clock: number, words: Uint32Array): void => {
  const cycles: number = uptimeCycles();
  let seconds: number = cyclesToSeconds(cycles, PIT_INPUT_HZ);
  let nanoseconds: number = cyclesToNanoseconds(cycles, PIT_INPUT_HZ);
  if (isRealtimeClock(clock)) {
    seconds += realtimeOffsetSeconds;
    nanoseconds += realtimeOffsetNanoseconds;
    if (nanoseconds >= NANOSECONDS_PER_SECOND) {
      nanoseconds -= NANOSECONDS_PER_SECOND;
      seconds++;
    }
  }
  timespecStore(words, seconds, nanoseconds);
};

/**
 * The tick count at which a sleep of seconds + nanoseconds (valid, see
 * timespecIsValid) that starts now has certainly lasted that long: the
 * duration in ticks rounded up, plus one because the current tick is
 * already partly over. A zero duration is now: it does not sleep. For
 * sleepOnUntil deadlines (sleeps, and later select/poll timeouts).
 */
export const deadlineTickAfter = (seconds: number, nanoseconds: number): number => {
  if (seconds === 0 && nanoseconds === 0) return tickCount();
  return tickCount() + cyclesToTicks(durationToCycles(seconds, nanoseconds, PIT_INPUT_HZ), cyclesPerTick()) + 1;
};

/**
 * The tick count at which clock (valid) reads at least seconds +
 * nanoseconds. The clocks only move at ticks, so no extra tick is needed;
 * a time already passed is now.
 */
const deadlineTickAt = (clock: number, seconds: number, nanoseconds: number): number => {
  readClock(clock, timespecOut);
  let leftSeconds: number = seconds - timespecSeconds(timespecOut);
  let leftNanoseconds: number = nanoseconds - timespecFraction(timespecOut);
  if (leftNanoseconds < 0) {
    leftNanoseconds += NANOSECONDS_PER_SECOND;
    leftSeconds--;
  }
  if (leftSeconds < 0) return tickCount();
  return tickCount() + cyclesToTicks(durationToCycles(leftSeconds, leftNanoseconds, PIT_INPUT_HZ), cyclesPerTick());
};

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
 * Only an interruption ends the sleep early (EINTR); then a relative sleep
 * writes the time left to remaining when given. Nothing interrupts a
 * sleep until signals exist.
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
  // Channel 0: no wakeup ends this sleep, so returning false means interrupted.
  if (sleepOnUntil(0, deadline)) return 0;
  if (!absolute && remaining !== 0 && writeRemaining(process, remaining, deadline) < 0) return -EFAULT;
  return -EINTR;
};
