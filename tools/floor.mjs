// The syscall floor: boots build/floor.elf (bench/floor/floor.asm), a
// minimal kernel whose int 0x82 handler is a bare iret, and times a ring-3
// loop of `iterations` int 0x82 from the FLOOR START to the FLOOR DONE line
// on serial. tools/bench.mjs prints the real kernel's syscall figures as
// ratios to this, measured in the same run, so they do not depend on how
// fast this machine runs QEMU.
//
//   node tools/floor.mjs [--iterations N] [--runs R]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bootQemu, BUILD } from './qemu.mjs';

export const FLOOR_KERNEL = join(BUILD, 'floor.elf');
/** About 1 s of loop per boot under QEMU TCG on the machine this was written on (~0.4-0.5 us per round trip). */
export const DEFAULT_ITERATIONS = 2_000_000;
export const DEFAULT_RUNS = 5;

/**
 * One boot of the floor kernel. Resolves with bootQemu's { log, guestStatus,
 * timedOut, ms, stderr } and loopNs (from the FLOOR START line to the FLOOR
 * DONE line as they arrived, or null) and done (the count FLOOR DONE
 * printed, or null).
 */
export async function bootFloor({ iterations = DEFAULT_ITERATIONS, timeoutMs = 60000, kernel = FLOOR_KERNEL } = {}) {
  if (!existsSync(kernel)) throw new Error(`${kernel} is missing: make ${kernel.replace(/^.*\/build\//, 'build/')}`);
  const at = {};
  const run = await bootQemu({
    name: 'floor', kernel, cmdline: `iterations=${iterations}`, timeoutMs,
    stamps: /^FLOOR (START|DONE)\b/gm, onStamp: (m, ms) => { at[m[1]] ??= ms; },
  });
  const done = run.log.match(/^FLOOR DONE (\d+)$/m);
  const loopNs = at.START !== undefined && at.DONE !== undefined ? (at.DONE - at.START) * 1e6 : null;
  return { ...run, loopNs, done: done ? Number(done[1]) : null };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Boots the floor kernel `runs` times (one after the other) and returns
 * { nsPerCall (median over the boots of loop time / iterations), iterations,
 * runs, loopMs (each boot's loop time), nsPerCallEach, bootMs (each boot,
 * spawn to exit) }. Throws if a boot does not finish cleanly.
 */
export async function measureFloor({ iterations = DEFAULT_ITERATIONS, runs = DEFAULT_RUNS } = {}) {
  if (!(Number.isInteger(iterations) && iterations > 0 && iterations < 2 ** 32)) throw new Error(`bad iterations: ${iterations}`);
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`bad runs: ${runs}`);
  const loopMs = [];
  const nsPerCallEach = [];
  const bootMs = [];
  for (let i = 0; i < runs; i++) {
    const run = await bootFloor({ iterations });
    if (run.timedOut || run.guestStatus !== 0 || run.done !== iterations || run.loopNs === null) {
      throw new Error(`floor boot ${i + 1}/${runs} failed (timedOut ${run.timedOut}, guest status ${run.guestStatus}, done ${run.done}):\n${run.log}${run.stderr}`);
    }
    loopMs.push(run.loopNs / 1e6);
    nsPerCallEach.push(run.loopNs / iterations);
    bootMs.push(run.ms);
  }
  return { nsPerCall: median(nsPerCallEach), iterations, runs, loopMs, nsPerCallEach, bootMs };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { iterations: { type: 'string', default: String(DEFAULT_ITERATIONS) }, runs: { type: 'string', default: String(DEFAULT_RUNS) } } });
  const result = await measureFloor({ iterations: Number(values.iterations), runs: Number(values.runs) });
  console.log(`floor: int 0x82 + iret round trip: ${result.nsPerCall.toFixed(1)} ns (median of ${result.runs})`);
  console.log(`  ${result.iterations} calls per boot; loop ms [${result.loopMs.map((t) => t.toFixed(0)).join(', ')}]; ` +
    `boot ms [${result.bootMs.map((t) => t.toFixed(0)).join(', ')}]`);
}
