// Signal dispositions: what each process asked sigaction to do with each
// signal (default, ignore, or a handler with its mask and flags), shared
// by its threads. signals.ts and lifecycle/signal_delivery.ts act on them.
import { MAX_PROCESSES } from "../lib/limits";
import { NSIG, SIG_DFL, SIG_IGN } from "../api/abi";

const actionHandler: Uint32Array = new Uint32Array(MAX_PROCESSES * NSIG);
const actionMask: Uint32Array = new Uint32Array(MAX_PROCESSES * NSIG);
const actionFlags: Uint32Array = new Uint32Array(MAX_PROCESSES * NSIG);

/** The handler address (SIG_DFL, SIG_IGN or a function) slot has for signal. */
export const signalHandler = (slot: number, signal: number): number => actionHandler[slot * NSIG + signal];
export const signalMask = (slot: number, signal: number): number => actionMask[slot * NSIG + signal];
export const signalFlags = (slot: number, signal: number): number => actionFlags[slot * NSIG + signal];

/** Sets slot's disposition of signal. */
export const setSignalAction = (slot: number, signal: number, handler: number, mask: number, flags: number): void => {
  actionHandler[slot * NSIG + signal] = handler;
  actionMask[slot * NSIG + signal] = mask;
  actionFlags[slot * NSIG + signal] = flags;
};

/** Gives child its parent's dispositions (fork), or all defaults when parent < 0 (the first process). */
export const signalActionsInherit = (parent: number, child: number): void => {
  for (let signal: number = 0; signal < NSIG; signal++) {
    if (parent < 0) setSignalAction(child, signal, SIG_DFL, 0, 0);
    else setSignalAction(child, signal, signalHandler(parent, signal), signalMask(parent, signal), signalFlags(parent, signal));
  }
};

/** exec: caught signals go back to their default; ignored ones stay ignored (POSIX). */
export const signalActionsExec = (slot: number): void => {
  for (let signal: number = 0; signal < NSIG; signal++) {
    if (signalHandler(slot, signal) !== SIG_IGN) setSignalAction(slot, signal, SIG_DFL, 0, 0);
  }
};
