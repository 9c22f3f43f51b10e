// futex (syscall 127), SC_futex_params, with the reference's operations
// over proc/futex.ts's wait queues: WAIT, WAKE, REQUEUE, CMP_REQUEUE,
// WAKE_OP, WAIT_BITSET, WAKE_BITSET. The kernel is not preempted, so
// reading the futex word and queueing the waiter is atomic against every
// wake, as the operation requires.
import {
  CLOCK_MONOTONIC, CLOCK_REALTIME, FUTEX_BITSET_MATCH_ANY, FUTEX_CLOCK_REALTIME, FUTEX_CMD_MASK, FUTEX_CMP_REQUEUE,
  FUTEX_OP_ADD, FUTEX_OP_ANDN, FUTEX_OP_ARG_SHIFT, FUTEX_OP_CMP_EQ, FUTEX_OP_CMP_GE, FUTEX_OP_CMP_GT, FUTEX_OP_CMP_LE,
  FUTEX_OP_CMP_LT, FUTEX_OP_CMP_NE, FUTEX_OP_OR, FUTEX_OP_SET, FUTEX_OP_XOR, FUTEX_PRIVATE_FLAG, FUTEX_REQUEUE,
  FUTEX_WAIT, FUTEX_WAIT_BITSET, FUTEX_WAKE, FUTEX_WAKE_BITSET, FUTEX_WAKE_OP,
} from "../api/abi";
import { EAGAIN, EFAULT, EINVAL, ENOSYS } from "../api/errno";
import {
  FUTEX_PARAMS_BYTES, FUTEX_PARAMS_FUTEX_OP, FUTEX_PARAMS_TIMEOUT, FUTEX_PARAMS_USERSPACE_ADDRESS,
  FUTEX_PARAMS_USERSPACE_ADDRESS2, FUTEX_PARAMS_VAL, FUTEX_PARAMS_VAL2, FUTEX_PARAMS_VAL3, FUTEX_PARAMS_WORDS,
  TIMESPEC_BYTES, TIMESPEC_WORDS,
} from "../api/layout";
import { wordsAddress } from "../arch/i386/io";
import { timespecFraction, timespecIsValid, timespecSeconds } from "../lib/time";
import { translate } from "../mm/paging";
import { regionFlagsOf, REGION_SHARED, spaceFindRegion, spacePageDirectory } from "../mm/space";
import { copyFromUser, copyToUser, isUserRangeReadable } from "../mm/usercopy";
import { futexRequeue, futexWait, futexWake, SHARED_KEY } from "../proc/futex";
import { currentProcess, currentThread } from "../proc/scheduler";
import { deadlineTickAfter, deadlineTickAt } from "../time/clock";

const params: Uint32Array = new Uint32Array(FUTEX_PARAMS_WORDS);
const timeout: Uint32Array = new Uint32Array(TIMESPEC_WORDS);
const word: Uint32Array = new Uint32Array(1);
const INT_MAX: number = 0x7fffffff;

// The key resolveKey found: (foundSpace, foundAddress).
let foundSpace: number = 0;
let foundAddress: number = 0;

/**
 * The key of the futex word at address (proc/futex.ts): a private futex,
 * or one in private memory, by process and address; one in a MAP_SHARED
 * region by physical address. 0, -EINVAL (not 4-aligned) or -EFAULT (not
 * mapped).
 */
const resolveKey = (process: number, address: number, isPrivate: boolean): number => {
  if (address % 4 !== 0) return -EINVAL;
  const region: number = spaceFindRegion(process, address);
  if (region < 0 || !isUserRangeReadable(process, address, 4)) return -EFAULT;
  if (isPrivate || (regionFlagsOf(region) & REGION_SHARED) === 0) {
    foundSpace = process;
    foundAddress = address;
  } else {
    foundSpace = SHARED_KEY;
    foundAddress = translate(spacePageDirectory(process), address);
  }
  return 0;
};

/** Reads the futex word at address into word[0]; 0 or -EFAULT. */
const readWord = (process: number, address: number): number =>
  copyFromUser(process, wordsAddress(word), address, 4) < 0 ? -EFAULT : 0;

/**
 * The tick a wait ends at for the timespec at address (0: none, wait for
 * ever): relative for WAIT, an absolute time of the monotonic (or, with
 * FUTEX_CLOCK_REALTIME, the realtime) clock for WAIT_BITSET. -EFAULT or
 * -EINVAL for a bad timespec.
 */
const waitDeadline = (process: number, address: number, absolute: boolean, realtime: boolean): number => {
  if (address === 0) return 0;
  if (copyFromUser(process, wordsAddress(timeout), address, TIMESPEC_BYTES) < 0) return -EFAULT;
  const seconds: number = timespecSeconds(timeout);
  const nanoseconds: number = timespecFraction(timeout);
  if (!timespecIsValid(seconds, nanoseconds)) return -EINVAL;
  if (!absolute) return Math.max(1, deadlineTickAfter(seconds, nanoseconds));
  return Math.max(1, deadlineTickAt(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, seconds, nanoseconds));
};

/** WAIT and WAIT_BITSET: EAGAIN unless the word holds the expected value, then sleep (0, ETIMEDOUT, EINTR). */
const wait = (process: number, isPrivate: boolean, bitset: number, absolute: boolean, realtime: boolean): number => {
  if (bitset === 0) return -EINVAL;
  const address: number = params[FUTEX_PARAMS_USERSPACE_ADDRESS];
  const key: number = resolveKey(process, address, isPrivate);
  if (key < 0) return key;
  const deadline: number = waitDeadline(process, params[FUTEX_PARAMS_TIMEOUT], absolute, realtime);
  if (deadline < 0) return deadline;
  if (readWord(process, address) < 0) return -EFAULT;
  if (word[0] !== params[FUTEX_PARAMS_VAL]) return -EAGAIN;
  return futexWait(currentThread, foundSpace, foundAddress, bitset, deadline);
};

/** WAKE and WAKE_BITSET: wakes up to val waiters; returns how many. */
const wake = (process: number, isPrivate: boolean, bitset: number): number => {
  if (bitset === 0) return -EINVAL;
  const key: number = resolveKey(process, params[FUTEX_PARAMS_USERSPACE_ADDRESS], isPrivate);
  if (key < 0) return key;
  return futexWake(foundSpace, foundAddress, bitset, Math.min(params[FUTEX_PARAMS_VAL], INT_MAX));
};

/**
 * REQUEUE and CMP_REQUEUE: wakes up to val waiters and moves up to val2
 * of the rest to the second futex; CMP_REQUEUE first requires the word to
 * hold val3 (EAGAIN). Returns the woken count (REQUEUE) or the woken and
 * moved count (CMP_REQUEUE), as Linux does.
 */
const requeue = (process: number, isPrivate: boolean, compare: boolean): number => {
  const address: number = params[FUTEX_PARAMS_USERSPACE_ADDRESS];
  let key: number = resolveKey(process, address, isPrivate);
  if (key < 0) return key;
  const space: number = foundSpace;
  const from: number = foundAddress;
  key = resolveKey(process, params[FUTEX_PARAMS_USERSPACE_ADDRESS2], isPrivate);
  if (key < 0) return key;
  if (compare) {
    if (readWord(process, address) < 0) return -EFAULT;
    if (word[0] !== params[FUTEX_PARAMS_VAL3]) return -EAGAIN;
  }
  const woken: number = futexWake(space, from, FUTEX_BITSET_MATCH_ANY, Math.min(params[FUTEX_PARAMS_VAL], INT_MAX));
  const moved: number = futexRequeue(space, from, foundSpace, foundAddress, Math.min(params[FUTEX_PARAMS_VAL2], INT_MAX));
  return compare ? woken + moved : woken;
};

/** A 12-bit field of WAKE_OP's encoding, sign-extended. */
const signed12 = (value: number): number => ((value & 0xfff) << 20) >> 20;

/** WAKE_OP's operation on the old value, or -1 (as a marker: the result is a u32) for an unknown one. */
const applyOperation = (operation: number, old: number, argument: number): number => {
  if (operation === FUTEX_OP_SET) return argument >>> 0;
  if (operation === FUTEX_OP_ADD) return (old + argument) >>> 0;
  if (operation === FUTEX_OP_OR) return (old | argument) >>> 0;
  if (operation === FUTEX_OP_ANDN) return (old & ~argument) >>> 0;
  if (operation === FUTEX_OP_XOR) return (old ^ argument) >>> 0;
  return -1;
};

/** WAKE_OP's comparison of the old value (as an int) with argument; -1 for an unknown comparison. */
const compareOld = (comparison: number, old: number, argument: number): number => {
  const value: number = old | 0;
  if (comparison === FUTEX_OP_CMP_EQ) return value === argument ? 1 : 0;
  if (comparison === FUTEX_OP_CMP_NE) return value !== argument ? 1 : 0;
  if (comparison === FUTEX_OP_CMP_LT) return value < argument ? 1 : 0;
  if (comparison === FUTEX_OP_CMP_LE) return value <= argument ? 1 : 0;
  if (comparison === FUTEX_OP_CMP_GT) return value > argument ? 1 : 0;
  if (comparison === FUTEX_OP_CMP_GE) return value >= argument ? 1 : 0;
  return -1;
};

/**
 * WAKE_OP: applies val3's operation to the second futex's word, wakes up
 * to val waiters of the first, and up to val2 of the second when val3's
 * comparison holds for the word's old value. Returns the total woken;
 * EINVAL for an unknown operation or comparison.
 */
const wakeOp = (process: number, isPrivate: boolean): number => {
  const encoded: number = params[FUTEX_PARAMS_VAL3];
  const operation: number = (encoded >>> 28) & 7;
  const comparison: number = (encoded >>> 24) & 15;
  let argument: number = signed12(encoded >>> 12);
  if ((encoded & (FUTEX_OP_ARG_SHIFT << 28)) !== 0) argument = (1 << (argument & 31)) | 0;
  const second: number = params[FUTEX_PARAMS_USERSPACE_ADDRESS2];
  let key: number = resolveKey(process, params[FUTEX_PARAMS_USERSPACE_ADDRESS], isPrivate);
  if (key < 0) return key;
  const space: number = foundSpace;
  const first: number = foundAddress;
  key = resolveKey(process, second, isPrivate);
  if (key < 0) return key;
  if (readWord(process, second) < 0) return -EFAULT;
  const old: number = word[0];
  const updated: number = applyOperation(operation, old, argument);
  const holds: number = compareOld(comparison, old, signed12(encoded));
  if (updated < 0 || holds < 0) return -EINVAL;
  word[0] = updated;
  if (copyToUser(process, second, wordsAddress(word), 4) < 0) return -EFAULT;
  let woken: number = futexWake(space, first, FUTEX_BITSET_MATCH_ANY, Math.min(params[FUTEX_PARAMS_VAL], INT_MAX));
  if (holds === 1) woken += futexWake(foundSpace, foundAddress, FUTEX_BITSET_MATCH_ANY, Math.min(params[FUTEX_PARAMS_VAL2], INT_MAX));
  return woken;
};

/** SC_futex_params { uaddr, futex_op, val, timeout or val2, uaddr2, val3 }: EFAULT on params, ENOSYS for an unknown command. */
export const sys$futex = (frame: number, paramsAddress: number, arg2: number, arg3: number): number => {
  const process: number = currentProcess();
  if (copyFromUser(process, wordsAddress(params), paramsAddress, FUTEX_PARAMS_BYTES) < 0) return -EFAULT;
  const op: number = params[FUTEX_PARAMS_FUTEX_OP];
  const command: number = op & FUTEX_CMD_MASK;
  const isPrivate: boolean = (op & FUTEX_PRIVATE_FLAG) !== 0;
  const realtime: boolean = (op & FUTEX_CLOCK_REALTIME) !== 0;
  if (realtime && command !== FUTEX_WAIT && command !== FUTEX_WAIT_BITSET) return -ENOSYS;
  if (command === FUTEX_WAIT) return wait(process, isPrivate, FUTEX_BITSET_MATCH_ANY, false, realtime);
  if (command === FUTEX_WAIT_BITSET) return wait(process, isPrivate, params[FUTEX_PARAMS_VAL3], true, realtime);
  if (command === FUTEX_WAKE) return wake(process, isPrivate, FUTEX_BITSET_MATCH_ANY);
  if (command === FUTEX_WAKE_BITSET) return wake(process, isPrivate, params[FUTEX_PARAMS_VAL3]);
  if (command === FUTEX_REQUEUE) return requeue(process, isPrivate, false);
  if (command === FUTEX_CMP_REQUEUE) return requeue(process, isPrivate, true);
  if (command === FUTEX_WAKE_OP) return wakeOp(process, isPrivate);
  return -ENOSYS;
};
