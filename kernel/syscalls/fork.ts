// fork: a copy of the calling process with a copy-on-write address space;
// only the calling thread is copied, returning 0 in the child, with its
// signal mask and alternate stack but no pending signals and no alarm.
import { EAGAIN, ENOMEM } from "../api/errno";
import { FRAME_EAX, frameSet, fpuStateAddress } from "../arch/i386/trapframe";
import { filesFork } from "../fs/file";
import { spaceFork } from "../mm/space";
import { processDiscard } from "../lifecycle/exit";
import { allocproc, pidOf, procSetMainThread } from "../proc/process";
import { currentProcess, currentThread, makeRunnableFirst } from "../proc/scheduler";
import {
  threadCopyTls, threadCreate, threadNameAddress, threadNameLengthOf, threadSetName,
  threadSignalMaskOf, userTrapFrame,
} from "../proc/thread";
import { tlsFork } from "../lifecycle/tls";
import { altStackInherit } from "../lifecycle/signal_delivery";
import { crashMetadataClear } from "../lifecycle/crash_report";
import { alarmSet, jobStateReset, signalThreadStart } from "../proc/signals";

export const sys$fork = (frame: number, arg1: number, arg2: number, arg3: number): number => {
  const parent: number = currentProcess();
  const child: number = allocproc(parent);
  if (child < 0) return -EAGAIN;
  if (!spaceFork(parent, child) || !filesFork(parent, child)) {
    processDiscard(child);
    return -ENOMEM;
  }
  const thread: number = threadCreate(child, pidOf(child), frame, fpuStateAddress(frame));
  if (thread < 0) {
    processDiscard(child);
    return -ENOMEM;
  }
  frameSet(userTrapFrame(thread), FRAME_EAX, 0);
  signalThreadStart(thread, threadSignalMaskOf(currentThread));
  altStackInherit(currentThread, thread);
  threadSetName(thread, threadNameAddress(currentThread), threadNameLengthOf(currentThread));
  threadCopyTls(thread, currentThread);
  tlsFork(parent, child);
  jobStateReset(child);
  alarmSet(child, 0);
  crashMetadataClear(child);
  procSetMainThread(child, thread);
  makeRunnableFirst(thread);
  return pidOf(child);
};
