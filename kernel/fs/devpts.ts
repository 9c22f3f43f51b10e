// The file side of the pseudo-terminals (the pairs are tty/pty.ts's):
// opening /dev/ptmx turns the description into a new master's, whose
// inode has no name, and makes the slave's node /dev/pts/N, which lives
// as long as the pair, so that listing /dev/pts shows the live pairs.
import { EEXIST, ENOMEM } from "../api/errno";
import { S_IFCHR, S_IFDIR } from "../api/abi";
import { ptyAllocate, ptyMasterClosed, ptySlaveClosed } from "../tty/pty";
import { descInodeOf, descSetInode } from "./description";
import { isPtyMaster, isPtySlave, ptyMasterDevice, ptyOfDevice, ptySlaveDevice } from "./devfs";
import { inodeAlloc, inodeDeviceOf, inodeFsOf, inodeRdevOf, inodeRelease, inodeSetRdev, inodeSetUid } from "./inode";
import { createIn, egidOf, euidOf, unlinkIn } from "./vfs";

const PTS_CREATOR: number = -1; // the process argument meaning "the kernel, with root's rights"
let ptsDirectory: number = 0;
// A name for createIn and unlinkIn: "pts" at boot, then a slave's digit
// (one array: porffor gives every small typed array a 16 KiB page).
const ptsNodeName: Uint8Array = new Uint8Array(3);

/**
 * Makes the pts directory in a devfs root. The first one, /dev's at boot,
 * holds the slave nodes; a devfs mounted later gets an empty one.
 */
export const devptsCreate = (root: number): void => {
  ptsNodeName[0] = 0x70; // "pts"
  ptsNodeName[1] = 0x74;
  ptsNodeName[2] = 0x73;
  const dir: number = createIn(PTS_CREATOR, root, ptsNodeName, 3, S_IFDIR | 0o755);
  if (dir <= 0) return;
  if (ptsDirectory === 0) ptsDirectory = dir;
  inodeRelease(dir); // its link keeps it
};

/** Sets ptsNodeName to pair pty's name in /dev/pts (one digit). */
const nameSlave = (pty: number): void => {
  ptsNodeName[0] = 0x30 + pty;
};

/** Makes /dev/pts/N for pair pty, owned by process; false when no node could be made. */
const makeSlaveNode = (pty: number, process: number): boolean => {
  nameSlave(pty);
  const slave: number = createIn(PTS_CREATOR, ptsDirectory, ptsNodeName, 1, S_IFCHR | 0o620);
  if (slave <= 0) return false;
  inodeSetRdev(slave, ptySlaveDevice(pty));
  inodeSetUid(slave, euidOf(process));
  inodeRelease(slave);
  return true;
};

/** Removes pair pty's /dev/pts/N (its last user is closing it). */
const removeSlaveNode = (pty: number): void => {
  nameSlave(pty);
  unlinkIn(PTS_CREATOR, ptsDirectory, ptsNodeName, 1, false);
};

/**
 * An open of /dev/ptmx (desc) by process: a new pair, desc becoming its
 * master's, and the slave's node. 0, or EBUSY when every pair is taken
 * (the reference's PTYMultiplexer), ENOMEM when no inode is left.
 */
export const ptmxOpen = (desc: number, process: number): number => {
  const pty: number = ptyAllocate();
  if (pty < 0) return pty;
  const master: number = inodeAlloc(inodeFsOf(descInodeOf(desc)), inodeDeviceOf(descInodeOf(desc)), S_IFCHR | 0o600, euidOf(process), egidOf(process));
  if (master === 0 || !makeSlaveNode(pty, process)) {
    inodeRelease(master);
    ptyMasterClosed(pty);
    return master === 0 ? -ENOMEM : -EEXIST;
  }
  inodeSetRdev(master, ptyMasterDevice(pty));
  descSetInode(desc, master);
  inodeRelease(master);
  return 0;
};

/** The last reference to a description of inode went: a pty side closes, and a pair left unused loses its node. */
export const devptsClosed = (inode: number): void => {
  const rdev: number = inodeRdevOf(inode);
  const pty: number = ptyOfDevice(rdev);
  if (isPtyMaster(rdev) && ptyMasterClosed(pty)) removeSlaveNode(pty);
  else if (isPtySlave(rdev) && ptySlaveClosed(pty)) removeSlaveNode(pty);
};
