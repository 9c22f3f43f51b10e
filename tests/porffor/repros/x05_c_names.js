// identifiers that are C keywords, preface typedefs, generated names or libc names
const u8 = new Uint8Array(4); u8[0] = 1; print(u8[0]); printChar(32);
let int = 5; let f32 = 2; let floor = 3.7; let _get0 = 4; let _memory = 6; let y0 = 7; let index = 8;
print(int + f32 + Math.floor(floor) + _get0 + _memory + y0 + index); printChar(32);
function exit(x) { return x + 1; }
print(exit(1)); printChar(32);
function sq(x) { const sq2 = x * x; return sq2; }
print(sq(3));
