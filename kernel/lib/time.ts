// Time arithmetic without allocation: the calendar (RTC date to Unix
// seconds), timer input cycles to (seconds, nanoseconds), durations to
// timer ticks, and the i686 struct timespec/timeval layout (i64 tv_sec, low
// word first, then a 32-bit tv_nsec or tv_usec: 12 bytes). Pure logic, so
// it runs under node too (tests/unit) and is checked against the compiled
// kernel's output.
import { TIMESPEC_TV_NSEC, TIMESPEC_TV_SEC, TIMESPEC_TV_SEC_HIGH } from "../api/layout";

export const NANOSECONDS_PER_SECOND: number = 1000000000;
const SECONDS_PER_DAY: number = 86400;
const TWO_TO_32: number = 4294967296;

/**
 * Days from 1970-01-01 to the proleptic Gregorian date (month 1-12, day
 * 1-31); negative before 1970. Counts whole 400-year eras from March 1st,
 * so February's leap day is the last day of its "year".
 */
export const daysFromCivil = (year: number, month: number, day: number): number => {
  const y: number = month <= 2 ? year - 1 : year;
  const era: number = Math.floor(y / 400);
  const yearOfEra: number = y - era * 400;
  const monthFromMarch: number = month > 2 ? month - 3 : month + 9;
  const dayOfYear: number = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra: number = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

/** Seconds since the Unix epoch of a UTC date and time of day. */
export const epochSeconds = (year: number, month: number, day: number, hour: number, minute: number, second: number): number =>
  daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;

/** Whole seconds in cycles of a clock running at hz (cycles >= 0, an integer). */
export const cyclesToSeconds = (cycles: number, hz: number): number => Math.floor(cycles / hz);

/**
 * The nanoseconds past the whole seconds in cycles of a clock running at
 * hz, rounded down. Exact: the remainder is below hz, so remainder * 10^9
 * stays far under 2^53 for any timer rate.
 */
export const cyclesToNanoseconds = (cycles: number, hz: number): number => {
  const remainder: number = cycles - cyclesToSeconds(cycles, hz) * hz;
  return Math.floor((remainder * NANOSECONDS_PER_SECOND) / hz);
};

/**
 * Cycles of a clock running at hz that cover at least seconds +
 * nanoseconds (rounded up, so a sleep is never short).
 */
export const durationToCycles = (seconds: number, nanoseconds: number, hz: number): number =>
  seconds * hz + Math.ceil((nanoseconds * hz) / NANOSECONDS_PER_SECOND);

/** Timer ticks of cyclesPerTick cycles each that cover cycles (rounded up). */
export const cyclesToTicks = (cycles: number, cyclesPerTick: number): number => Math.ceil(cycles / cyclesPerTick);

/**
 * A valid requested time: tv_nsec in [0, 10^9) and tv_sec not negative
 * (POSIX's EINVAL cases for a sleep).
 */
export const timespecIsValid = (seconds: number, nanoseconds: number): boolean =>
  seconds >= 0 && nanoseconds >= 0 && nanoseconds < NANOSECONDS_PER_SECOND;

/** tv_sec of the struct timespec (or timeval) in words: a signed 64-bit value, low word first. */
export const timespecSeconds = (words: Uint32Array): number =>
  words[TIMESPEC_TV_SEC] + (words[TIMESPEC_TV_SEC_HIGH] | 0) * TWO_TO_32;

/** tv_nsec (or tv_usec) of the struct timespec in words, signed. */
export const timespecFraction = (words: Uint32Array): number => words[TIMESPEC_TV_NSEC] | 0;

/** Stores seconds (an integer, |seconds| < 2^53) and fraction as the i686 struct timespec/timeval in words. */
export const timespecStore = (words: Uint32Array, seconds: number, fraction: number): void => {
  const high: number = Math.floor(seconds / TWO_TO_32);
  words[TIMESPEC_TV_SEC] = seconds - high * TWO_TO_32;
  words[TIMESPEC_TV_SEC_HIGH] = high >>> 0;
  words[TIMESPEC_TV_NSEC] = fraction >>> 0;
};
