// The build itself: after `make` (which `make test` runs first), a second
// make has nothing to do, and the ISO and kernel exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT, ISO, KERNEL } from '../tools/qemu.mjs';

test('make builds the kernel ELF and the ISO', () => {
  assert.ok(existsSync(KERNEL), KERNEL);
  assert.ok(existsSync(ISO), ISO);
});

test('a second make rebuilds nothing (make -q reports everything up to date)', () => {
  const run = spawnSync('make', ['-q', 'all'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, `make -q all exited ${run.status}: something would be rebuilt\n${run.stdout}${run.stderr}`);
});
