// set_process_name / get_process_name.
import { EFAULT, EINVAL, ENAMETOOLONG } from "../api/errno";
import { bytesAddress, copyBytes } from "../arch/i386/io";
import { copyToUser, stringFromUser } from "../mm/usercopy";
import { nameAddress, PROCESS_NAME_MAX, procSetNameLength, procNameLengthOf } from "../proc/process";
import { currentProcess } from "../proc/scheduler";

const NAME_LIMIT: number = 256;
const name: Uint8Array = new Uint8Array(NAME_LIMIT + 1);

export const sys$set_process_name = (frame: number, address: number, length: number, arg3: number): number => {
  if (length > NAME_LIMIT) return -ENAMETOOLONG;
  const process: number = currentProcess();
  const copied: number = stringFromUser(process, name, address, length);
  if (copied < 0) return -EFAULT;
  let blank: boolean = true;
  for (let i: number = 0; i < copied; i++) {
    if (name[i] !== 32 && name[i] !== 9 && name[i] !== 10) blank = false;
  }
  if (blank) return -EINVAL;
  const kept: number = Math.min(copied, PROCESS_NAME_MAX);
  copyBytes(nameAddress(process), bytesAddress(name), kept);
  procSetNameLength(process, kept);
  return 0;
};

export const sys$get_process_name = (frame: number, buffer: number, size: number, arg3: number): number => {
  const process: number = currentProcess();
  const length: number = procNameLengthOf(process);
  if (length + 1 > size) return -ENAMETOOLONG;
  copyBytes(bytesAddress(name), nameAddress(process), length);
  name[length] = 0;
  return copyToUser(process, buffer, bytesAddress(name), length + 1) < 0 ? -EFAULT : 0;
};
