// `make bench`: figures anyone can reproduce on this machine. For now:
// QEMU start to the kernel banner (median of 5 boots, ISO through GRUB and
// multiboot -kernel) and the kernel's text size.
import { execFileSync } from 'node:child_process';
import { bootQemu, ISO, KERNEL } from './qemu.mjs';

const BANNER = /^TSOS 0\.1: /m;
const RUNS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds from spawning QEMU to the banner line on serial, median of RUNS boots. */
async function bootToBanner(label, opts) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await bootQemu({ name: `bench-${label}-${i}`, until: BANNER, timeoutMs: 30000, ...opts });
    if (run.untilMs === null) throw new Error(`${label}: no banner`);
    times.push(run.untilMs);
  }
  console.log(`boot to banner (${label}): median ${median(times).toFixed(0)} ms of ${RUNS} [${times.map((t) => t.toFixed(0)).join(', ')}]`);
}

const sizes = execFileSync('size', ['-A', KERNEL], { encoding: 'utf8' });
const text = Number(sizes.match(/^\.text\s+(\d+)/m)[1]);
console.log(`kernel .text: ${text} bytes (${(text / 1024).toFixed(1)} KiB)`);
await bootToBanner('ISO via GRUB, -m 256', { iso: ISO, mem: 256 });
await bootToBanner('multiboot -kernel, -m 256', { mem: 256 });
