// Tests for the ABI declaration (kernel/api/abi.ts, limits.ts, structs.ts) and its generator
// (tools/gen-abi.mjs): the generator's layout rules, that the committed outputs are current, and
// that libc's headers, compiled by gcc -m32 with the user CFLAGS, agree with the declaration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  generate, readConstants, readStructs, flatFields, renderLayout, GenError, LAYOUT_FILE,
} from '../../tools/gen-abi.mjs';
import { allHeaders, compileWithAllHeaders } from '../lib/libc-headers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GEN = path.join(ROOT, 'tools', 'gen-abi.mjs');

/** Lines asserting each declared struct's size and offsets, for compileWithAllHeaders. */
function structChecks(structs, tweak = (n) => n) {
  const L = [];
  for (const s of structs) {
    L.push(`_Static_assert(sizeof(${s.sizeofName}) == ${tweak(s.size)}, "${s.sizeofName} size");`);
    for (const f of flatFields(s)) {
      L.push(`_Static_assert(__builtin_offsetof(${s.sizeofName}, ${f.path}) == ${f.offset}, "${s.sizeofName}.${f.path}");`);
    }
  }
  return L;
}

test('every libc header compiles with the user CFLAGS and matches every declared struct', () => {
  const { structs } = generate(ROOT);
  const r = compileWithAllHeaders(structChecks(structs));
  assert.equal(r.status, 0, r.stderr);
});

test('the header check fails when a declaration and a header disagree', () => {
  const { structs } = generate(ROOT);
  const stat = structs.filter((s) => s.prefix === 'STAT');
  const r = compileWithAllHeaders(structChecks(stat, (n) => n + 4));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /struct stat size/);
});

test('the committed outputs are what the generator writes', () => {
  const r = spawnSync(process.execPath, [GEN, '--check', '--root', ROOT], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('kernel/api/layout.ts names agree with the computed layout', () => {
  const { structs } = generate(ROOT);
  const text = fs.readFileSync(path.join(ROOT, LAYOUT_FILE), 'utf8');
  const values = new Map([...text.matchAll(/export const (\w+): number = (\d+);/g)].map((m) => [m[1], Number(m[2])]));
  for (const s of structs) {
    assert.equal(values.get(`${s.prefix}_BYTES`), s.size, s.prefix);
    for (const f of flatFields(s)) assert.equal(values.get(`${s.prefix}_${f.kname}_OFFSET`), f.offset, `${s.prefix}_${f.kname}`);
  }
  assert.equal(values.get('MMAP_PARAMS_FD'), 5);
  assert.equal(values.get('MMAP_PARAMS_OFFSET_HIGH'), 7);
  assert.equal(values.get('STAT_ST_SIZE'), 7);
});

test('no libc header outside bits/ defines an ABI constant again', () => {
  const names = new Set(generate(ROOT).constants.map((c) => c.cName));
  const again = [];
  for (const h of allHeaders().filter((x) => !x.startsWith('bits/'))) {
    const text = fs.readFileSync(path.join(ROOT, 'libc', 'include', h), 'utf8');
    for (const m of text.matchAll(/^#define (\w+)\s/gm)) if (names.has(m[1])) again.push(`${h}: ${m[1]}`);
  }
  assert.deepEqual(again, []);
});

test('no handler indexes an array by a number literal into a params struct', () => {
  const offenders = [];
  for (const dir of ['kernel/syscalls', 'kernel/proc']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).filter((x) => x.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(ROOT, dir, f), 'utf8');
      for (const m of text.matchAll(/\b\w*(?:Params|params)\[\d+\]/g)) offenders.push(`${dir}/${f}: ${m[0]}`);
    }
  }
  assert.deepEqual(offenders, []);
});

// --- the generator's rules, on small declarations ---

test('constants: literals, shifts, ors and earlier names; C spelling and prefixes', () => {
  const text = [
    '// abi-header: bits/x.h',
    'export const A: number = 1 << 3;',
    'export const B: number = A | 0o10;',
    '// abi-header: bits/y.h c-prefix=_',
    'export const SC_Z: number = -100;',
  ].join('\n');
  const cs = readConstants(text);
  assert.deepEqual(cs.map((c) => [c.cName, c.header, c.value]), [['A', 'bits/x.h', 8], ['B', 'bits/x.h', 8], ['_SC_Z', 'bits/y.h', -100]]);
});

test('constants: errors name the line', () => {
  assert.throws(() => readConstants('export const A: number = 1;'), /:1: error: .*abi-header/);
  assert.throws(() => readConstants('// abi-header: bits/x.h\nexport const A: number = B;'), /:2: error: .*`B`/);
  assert.throws(() => readConstants('// abi-header: bits/x.h\nexport const A: number = 1;\nexport const A: number = 2;'), /twice/);
});

test('structs: i386 alignment, nested structs, unions, packed records, constant array lengths', () => {
  const constants = readConstants('// abi-header: bits/x.h\nexport const N: number = 5;');
  const text = [
    '  ["Pair", "PAIR", "bits/x.h", ["const char* p", "size_t n"]],',
    '  ["struct big", "BIG", "bits/x.h", [',
    '    "uint16_t a", "int64_t b", "Pair pair", "char name[N]",',
    '    "union { void* x; uint32_t y; }"]],',
    '  ["packed struct rec", "REC", "bits/x.h", ["uint32_t a", "uint8_t b", "uint32_t c"]],',
    '  ["union u", "U", "bits/x.h", ["int a", "int64_t b"]],',
  ].join('\n');
  const [pair, big, rec, u] = readStructs(text, constants);
  assert.equal(pair.size, 8);
  assert.deepEqual(flatFields(big).map((f) => [f.path, f.offset]),
    [['a', 0], ['b', 4], ['pair', 12], ['pair.p', 12], ['pair.n', 16], ['name', 20], ['x', 28], ['y', 28]]);
  assert.equal(big.size, 32);
  assert.equal(rec.size, 9);
  assert.equal(flatFields(rec)[2].offset, 5);
  assert.equal(u.size, 8);
  const layout = renderLayout([pair, big]);
  assert.match(layout, /export const BIG_B: number = 1;/);
  assert.match(layout, /export const BIG_B_HIGH: number = 2;/);
  assert.match(layout, /export const BIG_PAIR_N: number = 4;/);
  assert.match(layout, /export const BIG_NAME_BYTES: number = 5;/);
});

test('structs: unknown types and clashing kernel names are errors', () => {
  assert.throws(() => readStructs('  ["S", "S", "bits/x.h", ["foo_t a"]],', []), (e) => e instanceof GenError && /unknown type `foo_t`/.test(e.message));
  const clash = readStructs('  ["S", "S", "bits/x.h", ["int a_offset", "int a"]],', []);
  assert.throws(() => renderLayout(clash), /two fields give the kernel name `S_A_OFFSET`/);
});
