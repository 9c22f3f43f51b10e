// Doubles of 32 bits convert to u32 and i64 (typed-array indices, ToInt32
// for | 0 and >>> 0) with the signed 32-bit conversion, not gcc's x87 path
// with two control-word loads; the results must not change at any edge:
// c-contains: _trunc_u32_high
const values = [0, 0.5, -0.5, 1, -1, -1.5, 2147483647, 2147483647.5, 2147483648, 2147483648.5, 3000000000.5,
  4294967294.5, 4294967295, 4294967295.5, 4294967296, 4294967296.5, -2147483648, -2147483648.5, -2147483649,
  -2147483649.5, -3000000000.5, -4294967295, -4294967295.5, -4294967296, 10000000000.5, -10000000000.5,
  9007199254740991, -9007199254740991, NaN, Infinity, -Infinity];
const bytes = new Uint8Array(4);
for (let i = 0; i < values.length; i++) {
  const v = values[i];
  print(v >>> 0); printChar(32); print(v | 0); printChar(32); print((v & 0xffff0000) >>> 0); printChar(32);
  bytes[i & 3] = v;
  print(bytes[i & 3]); printChar(10);
}
