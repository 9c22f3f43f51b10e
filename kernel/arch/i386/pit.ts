// The 8253/8254 programmable interval timer, channel 0 on IRQ 0: the tick
// that drives uptime, the clocks (kernel/time/clock.ts), timed sleeps
// and preemption (kernel/proc/scheduler.ts).
import { inb, outb } from "./io";
import { IRQ_TIMER, picIsPending } from "./pic";

export const PIT_INPUT_HZ: number = 1193182;
export const DEFAULT_TICK_HZ: number = 1000;
const CHANNEL0_DATA: number = 0x40;
const COMMAND: number = 0x43;
const CHANNEL0_RATE_GENERATOR: number = 0x34; // channel 0, lobyte/hibyte, mode 2
const CHANNEL0_LATCH: number = 0x00;

let divisor: number = 0;
let inputCycles: number = 0; // PIT input clock cycles since boot: exact in an f64 for 238 years
let ticks: number = 0;

/** Programs channel 0 to interrupt hz times a second (18..1193182). */
export const pitSetFrequency = (hz: number): void => {
  divisor = Math.floor(PIT_INPUT_HZ / hz);
  if (divisor > 65535) divisor = 65535;
  if (divisor < 1) divisor = 1;
  outb(COMMAND, CHANNEL0_RATE_GENERATOR);
  outb(CHANNEL0_DATA, divisor & 0xff);
  outb(CHANNEL0_DATA, (divisor >>> 8) & 0xff);
};

/** The timer's real interrupt rate, rounded to whole ticks a second (sysconf's CLK_TCK). */
export const ticksPerSecond = (): number => Math.round(PIT_INPUT_HZ / divisor);

/** IRQ 0: one period of the current divisor has passed. */
export const pitTick = (): void => {
  inputCycles += divisor;
  ticks++;
};

/** Milliseconds since the timer started, from whole PIT periods. */
export const uptimeMs = (): number => Math.floor((inputCycles * 1000) / PIT_INPUT_HZ);

/**
 * PIT input cycles (PIT_INPUT_HZ a second) since the timer started: the
 * monotonic clock, advanced by whole ticks.
 */
export const uptimeCycles = (): number => inputCycles;

/**
 * PIT input cycles since the last tick pitTick counted, read from channel
 * 0's counter (which counts a period down, then reloads): the part of the
 * current period already gone, plus a whole period when the interrupt of
 * the one that just ended is still pending. Call with interrupts off.
 */
export const pitCyclesSinceTick = (): number => {
  outb(COMMAND, CHANNEL0_LATCH);
  const low: number = inb(CHANNEL0_DATA);
  const count: number = low | (inb(CHANNEL0_DATA) << 8);
  const gone: number = divisor - Math.min(count, divisor);
  // A pending tick with a counter just reloaded: that period ended before this read.
  return picIsPending(IRQ_TIMER) && gone < divisor / 2 ? gone + divisor : gone;
};

/** PIT input cycles in one tick at the current rate. */
export const cyclesPerTick = (): number => divisor;

/** Timer interrupts handled since boot. */
export const tickCount = (): number => ticks;
