// `make bench`: figures anyone can reproduce on this machine, under QEMU
// (TCG). Syscall figures are also given as ratios to the floor measured in
// the same run (tools/floor.mjs: an int 0x82 that only irets), which stays
// comparable when the machine is noisy. Floor and kernel runs alternate.
// BENCH_CPU (make bench CPU=...) picks QEMU's -cpu model for the kernel's
// boots: e.g. qemu32,-pae runs the two-level page tables, so the same build
// shows what PAE costs. Every figure also goes into build/bench.json as
// { name, value, unit, ratio } (ratio: multiples of the floor, or null), for
// scripts that compare runs.
import { $ } from 'zx';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, bootQemu, INITRD, ISO, KERNEL } from './qemu.mjs';
import { measureFloor } from './floor.mjs';
import { census } from './f64-census.mjs';

const BANNER = /^TSOS 0\.1: /m;
const USER_ENTRY = /^kernel: entering user mode with \/bin\/init$/m;
const RUNS = 5;
const figures = [];

/** Prints a figure's line and keeps it for build/bench.json. */
function record(line, name, value, unit, ratio = null) {
  console.log(line);
  figures.push({ name, value: Number(value.toFixed(3)), unit, ratio: ratio === null ? null : Number(ratio.toFixed(3)) });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds from spawning QEMU until the log matches pattern, median of RUNS boots. */
async function bootTo(label, pattern, opts, runs = RUNS) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const run = await bootQemu({ name: `bench-${label.replace(/\W+/g, '-')}-${i}`, until: pattern, timeoutMs: 60000, ...opts });
    if (run.untilMs === null) throw new Error(`${label}: marker never printed`);
    times.push(run.untilMs);
  }
  record(`${label}: median ${median(times).toFixed(0)} ms of ${runs} [${times.map((t) => t.toFixed(0)).join(', ')}]`, label, median(times), 'ms');
}

/** Boots /bin/bench under init and returns { phase: { ms, count } } from the host times of its markers. */
async function runGuestBench() {
  const seen = {};
  const run = await bootQemu({ name: 'bench-user', cmdline: 'test=user initarg=/bin/bench,/bin/bench-sqlite', modules: [INITRD], timeoutMs: 300000, cpu: process.env.BENCH_CPU || null, stamps: /^BENCH (\S+) (start|done)(?: (\d+))? t=\d+$/gm, onStamp: (m, ms) => { (seen[m[1]] ??= {})[m[2]] = ms; if (m[3]) seen[m[1]].count = Number(m[3]); } });
  if (run.guestStatus !== 0) throw new Error(`bench program failed (status ${run.guestStatus}); see build/test-logs/bench-user.log`);
  const phases = {};
  for (const [name, t] of Object.entries(seen)) phases[name] = { ms: t.done - t.start, count: t.count };
  return phases;
}

const sizes = await $({ quiet: true })`size -A ${KERNEL}`;
const text = Number(sizes.stdout.match(/^\.text\s+(\d+)/m)[1]);
record(`kernel .text: ${text} bytes (${(text / 1024).toFixed(1)} KiB)`, 'kernel .text', text, 'bytes');
const fp = census(readFileSync(join(BUILD, 'kernel.c'), 'utf8'), readFileSync(join(BUILD, 'kernel.bundle.ts'), 'utf8'));
record(`kernel functions with f64 parameters or locals: ${fp.withF64.length} of ${fp.functions} (node tools/f64-census.mjs --list names them)`, 'kernel functions with f64 parameters or locals', (100 * fp.withF64.length) / fp.functions, '%');
record(`type-tag parameters of kernel functions: ${fp.typeTagParams}`, 'type-tag parameters of kernel functions', fp.typeTagParams, 'count');
await bootTo('boot to banner (ISO via GRUB, -m 256)', BANNER, { iso: ISO, mem: 256 });
await bootTo('boot to banner (multiboot -kernel, -m 256)', BANNER, { mem: 256 });
await bootTo('QEMU start to first user-mode entry (-kernel, -m 256)', USER_ENTRY, { mem: 256, modules: [INITRD] });
await bootTo('QEMU start to first user-mode entry (-kernel, -m 3072)', USER_ENTRY, { mem: 3072, modules: [INITRD] }, 3);

const floors = [];
const getpid = [];
const getpidPledged = [];
const forks = [];
const execs = [];
const mmaps = [];
const pingPongs = [];
const fileReads = [];
const mallocs = [];
const inserts = [];
const futexPingPongs = [];
const threadCycles = [];
// The scaling pairs of /bin/bench: [label, small phase, large phase]; each large figure must stay within 2x of its small one.
const SCALING = [
  ['getpid with 1,000 regions mapped vs 10', 'getpid-10-regions', 'getpid-1000-regions'],
  ['mmap+munmap of the 1,000th region vs the 10th', 'mmap-region-10', 'mmap-region-1000'],
  ['create+unlink of the 8,000th file in one directory vs the 10th', 'create-file-10', 'create-file-8000'],
];
const scaling = SCALING.map(() => ({ small: [], large: [] }));
for (let i = 0; i < 3; i++) {
  floors.push((await measureFloor({ runs: 1 })).nsPerCall);
  const p = await runGuestBench();
  getpid.push((p.getpid.ms * 1e6) / p.getpid.count);
  getpidPledged.push((p['getpid-pledged'].ms * 1e6) / p['getpid-pledged'].count);
  forks.push(p['fork-exit-wait'].count / (p['fork-exit-wait'].ms / 1000));
  execs.push(p['fork-execve-exit-wait'].count / (p['fork-execve-exit-wait'].ms / 1000));
  mmaps.push(p['mmap-touch-munmap-1MiB'].count / (p['mmap-touch-munmap-1MiB'].ms / 1000));
  pingPongs.push(p['pipe-ping-pong'].count / (p['pipe-ping-pong'].ms / 1000));
  fileReads.push(p['open-read-4KiB-close'].count / (p['open-read-4KiB-close'].ms / 1000));
  mallocs.push((p['malloc-free'].ms * 1e6) / p['malloc-free'].count);
  inserts.push(p['sqlite-insert'].count / (p['sqlite-insert'].ms / 1000));
  futexPingPongs.push(p['futex-ping-pong'].count / (p['futex-ping-pong'].ms / 1000));
  threadCycles.push(p['thread-create-join'].count / (p['thread-create-join'].ms / 1000));
  SCALING.forEach(([, small, large], i) => {
    scaling[i].small.push((p[small].ms * 1e6) / p[small].count);
    scaling[i].large.push((p[large].ms * 1e6) / p[large].count);
  });
}
const floor = median(floors);
record(`floor: int 0x82 + iret round trip: ${floor.toFixed(0)} ns (median of 3)`, 'floor: int 0x82 + iret round trip', floor, 'ns', 1);

/** A figure in ns per operation, with its multiple of the floor. */
function perCall(label, name, samples) {
  const ns = median(samples);
  record(`${label}: ${ns.toFixed(0)} ns per ${name} = ${(ns / floor).toFixed(1)}x the floor`, label, ns, 'ns', ns / floor);
}

/** A figure in operations per second, with the floor multiple of one operation. */
function perSecond(label, name, samples, digits = 1) {
  const rate = median(samples);
  const ratio = 1e9 / rate / floor;
  record(`${label}: ${rate.toFixed(digits)} per second = ${ratio.toFixed(0)}x the floor per ${name}`, label, rate, '/s', ratio);
}

perCall('getpid round trip', 'call', getpid);
perCall('getpid under pledge("stdio"), every call promise-checked', 'call', getpidPledged);
perSecond('fork+exit+wait', 'cycle', forks);
perSecond('fork+execve+exit+wait', 'cycle', execs);
perSecond('mmap+touch+munmap of 1 MiB', 'cycle', mmaps);
perSecond('pipe ping-pong between two processes (round trips)', 'round trip', pingPongs, 0);
perSecond('open + read 4 KiB + close', 'cycle', fileReads, 0);
perCall('malloc+free of mixed sizes (1-2,048 bytes)', 'pair', mallocs);
perSecond('SQLite inserts (one transaction, prepared statement, file in /tmp)', 'insert', inserts, 0);
perSecond('futex wake/wait ping-pong between two threads (round trips)', 'round trip', futexPingPongs, 0);
perSecond('pthread_create+pthread_join', 'cycle', threadCycles, 0);
SCALING.forEach(([label], i) => {
  const small = median(scaling[i].small);
  const large = median(scaling[i].large);
  const ratio = large / small;
  record(`${label}: ${(large / 1000).toFixed(1)} us vs ${(small / 1000).toFixed(1)} us per call = ${ratio.toFixed(2)}x (${ratio <= 2 ? 'within' : 'OVER'} 2x)`, label, ratio, 'x');
});
writeFileSync(join(BUILD, 'bench.json'), `${JSON.stringify(figures, null, 2)}\n`);
console.log(`figures written to ${join(BUILD, 'bench.json')}`);
