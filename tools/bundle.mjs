#!/usr/bin/env node
// Type-preserving kernel bundler: concatenates the kernel's module graph into one .ts file for porffor.
//
//   node tools/bundle.mjs kernel/main.ts -o build/kernel.bundle.ts [--deps build/kernel.bundle.d]
//
// Errors are printed as `file:line:col: error: message`; exit status 1 on error, 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { bundle, BundleError, formatDiagnostic } from './lib/bundler.mjs';
import { displayPath } from './lib/common.mjs';

const USAGE = 'usage: node tools/bundle.mjs <entry.ts> -o <out.ts> [--deps <out.d>]';

function parseArgs(argv) {
  const a = { entry: null, out: null, deps: null };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '-o' || x === '--out') a.out = argv[++i];
    else if (x === '--deps') a.deps = argv[++i];
    else if (x === '-h' || x === '--help') { console.log(USAGE); process.exit(0); }
    else if (x.startsWith('-') || a.entry) { console.error(`bundle: unexpected argument '${x}'\n${USAGE}`); process.exit(2); }
    else a.entry = x;
  }
  if (!a.entry || !a.out || a.deps === undefined || a.out === undefined) { console.error(USAGE); process.exit(2); }
  return a;
}

const args = parseArgs(process.argv.slice(2));
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
