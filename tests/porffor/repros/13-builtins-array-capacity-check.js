// expect-fail-message: porffor: array capacity exceeded
const a = []; const b = [1, 2, 3]; let n = 0;
for (let i = 0; i < 4000; i++) { a.push(i); if (b[0] !== 1 && n === 0) n = i; }
print(n);   // porffor: arrays never grow: push #1821 overwrites the next allocation (prints 1820)
