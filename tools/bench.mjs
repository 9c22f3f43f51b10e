// `make bench`: figures anyone can reproduce on this machine, under QEMU
// (TCG). Syscall figures are also given as ratios to the floor measured in
// the same run (tools/floor.mjs: an int 0x82 that only irets), which stays
// comparable when the machine is noisy. Floor and kernel runs alternate.
// BENCH_CPU (make bench CPU=...) picks QEMU's -cpu model for the kernel's
// boots: e.g. qemu32,-pae runs the two-level page tables, so the same build
// shows what PAE costs.
import { $ } from 'zx';
import { bootQemu, INITRD, ISO, KERNEL } from './qemu.mjs';
import { measureFloor } from './floor.mjs';

const BANNER = /^TSOS 0\.1: /m;
const USER_ENTRY = /^kernel: entering user mode with \/bin\/init$/m;
const RUNS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds from spawning QEMU until the log matches pattern, median of RUNS boots. */
async function bootTo(label, pattern, opts) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await bootQemu({ name: `bench-${label.replace(/\W+/g, '-')}-${i}`, until: pattern, timeoutMs: 60000, ...opts });
    if (run.untilMs === null) throw new Error(`${label}: marker never printed`);
    times.push(run.untilMs);
  }
  console.log(`${label}: median ${median(times).toFixed(0)} ms of ${RUNS} [${times.map((t) => t.toFixed(0)).join(', ')}]`);
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
console.log(`kernel .text: ${text} bytes (${(text / 1024).toFixed(1)} KiB)`);
await bootTo('boot to banner (ISO via GRUB, -m 256)', BANNER, { iso: ISO, mem: 256 });
await bootTo('boot to banner (multiboot -kernel, -m 256)', BANNER, { mem: 256 });
await bootTo('QEMU start to first user-mode entry (-kernel, -m 256)', USER_ENTRY, { mem: 256, modules: [INITRD] });

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
const getpidNs = median(getpid);
const forkRate = median(forks);
const execRate = median(execs);
console.log(`floor: int 0x82 + iret round trip: ${floor.toFixed(0)} ns (median of 3)`);
console.log(`getpid round trip: ${getpidNs.toFixed(0)} ns per call = ${(getpidNs / floor).toFixed(1)}x the floor`);
const pledgedNs = median(getpidPledged);
console.log(`getpid under pledge("stdio"), every call promise-checked: ${pledgedNs.toFixed(0)} ns per call = ${(pledgedNs / floor).toFixed(1)}x the floor`);
console.log(`fork+exit+wait: ${forkRate.toFixed(1)} per second = ${((1e9 / forkRate) / floor).toFixed(0)}x the floor per cycle`);
console.log(`fork+execve+exit+wait: ${execRate.toFixed(1)} per second = ${((1e9 / execRate) / floor).toFixed(0)}x the floor per cycle`);
const mmapRate = median(mmaps);
console.log(`mmap+touch+munmap of 1 MiB: ${mmapRate.toFixed(1)} per second = ${((1e9 / mmapRate) / floor).toFixed(0)}x the floor per cycle`);
const pingPongRate = median(pingPongs);
console.log(`pipe ping-pong between two processes: ${pingPongRate.toFixed(0)} round trips per second = ${((1e9 / pingPongRate) / floor).toFixed(0)}x the floor per round trip`);
const fileReadRate = median(fileReads);
console.log(`open + read 4 KiB + close: ${fileReadRate.toFixed(0)} per second = ${((1e9 / fileReadRate) / floor).toFixed(0)}x the floor per cycle`);
const mallocNs = median(mallocs);
console.log(`malloc+free of mixed sizes (1-2,048 bytes): ${mallocNs.toFixed(0)} ns per pair = ${(mallocNs / floor).toFixed(1)}x the floor`);
const insertRate = median(inserts);
console.log(`SQLite inserts (one transaction, prepared statement, file in /tmp): ${insertRate.toFixed(0)} per second = ${((1e9 / insertRate) / floor).toFixed(0)}x the floor per insert`);
const futexRate = median(futexPingPongs);
console.log(`futex wake/wait ping-pong between two threads: ${futexRate.toFixed(0)} round trips per second = ${((1e9 / futexRate) / floor).toFixed(0)}x the floor per round trip`);
const threadRate = median(threadCycles);
console.log(`pthread_create+pthread_join: ${threadRate.toFixed(0)} per second = ${((1e9 / threadRate) / floor).toFixed(0)}x the floor per cycle`);
SCALING.forEach(([label], i) => {
  const small = median(scaling[i].small);
  const large = median(scaling[i].large);
  const ratio = large / small;
  console.log(`${label}: ${(large / 1000).toFixed(1)} us vs ${(small / 1000).toFixed(1)} us per call = ${ratio.toFixed(2)}x (${ratio <= 2 ? 'within' : 'OVER'} 2x)`);
});
