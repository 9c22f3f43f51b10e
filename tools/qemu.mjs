// Boots the kernel under QEMU headless for the tests: serial on stdout,
// the debug-exit device for the guest's status, a timeout per boot, and the
// serial log kept under build/test-logs/.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export const ROOT = new URL('../', import.meta.url).pathname;
export const BUILD = join(ROOT, 'build');
export const LOG_DIR = join(BUILD, 'test-logs');
export const KERNEL = join(BUILD, 'kernel.elf');
export const ISO = join(BUILD, 'os.iso');

/** Guest status written to port 0xf4 when the kernel panics in test mode (kernel/debug/ktest.ts). */
export const PANIC_STATUS = 0x7f;

/**
 * Boots QEMU and resolves with { log, guestStatus, timedOut, ms, untilMs }.
 * opts: name (log file), mem (MiB), kernel + cmdline (multiboot -kernel boot) or iso,
 * modules [{path, cmdline}], timeoutMs, until (RegExp: stop QEMU once the log matches;
 * untilMs is then the time from spawn to the match), interact: steps run in
 * order, each once its `after` RegExp matches the log (a step whose `after`
 * matches the empty log runs at spawn, before the guest boots): `sendkey` (QEMU key
 * names typed on the PS/2 keyboard through the monitor) or `serial` (text
 * written to COM1), stamps + onStamp (a global RegExp: onStamp(match, ms)
 * is called once per match as it arrives, with the time since spawn).
 * guestStatus is the value the guest wrote to the debug-exit port, or null
 * when QEMU ended any other way.
 */
export function bootQemu(opts) {
  const { name, mem = 256, cmdline = '', iso = null, modules = [], timeoutMs = 30000, until = null } = opts;
  const steps = [...(opts.interact ?? [])];
  const { stamps = null, onStamp = null } = opts;
  let stampedUpTo = 0;
  const monitorPath = join(LOG_DIR, `${name}.monitor`);
  const args = ['-display', 'none', '-serial', 'stdio', '-no-reboot', '-m', String(mem),
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'];
  if (steps.length) args.push('-monitor', `unix:${monitorPath},server=on,wait=off`);
  else args.push('-monitor', 'none');
  if (iso) args.push('-cdrom', iso);
  else {
    args.push('-kernel', KERNEL, '-append', cmdline);
    if (modules.length) args.push('-initrd', modules.map((m) => `${m.path} ${m.cmdline}`.trim()).join(','));
  }
  mkdirSync(LOG_DIR, { recursive: true });
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
  return new Promise((resolve, reject) => {
    const qemu = spawn('qemu-system-i386', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const runSteps = () => {
      while (steps.length && steps[0].after.test(log)) {
        const step = steps.shift();
        if (step.serial) qemu.stdin.write(step.serial);
        if (step.sendkey) sendKeys(monitorPath, step.sendkey);
      }
    };
    let log = '';
    let stderr = '';
    runSteps();
    let timedOut = false;
    let untilMs = null;
    const timer = setTimeout(() => { timedOut = true; qemu.kill('SIGKILL'); }, timeoutMs);
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
        qemu.kill('SIGKILL');
      }
    });
    qemu.stderr.on('data', (chunk) => { stderr += chunk; });
    qemu.on('error', reject);
    qemu.on('close', (code) => {
      clearTimeout(timer);
      rmSync(monitorPath, { force: true });
      const ms = elapsed();
      log = log.replace(/\r\n/g, '\n');
      writeFileSync(join(LOG_DIR, `${name}.log`), log + (stderr ? `\n--- qemu stderr ---\n${stderr}` : ''));
      // isa-debug-exit makes QEMU exit with (status << 1) | 1; a plain 0 is a normal QEMU exit.
      const guestStatus = code !== null && code % 2 === 1 ? code >> 1 : null;
      resolve({ log, guestStatus, timedOut, ms, untilMs, stderr });
    });
  });
}

/** Types keys through QEMU's human monitor, one `sendkey` command each, paced so none is lost. */
function sendKeys(monitorPath, keys) {
  const socket = connect(monitorPath);
  socket.on('error', () => {});
  socket.on('connect', async () => {
    for (const key of keys) {
      socket.write(`sendkey ${key}\n`);
      await new Promise((r) => setTimeout(r, 30));
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
