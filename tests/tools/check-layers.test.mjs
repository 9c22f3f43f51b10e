// Tests for tools/check-layers.mjs. Fixtures: tests/tools/fixtures/layers/<case>/kernel/**, one per
// rule, each failing exactly where its `// expect: rule-id` comments say; the real kernel passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { arrowAllowed, checkLayers, FLOORS, formatViolation, RULES, SHARED } from '../../tools/lib/layers.mjs';
import { expectations } from '../lib/fixture-expectations.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.join(here, '..', '..');
const FIX = path.join(here, 'fixtures', 'layers');
const TOOL = path.join(REPO, 'tools', 'check-layers.mjs');

function assertFixture(name, rule) {
  const cwd = path.join(FIX, name);
  const { violations } = checkLayers({ cwd, root: 'kernel' });
  const got = violations.map((v) => `${v.file}:${v.line}:${v.rule}`).sort();
  const want = expectations(cwd);
  assert.ok(want.length > 0 && want.every((w) => w.endsWith(`:${rule}`)), 'fixture expects only its rule');
  assert.deepEqual(got, want, violations.map(formatViolation).join('\n'));
}

test('layer-arrow: a floor importing from a floor above it', () => assertFixture('arrow', 'layer-arrow'));
test('layer-circle: folders importing each other (api and lib may, but not both ways)', () => assertFixture('circle', 'layer-circle'));
test('foreign-write: =, +=, ++, -- into an imported table; reads, the owner\'s setter and shadowing locals pass', () =>
  assertFixture('write', 'foreign-write'));
test('layer-unknown: a folder on no floor', () => assertFixture('unknown', 'layer-unknown'));

test('clean fixture passes', () => {
  const { violations, filesChecked } = checkLayers({ cwd: path.join(FIX, 'clean'), root: 'kernel' });
  assert.deepEqual(violations.map(formatViolation), []);
  assert.equal(filesChecked, 6);
});

test('the kernel passes: imports point down, no folder circles, no foreign writes or indexes', () => {
  const { violations, filesChecked } = checkLayers({ cwd: REPO, root: 'kernel' });
  assert.deepEqual(violations.map(formatViolation), []);
  assert.ok(filesChecked > 50);
});

test('every kernel folder is on a floor, and the floors are as docs/kernel-map.md draws them', () => {
  const folders = new Set();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        const rel = path.relative(path.join(REPO, 'kernel'), d).split(path.sep).join('/');
        folders.add(rel === '' ? '.' : rel);
      }
    }
  };
  walk(path.join(REPO, 'kernel'));
  const known = new Set([...SHARED, ...FLOORS.flat()]);
  for (const f of folders) assert.ok(known.has(f), `${f}/ is on no floor`);
  const map = fs.readFileSync(path.join(REPO, 'docs', 'kernel-map.md'), 'utf8');
  for (const f of FLOORS.flat().filter((x) => x !== '.')) assert.match(map, new RegExp(`kernel/${f}/`), `docs/kernel-map.md names kernel/${f}/`);
});

test('arrows: down and to the shared folders only', () => {
  assert.ok(arrowAllowed('syscalls', 'fs'));
  assert.ok(arrowAllowed('devices', 'arch/i386'));
  assert.ok(arrowAllowed('arch/i386', 'api'));
  assert.ok(!arrowAllowed('arch/i386', 'devices'));
  assert.ok(!arrowAllowed('fs', 'syscalls'));
  assert.ok(!arrowAllowed('lib', 'arch/i386'));
  assert.ok(arrowAllowed('lib', 'api'));
});

test('every rule has a fixture', () => {
  for (const r of Object.keys(RULES)) {
    const has = fs.readdirSync(FIX).some((c) => c !== 'clean' && expectations(path.join(FIX, c)).some((e) => e.endsWith(`:${r}`)));
    assert.ok(has, r);
  }
});

test('CLI: violations as file:line:col: rule: message, exit 1; OK and exit 0; --graph', () => {
  const bad = spawnSync(process.execPath, [TOOL], { cwd: path.join(FIX, 'arrow'), encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^kernel\/arch\/i386\/serial\.ts:2:1: layer-arrow: /);
  const ok = spawnSync(process.execPath, [TOOL, '--root', 'kernel'], { cwd: path.join(FIX, 'clean'), encoding: 'utf8' });
  assert.equal(ok.status, 0);
  assert.match(ok.stdout.trim(), /^check-layers: OK \(6 file\(s\) checked\)$/);
  const graph = spawnSync(process.execPath, [TOOL, '--graph'], { cwd: path.join(FIX, 'clean'), encoding: 'utf8' });
  assert.equal(graph.status, 0);
  assert.match(graph.stdout, /^proc -> devices$/m);
  const usage = spawnSync(process.execPath, [TOOL, '--bogus'], { cwd: path.join(FIX, 'clean'), encoding: 'utf8' });
  assert.equal(usage.status, 2);
});
