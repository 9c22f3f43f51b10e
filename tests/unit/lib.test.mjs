// Host unit tests of the kernel's pure-logic modules, run under node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importKernelModule } from '../lib/tsmodule.mjs';

const format = await importKernelModule('kernel/lib/format.ts');
const cmd = await importKernelModule('kernel/lib/cmdline.ts');
const enc = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const dec = (buf, n) => String.fromCharCode(...buf.subarray(0, n));

test('formatUnsigned: bases, padding, u32 range', () => {
  const out = new Uint8Array(64);
  assert.equal(dec(out, format.formatUnsigned(0, 10, 1, out)), '0');
  assert.equal(dec(out, format.formatUnsigned(4294967295, 10, 1, out)), '4294967295');
  assert.equal(dec(out, format.formatUnsigned(0xc0100000, 16, 8, out)), 'c0100000');
  assert.equal(dec(out, format.formatUnsigned(0xb8, 16, 4, out)), '00b8');
  assert.equal(dec(out, format.formatUnsigned(5, 2, 1, out)), '101');
});

test('formatSigned: negatives down to i32 min', () => {
  const out = new Uint8Array(64);
  assert.equal(dec(out, format.formatSigned(-2147483648, out)), '-2147483648');
  assert.equal(dec(out, format.formatSigned(-1, out)), '-1');
  assert.equal(dec(out, format.formatSigned(12, out)), '12');
});

test('bytesEqual compares a slice with a string', () => {
  const buf = enc('xxhello');
  assert.equal(format.bytesEqual(buf, 2, 5, 'hello'), true);
  assert.equal(format.bytesEqual(buf, 2, 4, 'hello'), false);
  assert.equal(format.bytesEqual(buf, 1, 5, 'hello'), false);
});

test('command line: key=value words', () => {
  const line = enc('/boot/kernel.elf test=boot  mem=256 quiet');
  const n = line.length;
  assert.equal(cmd.argumentEquals(line, n, 'test', 'boot'), true);
  assert.equal(cmd.argumentEquals(line, n, 'test', 'boo'), false);
  assert.equal(cmd.argumentEquals(line, n, 'mem', '256'), true);
  assert.equal(cmd.findArgument(line, n, 'quiet'), -1, 'a bare word has no value');
  assert.equal(cmd.findArgument(line, n, 'tes'), -1, 'a key prefix does not match');
  assert.equal(cmd.argumentLength(line, n, cmd.findArgument(line, n, 'mem')), 3);
  assert.equal(cmd.hasWord(line, 0, n, 'quiet'), true);
  assert.equal(cmd.hasWord(line, 0, n, 'quie'), false);
});
