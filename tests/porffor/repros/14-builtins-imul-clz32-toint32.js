// Math.imul and Math.clz32 converted their operands with a saturating
// conversion: operands >= 2^31 or negative gave wrong results.
print(Math.imul(0x811C9DC6, 0x01000193)); printChar(32); print(Math.imul(-1, 5)); printChar(32); print(Math.imul(0xFFFFFFFF, 0xFFFFFFFF)); printChar(32);
print(Math.clz32(-1)); printChar(32); print(Math.clz32(0)); printChar(32); print(Math.clz32(0x80000000)); printChar(32); print(Math.clz32(3.7));
