#!/usr/bin/env node
// Kernel subset checker: reports uses of TypeScript features the porffor-compiled kernel must not use.
//
//   node tools/check-subset.mjs [--root kernel] [--project tsconfig.json] [files...]
//
// Prints `file:line:col: rule-id: message` per violation and exits 1, else prints an OK line and exits 0.
// Suppress one rule on one line with `// subset-allow: <rule-id> <reason>` on the line before it.
import { parseArgs } from 'node:util';
import { checkSubset, formatViolation, RULES } from './lib/subset.mjs';

const USAGE = 'usage: node tools/check-subset.mjs [--root kernel] [--project tsconfig.json] [files...]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { root: { type: 'string', default: 'kernel' }, project: { type: 'string', short: 'p' }, rules: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (e) {
  console.error(`check-subset: ${e.message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help) { console.log(USAGE); process.exit(0); }
if (values.rules) { for (const [id, d] of Object.entries(RULES)) console.log(`${id}: ${d}`); process.exit(0); }
if (!values.root || values.project === '') { console.error(USAGE); process.exit(2); }
const opts = { root: values.root, files: positionals, project: values.project };

let result;
try {
  result = checkSubset({ ...opts, cwd: process.cwd() });
} catch (e) {
  console.error(`check-subset: error: ${e.message}`);
  process.exit(2);
}
for (const v of result.violations) console.log(formatViolation(v));
if (result.violations.length) {
  console.error(`check-subset: ${result.violations.length} violation(s) in ${result.filesChecked} file(s)`);
  process.exit(1);
}
console.log(`check-subset: OK (${result.filesChecked} file(s) checked)`);
