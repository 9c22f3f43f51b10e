// The console input queue: the keyboard's and the serial port's interrupt
// handlers push characters, readers (devfs's terminal) pop them. A ring buffer sized at boot; when full, new input is
// dropped and counted rather than overwriting what was not read yet.

const CAPACITY: number = 1024;

const queue: Uint8Array = new Uint8Array(CAPACITY);
let head: number = 0; // next to read
let count: number = 0;
let dropped: number = 0;

/** Appends a character (called from interrupt handlers). */
export const inputPush = (c: number): void => {
  if (count === CAPACITY) {
    dropped++;
    return;
  }
  queue[(head + count) % CAPACITY] = c;
  count++;
};

/** Removes and returns the oldest character, or -1 when the queue is empty. */
export const inputPop = (): number => {
  if (count === 0) return -1;
  const c: number = queue[head];
  head = (head + 1) % CAPACITY;
  count--;
  return c;
};

/** Characters waiting. */
export const inputAvailable = (): number => count;

/** Characters lost because the queue was full. */
export const inputDropped = (): number => dropped;
