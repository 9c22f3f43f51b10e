// The kernel's entry points, called from C (kernel/rt/bridge.c): kmain after
// boot/multiboot.asm set up paging, the stack and the FPU; kernelFatal when
// the runtime cannot go on.
import { haltForever, qemuExit } from "./arch/i386/cpu";
import { serialInit } from "./arch/i386/serial";
import { vgaClear } from "./arch/i386/vga";
import {
  cmdline, cmdlineLength, installedMemoryMiB, MULTIBOOT_BOOTLOADER_MAGIC, moduleCount, parseMultiboot,
  usableMemoryBytes,
} from "./boot/multiboot";
import { argumentEquals, findArgument } from "./lib/cmdline";
import { kprint, kprintBytes, kprintDecimal, kprintln } from "./tty/console";
import { runBootTests } from "./tests/boot_tests";
import { ktestFinish, PANIC_EXIT_STATUS } from "./tests/ktest";

const printMemorySummary = (): void => {
  kprint("memory: ");
  kprintDecimal(Math.floor(usableMemoryBytes() / 1024));
  kprint(" KiB usable, ");
  kprintDecimal(installedMemoryMiB());
  kprintln(" MiB installed");
};

const printBootInformation = (): void => {
  printMemorySummary();
  kprint("cmdline: ");
  kprintBytes(cmdline, cmdlineLength);
  kputNewline();
  kprint("modules: ");
  kprintDecimal(moduleCount);
  kputNewline();
};

const kputNewline = (): void => kprintln("");

/** Kernel entry: magic and the multiboot information's physical address from the boot loader. */
export const kmain = (magic: number, info: number): void => {
  serialInit();
  vgaClear();
  kprintln("TSOS 0.1: a TypeScript kernel compiled ahead of time (porffor -> C -> i686)");
  if (magic !== MULTIBOOT_BOOTLOADER_MAGIC) {
    kprintln("panic: not started by a multiboot loader");
    haltForever();
  }
  parseMultiboot(info);
  printBootInformation();
  if (argumentEquals(cmdline, cmdlineLength, "test", "boot")) {
    runBootTests(magic);
    ktestFinish();
  }
  if (findArgument(cmdline, cmdlineLength, "test") >= 0) {
    kprintln("panic: unknown test set");
    qemuExit(PANIC_EXIT_STATUS);
  }
  kprintln("boot complete: no user space yet, halting");
  haltForever();
};

/** The runtime's last call (kernel/rt/bridge.c): report, end a test run, halt. */
export const kernelFatal = (): void => {
  kprintln("panic: fatal runtime error");
  if (findArgument(cmdline, cmdlineLength, "test") >= 0) qemuExit(PANIC_EXIT_STATUS);
  haltForever();
};
