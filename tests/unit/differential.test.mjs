// The kernel's pure logic and the integer-expression corpus, each run twice:
// under node and compiled by the same pipeline as the kernel (bundler ->
// patched porffor -> gcc -m32, hosted so it can run here). The two outputs
// must be identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, BUILD } from '../../tools/qemu.mjs';
import { stripTypes } from '../lib/tsmodule.mjs';

const OUT = join(BUILD, 'unit');
// the kernel's number code: doubles in SSE2, rounded as JavaScript's are (the
// x87's 64-bit mantissas would keep bits of a product a double drops)
const NUMBER_CFLAGS = ['-msse2', '-mfpmath=sse'];

/** Bundles a TypeScript entry into build/unit/<name>.bundle.ts. */
function bundleEntry(entry, name) {
  const bundle = join(OUT, `${name}.bundle.ts`);
  execFileSync('node', [join(ROOT, 'tools/bundle.mjs'), entry, '-o', bundle], { stdio: 'pipe' });
  return bundle;
}

function runUnderNode(bundle) {
  let output = '';
  const print = (v) => { output += String(v); };
  const printChar = (c) => { output += String.fromCharCode(c); };
  new Function('print', 'printChar', stripTypes(readFileSync(bundle, 'utf8')))(print, printChar);
  return output;
}

function runCompiled(bundle, name) {
  const c = join(OUT, `${name}.c`);
  const exe = join(OUT, name);
  execFileSync('node', [join(ROOT, 'node_modules/porffor/runtime/index.js'), 'c', '--module', bundle, c], { stdio: 'pipe' });
  execFileSync('gcc', ['-m32', ...NUMBER_CFLAGS, '-O1', '-fwrapv', '-w', c, '-o', exe, '-lm'], { stdio: 'pipe', maxBuffer: 64 << 20 });
  return execFileSync(exe, { encoding: 'latin1', maxBuffer: 64 << 20 });
}

/**
 * The lines where the compiled output differs, as "expression: node X,
 * compiled Y" with the expression from the sidecar (its lines are
 * "index path expression operands", the program's "index result").
 */
function corpusMismatches(expected, actual, sidecar) {
  const want = expected.split('\n');
  const got = actual.split('\n');
  const found = [];
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] === got[i]) continue;
    found.push(`${sidecar[i] ?? `line ${i}`}: node ${JSON.stringify(want[i] ?? null)}, compiled ${JSON.stringify(got[i] ?? null)}`);
  }
  return found;
}

test('kernel/lib: node and the compiled kernel pipeline agree', () => {
  mkdirSync(OUT, { recursive: true });
  const bundle = bundleEntry(join(ROOT, 'tests/unit/lib_driver.ts'), 'lib_driver');
  const expected = runUnderNode(bundle);
  assert.ok(expected.split('\n').length > 100, 'the driver printed its cases under node');
  assert.equal(runCompiled(bundle, 'lib_driver'), expected);
});

test('integer corpus: JavaScript integer semantics survive the compiled kernel pipeline', () => {
  mkdirSync(OUT, { recursive: true });
  const program = join(OUT, 'int_corpus.ts');
  execFileSync('node', [join(ROOT, 'tools/gen-int-corpus.mjs'), '-o', program], { stdio: 'pipe' });
  execFileSync('node', [join(ROOT, 'tools/check-subset.mjs'), '--root', OUT, program], { stdio: 'pipe' });
  const sidecar = readFileSync(program.replace(/\.ts$/, '.txt'), 'utf8').split('\n');
  const bundle = bundleEntry(program, 'int_corpus');
  const expected = runUnderNode(bundle);
  assert.equal(expected.split('\n').length, sidecar.length, 'one result per sidecar line under node');
  const mismatches = corpusMismatches(expected, runCompiled(bundle, 'int_corpus'), sidecar);
  assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} of ${sidecar.length - 1} results differ`);
});
