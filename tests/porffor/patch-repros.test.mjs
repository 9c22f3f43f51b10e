// Each porffor patch has its regression test, named after it (the rule of
// tests/lib/porffor-repros.mjs); that each one fails on stock porffor is
// `make test-porffor-stock`, which needs the unpatched compiler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { patchNames, reproFiles, reproProblems } from '../lib/porffor-repros.mjs';

test('every patch of patches/porffor has one repro named after it, and every NN-* repro a patch', () => {
  assert.deepEqual(reproProblems(patchNames(), reproFiles()), []);
});

test('the rule catches a patch without a repro, one with two, a stray repro and one passing on stock', () => {
  const patches = ['01-fix-a', '02-fix-b', '03-fix-c', '04-fix-d'];
  const repros = ['01-fix-a.js', '02-fix-b.js', '02-fix-b.ts', '04-fix-d.ts', '05-gone.js', 'x01_extra.js'];
  assert.deepEqual(reproProblems(patches, repros, ['04-fix-d.ts', 'x01_extra.js']), [
    'patch 02-fix-b.patch needs exactly one repro, 02-fix-b.js or 02-fix-b.ts',
    'patch 03-fix-c.patch needs exactly one repro, 03-fix-c.js or 03-fix-c.ts',
    'repro 05-gone.js names no patch of patches/porffor/',
    'repro 04-fix-d.ts passes with the stock compiler: it does not show the bug 04-fix-d.patch fixes',
  ]);
});
