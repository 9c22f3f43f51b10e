// The CMOS real-time clock: the date and time at boot, from which
// CLOCK_REALTIME counts (kernel/time/clock.ts), and its seconds register
// as an independent reference for the timer test (it ticks at 1 Hz whatever
// the PIT does). The RTC keeps UTC (QEMU's default, and what Unix expects).
import { epochSeconds } from "../lib/time";
import { inb, outb } from "../arch/i386/io";

const CMOS_INDEX: number = 0x70;
const CMOS_DATA: number = 0x71;
const REGISTER_SECONDS: number = 0x00;
const REGISTER_MINUTES: number = 0x02;
const REGISTER_HOURS: number = 0x04;
const REGISTER_DAY: number = 0x07;
const REGISTER_MONTH: number = 0x08;
const REGISTER_YEAR: number = 0x09;
const REGISTER_STATUS_A: number = 0x0a;
const REGISTER_STATUS_B: number = 0x0b;
const UPDATE_IN_PROGRESS: number = 0x80;
const STATUS_B_24_HOUR: number = 0x02;
const STATUS_B_BINARY: number = 0x04;
const HOUR_PM: number = 0x80;

const readRegister = (register: number): number => {
  outb(CMOS_INDEX, register);
  return inb(CMOS_DATA);
};

const waitForUpdateEnd = (): void => {
  while ((readRegister(REGISTER_STATUS_A) & UPDATE_IN_PROGRESS) !== 0) {
    // the RTC is updating its registers for under 2 ms
  }
};

/** The RTC's seconds register (BCD or binary; only changes matter here). */
export const rtcSeconds = (): number => {
  waitForUpdateEnd();
  return readRegister(REGISTER_SECONDS);
};

/** The six raw date registers, one byte each, year first, as one number (< 2^48). */
const readDateStamp = (): number => {
  waitForUpdateEnd();
  let stamp: number = readRegister(REGISTER_YEAR);
  stamp = stamp * 256 + readRegister(REGISTER_MONTH);
  stamp = stamp * 256 + readRegister(REGISTER_DAY);
  stamp = stamp * 256 + readRegister(REGISTER_HOURS);
  stamp = stamp * 256 + readRegister(REGISTER_MINUTES);
  return stamp * 256 + readRegister(REGISTER_SECONDS);
};

/** Byte `index` of a date stamp (0 = seconds ... 5 = year). */
const stampByte = (stamp: number, index: number): number => Math.floor(stamp / Math.pow(256, index)) % 256;

const fromBcd = (value: number): number => (value & 0x0f) + (value >>> 4) * 10;

/** Field `index` of a date stamp, decoded from BCD unless the RTC runs in binary. */
const stampField = (stamp: number, index: number, binary: boolean): number =>
  binary ? stampByte(stamp, index) : fromBcd(stampByte(stamp, index));

/**
 * Seconds since the Unix epoch by the RTC. Reads the registers until two
 * reads agree, because an update can land between two registers (59 s
 * then 00 min). Years 70-99 are 19xx, 00-69 are 20xx (the century
 * register's location varies between machines).
 */
export const rtcEpochSeconds = (): number => {
  let stamp: number = readDateStamp();
  for (let again: number = readDateStamp(); again !== stamp; again = readDateStamp()) stamp = again;
  const status: number = readRegister(REGISTER_STATUS_B);
  const binary: boolean = (status & STATUS_B_BINARY) !== 0;
  // In 12-hour mode bit 7 of the hour is PM and 12 o'clock is 12, not 0.
  const rawHour: number = stampByte(stamp, 2);
  let hour: number = binary ? rawHour & 0x7f : fromBcd(rawHour & 0x7f);
  if ((status & STATUS_B_24_HOUR) === 0) hour = (hour % 12) + ((rawHour & HOUR_PM) !== 0 ? 12 : 0);
  const shortYear: number = stampField(stamp, 5, binary);
  const year: number = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear;
  return epochSeconds(year, stampField(stamp, 4, binary), stampField(stamp, 3, binary), hour,
    stampField(stamp, 1, binary), stampField(stamp, 0, binary));
};
