// The sampling profiler end to end (docs/profiling.md): a profiled boot of
// a forking test program hands its samples to the host, which names them
// with the kernel's symbols; and the f64 census finds the kernel's functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from '../tools/qemu.mjs';
import { census } from '../tools/f64-census.mjs';

test('profile: a profiled run of test-fork yields named kernel samples on the syscall path', () => {
  const out = execFileSync('node', [join(ROOT, 'tools/profile.mjs'), '--programs', '/usr/tests/test-fork', '--top', '40'], { encoding: 'utf8', timeout: 120000 });
  const header = out.match(/^profile: (\d+) kernel samples, (\d+) user ticks, 0 dropped$/m);
  assert.ok(header, out);
  assert.ok(Number(header[1]) > 20, `too few samples:\n${out}`);
  assert.match(out, /^whole run: \d+ kernel samples$/m);
  assert.match(out, /^ +\d+\.\d% +\d+ +syscallDispatch$/m, 'the syscall dispatch is on the sampled call chains');
  assert.doesNotMatch(out, /^ +\d+\.\d% +\d+ +\?$/m, 'every sampled address has a symbol');
});

test('f64 census: counts the kernel functions of build/kernel.c and names those with f64 values', () => {
  const result = census(readFileSync(join(BUILD, 'kernel.c'), 'utf8'), readFileSync(join(BUILD, 'kernel.bundle.ts'), 'utf8'));
  assert.ok(result.functions > 500, `only ${result.functions} kernel functions found`);
  assert.ok(result.withF64.includes('spaceDestroy'), 'spaceDestroy computes in f64 today');
  assert.ok(result.typeTagParams > 0);
  const tiny = census('f64 add(f64 a, i32 ajjtype) {\n  i32 n;\n  return a;\n}\ni32 flags() {\n  i32 x;\n  return 0;\n}\n', 'const add = (a: number): number => a;\nconst flags = (): number => 0;\n');
  assert.deepEqual(tiny, { functions: 2, withF64: ['add'], typeTagParams: 1 });
});
