const u = new Uint32Array(4); const i = new Int32Array(4); const b = new Uint8Array(4); const h = new Uint16Array(2);
let big = 3221225475; let neg = -5;
u[0] = big; u[1] = neg; i[0] = big; i[1] = neg; b[0] = 300; b[1] = neg; h[0] = 70000;
print(u[0]); printChar(32); print(u[1]); printChar(32); print(i[0]); printChar(32); print(i[1]); printChar(32);
print(b[0]); printChar(32); print(b[1]); printChar(32); print(h[0]); printChar(32);
print(~big); printChar(32); print(big ^ 1); printChar(32); print(big >> 4); printChar(32); print(big >>> 4); printChar(32);
let x = big; x |= 0; print(x); printChar(32); let y = big; y >>>= 0; print(y); printChar(32);
print(big << 1); printChar(32); print((big & 0xFFFFF000) >>> 0); printChar(32); print(0xFFFFFFFF | 0); printChar(32);
print(2**32 + 5 | 0);
