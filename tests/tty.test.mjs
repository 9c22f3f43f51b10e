// The console terminal driven through the serial line: canonical editing
// with echo for a program that reads a line, ^D ending its input, and ^C
// ending the foreground command with the shell's prompt back within 1 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootQemu, tail, INITRD } from '../tools/qemu.mjs';

// ^C is typed this long after sleep's marker line, so that sleep runs by then.
const INTERRUPT_DELAY_MS = 1500;

test('tty: canonical editing, echo, ^D and ^C on the serial console', async () => {
  let markerMs = null;
  const run = await bootQemu({
    name: 'tty-console', modules: [INITRD], timeoutMs: 90000,
    until: /^sleep-starts\r?\n[^]*?^# /m,
    stamps: /^sleep-starts\r?$/gm, onStamp: (match, ms) => { markerMs ??= ms; },
    interact: [
      { after: /^# /m, serial: 'echo reading; cat\n' },
      { after: /^reading\r?\n/m, serial: 'abc\bd\n' },
      { after: /^abd\r?\n/m, serial: '\x04' },
      { after: /^abd\r?\n(?:.*\n)*?# /m, serial: 'echo sleep-starts; sleep 100\n' },
      { after: /^sleep-starts\r?\n/m, serial: '\x03', delayMs: INTERRUPT_DELAY_MS },
    ],
  });
  assert.equal(run.timedOut, false, tail(run.log));
  assert.match(run.log, /^abc\x08 \x08d\r?$/m, 'the typed line and its erase are echoed: ' + tail(run.log));
  assert.match(run.log, /^abd\r?$/m, 'cat read the edited line: ' + tail(run.log));
  assert.ok(markerMs !== null && run.untilMs !== null, tail(run.log));
  const promptBackMs = run.untilMs - (markerMs + INTERRUPT_DELAY_MS);
  assert.ok(promptBackMs < 1000, `prompt back ${promptBackMs} ms after ^C: ${tail(run.log)}`);
});
