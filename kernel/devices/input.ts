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
// Per source, in one array (porffor gives every small typed array a 16 KiB
// page): at 2s the next to read, at 2s + 1 the count waiting.
const positions: Int32Array = new Int32Array(SOURCES * 2);
let dropped: number = 0;

/** Appends a character to source's queue (called from interrupt handlers). */
export const inputPush = (source: number, c: number): void => {
  const count: number = positions[source * 2 + 1];
  if (count === CAPACITY) {
    dropped++;
    return;
  }
  queue[source * CAPACITY + (positions[source * 2] + count) % CAPACITY] = c;
  positions[source * 2 + 1] = count + 1;
};

/** Removes and returns the oldest character of source's queue, or -1 when it is empty. */
export const inputPop = (source: number): number => {
  if (positions[source * 2 + 1] === 0) return -1;
  const head: number = positions[source * 2];
  positions[source * 2] = (head + 1) % CAPACITY;
  positions[source * 2 + 1] = positions[source * 2 + 1] - 1;
  return queue[source * CAPACITY + head];
};

/** Characters waiting in source's queue. */
export const inputAvailable = (source: number): number => positions[source * 2 + 1];

/** Characters lost because a queue was full. */
export const inputDropped = (): number => dropped;
