// Typed access to the system for TypeScript user programs: raw syscalls
// (int 0x82), output without allocation, process calls through libc, and
// libc's malloc/free with peek/poke to use the memory they hand out.
//
// Compiled with the program by userland/ts/ts.mk (tools/bundle.mjs, porffor,
// gcc with rt.h force-included, so the Porffor.c snippets below can call
// libc and name SC_<name> numbers). Every number crosses into C as an f64;
// tsrt_u32 wraps it to a 32-bit word. Results: a negative number -e is
// the error e (errno_numbers.h), everything else is the value.
//
// All top-level names start with `sys`, `syscall` or `SYS_`: the bundle is
// one scope shared with the program, and porffor keeps TS names as C names,
// so a name like `write` or `fork` would collide with libc's.

// --- raw syscalls: EAX = number, EDX, ECX, EBX = arguments, result in EAX ---

/** A syscall without arguments. */
export const syscall0 = (n: number): number => {
  Porffor.c`uint32_t r; __asm__ volatile("int $0x82" : "=a"(r) : "a"(tsrt_u32(n)) : "memory"); return tsrt_result(r);`;
  return 0;
};

/** A syscall with one argument. */
export const syscall1 = (n: number, a: number): number => {
  Porffor.c`uint32_t r; __asm__ volatile("int $0x82" : "=a"(r) : "a"(tsrt_u32(n)), "d"(tsrt_u32(a)) : "memory"); return tsrt_result(r);`;
  return 0;
};

/** A syscall with two arguments. */
export const syscall2 = (n: number, a: number, b: number): number => {
  Porffor.c`uint32_t r; __asm__ volatile("int $0x82" : "=a"(r) : "a"(tsrt_u32(n)), "d"(tsrt_u32(a)), "c"(tsrt_u32(b)) : "memory"); return tsrt_result(r);`;
  return 0;
};

/** A syscall with three arguments. */
export const syscall3 = (n: number, a: number, b: number, c: number): number => {
  Porffor.c`uint32_t r; __asm__ volatile("int $0x82" : "=a"(r) : "a"(tsrt_u32(n)), "d"(tsrt_u32(a)), "c"(tsrt_u32(b)), "b"(tsrt_u32(c)) : "memory"); return tsrt_result(r);`;
  return 0;
};

// Syscall numbers used from TypeScript, from the table (kernel/api/syscalls.ts,
// generated into libc/include/syscall_numbers.h). sysCheckNumbers makes the
// C compiler compare each against the generated header.
export const SYS_exit: number = 7;
export const SYS_getpid: number = 11;
export const SYS_getppid: number = 12;
export const SYS_write: number = 27;

const sysCheckNumbers = (): void => {
  Porffor.c`_Static_assert(SC_exit == 7, "sys.ts SYS_exit"); _Static_assert(SC_getpid == 11, "sys.ts SYS_getpid"); _Static_assert(SC_getppid == 12, "sys.ts SYS_getppid"); _Static_assert(SC_write == 27, "sys.ts SYS_write");`;
};
sysCheckNumbers();

// --- memory: addresses of this process ---

/** libc malloc: the address of size bytes, or 0. */
export const sysMalloc = (size: number): number => {
  Porffor.c`return (f64)(uint32_t)malloc(tsrt_u32(size));`;
  return 0;
};

/** libc free of an address sysMalloc returned (0 is allowed). */
export const sysFree = (address: number): void => {
  Porffor.c`free((void*)tsrt_u32(address));`;
};

/**
 * Bytes libc's malloc has mapped for small blocks (mallinfo().arena: its
 * 128 KiB chunks, which it never unmaps): constant while freed blocks are
 * being reused.
 */
export const sysHeapArenaBytes = (): number => {
  Porffor.c`struct mallinfo m = mallinfo(); return (f64)m.arena;`;
  return 0;
};

export const sysPeek8 = (address: number): number => {
  Porffor.c`return (f64)*(volatile uint8_t*)tsrt_u32(address);`;
  return 0;
};

/** The 32-bit word at an address, unsigned. */
export const sysPeek32 = (address: number): number => {
  Porffor.c`return (f64)*(volatile uint32_t*)tsrt_u32(address);`;
  return 0;
};

export const sysPoke8 = (address: number, value: number): void => {
  Porffor.c`*(volatile uint8_t*)tsrt_u32(address) = (uint8_t)tsrt_u32(value);`;
};

export const sysPoke32 = (address: number, value: number): void => {
  Porffor.c`*(volatile uint32_t*)tsrt_u32(address) = tsrt_u32(value);`;
};

/** Sets length bytes at an address to value (libc memset). */
export const sysFill = (address: number, value: number, length: number): void => {
  Porffor.c`memset((void*)tsrt_u32(address), (int)tsrt_u32(value), tsrt_u32(length));`;
};

/**
 * The address of a Uint8Array's first byte. In porffor's linear memory a
 * typed array is a header whose word at offset 4 locates its buffer, and a
 * buffer is a 4-byte length followed by the bytes. Linear memory moves when
 * it grows (realloc), so use the address at once, never keep it.
 */
export const sysBytesAddress = (bytes: Uint8Array): number => {
  Porffor.c`return (f64)(uint32_t)(_memory + *(int32_t*)(_memory + 4 + tsrt_u32(bytes)) + 4);`;
  return 0;
};

// --- output ---

/** Writes length bytes at an address to fd: the count, or -errno. */
export const sysWriteMemory = (fd: number, address: number, length: number): number => {
  return syscall3(SYS_write, fd, address, length);
};

/** Writes the first length bytes of a Uint8Array to fd: the count, or -errno. */
export const sysWriteBytes = (fd: number, bytes: Uint8Array, length: number): number => {
  return syscall3(SYS_write, fd, sysBytesAddress(bytes), Math.min(length, bytes.length));
};

/**
 * Writes a string to fd without copying it into new memory: a porffor
 * string is a 4-byte length followed by the characters, one byte each
 * (ByteString, type tag 0xc3) or two (String; written as latin1). Returns the
 * count, or -errno.
 */
export const sysWriteText = (fd: number, text: string): number => {
  Porffor.c`uint32_t p = tsrt_u32(text); uint32_t n = *(uint32_t*)(_memory + p); if (textjjtype == 0xc3) return (f64)tsrt_write_all((int)tsrt_u32(fd), _memory + p + 4, n); return (f64)tsrt_write_utf16((int)tsrt_u32(fd), (const uint16_t*)(_memory + p + 4), n);`;
  return 0;
};

// A line buffer: build a line with sysOut*, then sysOutFlush writes it with
// one write() (so lines of different processes do not interleave). A line
// longer than the buffer is flushed in pieces.
const sysLine: Uint8Array = new Uint8Array(512);
let sysLineUsed: number = 0;
let sysLineFd: number = 1;
const sysDigits: Uint8Array = new Uint8Array(24);
const SYS_HEX_DIGITS: string = "0123456789abcdef";

/** Writes the buffered bytes to the line buffer's fd (stdout unless sysOutTo changed it). */
export const sysOutFlush = (): void => {
  if (sysLineUsed > 0) sysWriteBytes(sysLineFd, sysLine, sysLineUsed);
  sysLineUsed = 0;
};

/** Flushes, then sends later output to fd. */
export const sysOutTo = (fd: number): void => {
  sysOutFlush();
  sysLineFd = fd;
};

export const sysOutByte = (c: number): void => {
  if (sysLineUsed === sysLine.length) sysOutFlush();
  sysLine[sysLineUsed] = c;
  sysLineUsed++;
};

export const sysOutText = (text: string): void => {
  for (let i: number = 0; i < text.length; i++) sysOutByte(text.charCodeAt(i));
};

/**
 * An integer 0 <= value < 2^53 in base 2..16, at least minDigits digits; a
 * negative value (>= -2^31) is shown as its 32-bit two's complement.
 */
export const sysOutUnsigned = (value: number, base: number, minDigits: number): void => {
  let count: number = 0;
  let rest: number = Math.floor(value < 0 ? value + 4294967296 : value);
  while (count === 0 || rest > 0 || count < minDigits) {
    sysDigits[count] = SYS_HEX_DIGITS.charCodeAt(rest % base);
    count++;
    rest = Math.floor(rest / base);
  }
  while (count > 0) {
    count--;
    sysOutByte(sysDigits[count]);
  }
};

/** A signed integer in decimal. */
export const sysOutDecimal = (value: number): void => {
  if (value < 0) {
    sysOutByte(45); // '-'
    sysOutUnsigned(-value, 10, 1);
  } else {
    sysOutUnsigned(value, 10, 1);
  }
};

/** 0x and at least minDigits hex digits. */
export const sysOutHex = (value: number, minDigits: number): void => {
  sysOutText("0x");
  sysOutUnsigned(value, 16, minDigits);
};

/** Writes text and a newline, as one line. */
export const sysOutLine = (text: string): void => {
  sysOutText(text);
  sysOutByte(10);
  sysOutFlush();
};

// --- processes (through libc, so it can keep its own state right) ---

export const sysGetpid = (): number => {
  return syscall0(SYS_getpid);
};

export const sysGetppid = (): number => {
  return syscall0(SYS_getppid);
};

/**
 * fork(): 0 in the child, the child's pid in the parent, or -errno. The line
 * buffer and libc's streams (porffor's print writes to stdout) are flushed
 * first, so output buffered before the fork is not written twice.
 */
export const sysFork = (): number => {
  sysOutFlush();
  Porffor.c`fflush(NULL); return tsrt_libc_result(fork());`;
  return 0;
};

/**
 * waitpid(pid, &status, options) (pid -1: any child; options WNOHANG = 1):
 * the pid reaped (0 with WNOHANG when none is ready), or -errno. The status
 * word is then sysWaitStatus().
 */
export const sysWaitpid = (pid: number, options: number): number => {
  Porffor.c`int status = 0; int r = waitpid((pid_t)tsrt_u32(pid), &status, (int)tsrt_u32(options)); if (r > 0) tsrt_wait_status = status; return tsrt_libc_result(r);`;
  return 0;
};

/** The status word of the last child sysWaitpid reaped. */
export const sysWaitStatus = (): number => {
  Porffor.c`return (f64)tsrt_wait_status;`;
  return 0;
};

/** True when a status word says the child exited (rather than being killed). */
export const sysExited = (status: number): boolean => {
  return (status & 0x7f) === 0;
};

/** The exit status (0..255) in a status word of an exited child. */
export const sysExitCode = (status: number): number => {
  return (status >> 8) & 0xff;
};

/** The signal that killed the child, from a status word. */
export const sysTermSignal = (status: number): number => {
  return status & 0x7f;
};

/** Flushes the line buffer and ends the process (libc exit) with status & 0xff. */
export const sysExit = (status: number): void => {
  sysOutFlush();
  Porffor.c`exit((int)tsrt_u32(status));`;
};
