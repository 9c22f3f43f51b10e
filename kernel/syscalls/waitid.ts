// waitid: SC_waitid_params { int idtype; int id; siginfo_t* infop; int options }.
// Waits for a child matching (idtype, id) to change state as options ask
// (WEXITED: it ended, and is reaped unless WNOWAIT; WSTOPPED: a stop signal
// stopped it; WCONTINUED: SIGCONT resumed it) and reports it in *infop.
// WNOHANG returns at once with si_pid 0 when nothing is to report. A
// signal ends the wait (restarted under SA_RESTART).
import {
  CLD_CONTINUED, CLD_DUMPED, CLD_EXITED, CLD_KILLED, CLD_STOPPED, P_ALL, P_PGID, P_PID, SIGCHLD, SIGCONT,
  WCONTINUED, WEXITED, WNOHANG, WNOWAIT, WSTOPPED,
} from "../api/abi";
import { ECHILD, EFAULT, EINVAL } from "../api/errno";
import { bytesAddress, fillBytes, poke32, wordsAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { childChannel } from "../proc/channels";
import {
  freeproc, pidOf, ppidOf, PROC_FREE, PROC_ZOMBIE, procCoreDumpedOf, processAddChildTimes, processSlotsEnd, procStateOf,
} from "../proc/process";
import { ERESTART, jobChangeReported, signalInterrupts, unreportedContinue, unreportedStop } from "../proc/signals";
import { PD_PGID, PD_TERMINATION_SIGNAL, PD_TERMINATION_STATUS, PD_UID, protectedGet } from "../proc/protected";
import { currentProcess, sleepOn } from "../proc/scheduler";
import {
  SIGINFO_BYTES, SIGINFO_SI_CODE_OFFSET, SIGINFO_SI_PID_OFFSET, SIGINFO_SI_SIGNO_OFFSET,
  SIGINFO_SI_STATUS_OFFSET, SIGINFO_SI_UID_OFFSET, WAITID_PARAMS_BYTES, WAITID_PARAMS_ID,
  WAITID_PARAMS_IDTYPE, WAITID_PARAMS_INFOP, WAITID_PARAMS_OPTIONS, WAITID_PARAMS_WORDS,
} from "../api/layout";

const waitidParams: Uint32Array = new Uint32Array(WAITID_PARAMS_WORDS);
const siginfo: Uint8Array = new Uint8Array(SIGINFO_BYTES);

const matches = (child: number, idtype: number, id: number): boolean => {
  if (idtype === P_PID) return pidOf(child) === id;
  if (idtype === P_PGID) return protectedGet(child, PD_PGID) === id;
  return true;
};

/** Writes the siginfo of child's change (code CLD_*, status; all zeros when child < 0) to the user pointer infop; 0 or -EFAULT. */
const reportChild = (process: number, infop: number, child: number, code: number, status: number): number => {
  fillBytes(bytesAddress(siginfo), 0, SIGINFO_BYTES);
  if (child >= 0) {
    const base: number = bytesAddress(siginfo);
    poke32(base + SIGINFO_SI_SIGNO_OFFSET, SIGCHLD);
    poke32(base + SIGINFO_SI_CODE_OFFSET, code);
    poke32(base + SIGINFO_SI_PID_OFFSET, pidOf(child));
    poke32(base + SIGINFO_SI_UID_OFFSET, protectedGet(child, PD_UID));
    poke32(base + SIGINFO_SI_STATUS_OFFSET, status);
  }
  if (infop === 0) return 0;
  return copyToUser(process, infop, bytesAddress(siginfo), SIGINFO_BYTES) < 0 ? -EFAULT : 0;
};

/** Reports and (unless WNOWAIT) reaps the zombie child. */
const reportExit = (process: number, infop: number, child: number, options: number): number => {
  const signal: number = protectedGet(child, PD_TERMINATION_SIGNAL);
  const code: number = signal === 0 ? CLD_EXITED : procCoreDumpedOf(child) ? CLD_DUMPED : CLD_KILLED;
  const status: number = reportChild(process, infop, child, code, signal !== 0 ? signal : protectedGet(child, PD_TERMINATION_STATUS));
  if (status < 0 || (options & WNOWAIT) !== 0) return status;
  processAddChildTimes(process, child);
  freeproc(child);
  return 0;
};

/** Reports child's stop (signal) or continue (signal 0) and, unless WNOWAIT, marks it reported. */
const reportJobChange = (process: number, infop: number, child: number, signal: number, options: number): number => {
  const status: number = signal !== 0 ? reportChild(process, infop, child, CLD_STOPPED, signal)
    : reportChild(process, infop, child, CLD_CONTINUED, SIGCONT);
  if (status === 0 && (options & WNOWAIT) === 0) jobChangeReported(child);
  return status;
};

export const sys$waitid = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(waitidParams), paramsAddress, WAITID_PARAMS_BYTES) < 0) return -EFAULT;
  const idtype: number = waitidParams[WAITID_PARAMS_IDTYPE];
  const id: number = waitidParams[WAITID_PARAMS_ID] | 0;
  const infop: number = waitidParams[WAITID_PARAMS_INFOP];
  const options: number = waitidParams[WAITID_PARAMS_OPTIONS];
  if (idtype !== P_ALL && idtype !== P_PID && idtype !== P_PGID) return -EINVAL;
  if ((options & (WEXITED | WSTOPPED | WCONTINUED)) === 0) return -EINVAL;
  const me: number = pidOf(process);
  for (;;) {
    let found: boolean = false;
    for (let child: number = 0; child < processSlotsEnd(); child++) {
      if (procStateOf(child) === PROC_FREE || ppidOf(child) !== me || !matches(child, idtype, id)) continue;
      found = true;
      if (procStateOf(child) === PROC_ZOMBIE) {
        if ((options & WEXITED) !== 0) return reportExit(process, infop, child, options);
        continue;
      }
      const stopSignal: number = (options & WSTOPPED) !== 0 ? unreportedStop(child) : 0;
      if (stopSignal !== 0) return reportJobChange(process, infop, child, stopSignal, options);
      if ((options & WCONTINUED) !== 0 && unreportedContinue(child)) return reportJobChange(process, infop, child, 0, options);
    }
    if (!found) return -ECHILD;
    if ((options & WNOHANG) !== 0) return reportChild(process, infop, -1, 0, 0);
    if (signalInterrupts()) return -ERESTART;
    sleepOn(childChannel(process));
  }
};
