// Kernel panics: what went wrong, every register, and a backtrace with
// function names, on serial and VGA; then the machine stops (in a test run,
// QEMU exits with the panic status so the harness sees it at once).
import { haltForever, cli, KERNEL_BASE, qemuExit, readCr0, readCr2, readCr3, readCr4, readEbp } from "../arch/i386/cpu";
import { peek32 } from "../arch/i386/io";
import {
  FRAME_CS, FRAME_EAX, FRAME_EBP, FRAME_EBX, FRAME_ECX, FRAME_EDI, FRAME_EDX, FRAME_EFLAGS, FRAME_EIP,
  FRAME_ERROR_CODE, FRAME_ESI, FRAME_USER_ESP, FRAME_VECTOR, frameFromUser, frameGet,
} from "../arch/i386/trapframe";
import { cmdline, cmdlineLength } from "../boot/multiboot";
import { kprintSymbol } from "./ksyms";
import { findArgument } from "../lib/cmdline";
import { kprint, kprintDecimal, kprintHex, kprintln } from "../devices/console";
import { PANIC_EXIT_STATUS } from "./ktest";

const MAX_BACKTRACE: number = 32;

const EXCEPTION_NAMES: string[] = [
  "divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow", "bound range exceeded",
  "invalid opcode", "device not available", "double fault", "coprocessor segment overrun", "invalid TSS",
  "segment not present", "stack-segment fault", "general protection fault", "page fault", "reserved",
  "x87 floating-point error", "alignment check", "machine check", "SIMD floating-point error",
  "virtualization exception", "control protection exception",
];

/** The name of a CPU exception vector. */
export const exceptionName = (vector: number): string => {
  if (vector < EXCEPTION_NAMES.length) return EXCEPTION_NAMES[vector];
  return "reserved exception";
};

const printRegister = (name: string, value: number): void => {
  kprint("  ");
  kprint(name);
  kprint(" ");
  kprintHex(value, 8);
};

/** Walks saved frame pointers from ebp, printing each return address with its symbol. */
export const printBacktrace = (startEbp: number): void => {
  kprintln("backtrace:");
  let ebp: number = startEbp;
  for (let depth: number = 0; depth < MAX_BACKTRACE; depth++) {
    if (ebp < KERNEL_BASE || (ebp & 3) !== 0) break;
    const returnAddress: number = peek32(ebp + 4);
    if (returnAddress < KERNEL_BASE) break;
    kprint("  ");
    kprintHex(returnAddress, 8);
    kprint(" ");
    kprintSymbol(returnAddress, true);
    kprintln("");
    ebp = peek32(ebp);
  }
};

const stop = (): void => {
  if (findArgument(cmdline, cmdlineLength, "test") >= 0) qemuExit(PANIC_EXIT_STATUS);
  haltForever();
};

/** Panics with a message and a backtrace of the caller. */
export const panic = (message: string): void => {
  cli();
  kprint("PANIC: ");
  kprintln(message);
  printBacktrace(readEbp());
  stop();
};

/** Panics on an exception taken in kernel mode, reporting the saved frame. */
export const panicOnTrap = (frame: number, what: string): void => {
  cli();
  const vector: number = frameGet(frame, FRAME_VECTOR);
  kprint("PANIC: ");
  kprint(what);
  kprint(": ");
  kprint(exceptionName(vector));
  kprint(" (vector ");
  kprintDecimal(vector);
  kprint(") in ");
  kprintln(frameFromUser(frame) ? "user mode" : "kernel mode");
  printRegister("error", frameGet(frame, FRAME_ERROR_CODE));
  printRegister("eip", frameGet(frame, FRAME_EIP));
  kprint(" ");
  kprintSymbol(frameGet(frame, FRAME_EIP), false);
  kprintln("");
  printRegister("cs", frameGet(frame, FRAME_CS));
  printRegister("eflags", frameGet(frame, FRAME_EFLAGS));
  kprintln("");
  printRegister("eax", frameGet(frame, FRAME_EAX));
  printRegister("ebx", frameGet(frame, FRAME_EBX));
  printRegister("ecx", frameGet(frame, FRAME_ECX));
  printRegister("edx", frameGet(frame, FRAME_EDX));
  kprintln("");
  printRegister("esi", frameGet(frame, FRAME_ESI));
  printRegister("edi", frameGet(frame, FRAME_EDI));
  printRegister("ebp", frameGet(frame, FRAME_EBP));
  printRegister("esp", frameFromUser(frame) ? frameGet(frame, FRAME_USER_ESP) : frame + FRAME_USER_ESP);
  kprintln("");
  printRegister("cr0", readCr0());
  printRegister("cr2", readCr2());
  printRegister("cr3", readCr3());
  printRegister("cr4", readCr4());
  kprintln("");
  printBacktrace(frameGet(frame, FRAME_EBP));
  stop();
};
