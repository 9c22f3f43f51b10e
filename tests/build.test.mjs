// The build itself: after `make` (which `make test` runs first), a second
// make has nothing to do, and the ISO and kernel exist; a fresh machine's
// first build links user programs right; user programs are built for TSOS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ISO, KERNEL } from '../tools/qemu.mjs';

test('make builds the kernel ELF and the ISO', () => {
  assert.ok(existsSync(KERNEL), KERNEL);
  assert.ok(existsSync(ISO), ISO);
});

test('a second make rebuilds nothing (make -q reports everything up to date)', () => {
  const run = spawnSync('make', ['-q', 'all'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, `make -q all exited ${run.status}: something would be rebuilt\n${run.stdout}${run.stderr}`);
});

/** Writes an executable shell script. */
function writeScript(path, body) {
  writeFileSync(path, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(path, 0o755);
}

// A fresh machine: until tools/setup.mjs has run (build/.setup-ok exists),
// gcc has no multilib and `gcc -m32 -print-libgcc-file-name` names the
// 64-bit libgcc. The stand-in compiler answers the same way, so a value
// taken while make reads the Makefiles gives the link the wrong libgcc.
test('on a fresh machine user programs link the 32-bit libgcc, found after setup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsos-fresh-'));
  try {
    const build = join(dir, 'build');
    const log = join(dir, 'ld.log');
    const outputOf = 'out=; prev=; for a in "$@"; do [ "$prev" = -o ] && out=$a; prev=$a; done';
    writeScript(join(dir, 'cc'), `case " $* " in
  *" -print-libgcc-file-name "*)
    if [ -e "${build}/.setup-ok" ]; then echo /usr/lib/gcc/x86_64-linux-gnu/12/32/libgcc.a
    else echo /usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a; fi; exit 0;;
esac
${outputOf}; mkdir -p "$(dirname "$out")"; : > "$out"`);
    writeScript(join(dir, 'ld'), `echo "$*" >> "${log}"; ${outputOf}; : > "$out"`);
    writeScript(join(dir, 'ar'), ': > "$2"');
    const run = spawnSync('make', [`B=${build}`, `CC=${join(dir, 'cc')}`, `LD=${join(dir, 'ld')}`, `AR=${join(dir, 'ar')}`,
      'SETUP=true', `${build}/user/true`], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    const link = readFileSync(log, 'utf8').split('\n').find((line) => line.includes(`-o ${build}/user/true `));
    assert.ok(link, `no link of ${build}/user/true in\n${readFileSync(log, 'utf8')}`);
    assert.match(link, / \/usr\/lib\/gcc\/x86_64-linux-gnu\/12\/32\/libgcc\.a$/, link);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Portable C tells systems apart by their predefined macros: user programs
// are built for this system (__tsos__), whatever gcc predefines for its host.
test('user programs are compiled for TSOS: __tsos__ defined, the Linux macros not', () => {
  const flags = spawnSync('make', ['-s', '--eval', 'print-user-cflags: ; @echo $(USER_CFLAGS)', 'print-user-cflags'],
    { cwd: ROOT, encoding: 'utf8' });
  assert.equal(flags.status, 0, flags.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'tsos-macros-'));
  try {
    const source = join(dir, 'platform.c');
    writeFileSync(source, [
      '#if defined(__linux__) || defined(__linux) || defined(__gnu_linux__) || defined(linux)',
      '#error "a Linux macro is defined"',
      '#endif',
      '#ifndef __tsos__',
      '#error "__tsos__ is not defined"',
      '#endif',
      'int platform_checked;',
      '',
    ].join('\n'));
    const args = [...flags.stdout.trim().split(/\s+/).filter((f) => !f.startsWith('-M')), '-c', source, '-o', join(dir, 'platform.o')];
    const compile = spawnSync('gcc', args, { cwd: ROOT, encoding: 'utf8' });
    assert.equal(compile.status, 0, compile.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
