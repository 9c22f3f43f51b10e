// The syscall floor: boots build/floor.elf (bench/floor/floor.asm), a
// minimal kernel whose int 0x82 handler is a bare iret, and times a ring-3
// loop of `iterations` int 0x82 from the FLOOR START to the FLOOR DONE line
// on serial. tools/bench.mjs prints the real kernel's syscall figures as
// ratios to this, measured in the same run, so they do not depend on how
// fast this machine runs QEMU.
//
//   node tools/floor.mjs [--iterations N] [--runs R]
//
// QEMU is spawned here rather than through bootQemu (tools/qemu.mjs), which
// always boots build/kernel.elf; the arguments are the same, minus -m.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BUILD } from './qemu.mjs';

export const FLOOR_KERNEL = join(BUILD, 'floor.elf');
/** About 1 s of loop per boot under QEMU TCG on the machine this was written on (~0.4-0.5 us per round trip). */
export const DEFAULT_ITERATIONS = 2_000_000;
export const DEFAULT_RUNS = 5;

const START = 'FLOOR START';
const DONE = /FLOOR DONE (\d+)\r?\n/;

/**
 * One boot of the floor kernel. Resolves with { log, guestStatus, timedOut,
 * loopNs (hrtime from the FLOOR START chunk to the FLOOR DONE chunk, or null),
 * done (the count FLOOR DONE printed, or null), ms (spawn to exit) }.
 * guestStatus is the value written to the debug-exit port (0 on success),
 * null when QEMU ended any other way.
 */
export function bootFloor({ iterations = DEFAULT_ITERATIONS, timeoutMs = 60000, kernel = FLOOR_KERNEL } = {}) {
  if (!existsSync(kernel)) throw new Error(`${kernel} is missing: make ${kernel.replace(/^.*\/build\//, 'build/')}`);
  const args = ['-display', 'none', '-serial', 'stdio', '-no-reboot', '-monitor', 'none',
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
    '-kernel', kernel, '-append', `iterations=${iterations}`];
  const spawned = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const qemu = spawn('qemu-system-i386', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let stderr = '';
    let timedOut = false;
    let startAt = null;
    let doneAt = null;
    const timer = setTimeout(() => { timedOut = true; qemu.kill('SIGKILL'); }, timeoutMs);
    qemu.stdout.on('data', (chunk) => {
      const now = process.hrtime.bigint();
      log += chunk.toString('latin1');
      if (startAt === null && log.includes(START)) startAt = now;
      if (startAt !== null && doneAt === null && DONE.test(log)) doneAt = now;
    });
    qemu.stderr.on('data', (chunk) => { stderr += chunk; });
    qemu.on('error', reject);
    qemu.on('close', (code) => {
      clearTimeout(timer);
      const m = log.match(DONE);
      resolve({
        log: log.replace(/\r\n/g, '\n'),
        stderr,
        // isa-debug-exit makes QEMU exit with (status << 1) | 1.
        guestStatus: code !== null && code % 2 === 1 ? code >> 1 : null,
        timedOut,
        loopNs: startAt !== null && doneAt !== null ? Number(doneAt - startAt) : null,
        done: m ? Number(m[1]) : null,
        ms: Number(process.hrtime.bigint() - spawned) / 1e6,
      });
    });
  });
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
