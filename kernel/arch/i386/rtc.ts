// The CMOS real-time clock, read only as an independent reference for the
// timer test: its seconds register ticks at 1 Hz whatever the PIT does.
import { inb, outb } from "./io";

const CMOS_INDEX: number = 0x70;
const CMOS_DATA: number = 0x71;
const REGISTER_SECONDS: number = 0x00;
const REGISTER_STATUS_A: number = 0x0a;
const UPDATE_IN_PROGRESS: number = 0x80;

const readRegister = (register: number): number => {
  outb(CMOS_INDEX, register);
  return inb(CMOS_DATA);
};

/** The RTC's seconds register (BCD or binary; only changes matter here). */
export const rtcSeconds = (): number => {
  while ((readRegister(REGISTER_STATUS_A) & UPDATE_IN_PROGRESS) !== 0) {
    // the RTC is updating its registers for under 2 ms
  }
  return readRegister(REGISTER_SECONDS);
};
