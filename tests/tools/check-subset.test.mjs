// Tests for tools/check-subset.mjs. Fixtures: tests/tools/fixtures/subset/<case>/kernel/**.
// Expected violations are written in the fixtures as trailing `// expect: rule-id[, rule-id]` comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkSubset, formatViolation, RULES } from '../../tools/lib/subset.mjs';
import { expectations } from '../lib/fixture-expectations.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIX = path.join(here, 'fixtures', 'subset');
const TOOL = path.join(here, '..', '..', 'tools', 'check-subset.mjs');

function run(name) {
  const cwd = path.join(FIX, name);
  const res = checkSubset({ cwd, root: 'kernel' });
  return { ...res, got: res.violations.map((v) => `${v.file}:${v.line}:${v.rule}`).sort(), cwd };
}

function assertMatchesExpectations(name, rule) {
  const { got, cwd, violations } = run(name);
  const want = expectations(cwd);
  assert.ok(want.length > 0, 'fixture has expectations');
  if (rule) assert.ok(want.every((w) => w.endsWith(`:${rule}`) || w.endsWith(':destructuring')), 'fixture only expects its rule');
  assert.deepEqual(got, want, violations.map(formatViolation).join('\n'));
}

test('clean fixture passes (nested function using module-level let, arrays, typed arrays, strings, arch Porffor use, suppression)', () => {
  const { violations, filesChecked } = run('clean');
  assert.deepEqual(violations.map(formatViolation), []);
  assert.equal(filesChecked, 4); // .d.ts files are not checked
});

test('closure-capture: params, locals, sibling nested functions, object/class-expression methods, loop vars, this, shorthand', () => {
  assertMatchesExpectations('closure-capture', 'closure-capture');
  const { violations } = run('closure-capture');
  const first = violations.find((v) => v.line === 6);
  assert.match(first.message, /captures `base` declared in enclosing function `makeAdder`/);
});

test('try-catch: try/catch and try/finally', () => assertMatchesExpectations('try-catch', 'try-catch'));

test('reserved-name: variables and parameters named like porffor-resolved globals (console, Math)', () =>
  assertMatchesExpectations('reserved-name', 'reserved-name'));

test('any: keyword in annotations, assertions, generics, index signatures; inferred any', () => assertMatchesExpectations('any', 'any'));

test('untyped-declaration and destructuring', () => {
  assertMatchesExpectations('untyped');
  const { violations } = run('untyped');
  const rules = new Set(violations.map((v) => v.rule));
  assert.deepEqual([...rules].sort(), ['destructuring', 'untyped-declaration']);
});

test('hardware-outside-arch: Porffor/asm outside kernel/arch/i386 only', () => {
  assertMatchesExpectations('hardware', 'hardware-outside-arch');
  const { violations } = run('hardware');
  assert.ok(violations.every((v) => v.file === 'kernel/drivers/vga.ts'));
});

test('dynamic-property: objects/records indexed, computed names; arrays/tuples/typed arrays/strings allowed', () =>
  assertMatchesExpectations('dynamic-property', 'dynamic-property'));

test('type errors do not crash the checker and are left to tsc', () => assertMatchesExpectations('type-errors'));

test('subset-allow: suppresses one rule on the next line; reason mandatory; unknown/unused/malformed rejected', () => {
  const { violations } = run('suppress');
  const got = violations.map((v) => `${v.line}:${v.rule}`);
  assert.deepEqual(got, [
    '6:subset-allow',       // missing reason
    '7:dynamic-property',   // ...so line 7 is not suppressed
    '8:subset-allow',       // unknown rule id
    '10:subset-allow',      // unused
    '12:subset-allow',      // malformed (no colon)
    '15:dynamic-property',  // the comment on line 14 suppresses only `any`
  ]);
  assert.match(violations[0].message, /needs a reason/);
  assert.ok(!got.includes('5:dynamic-property'), 'valid comment suppresses line 5');
});

test('explicit file list checks only those files', () => {
  const cwd = path.join(FIX, 'hardware');
  const res = checkSubset({ cwd, root: 'kernel', files: ['kernel/arch/i386/io.ts'] });
  assert.equal(res.filesChecked, 1);
  assert.deepEqual(res.violations, []);
});

test('missing root directory is a usage error, not a crash', () => {
  assert.throws(() => checkSubset({ cwd: FIX, root: 'no-such-kernel' }), /root directory no-such-kernel not found/);
});

test('every rule id used by the fixtures is a documented rule', () => {
  for (const r of ['closure-capture', 'try-catch', 'any', 'untyped-declaration', 'destructuring', 'hardware-outside-arch', 'dynamic-property', 'reserved-name', 'subset-allow']) {
    assert.ok(Object.hasOwn(RULES, r), r);
  }
});

test('CLI: OK summary and exit 0 on clean kernel', () => {
  const out = execFileSync(process.execPath, [TOOL], { cwd: path.join(FIX, 'clean'), encoding: 'utf8' });
  assert.match(out.trim(), /^check-subset: OK \(4 file\(s\) checked\)$/);
});

test('CLI: file:line:col: rule-id: message and exit 1 on violations', () => {
  const r = spawnSync(process.execPath, [TOOL, '--root', 'kernel'], { cwd: path.join(FIX, 'try-catch'), encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'kernel/main.ts:2:3: try-catch: try/catch/finally is not supported',
    'kernel/main.ts:10:3: try-catch: try/catch/finally is not supported',
  ]);
});
