// waitid: SC_waitid_params { int idtype; int id; siginfo_t* infop; int options }.
// Waits for a child matching (idtype, id) to have exited, reports it in
// *infop and reaps it (unless WNOWAIT). WNOHANG returns at once with
// si_pid 0 when no child has exited yet.
import {
  CLD_EXITED, CLD_KILLED, P_ALL, P_PGID, P_PID, SIGCHLD, WCONTINUED, WEXITED, WNOHANG, WNOWAIT,
  WSTOPPED,
} from "../api/abi";
import { ECHILD, EFAULT, EINVAL } from "../api/errno";
import { bytesAddress, fillBytes, poke32, wordsAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { childChannel } from "../proc/channels";
import {
  EXEC_SCRATCH_SLOT, freeproc, pidOf, ppidOf, PROC_FREE, PROC_ZOMBIE, procStateOf,
} from "../proc/process";
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

/** Writes siginfo for child (or all zeros when child < 0) to the user pointer infop; 0 or -EFAULT. */
const reportChild = (process: number, infop: number, child: number): number => {
  fillBytes(bytesAddress(siginfo), 0, SIGINFO_BYTES);
  if (child >= 0) {
    const signal: number = protectedGet(child, PD_TERMINATION_SIGNAL);
    const base: number = bytesAddress(siginfo);
    poke32(base + SIGINFO_SI_SIGNO_OFFSET, SIGCHLD);
    poke32(base + SIGINFO_SI_CODE_OFFSET, signal !== 0 ? CLD_KILLED : CLD_EXITED);
    poke32(base + SIGINFO_SI_PID_OFFSET, pidOf(child));
    poke32(base + SIGINFO_SI_UID_OFFSET, protectedGet(child, PD_UID));
    poke32(base + SIGINFO_SI_STATUS_OFFSET, signal !== 0 ? signal : protectedGet(child, PD_TERMINATION_STATUS));
  }
  if (infop === 0) return 0;
  return copyToUser(process, infop, bytesAddress(siginfo), SIGINFO_BYTES) < 0 ? -EFAULT : 0;
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
    for (let child: number = 0; child < EXEC_SCRATCH_SLOT; child++) {
      if (procStateOf(child) === PROC_FREE || ppidOf(child) !== me || !matches(child, idtype, id)) continue;
      found = true;
      if (procStateOf(child) !== PROC_ZOMBIE || (options & WEXITED) === 0) continue;
      const status: number = reportChild(process, infop, child);
      if (status < 0) return status;
      if ((options & WNOWAIT) === 0) freeproc(child);
      return 0;
    }
    if (!found) return -ECHILD;
    if ((options & WNOHANG) !== 0) return reportChild(process, infop, -1);
    sleepOn(childChannel(process));
  }
};
