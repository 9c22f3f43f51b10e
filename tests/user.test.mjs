// User space under the kernel. The test boot makes /bin/run-tests the first
// process (`test=user init=/bin/run-tests`): it runs every default test
// program of /usr/tests (userland/tests/test-*.c), each in its own child,
// frames each one's output with `run-tests: begin|end <name>`, reports it as
// `KTEST run-tests:<name>: PASS|FAIL: ...` and ends with `P passed, F failed`
// and exit status F. Its exit ends the run: the kernel checks that no frame,
// process, thread, region, file description or unnamed inode leaked and
// ends QEMU with that status.
// Every guest result line is a test case here: run-tests's line per program
// (whose failure message carries the program's output) and each KTEST case
// the programs print themselves.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bootQemu, bootRunTests, guestTests, parseKtest, parseRunTests, tail, INITRD, LEAK_FREE, PANIC_STATUS } from '../tools/qemu.mjs';

// The default list: what run-tests finds in /usr/tests, every C test-* program and
// every TypeScript program (as ts-<name>), never fail-*.
const DEFAULT_TESTS = guestTests().filter((name) => !name.startsWith('fail-'));

/**
 * The test cases a run reports: one per run-tests line, whose failure
 * message names the program and shows its output, then one per KTEST case
 * the programs (and the kernel's leak check) printed.
 */
function runTestsCases(log) {
  const cases = parseRunTests(log).results.map((r) => ({
    title: `run-tests ${r.name}`,
    ok: r.ok,
    message: `guest test ${r.name} failed: ${r.detail}\n--- output of ${r.name} ---\n${r.output ?? '(no begin/end lines found)\n'}---`,
  }));
  for (const c of parseKtest(log).cases) {
    if (c.name.startsWith('run-tests:')) continue;
    cases.push({ title: `ktest ${c.name}`, ok: c.ok, message: `${c.detail}\n${tail(log)}` });
  }
  return cases;
}

/** The checks every run-tests boot must pass: it ended by itself, and the summary, the lines and the status agree. */
function assertFinished(run, { results, summary }) {
  assert.ok(!run.timedOut, `timed out:\n${tail(run.log)}`);
  assert.ok(summary, `no "N passed, N failed" line:\n${tail(run.log)}`);
  assert.equal(run.guestStatus, summary.failed, `guest exit status is the failure count\n${tail(run.log)}`);
  assert.equal(summary.passed, results.filter((r) => r.ok).length, 'passed count matches the PASS lines');
  assert.equal(summary.failed, results.filter((r) => !r.ok).length, 'failed count matches the FAIL lines');
}

describe('user test programs through /bin/run-tests', async () => {
  const run = await bootRunTests('user');
  const { results, summary } = parseRunTests(run.log);

  test('finishes with `N passed, N failed` and the failure count as exit status', () => assertFinished(run, { results, summary }));
  test('ran exactly the default list: every test-* and TypeScript program, no fail-* one', () => {
    assert.ok(DEFAULT_TESTS.length >= 7, `found ${DEFAULT_TESTS.join(' ')}`);
    assert.match(run.log, new RegExp(`^run-tests: ${DEFAULT_TESTS.length} tests \\(the default list\\)$`, 'm'));
    assert.deepEqual(results.map((r) => r.name), DEFAULT_TESTS);
    for (const r of results) assert.notEqual(r.output, null, `${r.name}: begin/end lines`);
  });
  const cases = runTestsCases(run.log);
  test('the programs reported their own cases', () => assert.ok(cases.length >= 150, `only ${cases.length} cases ran`));
  for (const c of cases) test(c.title, () => assert.ok(c.ok, c.message));
  test('no kernel leak after the whole suite', () => assert.match(run.log, LEAK_FREE));
  // test-misc's dbgputstr of a string whose end is unmapped must fail before printing any of it.
  test('a dbgputstr that faults prints nothing', () => {
    assert.match(run.log, /^KTEST test-misc\.dbgputstr-efault-prints-nothing: PASS$/m);
    assert.doesNotMatch(run.log, /dbgputstr-partial-line/);
  });
});

// The proof that a failing guest test fails `make test`: fail-demo (kept out
// of the default list) always fails; run by name next to /bin/true (whose
// empty PT_LOAD segment the loader must skip), the run must fail, name it,
// and show its output in the failure of the test case it becomes.
describe('a failing guest test fails the run', async () => {
  const run = await bootRunTests('user-fail-demo', '/usr/tests/fail-demo,/bin/true');
  const { results, summary } = parseRunTests(run.log);
  const demo = results.find((r) => r.name === '/usr/tests/fail-demo');

  test('non-zero guest status: the failure count', () => {
    assertFinished(run, { results, summary });
    assert.deepEqual(summary, { passed: 1, failed: 1 }, tail(run.log));
    assert.equal(run.guestStatus, 1, tail(run.log));
  });
  test('a FAIL line names fail-demo, and the other test still passed', () => {
    assert.match(run.log, /^KTEST run-tests:\/usr\/tests\/fail-demo: FAIL: exit 1$/m, tail(run.log));
    assert.match(run.log, /^KTEST run-tests:\/bin\/true: PASS$/m, tail(run.log));
  });
  test("fail-demo's output is between its begin and end lines", () => {
    assert.ok(demo?.output, tail(run.log));
    assert.match(demo.output, /^KTEST fail-demo\.deliberate: FAIL: this test fails on purpose/m);
    assert.match(demo.output, /^fail-demo: 1 passed, 1 failed$/m);
  });
  test('it becomes a failing test case whose message has the name and the output', () => {
    const reported = runTestsCases(run.log).find((c) => c.title === 'run-tests /usr/tests/fail-demo');
    assert.ok(reported && !reported.ok, 'a failing case');
    assert.match(reported.message, /guest test \/usr\/tests\/fail-demo failed: exit 1/);
    assert.match(reported.message, /KTEST fail-demo\.deliberate: FAIL: this test fails on purpose/);
  });
  test('no kernel leak', () => assert.match(run.log, LEAK_FREE));
});

// A test that never ends (fail-hang, kept out of the default list) is
// stopped after its time limit, reported as a timeout, and the next test runs.
describe('run-tests stops a hanging test and goes on', async () => {
  const run = await bootRunTests('user-fail-hang', '--timeout=3,/usr/tests/fail-hang,/bin/true');
  const { results, summary } = parseRunTests(run.log);
  test('finished by itself, the hang reported as a timeout', () => {
    assertFinished(run, { results, summary });
    assert.match(run.log, /^KTEST run-tests:\/usr\/tests\/fail-hang: FAIL: timeout$/m, tail(run.log));
    assert.match(run.log, /^KTEST run-tests:\/bin\/true: PASS$/m, tail(run.log));
    assert.deepEqual(summary, { passed: 1, failed: 1 }, tail(run.log));
  });
  test('no kernel leak: the hanging test and its child are gone', () => assert.match(run.log, LEAK_FREE));
});

test('/bin/init still runs a comma-separated program list (make bench uses it)', async () => {
  const run = await bootQemu({ name: 'init-list', cmdline: 'test=user initarg=/bin/true,/usr/tests/fail-demo', modules: [INITRD], timeoutMs: 60000 });
  assert.match(run.log, /^KTEST program:\/bin\/true: PASS$/m, tail(run.log));
  assert.match(run.log, /^KTEST program:\/usr\/tests\/fail-demo: FAIL: exit 1$/m, tail(run.log));
  assert.match(run.log, /^KTEST SUMMARY: 1 passed, 1 failed$/m, tail(run.log));
  assert.equal(run.guestStatus, 1, tail(run.log));
});

test('a normal boot starts /bin/init from the ramdisk', async () => {
  const run = await bootQemu({ name: 'init-banner', modules: [INITRD], until: /^init: TSOS user space is up \(pid 1\)$/m, timeoutMs: 30000 });
  assert.match(run.log, /^init: TSOS user space is up \(pid 1\)$/m, tail(run.log));
});

test('make run: init starts /bin/sh on the console, which runs what was typed while the machine booted', async () => {
  const run = await bootQemu({
    name: 'shell-console', modules: [INITRD], timeoutMs: 60000, until: /^typed-ahead 2$/m,
    interact: [{ after: /(?:)/, serial: 'echo one two three | wc -w\necho typed-ahead 2\n' }],
  });
  assert.match(run.log, /^# echo one two three \| wc -w$/m, tail(run.log));
  assert.match(run.log, /^\s+3$/m, tail(run.log));
  assert.match(run.log, /^typed-ahead 2$/m, tail(run.log));
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
