// `make profile`: where the kernel spends its time under /bin/bench (or any
// programs init runs). Boots with `profile` on the command line, so every
// timer tick in kernel mode leaves a sample (kernel/debug/profile.ts); at the
// end of the run reads the sample buffer out of guest memory through QEMU's
// monitor, symbolises it with build/kernel.elf, and prints per bench phase
// the functions the samples were in (self) and the functions on their call
// chains (inclusive). docs/profiling.md explains the output.
//   node tools/profile.mjs [--programs /bin/bench] [--phase NAME]... [--top 25] [--cpu MODEL]
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bootQemu, INITRD, KERNEL, LOG_DIR } from './qemu.mjs';
import { functionSymbols } from './ksyms.mjs';

const { values } = parseArgs({
  options: {
    programs: { type: 'string', default: '/bin/bench' },
    phase: { type: 'string', multiple: true, default: [] },
    top: { type: 'string', default: '25' },
    cpu: { type: 'string' },
  },
});
const top = Number(values.top);

const REPORT = /^profile: (\d+) samples of (\d+) words at physical 0x([0-9a-f]+), (\d+) user ticks, (\d+) dropped$/m;
// Bench phases stamped with the guest's monotonic clock, which the samples carry too.
const PHASE = /^BENCH (\S+) (start|done)(?: \d+)? t=(\d+)$/gm;
const dump = join(LOG_DIR, 'profile.samples');

const run = await bootQemu({
  name: 'profile', cmdline: `test=user profile initarg=${values.programs}`, modules: [INITRD], timeoutMs: 600000, cpu: values.cpu ?? null,
  interact: [{
    after: REPORT,
    monitor: (log) => {
      const [, samples, words, physical] = log.match(REPORT);
      return [`pmemsave 0x${physical} ${Number(samples) * Number(words) * 4} "${dump}"`, 'quit'];
    },
  }],
});
const report = run.log.match(REPORT);
if (!report) throw new Error(`the run never reported its profile; see ${join(LOG_DIR, 'profile.log')}`);
const [, sampleCount, words, , userTicks, dropped] = report.map(Number);
const raw = readFileSync(dump);
rmSync(dump, { force: true });
const phaseTimes = {};
for (const m of run.log.matchAll(PHASE)) (phaseTimes[m[1]] ??= {})[m[2]] = Number(m[3]);

const symbols = functionSymbols(KERNEL);
const addresses = Uint32Array.from(symbols, (s) => s.address);
/** The function containing address (a return address is looked up one byte earlier). */
function symbolOf(address, isReturnAddress) {
  const a = isReturnAddress ? address - 1 : address;
  let low = 0;
  let high = addresses.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (addresses[middle] <= a) { found = middle; low = middle + 1; } else high = middle - 1;
  }
  return found < 0 ? '?' : symbols[found].name;
}

const samples = [];
for (let i = 0; i < sampleCount; i++) {
  const at = (w) => raw.readUInt32LE((i * words + w) * 4);
  const chain = [symbolOf(at(1), false)];
  for (let w = 2; w < words && at(w) !== 0; w++) chain.push(symbolOf(at(w), true));
  samples.push({ ms: at(0), chain });
}

function printTable(title, counts, total) {
  console.log(`  ${title}:`);
  for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`    ${((100 * n) / total).toFixed(1).padStart(5)}%  ${String(n).padStart(6)}  ${name}`);
  }
}

function printProfile(title, chosen) {
  console.log(`${title}: ${chosen.length} kernel samples`);
  if (chosen.length === 0) return;
  const self = new Map();
  const inclusive = new Map();
  for (const { chain } of chosen) {
    self.set(chain[0], (self.get(chain[0]) ?? 0) + 1);
    for (const name of new Set(chain)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
  }
  printTable('self (the interrupted function)', self, chosen.length);
  printTable(`inclusive (anywhere in the ${words - 1} innermost frames)`, inclusive, chosen.length);
}

console.log(`profile: ${sampleCount} kernel samples, ${userTicks} user ticks, ${dropped} dropped`);
const phases = values.phase.length ? values.phase : Object.keys(phaseTimes);
for (const name of phases) {
  const p = phaseTimes[name];
  if (p?.start === undefined || p?.done === undefined) throw new Error(`no BENCH ${name} start/done lines in the run`);
  printProfile(`phase ${name} (${p.start}-${p.done} ms)`, samples.filter((s) => s.ms >= p.start && s.ms < p.done));
}
if (phases.length === 0) printProfile('whole run', samples);
