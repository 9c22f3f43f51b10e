// In-kernel test reporting: one line per case on the console, then the
// summary, then QEMU exits with the failure count as its status
// (tools/qemu.mjs reads both).
import { qemuExit } from "../arch/i386/cpu";
import { kprint, kprintln, kprintDecimal } from "../devices/console";

let passed: number = 0;
let failed: number = 0;

/** Status for a kernel panic in test mode: distinct from any failure count. */
export const PANIC_EXIT_STATUS: number = 0x7f;

/** Records one test case: prints `KTEST <name>: PASS` or `... FAIL: <detail>`. */
export const ktest = (name: string, ok: boolean, detail: string): void => {
  kprint("KTEST ");
  kprint(name);
  if (ok) {
    passed++;
    kprintln(": PASS");
  } else {
    failed++;
    kprint(": FAIL: ");
    kprintln(detail);
  }
};

/** Prints the summary and ends the QEMU run with the failure count (at most 0x7e). */
export const ktestFinish = (): void => {
  kprint("KTEST SUMMARY: ");
  kprintDecimal(passed);
  kprint(" passed, ");
  kprintDecimal(failed);
  kprintln(" failed");
  qemuExit(failed < PANIC_EXIT_STATUS ? failed : PANIC_EXIT_STATUS - 1);
};
