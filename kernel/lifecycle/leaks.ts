// The leak check of a test run: once init and every other process are
// gone, each pool must be back where it was before init started, less what
// the dying init itself still holds. Each owner counts its own pool; this
// floor sees them all.
import { descriptionsInUse } from "../fs/description";
import { inodesInUse } from "../fs/inode";
import { pipesInUse } from "../fs/pipe";
import { watchersInUse, watchesInUse } from "../fs/watch";
import { veilNodesInUse } from "../fs/veil";
import { framesCommitted, framesFree } from "../mm/frames";
import { regionsInUse } from "../mm/space";
import { processesInUse } from "../proc/process";
import { threadsInUse } from "../proc/thread";
import { kprint, kprintDecimal, kprintln } from "../devices/console";
import { ktest } from "../debug/ktest";

/** Frames a just-exited init still holds: its protected page and its 3 kernel stack pages. */
const INIT_RESIDUAL_FRAMES: number = 4;
let framesBefore: number = 0;
let processesBefore: number = 0;
let threadsBefore: number = 0;
let inodesBefore: number = 0;

/** Records the pools' use just before init starts. */
export const leaksBaseline = (): void => {
  framesBefore = framesFree();
  processesBefore = processesInUse();
  threadsBefore = threadsInUse();
  inodesBefore = inodesInUse();
};

/** After init exited and only its zombie is left: prints every pool's leak, reports the ktest; true when none leaked. */
export const leaksCheck = (): boolean => {
  const leakedFrames: number = framesBefore - INIT_RESIDUAL_FRAMES - framesFree();
  kprint("leak check: ");
  kprintDecimal(leakedFrames);
  kprint(" frames, ");
  kprintDecimal(processesInUse() - 1 - processesBefore);
  kprint(" processes, ");
  kprintDecimal(threadsInUse() - 1 - threadsBefore);
  kprint(" threads, ");
  kprintDecimal(regionsInUse());
  kprint(" regions, ");
  kprintDecimal(inodesInUse() - inodesBefore);
  kprint(" inodes, ");
  kprintDecimal(descriptionsInUse());
  kprint(" descriptions, ");
  kprintDecimal(pipesInUse());
  kprint(" pipes, ");
  kprintDecimal(watchersInUse() + watchesInUse());
  kprint(" watchers, ");
  kprintDecimal(veilNodesInUse());
  kprint(" veil nodes, ");
  kprintDecimal(framesCommitted());
  kprintln(" committed");
  const filesClean: boolean = inodesInUse() === inodesBefore && descriptionsInUse() === 0 && pipesInUse() === 0 &&
    watchersInUse() + watchesInUse() === 0 && veilNodesInUse() === 0;
  const clean: boolean = leakedFrames === 0 && processesInUse() - 1 === processesBefore &&
    threadsInUse() - 1 === threadsBefore && regionsInUse() === 0 && framesCommitted() === 0 && filesClean;
  ktest("kernel.no-leaks-after-init", clean, "kernel memory or tables not returned");
  return clean;
};
