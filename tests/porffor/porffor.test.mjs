// Regression tests for the patched porffor compiler (patches/porffor/).
//
// Each program in tests/porffor/repros/ is compiled JS/TS -> C with porffor,
// C -> i686 executable with gcc -m32, run, and its stdout compared with what
// node prints for the same program (print(x) = write String(x), printChar(c) =
// write String.fromCharCode(c), no newlines). Porffor.c and Porffor.wasm
// (inline C and Wasm) are no-ops returning undefined in node: a repro that
// uses them gives the JS fallback.
//
// repros/NN-name.{js,ts} guards patches/porffor/NN-name.patch: it fails with
// the compiler unpatched (patch-repros.test.mjs checks that each patch has
// one, tests/porffor/stock.mjs that it fails on stock). repros/xNN_*.{js,ts}
// are further regression checks of the patched compiler, bound to no patch.
//
// Header comments a repro may have (first lines):
//   // expect-fail-message: TEXT   the program may instead exit non-zero
//                                  printing TEXT (a loud failure is fine,
//                                  a silently wrong result is not)
//   // c-contains: TEXT            the generated C must contain TEXT
//
// Env: PORFFOR_DIR      compiler to test (default <repo>/node_modules/porffor)
//      PORFFOR_TEST_OUT build directory (default <repo>/build/porffor-tests)
//
// Run: node --test tests/porffor/

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { reproFiles, REPRO_DIR } from '../lib/porffor-repros.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const porfforDir = resolve(process.env.PORFFOR_DIR || join(repo, 'node_modules', 'porffor'));
const outDir = resolve(process.env.PORFFOR_TEST_OUT || join(repo, 'build', 'porffor-tests'));

const ts = createRequire(join(repo, 'package.json'))('typescript');

const run = (file, args, opts = {}) => new Promise(res => {
  execFile(file, args, { maxBuffer: 64 << 20, ...opts }, (error, stdout, stderr) => {
    res({ code: error ? (typeof error.code === 'number' ? error.code : (error.signal ?? error.code ?? 1)) : 0, stdout, stderr, error });
  });
});

// what node prints for the program
const expectedOutput = source => {
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS }
  }).outputText;

  let out = '';
  const print = x => { out += String(x); };
  const printChar = c => { out += String.fromCharCode(c); };
  const Porffor = { c: () => {}, wasm: () => undefined };
  new Function('print', 'printChar', 'Porffor', 'exports', 'module', 'require', js)(
    print, printChar, Porffor, {}, { exports: {} }, () => { throw new Error('no imports in repros'); });
  return out;
};

const headers = source => {
  const h = {};
  for (const line of source.split('\n')) {
    const m = line.match(/^\/\/\s*(expect-fail-message|c-contains):\s*(.*)$/);
    if (m) h[m[1]] = m[2].trim();
  }
  return h;
};

const tail = (s, n = 1500) => s.length > n ? '...' + s.slice(-n) : s;

const repros = reproFiles();

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

describe(`porffor repros (${porfforDir})`, { concurrency: Math.max(2, availableParallelism()) }, () => {
  for (const name of repros) {
    it(name, async () => {
      const src = join(REPRO_DIR, name);
      const source = readFileSync(src, 'utf8');
      const h = headers(source);
      const expected = expectedOutput(source);

      const dir = join(outDir, name.replace(/\W/g, '_'));
      mkdirSync(dir, { recursive: true });
      const cFile = join(dir, 'out.c'), exe = join(dir, 'a.out');

      const porf = await run(process.execPath, [ join(porfforDir, 'runtime', 'index.js'), 'c', '--module', src, cFile ], { cwd: dir, timeout: 60_000 });
      assert.equal(porf.code, 0, `porffor failed to compile ${name}:\n${tail(porf.stdout + porf.stderr)}`);

      if (h['c-contains']) {
        assert.ok(readFileSync(cFile, 'utf8').includes(h['c-contains']), `generated C lacks: ${h['c-contains']}`);
      }

      const gcc = await run('gcc', [ '-m32', '-O1', '-fwrapv', '-w', cFile, '-lm', '-o', exe ], { cwd: dir, timeout: 120_000 });
      assert.equal(gcc.code, 0, `gcc failed on the C of ${name}:\n${tail(gcc.stderr, 3000)}`);

      const exec = await run(exe, [], { cwd: dir, timeout: 20_000 });
      if (h['expect-fail-message'] && exec.code !== 0) {
        assert.ok((exec.stdout + exec.stderr).includes(h['expect-fail-message']),
          `${name} exited ${exec.code} without the expected message '${h['expect-fail-message']}':\n${tail(exec.stdout + exec.stderr)}`);
        return;
      }

      assert.equal(exec.code, 0, `${name} exited with ${exec.code}:\n${tail(exec.stdout + exec.stderr)}`);
      assert.equal(exec.stdout, expected, `${name}: output differs from node`);
    });
  }
});
