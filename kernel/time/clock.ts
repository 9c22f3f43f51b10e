// The kernel's clocks. Every clock counts PIT input cycles, which advance
// a whole timer tick (about 1 ms) at a time: the monotonic clocks from
// boot, the realtime clocks from the RTC's date at boot plus an offset that
// clock_settime moves. The raw and coarse variants read the same counter:
// nothing slews the clock (adjtime is not implemented) and a precise read
// would need more than the PIT has. Sleep deadlines are tick counts.
import {
  CLOCK_MONOTONIC, CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME, CLOCK_REALTIME_COARSE,
} from "../api/abi";
import { cyclesPerTick, PIT_INPUT_HZ, tickCount, uptimeCycles } from "../arch/i386/pit";
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
export const deadlineTickAt = (clock: number, seconds: number, nanoseconds: number): number => {
  readClock(clock, now);
  let leftSeconds: number = seconds - timespecSeconds(now);
  let leftNanoseconds: number = nanoseconds - timespecFraction(now);
  if (leftNanoseconds < 0) {
    leftNanoseconds += NANOSECONDS_PER_SECOND;
    leftSeconds--;
  }
  if (leftSeconds < 0) return tickCount();
  return tickCount() + cyclesToTicks(durationToCycles(leftSeconds, leftNanoseconds, PIT_INPUT_HZ), cyclesPerTick());
};
