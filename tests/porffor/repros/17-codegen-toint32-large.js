// ToInt32 gave 0 for 2^63 <= |x| < 2^84, where x still has bits below
// 2^32: a product of two u32 values, (a * b) | 0, is one. The rare path
// stays out of line:
// c-contains: __attribute__((cold, noinline))
const low = (x) => x | 0;
const lowU = (x) => x >>> 0;
const store = new Int32Array(1);
print(low(2 ** 64 + 4096)); printChar(32); print(lowU(-(2 ** 70) - 2 ** 31)); printChar(32);
print(low(2 ** 83 + 2 ** 31)); printChar(32); print(low(2 ** 84 + 2 ** 32)); printChar(32); print(low(-Infinity)); printChar(32);
print(low(NaN)); printChar(32); print(Math.imul(2 ** 63 + 2 ** 11, 3)); printChar(32); print(~(2 ** 66 + 2 ** 30));
store[0] = 2 ** 65 + 2 ** 20; printChar(32); print(store[0]);
