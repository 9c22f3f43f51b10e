// How much of the compiled kernel still computes in floating point: of the
// functions the kernel's TypeScript defines (porffor's own builtins aside),
// how many take an f64 parameter or declare an f64 local in build/kernel.c,
// and how many type-tag parameters ride beside the values. Integer kernel code
// should have neither; `make bench` prints and records the figures.
//   node tools/f64-census.mjs [--list] [build/kernel.c] [build/kernel.bundle.ts]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const DEFINITION = /^[A-Za-z_][\w ]*?\b(\w+)\((.*)\) \{$/;
const LOCAL = /^  ([A-Za-z_]\w*(?: \w+)*?) \**[A-Za-z_]\w*(?:\[\d*\])?;$/;
const SOURCE_FUNCTION = /^(?:export )?(?:function (\w+)\s*\(|const (\w+)\s*=\s*\()/gm;

/** Every function definition in porffor's C: { name, params, locals }, params and locals as C type strings. */
export function compiledFunctions(c) {
  const functions = [];
  let current = null;
  for (const line of c.split('\n')) {
    if (current === null) {
      const m = DEFINITION.exec(line);
      if (m) current = { name: m[1], params: m[2] === '' ? [] : m[2].split(', ').map((p) => p.slice(0, p.lastIndexOf(' '))), paramNames: m[2] === '' ? [] : m[2].split(', ').map((p) => p.slice(p.lastIndexOf(' ') + 1)), locals: [] };
      continue;
    }
    if (line === '}') { functions.push(current); current = null; continue; }
    const local = LOCAL.exec(line);
    if (local) current.locals.push(local[1]);
  }
  return functions;
}

/** The census of the kernel's own functions: totals, and the names of those computing in f64. */
export function census(c, bundle) {
  const own = new Set();
  for (const m of bundle.matchAll(SOURCE_FUNCTION)) own.add(m[1] ?? m[2]);
  const kernel = compiledFunctions(c).filter((f) => own.has(f.name));
  const withF64 = kernel.filter((f) => f.params.includes('f64') || f.locals.includes('f64'));
  const typeTags = kernel.reduce((n, f) => n + f.paramNames.filter((p) => p.endsWith('jjtype')).length, 0);
  return { functions: kernel.length, withF64: withF64.map((f) => f.name), typeTagParams: typeTags };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({ options: { list: { type: 'boolean' } }, allowPositionals: true });
  const [cPath = 'build/kernel.c', bundlePath = 'build/kernel.bundle.ts'] = positionals;
  const result = census(readFileSync(cPath, 'utf8'), readFileSync(bundlePath, 'utf8'));
  console.log(`kernel functions with f64 parameters or locals: ${result.withF64.length} of ${result.functions} (${((100 * result.withF64.length) / result.functions).toFixed(1)}%); type-tag parameters: ${result.typeTagParams}`);
  if (values.list) for (const name of result.withF64) console.log(`  ${name}`);
}
