const o = { buf: new Uint32Array(4), i: 1, arr: [0, 0, 0] };
o.buf[o.i] = 5; o.buf[o.i] += 2; print(o.buf[o.i]); printChar(32);
o.arr[o.i] = 7; print(o.arr[o.i]); printChar(32);
class Q { constructor() { this.data = new Uint32Array(8); this.head = 2; }
  put(v) { this.data[this.head] = v; this.head = this.head + 1; }
  get(k) { return this.data[k]; } }
const q = new Q(); q.put(0xC0000001); q.put(9); print(q.get(2)); printChar(32); print(q.get(3)); printChar(32); print(q.data[q.head - 1]);
