// Number formatting without allocation: digits go into a caller's buffer.
// Pure logic, so it runs under node too (tests/unit) and is checked against
// the compiled kernel's output.

const DIGITS: string = "0123456789abcdef";
const scratch: Uint8Array = new Uint8Array(24);

/**
 * Writes value (an integer in 0..2^53) in the given base (2..16) into out,
 * most significant digit first, zero-padded to at least minDigits.
 * Returns the number of bytes written.
 */
export const formatUnsigned = (value: number, base: number, minDigits: number, out: Uint8Array): number => {
  let count: number = 0;
  let rest: number = value;
  while (count === 0 || rest > 0 || count < minDigits) {
    const digit: number = rest % base;
    out[count] = DIGITS.charCodeAt(digit);
    count++;
    rest = Math.floor(rest / base);
  }
  for (let i: number = 0; i < count >>> 1; i++) {
    const swap: number = out[i];
    out[i] = out[count - 1 - i];
    out[count - 1 - i] = swap;
  }
  return count;
};

/** Writes a signed integer in decimal into out; returns the byte count. */
export const formatSigned = (value: number, out: Uint8Array): number => {
  if (value >= 0) return formatUnsigned(value, 10, 1, out);
  out[0] = 45; // '-'
  const digits: number = formatUnsigned(-value, 10, 1, scratch);
  for (let i: number = 0; i < digits; i++) out[i + 1] = scratch[i];
  return digits + 1;
};

/** True when the length bytes of buffer from offset spell text. */
export const bytesEqual = (buffer: Uint8Array, offset: number, length: number, text: string): boolean => {
  if (length !== text.length) return false;
  for (let i: number = 0; i < length; i++) {
    if (buffer[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
};
