// Host unit tests of kernel/lib/time.ts (the clocks' arithmetic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importKernelModule } from '../lib/tsmodule.mjs';

const time = await importKernelModule('kernel/lib/time.ts');
const layout = await importKernelModule('kernel/api/layout.ts');
const PIT_HZ = 1193182;
const DIVISOR_1000_HZ = Math.floor(PIT_HZ / 1000);

test('daysFromCivil and epochSeconds agree with Date.UTC', () => {
  assert.equal(time.daysFromCivil(1970, 1, 1), 0);
  assert.equal(time.daysFromCivil(1969, 12, 31), -1);
  let seed = 12345;
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let i = 0; i < 2000; i++) {
    const [y, m, d, h, mi, s] = [1900 + next(300), 1 + next(12), 1 + next(28), next(24), next(60), next(60)];
    assert.equal(time.epochSeconds(y, m, d, h, mi, s), Date.UTC(y, m - 1, d, h, mi, s) / 1000, `${y}-${m}-${d}`);
  }
  for (const [y, m, d] of [[2000, 2, 29], [1900, 3, 1], [2100, 2, 28], [2024, 12, 31]]) {
    assert.equal(time.daysFromCivil(y, m, d), Date.UTC(y, m - 1, d) / 86400000, `${y}-${m}-${d}`);
  }
});

test('PIT cycles to seconds and nanoseconds, rounded down', () => {
  assert.equal(time.cyclesToSeconds(PIT_HZ, PIT_HZ), 1);
  assert.equal(time.cyclesToNanoseconds(PIT_HZ, PIT_HZ), 0);
  assert.equal(time.cyclesToNanoseconds(DIVISOR_1000_HZ, PIT_HZ), 999847); // one tick is 999.847 us
  const year = PIT_HZ * 86400 * 365 + 1;
  assert.equal(time.cyclesToSeconds(year, PIT_HZ), 86400 * 365);
  assert.equal(time.cyclesToNanoseconds(year, PIT_HZ), 838);
});

test('a duration in ticks is never short', () => {
  assert.equal(time.cyclesToTicks(time.durationToCycles(0, 50000000, PIT_HZ), DIVISOR_1000_HZ), 51);
  assert.equal(time.cyclesToTicks(time.durationToCycles(1, 0, PIT_HZ), DIVISOR_1000_HZ), 1001);
  assert.equal(time.cyclesToTicks(time.durationToCycles(0, 0, PIT_HZ), DIVISOR_1000_HZ), 0);
  assert.equal(time.cyclesToTicks(time.durationToCycles(0, 1, PIT_HZ), DIVISOR_1000_HZ), 1);
  for (let ns = 0; ns < 1e9; ns += 7919 * 977) {
    const ticks = time.cyclesToTicks(time.durationToCycles(0, ns, PIT_HZ), DIVISOR_1000_HZ);
    const covered = (ticks * DIVISOR_1000_HZ * 1e9) / PIT_HZ;
    assert.ok(covered >= ns && covered - ns < 1e6, `${ns} ns -> ${ticks} ticks`);
  }
});

test('timespec: valid ranges and the i686 layout (i64 seconds, low word first)', () => {
  assert.equal(time.timespecIsValid(0, 0), true);
  assert.equal(time.timespecIsValid(5, 999999999), true);
  assert.equal(time.timespecIsValid(0, 1000000000), false);
  assert.equal(time.timespecIsValid(0, -1), false);
  assert.equal(time.timespecIsValid(-1, 0), false);
  const words = new Uint32Array(layout.TIMESPEC_WORDS);
  for (const seconds of [0, 1, 2 ** 31, 2 ** 32 + 5, -1, -5000000000, 2 ** 40]) {
    time.timespecStore(words, seconds, 123);
    assert.equal(time.timespecSeconds(words), seconds);
    assert.equal(time.timespecFraction(words), 123);
  }
  time.timespecStore(words, -1, 0);
  assert.deepEqual([...words], [0xffffffff, 0xffffffff, 0]);
  words[2] = 0xffffffff;
  assert.equal(time.timespecFraction(words), -1, 'tv_nsec is signed');
});
