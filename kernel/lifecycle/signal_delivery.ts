// Signal delivery: what a pending signal does when its thread is about to
// return to user mode (the trap dispatch calls deliverSignals last). A
// caught signal gets a frame on the user stack (struct __signal_frame of
// kernel/api/structs.ts: the reference's 14 words, then siginfo, a
// ucontext and the FPU state) and the thread resumes in the signal
// trampoline, one page of code the kernel maps into every program at exec,
// which calls handler(signal, info, context) on a 16-byte aligned stack and
// then makes the sigreturn syscall; signalReturn undoes the frame. A
// signal whose disposition is the default acts here: the process ends (for
// the core-dumping signals with the core flag waitid reports), stops until
// SIGCONT, or nothing happens.
import {
  PROT_EXEC, PROT_READ, SA_NODEFER, SA_ONSTACK, SA_RESETHAND, SA_RESTART, SIG_DFL, SIG_IGN, SIGBUS, SIGCHLD, SIGFPE,
  SIGILL, SIGSEGV, SIGTRAP, SS_DISABLE, SS_ONSTACK, MINSIGSTKSZ,
} from "../api/abi";
import { EFAULT, EINVAL, ENOMEM, EPERM } from "../api/errno";
import {
  SIGNAL_FRAME_BYTES, SIGNAL_FRAME_CONTEXT, SIGNAL_FRAME_CONTEXT_STORAGE_OFFSET, SIGNAL_FRAME_CONTEXT_STORAGE_UC_LINK,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EAX, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EBP,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EBX, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_ECX,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EDI, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EDX,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EFLAGS, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EIP,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_ESI, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_ESP,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_SIGMASK, SIGNAL_FRAME_CONTEXT_STORAGE_UC_STACK_SS_FLAGS,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_STACK_SS_SIZE, SIGNAL_FRAME_CONTEXT_STORAGE_UC_STACK_SS_SP, 
  SIGNAL_FRAME_EDI, SIGNAL_FRAME_EFLAGS, SIGNAL_FRAME_EIP, SIGNAL_FRAME_FPU_STATE_OFFSET, SIGNAL_FRAME_HANDLER,
  SIGNAL_FRAME_INFO, SIGNAL_FRAME_INFO_STORAGE_OFFSET, SIGNAL_FRAME_INFO_STORAGE_SI_ADDR,
  SIGNAL_FRAME_INFO_STORAGE_SI_CODE, SIGNAL_FRAME_INFO_STORAGE_SI_PID, SIGNAL_FRAME_INFO_STORAGE_SI_SIGNO,
  SIGNAL_FRAME_INFO_STORAGE_SI_STATUS, SIGNAL_FRAME_INFO_STORAGE_SI_UID, SIGNAL_FRAME_INFO_STORAGE_SI_VALUE,
  SIGNAL_FRAME_OLD_MASK, SIGNAL_FRAME_RETURN_ADDRESS, SIGNAL_FRAME_SIGNAL, SIGNAL_FRAME_WORDS, STACK_BYTES,
  STACK_SS_FLAGS, STACK_SS_SIZE, STACK_SS_SP, STACK_WORDS,
} from "../api/layout";
import { PAGE_SIZE } from "../api/limits";
import { copyBytes, poke8, wordsAddress } from "../arch/i386/io";
import {
  FRAME_EAX, FRAME_EBP, FRAME_EBX, FRAME_ECX, FRAME_EDI, FRAME_EDX, FRAME_EFLAGS, FRAME_EIP, FRAME_ESI,
  FRAME_USER_ESP, FPU_STATE_BYTES, fpuStateAddress, frameGet, frameSet,
} from "../arch/i386/trapframe";
import { kpageAlloc } from "../mm/kheap";
import { REGION_SYSCALL, regionSetName, spaceAddRegion, spaceMapFilePage } from "../mm/space";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { MAX_THREADS } from "../lib/limits";
import { PD_SIGNAL_TRAMPOLINE, protectedGet } from "../proc/protected";
import { currentProcess, currentThread } from "../proc/scheduler";
import { setSignalAction, signalFlags, signalHandler, signalMask } from "../proc/signal_actions";
import {
  ACTION_CONTINUE, ACTION_IGNORE, ACTION_STOP, ACTION_CORE, defaultAction, nextDeliverable,
  processStop, signalBit, signalsQuiet, signalOwnMask, signalRestoreOwnMask, signalForgetOwnMask, signalInfoCodeOf, signalInfoPidOf, signalInfoUidOf, signalInfoValueOf, signalSetMask,
  signalTake, signalThread, SI_KERNEL, waitWhileStopped,
} from "../proc/signals";
import { cleanFpuStateAddress, fpuStateSanitize, threadMustDieOf, threadSignalMaskOf } from "../proc/thread";
import { processCrash, processKilled, threadExit } from "./exit";

// The trampoline, entered with esp at the frame (16-byte aligned):
//   push ebp; mov ebp, esp; push eax          save ebp and the interrupted eax
//   sub esp, 12                               keep the call 16-byte aligned
//   push [ebp+64]; push [ebp+60]; push [ebp+12]   context, info, signal
//   call [ebp+8]                              the handler
//   add esp, 24                               esp at the saved eax again
//   mov eax, 42; int 0x82                     sigreturn
//   ud2                                       (sigreturn does not return here)
const TRAMPOLINE_CODE: number[] = [
  0x55, 0x89, 0xe5, 0x50, 0x83, 0xec, 0x0c, 0xff, 0x75, 0x40, 0xff, 0x75, 0x3c, 0xff, 0x75, 0x0c,
  0xff, 0x55, 0x08, 0x83, 0xc4, 0x18, 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xcd, 0x82, 0x0f, 0x0b,
];
const TRAMPOLINE_NAME: string = "signal trampoline";
const trampolineName: Uint8Array = new Uint8Array(TRAMPOLINE_NAME.length);
let trampolinePage: number = 0;

/** Writes the trampoline into its kernel page (boot); false when memory is out. */
export const signalTrampolineInit = (): boolean => {
  trampolinePage = kpageAlloc();
  if (trampolinePage === 0) return false;
  for (let i: number = 0; i < TRAMPOLINE_CODE.length; i++) poke8(trampolinePage + i, TRAMPOLINE_CODE[i]);
  for (let i: number = 0; i < TRAMPOLINE_NAME.length; i++) trampolineName[i] = TRAMPOLINE_NAME.charCodeAt(i);
  return true;
};

/** Maps the trampoline page read+exec (a syscall region) at page address at of slot's space; false when memory is out. */
export const mapSignalTrampoline = (slot: number, at: number): boolean => {
  const region: number = spaceAddRegion(slot, at, at + PAGE_SIZE, PROT_READ | PROT_EXEC | REGION_SYSCALL);
  if (region < 0) return false;
  regionSetName(region, trampolineName, trampolineName.length);
  return spaceMapFilePage(slot, region, at, trampolinePage);
};

// --- The alternate signal stack of each thread (sigaltstack) ---
const altStackBase: Uint32Array = new Uint32Array(MAX_THREADS);
const altStackSize: Uint32Array = new Uint32Array(MAX_THREADS); // 0: disabled

const onAltStack = (thread: number, esp: number): boolean =>
  altStackSize[thread] !== 0 && esp > altStackBase[thread] && esp - altStackBase[thread] <= altStackSize[thread];

/**
 * True when esp lies in the running thread's alternate signal stack: a
 * handler running there may make syscalls and take page faults although
 * the memory is no stack region (a static or malloc'd buffer, as POSIX
 * allows).
 */
export const onSignalStack = (esp: number): boolean => onAltStack(currentThread, esp);

/** fork: child's thread gets parent's alternate stack; exec passes parent < 0 and clears it. */
export const altStackInherit = (parent: number, child: number): void => {
  altStackBase[child] = parent < 0 ? 0 : altStackBase[parent];
  altStackSize[child] = parent < 0 ? 0 : altStackSize[parent];
};

const stackWords: Uint32Array = new Uint32Array(STACK_WORDS);

/**
 * sigaltstack for the running thread: reports the current alternate stack
 * at oldAddress (if not 0), then installs the stack_t at newAddress (if not
 * 0). EFAULT, EINVAL (unknown flags), ENOMEM (smaller than MINSIGSTKSZ),
 * EPERM (changing it while running on it).
 */
export const sigaltstack = (newAddress: number, oldAddress: number, esp: number): number => {
  const thread: number = currentThread;
  const process: number = currentProcess();
  if (oldAddress !== 0) {
    stackWords[STACK_SS_SP] = altStackBase[thread];
    stackWords[STACK_SS_SIZE] = altStackSize[thread];
    stackWords[STACK_SS_FLAGS] = altStackSize[thread] === 0 ? SS_DISABLE : onAltStack(thread, esp) ? SS_ONSTACK : 0;
    if (copyToUser(process, oldAddress, wordsAddress(stackWords), STACK_BYTES) < 0) return -EFAULT;
  }
  if (newAddress === 0) return 0;
  if (copyFromUser(process, wordsAddress(stackWords), newAddress, STACK_BYTES) < 0) return -EFAULT;
  const flags: number = stackWords[STACK_SS_FLAGS];
  if (flags !== 0 && flags !== SS_DISABLE) return -EINVAL;
  if (onAltStack(thread, esp)) return -EPERM;
  if (flags === SS_DISABLE) {
    altStackBase[thread] = 0;
    altStackSize[thread] = 0;
    return 0;
  }
  if (stackWords[STACK_SS_SIZE] < MINSIGSTKSZ) return -ENOMEM;
  altStackBase[thread] = stackWords[STACK_SS_SP];
  altStackSize[thread] = stackWords[STACK_SS_SIZE];
  return 0;
};

// --- Delivery ---
const signalFrame: Uint32Array = new Uint32Array(SIGNAL_FRAME_WORDS);
const EFLAGS_TF: number = 0x100;
const EFLAGS_DF: number = 0x400;
// The flags sigreturn takes from the user's frame (the reference's safe
// mask): the arithmetic flags, TF and DF; never IF, IOPL or the rest.
const EFLAGS_SAFE_MASK: number = 0xdff;

// Trap-frame registers in the order of the signal frame's edi..eax block.
const SAVED_REGISTERS: number[] = [FRAME_EDI, FRAME_ESI, FRAME_EBP, FRAME_USER_ESP, FRAME_EBX, FRAME_EDX, FRAME_ECX, FRAME_EAX];
const CONTEXT_REGISTERS: number[] = [
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EDI, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_ESI,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EBP, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_ESP,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EBX, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EDX,
  SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_ECX, SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EAX,
];

/** True for the signals whose siginfo carries a fault address (si_addr) rather than a status. */
const isFaultSignal = (signal: number): boolean =>
  signal === SIGSEGV || signal === SIGBUS || signal === SIGILL || signal === SIGFPE || signal === SIGTRAP;

/** Fills signalFrame's siginfo for signal pending on thread. */
const fillSignalInfo = (thread: number, signal: number): void => {
  signalFrame[SIGNAL_FRAME_INFO_STORAGE_SI_SIGNO] = signal;
  signalFrame[SIGNAL_FRAME_INFO_STORAGE_SI_CODE] = signalInfoCodeOf(thread, signal);
  signalFrame[SIGNAL_FRAME_INFO_STORAGE_SI_PID] = signalInfoPidOf(thread, signal);
  signalFrame[SIGNAL_FRAME_INFO_STORAGE_SI_UID] = signalInfoUidOf(thread, signal);
  signalFrame[SIGNAL_FRAME_INFO_STORAGE_SI_ADDR] = isFaultSignal(signal) ? signalInfoValueOf(thread, signal) : 0;
  signalFrame[SIGNAL_FRAME_INFO_STORAGE_SI_STATUS] = signal === SIGCHLD ? signalInfoValueOf(thread, signal) : 0;
  signalFrame[SIGNAL_FRAME_INFO_STORAGE_SI_VALUE] = 0;
};

/** Fills signalFrame's ucontext: the mask to restore, the alternate stack and the interrupted registers. */
const fillContext = (thread: number, frame: number, oldMask: number): void => {
  signalFrame[SIGNAL_FRAME_CONTEXT_STORAGE_UC_LINK] = 0;
  signalFrame[SIGNAL_FRAME_CONTEXT_STORAGE_UC_SIGMASK] = oldMask;
  signalFrame[SIGNAL_FRAME_CONTEXT_STORAGE_UC_STACK_SS_SP] = altStackBase[thread];
  signalFrame[SIGNAL_FRAME_CONTEXT_STORAGE_UC_STACK_SS_SIZE] = altStackSize[thread];
  signalFrame[SIGNAL_FRAME_CONTEXT_STORAGE_UC_STACK_SS_FLAGS] = altStackSize[thread] === 0 ? SS_DISABLE
    : onAltStack(thread, frameGet(frame, FRAME_USER_ESP)) ? SS_ONSTACK : 0;
  for (let i: number = 0; i < SAVED_REGISTERS.length; i++) signalFrame[CONTEXT_REGISTERS[i]] = frameGet(frame, SAVED_REGISTERS[i]);
  signalFrame[SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EIP] = frameGet(frame, FRAME_EIP);
  signalFrame[SIGNAL_FRAME_CONTEXT_STORAGE_UC_MCONTEXT_EFLAGS] = frameGet(frame, FRAME_EFLAGS);
};

/**
 * Pushes the frame for a caught signal onto the user stack (the alternate
 * stack for SA_ONSTACK when the thread has one and is not on it yet) and
 * points the trap frame at the trampoline. oldMask is what sigreturn
 * restores. False when the stack cannot take the frame.
 */
const pushSignalFrame = (frame: number, process: number, thread: number, signal: number, oldMask: number): boolean => {
  const esp: number = frameGet(frame, FRAME_USER_ESP);
  let top: number = esp;
  if ((signalFlags(process, signal) & SA_ONSTACK) !== 0 && altStackSize[thread] !== 0 && !onAltStack(thread, esp)) {
    top = altStackBase[thread] + altStackSize[thread];
  }
  const base: number = Math.floor((top - SIGNAL_FRAME_BYTES) / 16) * 16;
  signalFrame[SIGNAL_FRAME_RETURN_ADDRESS] = 0;
  signalFrame[SIGNAL_FRAME_HANDLER] = signalHandler(process, signal);
  signalFrame[SIGNAL_FRAME_SIGNAL] = signal;
  signalFrame[SIGNAL_FRAME_OLD_MASK] = oldMask;
  for (let i: number = 0; i < SAVED_REGISTERS.length; i++) signalFrame[SIGNAL_FRAME_EDI + i] = frameGet(frame, SAVED_REGISTERS[i]);
  signalFrame[SIGNAL_FRAME_EIP] = frameGet(frame, FRAME_EIP);
  signalFrame[SIGNAL_FRAME_EFLAGS] = frameGet(frame, FRAME_EFLAGS);
  signalFrame[SIGNAL_FRAME_INFO] = base + SIGNAL_FRAME_INFO_STORAGE_OFFSET;
  signalFrame[SIGNAL_FRAME_CONTEXT] = base + SIGNAL_FRAME_CONTEXT_STORAGE_OFFSET;
  copyBytes(wordsAddress(signalFrame) + SIGNAL_FRAME_FPU_STATE_OFFSET, fpuStateAddress(frame), FPU_STATE_BYTES);
  fillSignalInfo(thread, signal);
  fillContext(thread, frame, oldMask);
  if (base <= 0 || copyToUser(process, base, wordsAddress(signalFrame), SIGNAL_FRAME_BYTES) < 0) return false;
  frameSet(frame, FRAME_USER_ESP, base);
  frameSet(frame, FRAME_EIP, protectedGet(process, PD_SIGNAL_TRAMPOLINE));
  frameSet(frame, FRAME_EFLAGS, (frameGet(frame, FRAME_EFLAGS) & ~(EFLAGS_TF | EFLAGS_DF)) >>> 0);
  // The handler starts with an empty x87 stack, as compiled code expects.
  copyBytes(fpuStateAddress(frame), cleanFpuStateAddress(), FPU_STATE_BYTES);
  return true;
};

/** Runs signal's default action for the running thread's process (which may end it: then this does not return). */
const actByDefault = (process: number, signal: number): void => {
  const action: number = defaultAction(signal);
  if (action === ACTION_STOP) processStop(process, signal);
  else if (action !== ACTION_CONTINUE && action !== ACTION_IGNORE) processKilled(process, signal, action === ACTION_CORE);
};

/**
 * The running thread returns to user mode through frame: every pending
 * signal it does not block acts, lowest number first (SIGKILL before
 * all): a caught one pushes a handler frame (several nest, the last one
 * pushed running first), the others take their default action. A stopped
 * process waits here for SIGCONT. A thread that must die (its process
 * ends, or execve ends the other threads) ends here instead. Without signals this costs one check (signalsQuiet).
 */
export const deliverSignals = (frame: number): void => {
  const thread: number = currentThread;
  if (signalsQuiet(thread)) return;
  const process: number = currentProcess();
  if (threadMustDieOf(thread)) threadExit(process);
  for (;;) {
    waitWhileStopped(process);
    const signal: number = nextDeliverable(thread);
    if (signal === 0) break;
    signalTake(thread, signal);
    const handler: number = signalHandler(process, signal);
    if (handler === SIG_IGN) continue;
    if (handler === SIG_DFL) {
      actByDefault(process, signal);
      continue;
    }
    const oldMask: number = signalOwnMask(thread);
    if (!pushSignalFrame(frame, process, thread, signal, oldMask)) {
      processCrash(process, SIGSEGV, "no room on the stack for a signal frame, esp", frameGet(frame, FRAME_USER_ESP));
      return;
    }
    const flags: number = signalFlags(process, signal);
    signalSetMask(thread, (oldMask | signalMask(process, signal) | ((flags & SA_NODEFER) !== 0 ? 0 : signalBit(signal))) >>> 0);
    signalForgetOwnMask(thread);
    if ((flags & SA_RESETHAND) !== 0) setSignalAction(process, signal, SIG_DFL, 0, 0);
  }
  signalRestoreOwnMask(thread);
};

/**
 * A blocking call of the running thread returned ERESTART: true when it
 * should run again (the signal that woke it runs no handler, or one with
 * SA_RESTART; or no signal is left), false when it ends with EINTR.
 */
export const signalWouldRestart = (): boolean => {
  const signal: number = nextDeliverable(currentThread);
  if (signal === 0) return true;
  const handler: number = signalHandler(currentProcess(), signal);
  if (handler === SIG_DFL || handler === SIG_IGN) return true;
  return (signalFlags(currentProcess(), signal) & SA_RESTART) !== 0;
};

/**
 * A CPU fault in user mode raised signal (address: the fault address or
 * instruction): a handler the thread does not block gets it on the way
 * out; otherwise the process dies of it as the reference's crash does.
 */
export const signalFault = (signal: number, what: string, address: number): void => {
  const process: number = currentProcess();
  const thread: number = currentThread;
  const handler: number = signalHandler(process, signal);
  if (handler === SIG_DFL || handler === SIG_IGN || (threadSignalMaskOf(thread) & signalBit(signal)) !== 0) {
    processCrash(process, signal, what, address);
    return;
  }
  signalThread(thread, signal, SI_KERNEL, 0, 0, address);
};

const savedEax: Uint32Array = new Uint32Array(1);

/**
 * sigreturn: the handler returned into the trampoline, whose esp points at
 * the eax it saved, above its saved ebp and then the signal frame. Restores
 * the registers, the safe eflags, the FPU state and the signal mask, and
 * returns the saved eax (the result of a call the signal interrupted). A
 * frame that cannot be read kills the process with SIGSEGV.
 */
export const signalReturn = (frame: number): number => {
  const process: number = currentProcess();
  const esp: number = frameGet(frame, FRAME_USER_ESP);
  const base: number = esp + 8;
  if (copyFromUser(process, wordsAddress(savedEax), esp, 4) < 0 ||
      copyFromUser(process, wordsAddress(signalFrame), base, SIGNAL_FRAME_BYTES) < 0) {
    processCrash(process, SIGSEGV, "bad signal frame on sigreturn, esp", esp);
    return 0;
  }
  for (let i: number = 0; i < SAVED_REGISTERS.length; i++) frameSet(frame, SAVED_REGISTERS[i], signalFrame[SIGNAL_FRAME_EDI + i]);
  frameSet(frame, FRAME_EIP, signalFrame[SIGNAL_FRAME_EIP]);
  const eflags: number = frameGet(frame, FRAME_EFLAGS);
  frameSet(frame, FRAME_EFLAGS, ((eflags & ~EFLAGS_SAFE_MASK) | (signalFrame[SIGNAL_FRAME_EFLAGS] & EFLAGS_SAFE_MASK)) >>> 0);
  copyBytes(fpuStateAddress(frame), wordsAddress(signalFrame) + SIGNAL_FRAME_FPU_STATE_OFFSET, FPU_STATE_BYTES);
  fpuStateSanitize(fpuStateAddress(frame));
  signalSetMask(currentThread, signalFrame[SIGNAL_FRAME_OLD_MASK]);
  return savedEax[0];
};
