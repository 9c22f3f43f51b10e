// Method calls and callbacks go through porffor's #indirect_* wrappers,
// which return their (value, type) pair by falling off the end of the
// function: 2c emitted no return statement for them, so every such call
// returned garbage.
class Counter { constructor(n) { this.n = n; } next() { this.n = this.n + 1; return this.n; } }
const c = new Counter(40);
c.next();
print(c.next()); printChar(32);
const twice = (f, x) => f(f(x));
print(twice((v) => v * 3, 2)); printChar(32);
print([1, 2, 3].map((v) => v + 10)[2]);
