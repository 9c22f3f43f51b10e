// Boots the kernel under QEMU headless for the tests and the benchmarks:
// serial on stdout, the debug-exit device for the guest's status, a timeout
// per boot, and the serial log kept under build/test-logs/.
import { $ } from 'zx';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export const ROOT = new URL('../', import.meta.url).pathname;
export const BUILD = join(ROOT, 'build');
export const LOG_DIR = join(BUILD, 'test-logs');
export const KERNEL = join(BUILD, 'kernel.elf');
export const ISO = join(BUILD, 'os.iso');
/** The ramdisk module the user-space boots load. */
export const INITRD = { path: join(BUILD, 'initrd.tar'), cmdline: 'initrd' };

/** The kernel's leak check line at the end of a user-space test boot when every pool is back to its boot value. */
export const LEAK_FREE = /^leak check: 0 frames, 0 processes, 0 threads, 0 regions, 0 inodes, 0 descriptions, 0 pipes, 0 watchers, 0 veil nodes, 0 committed$/m;

/** Guest status written to port 0xf4 when the kernel panics in test mode (kernel/debug/ktest.ts). */
export const PANIC_STATUS = 0x7f;

/**
 * Boots QEMU and resolves with { log, guestStatus, timedOut, ms, untilMs }.
 * opts: name (log file), mem (MiB), kernel (default build/kernel.elf) + cmdline
 * (multiboot -kernel boot) or iso,
 * modules [{path, cmdline}], cpu (QEMU's -cpu model; its default when absent), timeoutMs, until (RegExp: stop QEMU once the log matches;
 * untilMs is then the time from spawn to the match), interact: steps run in
 * order, each once its `after` RegExp matches the log (a step whose `after`
 * matches the empty log runs at spawn, before the guest boots): `sendkey` (QEMU key
 * names typed on the PS/2 keyboard through the monitor), `serial` (text
 * written to COM1, delayMs after the match when the step has delayMs) or
 * `monitor` (a function of the log so far returning the human-monitor
 * commands to run, in order), stamps + onStamp (a global RegExp: onStamp(match, ms)
 * is called once per match as it arrives, with the time since spawn).
 * guestStatus is the value the guest wrote to the debug-exit port, or null
 * when QEMU ended any other way.
 */
export async function bootQemu(opts) {
  const { name, mem = 256, kernel = KERNEL, cmdline = '', iso = null, modules = [], timeoutMs = 30000, until = null } = opts;
  const steps = [...(opts.interact ?? [])];
  const { stamps = null, onStamp = null } = opts;
  let stampedUpTo = 0;
  const monitorPath = join(LOG_DIR, `${name}.monitor`);
  const args = ['-display', 'none', '-serial', 'stdio', '-no-reboot', '-m', String(mem),
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'];
  if (opts.cpu) args.push('-cpu', opts.cpu);
  if (steps.length) args.push('-monitor', `unix:${monitorPath},server=on,wait=off`);
  else args.push('-monitor', 'none');
  if (iso) args.push('-cdrom', iso);
  else {
    args.push('-kernel', kernel, '-append', cmdline);
    if (modules.length) args.push('-initrd', modules.map((m) => `${m.path} ${m.cmdline}`.trim()).join(','));
  }
  mkdirSync(LOG_DIR, { recursive: true });
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
  // exec: the shell's process becomes QEMU, so a kill reaches QEMU itself
  // (zx's own kill walks the process tree with ps, which a fresh machine may lack).
  const qemu = $({ quiet: true, nothrow: true })`exec qemu-system-i386 ${args}`;
  const kill = () => qemu.child.kill('SIGKILL');
  let log = '';
  let stderr = '';
  let timedOut = false;
  let untilMs = null;
  const runSteps = () => {
    while (steps.length && steps[0].after.test(log)) {
      const step = steps.shift();
      if (step.serial && step.delayMs) setTimeout(() => qemu.stdin.write(step.serial), step.delayMs);
      else if (step.serial) qemu.stdin.write(step.serial);
      if (step.sendkey) monitorCommands(monitorPath, step.sendkey.map((key) => `sendkey ${key}`), 30);
      if (step.monitor) monitorCommands(monitorPath, step.monitor(log), 0);
    }
  };
  runSteps();
  const timer = setTimeout(() => { timedOut = true; kill(); }, timeoutMs);
  qemu.stdout.on('data', (chunk) => {
    log += chunk.toString('latin1');
    runSteps();
    if (stamps) {
      const now = elapsed();
      const complete = log.lastIndexOf('\n') + 1;
      stamps.lastIndex = stampedUpTo;
      const region = log.slice(0, complete);
      for (let m = stamps.exec(region); m; m = stamps.exec(region)) onStamp(m, now);
      stampedUpTo = Math.max(stampedUpTo, complete);
    }
    if (until && untilMs === null && until.test(log)) {
      untilMs = elapsed();
      kill();
    }
  });
  qemu.stderr.on('data', (chunk) => { stderr += chunk; });
  const { exitCode } = await qemu;
  clearTimeout(timer);
  rmSync(monitorPath, { force: true });
  const ms = elapsed();
  log = log.replace(/\r\n/g, '\n');
  writeFileSync(join(LOG_DIR, `${name}.log`), log + (stderr ? `\n--- qemu stderr ---\n${stderr}` : ''));
  // isa-debug-exit makes QEMU exit with (status << 1) | 1; a plain 0 is a normal QEMU exit.
  const guestStatus = exitCode !== null && exitCode % 2 === 1 ? exitCode >> 1 : null;
  return { log, guestStatus, timedOut, ms, untilMs, stderr };
}

/** Runs commands through QEMU's human monitor in order, paceMs apart (keys typed too fast are lost). */
function monitorCommands(monitorPath, commands, paceMs) {
  const socket = connect(monitorPath);
  socket.on('error', () => {});
  socket.on('connect', async () => {
    for (const command of commands) {
      socket.write(`${command}\n`);
      if (paceMs) await new Promise((r) => setTimeout(r, paceMs));
    }
    socket.end();
  });
}

/** The last lines of a log, for failure messages. */
export function tail(log, lines = 25) {
  return log.split('\n').slice(-lines).join('\n');
}

/** Parses `KTEST <name>: PASS|FAIL: detail` lines and the summary line. */
export function parseKtest(log) {
  const cases = [];
  for (const m of log.matchAll(/^KTEST (\S+): (PASS|FAIL)(?:: (.*))?$/gm)) {
    if (m[1] === 'SUMMARY') continue;
    cases.push({ name: m[1], ok: m[2] === 'PASS', detail: m[3] ?? '' });
  }
  const summary = log.match(/^KTEST SUMMARY: (\d+) passed, (\d+) failed$/m);
  return { cases, summary: summary ? { passed: +summary[1], failed: +summary[2] } : null };
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Reads run-tests's report: results [{name, ok, detail, output}] in order
 * (output: the lines between the test's begin and end markers) and the
 * closing `P passed, F failed` line.
 */
export function parseRunTests(log) {
  const results = [];
  for (const m of log.matchAll(/^KTEST run-tests:(\S+): (PASS|FAIL)(?:: (.*))?$/gm)) {
    const name = m[1];
    // The end line may follow a last line the test left unfinished, so it need not start a line.
    const framed = log.match(new RegExp(`^run-tests: begin ${escape(name)}\\n([^]*?)run-tests: end ${escape(name)} \\(`, 'm'));
    results.push({ name, ok: m[2] === 'PASS', detail: m[3] ?? '', output: framed ? framed[1] : null });
  }
  const summary = log.match(/^(\d+) passed, (\d+) failed$/m);
  return { results, summary: summary ? { passed: +summary[1], failed: +summary[2] } : null };
}

/** Boots with run-tests as the first process; initarg names the tests (default: its built-in list). */
export const bootRunTests = (name, initarg = null, cpu = null) => bootQemu({
  name, cmdline: `test=user init=/bin/run-tests${initarg ? ` initarg=${initarg}` : ''}`, modules: [INITRD],
  timeoutMs: 300000, cpu,
});

/**
 * The programs the ramdisk installs in /usr/tests, from their sources, sorted:
 * every C test-* and fail-* program and every TypeScript program (as ts-<name>).
 */
export function guestTests() {
  const c = readdirSync(join(ROOT, 'userland/tests')).filter((f) => /^(test|fail)-.*\.c$/.test(f)).map((f) => f.slice(0, -2));
  const ts = readdirSync(join(ROOT, 'userland/ts')).filter((f) => /\.ts$/.test(f) && f !== 'sys.ts' && !f.endsWith('.d.ts'));
  return [...c, ...ts.map((f) => `ts-${f.slice(0, -3)}`)].sort();
}
