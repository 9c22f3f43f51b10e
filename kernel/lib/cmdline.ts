// Kernel command line parsing: space-separated words, each `key` or
// `key=value`. Works in place on the bytes copied from the boot loader, so
// nothing is allocated. Pure logic, tested under node and compiled.

const SPACE: number = 32;
const EQUALS: number = 61;

/** Index just past the `=` of `key=...` in line[0..length), or -1 if absent. */
export const findArgument = (line: Uint8Array, length: number, key: string): number => {
  let start: number = 0;
  while (start < length) {
    let end: number = start;
    while (end < length && line[end] !== SPACE) end++;
    if (wordHasKey(line, start, end, key)) return start + key.length + 1;
    start = end + 1;
  }
  return -1;
};

const wordHasKey = (line: Uint8Array, start: number, end: number, key: string): boolean => {
  if (end - start < key.length + 1) return false;
  return wordMatches(line, start, key) && line[start + key.length] === EQUALS;
};

/** Length of the value starting at index (up to the next space or the end). */
export const argumentLength = (line: Uint8Array, length: number, index: number): number => {
  let end: number = index;
  while (end < length && line[end] !== SPACE) end++;
  return end - index;
};

/** True when the command line holds `key=value` exactly. */
export const argumentEquals = (line: Uint8Array, length: number, key: string, value: string): boolean => {
  const index: number = findArgument(line, length, key);
  if (index < 0 || argumentLength(line, length, index) !== value.length) return false;
  return wordMatches(line, index, value);
};

/** True when line[offset..offset+length) holds word as one of its space-separated words. */
export const hasWord = (line: Uint8Array, offset: number, length: number, word: string): boolean => {
  let start: number = offset;
  const limit: number = offset + length;
  while (start < limit) {
    let end: number = start;
    while (end < limit && line[end] !== SPACE) end++;
    if (end - start === word.length && wordMatches(line, start, word)) return true;
    start = end + 1;
  }
  return false;
};

const wordMatches = (line: Uint8Array, start: number, word: string): boolean => {
  for (let i: number = 0; i < word.length; i++) {
    if (line[start + i] !== word.charCodeAt(i)) return false;
  }
  return true;
};
