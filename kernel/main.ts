// The kernel's entry points, called from C (kernel/rt/bridge.c): kmain after
// boot/multiboot.asm set up paging, the stack and the FPU; interruptEntry
// for every interrupt, exception and syscall; kernelFatal when the runtime
// cannot go on.
import { haltForever, stiHlt, sti } from "./arch/i386/cpu";
import { gdtInit } from "./arch/i386/gdt";
import { idtInit } from "./arch/i386/idt";
import { IRQ_COM1, IRQ_KEYBOARD, IRQ_TIMER, picEnable, picInit } from "./arch/i386/pic";
import { DEFAULT_TICK_HZ, pitSetFrequency } from "./arch/i386/pit";
import { serialEnableReceiveInterrupt, serialInit } from "./arch/i386/serial";
import { handleInterrupt } from "./arch/i386/trap";
import { vgaClear } from "./arch/i386/vga";
import {
  cmdline, cmdlineLength, installedMemoryMiB, MULTIBOOT_BOOTLOADER_MAGIC, moduleCount, parseMultiboot,
  usableMemoryBytes,
} from "./boot/multiboot";
import { argumentEquals, findArgument } from "./lib/cmdline";
import { framesFree } from "./mm/frames";
import { memoryInit } from "./mm/memory";
import { panic } from "./panic";
import { runBootTests } from "./tests/boot_tests";
import { runCpuTests } from "./tests/cpu_tests";
import { runFaultTest } from "./tests/fault_tests";
import { runInputTests } from "./tests/input_tests";
import { ktestFinish } from "./tests/ktest";
import { runMemoryTests } from "./tests/mm_tests";
import { inputPop } from "./tty/input";
import { kprint, kprintBytes, kprintDecimal, kprintln, kputchar } from "./tty/console";

const printBootInformation = (): void => {
  kprint("memory: ");
  kprintDecimal(Math.floor(usableMemoryBytes() / 1024));
  kprint(" KiB usable, ");
  kprintDecimal(installedMemoryMiB());
  kprintln(" MiB installed");
  kprint("frames: ");
  kprintDecimal(framesFree());
  kprintln(" free after boot");
  kprint("cmdline: ");
  kprintBytes(cmdline, cmdlineLength);
  kprintln("");
  kprint("modules: ");
  kprintDecimal(moduleCount);
  kprintln("");
};

/** CPU tables, interrupt controllers and the timer; interrupts stay off. */
const cpuInit = (): void => {
  gdtInit();
  idtInit();
  picInit();
  pitSetFrequency(DEFAULT_TICK_HZ);
  picEnable(IRQ_TIMER);
  picEnable(IRQ_KEYBOARD);
  serialEnableReceiveInterrupt();
  picEnable(IRQ_COM1);
};

const isTest = (name: string): boolean => argumentEquals(cmdline, cmdlineLength, "test", name);

/** Runs the test set named by `test=` on the command line, then ends the QEMU run. */
const runTestSet = (magic: number): void => {
  if (isTest("boot")) runBootTests(magic);
  else if (isTest("cpu")) runCpuTests();
  else if (isTest("mm")) runMemoryTests();
  else if (isTest("input")) runInputTests();
  else {
    runFaultTest();
    panic("unknown test set");
  }
  ktestFinish();
};

/** Idles with the CPU halted between interrupts, echoing console input. */
const idle = (): void => {
  for (;;) {
    const c: number = inputPop();
    if (c >= 0) kputchar(c);
    else stiHlt();
  }
};

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
  cpuInit();
  memoryInit();
  printBootInformation();
  sti();
  if (findArgument(cmdline, cmdlineLength, "test") >= 0) runTestSet(magic);
  kprintln("boot complete: no user space yet; typed characters are echoed");
  idle();
};

/** Every interrupt, exception and syscall (boot/interrupts.asm -> bridge.c). */
export const interruptEntry = (frame: number): void => {
  handleInterrupt(frame);
};

/** The runtime's last call (kernel/rt/bridge.c): a panic with a backtrace. */
export const kernelFatal = (): void => {
  panic("fatal runtime error");
};
