// sigaction: struct sigaction is { handler; sa_mask; sa_flags } (12 bytes).
// The dispositions are stored (kernel/proc/signal_actions.ts); handlers
// run once signal delivery exists.
import { NSIG, SIGKILL, SIGSTOP } from "../api/abi";
import { EFAULT, EINVAL } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { setSignalAction, signalFlags, signalHandler, signalMask } from "../proc/signal_actions";
import { currentProcess } from "../proc/scheduler";
import {
  SIGACTION_BYTES, SIGACTION_SA_FLAGS, SIGACTION_SA_HANDLER, SIGACTION_SA_MASK, SIGACTION_WORDS,
} from "../api/layout";

const actionWords: Uint32Array = new Uint32Array(SIGACTION_WORDS);

export const sys$sigaction = (frame: number, signal: number, actAddress: number, oldAddress: number): number => {
  if (signal < 1 || signal >= NSIG || signal === SIGKILL || signal === SIGSTOP) return -EINVAL;
  const process: number = currentProcess();
  if (oldAddress !== 0) {
    actionWords[SIGACTION_SA_HANDLER] = signalHandler(process, signal);
    actionWords[SIGACTION_SA_MASK] = signalMask(process, signal);
    actionWords[SIGACTION_SA_FLAGS] = signalFlags(process, signal);
    if (copyToUser(process, oldAddress, wordsAddress(actionWords), SIGACTION_BYTES) < 0) return -EFAULT;
  }
  if (actAddress !== 0) {
    if (copyFromUser(process, wordsAddress(actionWords), actAddress, SIGACTION_BYTES) < 0) return -EFAULT;
    const handler: number = actionWords[SIGACTION_SA_HANDLER];
    setSignalAction(process, signal, handler, actionWords[SIGACTION_SA_MASK], actionWords[SIGACTION_SA_FLAGS]);
  }
  return 0;
};
