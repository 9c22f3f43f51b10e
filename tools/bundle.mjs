#!/usr/bin/env node
// Type-preserving kernel bundler: concatenates the kernel's module graph into one .ts file for porffor.
//
//   node tools/bundle.mjs kernel/main.ts -o build/kernel.bundle.ts [--deps build/kernel.bundle.d]
//
// Errors are printed as `file:line:col: error: message`; exit status 1 on error, 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, BundleError, formatDiagnostic } from './lib/bundler.mjs';
import { displayPath } from './lib/common.mjs';

const USAGE = 'usage: node tools/bundle.mjs <entry.ts> -o <out.ts> [--deps <out.d>]';

/** { entry, out, deps } from the command line; exits 2 on bad usage. */
function readArgs() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: 'string', short: 'o' }, deps: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    console.error(`bundle: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); process.exit(0); }
  if (positionals.length !== 1 || !values.out) { console.error(USAGE); process.exit(2); }
  return { entry: positionals[0], out: values.out, deps: values.deps ?? null };
}

const args = readArgs();
const cwd = process.cwd();
let result;
try {
  result = bundle({ entry: args.entry, cwd });
} catch (e) {
  if (e instanceof BundleError) {
    for (const d of e.diagnostics) console.error(formatDiagnostic(d));
    process.exit(1);
  }
  throw e;
}
const write = (file, text) => {
  fs.mkdirSync(path.dirname(path.resolve(cwd, file)), { recursive: true });
  fs.writeFileSync(path.resolve(cwd, file), text);
};
write(args.out, result.text);
if (args.deps) write(args.deps, result.depfile(displayPath(path.resolve(cwd, args.out), cwd)));
