// Changing identity: setuid, seteuid, setresuid, setreuid, their gid twins
// (the same code over the gid fields), getgroups and setgroups. Every
// change happens inside a protected-data mutation scope; a changed
// effective id makes the process non-dumpable, as in the reference.
import { EFAULT, EINVAL, EPERM } from "../api/errno";
import { wordsAddress } from "../arch/i386/io";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import {
  MAX_EXTRA_GIDS, PD_DUMPABLE, PD_EUID, PD_EXTRA_GID_COUNT, PD_EXTRA_GIDS, PD_GID, PD_UID,
  protectData, protectedGet, protectedSet, unprotectData,
} from "../proc/protected";
import { currentProcess } from "../proc/scheduler";

const KEEP: number = 0xffffffff;
const groupList: Uint32Array = new Uint32Array(MAX_EXTRA_GIDS);

/** True when value is one of the process's real, effective or saved ids (fields from real). */
const isCurrentId = (process: number, real: number, value: number): boolean =>
  value === protectedGet(process, real) || value === protectedGet(process, real - 8) || value === protectedGet(process, real + 8);

const isRoot = (process: number): boolean => protectedGet(process, PD_EUID) === 0;

/**
 * Stores the real, effective and saved ids (KEEP leaves one) of the family
 * whose real field is real (PD_UID or PD_GID; the effective field is 8
 * bytes before it and the saved one 8 after).
 */
const storeIds = (process: number, real: number, newReal: number, newEffective: number, newSaved: number): void => {
  const effective: number = real - 8;
  unprotectData(process);
  if (newEffective !== KEEP && newEffective !== protectedGet(process, effective)) protectedSet(process, PD_DUMPABLE, 0);
  if (newReal !== KEEP) protectedSet(process, real, newReal);
  if (newEffective !== KEEP) protectedSet(process, effective, newEffective);
  if (newSaved !== KEEP) protectedSet(process, real + 8, newSaved);
  protectData(process);
};

/** setuid/setgid: unless root, value must be the real or effective id; sets all three. */
const setAll = (real: number, value: number): number => {
  const process: number = currentProcess();
  if (!isRoot(process) && value !== protectedGet(process, real) && value !== protectedGet(process, real - 8)) return -EPERM;
  storeIds(process, real, value, value, value);
  return 0;
};

/** seteuid/setegid: unless root, value must be the real or saved id. */
const setEffective = (real: number, value: number): number => {
  const process: number = currentProcess();
  if (!isRoot(process) && value !== protectedGet(process, real) && value !== protectedGet(process, real + 8)) return -EPERM;
  storeIds(process, real, KEEP, value, KEEP);
  return 0;
};

/** setresuid/setresgid: unless root, each value (or KEEP) must be a current id. */
const setThree = (real: number, newReal: number, newEffective: number, newSaved: number): number => {
  const process: number = currentProcess();
  if (!isRoot(process)) {
    if (newReal !== KEEP && !isCurrentId(process, real, newReal)) return -EPERM;
    if (newEffective !== KEEP && !isCurrentId(process, real, newEffective)) return -EPERM;
    if (newSaved !== KEEP && !isCurrentId(process, real, newSaved)) return -EPERM;
  }
  storeIds(process, real, newReal, newEffective, newSaved);
  return 0;
};

export const sys$setuid = (frame: number, uid: number, arg2: number, arg3: number): number => setAll(PD_UID, uid >>> 0);
export const sys$setgid = (frame: number, gid: number, arg2: number, arg3: number): number => setAll(PD_GID, gid >>> 0);
export const sys$seteuid = (frame: number, uid: number, arg2: number, arg3: number): number => setEffective(PD_UID, uid >>> 0);
export const sys$setegid = (frame: number, gid: number, arg2: number, arg3: number): number => setEffective(PD_GID, gid >>> 0);
export const sys$setresuid = (frame: number, r: number, e: number, s: number): number => setThree(PD_UID, r >>> 0, e >>> 0, s >>> 0);
export const sys$setresgid = (frame: number, r: number, e: number, s: number): number => setThree(PD_GID, r >>> 0, e >>> 0, s >>> 0);

/**
 * setreuid keeps the reference's quirk: each value must be a current id
 * (EPERM, no root bypass), and then any value other than KEEP fails the
 * reference's `new < (uid_t)-1` check with EINVAL.
 */
export const sys$setreuid = (frame: number, r: number, e: number, arg3: number): number => {
  const process: number = currentProcess();
  const newReal: number = r >>> 0;
  const newEffective: number = e >>> 0;
  if (newReal !== KEEP && !isCurrentId(process, PD_UID, newReal)) return -EPERM;
  if (newEffective !== KEEP && !isCurrentId(process, PD_UID, newEffective)) return -EPERM;
  if (newReal !== KEEP || newEffective !== KEEP) return -EINVAL;
  return 0;
};

export const sys$getgroups = (frame: number, count: number, list: number, arg3: number): number => {
  const process: number = currentProcess();
  const size: number = protectedGet(process, PD_EXTRA_GID_COUNT);
  if (count === 0) return size;
  if (count !== size) return -EINVAL;
  for (let i: number = 0; i < size; i++) groupList[i] = protectedGet(process, PD_EXTRA_GIDS + i * 4);
  return copyToUser(process, list, wordsAddress(groupList), size * 4) < 0 ? -EFAULT : 0;
};

/** Drops duplicates and the primary gid from groupList[0..count); returns the new count. */
const uniqueGroups = (process: number, count: number): number => {
  let kept: number = 0;
  for (let i: number = 0; i < count; i++) {
    let seen: boolean = groupList[i] === protectedGet(process, PD_GID);
    for (let j: number = 0; j < kept && !seen; j++) seen = groupList[j] === groupList[i];
    if (seen) continue;
    groupList[kept] = groupList[i];
    kept++;
  }
  return kept;
};

export const sys$setgroups = (frame: number, count: number, list: number, arg3: number): number => {
  const process: number = currentProcess();
  if (!isRoot(process)) return -EPERM;
  if (count > MAX_EXTRA_GIDS) return -EINVAL;
  if (count > 0 && copyFromUser(process, wordsAddress(groupList), list, count * 4) < 0) return -EFAULT;
  const kept: number = uniqueGroups(process, count);
  unprotectData(process);
  protectedSet(process, PD_EXTRA_GID_COUNT, kept);
  for (let i: number = 0; i < kept; i++) protectedSet(process, PD_EXTRA_GIDS + i * 4, groupList[i]);
  protectData(process);
  return 0;
};
