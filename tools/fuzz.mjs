// `make fuzz SEED=n CALLS=n`: one boot whose first process is the syscall
// fuzzer (/usr/tests/test-fuzz SEED:CALLS), for runs longer or with other
// seeds than the one `make test` makes (seed 1, 100,000 calls). Prints the
// fuzzer's lines and the kernel's leak check; exits 0 only when every case
// passed, nothing leaked and the kernel neither panicked nor hung.
import { parseArgs } from 'node:util';
import { bootQemu, parseKtest, tail, INITRD, LEAK_FREE } from './qemu.mjs';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, calls: { type: 'string', default: '100000' } } });
const seed = Number(values.seed);
const calls = Number(values.calls);
if (!Number.isInteger(seed) || seed < 0 || !Number.isInteger(calls) || calls < 1) {
  console.error('usage: node tools/fuzz.mjs [--seed N] [--calls N]');
  process.exit(2);
}

const run = await bootQemu({
  name: `fuzz-${seed}-${calls}`, cmdline: `test=user init=/usr/tests/test-fuzz initarg=${seed}:${calls}`,
  modules: [INITRD], timeoutMs: 120000 + calls * 5,
});
for (const line of run.log.split('\n')) if (/^(KTEST |test-fuzz:|leak check:|PANIC)/.test(line)) console.log(line);
const failed = parseKtest(run.log).cases.filter((c) => !c.ok);
const ok = !run.timedOut && run.guestStatus === 0 && failed.length === 0 && LEAK_FREE.test(run.log);
if (!ok) console.log(`fuzz: FAILED (${run.timedOut ? 'timed out' : `guest status ${run.guestStatus}`})\n${tail(run.log)}`);
else console.log(`fuzz: seed ${seed}, ${calls} calls: no panic, no hang, no leak`);
process.exit(ok ? 0 : 1);
