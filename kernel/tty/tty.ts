// The console terminal and its line discipline. Devices queue raw input
// (devices/input.ts); the trap dispatch hands it here, where termios
// decides what it becomes: canonical lines with erase, kill, word-erase,
// reprint and literal-next, or raw bytes under VMIN/VTIME; echo; and the
// ISIG characters, which signal the foreground group (session.ts). The
// serial line and the VGA+keyboard share this one terminal.
import { EAGAIN, EFAULT } from "../api/errno";
import { SIGINT, SIGQUIT, SIGTSTP } from "../api/abi";
import { TERMIOS_BYTES, TERMIOS_C_CC, TERMIOS_C_IFLAG, TERMIOS_C_ISPEED, TERMIOS_C_LFLAG, TERMIOS_C_OFLAG, TERMIOS_C_OSPEED, TERMIOS_WORDS } from "../api/layout";
import { bytesAddress, wordsAddress } from "../arch/i386/io";
import { cli, sti } from "../arch/i386/cpu";
import { kputchar } from "../devices/console";
import { inputAvailable, inputPop } from "../devices/input";
import { serialPutChar } from "../devices/serial";
import { vgaPutChar } from "../devices/vga";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { CONSOLE_INPUT_CHANNEL, POLL_CHANNEL } from "../proc/channels";
import { sleepOn, sleepOnUntil, wakeup } from "../proc/scheduler";
import { ERESTART, signalInterrupts } from "../proc/signals";
import { deadlineTickAfter } from "../time/clock";
import { signalForeground } from "./session";

// termios flags and c_cc indexes (the reference's <termios.h>, Linux's values).
const ICRNL: number = 0o400;
const INLCR: number = 0o100;
const IGNCR: number = 0o200;
const ISTRIP: number = 0o40;
const OPOST: number = 0o1;
const ONLCR: number = 0o4;
const ISIG: number = 0o1;
const ICANON: number = 0o2;
const ECHO: number = 0o10;
const ECHOE: number = 0o20;
const ECHOK: number = 0o40; // kill erases the line on the screen (with ECHOE)
const ECHONL: number = 0o100;
const NOFLSH: number = 0o200;
export const TOSTOP: number = 0o400;
const ECHOCTL: number = 0o1000;
const VINTR: number = 0;
const VQUIT: number = 1;
const VERASE: number = 2;
const VKILL: number = 3;
const VEOF: number = 4;
const VTIME: number = 5;
const VMIN: number = 6;
const VSUSP: number = 10;
const VEOL: number = 11;
const VREPRINT: number = 12;
const VWERASE: number = 14;
const VLNEXT: number = 15;
const VEOL2: number = 16;
const B9600: number = 0o15;

const BACKSPACE: number = 8;
const DELETE: number = 0x7f;
const NEWLINE: number = 10;
const RETURN: number = 13;
/** The ring's mark for an end of file typed with VEOF: it ends a read without being read. */
const EOF_MARK: number = 0x100;

const termios: Uint32Array = new Uint32Array(TERMIOS_WORDS);

// Input: a ring of bytes (and EOF marks). [ringHead, ringHead + committed) can be
// read; [ringHead + committed, ringHead + ringCount) is the canonical line being
// edited. lines counts the line ends in the committed part.
const RING_CAPACITY: number = 1024;
const ring: Uint16Array = new Uint16Array(RING_CAPACITY);
let ringHead: number = 0;
let ringCount: number = 0;
let committed: number = 0;
let lines: number = 0;
let literalNext: boolean = false;
const ttyChunk: Uint8Array = new Uint8Array(RING_CAPACITY);

const iflag = (): number => termios[TERMIOS_C_IFLAG];
const lflag = (): number => termios[TERMIOS_C_LFLAG];
const oflag = (): number => termios[TERMIOS_C_OFLAG];

/** Control character index of c_cc. */
const cc = (index: number): number => (termios[TERMIOS_C_CC + (index >>> 2)] >>> ((index & 3) * 8)) & 0xff;

const setCc = (index: number, value: number): void => {
  const word: number = TERMIOS_C_CC + (index >>> 2);
  const shift: number = (index & 3) * 8;
  termios[word] = ((termios[word] & ~(0xff << shift)) | (value << shift)) >>> 0;
};

/** Sets the reference's default termios: canonical, echoing, signalling, CR to NL in, NL to CR NL out. */
export const ttyInit = (): void => {
  termios[TERMIOS_C_IFLAG] = ICRNL;
  termios[TERMIOS_C_OFLAG] = OPOST | ONLCR;
  termios[TERMIOS_C_LFLAG] = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHONL;
  termios[TERMIOS_C_ISPEED] = B9600;
  termios[TERMIOS_C_OSPEED] = B9600;
  setCc(VINTR, 3);
  setCc(VQUIT, 0o34);
  setCc(VERASE, BACKSPACE);
  setCc(VKILL, 0x15);
  setCc(VEOF, 4);
  setCc(VMIN, 1);
  setCc(8, 0x11); // VSTART ^Q
  setCc(9, 0x13); // VSTOP ^S
  setCc(VSUSP, 0x1a);
  setCc(VREPRINT, 0x12);
  setCc(13, 0x0f); // VDISCARD ^O
  setCc(VWERASE, 0x17);
  setCc(VLNEXT, 0x16);
};

/** True when c (a c_cc value) is set: a zero c_cc entry disables its function. */
const isChar = (c: number, index: number): boolean => cc(index) !== 0 && c === cc(index);

/** Writes c to the screens, expanding NL to CR NL when OPOST and ONLCR say so. */
const output = (c: number): void => {
  if ((oflag() & (OPOST | ONLCR)) === (OPOST | ONLCR)) {
    kputchar(c);
    return;
  }
  serialPutChar(c);
  vgaPutChar(c);
};

/** True when c echoes as two characters (^X) under ECHOCTL. */
const echoesAsCaret = (c: number): boolean =>
  (lflag() & ECHOCTL) !== 0 && (c < 0x20 || c === DELETE) && c !== NEWLINE && c !== 9;

/** Echoes a typed character when ECHO is on. */
const echo = (c: number): void => {
  if ((lflag() & ECHO) === 0) return;
  if (echoesAsCaret(c)) {
    output(0x5e);
    output(c === DELETE ? 0x3f : c + 0x40);
    return;
  }
  output(c);
};

/** Echoes a control character as ^X when ECHO and ECHOCTL are on (the ISIG characters). */
const echoControl = (c: number): void => {
  if (echoesAsCaret(c)) echo(c);
};

const at = (i: number): number => ring[(ringHead + i) % RING_CAPACITY];

/** Appends c (a byte or EOF_MARK) to the ring; false when it is full. */
const append = (c: number): boolean => {
  if (ringCount === RING_CAPACITY) return false;
  ring[(ringHead + ringCount) % RING_CAPACITY] = c;
  ringCount++;
  return true;
};

/** Takes the oldest committed entry out of the ring. */
const take = (): number => {
  const c: number = ring[ringHead];
  ringHead = (ringHead + 1) % RING_CAPACITY;
  ringCount--;
  committed--;
  return c;
};

/** Drops all input, read or being edited. */
export const ttyFlushInput = (): void => {
  ringHead = 0;
  ringCount = 0;
  committed = 0;
  lines = 0;
  literalNext = false;
};

/** Erases the last character of the line being edited; on the screen too when ECHO and ECHOE are on. */
const eraseOne = (): boolean => {
  if (ringCount === committed) return false;
  const c: number = at(ringCount - 1);
  ringCount--;
  if ((lflag() & (ECHO | ECHOE)) === (ECHO | ECHOE)) {
    const width: number = echoesAsCaret(c) ? 2 : 1;
    for (let i: number = 0; i < width; i++) {
      output(BACKSPACE);
      output(0x20);
      output(BACKSPACE);
    }
  }
  return true;
};

const isSpace = (c: number): boolean => c === 0x20 || c === 9;

/** VWERASE: erases the spaces before the cursor, then the word before them. */
const eraseWord = (): void => {
  while (ringCount > committed && isSpace(at(ringCount - 1))) eraseOne();
  while (ringCount > committed && !isSpace(at(ringCount - 1))) eraseOne();
};

/** VREPRINT: shows the control character, a new line, then the line being edited. */
const reprint = (c: number): void => {
  if ((lflag() & ECHO) === 0) return;
  output(0x5e);
  output(c + 0x40);
  output(NEWLINE);
  for (let i: number = committed; i < ringCount; i++) echo(at(i));
};

/** Makes the line being edited readable, as a line when it ended with a line end. */
const commitLine = (): void => {
  committed = ringCount;
  lines++;
};

/** True when c ends a canonical line. */
const isLineEnd = (c: number): boolean => c === NEWLINE || c === EOF_MARK || isChar(c, VEOL) || isChar(c, VEOL2);

/** An ISIG character: signals the foreground group, flushing input unless NOFLSH. True when c was one. */
const signalCharacter = (c: number): boolean => {
  let signal: number = 0;
  if (isChar(c, VINTR)) signal = SIGINT;
  else if (isChar(c, VQUIT)) signal = SIGQUIT;
  else if (isChar(c, VSUSP)) signal = SIGTSTP;
  if (signal === 0) return false;
  if ((lflag() & NOFLSH) === 0) ttyFlushInput();
  echoControl(c);
  signalForeground(signal);
  return true;
};

/** A canonical editing character (erase, kill, word-erase, reprint, literal-next, EOF). True when c was one. */
const editingCharacter = (c: number): boolean => {
  if (isChar(c, VERASE) || c === BACKSPACE || c === DELETE) eraseOne();
  else if (isChar(c, VKILL)) {
    while (ringCount > committed) eraseOne();
  } else if (isChar(c, VWERASE)) eraseWord();
  else if (isChar(c, VREPRINT)) reprint(c);
  else if (isChar(c, VLNEXT)) literalNext = true;
  else if (isChar(c, VEOF)) {
    if (append(EOF_MARK)) commitLine();
  } else return false;
  return true;
};

/** Runs one received character through the line discipline. Interrupts are off. */
const receive = (received: number): void => {
  let c: number = (iflag() & ISTRIP) !== 0 ? received & 0x7f : received;
  if (c === RETURN && (iflag() & IGNCR) !== 0) return;
  if (c === RETURN && (iflag() & ICRNL) !== 0) c = NEWLINE;
  else if (c === NEWLINE && (iflag() & INLCR) !== 0) c = RETURN;
  const canonical: boolean = (lflag() & ICANON) !== 0;
  if (literalNext) literalNext = false;
  else if ((lflag() & ISIG) !== 0 && signalCharacter(c)) return;
  else if (canonical && editingCharacter(c)) return;
  if (!append(c)) return;
  if (c === NEWLINE && canonical && (lflag() & ECHONL) !== 0) output(NEWLINE); // ECHONL: even without ECHO
  else echo(c);
  if (!canonical) committed = ringCount;
  else if (isLineEnd(c)) commitLine();
};

/** Runs what the devices queued through the line discipline (bytes typed before boot have no interrupt of their own). Interrupts are off. */
const drainDevices = (): void => {
  while (inputAvailable() > 0) receive(inputPop());
};

/** Console input arrived (the trap dispatch calls it after a device's interrupt): it goes through the line discipline, and readers and pollers wake. */
export const ttyInputArrived = (): void => {
  drainDevices();
  wakeup(CONSOLE_INPUT_CHANNEL);
  wakeup(POLL_CHANNEL); // a terminal may have become readable for select/poll
};

/** The number of committed bytes a read of size must wait for under VMIN (raw mode). */
const rawWanted = (size: number): number => Math.min(cc(VMIN), size);

/** True when a read of size can return now. */
const readable = (size: number): boolean =>
  (lflag() & ICANON) !== 0 ? lines > 0 && committed > 0 : committed >= rawWanted(size) && (committed > 0 || cc(VTIME) === 0);

/**
 * Waits, with interrupts off, until a read of size may return: a whole
 * line in canonical mode, else VMIN bytes, with VTIME (tenths of a
 * second) as the overall timeout when VMIN is 0 and the gap allowed
 * between bytes after the first otherwise. 0, -EAGAIN or -ERESTART.
 */
const waitForInput = (size: number, nonblocking: boolean): number => {
  const canonical: boolean = (lflag() & ICANON) !== 0;
  const time: number = canonical ? 0 : cc(VTIME);
  let deadline: number = time !== 0 && cc(VMIN) === 0 ? deadlineTickAfter(0, time * 100000000) : -1;
  drainDevices();
  let seen: number = committed;
  while (!readable(size)) {
    if (nonblocking) return -EAGAIN;
    if (signalInterrupts()) return -ERESTART;
    if (deadline < 0) sleepOn(CONSOLE_INPUT_CHANNEL);
    else if (sleepOnUntil(CONSOLE_INPUT_CHANNEL, deadline)) return 0;
    if (time !== 0 && committed > seen) {
      seen = committed;
      deadline = deadlineTickAfter(0, time * 100000000);
    }
  }
  return 0;
};

/** Reads terminal input into process's buffer: at most size bytes, and at most one line in canonical mode. The ringCount or -errno. */
export const ttyRead = (process: number, buffer: number, size: number, nonblocking: boolean): number => {
  cli();
  const status: number = waitForInput(size, nonblocking);
  if (status < 0) {
    sti();
    return status;
  }
  const canonical: boolean = (lflag() & ICANON) !== 0;
  let length: number = 0;
  while (length < size && length < RING_CAPACITY && committed > 0) {
    const c: number = take();
    if (canonical && isLineEnd(c)) lines--;
    if (c === EOF_MARK) break;
    ttyChunk[length] = c;
    length++;
    if (canonical && isLineEnd(c)) break;
  }
  sti();
  return copyToUser(process, buffer, bytesAddress(ttyChunk), length) < 0 ? -EFAULT : length;
};

/** Writes size bytes from process's buffer to the screens through the output processing; the ringCount or -errno. */
export const ttyWrite = (process: number, buffer: number, size: number): number => {
  for (let done: number = 0; done < size; done += RING_CAPACITY) {
    const length: number = Math.min(RING_CAPACITY, size - done);
    if (copyFromUser(process, bytesAddress(ttyChunk), buffer + done, length) < 0) return done > 0 ? done : -EFAULT;
    for (let i: number = 0; i < length; i++) output(ttyChunk[i]);
  }
  return size;
};

/** The next readable byte, without waiting, or -1: input for the kernel's own input test, which has no process to read with. */
export const ttyTakeByte = (): number => {
  cli();
  let c: number = -1;
  if (committed > 0) {
    c = take();
    if (isLineEnd(c)) lines--;
  }
  sti();
  return c;
};

/** True when a read would not block (select/poll). */
export const ttyReadable = (): boolean => readable(1);

/** True when TOSTOP asks writes from background groups to raise SIGTTOU. */
export const ttyStopsBackgroundWrites = (): boolean => (lflag() & TOSTOP) !== 0;

/** TCGETS: copies the termios to process's address; 0 or -1 on a bad address. */
export const ttyGetTermios = (process: number, address: number): number =>
  copyToUser(process, address, wordsAddress(termios), TERMIOS_BYTES) < 0 ? -1 : 0;

/** TCSETS*: takes the termios from process's address, leaving canonical mode making the edited line readable; 0 or -1 on a bad address. */
export const ttySetTermios = (process: number, address: number): number => {
  if (copyFromUser(process, wordsAddress(termios), address, TERMIOS_BYTES) < 0) return -1;
  cli();
  if ((lflag() & ICANON) === 0) committed = ringCount;
  lines = 0;
  for (let i: number = 0; i < committed; i++) if (isLineEnd(at(i))) lines++;
  sti();
  wakeup(CONSOLE_INPUT_CHANNEL);
  return 0;
};
