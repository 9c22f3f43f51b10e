// read and write on the console for fds 0-2, until the VFS gives processes
// real file descriptions. Reads block until input arrives and return what
// is queued (at least one byte).
import { SSIZE_MAX } from "../api/abi";
import { EBADF, EFAULT, EINVAL } from "../api/errno";
import { cli } from "../arch/i386/cpu";
import { bytesAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser, isUserRange } from "../mm/usercopy";
import { currentProcess, sleepOn } from "../proc/scheduler";
import { CONSOLE_INPUT_CHANNEL, inputAvailable, inputPop } from "../tty/input";
import { kprintBytes } from "../tty/console";

const CONSOLE_CHUNK: number = 1024;
const consoleChunk: Uint8Array = new Uint8Array(CONSOLE_CHUNK);
const CONSOLE_FDS: number = 3;

export const sys$write = (frame: number, fd: number, buffer: number, size: number): number => {
  if (size === 0) return 0;
  if (size > SSIZE_MAX) return -EINVAL;
  if (fd < 0 || fd >= CONSOLE_FDS) return -EBADF;
  if (!isUserRange(buffer, size)) return -EFAULT;
  const process: number = currentProcess();
  for (let done: number = 0; done < size; done += CONSOLE_CHUNK) {
    const length: number = Math.min(CONSOLE_CHUNK, size - done);
    if (copyFromUser(process, bytesAddress(consoleChunk), buffer + done, length) < 0) return done > 0 ? done : -EFAULT;
    kprintBytes(consoleChunk, length);
  }
  return size;
};

export const sys$read = (frame: number, fd: number, buffer: number, size: number): number => {
  if (size === 0) return 0;
  if (size > SSIZE_MAX) return -EINVAL;
  if (fd < 0 || fd >= CONSOLE_FDS) return -EBADF;
  if (!isUserRange(buffer, size)) return -EFAULT;
  cli();
  while (inputAvailable() === 0) sleepOn(CONSOLE_INPUT_CHANNEL);
  let count: number = 0;
  while (count < size && count < CONSOLE_CHUNK && inputAvailable() > 0) {
    consoleChunk[count] = inputPop();
    count++;
  }
  return copyToUser(currentProcess(), buffer, bytesAddress(consoleChunk), count) < 0 ? -EFAULT : count;
};
