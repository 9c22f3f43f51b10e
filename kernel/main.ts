// The kernel's entry points, called from C (kernel/rt/bridge.c): kmain after
// boot/multiboot.asm set up paging, the stack and the FPU; the trap
// dispatch's handleInterrupt (re-exported below, so that C calls it
// directly) for every interrupt, exception and syscall; kernelFatal when the
// runtime cannot go on.
import { runVfsTests } from "./tests/vfs_tests";
import { CR4_SMAP, CR4_SMEP, CR4_UMIP, haltForever, kernelHeapEnd, kernelHeapStart, rdtscLow, restrictUserMode, stiHlt, sti } from "./arch/i386/cpu";
import { gdtInit } from "./arch/i386/gdt";
import { idtInit } from "./arch/i386/idt";
import { IRQ_COM1, IRQ_KEYBOARD, IRQ_TIMER, picEnable, picInit } from "./arch/i386/pic";
import { DEFAULT_TICK_HZ, pitSetFrequency } from "./arch/i386/pit";
import { serialEnableReceiveInterrupt, serialInit } from "./devices/serial";
import { vgaClear } from "./devices/vga";
import {
  cmdline, cmdlineLength, installedMemoryMiB, moduleCount, moduleName, moduleNameOffset,
  MULTIBOOT_BOOTLOADER_MAGIC, parseMultiboot, usableMemoryBytes, moduleNameLengthOf, moduleStartOf,
  moduleEndOf,
} from "./boot/multiboot";
import { argumentEquals, findArgument, hasWord } from "./lib/cmdline";
import { frameAllocContiguous, framesFree } from "./mm/frames";
import { memoryInit, releaseBootModule } from "./mm/memory";
import { LOWMEM_LIMIT, pagingNoExecute, pagingPae, physToVirt } from "./mm/paging";
import { initrdInit } from "./fs/initrd";
import { vfsInit } from "./fs/vfs_init";
import { randomSeed } from "./lib/random";
import { PAGE_SIZE } from "./api/limits";
import { panic } from "./debug/panic";
import { PROFILE_SAMPLE_WORDS, profileStart } from "./debug/profile";
import { startInit } from "./lifecycle/init";
import { signalTrampolineInit } from "./lifecycle/signal_delivery";
import { hasRunnable, schedule } from "./proc/scheduler";
import { threadsInit } from "./proc/thread";
import { hostnameInit } from "./syscalls/hostname";
import { ttyIoctlInit } from "./tty/ioctl";
import { ptyInit } from "./tty/pty";
import { ttyInit } from "./tty/tty";
import { clockInit } from "./time/clock";
import { runProtectedDataTest } from "./tests/protected_tests";
import { runBootTests } from "./tests/boot_tests";
import { runCpuTests } from "./tests/cpu_tests";
import { runFaultTest } from "./tests/fault_tests";
import { runInputTests } from "./tests/input_tests";
import { ktestFinish } from "./debug/ktest";
import { runMemoryTests } from "./tests/mm_tests";
import { kprint, kprintBytes, kprintDecimal, kprintln } from "./devices/console";

const printBootInformation = (): void => {
  kprint("memory: ");
  kprintDecimal(Math.floor(usableMemoryBytes() / 1024));
  kprint(" KiB usable, ");
  kprintDecimal(installedMemoryMiB());
  kprintln(" MiB installed");
  kprint("frames: ");
  kprintDecimal(framesFree());
  kprint(" free after boot, kernel heap ");
  kprintDecimal((kernelHeapEnd() - kernelHeapStart()) / 1024);
  kprintln(" KiB");
  kprint("cmdline: ");
  kprintBytes(cmdline, cmdlineLength);
  kprintln("");
  kprint("modules: ");
  kprintDecimal(moduleCount);
  kprintln("");
};

/** CPU tables, interrupt controllers, the timer and the clocks; interrupts stay off. */
const cpuInit = (): void => {
  gdtInit();
  idtInit();
  picInit();
  pitSetFrequency(DEFAULT_TICK_HZ);
  clockInit();
  picEnable(IRQ_TIMER);
  picEnable(IRQ_KEYBOARD);
  serialEnableReceiveInterrupt();
  picEnable(IRQ_COM1);
};

/** What the processor offers against user code, turned on and reported in one line (after the paging format is chosen). */
const cpuHarden = (): void => {
  const restricted: number = restrictUserMode();
  kprint("cpu:");
  reportFeature(" PAE", pagingPae);
  reportFeature(", NX", pagingNoExecute);
  reportFeature(", SMEP", (restricted & CR4_SMEP) !== 0);
  reportFeature(", SMAP", (restricted & CR4_SMAP) !== 0);
  reportFeature(", UMIP", (restricted & CR4_UMIP) !== 0);
  kprintln(", TSD on");
};

/** One item of the boot's cpu line: whether the processor has the feature and the kernel turned it on. */
const reportFeature = (name: string, enabled: boolean): void => {
  kprint(name);
  kprint(enabled ? " yes" : " no");
};

const isTest = (name: string): boolean => argumentEquals(cmdline, cmdlineLength, "test", name);

/**
 * Runs the kernel test set named by `test=` and ends the QEMU run; returns
 * for `test=user`, whose tests are user programs started by init.
 */
const runKernelTestSet = (magic: number): void => {
  if (isTest("user")) return;
  if (isTest("boot")) runBootTests(magic);
  else if (isTest("cpu")) runCpuTests();
  else if (isTest("mm")) runMemoryTests();
  else if (isTest("input")) runInputTests();
  else if (isTest("protected")) runProtectedDataTest();
  else if (isTest("vfs")) runVfsTests();
  else {
    runFaultTest();
    panic("unknown test set");
  }
  ktestFinish();
};

/** The index of the module whose string holds the word `initrd` (the initial ramdisk), or -1. */
const findInitrd = (): number => {
  for (let i: number = 0; i < moduleCount; i++) {
    if (hasWord(moduleName, moduleNameOffset(i), moduleNameLengthOf(i), "initrd")) return i;
  }
  return -1;
};

const PROFILE_BUFFER_BYTES: number = 4 * 1024 * 1024;

/** With `profile` on the command line, starts the sampling profiler on a buffer of lowmem frames the run keeps to its end. */
const profileInit = (): void => {
  if (!hasWord(cmdline, 0, cmdlineLength, "profile")) return;
  const physical: number = frameAllocContiguous(PROFILE_BUFFER_BYTES / PAGE_SIZE, LOWMEM_LIMIT);
  if (physical === 0) kprintln("profile: no memory for the sample buffer");
  else profileStart(physToVirt(physical), physical, PROFILE_BUFFER_BYTES / (PROFILE_SAMPLE_WORDS * 4));
};

/** Process machinery, then the first user process. */
const processInit = (): void => {
  threadsInit();
  if (!signalTrampolineInit()) panic("no memory for the signal trampoline");
  hostnameInit();
  ttyInit();
  ttyIoctlInit();
  ptyInit();
  randomSeed(rdtscLow());
  const initrd: number = findInitrd();
  if (initrd >= 0) initrdInit(moduleStartOf(initrd), moduleEndOf(initrd));
  vfsInit(initrd);
  if (initrd >= 0) releaseBootModule(initrd); // ramfs holds its files: adopted pages or copies
};

/** The idle thread: runs whatever is runnable, else halts until the next interrupt. */
const idle = (): void => {
  for (;;) {
    if (hasRunnable()) schedule();
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
  cpuHarden();
  profileInit();
  processInit();
  printBootInformation();
  sti();
  if (findArgument(cmdline, cmdlineLength, "test") >= 0) runKernelTestSet(magic);
  if (!startInit()) panic("cannot start init");
  idle();
};

/** Every interrupt, exception and syscall (boot/interrupts.asm -> bridge.c). */
export { handleInterrupt } from "./trap/trap";

/** The runtime's last call (kernel/rt/bridge.c): a panic with a backtrace. */
export const kernelFatal = (): void => {
  panic("fatal runtime error");
};
