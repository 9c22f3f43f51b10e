// The kernel's random numbers: xorshift128 seeded at boot from the TSC and
// the PIT/RTC state. Pure logic. Not a cryptographic generator: getrandom
// and AT_RANDOM draw from it until one exists (see docs/syscalls.md).

const state: Uint32Array = new Uint32Array(4);

/** Seeds the generator; any seed gives a non-zero state. */
export const randomSeed = (seed: number): void => {
  state[0] = (seed ^ 0x9e3779b9) >>> 0;
  state[1] = 0x243f6a88;
  state[2] = 0xb7e15162;
  state[3] = ((seed * 2654435761) ^ 0x85a308d3) >>> 0;
  for (let i: number = 0; i < 16; i++) randomWord();
};

/** The next 32-bit random word (unsigned). */
export const randomWord = (): number => {
  let t: number = state[3];
  const s: number = state[0];
  state[3] = state[2];
  state[2] = state[1];
  state[1] = s;
  t = (t ^ (t << 11)) >>> 0;
  t = (t ^ (t >>> 8)) >>> 0;
  state[0] = (t ^ s ^ (s >>> 19)) >>> 0;
  return state[0];
};
