// getrandom: fills a user buffer from the kernel generator (lib/random.ts)
// in 1 KiB chunks; flags are ignored, as in the reference.
import { EFAULT, EINVAL } from "../api/errno";
import { bytesAddress } from "../arch/i386/io";
import { randomWord } from "../lib/random";
import { copyToUser } from "../mm/usercopy";
import { currentProcess } from "../proc/scheduler";
import { SSIZE_MAX } from "../api/limits";

const RANDOM_CHUNK: number = 1024;
const randomChunk: Uint8Array = new Uint8Array(RANDOM_CHUNK);

export const sys$getrandom = (frame: number, buffer: number, size: number, flags: number): number => {
  if (size > SSIZE_MAX) return -EINVAL;
  const process: number = currentProcess();
  for (let done: number = 0; done < size; done += RANDOM_CHUNK) {
    const length: number = Math.min(RANDOM_CHUNK, size - done);
    for (let i: number = 0; i < length; i++) randomChunk[i] = randomWord() & 0xff;
    if (copyToUser(process, buffer + done, bytesAddress(randomChunk), length) < 0) return -EFAULT;
  }
  return size;
};
