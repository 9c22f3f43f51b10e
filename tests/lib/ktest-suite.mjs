// A node test suite for one kernel boot: every KTEST line the guest prints
// becomes a test case, plus the checks every test boot must pass.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bootQemu, parseKtest, tail } from '../../tools/qemu.mjs';

/**
 * Boots with opts (see bootQemu) and reports each KTEST case. minCases
 * guards against a boot that silently ran fewer tests; extra(run, test)
 * adds checks on the log.
 */
export function ktestSuite(title, opts, { minCases = 1, extra = null } = {}) {
  describe(title, async () => {
    const run = await bootQemu(opts);
    const { cases, summary } = parseKtest(run.log);
    test('finishes with a summary and the failure count as exit status', () => {
      assert.ok(!run.timedOut, `timed out:\n${tail(run.log)}`);
      assert.ok(summary, `no KTEST SUMMARY line:\n${tail(run.log)}`);
      assert.equal(run.guestStatus, summary.failed, 'guest exit status is the failure count');
      assert.ok(cases.length >= minCases, `only ${cases.length} cases ran`);
    });
    for (const c of cases) {
      test(`ktest ${c.name}`, () => assert.ok(c.ok, `${c.detail}\n${tail(run.log)}`));
    }
    if (extra) extra(run, test);
  });
}
