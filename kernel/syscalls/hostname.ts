// gethostname, sethostname and uname (whose nodename is the hostname).
import { UTSNAME_ENTRY_LEN } from "../api/abi";
import { EFAULT, EINVAL, ENAMETOOLONG, EPERM } from "../api/errno";
import { bytesAddress, copyBytes, fillBytes } from "../arch/i386/io";
import { copyToUser, stringFromUser } from "../mm/usercopy";
import { PD_EUID, protectedGet } from "../proc/protected";
import { currentProcess } from "../proc/scheduler";
import {
  UTSNAME_BYTES, UTSNAME_MACHINE_OFFSET, UTSNAME_NODENAME_OFFSET, UTSNAME_RELEASE_OFFSET,
  UTSNAME_VERSION_OFFSET,
} from "../api/layout";
import { HOST_NAME_MAX, SSIZE_MAX } from "../api/limits";

const hostname: Uint8Array = new Uint8Array(HOST_NAME_MAX + 1);
let hostnameLength: number = 0;
const incoming: Uint8Array = new Uint8Array(HOST_NAME_MAX + 1);
const utsname: Uint8Array = new Uint8Array(UTSNAME_BYTES);

/** Sets the boot hostname ("courage", the reference's default). */
export const hostnameInit = (): void => {
  setText(hostname, 0, "courage");
  hostnameLength = 7;
};

/** Writes text into buffer at offset, NUL-terminated. */
const setText = (buffer: Uint8Array, offset: number, text: string): void => {
  for (let i: number = 0; i < text.length; i++) buffer[offset + i] = text.charCodeAt(i);
  buffer[offset + text.length] = 0;
};

export const sys$gethostname = (frame: number, buffer: number, size: number, arg3: number): number => {
  if (size > SSIZE_MAX) return -EINVAL;
  if (size < hostnameLength + 1) return -ENAMETOOLONG;
  return copyToUser(currentProcess(), buffer, bytesAddress(hostname), hostnameLength + 1) < 0 ? -EFAULT : 0;
};

export const sys$sethostname = (frame: number, address: number, length: number, arg3: number): number => {
  const process: number = currentProcess();
  if (protectedGet(process, PD_EUID) !== 0) return -EPERM;
  if (length > HOST_NAME_MAX) return -ENAMETOOLONG;
  const copied: number = stringFromUser(process, incoming, address, length);
  if (copied < 0) return -EFAULT;
  copyBytes(bytesAddress(hostname), bytesAddress(incoming), copied);
  hostname[copied] = 0;
  hostnameLength = copied;
  return 0;
};

export const sys$uname = (frame: number, buffer: number, arg2: number, arg3: number): number => {
  if (hostnameLength + 1 > UTSNAME_ENTRY_LEN) return -ENAMETOOLONG;
  fillBytes(bytesAddress(utsname), 0, utsname.length);
  setText(utsname, 0, "SerenityOS");
  copyBytes(bytesAddress(utsname) + UTSNAME_NODENAME_OFFSET, bytesAddress(hostname), hostnameLength);
  setText(utsname, UTSNAME_RELEASE_OFFSET, "1.0-dev");
  setText(utsname, UTSNAME_VERSION_OFFSET, "FIXME");
  setText(utsname, UTSNAME_MACHINE_OFFSET, "i686");
  return copyToUser(currentProcess(), buffer, bytesAddress(utsname), utsname.length) < 0 ? -EFAULT : 0;
};
