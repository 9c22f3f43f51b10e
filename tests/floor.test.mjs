// The syscall floor kernel (bench/floor/floor.asm, timed by tools/floor.mjs
// for `make bench`): it must boot, run its ring-3 int 0x82 loop the number
// of times the command line asks, and end QEMU through the debug-exit port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { bootFloor, FLOOR_KERNEL } from '../tools/floor.mjs';

test('floor: iterations=1000 runs 1000 int 0x82 from ring 3 and exits QEMU', async () => {
  assert.ok(existsSync(FLOOR_KERNEL), `${FLOOR_KERNEL} missing (built by make's all target)`);
  const run = await bootFloor({ iterations: 1000, timeoutMs: 10000 });
  assert.ok(!run.timedOut, `timed out after 10 s:\n${run.log}`);
  assert.match(run.log, /^FLOOR START$/m);
  assert.match(run.log, /^FLOOR DONE 1000$/m);
  assert.ok(run.log.indexOf('FLOOR START') < run.log.indexOf('FLOOR DONE'), 'START before DONE');
  assert.doesNotMatch(run.log, /FLOOR FAULT/);
  assert.equal(run.guestStatus, 0, `debug-exit status\n${run.log}${run.stderr}`);
  assert.notEqual(run.loopNs, null);
});
