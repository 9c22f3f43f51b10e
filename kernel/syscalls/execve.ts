// execve: SC_execve_params { StringArgument path; StringListArgument
// arguments; StringListArgument environment }, a StringArgument being a
// (characters, length) stringArgument. Copies everything in, then replaces the
// program (lifecycle/exec.ts); on success the syscall "returns" into it.
// In a process with other threads they end first (docs/threads.md).
import { E2BIG, EFAULT } from "../api/errno";
import { peek8, wordsAddress } from "../arch/i386/io";
import { copyFromUser, pathFromUser } from "../mm/usercopy";
import {
  execPathRunnable, execProgram, execSetPath, execStageCommit, execStageCursor, execStageReset, execStageRoom,
} from "../lifecycle/exec";
import { endOtherThreadsAndWait } from "../lifecycle/exit";
import { currentProcess, currentThread } from "../proc/scheduler";
import { altStackInherit } from "../lifecycle/signal_delivery";
import { nameAddress, processHasOneThread, procNameLengthOf } from "../proc/process";
import { threadSetName } from "../proc/thread";
import {
  EXECVE_PARAMS_ARGUMENTS_LENGTH, EXECVE_PARAMS_ARGUMENTS_STRINGS, EXECVE_PARAMS_BYTES,
  EXECVE_PARAMS_ENVIRONMENT_LENGTH, EXECVE_PARAMS_ENVIRONMENT_STRINGS,
  EXECVE_PARAMS_PATH_CHARACTERS, EXECVE_PARAMS_PATH_LENGTH, EXECVE_PARAMS_WORDS,
  STRING_ARGUMENT_BYTES, STRING_ARGUMENT_CHARACTERS, STRING_ARGUMENT_LENGTH,
} from "../api/layout";
import { ARG_MAX } from "../api/limits";

const execveParams: Uint32Array = new Uint32Array(EXECVE_PARAMS_WORDS);
const stringArgument: Uint32Array = new Uint32Array(2);
const pathBuffer: Uint8Array = new Uint8Array(4096);

/** Stages count strings from the user array of StringArguments at list (each cut at a NUL); 0, -EFAULT or -E2BIG. */
const stageList = (process: number, list: number, count: number, isEnvironment: boolean): number => {
  for (let i: number = 0; i < count; i++) {
    if (copyFromUser(process, wordsAddress(stringArgument), list + i * STRING_ARGUMENT_BYTES, STRING_ARGUMENT_BYTES) < 0) return -EFAULT;
    if (!execStageRoom(stringArgument[STRING_ARGUMENT_LENGTH])) return -E2BIG;
    const cursor: number = execStageCursor();
    if (copyFromUser(process, cursor, stringArgument[STRING_ARGUMENT_CHARACTERS], stringArgument[STRING_ARGUMENT_LENGTH]) < 0) return -EFAULT;
    let length: number = 0;
    while (length < stringArgument[STRING_ARGUMENT_LENGTH] && peek8(cursor + length) !== 0) length++;
    execStageCommit(length, isEnvironment);
  }
  return 0;
};

export const sys$execve = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(execveParams), paramsAddress, EXECVE_PARAMS_BYTES) < 0) return -EFAULT;
  if (execveParams[EXECVE_PARAMS_ARGUMENTS_LENGTH] > ARG_MAX || execveParams[EXECVE_PARAMS_ENVIRONMENT_LENGTH] > ARG_MAX) return -E2BIG;
  const pathLength: number = pathFromUser(process, pathBuffer, execveParams[EXECVE_PARAMS_PATH_CHARACTERS], execveParams[EXECVE_PARAMS_PATH_LENGTH]);
  if (pathLength < 0) return pathLength;
  if (!processHasOneThread(process)) {
    // The other threads end before the program is loaded, once the file is known to be runnable.
    const runnable: number = execPathRunnable(process, pathBuffer, pathLength);
    if (runnable < 0) return runnable;
    const alone: number = endOtherThreadsAndWait(process);
    if (alone < 0) return alone;
  }
  execStageReset();
  let status: number = stageList(process, execveParams[EXECVE_PARAMS_ARGUMENTS_STRINGS], execveParams[EXECVE_PARAMS_ARGUMENTS_LENGTH], false);
  if (status === 0) status = stageList(process, execveParams[EXECVE_PARAMS_ENVIRONMENT_STRINGS], execveParams[EXECVE_PARAMS_ENVIRONMENT_LENGTH], true);
  if (status < 0) return status;
  execSetPath(pathBuffer, pathLength);
  status = execProgram(process, frame);
  if (status === 0) {
    // The calling thread goes on as the new program's: no alternate signal stack, the program's name.
    altStackInherit(-1, currentThread);
    threadSetName(currentThread, nameAddress(process), procNameLengthOf(process));
  }
  return status;
};
