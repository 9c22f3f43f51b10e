print(0xC0000000 | 0); printChar(32); print(0xFFFFFFFF >>> 0); printChar(32); print(-1 >>> 0); printChar(32); print(~0xC0000000); printChar(32);
print((0x80000000 ^ 0x1) >>> 0); printChar(32); print(1 << 31); printChar(32); print((1 << 31) >>> 0); printChar(32); print(Infinity | 0); printChar(32); print(NaN | 0);
let inf = 1 / 0; printChar(32); print(inf | 0); printChar(32); print(-2147483649 | 0); printChar(32); print(4294967296 * 3 + 7 | 0);
