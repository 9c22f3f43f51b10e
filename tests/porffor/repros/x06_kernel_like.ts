// kernel-like: a class holding a Uint32Array with methods, u32 math above 2^31
// with >>> 0 and | 0, an exported typed arrow function, inline C (Porffor.c)
// c-contains: f64 hash32(f64 x, i32 xjjtype)
class PageDirectory {
  entries: Uint32Array;
  used: number;

  constructor(size: number) {
    this.entries = new Uint32Array(size);
    this.used = 0;
  }

  map(virt: number, phys: number, flags: number): number {
    const idx: number = virt >>> 22;
    this.entries[idx] = ((phys & 0xFFC00000) | flags) >>> 0;
    this.used = this.used + 1;
    return idx;
  }

  lookup(virt: number): number {
    const e: number = this.entries[virt >>> 22];
    if ((e & 1) === 0) return 0;
    return ((e & 0xFFC00000) | (virt & 0x003FFFFF)) >>> 0;
  }
}

export const hash32 = (x: number): number => {
  let h: number = (x ^ 0x811C9DC5) >>> 0;
  h = Math.imul(h, 0x01000193) >>> 0;
  h = (h ^ (h >>> 15)) | 0;
  return h >>> 0;
};

// inline C returning the same value as the JS fallback, so node agrees
const addC = (a: number, b: number): number => {
  Porffor.c`return a + b;`;
  return a + b;
};

const pd = new PageDirectory(1024);
const i1: number = pd.map(0xC0000000, 0x00000000, 0x83);
const i2: number = pd.map(0xC0400000, 0x00400000, 0x83);
print(i1); printChar(32); print(i2); printChar(32); print(pd.used); printChar(32);
print(pd.lookup(0xC0123456)); printChar(32); print(pd.lookup(0xC0456789)); printChar(32);
print(pd.lookup(0x00001000)); printChar(32);
print(pd.entries[768]); printChar(32);
print(hash32(3)); printChar(32); print(hash32(0xFFFFFFFF)); printChar(32);
print(addC(40, 2)); printChar(32);
let acc: number = 0;
for (let i: number = 0; i < 10; i++) acc = (acc + (i * 0x9E3779B9)) >>> 0;
print(acc); printChar(32); print(acc | 0); printChar(32); print(-acc >>> 0);
