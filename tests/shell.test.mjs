// /bin/sh on the serial console, typed at as a user would: a normal boot
// (init starts the shell on the console), then each case's input once the
// case before it has finished, and its output checked. Every case ends
// with an `echo :end-NAME:` of its own, whose output line marks where the
// case's output stops (the shell's echo of what was typed starts with the
// prompt, so it matches neither a marker nor an expectation anchored at the
// start of a line).
//
// A case is { name, input, expect }: input is the text typed (newlines
// included), or a list of steps { after, text } when some text must wait
// for output first (the first step's after is the previous case's end);
// expect is a RegExp the case's output must match.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bootQemu, tail, INITRD } from '../tools/qemu.mjs';

const READY = /^init: TSOS user space is up \(pid 1\)$/m;

const CASES = [
  { name: 'pipeline', input: 'echo one two three | wc -w\n', expect: /^\s+3$/m },
  { name: 'redirect-and-cat', input: 'echo saved text > /tmp/shell-test; cat /tmp/shell-test\n', expect: /^saved text$/m },
  { name: 'for', input: 'for i in 1 2 3; do echo item$i; done\n', expect: /^item1\nitem2\nitem3$/m },
  { name: 'if', input: 'if [ -d /bin ]; then echo is-dir; else echo not-dir; fi\n', expect: /^is-dir$/m },
  { name: 'case', input: 'case main.c in *.h) echo header;; *.c) echo source;; esac\n', expect: /^source$/m },
  { name: 'function', input: 'greet() { echo "hello, $1"; }; greet world\n', expect: /^hello, world$/m },
  { name: 'command-substitution', input: 'echo "[$(echo inner)]"\n', expect: /^\[inner\]$/m },
  { name: 'arithmetic', input: 'x=6; echo $((x * 7))\n', expect: /^42$/m },
  { name: 'globbing', input: 'echo /usr/tests/fixtures/script-*\n', expect: /^\/usr\/tests\/fixtures\/script-deep \/usr\/tests\/fixtures\/script-hello \/usr\/tests\/fixtures\/script-nested$/m },
  { name: 'heredoc', input: 'cat <<EOF\nline $((1 + 1))\nEOF\n', expect: /^line 2$/m },
  { name: 'multi-line-loop', input: 'n=0\nwhile [ $n -lt 2 ]\ndo\n  n=$((n + 1)); echo round $n\ndone\n', expect: /^round 1\nround 2$/m },
  { name: 'history', input: 'echo from-history\n\x1b[A\n', expect: /^from-history\n(?:.*\n)?from-history$/m },
  { name: 'tab-completion', input: 'echo /usr/tests/fixtures/script-he\t\n', expect: /^\/usr\/tests\/fixtures\/script-hello$/m },
  { name: 'exit-statuses', input: 'false; echo status $?; true; echo status $?; nosuch; echo status $?\n', expect: /^status 1\nstatus 0\nsh: nosuch: not found\nstatus 127$/m },
  // Job control: ^C (0x03) and ^Z (0x1a) reach the foreground job only, through the terminal.
  {
    name: 'ctrl-c', expect: /^status 130$/m,
    input: [{ text: '(echo started-sleep; sleep 100)\n' }, { after: /^started-sleep$/m, text: '\x03echo status $?\n' }],
  },
  {
    name: 'ctrl-z-bg-jobs-fg', expect: /Stopped[^]*^stopped-status 148$[^]*Running[^]*^fg-done$[^]*^fg-status 0$/m,
    input: [
      { text: '(echo started-job; sleep 3; echo fg-done)\n' },
      { after: /^started-job$/m, text: '\x1a' },
      { after: /Stopped/, text: 'echo stopped-status $?\nbg\njobs\nfg\necho fg-status $?\n' },
    ],
  },
];

const endMarker = (c) => `:end-${c.name}:`;
// The marker starts a line; the terminal's echo of what is typed next may follow it on that line.
const endLine = (c) => new RegExp(`^${endMarker(c)}`, 'm');

// A shell prompt ("# ", or "> " while a command is unfinished) ending the log.
const PROMPT_AT_END = /(?:^|\n)[#>] $/;

/** Wraps a step's condition so that, as it lets the step go, it records where the log stood (state.sentAt). */
function recording(condition, state) {
  return { test: (log) => { const ready = condition(log); if (ready) state.sentAt = log.length; return ready; } };
}

/**
 * The interact steps of bootQemu for the cases, in order. A case starts at
 * the shell's prompt, and a step's text is typed a line at a time, each
 * line once the shell prompts again after it: text typed ahead is echoed
 * by the terminal as it arrives, into the middle of the output of the
 * command running then.
 */
function interactSteps(cases) {
  const steps = [];
  const state = { sentAt: 0 };
  // The prompt must follow what the line made the shell print (its echo at
  // least): a line typed before the shell prompted for it is followed first
  // by that earlier prompt alone.
  const promptedAgain = (log) => {
    const since = log.slice(state.sentAt);
    const prompt = since.search(PROMPT_AT_END);
    return prompt >= 0 && /[^\s#>]/.test(since.slice(0, prompt));
  };
  let after = READY;
  for (const c of cases) {
    const inputs = typeof c.input === 'string' ? [{ text: c.input }] : c.input;
    inputs.forEach((step, k) => {
      const last = k + 1 === inputs.length;
      const lines = (step.text + (last ? `echo ${endMarker(c)}\n` : '')).split(/(?<=\n)/);
      // A case starts at the shell's prompt; a later step of it when its own pattern shows (the shell is busy then).
      const begun = k === 0 ? after : step.after;
      const start = k === 0 ? (log) => begun.test(log) && PROMPT_AT_END.test(log) : (log) => begun.test(log);
      lines.forEach((line, i) => {
        steps.push({ after: recording(i === 0 ? start : promptedAgain, state), serial: line });
      });
    });
    after = endLine(c);
  }
  return steps;
}

/** Each case's output: the log from the end of the case before it to its own end line (null if that never came). */
function caseOutputs(log, cases) {
  const outputs = new Map();
  let from = 0;
  for (const c of cases) {
    const m = endLine(c).exec(log.slice(from));
    outputs.set(c.name, m ? log.slice(from, from + m.index) : null);
    if (m) from += m.index + m[0].length;
  }
  return outputs;
}

describe('/bin/sh on the serial console', async () => {
  const stamps = {};
  const run = await bootQemu({
    name: 'shell', modules: [INITRD], timeoutMs: 90000,
    until: endLine(CASES[CASES.length - 1]), interact: interactSteps(CASES),
    stamps: /^(started-sleep|:end-ctrl-c:)/gm, onStamp: (m, ms) => { stamps[m[1]] ??= ms; },
  });
  const outputs = caseOutputs(run.log, CASES);
  test('^C gives the prompt back within a second', () => {
    assert.ok(stamps['started-sleep'] !== undefined && stamps[':end-ctrl-c:'] !== undefined, tail(run.log));
    assert.ok(stamps[':end-ctrl-c:'] - stamps['started-sleep'] < 1000, `${stamps[':end-ctrl-c:'] - stamps['started-sleep']} ms`);
  });
  for (const c of CASES) {
    test(c.name, () => {
      const output = outputs.get(c.name);
      assert.ok(output !== null, `the case never finished\n${tail(run.log)}`);
      assert.match(output, c.expect, `output:\n${output}`);
    });
  }
});
