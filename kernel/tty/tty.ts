// The terminals and their line discipline. Each terminal has its own
// termios, input ring and output: the serial line (COM1 in and out), the
// VGA console (PS/2 keyboard in, VGA text out), and the pseudo-terminal
// slaves (pty.ts: their input is what the master writes, their output a
// ring the master reads). Devices queue raw input (devices/input.ts); the
// trap dispatch hands it here, where termios decides what it becomes:
// canonical lines with erase, kill, word-erase, reprint and literal-next,
// or raw bytes under VMIN/VTIME; echo; and the ISIG characters, which
// signal the terminal's foreground group (session.ts).
import { EAGAIN, EFAULT, EIO } from "../api/errno";
import { SIGINT, SIGQUIT, SIGTSTP } from "../api/abi";
import { TERMIOS_BYTES, TERMIOS_C_CC, TERMIOS_C_IFLAG, TERMIOS_C_ISPEED, TERMIOS_C_LFLAG, TERMIOS_C_OFLAG, TERMIOS_C_OSPEED, TERMIOS_WORDS } from "../api/layout";
import { bytesAddress, wordsAddress } from "../arch/i386/io";
import { cli, sti } from "../arch/i386/cpu";
import { INPUT_KEYBOARD, INPUT_SERIAL, inputAvailable, inputPop } from "../devices/input";
import { serialPutChar } from "../devices/serial";
import { vgaPutChar } from "../devices/vga";
import { copyFromUser, copyToUser } from "../mm/usercopy";
import { POLL_CHANNEL, terminalInputChannel, terminalOutputChannel } from "../proc/channels";
import { sleepOn, sleepOnUntil, wakeup } from "../proc/scheduler";
import { ERESTART, signalInterrupts } from "../proc/signals";
import { deadlineTickAfter } from "../time/clock";
import { signalForeground } from "./session";
import { FIRST_PTY_TERMINAL, PTY_COUNT, TERMINAL_SERIAL, TERMINAL_VGA, TERMINALS } from "./terminals";

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

const termios: Uint32Array = new Uint32Array(TERMINALS * TERMIOS_WORDS);

// Input: a ring of bytes (and EOF marks) per terminal. [RING_HEAD, RING_HEAD +
// COMMITTED) can be read; [RING_HEAD + COMMITTED, RING_HEAD + RING_COUNT) is the
// canonical line being edited. LINES counts the line ends in the committed part.
const RING_CAPACITY: number = 1024;
const ring: Uint16Array = new Uint16Array(TERMINALS * RING_CAPACITY);
const ttyChunk: Uint8Array = new Uint8Array(RING_CAPACITY);

// Output of the pty slaves, which no device takes: a ring per pty the master reads.
const OUTPUT_CAPACITY: number = 1024;
const outRing: Uint8Array = new Uint8Array(PTY_COUNT * OUTPUT_CAPACITY);

// Each terminal's ring positions and flags, as fields of one array: porffor
// gives every typed array of up to 16 KiB a 16 KiB page of its own.
const RING_HEAD: number = 0;
const RING_COUNT: number = 1;
const COMMITTED: number = 2;
const LINES: number = 3;
const LITERAL_NEXT: number = 4; // 1 after VLNEXT: the next character is taken literally
const HUNG_UP: number = 5; // 1 once its pty master closed: reads see end of file, writes fail with EIO
const OUT_HEAD: number = 6; // a pty's output ring
const OUT_COUNT: number = 7;
const STATE_FIELDS: number = 8;
const lineState: Int32Array = new Int32Array(TERMINALS * STATE_FIELDS);

const field = (t: number, name: number): number => lineState[t * STATE_FIELDS + name];
const setField = (t: number, name: number, value: number): void => {
  lineState[t * STATE_FIELDS + name] = value;
};
const addField = (t: number, name: number, delta: number): void => {
  lineState[t * STATE_FIELDS + name] = lineState[t * STATE_FIELDS + name] + delta;
};

const iflag = (t: number): number => termios[t * TERMIOS_WORDS + TERMIOS_C_IFLAG];
const lflag = (t: number): number => termios[t * TERMIOS_WORDS + TERMIOS_C_LFLAG];
const oflag = (t: number): number => termios[t * TERMIOS_WORDS + TERMIOS_C_OFLAG];

/** Control character index of terminal t's c_cc. */
const cc = (t: number, index: number): number =>
  (termios[t * TERMIOS_WORDS + TERMIOS_C_CC + (index >>> 2)] >>> ((index & 3) * 8)) & 0xff;

const setCc = (t: number, index: number, value: number): void => {
  const word: number = t * TERMIOS_WORDS + TERMIOS_C_CC + (index >>> 2);
  const shift: number = (index & 3) * 8;
  termios[word] = ((termios[word] & ~(0xff << shift)) | (value << shift)) >>> 0;
};

/** Gives terminal t the reference's default termios: canonical, echoing, signalling, CR to NL in, NL to CR NL out. */
export const ttyReset = (t: number): void => {
  const base: number = t * TERMIOS_WORDS;
  for (let i: number = 0; i < TERMIOS_WORDS; i++) termios[base + i] = 0;
  termios[base + TERMIOS_C_IFLAG] = ICRNL;
  termios[base + TERMIOS_C_OFLAG] = OPOST | ONLCR;
  termios[base + TERMIOS_C_LFLAG] = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHONL;
  termios[base + TERMIOS_C_ISPEED] = B9600;
  termios[base + TERMIOS_C_OSPEED] = B9600;
  setCc(t, VINTR, 3);
  setCc(t, VQUIT, 0o34);
  setCc(t, VERASE, BACKSPACE);
  setCc(t, VKILL, 0x15);
  setCc(t, VEOF, 4);
  setCc(t, VMIN, 1);
  setCc(t, 8, 0x11); // VSTART ^Q
  setCc(t, 9, 0x13); // VSTOP ^S
  setCc(t, VSUSP, 0x1a);
  setCc(t, VREPRINT, 0x12);
  setCc(t, 13, 0x0f); // VDISCARD ^O
  setCc(t, VWERASE, 0x17);
  setCc(t, VLNEXT, 0x16);
  ttyFlushInput(t);
  setField(t, HUNG_UP, 0);
  setField(t, OUT_HEAD, 0);
  setField(t, OUT_COUNT, 0);
};

/** Gives every terminal its default termios. Boot time. */
export const ttyInit = (): void => {
  for (let t: number = 0; t < TERMINALS; t++) ttyReset(t);
};

/** True when c (a c_cc value) is set: a zero c_cc entry disables its function. */
const isChar = (t: number, c: number, index: number): boolean => cc(t, index) !== 0 && c === cc(t, index);

/** Room left in pty terminal t's output ring. */
const outputRoom = (t: number): number => OUTPUT_CAPACITY - field(t, OUT_COUNT);

/** Puts c into pty terminal t's output ring for the master, dropping it when full (echo cannot wait). */
const outputPush = (t: number, c: number): void => {
  const pty: number = t - FIRST_PTY_TERMINAL;
  if (field(t, OUT_COUNT) === OUTPUT_CAPACITY) return;
  outRing[pty * OUTPUT_CAPACITY + (field(t, OUT_HEAD) + field(t, OUT_COUNT)) % OUTPUT_CAPACITY] = c;
  addField(t, OUT_COUNT, 1);
};

/** Sends c to terminal t's device, raw. */
const emit = (t: number, c: number): void => {
  if (t === TERMINAL_SERIAL) serialPutChar(c);
  else if (t === TERMINAL_VGA) vgaPutChar(c);
  else outputPush(t, c);
};

/** Writes c to terminal t, expanding NL to CR NL when OPOST and ONLCR say so. */
const output = (t: number, c: number): void => {
  if (c === NEWLINE && (oflag(t) & (OPOST | ONLCR)) === (OPOST | ONLCR)) emit(t, RETURN);
  emit(t, c);
};

/** True when c echoes as two characters (^X) under ECHOCTL. */
const echoesAsCaret = (t: number, c: number): boolean =>
  (lflag(t) & ECHOCTL) !== 0 && (c < 0x20 || c === DELETE) && c !== NEWLINE && c !== 9;

/** Echoes a typed character when ECHO is on. */
const echo = (t: number, c: number): void => {
  if ((lflag(t) & ECHO) === 0) return;
  if (echoesAsCaret(t, c)) {
    output(t, 0x5e);
    output(t, c === DELETE ? 0x3f : c + 0x40);
    return;
  }
  output(t, c);
};

/** Echoes a control character as ^X when ECHO and ECHOCTL are on (the ISIG characters). */
const echoControl = (t: number, c: number): void => {
  if (echoesAsCaret(t, c)) echo(t, c);
};

const at = (t: number, i: number): number => ring[t * RING_CAPACITY + (field(t, RING_HEAD) + i) % RING_CAPACITY];

/** Appends c (a byte or EOF_MARK) to terminal t's ring; false when it is full. */
const append = (t: number, c: number): boolean => {
  if (field(t, RING_COUNT) === RING_CAPACITY) return false;
  ring[t * RING_CAPACITY + (field(t, RING_HEAD) + field(t, RING_COUNT)) % RING_CAPACITY] = c;
  addField(t, RING_COUNT, 1);
  return true;
};

/** Takes the oldest committed entry out of terminal t's ring. */
const take = (t: number): number => {
  const c: number = ring[t * RING_CAPACITY + field(t, RING_HEAD)];
  setField(t, RING_HEAD, (field(t, RING_HEAD) + 1) % RING_CAPACITY);
  addField(t, RING_COUNT, -1);
  addField(t, COMMITTED, -1);
  return c;
};

/** Drops all of terminal t's input, read or being edited. */
export const ttyFlushInput = (t: number): void => {
  setField(t, RING_HEAD, 0);
  setField(t, RING_COUNT, 0);
  setField(t, COMMITTED, 0);
  setField(t, LINES, 0);
  setField(t, LITERAL_NEXT, 0);
};

/** Erases the last character of the line being edited; on the screen too when ECHO and ECHOE are on. */
const eraseOne = (t: number): boolean => {
  if (field(t, RING_COUNT) === field(t, COMMITTED)) return false;
  const c: number = at(t, field(t, RING_COUNT) - 1);
  addField(t, RING_COUNT, -1);
  if ((lflag(t) & (ECHO | ECHOE)) === (ECHO | ECHOE)) {
    const width: number = echoesAsCaret(t, c) ? 2 : 1;
    for (let i: number = 0; i < width; i++) {
      output(t, BACKSPACE);
      output(t, 0x20);
      output(t, BACKSPACE);
    }
  }
  return true;
};

const isSpace = (c: number): boolean => c === 0x20 || c === 9;

/** VWERASE: erases the spaces before the cursor, then the word before them. */
const eraseWord = (t: number): void => {
  while (field(t, RING_COUNT) > field(t, COMMITTED) && isSpace(at(t, field(t, RING_COUNT) - 1))) eraseOne(t);
  while (field(t, RING_COUNT) > field(t, COMMITTED) && !isSpace(at(t, field(t, RING_COUNT) - 1))) eraseOne(t);
};

/** VREPRINT: shows the control character, a new line, then the line being edited. */
const reprint = (t: number, c: number): void => {
  if ((lflag(t) & ECHO) === 0) return;
  output(t, 0x5e);
  output(t, c + 0x40);
  output(t, NEWLINE);
  for (let i: number = field(t, COMMITTED); i < field(t, RING_COUNT); i++) echo(t, at(t, i));
};

/** Makes the line being edited readable, as a line when it ended with a line end. */
const commitLine = (t: number): void => {
  setField(t, COMMITTED, field(t, RING_COUNT));
  addField(t, LINES, 1);
};

/** True when c ends a canonical line. */
const isLineEnd = (t: number, c: number): boolean =>
  c === NEWLINE || c === EOF_MARK || isChar(t, c, VEOL) || isChar(t, c, VEOL2);

/** An ISIG character: signals the foreground group, flushing input unless NOFLSH. True when c was one. */
const signalCharacter = (t: number, c: number): boolean => {
  let signal: number = 0;
  if (isChar(t, c, VINTR)) signal = SIGINT;
  else if (isChar(t, c, VQUIT)) signal = SIGQUIT;
  else if (isChar(t, c, VSUSP)) signal = SIGTSTP;
  if (signal === 0) return false;
  if ((lflag(t) & NOFLSH) === 0) ttyFlushInput(t);
  echoControl(t, c);
  signalForeground(t, signal);
  return true;
};

/** A canonical editing character (erase, kill, word-erase, reprint, literal-next, EOF). True when c was one. */
const editingCharacter = (t: number, c: number): boolean => {
  if (isChar(t, c, VERASE) || c === BACKSPACE || c === DELETE) eraseOne(t);
  else if (isChar(t, c, VKILL)) {
    while (field(t, RING_COUNT) > field(t, COMMITTED)) eraseOne(t);
  } else if (isChar(t, c, VWERASE)) eraseWord(t);
  else if (isChar(t, c, VREPRINT)) reprint(t, c);
  else if (isChar(t, c, VLNEXT)) setField(t, LITERAL_NEXT, 1);
  else if (isChar(t, c, VEOF)) {
    if (append(t, EOF_MARK)) commitLine(t);
  } else return false;
  return true;
};

/** Runs one received character through terminal t's line discipline. Interrupts are off. */
const receive = (t: number, received: number): void => {
  let c: number = (iflag(t) & ISTRIP) !== 0 ? received & 0x7f : received;
  if (c === RETURN && (iflag(t) & IGNCR) !== 0) return;
  if (c === RETURN && (iflag(t) & ICRNL) !== 0) c = NEWLINE;
  else if (c === NEWLINE && (iflag(t) & INLCR) !== 0) c = RETURN;
  const canonical: boolean = (lflag(t) & ICANON) !== 0;
  if (field(t, LITERAL_NEXT) !== 0) setField(t, LITERAL_NEXT, 0);
  else if ((lflag(t) & ISIG) !== 0 && signalCharacter(t, c)) return;
  else if (canonical && editingCharacter(t, c)) return;
  if (!append(t, c)) return;
  if (c === NEWLINE && canonical && (lflag(t) & ECHONL) !== 0) output(t, NEWLINE); // ECHONL: even without ECHO
  else echo(t, c);
  if (!canonical) setField(t, COMMITTED, field(t, RING_COUNT));
  else if (isLineEnd(t, c)) commitLine(t);
};

/** The input queue of terminal t's device, or -1 for a pty (its master writes input directly). */
const inputSource = (t: number): number => t === TERMINAL_SERIAL ? INPUT_SERIAL : t === TERMINAL_VGA ? INPUT_KEYBOARD : -1;

/** Runs what terminal t's device queued through the line discipline (bytes typed before boot have no interrupt of their own). Interrupts are off. */
const drainDevice = (t: number): void => {
  const source: number = inputSource(t);
  if (source < 0) return;
  while (inputAvailable(source) > 0) receive(t, inputPop(source));
};

/** Readers and pollers of terminal t's input and output may go on. */
export const ttyWake = (t: number): void => {
  wakeup(terminalInputChannel(t));
  wakeup(terminalOutputChannel(t));
  wakeup(POLL_CHANNEL); // a terminal may have become readable for select/poll
};

/** Input arrived for terminal t (the trap dispatch calls it after a device's interrupt): it goes through the line discipline, and readers and pollers wake. */
export const ttyInputArrived = (t: number): void => {
  drainDevice(t);
  ttyWake(t);
};

/** Runs bytes [0, length) of ttyChunk, written by a pty master, through pty terminal t's line discipline. */
const receiveChunk = (t: number, length: number): void => {
  cli();
  for (let i: number = 0; i < length; i++) receive(t, ttyChunk[i]);
  sti();
  ttyWake(t);
};

/** A pty master writes size bytes from process's buffer as terminal t's input; the count or -EFAULT. */
export const ttyReceiveFrom = (t: number, process: number, buffer: number, size: number): number => {
  for (let done: number = 0; done < size; done += RING_CAPACITY) {
    const length: number = Math.min(RING_CAPACITY, size - done);
    if (copyFromUser(process, bytesAddress(ttyChunk), buffer + done, length) < 0) return done > 0 ? done : -EFAULT;
    receiveChunk(t, length);
  }
  return size;
};

/** The number of committed bytes a read of size must wait for under VMIN (raw mode). */
const rawWanted = (t: number, size: number): number => Math.min(cc(t, VMIN), size);

/** True when a read of size can return now (a hung-up terminal returns end of file). */
const readable = (t: number, size: number): boolean => field(t, HUNG_UP) !== 0 ||
  ((lflag(t) & ICANON) !== 0 ? field(t, LINES) > 0 && field(t, COMMITTED) > 0 : field(t, COMMITTED) >= rawWanted(t, size) && (field(t, COMMITTED) > 0 || cc(t, VTIME) === 0));

/**
 * Waits, with interrupts off, until a read of size may return: a whole
 * line in canonical mode, else VMIN bytes, with VTIME (tenths of a
 * second) as the overall timeout when VMIN is 0 and the gap allowed
 * between bytes after the first otherwise. 0, -EAGAIN or -ERESTART.
 */
const waitForInput = (t: number, size: number, nonblocking: boolean): number => {
  const canonical: boolean = (lflag(t) & ICANON) !== 0;
  const time: number = canonical ? 0 : cc(t, VTIME);
  let deadline: number = time !== 0 && cc(t, VMIN) === 0 ? deadlineTickAfter(0, time * 100000000) : -1;
  drainDevice(t);
  let seen: number = field(t, COMMITTED);
  while (!readable(t, size)) {
    if (nonblocking) return -EAGAIN;
    if (signalInterrupts()) return -ERESTART;
    if (deadline < 0) sleepOn(terminalInputChannel(t));
    else if (sleepOnUntil(terminalInputChannel(t), deadline)) return 0;
    if (time !== 0 && field(t, COMMITTED) > seen) {
      seen = field(t, COMMITTED);
      deadline = deadlineTickAfter(0, time * 100000000);
    }
  }
  return 0;
};

/** Reads terminal t's input into process's buffer: at most size bytes, and at most one line in canonical mode. The count (0 once hung up) or -errno. */
export const ttyRead = (t: number, process: number, buffer: number, size: number, nonblocking: boolean): number => {
  cli();
  const status: number = waitForInput(t, size, nonblocking);
  if (status < 0) {
    sti();
    return status;
  }
  const canonical: boolean = (lflag(t) & ICANON) !== 0;
  let length: number = 0;
  while (length < size && length < RING_CAPACITY && field(t, COMMITTED) > 0 && field(t, HUNG_UP) === 0) {
    const c: number = take(t);
    if (canonical && isLineEnd(t, c)) addField(t, LINES, -1);
    if (c === EOF_MARK) break;
    ttyChunk[length] = c;
    length++;
    if (canonical && isLineEnd(t, c)) break;
  }
  sti();
  return copyToUser(process, buffer, bytesAddress(ttyChunk), length) < 0 ? -EFAULT : length;
};

/** The bytes terminal t takes now without waiting: a chunk for a device, half the room of a pty's output ring (each NL may become CR NL). */
const writeRoom = (t: number): number => t < FIRST_PTY_TERMINAL ? RING_CAPACITY : outputRoom(t) >>> 1;

/** Waits, with interrupts off, until terminal t takes output: 0, -EIO once hung up, -EAGAIN, or -ERESTART. */
const waitForRoom = (t: number, nonblocking: boolean): number => {
  while (field(t, HUNG_UP) === 0 && writeRoom(t) === 0) {
    if (nonblocking) return -EAGAIN;
    if (signalInterrupts()) return -ERESTART;
    sleepOn(terminalOutputChannel(t));
  }
  return field(t, HUNG_UP) !== 0 ? -EIO : 0;
};

/**
 * Writes size bytes from process's buffer to terminal t through the
 * output processing, waiting for a pty's master to make room; the count,
 * or -errno when nothing was written. What is copied is written before
 * any wait, so the shared chunk never holds a sleeper's bytes.
 */
export const ttyWrite = (t: number, process: number, buffer: number, size: number, nonblocking: boolean): number => {
  let done: number = 0;
  while (done < size) {
    cli();
    const status: number = waitForRoom(t, nonblocking);
    sti();
    if (status < 0) return done > 0 ? done : status;
    const length: number = Math.min(writeRoom(t), size - done);
    if (copyFromUser(process, bytesAddress(ttyChunk), buffer + done, length) < 0) return done > 0 ? done : -EFAULT;
    // Interrupts stay on: a serial write takes a while, and no interrupt touches a pty's ring.
    for (let i: number = 0; i < length; i++) output(t, ttyChunk[i]);
    done += length;
    if (t >= FIRST_PTY_TERMINAL) ttyWake(t);
  }
  return size;
};

/** The next readable byte of terminal t, without waiting, or -1: input for the kernel's own input test, which has no process to read with. */
export const ttyTakeByte = (t: number): number => {
  cli();
  let c: number = -1;
  if (field(t, COMMITTED) > 0) {
    c = take(t);
    if (isLineEnd(t, c)) addField(t, LINES, -1);
  }
  sti();
  return c;
};

/** True when a read of terminal t would not block (select/poll). */
export const ttyReadable = (t: number): boolean => readable(t, 1);

/** True when a write of terminal t would not block (select/poll). */
export const ttyWritable = (t: number): boolean => field(t, HUNG_UP) !== 0 || writeRoom(t) > 0;

/** True when TOSTOP asks writes from background groups of terminal t to raise SIGTTOU. */
export const ttyStopsBackgroundWrites = (t: number): boolean => (lflag(t) & TOSTOP) !== 0;

/** TCGETS: copies terminal t's termios to process's address; 0 or -1 on a bad address. */
export const ttyGetTermios = (t: number, process: number, address: number): number =>
  copyToUser(process, address, wordsAddress(termios) + t * TERMIOS_BYTES, TERMIOS_BYTES) < 0 ? -1 : 0;

/** TCSETS*: takes terminal t's termios from process's address, leaving canonical mode making the edited line readable; 0 or -1 on a bad address. */
export const ttySetTermios = (t: number, process: number, address: number): number => {
  if (copyFromUser(process, wordsAddress(termios) + t * TERMIOS_BYTES, address, TERMIOS_BYTES) < 0) return -1;
  cli();
  if ((lflag(t) & ICANON) === 0) setField(t, COMMITTED, field(t, RING_COUNT));
  setField(t, LINES, 0);
  for (let i: number = 0; i < field(t, COMMITTED); i++) if (isLineEnd(t, at(t, i))) addField(t, LINES, 1);
  sti();
  wakeup(terminalInputChannel(t));
  return 0;
};

/** Hangs terminal t up (its pty master closed): reads return end of file, writes EIO, and its sleepers wake. */
export const ttyHangUp = (t: number): void => {
  setField(t, HUNG_UP, 1);
  ttyWake(t);
};

/** Bytes of pty terminal t's output waiting for its master. */
export const ttyOutputPending = (t: number): number => field(t, OUT_COUNT);

/**
 * Moves up to size bytes of pty terminal t's output to process's buffer
 * (the master's read), without waiting; the count or -EFAULT. Writers
 * waiting for room wake.
 */
export const ttyTakeOutput = (t: number, process: number, buffer: number, size: number): number => {
  const pty: number = t - FIRST_PTY_TERMINAL;
  cli();
  let length: number = 0;
  while (length < size && length < RING_CAPACITY && field(t, OUT_COUNT) > 0) {
    ttyChunk[length] = outRing[pty * OUTPUT_CAPACITY + field(t, OUT_HEAD)];
    setField(t, OUT_HEAD, (field(t, OUT_HEAD) + 1) % OUTPUT_CAPACITY);
    addField(t, OUT_COUNT, -1);
    length++;
  }
  sti();
  ttyWake(t);
  return copyToUser(process, buffer, bytesAddress(ttyChunk), length) < 0 ? -EFAULT : length;
};

/** Sleeps until terminal t's output or hang-up state may have changed (a pty master waiting to read). */
export const ttyWaitOutput = (t: number): void => {
  sleepOn(terminalOutputChannel(t));
};
