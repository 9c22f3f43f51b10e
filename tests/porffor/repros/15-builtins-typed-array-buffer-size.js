// A typed array is a 12 byte header (length, buffer pointer, byte offset)
// plus a buffer (4 byte byte length, then the data). The constructors
// allocated the buffer with Porffor.malloc() before knowing the length: one
// allocator page, 16 KiB, whatever the length. Writing past the first page
// silently overwrote the next allocations (headers included), eg two
// Uint32Array(32768) overlapped. The allocator had the same problem one level
// up: it grew memory by 1 MiB at a time even for a larger block, so a 2 MiB
// array overlapped what was allocated after it. Stock porffor prints wrong
// values or crashes.
const a = new Uint32Array(32768);    // 128 KiB
const b = new Uint32Array(32768);
const c = new Uint8Array(65536);     // 64 KiB
const d = new Float64Array([ 1.5, 2.5, 3.5 ]);

// markers in the others before filling a
b[0] = 11; b[32767] = 12; c[0] = 13; c[65535] = 14;
for (let i = 0; i < 32768; i++) a[i] = 0xffffffff;
print(b[0]); printChar(32); print(b[32767]); printChar(32);
print(c[0]); printChar(32); print(c[65535]); printChar(32);
print(d[0]); printChar(32); print(d[2]); printChar(32);
print(b.length); printChar(32); print(c.length); printChar(32); print(d.length); printChar(10);

// and after: fill the others, a must be intact
for (let i = 0; i < 32768; i++) b[i] = i;
for (let i = 0; i < 65536; i++) c[i] = i & 0x7f;
print(a[0]); printChar(32); print(a[16383]); printChar(32); print(a[16384]); printChar(32); print(a[32767]); printChar(32);
print(b[4096]); printChar(32); print(b[32767]); printChar(32); print(c[65535]); printChar(32); print(d[1]); printChar(32);
print(a.length); printChar(32); print(a.byteLength); printChar(32); print(b.buffer.byteLength); printChar(10);

// the other ways to get a long typed array
const e = new Float64Array(c);       // 512 KiB from a typed array
const f = Uint16Array.from(b);       // via a temporary array of 32768 elements
const g = new Uint32Array(new ArrayBuffer(65536 * 4));
const h = new Uint8Array(16);
h[0] = 21; h[15] = 22;
for (let i = 0; i < 65536; i++) g[i] = 0xffffffff;
print(e[65535]); printChar(32); print(e.length); printChar(32);
print(f[0]); printChar(32); print(f[32767]); printChar(32); print(f.length); printChar(32);
print(h[0]); printChar(32); print(h[15]); printChar(10);

// larger than the allocator's 1 MiB growth step
const big = new Uint32Array(1 << 19);   // 2 MiB
const small = new Uint32Array(4);
small[0] = 31; small[3] = 32;
for (let i = 0; i < big.length; i++) big[i] = 0xdeadbeef;
print(small[0]); printChar(32); print(small[3]); printChar(32); print(big[(1 << 19) - 1]); printChar(32); print(big.length);
printChar(10);
