// The kernel's clocks. Every clock counts PIT input cycles (about 0.84 us
// each): the monotonic clocks from boot, the realtime clocks from the RTC's
// date at boot plus an offset that clock_settime moves. A read adds the
// part of the current tick the PIT's counter shows to the ticks counted,
// and never goes below an earlier read; the coarse variants skip the
// counter and move a whole tick (about 1 ms) at a time. The raw variant
// reads the same as the monotonic one: nothing slews the clock (adjtime is
// not implemented). Sleep deadlines are tick counts.
import {
  CLOCK_MONOTONIC, CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME, CLOCK_REALTIME_COARSE,
} from "../api/abi";
import { interruptsRestore, interruptsSave } from "../arch/i386/cpu";
import { cyclesPerTick, PIT_INPUT_HZ, pitCyclesSinceTick, tickCount, uptimeCycles } from "../arch/i386/pit";
import { rtcEpochSeconds } from "../devices/rtc";
import {
  cyclesToNanoseconds, cyclesToSeconds, cyclesToTicks, durationToCycles, NANOSECONDS_PER_SECOND,
  timespecFraction, timespecSeconds, timespecStore,
} from "../lib/time";
import { TIMESPEC_WORDS } from "../api/layout";

// CLOCK_REALTIME = monotonic + this offset; the nanoseconds stay in [0, 10^9).
let realtimeOffsetSeconds: number = 0;
let realtimeOffsetNanoseconds: number = 0;

// Scratch for deadlineTickAt; never held across a sleep.
const now: Uint32Array = new Uint32Array(TIMESPEC_WORDS);

export const isValidClock = (clock: number): boolean =>
  clock === CLOCK_REALTIME || clock === CLOCK_MONOTONIC || clock === CLOCK_MONOTONIC_RAW ||
  clock === CLOCK_REALTIME_COARSE || clock === CLOCK_MONOTONIC_COARSE;

const isRealtimeClock = (clock: number): boolean => clock === CLOCK_REALTIME || clock === CLOCK_REALTIME_COARSE;
const isCoarseClock = (clock: number): boolean => clock === CLOCK_REALTIME_COARSE || clock === CLOCK_MONOTONIC_COARSE;

let latestCycles: number = 0; // the latest preciseCycles read

/** PIT input cycles since boot, to the cycle the counter shows, never less than an earlier read. */
const preciseCycles = (): number => {
  const enabled: boolean = interruptsSave();
  const cycles: number = uptimeCycles() + pitCyclesSinceTick();
  interruptsRestore(enabled);
  if (cycles > latestCycles) latestCycles = cycles;
  return latestCycles;
};

/**
 * Makes CLOCK_REALTIME read seconds + nanoseconds now. Whole seconds in
 * nanoseconds (or a negative value) carry into seconds, as the reference's
 * Time::from_timespec does.
 */
export const setRealtime = (seconds: number, nanoseconds: number): void => {
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
export const readClock = (clock: number, words: Uint32Array): void => {
  const cycles: number = isCoarseClock(clock) ? uptimeCycles() : preciseCycles();
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

/** The first tick at which at least cycles PIT cycles from now have passed (now when cycles is 0). */
const deadlineAfterCycles = (cycles: number): number => {
  if (cycles <= 0) return tickCount();
  const target: number = preciseCycles() + cycles;
  return tickCount() + Math.max(0, cyclesToTicks(target - uptimeCycles(), cyclesPerTick()));
};

/**
 * The tick count at which a sleep of seconds + nanoseconds (valid, see
 * timespecIsValid) that starts now has certainly lasted that long, and
 * lasted less than one tick more. A zero duration is now: it does not
 * sleep. For sleepOnUntil deadlines (sleeps, select/poll and futex timeouts).
 */
export const deadlineTickAfter = (seconds: number, nanoseconds: number): number =>
  deadlineAfterCycles(durationToCycles(seconds, nanoseconds, PIT_INPUT_HZ));

/** The tick count at which clock (valid) reads at least seconds + nanoseconds; a time already passed is now. */
export const deadlineTickAt = (clock: number, seconds: number, nanoseconds: number): number => {
  readClock(clock, now);
  let leftSeconds: number = seconds - timespecSeconds(now);
  let leftNanoseconds: number = nanoseconds - timespecFraction(now);
  if (leftNanoseconds < 0) {
    leftNanoseconds += NANOSECONDS_PER_SECOND;
    leftSeconds--;
  }
  if (leftSeconds < 0) return tickCount();
  return deadlineAfterCycles(durationToCycles(leftSeconds, leftNanoseconds, PIT_INPUT_HZ));
};
