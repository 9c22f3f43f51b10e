// The two consoles in one boot: a command typed on the PS/2 keyboard
// (QEMU's monitor sendkey) runs in the VGA console's shell and its output
// is read back from the VGA text buffer (the monitor's xp of 0xb8000),
// and the serial console's shell still answers afterwards. Each shell's
// output stays on its own console: the serial log never shows the VGA
// command's result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bootQemu, tail, INITRD, LOG_DIR } from '../tools/qemu.mjs';

const NAME = 'vga-console';
const READY = /^init: TSOS user space is up \(pid 1\)$/m;
const COLUMNS = 80;
const ROWS = 25;
const WAIT_MS = 30000;

// QEMU key names for the characters the commands use (US layout).
const SHIFTED = { '$': '4', '(': '9', ')': '0', '*': '8', '>': 'dot', '_': 'minus' };
const NAMED = { ' ': 'spc', '-': 'minus', ';': 'semicolon', '/': 'slash', '.': 'dot', '\n': 'ret' };
const keysFor = (text) => [...text].map((c) => {
  if (SHIFTED[c]) return `shift-${SHIFTED[c]}`;
  if (NAMED[c]) return NAMED[c];
  if (/[a-z0-9]/.test(c)) return c;
  if (/[A-Z]/.test(c)) return `shift-${c.toLowerCase()}`;
  throw new Error(`no key for ${JSON.stringify(c)}`);
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection to the boot's human monitor: command(text) resolves with the reply, up to the next prompt. */
async function openMonitor(path) {
  const deadline = Date.now() + WAIT_MS;
  while (!existsSync(path) && Date.now() < deadline) await sleep(50);
  const socket = connect(path);
  let received = '';
  socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
  await new Promise((resolve, reject) => { socket.on('connect', resolve); socket.on('error', reject); });
  const replyAfter = async (from) => {
    while (!received.slice(from).includes('(qemu) ')) await sleep(10);
    return received.slice(from);
  };
  await replyAfter(0);
  let seen = received.length;
  return {
    command: async (text) => {
      const from = seen;
      socket.write(`${text}\n`);
      const reply = await replyAfter(from);
      seen = received.length;
      return reply;
    },
    close: () => socket.end(),
  };
}

/** The VGA text screen as ROWS lines: the character byte of each cell of `xp /2000hx 0xb8000`. */
async function readScreen(monitor) {
  const reply = await monitor.command(`xp /${COLUMNS * ROWS}hx 0xb8000`);
  const cells = [];
  for (const m of reply.matchAll(/^[0-9a-f]+: (.*)$/gm)) {
    for (const word of m[1].matchAll(/0x([0-9a-f]{4})/g)) cells.push(parseInt(word[1], 16) & 0xff);
  }
  const lines = [];
  for (let row = 0; row < ROWS; row++) {
    lines.push(String.fromCharCode(...cells.slice(row * COLUMNS, (row + 1) * COLUMNS)).replace(/[\0 ]+$/, ''));
  }
  return lines;
}

/** Polls the screen until some line matches pattern; the screen, or null after WAIT_MS. */
async function waitForScreen(monitor, pattern) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const screen = await readScreen(monitor);
    if (screen.some((line) => pattern.test(line))) return screen;
    await sleep(250);
  }
  return null;
}

async function typeOn(monitor, text) {
  for (const key of keysFor(text)) {
    await monitor.command(`sendkey ${key}`);
    await sleep(30);
  }
}

test('the VGA console runs its own shell while the serial one keeps working', async () => {
  const boot = bootQemu({
    name: NAME, modules: [INITRD], timeoutMs: 90000, until: /^serial-42$/m,
    interact: [
      { after: READY, serial: 'echo serial-first\n' },
      { after: /vga-done$/m, serial: 'echo serial-$((6*7))\n' },
    ],
  });
  const monitor = await openMonitor(join(LOG_DIR, `${NAME}.monitor`));
  let prompt = null;
  let output = null;
  try {
    prompt = await waitForScreen(monitor, /^# ?$/);
    if (prompt) {
      await typeOn(monitor, 'echo vga-$((6*7)); echo vga-typed >/dev/ttyS0\n');
      output = await waitForScreen(monitor, /^vga-42$/);
      await typeOn(monitor, 'echo vga-done >/dev/ttyS0\n');
    }
  } finally {
    monitor.close();
  }
  const run = await boot;
  assert.ok(prompt, `no shell prompt on the VGA screen\n${tail(run.log)}`);
  assert.ok(output, `the VGA command's output never showed on the screen\n${tail(run.log)}`);
  assert.match(run.log, /vga-typed$/m, 'the VGA shell ran the typed command (after the serial prompt)');
  assert.match(run.log, /^serial-first$[^]*^serial-42$/m, `the serial shell answers before and after\n${tail(run.log)}`);
  assert.doesNotMatch(run.log, /^vga-42$/m, 'the VGA shell\'s output stays off the serial line');
});
