// sigaction: struct sigaction is { handler; sa_mask; sa_flags } (12 bytes).
// The dispositions are stored (kernel/proc/signal_actions.ts); handlers
// run once signal delivery exists.
import { NSIG, SIGKILL, SIGSTOP } from "../api/abi";
import { EFAULT, EINVAL } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { setSignalAction, signalFlags, signalHandler, signalMask } from "../proc/signal_actions";
import { currentProcess } from "../proc/scheduler";
import { SIGACTION_BYTES } from "../api/layout";

const actionWords: Uint32Array = new Uint32Array(3);

export const sys$sigaction = (frame: number, signal: number, actAddress: number, oldAddress: number): number => {
  if (signal < 1 || signal >= NSIG || signal === SIGKILL || signal === SIGSTOP) return -EINVAL;
  const process: number = currentProcess();
  if (oldAddress !== 0) {
    actionWords[0] = signalHandler(process, signal);
    actionWords[1] = signalMask(process, signal);
    actionWords[2] = signalFlags(process, signal);
    if (copyToUser(process, oldAddress, wordsAddress(actionWords), SIGACTION_BYTES) < 0) return -EFAULT;
  }
  if (actAddress !== 0) {
    if (copyFromUser(process, wordsAddress(actionWords), actAddress, SIGACTION_BYTES) < 0) return -EFAULT;
    setSignalAction(process, signal, actionWords[0], actionWords[1], actionWords[2]);
  }
  return 0;
};
