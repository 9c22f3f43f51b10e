#!/usr/bin/env node
// Kernel subset checker: reports uses of TypeScript features the porffor-compiled kernel must not use.
//
//   node tools/check-subset.mjs [--root kernel] [--project tsconfig.json] [files...]
//
// Prints `file:line:col: rule-id: message` per violation and exits 1, else prints an OK line and exits 0.
// Suppress one rule on one line with `// subset-allow: <rule-id> <reason>` on the line before it.
import { checkSubset, formatViolation, RULES } from './lib/subset.mjs';

const USAGE = 'usage: node tools/check-subset.mjs [--root kernel] [--project tsconfig.json] [files...]';
const argv = process.argv.slice(2);
const opts = { root: 'kernel', files: [], project: undefined };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--root') opts.root = argv[++i];
  else if (a === '--project' || a === '-p') opts.project = argv[++i];
  else if (a === '--rules') { for (const [id, d] of Object.entries(RULES)) console.log(`${id}: ${d}`); process.exit(0); }
  else if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
  else if (a.startsWith('-')) { console.error(`check-subset: unknown option '${a}'\n${USAGE}`); process.exit(2); }
  else opts.files.push(a);
}
if (!opts.root || (argv.includes('--project') && !opts.project)) { console.error(USAGE); process.exit(2); }

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
