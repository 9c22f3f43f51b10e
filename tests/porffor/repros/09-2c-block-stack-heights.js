// A block with a result whose value arrives through a br, with a value of
// the enclosing code below it on the stack: 2c took the outer value as the
// block's result and then lacked it for the add (the C named `undefined`);
// and dead code after a br popped values never pushed. porffor's codegen
// does not emit these shapes from plain JS today, so they are written in
// inline Wasm (block -4 is a block of result f64); in node Porffor.wasm is
// a no-op returning undefined and the fallback after ?? is the same value.
const a = Porffor.wasm`
f64.const 10
block -4
f64.const 7
br 0
end
f64.add` ?? 17;
print(a); printChar(32);
const b = Porffor.wasm`
block -4
f64.const 3
br 0
f64.add
end` ?? 3;
print(b);
