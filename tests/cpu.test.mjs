// Boots on three processor models, one run of /bin/run-tests each, and on one the kernel cannot run on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bootQemu, bootRunTests, parseRunTests, tail, LEAK_FREE } from '../tools/qemu.mjs';

// The paging format and the protections follow what the processor has, and
// the boot says which in one line. QEMU's default model (qemu32) has PAE but
// neither NX, SMEP, SMAP nor UMIP; `-cpu max` has them all, as a recent PC
// does; qemu32 without PAE keeps the two-level page tables. On each the
// memory, fork, file and W^X tests pass (test-nx expects what the processor
// can enforce), and the crash tool's NX and UMIP scenarios are killed where
// the processor has the feature and pending where it does not.
const CPU_MODELS = [
  { cpu: 'max', report: 'PAE yes, NX yes, SMEP yes, SMAP yes, UMIP yes', nx: true, umip: true },
  { cpu: 'qemu32', report: 'PAE yes, NX no, SMEP no, SMAP no, UMIP no', nx: false, umip: false },
  { cpu: 'qemu32,-pae', report: 'PAE no, NX no, SMEP no, SMAP no, UMIP no', nx: false, umip: false },
];
const CPU_TESTS = ['test-crash', 'test-nx', 'test-mmap', 'test-fork', 'test-cow', 'test-fileio', 'test-signal'];

for (const model of CPU_MODELS) {
  describe(`on -cpu ${model.cpu}`, async () => {
    const run = await bootRunTests(`cpu-${model.cpu.replace(/\W+/g, '-')}`, CPU_TESTS.join(','), model.cpu);
    const { results, summary } = parseRunTests(run.log);
    test('the boot reports what the processor has and the kernel enabled', () => {
      assert.match(run.log, new RegExp(`^cpu: ${model.report}, TSD on$`, 'm'), tail(run.log));
    });
    test('the tests ran and passed', () => {
      assert.ok(!run.timedOut && summary, `no summary:\n${tail(run.log)}`);
      assert.deepEqual(results.map((r) => r.name), CPU_TESTS);
      for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}\n${r.output}`);
      assert.equal(run.guestStatus, 0, tail(run.log));
    });
    test('crash -X and -U are killed where the processor can refuse them', () => {
      assert.match(run.log, new RegExp(`^crash -X: execute a ret written into an RW anonymous page: ${model.nx ? 'PASS \\(SIGSEGV\\)' : 'PENDING'}`, 'm'));
      assert.match(run.log, new RegExp(`^crash -U: str from ring 3: ${model.umip ? 'PASS \\(SIGSEGV\\)' : 'PENDING'}`, 'm'));
    });
    test('no kernel leak', () => assert.match(run.log, LEAK_FREE));
  });
}

// The kernel's numbers are computed with SSE2 and its FPU state saved with
// fxsave: a processor without them gets a sentence, not a fault.
test('a processor without SSE2 is told so and the boot stops', async () => {
  const run = await bootQemu({ name: 'cpu-no-sse2', cpu: 'qemu32,-sse2', until: /needs a CPU with SSE2/, timeoutMs: 20000 });
  assert.match(run.log, /^this kernel needs a CPU with SSE2 \(Pentium 4 or later\)/m, tail(run.log));
  assert.doesNotMatch(run.log, /PANIC|panic/, tail(run.log));
});
