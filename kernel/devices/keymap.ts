// PS/2 scancode set 1 to characters, US layout. Pure logic (tested under
// node and compiled): the driver feeds it one scancode byte at a time.

// Unshifted and shifted characters for make codes 0x00-0x39 (0 = none).
const US_PLAIN: string = "\0\x1b1234567890-=\b\tqwertyuiop[]\n\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
const US_SHIFTED: string = "\0\x1b!@#$%^&*()_+\b\tQWERTYUIOP{}\n\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

const LEFT_SHIFT: number = 0x2a;
const RIGHT_SHIFT: number = 0x36;
const CONTROL: number = 0x1d;
const CAPS_LOCK: number = 0x3a;
const EXTENDED_PREFIX: number = 0xe0;
const RELEASE_BIT: number = 0x80;

let shiftDown: boolean = false;
let controlDown: boolean = false;
let capsLock: boolean = false;
let extended: boolean = false;

/** Forgets modifier state (for tests and keyboard resets). */
export const keymapReset = (): void => {
  shiftDown = false;
  controlDown = false;
  capsLock = false;
  extended = false;
};

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Translates one scancode byte; returns a character code, or -1 when the byte yields none. */
export const translateScancode = (scancode: number): number => {
  if (scancode === EXTENDED_PREFIX) {
    extended = true;
    return -1;
  }
  const wasExtended: boolean = extended;
  extended = false;
  const released: boolean = (scancode & RELEASE_BIT) !== 0;
  const code: number = scancode & ~RELEASE_BIT & 0xff;
  if (code === LEFT_SHIFT || code === RIGHT_SHIFT) {
    if (!wasExtended) shiftDown = !released;
    return -1;
  }
  if (code === CONTROL) {
    controlDown = !released;
    return -1;
  }
  if (released || wasExtended) return -1;
  if (code === CAPS_LOCK) {
    capsLock = !capsLock;
    return -1;
  }
  if (code >= US_PLAIN.length) return -1;
  const plain: number = US_PLAIN.charCodeAt(code);
  if (plain === 0) return -1;
  const shifted: boolean = isLetter(plain) ? shiftDown !== capsLock : shiftDown;
  const c: number = shifted ? US_SHIFTED.charCodeAt(code) : plain;
  if (controlDown && isLetter(c)) return c & 0x1f;
  return c;
};
