// dbgputch / dbgputstr: the kernel debug output, which is the console.
import { EFAULT } from "../api/errno";
import { bytesAddress } from "../arch/i386/io";
import { copyFromUser, isUserRangeReadable } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { kprintBytes, kputchar } from "../devices/console";

const DEBUG_CHUNK: number = 1024;
const debugChunk: Uint8Array = new Uint8Array(DEBUG_CHUNK);

export const sys$dbgputch = (frame: number, character: number, arg2: number, arg3: number): number => {
  kputchar(character & 0xff);
  return 0;
};

/** Prints the whole string or, when any of it is unreadable, nothing (EFAULT). */
export const sys$dbgputstr = (frame: number, address: number, size: number, arg3: number): number => {
  const process: number = currentProcess();
  if (size === 0) return 0;
  if (!isUserRangeReadable(process, address, size)) return -EFAULT;
  for (let done: number = 0; done < size; done += DEBUG_CHUNK) {
    const length: number = Math.min(DEBUG_CHUNK, size - done);
    if (copyFromUser(process, bytesAddress(debugChunk), address + done, length) < 0) return -EFAULT;
    kprintBytes(debugChunk, length);
  }
  return size;
};
