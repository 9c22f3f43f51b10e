// prctl (syscall 142): the reference's PR_GET_DUMPABLE and
// PR_SET_DUMPABLE, and PR_SIGALTSTACK, through which libc's sigaltstack
// reaches the kernel (the reference's table has no sigaltstack syscall).
import { PR_GET_DUMPABLE, PR_SET_DUMPABLE, PR_SIGALTSTACK } from "../api/abi";
import { EINVAL } from "../api/errno";
import { FRAME_USER_ESP, frameGet } from "../arch/i386/trapframe";
import { sigaltstack } from "../lifecycle/signal_delivery";
import { PD_DUMPABLE, protectData, protectedGet, protectedSet, unprotectData } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";

export const sys$prctl = (frame: number, option: number, arg1: number, arg2: number): number => {
  const process: number = currentProcess();
  if (option === PR_GET_DUMPABLE) return protectedGet(process, PD_DUMPABLE);
  if (option === PR_SET_DUMPABLE) {
    unprotectData(process);
    protectedSet(process, PD_DUMPABLE, arg1 !== 0 ? 1 : 0);
    protectData(process);
    return 0;
  }
  if (option === PR_SIGALTSTACK) return sigaltstack(arg1, arg2, frameGet(frame, FRAME_USER_ESP));
  return -EINVAL;
};
