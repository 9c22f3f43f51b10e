// The int 0x82 entry (abi.md): EAX = number, EDX/ECX/EBX = arguments,
// result (or -errno) back in EAX. Before the handler runs, a pledged
// process must hold the promise the table names for the call, or it dies
// with SIGABRT; unknown numbers give -ENOSYS (from the dispatch switch).
import { FRAME_EAX, FRAME_EBX, FRAME_ECX, FRAME_EDX, frameGet, frameSet } from "../arch/i386/trapframe";
import { SIGABRT } from "../api/abi";
import { PLEDGE_CHECK_NO_PROMISES, PLEDGE_CHECK_NONE } from "../api/pledge";
import { processCrash } from "../proc/exit";
import { PD_HAS_PROMISES, PD_PROMISES, protectedGet } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { syscallDispatch, syscallPromise } from "./dispatch";

/** True when process may make syscall number under its pledge. */
const pledgeAllows = (process: number, number: number): boolean => {
  if (protectedGet(process, PD_HAS_PROMISES) === 0) return true;
  const promise: number = syscallPromise(number);
  if (promise === PLEDGE_CHECK_NONE) return true;
  if (promise === PLEDGE_CHECK_NO_PROMISES) return false;
  return (protectedGet(process, PD_PROMISES) & (1 << promise)) !== 0;
};

/** Handles the syscall whose trap frame is at frame. */
export const handleSyscall = (frame: number): void => {
  const number: number = frameGet(frame, FRAME_EAX);
  const process: number = currentProcess();
  if (!pledgeAllows(process, number)) {
    processCrash(process, SIGABRT, "pledge violation, syscall", number);
    return;
  }
  const result: number = syscallDispatch(frame, number, frameGet(frame, FRAME_EDX), frameGet(frame, FRAME_ECX), frameGet(frame, FRAME_EBX));
  frameSet(frame, FRAME_EAX, result);
};
