// pledge (syscall 129) and every promise check: the dispatcher's, from
// the syscall table (syscallPermitted), and the handlers' own for calls
// whose promise depends on their arguments (requirePromise). A process
// that has pledged and lacks a promise dies with SIGABRT, the console
// naming the call and the promise; no errno reaches it.
import { SIGABRT } from "../api/abi";
import { E2BIG, EFAULT, EINVAL, EPERM } from "../api/errno";
import {
  PLEDGE_PARAMS_BYTES, PLEDGE_PARAMS_EXECPROMISES_CHARACTERS, PLEDGE_PARAMS_EXECPROMISES_LENGTH,
  PLEDGE_PARAMS_PROMISES_CHARACTERS, PLEDGE_PARAMS_PROMISES_LENGTH, PLEDGE_PARAMS_WORDS,
} from "../api/layout";
import { PLEDGE_CHECK_NO_PROMISES, PLEDGE_CHECK_NONE, PROMISE_COUNT } from "../api/pledge";
import { bytesAddress, wordsAddress } from "../arch/i386/io";
import { kprint, kprintln } from "../devices/console";
import { processCrash } from "../lifecycle/exit";
import { crashMetadataSetText } from "../lifecycle/crash_report";
import { copyFromUser } from "../mm/usercopy";
import {
  PD_EXECPROMISES, PD_HAS_EXECPROMISES, PD_HAS_PROMISES, PD_PROMISES, protectData, protectedGet, protectedSet,
  unprotectData,
} from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import { syscallName, syscallPromise } from "./dispatch";

/** Each promise's name, as pledge(2) spells it: PROMISE_NAMES[bit], in the bit order of kernel/api/pledge.ts. */
const PROMISE_NAMES: string[] = [
  "stdio", "rpath", "wpath", "cpath", "dpath", "inet", "id", "proc", "ptrace", "exec", "unix", "recvfd", "sendfd",
  "fattr", "tty", "chown", "chroot", "thread", "video", "accept", "settime", "sigaction", "setkeymap", "prot_exec",
  "map_fixed", "getkeymap",
];
const PROMISES_MAX_BYTES: number = 1024;
const pledgeParams: Uint32Array = new Uint32Array(PLEDGE_PARAMS_WORDS);
const promiseText: Uint8Array = new Uint8Array(PROMISES_MAX_BYTES);
let syscallNumber: number = 0; // the call being checked, for the violation message

/** True when process may do what promise covers: it never pledged, or it holds the promise. */
const holdsPromise = (process: number, promise: number): boolean =>
  protectedGet(process, PD_HAS_PROMISES) === 0 || (protectedGet(process, PD_PROMISES) & (1 << promise)) !== 0;

/** Kills process for calling the current syscall without promise (a name, or "no promises" for REQUIRE_NO_PROMISES). */
const pledgeViolation = (process: number, promise: string): void => {
  kprint("pledge violation: ");
  kprint(syscallName(syscallNumber));
  kprint(" needs ");
  kprintln(promise);
  crashMetadataSetText(process, "pledge_violation", promise);
  processCrash(process, SIGABRT, "pledge violation, syscall", syscallNumber);
};

/**
 * The dispatcher's check of syscall number for process (the table's
 * promise); false after killing the process.
 */
export const syscallPermitted = (process: number, number: number): boolean => {
  syscallNumber = number;
  if (protectedGet(process, PD_HAS_PROMISES) === 0) return true;
  const promise: number = syscallPromise(number);
  if (promise === PLEDGE_CHECK_NONE || (promise >= 0 && holdsPromise(process, promise))) return true;
  pledgeViolation(process, promise === PLEDGE_CHECK_NO_PROMISES ? "no promises at all" : PROMISE_NAMES[promise]);
  return false;
};

/**
 * A handler's check of a promise its arguments call for (open's rpath,
 * wpath and cpath, kill's proc, mmap's prot_exec...); false after killing
 * the process, and the handler returns at once.
 */
export const requirePromise = (process: number, promise: number): boolean => {
  if (holdsPromise(process, promise)) return true;
  pledgeViolation(process, PROMISE_NAMES[promise]);
  return false;
};

/** True when bytes [start, start + length) of promiseText spell the name of promise. */
const wordIs = (start: number, length: number, promise: number): boolean => {
  const name: string = PROMISE_NAMES[promise];
  if (name.length !== length) return false;
  for (let i: number = 0; i < length; i++) {
    if (promiseText[start + i] !== name.charCodeAt(i)) return false;
  }
  return true;
};

/** The promise bit the word at [start, start + length) names, or -1. */
const promiseNamed = (start: number, length: number): number => {
  for (let promise: number = 0; promise < PROMISE_COUNT; promise++) {
    if (wordIs(start, length, promise)) return promise;
  }
  return -1;
};

const UNCHANGED_SET: number = -1;

/**
 * Parses the promise string (address, length) of process: the mask of
 * its space-separated words, UNCHANGED_SET for a null pointer, or -errno
 * (E2BIG, EFAULT, EINVAL for an unknown word).
 */
const parsePromises = (process: number, address: number, length: number): number => {
  if (address === 0) return UNCHANGED_SET;
  if (length > PROMISES_MAX_BYTES) return -E2BIG;
  if (length > 0 && copyFromUser(process, bytesAddress(promiseText), address, length) < 0) return -EFAULT;
  let mask: number = 0;
  let start: number = 0;
  for (let i: number = 0; i <= length; i++) {
    if (i < length && promiseText[i] !== 32) continue;
    if (i > start) {
      const promise: number = promiseNamed(start, i - start);
      if (promise < 0) return -EINVAL;
      mask = (mask | (1 << promise)) >>> 0;
    }
    start = i + 1;
  }
  return mask;
};

/** True when mask (or UNCHANGED_SET) asks for nothing beyond what the has/set fields of process hold. */
const onlyShrinks = (process: number, mask: number, hasField: number, setField: number): boolean =>
  mask === UNCHANGED_SET || protectedGet(process, hasField) === 0 || (mask & ~protectedGet(process, setField)) === 0;

/**
 * SC_pledge_params { promises; execpromises } (StringArguments; a null one
 * leaves its set as it is). Both strings are checked before either is
 * applied: E2BIG (over 1024 bytes), EFAULT, EINVAL (an unknown promise),
 * EPERM (a promise not held already: pledges only shrink).
 */
export const sys$pledge = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(pledgeParams), paramsAddress, PLEDGE_PARAMS_BYTES) < 0) return -EFAULT;
  const execAddress: number = pledgeParams[PLEDGE_PARAMS_EXECPROMISES_CHARACTERS];
  const execLength: number = pledgeParams[PLEDGE_PARAMS_EXECPROMISES_LENGTH];
  const promises: number = parsePromises(process, pledgeParams[PLEDGE_PARAMS_PROMISES_CHARACTERS], pledgeParams[PLEDGE_PARAMS_PROMISES_LENGTH]);
  if (promises < UNCHANGED_SET) return promises;
  const execPromises: number = parsePromises(process, execAddress, execLength);
  if (execPromises < UNCHANGED_SET) return execPromises;
  if (!onlyShrinks(process, promises, PD_HAS_PROMISES, PD_PROMISES)) return -EPERM;
  if (!onlyShrinks(process, execPromises, PD_HAS_EXECPROMISES, PD_EXECPROMISES)) return -EPERM;
  unprotectData(process);
  if (promises !== UNCHANGED_SET) {
    protectedSet(process, PD_HAS_PROMISES, 1);
    protectedSet(process, PD_PROMISES, promises);
  }
  if (execPromises !== UNCHANGED_SET) {
    protectedSet(process, PD_HAS_EXECPROMISES, 1);
    protectedSet(process, PD_EXECPROMISES, execPromises);
  }
  protectData(process);
  return 0;
};
