// The int 0x82 entry (docs/reference.md): EAX = number, EDX/ECX/EBX = arguments,
// result (or -errno) back in EAX. Before the handler runs, the reference's
// checks: the user esp must be in a stack region or the alternate signal stack (else SIGSTKFLT), the
// user eip in a region that is not writable (else SIGSEGV) and, once
// msyscall locked them, in a syscall region; a pledged process must hold
// the promise the table names, or it dies with SIGABRT. Unknown numbers
// give -ENOSYS (from the dispatch switch).
import { FRAME_EAX, FRAME_EBX, FRAME_ECX, FRAME_EDX, frameGet, frameSet } from "../arch/i386/trapframe";
import { PROT_WRITE, SIGSEGV, SIGSTKFLT } from "../api/abi";
import { FRAME_EIP, FRAME_USER_ESP } from "../arch/i386/trapframe";
import {
  regionFlagsOf, REGION_SYSCALL, spaceFindRegion, spaceIsStack, syscallRegionsLocked,
} from "../mm/space";
import { processCrash } from "../lifecycle/exit";
import { onSignalStack, signalWouldRestart } from "../lifecycle/signal_delivery";
import { ERESTART } from "../proc/signals";
import { EINTR } from "../api/errno";
import { currentProcess } from "../proc/scheduler";
import { syscallDispatch } from "./dispatch";
import { syscallPermitted } from "./pledge";

/** The reference's checks of where a syscall comes from; false after killing the process. */
const callerAllowed = (process: number, frame: number): boolean => {
  const esp: number = frameGet(frame, FRAME_USER_ESP);
  if (!spaceIsStack(process, esp) && !onSignalStack(esp)) {
    processCrash(process, SIGSTKFLT, "bad stack on syscall entry, esp", frameGet(frame, FRAME_USER_ESP));
    return false;
  }
  const code: number = spaceFindRegion(process, frameGet(frame, FRAME_EIP));
  if (code < 0 || (regionFlagsOf(code) & PROT_WRITE) !== 0) {
    processCrash(process, SIGSEGV, "syscall from writable or unmapped memory, eip", frameGet(frame, FRAME_EIP));
    return false;
  }
  if (syscallRegionsLocked(process) && (regionFlagsOf(code) & REGION_SYSCALL) === 0) {
    processCrash(process, SIGSEGV, "syscall from outside a syscall region, eip", frameGet(frame, FRAME_EIP));
    return false;
  }
  return true;
};

const SC_SIGRETURN: number = 42; // returns the interrupted eax, which may be any value
const INT_0X82_BYTES: number = 2;

/**
 * Handles the syscall whose trap frame is at frame. A blocking call a
 * signal interrupted returns ERESTART: it runs again once the signal is
 * dealt with (eip back on the int 0x82, eax the number again) when no
 * handler runs or the handler has SA_RESTART, and fails with EINTR
 * otherwise.
 */
export const handleSyscall = (frame: number): void => {
  const number: number = frameGet(frame, FRAME_EAX);
  const process: number = currentProcess();
  if (!callerAllowed(process, frame)) return;
  if (!syscallPermitted(process, number)) return;
  const result: number = syscallDispatch(frame, number, frameGet(frame, FRAME_EDX), frameGet(frame, FRAME_ECX), frameGet(frame, FRAME_EBX));
  if (result !== -ERESTART || number === SC_SIGRETURN) {
    frameSet(frame, FRAME_EAX, result);
  } else if (signalWouldRestart()) {
    frameSet(frame, FRAME_EIP, frameGet(frame, FRAME_EIP) - INT_0X82_BYTES);
    frameSet(frame, FRAME_EAX, number);
  } else {
    frameSet(frame, FRAME_EAX, -EINTR);
  }
};
