// Tests for tools/bundle.mjs. Fixtures: tests/tools/fixtures/bundle/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from '../../tools/lib/ts.mjs';
import { bundle, BundleError } from '../../tools/lib/bundler.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIX = path.join(here, 'fixtures', 'bundle');
const TOOL = path.join(here, '..', '..', 'tools', 'bundle.mjs');

const bundleFix = (dir, entry = 'kernel/main.ts') => bundle({ entry, cwd: path.join(FIX, dir) });

/** Messages (file:line:col: error: ...) of a failing bundle. */
function bundleErrors(dir, entry) {
  try {
    bundleFix(dir, entry);
  } catch (e) {
    assert.ok(e instanceof BundleError, String(e));
    return e.message.split('\n');
  }
  assert.fail('bundle unexpectedly succeeded');
}

const sections = (text) => [...text.matchAll(/^\/\/ ---- (.*)$/gm)].map((m) => m[1]);
const section = (text, file) => text.split(/^\/\/ ---- /m).find((s) => s.startsWith(`${file}\n`));

test('orders modules dependencies-first (DFS post-order, imports in source order)', () => {
  const { text, modules } = bundleFix('basic');
  const order = ['kernel/lib/consts.ts', 'kernel/arch/i386/io.ts', 'kernel/lib/math.ts', 'kernel/lib/types.ts', 'kernel/main.ts'];
  assert.deepEqual(modules, order);
  assert.deepEqual(sections(text), order);
});

test('keeps type annotations, comments and interfaces; removes imports without shifting lines', () => {
  const { text } = bundleFix('basic');
  assert.match(text, /const outb = \(port: number, value: number\): void => \{/);
  assert.match(text, /\/\*\* Adds two numbers\. \*\/\nfunction add\(a: number, b: number\): number \{/);
  assert.match(text, /interface Vec \{\n  x: number;\n  y: number;\n\}/);
  assert.match(text, /const v: Vec = \{ x: add\(1, 2\), y: scale\(magic\) \};/);
  assert.doesNotMatch(text, /^\s*import\b/m);
  // The multi-line import in io.ts is blanked; the module keeps its line count.
  const src = fs.readFileSync(path.join(FIX, 'basic/kernel/arch/i386/io.ts'), 'utf8');
  assert.equal(section(text, 'kernel/arch/i386/io.ts').split('\n').length - 1, src.split('\n').length);
});

test('strips export from every module except the entry', () => {
  const { text } = bundleFix('basic');
  assert.match(text, /^const FACTOR: number = 3;$/m);
  assert.match(text, /^function add\(/m);
  assert.match(text, /^const scale = /m);
  assert.match(text, /^interface Vec \{/m);
  assert.match(text, /^export const kmain = \(magic: number\): number => \{$/m);
  assert.match(text, /^export function helperExported\(/m);
  assert.equal(text.match(/\bexport\b/g).length, 2);
});

test('import cycles are allowed and ordered deterministically', () => {
  const a = bundleFix('cycle');
  assert.deepEqual(a.modules, ['kernel/b.ts', 'kernel/a.ts', 'kernel/main.ts']);
  assert.equal(bundleFix('cycle').text, a.text);
});

test('top-level name collision across modules names both files and lines', () => {
  assert.deepEqual(bundleErrors('collision'), [
    'kernel/b.ts:3:10: error: top-level function `scratch` collides with variable `scratch` at kernel/a.ts:1 (all modules share one scope in the bundle)',
  ]);
});

test('porffor C-name clashes: duplicate (nested) function names, variable vs function', () => {
  const errs = bundleErrors('porffor-names');
  assert.equal(errs.length, 2);
  assert.match(errs[0], /^kernel\/two\.ts:2:9: error: function `step` has the same name as the function at kernel\/one\.ts:2/);
  assert.match(errs[1], /^kernel\/main\.ts:3:5: error: top-level variable `counter` has the same name as the function at kernel\/two\.ts:3/);
});

const importErrors = {
  'alias.ts': /^alias\.ts:1:10: error: aliased import `one as uno`/,
  'default.ts': /^default\.ts:1:8: error: default import `one`/,
  'namespace.ts': /^namespace\.ts:1:8: error: namespace import `\* as lib`/,
  'side-effect.ts': /^side-effect\.ts:1:1: error: side-effect-only import/,
  'dynamic.ts': /^dynamic\.ts:1:54: error: dynamic import\(\) is not supported/,
  'reexport.ts': /^relay\.ts:1:1: error: re-exports \(`export \.\.\. from`\) are supported only in the entry module/,
  'export-list.ts': /^export-list\.ts:2:1: error: export lists/,
  'export-default.ts': /^export-default\.ts:2:1: error: `export default`/,
  'extension.ts': /^extension\.ts:1:21: error: import of "\.\/lib\.ts": use an extensionless specifier/,
  'unresolved.ts': /^unresolved\.ts:1:21: error: cannot resolve import "\.\/nothere"/,
  'type-alias.ts': /^type-alias\.ts:2:10: error: aliased import `Num as N2`/,
};
for (const [entry, re] of Object.entries(importErrors)) {
  test(`import/export error: ${entry}`, () => {
    const errs = bundleErrors('errors', entry);
    assert.equal(errs.length, 1, errs.join('\n'));
    assert.match(errs[0], re);
  });
}

test('the entry re-exports a function: it keeps `export` where it is declared; the module\'s other exports drop it', () => {
  const r = bundleFix('reexport');
  assert.deepEqual(r.modules, ['kernel/trap/trap.ts', 'kernel/main.ts']);
  assert.match(r.text, /^export const handleTrap = \(frame: number\): void => \{$/m);
  assert.match(r.text, /^const helper = \(\): number => 1;$/m);
  assert.doesNotMatch(r.text, /export \{/);
});

test('importing a name the target does not export is an error (one per name)', () => {
  assert.deepEqual(bundleErrors('errors', 'missing-export.ts'), [
    'missing-export.ts:1:15: error: "./lib" (lib.ts) does not export `hidden` (it is declared at line 2 but not exported)',
    'missing-export.ts:1:23: error: "./lib" (lib.ts) does not export `nope`',
  ]);
});

test('`import type` from a .d.ts is dropped, not bundled, but listed as a dependency; value imports from it are errors', () => {
  const r = bundleFix('dts');
  assert.deepEqual(r.modules, ['kernel/main.ts']);
  assert.deepEqual(r.deps, ['kernel/main.ts', 'kernel/hw.d.ts']);
  assert.match(r.text, /^export const kmain = \(r: Regs\): number => r\.eax;$/m);
  assert.match(bundleErrors('dts', 'kernel/bad.ts')[0], /^kernel\/bad\.ts:1:22: error: import of "\.\/hw" resolves to declaration file kernel\/hw\.d\.ts/);
});

test('CLI: writes bundle and Makefile deps file', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
  try {
    const cwd = path.join(tmp, 'w');
    fs.cpSync(path.join(FIX, 'basic'), cwd, { recursive: true });
    const r = spawnSync(process.execPath, [TOOL, 'kernel/main.ts', '-o', 'build/kernel.bundle.ts', '--deps', 'build/kernel.bundle.d'], { cwd, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(fs.readFileSync(path.join(cwd, 'build/kernel.bundle.ts'), 'utf8'), bundle({ entry: 'kernel/main.ts', cwd }).text);
    assert.equal(fs.readFileSync(path.join(cwd, 'build/kernel.bundle.d'), 'utf8'),
      'build/kernel.bundle.ts: kernel/main.ts kernel/lib/consts.ts kernel/arch/i386/io.ts kernel/lib/math.ts kernel/lib/types.ts\n'
      + '\nkernel/main.ts:\n\nkernel/lib/consts.ts:\n\nkernel/arch/i386/io.ts:\n\nkernel/lib/math.ts:\n\nkernel/lib/types.ts:\n');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('CLI: errors go to stderr as file:line:col: error: message, exit 1, no output written', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
  try {
    const r = spawnSync(process.execPath, [TOOL, 'alias.ts', '-o', path.join(tmp, 'out.ts')], { cwd: path.join(FIX, 'errors'), encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^alias\.ts:1:10: error: aliased import/);
    assert.ok(!fs.existsSync(path.join(tmp, 'out.ts')));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('end-to-end: bundle of a 2-module kernel type-checks as one file and runs correctly after type stripping', async () => {
  const { text, modules } = bundleFix('e2e');
  assert.deepEqual(modules, ['kernel/ring.ts', 'kernel/main.ts']);
  assert.match(text, /private readonly buf: Uint8Array;/);

  // The bundle alone is a valid, well-typed program (one scope, no imports).
  const host = ts.createCompilerHost({});
  const file = path.join(FIX, 'e2e', '__bundle__.ts');
  const orig = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v, ...rest) => (f === file ? ts.createSourceFile(f, text, v, true) : orig(f, v, ...rest));
  const program = ts.createProgram({ rootNames: [file], host,
    options: { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2022.d.ts'], types: [] } });
  const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  assert.deepEqual(diags, []);

  // Strip types and run it: same result as the unbundled semantics.
  const js = ts.transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-e2e-'));
  try {
    const out = path.join(tmp, 'kernel.mjs');
    fs.writeFileSync(out, js);
    const mod = await import(pathToFileURL(out).href);
    // Ring of capacity 4 keeps the last 4 bytes of "hello!": "o!" overwrite "he" -> l,l,o,! wrapped.
    const expected = [..."hello!"].map((c) => c.charCodeAt(0)).slice(-4).reduce((s, b) => (s + b) % 65521, 0);
    assert.equal(mod.kmain('hello!'), `size=4 sum=${expected}`);
    assert.equal(mod.kmain('ab'), `size=2 sum=${97 + 98}`);
    assert.deepEqual(Object.keys(mod).sort(), ['kmain']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
