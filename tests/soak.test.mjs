// The soak: /usr/tests/long-soak as the first process (10,000 fork+exec
// cycles, then a fork bomb that must stop at EAGAIN or ENOMEM), then the kernel's
// leak check when it exits: every frame and pool back to its boot value.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bootQemu, parseKtest, tail, INITRD, LEAK_FREE } from '../tools/qemu.mjs';

describe('soak: 10,000 fork+exec cycles and a fork bomb', async () => {
  const run = await bootQemu({
    name: 'soak', cmdline: 'test=user init=/usr/tests/long-soak', timeoutMs: 900000,
    modules: [INITRD],
  });
  const { cases } = parseKtest(run.log);
  test('long-soak ran to its end and exited 0', () => {
    assert.ok(!run.timedOut, `timed out:\n${tail(run.log)}`);
    assert.match(run.log, /^long-soak: \d+ passed, 0 failed$/m, tail(run.log));
    assert.equal(run.guestStatus, 0, tail(run.log));
    assert.ok(cases.length >= 6, `only ${cases.length} cases ran`);
  });
  for (const c of cases) test(`ktest ${c.name}`, () => assert.ok(c.ok, `${c.detail}\n${tail(run.log)}`));
  test('the kernel leak check is clean', () => assert.match(run.log, LEAK_FREE, tail(run.log)));
});
