// The input queues of the two input devices: COM1's and the PS/2
// keyboard's interrupt handlers each push characters into their own
// queue, and the terminal that device belongs to (tty/tty.ts) pops them.
// Ring buffers sized at boot; when one is full, new input is dropped and
// counted rather than overwriting what was not read yet.

/** The queue of the serial line (COM1). */
export const INPUT_SERIAL: number = 0;
/** The queue of the PS/2 keyboard. */
export const INPUT_KEYBOARD: number = 1;
const SOURCES: number = 2;
const CAPACITY: number = 1024;

const queue: Uint8Array = new Uint8Array(SOURCES * CAPACITY);
const head: Int32Array = new Int32Array(SOURCES); // next to read
const count: Int32Array = new Int32Array(SOURCES);
let dropped: number = 0;

/** Appends a character to source's queue (called from interrupt handlers). */
export const inputPush = (source: number, c: number): void => {
  if (count[source] === CAPACITY) {
    dropped++;
    return;
  }
  queue[source * CAPACITY + (head[source] + count[source]) % CAPACITY] = c;
  count[source]++;
};

/** Removes and returns the oldest character of source's queue, or -1 when it is empty. */
export const inputPop = (source: number): number => {
  if (count[source] === 0) return -1;
  const c: number = queue[source * CAPACITY + head[source]];
  head[source] = (head[source] + 1) % CAPACITY;
  count[source]--;
  return c;
};

/** Characters waiting in source's queue. */
export const inputAvailable = (source: number): number => count[source];

/** Characters lost because a queue was full. */
export const inputDropped = (): number => dropped;
