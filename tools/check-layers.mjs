#!/usr/bin/env node
// Kernel layer checker: the kernel's folders are floors, and a file imports
// only from floors below its own (docs/kernel-map.md draws them).
//
//   node tools/check-layers.mjs [--root kernel] [--graph]
//
// Rules (each reported as `file:line:col: rule-id: message`, exit 1):
//   layer-arrow    an import whose arrow is not in FLOORS below
//   layer-circle   folders that import each other, directly or round a ring
//   foreign-write  an assignment, compound assignment, ++/-- or element or
//                  property assignment to a binding imported from another
//                  folder: the owner exports a function for it
//   foreign-index  an index (read or write) into a binding imported from
//                  another file: the file that declares a table owns it and
//                  exports accessors (xOf) and setters (prefixSetX)
//   layer-unknown  a kernel file in a folder FLOORS does not name
// --graph prints the folder-to-folder import graph instead.
import { parseArgs } from 'node:util';
import { checkLayers, folderGraph, formatViolation } from './lib/layers.mjs';

const USAGE = 'usage: node tools/check-layers.mjs [--root kernel] [--graph]';
let args;
try {
  args = parseArgs({ options: { root: { type: 'string', default: 'kernel' }, graph: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (e) {
  console.error(`check-layers: ${e.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) { console.log(USAGE); process.exit(0); }

let result;
try {
  result = checkLayers({ root: args.root, cwd: process.cwd() });
} catch (e) {
  console.error(`check-layers: error: ${e.message}`);
  process.exit(2);
}
if (args.graph) {
  for (const [from, tos] of folderGraph(result.imports)) console.log(`${from} -> ${[...tos].sort().join(' ')}`);
  process.exit(0);
}
for (const v of result.violations) console.log(formatViolation(v));
if (result.violations.length) {
  console.error(`check-layers: ${result.violations.length} violation(s) in ${result.filesChecked} file(s)`);
  process.exit(1);
}
console.log(`check-layers: OK (${result.filesChecked} file(s) checked)`);
