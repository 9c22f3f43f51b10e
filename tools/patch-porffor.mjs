#!/usr/bin/env node
// Applies patches/porffor/*.patch (in name order) to node_modules/porffor.
// Runs as the npm postinstall step; safe to run again by hand.
//
// node_modules/porffor/.tsos-patches records what was applied, one
// "<patch name> <sha256>" line per patch. On a later run:
// - stamp equal to the patch set: nothing to do;
// - stamp a prefix of the patch set (patches were added): apply the rest;
// - anything else (a patch changed or was removed): refuse, and ask for a
//   pristine copy (npm ci) since patches cannot be re-applied on top.
// Any failure exits non-zero: a half-patched compiler must not go unnoticed.
//
// Env: PORFFOR_PATCH_TARGET overrides the target directory (to patch a
// separately extracted copy of porffor).

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const EXPECTED_VERSION = '0.61.13';
const STAMP = '.tsos-patches';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const patchDir = join(root, 'patches', 'porffor');
const target = resolve(process.env.PORFFOR_PATCH_TARGET || join(root, 'node_modules', 'porffor'));

const fail = msg => {
  console.error(`patch-porffor: ${msg}`);
  process.exit(1);
};

if (!existsSync(join(target, 'package.json'))) {
  // eg `npm ci --omit=dev`: there is no compiler to patch
  console.log(`patch-porffor: ${target} not installed, nothing to patch`);
  process.exit(0);
}

const version = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).version;
if (version !== EXPECTED_VERSION)
  fail(`${target} is porffor ${version}, the patches are for ${EXPECTED_VERSION}`);

const patches = (existsSync(patchDir) ? readdirSync(patchDir) : [])
  .filter(x => x.endsWith('.patch'))
  .sort()
  .map(name => {
    const content = readFileSync(join(patchDir, name));
    return { name, content, hash: createHash('sha256').update(content).digest('hex') };
  });
const wanted = patches.map(x => `${x.name} ${x.hash}`);

const stampPath = join(target, STAMP);
const applied = existsSync(stampPath)
  ? readFileSync(stampPath, 'utf8').split('\n').filter(Boolean)
  : [];

const isPrefix = applied.length <= wanted.length && applied.every((x, i) => x === wanted[i]);
if (!isPrefix) {
  fail(`${target} has a different set of patches applied than patches/porffor/ holds:\n` +
    `  applied: ${applied.join(', ') || '(none)'}\n` +
    `  wanted:  ${wanted.join(', ') || '(none)'}\n` +
    `Get a pristine copy and re-run: npm ci   (or: rm -rf ${target} && npm install)`);
}

if (applied.length === wanted.length) {
  console.log(`patch-porffor: ${applied.length} patch(es) already applied to ${target}`);
  process.exit(0);
}

const runPatch = (args, input) => spawnSync('patch', [ '-p1', '--forward', '--batch', '--no-backup-if-mismatch', '-r', '-', '-d', target, ...args ], { input, encoding: 'utf8' });

for (const p of patches.slice(applied.length)) {
  // dry run first so a patch that does not apply leaves no partial changes
  const dry = runPatch([ '--dry-run' ], p.content);
  if (dry.error) fail(`could not run patch(1): ${dry.error.message}`);
  if (dry.status !== 0)
    fail(`${p.name} does not apply to ${target}:\n${dry.stdout}${dry.stderr}` +
      `If node_modules/porffor is not pristine, run: npm ci`);

  const res = runPatch([], p.content);
  if (res.status !== 0) fail(`applying ${p.name} failed:\n${res.stdout}${res.stderr}`);

  // record after each patch so the stamp always tells the truth
  applied.push(`${p.name} ${p.hash}`);
  writeFileSync(stampPath, applied.join('\n') + '\n');
  console.log(`patch-porffor: applied ${p.name}`);
}

console.log(`patch-porffor: ${applied.length} patch(es) applied to ${target}`);
