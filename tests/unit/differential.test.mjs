// The kernel's pure logic, run twice: under node and compiled by the same
// pipeline as the kernel (bundler -> patched porffor -> gcc -m32, hosted so
// it can run here). The two outputs must be identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, BUILD } from '../../tools/qemu.mjs';
import { stripTypes } from '../lib/tsmodule.mjs';

const OUT = join(BUILD, 'unit');

function runUnderNode(bundle) {
  let output = '';
  const print = (v) => { output += String(v); };
  const printChar = (c) => { output += String.fromCharCode(c); };
  new Function('print', 'printChar', stripTypes(readFileSync(bundle, 'utf8')))(print, printChar);
  return output;
}

function runCompiled(bundle) {
  const c = join(OUT, 'lib_driver.c');
  const exe = join(OUT, 'lib_driver');
  execFileSync('node', [join(ROOT, 'node_modules/porffor/runtime/index.js'), 'c', '--module', bundle, c], { stdio: 'pipe' });
  execFileSync('gcc', ['-m32', '-O1', '-fwrapv', '-w', c, '-o', exe, '-lm'], { stdio: 'pipe' });
  return execFileSync(exe, { encoding: 'latin1' });
}

test('kernel/lib: node and the compiled kernel pipeline agree', () => {
  mkdirSync(OUT, { recursive: true });
  const bundle = join(OUT, 'lib_driver.bundle.ts');
  execFileSync('node', [join(ROOT, 'tools/bundle.mjs'), join(ROOT, 'tests/unit/lib_driver.ts'), '-o', bundle], { stdio: 'pipe' });
  const expected = runUnderNode(bundle);
  assert.ok(expected.split('\n').length > 100, 'the driver printed its cases under node');
  assert.equal(runCompiled(bundle), expected);
});
