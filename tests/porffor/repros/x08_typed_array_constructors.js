// the typed array constructors and from() (patched to size their buffers,
// see 15-builtins-typed-array-buffer-size) still handle every kind of
// argument; small arrays keep one page
const sp = (x) => { print(x); printChar(32); };
const n = new Uint16Array(5); sp(n.length); sp(n.byteLength); sp(n[4]);
const z = new Uint8Array(0); sp(z.length);
const u = new Uint8Array(); sp(u.length);
const l = new Int32Array([ 1, -2, 3 ]); sp(l.length); sp(l[1]);
const t = new Float32Array(l); sp(t.length); sp(t[2]);
const s = new Uint8Array(new Set([ 5, 6, 7, 5 ])); sp(s.length); sp(s[2]);
const ab = new ArrayBuffer(16);
const v = new Uint32Array(ab); v[3] = 99; sp(v.length);
const w = new Uint8Array(ab, 12, 4); sp(w.length); sp(w[0]); sp(w.byteOffset);
const fr = Uint8Array.from([ 1, 2, 3 ], x => x * 10); sp(fr.length); sp(fr[2]);
const ft = Float64Array.from(new Uint8Array([ 4, 5 ])); sp(ft.length); sp(ft[1]);
const of = Int16Array.of(7, -8, 9); sp(of.length); sp(of[1]);
// just below and above one 16 KiB page, then a neighbour
const p = new Uint32Array(4095); const q = new Uint32Array(4097); const r = new Uint8Array(4);
r[0] = 1; r[3] = 2;
for (let i = 0; i < p.length; i++) p[i] = i;
for (let i = 0; i < q.length; i++) q[i] = 0xffffffff;
sp(p[4094]); sp(q[4096]); sp(r[0]); sp(r[3]); sp(q.byteLength);
const d = new Float64Array(2048); d[2047] = 1.25; sp(d[2047]); sp(r[0]);
