// User space under the kernel: /bin/init runs each user test program
// (fork + execve + waitpid) and reports it; every KTEST line a program
// prints is a test case here. After init exits the kernel checks that no
// frame, process, thread or region leaked, and ends QEMU with init's status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { bootQemu, tail, BUILD, PANIC_STATUS } from '../tools/qemu.mjs';
import { ktestSuite } from './lib/ktest-suite.mjs';

const INITRD = { path: join(BUILD, 'initrd.tar'), cmdline: 'initrd' };
// /bin/true has an empty PT_LOAD segment, which the loader must skip.
const PROGRAMS = ['test-ids', 'test-misc', 'test-exec', 'test-wait', 'test-cow', 'test-fork', 'test-preempt', 'true'];

ktestSuite('user programs through /bin/init', {
  name: 'user', cmdline: `test=user initarg=${PROGRAMS.map((p) => `/bin/${p}`).join(',')}`,
  modules: [INITRD], timeoutMs: 300000,
}, {
  minCases: 150,
  extra: (run, test) => {
    test('every program ran and init reported all of them', () => {
      for (const p of PROGRAMS) assert.match(run.log, new RegExp(`^KTEST program:/bin/${p}: `, 'm'), p);
    });
    test('no kernel leak after the whole suite', () => assert.match(run.log, /^leak check: 0 frames, 0 processes, 0 threads, 0 regions$/m));
  },
});

test('a normal boot starts /bin/init from the ramdisk', async () => {
  const run = await bootQemu({ name: 'init-banner', modules: [INITRD], until: /^init: TSOS user space is up \(pid 1\)$/m, timeoutMs: 30000 });
  assert.match(run.log, /^init: TSOS user space is up \(pid 1\)$/m, tail(run.log));
});

test('protected data: scoped writes work, a write outside a scope faults and is reported', async () => {
  const run = await bootQemu({ name: 'protected', cmdline: 'test=protected' });
  const log = run.log;
  assert.equal(run.guestStatus, PANIC_STATUS, tail(log));
  for (const name of ['protected-scoped-write', 'protected-page-found', 'protected-read-only-after-scope']) {
    assert.match(log, new RegExp(`^KTEST ${name}: PASS$`, 'm'), tail(log));
  }
  assert.match(log, /^FAULT-EXPECT protected data write outside a scope$/m);
  assert.match(log, /^PANIC: write to protected process data outside a mutation scope: page fault \(vector 14\) in kernel mode$/m, tail(log));
  assert.doesNotMatch(log, /protected-write-outside-scope-faults/);
});
