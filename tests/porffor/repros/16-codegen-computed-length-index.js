// o[length] with a variable named `length` was compiled as the
// property o.length: the store went to the array's length field and the
// read returned the length.
const buf = new Uint8Array(8);
const fill = () => {
  let length = 0;
  for (let i = 0; i < 3; i++) { buf[length] = 97 + i; length++; }
  return length;
};
const n = fill();
let length = 1;
print(n); printChar(32); print(buf[0]); printChar(32); print(buf[length]); printChar(32); print(buf.length);
