// `make test-guest T=name[,name...]`: one boot that runs only the guest
// tests named (through /bin/run-tests, as the whole suite does), prints their
// KTEST lines and the kernel's leak check, and exits 0 only when every test
// passed and the run ended cleanly.
//
//   node tools/test-guest.mjs NAME[,NAME...]... [--output] [--cpu=MODEL]
//
// A NAME is a program of /usr/tests (test-fork, ts-hello, fail-demo), a
// test-* name without its prefix (fork), or a path with a '/'.
// --output prints everything the tests printed, not only their KTEST lines.
// --cpu=MODEL boots QEMU's processor model MODEL (make test-guest CPU=max).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bootRunTests, guestTests, parseRunTests, tail, LOG_DIR } from './qemu.mjs';

const USAGE = 'usage: make test-guest T=NAME[,NAME...] [CPU=MODEL]   (node tools/test-guest.mjs NAME... [--output] [--cpu=MODEL])';
const LEAK_CHECK = /^leak check: .*$/m;

/** The run-tests name for what the user typed, or null when no such test exists. */
function resolveName(name, known) {
  if (name.includes('/') || known.includes(name)) return name;
  return known.includes(`test-${name}`) ? `test-${name}` : null;
}

/** Reports a usage error and exits with status 2. */
function fail(message) {
  console.error(`test-guest: ${message}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { output: { type: 'boolean' }, cpu: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
} catch (e) {
  fail(`${e.message}\n${USAGE}`);
}
if (parsed.values.help) { console.log(USAGE); process.exit(0); }
const typed = parsed.positionals.flatMap((p) => p.split(',')).filter((p) => p !== '');
if (typed.length === 0) fail(`no test named\n${USAGE}`);
const known = guestTests();
const names = typed.map((t) => resolveName(t, known) ?? fail(`no guest test '${t}'; the tests: ${known.join(' ')}`));

console.log(`test-guest: booting once for ${names.join(', ')}`);
const run = await bootRunTests('test-guest', names.join(','), parsed.values.cpu ?? null);
const { results, summary } = parseRunTests(run.log);
for (const r of results) {
  const lines = (r.output ?? '').split('\n').filter((l) => parsed.values.output ? l !== '' : l.startsWith('KTEST '));
  console.log(`--- ${r.name}`);
  for (const line of lines) console.log(line);
  console.log(`KTEST run-tests:${r.name}: ${r.ok ? 'PASS' : `FAIL: ${r.detail}`}`);
}
console.log(run.log.match(LEAK_CHECK)?.[0] ?? 'no leak check line');

// The run passed when every named test reported PASS, nothing timed out, and
// the guest's exit status (run-tests's failure count, +1 on a leak) is 0.
const problems = [];
if (run.timedOut) problems.push('the boot timed out');
if (!summary) problems.push('run-tests printed no summary');
if (results.length !== names.length) problems.push(`${results.length} of ${names.length} tests reported`);
if (run.guestStatus !== 0) problems.push(`guest exit status ${run.guestStatus}`);
const failed = results.filter((r) => !r.ok).map((r) => r.name);
if (failed.length) problems.push(`failed: ${failed.join(', ')}`);
if (problems.length) {
  if (!summary || results.length !== names.length) console.log(tail(run.log));
  console.log(`test-guest: FAIL (${problems.join('; ')}); log: ${join(LOG_DIR, 'test-guest.log')}`);
  process.exit(1);
}
console.log(`test-guest: PASS (${results.length} passed, guest exit status 0)`);
