// Shows that the stock (unpatched) porffor 0.61.13 fails the regression tests
// of tests/porffor/: extracts `npm pack porffor@0.61.13` into
// build/porffor-stock/package (kept between runs), runs porffor.test.mjs with
// PORFFOR_DIR pointing there and prints which repros fail.
//
// Every patch patches/porffor/NN-name.patch must have its repro,
// repros/NN-name.js or .ts, and that repro must fail with the stock
// compiler: exit status 0 when it is so, 1 when a patch has no repro, a
// repro names no patch, or a repro passes on stock (it no longer shows the
// bug its patch fixes). The xNN_* repros may pass or fail here.
//
// Run: node tests/porffor/stock.mjs

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { patchNames, reproProblems } from '../lib/porffor-repros.mjs';

const VERSION = '0.61.13';
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const stockRoot = join(repo, 'build', 'porffor-stock');
const stockDir = join(stockRoot, 'package');

const sh = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
};

const version = existsSync(join(stockDir, 'package.json')) && JSON.parse(readFileSync(join(stockDir, 'package.json'), 'utf8')).version;
if (version !== VERSION || existsSync(join(stockDir, '.tsos-patches'))) {
  rmSync(stockRoot, { recursive: true, force: true });
  mkdirSync(stockRoot, { recursive: true });

  const pack = sh('npm', [ 'pack', `porffor@${VERSION}`, '--silent', '--pack-destination', stockRoot ], { cwd: stockRoot });
  if (pack.status !== 0) {
    console.error(`stock: npm pack porffor@${VERSION} failed:\n${pack.stdout}${pack.stderr}`);
    process.exit(2);
  }
  const tgz = readdirSync(stockRoot).find(x => x.endsWith('.tgz'));
  const tar = sh('tar', [ 'xzf', join(stockRoot, tgz), '-C', stockRoot ]);
  if (tar.status !== 0) {
    console.error(`stock: extracting ${tgz} failed:\n${tar.stderr}`);
    process.exit(2);
  }
}
// its dependencies (acorn...) resolve from <repo>/node_modules, a parent dir

console.log(`stock: testing unpatched porffor ${VERSION} in ${stockDir}`);
const test = sh(process.execPath, [ '--test', '--test-reporter=tap', join(here, 'porffor.test.mjs') ], {
  cwd: repo,
  env: { ...process.env, PORFFOR_DIR: stockDir, PORFFOR_TEST_OUT: join(stockRoot, 'tests') }
});

// nested TAP results of the suite: "    ok 1 - name" / "    not ok 2 - name"
const results = [ ...test.stdout.matchAll(/^ {4}(not ok|ok) \d+ - (.+)$/gm) ].map(m => ({ ok: m[1] === 'ok', name: m[2] }));
if (results.length === 0) {
  console.error(`stock: no test results parsed:\n${test.stdout}${test.stderr}`);
  process.exit(2);
}

const failed = results.filter(x => !x.ok), passed = results.filter(x => x.ok);
for (const x of results) console.log(`  ${x.ok ? 'pass' : 'FAIL'}  ${x.name}`);
console.log(`stock: ${failed.length} of ${results.length} repros fail with unpatched porffor ${VERSION}`);

const patches = patchNames();
const problems = reproProblems(patches, results.map(x => x.name), passed.map(x => x.name));
for (const p of problems) console.error(`stock: ${p}`);
if (problems.length > 0) process.exit(1);
console.log(`stock: each of the ${patches.length} patches has a repro that fails with the stock compiler`);
