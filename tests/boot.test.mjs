// Boot tests: the kernel under QEMU, selected through its command line.
// Every KTEST line the guest prints becomes a test case here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootQemu, tail, BUILD, ISO, PANIC_STATUS } from '../tools/qemu.mjs';
import { ktestSuite } from './lib/ktest-suite.mjs';

const MODULE = join(BUILD, 'testmod.bin');
const BANNER = /^TSOS 0\.1: /m;
const MEMORY = /^memory: (\d+) KiB usable, (\d+) MiB installed$/m;

/** Checks the `memory:` line against QEMU's -m. */
function assertMemory(log, mem) {
  const m = log.match(MEMORY);
  assert.ok(m, `no memory line in the log:\n${tail(log)}`);
  const usableKiB = Number(m[1]);
  assert.equal(Number(m[2]), mem, `installed RAM should match -m ${mem}`);
  // QEMU keeps the 384 KiB hole below 1 MiB and a few KiB at the top for itself.
  assert.ok(usableKiB <= mem * 1024 && usableKiB >= mem * 1024 - 1024, `usable ${usableKiB} KiB for -m ${mem}`);
}

writeFileSync(MODULE, 'TSOSMOD1 a test module for the multiboot module list\n');
for (const mem of [32, 256, 1024]) {
  ktestSuite(`boot self-test, -m ${mem}`, {
    name: `boot-m${mem}`, mem, cmdline: 'test=boot expect-module=1',
    modules: [{ path: MODULE, cmdline: 'testmod' }],
  }, {
    minCases: 15,
    extra: (run, test) => {
      test('prints the banner', () => assert.match(run.log, BANNER));
      test(`reports ${mem} MiB of RAM`, () => assertMemory(run.log, mem));
    },
  });
}

// From the smallest PC GRUB and the kernel fit in to more RAM than the
// kernel maps directly: GRUB loads the (stripped) kernel and the initrd,
// and init starts the shell on the console.
const SHELL_PROMPT = /^init: TSOS user space is up \(pid 1\)\r?\n# /m;
for (const mem of [32, 256, 3072]) {
  test(`the ISO boots with plain QEMU -m ${mem} to the shell prompt`, async () => {
    const run = await bootQemu({ name: `iso-m${mem}`, iso: ISO, mem, until: SHELL_PROMPT, timeoutMs: 30000 });
    assert.match(run.log, BANNER, tail(run.log));
    assertMemory(run.log, mem);
    assert.match(run.log, SHELL_PROMPT, tail(run.log));
  });
}

test('an unknown test set ends the run with the panic status', async () => {
  const run = await bootQemu({ name: 'unknown-test-set', cmdline: 'test=no-such-set' });
  assert.ok(!run.timedOut, tail(run.log));
  assert.equal(run.guestStatus, PANIC_STATUS, tail(run.log));
  assert.match(run.log, /PANIC: unknown test set/);
});
