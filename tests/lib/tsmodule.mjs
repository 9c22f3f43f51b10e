// Loads kernel TypeScript modules under node for host unit tests: each
// module and its relative imports are transpiled (types stripped) into
// build/host/, with import specifiers pointed at the .mjs outputs.
import ts from 'typescript';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, BUILD } from '../../tools/qemu.mjs';

const HOST = join(BUILD, 'host');

/** Strips the types of one TypeScript source. */
export function stripTypes(source) {
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
}

function transpileTree(file, done) {
  if (done.has(file)) return;
  done.add(file);
  const js = stripTypes(readFileSync(file, 'utf8')).replace(/from "(\.[^"]+)"/g, (_, spec) => {
    transpileTree(resolve(dirname(file), `${spec}.ts`), done);
    return `from "${spec}.mjs"`;
  });
  const out = join(HOST, relative(ROOT, file)).replace(/\.ts$/, '.mjs');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, js);
}

/** Imports a kernel module (path relative to the repository) under node. */
export async function importKernelModule(path) {
  const file = join(ROOT, path);
  transpileTree(file, new Set());
  return import(pathToFileURL(join(HOST, path.replace(/\.ts$/, '.mjs'))).href);
}
