// libc's headers as the user programs see them: the list of every header, the user CFLAGS, and a
// syntax-only gcc -m32 compile of a C file that includes them all (the ABI tests' checks).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every header under libc/include, '/'-separated and sorted. */
export const allHeaders = () => {
  const dir = path.join(ROOT, 'libc', 'include');
  return fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.h')).map((f) => f.split(path.sep).join('/')).sort();
};

/** USER_CFLAGS of userland/userland.mk, continuation lines joined, dependency flags dropped. */
export function userCflags() {
  const mk = fs.readFileSync(path.join(ROOT, 'userland', 'userland.mk'), 'utf8').replace(/\\\n/g, ' ');
  const line = /^USER_CFLAGS := (.*)$/m.exec(mk);
  if (!line) throw new Error('no USER_CFLAGS in userland/userland.mk');
  return line[1].trim().split(/\s+/).filter((f) => !f.startsWith('-M'));
}

/** gcc's verdict ({status, stderr}) on a C file that includes every libc header, then the given lines. */
export function compileWithAllHeaders(lines) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsos-headers-'));
  const file = path.join(dir, 'headers_check.c');
  fs.writeFileSync(file, [...allHeaders().map((h) => `#include <${h}>`), ...lines].join('\n') + '\n');
  const r = spawnSync('gcc', [...userCflags(), '-fsyntax-only', file], { cwd: ROOT, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return r;
}
