// /usr/tests/ts-hello: a user program written in TypeScript (porffor ->
// C -> gcc, linked with libc). It prints, allocates 1 MiB in small pieces
// through libc's malloc, frees it and allocates it again without the heap
// growing, forks a child and reads its exit status, and reports each case as
//   KTEST ts-hello.<case>: PASS
//   KTEST ts-hello.<case>: FAIL: <detail>
// (the format of userland/tests/ktest.h), then exits with its failure count.
import {
  sysBytesAddress, sysExit, sysHeapArenaBytes, sysExitCode, sysExited, sysFill, sysFork, sysFree, sysGetpid, sysGetppid,
  sysMalloc, sysOutByte, sysOutDecimal, sysOutFlush, sysOutHex, sysOutLine, sysOutText, sysPeek32,
  sysPeek8, sysPoke32, sysTermSignal, sysWaitpid, sysWaitStatus, sysWriteText,
} from "./sys";

const HELLO_PIECES: number = 4096;
const HELLO_PIECE_BYTES: number = 256; // 4096 x 256 = 1 MiB
const HELLO_ROUNDS: number = 3;
const HELLO_CHILD_STATUS: number = 42;

const helloPieces: Uint32Array = new Uint32Array(HELLO_PIECES);
let helloPassed: number = 0;
let helloFailed: number = 0;

/** Starts a KTEST line for a case; the caller adds the detail of a failure and ends it with helloEnd. */
const helloBegin = (name: string, ok: boolean): void => {
  sysOutText("KTEST ts-hello.");
  sysOutText(name);
  if (ok) {
    sysOutText(": PASS");
    helloPassed++;
  } else {
    sysOutText(": FAIL: ");
    helloFailed++;
  }
};

const helloEnd = (): void => {
  sysOutByte(10);
  sysOutFlush();
};

/** A case whose failure detail is fixed text. */
const helloCheck = (name: string, ok: boolean, detail: string): boolean => {
  helloBegin(name, ok);
  if (!ok) sysOutText(detail);
  helloEnd();
  return ok;
};

const HELLO_GREETING: string = "ts-hello: hello from TypeScript in ring 3\n";

const helloWrite = (): void => {
  const written: number = sysWriteText(1, HELLO_GREETING);
  helloBegin("write", written === HELLO_GREETING.length);
  if (written !== HELLO_GREETING.length) {
    sysOutText("write returned ");
    sysOutDecimal(written);
  }
  helloEnd();
};

const helloIds = (): void => {
  const pid: number = sysGetpid();
  const parent: number = sysGetppid();
  helloBegin("getpid", pid > 0 && parent > 0 && pid !== parent);
  if (!(pid > 0 && parent > 0 && pid !== parent)) {
    sysOutText("pid ");
    sysOutDecimal(pid);
    sysOutText(", ppid ");
    sysOutDecimal(parent);
  }
  helloEnd();
};

/**
 * Allocates every piece and stamps it: the first word is its index, the
 * rest its low byte. Returns the highest end address, or -1 (after
 * reporting) when malloc fails.
 */
const helloAllocateAll = (name: string): number => {
  let highest: number = 0;
  for (let i: number = 0; i < HELLO_PIECES; i++) {
    const address: number = sysMalloc(HELLO_PIECE_BYTES);
    if (address === 0) {
      helloBegin(name, false);
      sysOutText("malloc(256) returned 0 for piece ");
      sysOutDecimal(i);
      helloEnd();
      return -1;
    }
    helloPieces[i] = address;
    sysFill(address, i & 0xff, HELLO_PIECE_BYTES);
    sysPoke32(address, i);
    if (address + HELLO_PIECE_BYTES > highest) highest = address + HELLO_PIECE_BYTES;
  }
  return highest;
};

/** Checks every piece still holds its stamp (no two pieces overlap); the first bad index or -1. */
const helloFirstDamaged = (): number => {
  for (let i: number = 0; i < HELLO_PIECES; i++) {
    const address: number = helloPieces[i];
    if (sysPeek32(address) !== i || sysPeek8(address + 4) !== (i & 0xff) || sysPeek8(address + HELLO_PIECE_BYTES - 1) !== (i & 0xff)) return i;
  }
  return -1;
};

const helloFreeAll = (): void => {
  for (let i: number = 0; i < HELLO_PIECES; i++) sysFree(helloPieces[i]);
};

/** 1 MiB in 256-byte pieces, freed, allocated again: the heap's top must not move. */
const helloMalloc = (): void => {
  const firstTop: number = helloAllocateAll("malloc-1mib");
  if (firstTop < 0) return;
  const damaged: number = helloFirstDamaged();
  helloBegin("malloc-1mib", damaged < 0);
  if (damaged >= 0) {
    sysOutText("piece ");
    sysOutDecimal(damaged);
    sysOutText(" at ");
    sysOutHex(helloPieces[damaged], 8);
    sysOutText(" was overwritten");
  }
  helloEnd();
  helloFreeAll();
  const firstArena: number = sysHeapArenaBytes();

  for (let round: number = 2; round <= HELLO_ROUNDS; round++) {
    const top: number = helloAllocateAll("malloc-reuse");
    if (top < 0) return;
    const bad: number = helloFirstDamaged();
    helloFreeAll();
    const arena: number = sysHeapArenaBytes();
    if (bad >= 0 || top > firstTop || arena !== firstArena) {
      helloBegin("malloc-reuse", false);
      sysOutText("round ");
      sysOutDecimal(round);
      if (bad >= 0) {
        sysOutText(": piece ");
        sysOutDecimal(bad);
        sysOutText(" overwritten");
      } else if (top > firstTop) {
        sysOutText(": heap top grew from ");
        sysOutHex(firstTop, 8);
        sysOutText(" to ");
        sysOutHex(top, 8);
      } else {
        sysOutText(": malloc's mapped arena grew from ");
        sysOutDecimal(firstArena);
        sysOutText(" to ");
        sysOutDecimal(arena);
        sysOutText(" bytes");
      }
      helloEnd();
      return;
    }
  }
  helloBegin("malloc-reuse", true);
  helloEnd();
  sysOutText("ts-hello: 1 MiB in 256-byte pieces, 3 rounds: heap top ");
  sysOutHex(firstTop, 8);
  sysOutText(", malloc arena ");
  sysOutDecimal(firstArena);
  sysOutText(" bytes in every round");
  sysOutByte(10);
  sysOutFlush();
};

/** porffor's own heap (libc calloc, then realloc as it grows) takes a large typed array. */
const helloPorfforHeap = (): void => {
  const big: Uint8Array = new Uint8Array(300000);
  for (let i: number = 0; i < big.length; i += 4096) big[i] = (i >> 12) & 0xff;
  big[big.length - 1] = 0x5a;
  let ok: boolean = big[big.length - 1] === 0x5a && sysPeek8(sysBytesAddress(big) + big.length - 1) === 0x5a;
  for (let i: number = 0; i < big.length; i += 4096) if (big[i] !== ((i >> 12) & 0xff)) ok = false;
  helloCheck("porffor-heap", ok, "a 300000-byte Uint8Array does not hold its bytes");
};

/** A child exits with a chosen status; the parent reads it through waitpid. */
const helloForkWait = (): void => {
  const pid: number = sysFork();
  if (pid === 0) {
    sysExit(HELLO_CHILD_STATUS);
    return;
  }
  if (pid < 0) {
    helloBegin("fork-wait", false);
    sysOutText("fork: -errno ");
    sysOutDecimal(pid);
    helloEnd();
    return;
  }
  const got: number = sysWaitpid(pid, 0);
  const status: number = sysWaitStatus();
  const ok: boolean = got === pid && sysExited(status) && sysExitCode(status) === HELLO_CHILD_STATUS;
  helloBegin("fork-wait", ok);
  if (!ok) {
    sysOutText("waitpid(");
    sysOutDecimal(pid);
    sysOutText(") = ");
    sysOutDecimal(got);
    sysOutText(", status ");
    sysOutHex(status, 4);
    sysOutText(sysExited(status) ? " exit " : " signal ");
    sysOutDecimal(sysExited(status) ? sysExitCode(status) : sysTermSignal(status));
  }
  helloEnd();
};

/** No child left: waitpid(-1) is -ECHILD (10). */
const helloNoChildren = (): void => {
  const got: number = sysWaitpid(-1, 0);
  helloBegin("waitpid-echild", got === -10);
  if (got !== -10) {
    sysOutText("waitpid(-1) = ");
    sysOutDecimal(got);
  }
  helloEnd();
};

const helloRun = (): void => {
  sysOutLine("ts-hello: start");
  helloWrite();
  helloIds();
  helloMalloc();
  helloPorfforHeap();
  helloForkWait();
  helloNoChildren();
  sysOutText("ts-hello: ");
  sysOutDecimal(helloPassed);
  sysOutText(" passed, ");
  sysOutDecimal(helloFailed);
  sysOutText(" failed");
  sysOutByte(10);
  sysExit(helloFailed);
};

helloRun();
