// prctl (syscall 142): the reference's PR_GET_DUMPABLE and
// PR_SET_DUMPABLE, and PR_SIGALTSTACK, through which libc's sigaltstack
// reaches the kernel (the reference's table has no sigaltstack syscall),
// and PR_SET_KEEP_VEIL_AT_EXEC, with which /bin/unveil runs a program
// under a veil; and set_coredump_metadata (144), for the crash report.
import { PR_GET_DUMPABLE, PR_SET_DUMPABLE, PR_SET_KEEP_VEIL_AT_EXEC, PR_SIGALTSTACK } from "../api/abi";
import { EFAULT, EINVAL } from "../api/errno";
import {
  SET_COREDUMP_METADATA_PARAMS_BYTES, SET_COREDUMP_METADATA_PARAMS_KEY_CHARACTERS, SET_COREDUMP_METADATA_PARAMS_KEY_LENGTH,
  SET_COREDUMP_METADATA_PARAMS_VALUE_CHARACTERS, SET_COREDUMP_METADATA_PARAMS_VALUE_LENGTH, SET_COREDUMP_METADATA_PARAMS_WORDS,
} from "../api/layout";
import { wordsAddress } from "../arch/i386/io";
import { crashMetadataSet, METADATA_BYTES } from "../lifecycle/crash_report";
import { veilSetKeepAtExec } from "../fs/veil";
import { copyFromUser, stringFromUser } from "../mm/usercopy";
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
  if (option === PR_SET_KEEP_VEIL_AT_EXEC) return veilSetKeepAtExec(process, arg1 !== 0);
  return -EINVAL;
};

const metadataParams: Uint32Array = new Uint32Array(SET_COREDUMP_METADATA_PARAMS_WORDS);
const metadataKey: Uint8Array = new Uint8Array(METADATA_BYTES);
const metadataValue: Uint8Array = new Uint8Array(METADATA_BYTES);

/**
 * SC_set_coredump_metadata_params { key; value } (StringArguments): the
 * pair goes into the caller's crash report. EFAULT, EINVAL for an empty
 * key or a pair over the per-process budget (kernel/lifecycle/crash_report.ts),
 * EFAULT for a new key past 16, as the reference.
 */
export const sys$set_coredump_metadata = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(metadataParams), paramsAddress, SET_COREDUMP_METADATA_PARAMS_BYTES) < 0) return -EFAULT;
  const keyLength: number = metadataParams[SET_COREDUMP_METADATA_PARAMS_KEY_LENGTH];
  const valueLength: number = metadataParams[SET_COREDUMP_METADATA_PARAMS_VALUE_LENGTH];
  if (keyLength === 0 || keyLength > METADATA_BYTES || valueLength > METADATA_BYTES) return -EINVAL;
  const key: number = stringFromUser(process, metadataKey, metadataParams[SET_COREDUMP_METADATA_PARAMS_KEY_CHARACTERS], keyLength);
  if (key < 0) return key;
  const value: number = stringFromUser(process, metadataValue, metadataParams[SET_COREDUMP_METADATA_PARAMS_VALUE_CHARACTERS], valueLength);
  if (value < 0) return value;
  return crashMetadataSet(process, metadataKey, key, metadataValue, value);
};
