#!/usr/bin/env node
// Writes the integer-expression corpus: a TypeScript program in the kernel
// subset that evaluates JavaScript integer expressions (|0, >>>0, Math.imul,
// truncating / and %, shifts, bitwise operators, comparisons, typed-array
// stores) over edge and seeded random operands and prints "index result" per
// line, and a sidecar naming each index's expression and operands.
// tests/unit/differential.test.mjs runs the program under node and compiled by
// the kernel's pipeline; the outputs must be identical (docs/testing-integers.md).
//
//   node tools/gen-int-corpus.mjs -o build/unit/int_corpus.ts [--seed N]
//
// The sidecar goes next to the program, .ts replaced by .txt, one line per
// index in print order.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node tools/gen-int-corpus.mjs -o <out.ts> [--seed N]';

/** Deterministic 32-bit generator (mulberry32), so a seed names one corpus. */
function random32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * The operand tables: I is an Int32Array, U a Uint32Array, S (shift counts)
 * an Int32Array. Small random values exercise the ordinary cases, large ones
 * the carries and the sign bit.
 */
function operandTables(seed) {
  const next = random32(seed);
  const small = () => (next() % 2001) - 1000;
  const I = [0, 1, -1, 2, 0x7fffffff, -0x80000000, small(), small(), next() | 0, next() | 0];
  const U = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xc0000000, 0xfffff000, small() & 0x3ff, next(), next()];
  const S = [0, 1, 5, 31, 32, 33, -1, 63, 64 + (next() % 192)];
  return { I, U, S };
}

/**
 * The expression templates over operands a and b. Each runs on the operand
 * domains listed: two letters are a's table and b's. `store` also writes the
 * value into an Int32Array and a Uint32Array and prints what they read back.
 */
const BINARY_ALL = ['II', 'UU', 'IU', 'UI'];
const TEMPLATES = [
  { expr: '(a + b) | 0', domains: BINARY_ALL, store: true },
  { expr: '(a - b) | 0', domains: BINARY_ALL, store: true },
  { expr: '(a * b) | 0', domains: BINARY_ALL, store: true },
  { expr: 'Math.imul(a, b)', domains: BINARY_ALL },
  { expr: '(a + b) >>> 0', domains: BINARY_ALL },
  { expr: '(a - b) >>> 0', domains: BINARY_ALL },
  { expr: '(a * b) >>> 0', domains: BINARY_ALL },
  { expr: 'Math.imul(a, b) >>> 0', domains: BINARY_ALL },
  { expr: 'a + b', domains: ['II', 'UU', 'IU'], store: true },
  { expr: 'a - b', domains: ['II', 'UU', 'UI'], store: true },
  // a / 0 and a % 0 are infinite or NaN, which | 0 and >>> 0 make 0
  { expr: '(a / b) | 0', domains: BINARY_ALL, store: true },
  { expr: '(a % b) | 0', domains: BINARY_ALL },
  { expr: '(a / b) >>> 0', domains: BINARY_ALL },
  { expr: '(a % b) >>> 0', domains: BINARY_ALL },
  { expr: 'a & b', domains: BINARY_ALL },
  { expr: 'a | b', domains: BINARY_ALL },
  { expr: 'a ^ b', domains: BINARY_ALL },
  { expr: '(a & b) >>> 0', domains: ['UU', 'IU'] },
  { expr: '(a | b) >>> 0', domains: ['UU', 'IU'] },
  { expr: '(a ^ b) >>> 0', domains: ['UU', 'IU'] },
  { expr: 'a < b ? 1 : 0', domains: BINARY_ALL },
  { expr: 'a <= b ? 1 : 0', domains: BINARY_ALL },
  { expr: 'a > b ? 1 : 0', domains: BINARY_ALL },
  { expr: 'a >= b ? 1 : 0', domains: BINARY_ALL },
  { expr: 'a === b ? 1 : 0', domains: BINARY_ALL },
  { expr: 'a !== b ? 1 : 0', domains: BINARY_ALL },
  { expr: '(a | 0) < (b | 0) ? 1 : 0', domains: ['UU'] },
  { expr: 'a >>> 0 < b >>> 0 ? 1 : 0', domains: ['II', 'IU'] },
  { expr: 'a << b', domains: ['IS', 'US'] },
  { expr: 'a >> b', domains: ['IS', 'US'] },
  { expr: 'a >>> b', domains: ['IS', 'US'] },
  { expr: '(a << b) >>> 0', domains: ['IS', 'US'] },
  { expr: 'a', domains: ['I', 'U'], store: true },
  { expr: '~a', domains: ['I', 'U'] },
  { expr: '~a >>> 0', domains: ['I', 'U'] },
  { expr: '~~a', domains: ['I', 'U'] },
  { expr: 'a | 0', domains: ['I', 'U'] },
  { expr: 'a >>> 0', domains: ['I', 'U'] },
  { expr: '-a | 0', domains: ['I', 'U'] },
  { expr: '-a >>> 0', domains: ['I', 'U'], store: true },
  { expr: '(a + 1) | 0', domains: ['I', 'U'] },
  { expr: '(a + 1) >>> 0', domains: ['I', 'U'] },
  { expr: '(a - 1) >>> 0', domains: ['I', 'U'] },
  { expr: '(a * 3) | 0', domains: ['I', 'U'] },
  { expr: '(a / 3) | 0', domains: ['I', 'U'] },
  { expr: '(a / -3) | 0', domains: ['I', 'U'] },
  { expr: '(a % -3) | 0', domains: ['I', 'U'] },
  ...[0, 1, 31, 32, 33].flatMap((n) => [
    { expr: `a << ${n}`, domains: ['I', 'U'] },
    { expr: `a >> ${n}`, domains: ['I', 'U'] },
    { expr: `a >>> ${n}`, domains: ['I', 'U'] },
  ]),
];

const ARRAY_TYPE = { I: 'Int32Array', U: 'Uint32Array', S: 'Int32Array' };

/** The name of template k's function of its parameters. */
const fnName = (k) => `viaParams${k}`;

/** Prints the value and, for a template that stores, what an Int32Array and a Uint32Array read back. */
function emitLines(expr, store) {
  const lines = [`emit(${expr});`];
  if (store) lines.push(`storedI[0] = ${expr};`, 'emit(storedI[0]);', `storedU[0] = ${expr};`, 'emit(storedU[0]);');
  return lines;
}

/** The program's source and the sidecar's lines, in the order the program prints. */
function generate(tables) {
  const source = [];
  const sidecar = [];
  const describe = (table, index) => {
    const v = tables[table][index];
    return `${table}[${index}]=${v}${v < 0 || v > 9 ? ` (0x${(v >>> 0).toString(16)})` : ''}`;
  };
  const record = (path, t, operands) => {
    const kinds = t.store ? ['', ' -> Int32Array', ' -> Uint32Array'] : [''];
    for (const kind of kinds) sidecar.push(`${sidecar.length} ${path} ${t.expr}${kind}  ${operands}`);
  };

  source.push(
    '// Generated by tools/gen-int-corpus.mjs: do not edit.',
    'declare const print: (value: number) => void;',
    'declare const printChar: (code: number) => void;',
    '',
  );
  for (const [name, values] of Object.entries(tables)) source.push(`const ${name}: ${ARRAY_TYPE[name]} = new ${ARRAY_TYPE[name]}(${values.length});`);
  source.push(
    'const storedI: Int32Array = new Int32Array(1);',
    'const storedU: Uint32Array = new Uint32Array(1);',
    'const counter: Uint32Array = new Uint32Array(1);',
    '',
    'const emit = (value: number): void => {',
    '  print(counter[0]);',
    '  printChar(32);',
    '  print(value);',
    '  printChar(10);',
    '  counter[0] = counter[0] + 1;',
    '};',
    '',
    'const fillTables = (): void => {',
  );
  for (const [name, values] of Object.entries(tables)) values.forEach((v, i) => source.push(`  ${name}[${i}] = ${v};`));
  source.push('};', '');

  TEMPLATES.forEach((t, k) => {
    const params = t.domains[0].length === 2 ? 'a: number, b: number' : 'a: number';
    source.push(`const ${fnName(k)} = (${params}): void => {`, ...emitLines(t.expr, t.store).map((l) => `  ${l}`), '};', '');
  });

  // Per operand domain, one function of the table indices evaluates every
  // template of the domain on the operands read into typed locals, then
  // passes them to the template's function as parameters; one loop per
  // domain calls it, which keeps porffor's unrolling of loops small.
  const domains = [...new Set(TEMPLATES.flatMap((t) => t.domains))];
  for (const domain of domains) {
    const [ta, tb] = domain;
    const body = [`const a: number = ${ta}[i];`];
    if (tb) body.push(`const b: number = ${tb}[j];`);
    const uses = TEMPLATES.map((t, k) => ({ t, k })).filter(({ t }) => t.domains.includes(domain));
    for (const { t, k } of uses) body.push(...emitLines(t.expr, t.store), `${fnName(k)}(${ta}[i]${tb ? `, ${tb}[j]` : ''});`);
    source.push(`const each${domain} = (i: number${tb ? ', j: number' : ''}): void => {`, ...body.map((l) => `  ${l}`), '};', '');
    source.push(`const run${domain} = (): void => {`, `  for (let i: number = 0; i < ${ta}.length; i++) {`);
    source.push(tb ? `    for (let j: number = 0; j < ${tb}.length; j++) each${domain}(i, j);` : `    each${domain}(i);`);
    source.push('  }', '};', '');
    for (let i = 0; i < tables[ta].length; i++) {
      for (let j = 0; j < (tb ? tables[tb].length : 1); j++) {
        const operands = tb ? `a=${describe(ta, i)} b=${describe(tb, j)}` : `a=${describe(ta, i)}`;
        for (const { t } of uses) {
          record('local', t, operands);
          record('param', t, operands);
        }
      }
    }
  }

  source.push('fillTables();', ...domains.map((d) => `run${d}();`), '');
  return { source: source.join('\n'), sidecar: sidecar.join('\n') + '\n' };
}

let parsed;
try {
  parsed = parseArgs({ options: { out: { type: 'string', short: 'o' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', short: 'h' } } });
} catch (e) {
  console.error(`gen-int-corpus: ${e.message}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) { console.log(USAGE); process.exit(0); }
const seed = Number(values.seed);
if (!values.out || !values.out.endsWith('.ts') || !Number.isInteger(seed)) { console.error(USAGE); process.exit(2); }

const { source, sidecar } = generate(operandTables(seed));
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, source);
writeFileSync(values.out.replace(/\.ts$/, '.txt'), sidecar);
console.log(`gen-int-corpus: ${sidecar.split('\n').length - 1} results in ${values.out}`);
