// execve: SC_execve_params { StringArgument path; StringListArgument
// arguments; StringListArgument environment }, a StringArgument being a
// (characters, length) stringArgument. Copies everything in, then replaces the
// program (lifecycle/exec.ts); on success the syscall "returns" into it.
import { E2BIG, EFAULT } from "../api/errno";
import { peek8, wordsAddress } from "../arch/i386/io";
import { copyFromUser, pathFromUser } from "../mm/usercopy";
import { ARG_MAX, execProgram, execSetPath, execStageCommit, execStageCursor, execStageReset, execStageRoom } from "../lifecycle/exec";
import { currentProcess } from "../proc/scheduler";

const execveParams: Uint32Array = new Uint32Array(6);
const stringArgument: Uint32Array = new Uint32Array(2);
const pathBuffer: Uint8Array = new Uint8Array(4096);

/** Stages count strings from the user array of StringArguments at list (each cut at a NUL); 0, -EFAULT or -E2BIG. */
const stageList = (process: number, list: number, count: number, isEnvironment: boolean): number => {
  for (let i: number = 0; i < count; i++) {
    if (copyFromUser(process, wordsAddress(stringArgument), list + i * 8, 8) < 0) return -EFAULT;
    if (!execStageRoom(stringArgument[1])) return -E2BIG;
    const cursor: number = execStageCursor();
    if (copyFromUser(process, cursor, stringArgument[0], stringArgument[1]) < 0) return -EFAULT;
    let length: number = 0;
    while (length < stringArgument[1] && peek8(cursor + length) !== 0) length++;
    execStageCommit(length, isEnvironment);
  }
  return 0;
};

export const sys$execve = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(execveParams), paramsAddress, 24) < 0) return -EFAULT;
  if (execveParams[3] > ARG_MAX || execveParams[5] > ARG_MAX) return -E2BIG;
  const pathLength: number = pathFromUser(process, pathBuffer, execveParams[0], execveParams[1]);
  if (pathLength < 0) return pathLength;
  execStageReset();
  let status: number = stageList(process, execveParams[2], execveParams[3], false);
  if (status === 0) status = stageList(process, execveParams[4], execveParams[5], true);
  if (status < 0) return status;
  execSetPath(pathBuffer, pathLength);
  return execProgram(process, frame);
};
