// The rule binding porffor's patches to their regression tests: the patch
// patches/porffor/NN-name.patch is guarded by tests/porffor/repros/NN-name.js
// (or .ts), a program whose output is wrong with the compiler unpatched.
// Other repros (xNN_*) are further checks bound to no single patch.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
export const PATCH_DIR = join(ROOT, 'patches', 'porffor');
export const REPRO_DIR = join(ROOT, 'tests', 'porffor', 'repros');

/** The patch names (NN-name, without .patch), sorted. */
export const patchNames = () => readdirSync(PATCH_DIR).filter((f) => f.endsWith('.patch')).map((f) => f.slice(0, -'.patch'.length)).sort();

/** The repro file names (NN-name.js, xNN_name.ts, ...), sorted. */
export const reproFiles = () => readdirSync(REPRO_DIR).filter((f) => /\.(js|ts)$/.test(f)).sort();

const stem = (file) => file.replace(/\.(js|ts)$/, '');
const isPatchRepro = (file) => /^\d\d-/.test(file);

/**
 * What breaks the rule, one message each: a patch without exactly one repro,
 * a NN-* repro that names no patch, and (given the repro files that passed
 * with the stock compiler) a patch repro that does not show its bug.
 */
export function reproProblems(patches, repros, passedOnStock = []) {
  const bound = repros.filter(isPatchRepro);
  return [
    ...patches.filter((p) => bound.filter((r) => stem(r) === p).length !== 1)
      .map((p) => `patch ${p}.patch needs exactly one repro, ${p}.js or ${p}.ts`),
    ...bound.filter((r) => !patches.includes(stem(r))).map((r) => `repro ${r} names no patch of patches/porffor/`),
    ...bound.filter((r) => passedOnStock.includes(r))
      .map((r) => `repro ${r} passes with the stock compiler: it does not show the bug ${stem(r)}.patch fixes`),
  ];
}
