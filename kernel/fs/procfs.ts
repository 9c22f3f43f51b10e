// procfs: /proc, generated from the process tables on each read.
// (Being filled in: lookup, readlink and read of the nodes.)
export const procfsLookup = (dir: number, name: Uint8Array, start: number, length: number): number => 0;
export const procfsReadlink = (inode: number, out: Uint8Array): number => 0;
export const procfsRead = (inode: number, offset: number, process: number, buffer: number, size: number): number => 0;
export const procfsSize = (inode: number): number => 0;
import { FS_PROCFS, inodeAlloc, inodeLinks, S_IFDIR } from "./inode";
export const procfsCreateRoot = (device: number): number => {
  const root: number = inodeAlloc(FS_PROCFS, device, S_IFDIR | 0o555, 0, 0);
  inodeLinks[root] = 2;
  return root;
};
export const procfsEntry = (dir: number, index: number, name: Uint8Array): number => -1;
export const procfsEntryNameLength = (): number => 0;
