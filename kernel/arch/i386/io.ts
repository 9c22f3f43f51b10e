// Port I/O and raw memory access: the only doors from TypeScript to the
// hardware. Each function is one instruction or one memory access (see
// kernel/rt/intrinsics.h); numbers are converted with __u32 so addresses
// and values >= 2^31 wrap instead of being undefined behaviour in C.

/** Writes the low 8 bits of value to an I/O port. */
export const outb = (port: number, value: number): void => {
  Porffor.c`__outb((uint16_t)__u32(port), (uint8_t)__u32(value));`;
};

/** Reads one byte from an I/O port. */
export const inb = (port: number): number => {
  Porffor.c`return (f64)__inb((uint16_t)__u32(port));`;
  return 0;
};

/** Writes the low 16 bits of value to an I/O port. */
export const outw = (port: number, value: number): void => {
  Porffor.c`__outw((uint16_t)__u32(port), (uint16_t)__u32(value));`;
};

/** Reads the byte at a kernel virtual address. */
export const peek8 = (address: number): number => {
  Porffor.c`return (f64)__peek8(__u32(address));`;
  return 0;
};

/** Reads the 16-bit word at a kernel virtual address. */
export const peek16 = (address: number): number => {
  Porffor.c`return (f64)__peek16(__u32(address));`;
  return 0;
};

/** Reads the 32-bit word at a kernel virtual address, as an unsigned number. */
export const peek32 = (address: number): number => {
  Porffor.c`return (f64)__peek32(__u32(address));`;
  return 0;
};

/** Writes a byte at a kernel virtual address. */
export const poke8 = (address: number, value: number): void => {
  Porffor.c`__poke8(__u32(address), (uint8_t)__u32(value));`;
};

/** Writes a 16-bit word at a kernel virtual address. */
export const poke16 = (address: number, value: number): void => {
  Porffor.c`__poke16(__u32(address), (uint16_t)__u32(value));`;
};

/** Writes a 32-bit word at a kernel virtual address. */
export const poke32 = (address: number, value: number): void => {
  Porffor.c`__poke32(__u32(address), __u32(value));`;
};

/** Copies length bytes between kernel addresses (the runtime's memcpy: rep movs speed). */
export const copyBytes = (destination: number, source: number, length: number): void => {
  Porffor.c`memcpy((void *)__u32(destination), (const void *)__u32(source), __u32(length));`;
};

/** Sets length bytes at a kernel address to value. */
export const fillBytes = (destination: number, value: number, length: number): void => {
  Porffor.c`memset((void *)__u32(destination), (int)__u32(value), __u32(length));`;
};

/**
 * Writes count 32-bit words stride bytes apart from destination: the first
 * value, each next one step more (mod 2^32). A page table's run of entries
 * in one store loop rather than one poke32 per entry.
 */
export const fillSeries32 = (destination: number, count: number, stride: number, value: number, step: number): void => {
  Porffor.c`__fill_series32(__u32(destination), __u32(count), __u32(stride), __u32(value), __u32(step));`;
};

/**
 * Kernel address of a typed array's first element. In porffor's linear
 * memory (the kernel arena) a typed array is a header whose word at offset
 * 4 locates its buffer, and a buffer is a 4-byte length followed by the
 * elements.
 */
export const bytesAddress = (buffer: Uint8Array): number => {
  Porffor.c`return (f64)(uint32_t)(_memory + *(int32_t *)(_memory + 4 + __u32(buffer)) + 4);`;
  return 0;
};

/** Kernel address of a Uint32Array's first element (same layout as bytesAddress). */
export const wordsAddress = (buffer: Uint32Array): number => {
  Porffor.c`return (f64)(uint32_t)(_memory + *(int32_t *)(_memory + 4 + __u32(buffer)) + 4);`;
  return 0;
};
