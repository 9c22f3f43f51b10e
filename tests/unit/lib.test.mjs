// Host unit tests of the kernel's pure-logic modules, run under node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importKernelModule } from '../lib/tsmodule.mjs';

const format = await importKernelModule('kernel/lib/format.ts');
const cmd = await importKernelModule('kernel/lib/cmdline.ts');
const enc = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const dec = (buf, n) => String.fromCharCode(...buf.subarray(0, n));

test('formatUnsigned: bases, padding, u32 range', () => {
  const out = new Uint8Array(64);
  assert.equal(dec(out, format.formatUnsigned(0, 10, 1, out)), '0');
  assert.equal(dec(out, format.formatUnsigned(4294967295, 10, 1, out)), '4294967295');
  assert.equal(dec(out, format.formatUnsigned(0xc0100000, 16, 8, out)), 'c0100000');
  assert.equal(dec(out, format.formatUnsigned(0xb8, 16, 4, out)), '00b8');
  assert.equal(dec(out, format.formatUnsigned(5, 2, 1, out)), '101');
});

test('formatSigned: negatives down to i32 min', () => {
  const out = new Uint8Array(64);
  assert.equal(dec(out, format.formatSigned(-2147483648, out)), '-2147483648');
  assert.equal(dec(out, format.formatSigned(-1, out)), '-1');
  assert.equal(dec(out, format.formatSigned(12, out)), '12');
});

test('bytesEqual compares a slice with a string', () => {
  const buf = enc('xxhello');
  assert.equal(format.bytesEqual(buf, 2, 5, 'hello'), true);
  assert.equal(format.bytesEqual(buf, 2, 4, 'hello'), false);
  assert.equal(format.bytesEqual(buf, 1, 5, 'hello'), false);
});

test('command line: key=value words', () => {
  const line = enc('/boot/kernel.elf test=boot  mem=256 quiet');
  const n = line.length;
  assert.equal(cmd.argumentEquals(line, n, 'test', 'boot'), true);
  assert.equal(cmd.argumentEquals(line, n, 'test', 'boo'), false);
  assert.equal(cmd.argumentEquals(line, n, 'mem', '256'), true);
  assert.equal(cmd.findArgument(line, n, 'quiet'), -1, 'a bare word has no value');
  assert.equal(cmd.findArgument(line, n, 'tes'), -1, 'a key prefix does not match');
  assert.equal(cmd.argumentLength(line, n, cmd.findArgument(line, n, 'mem')), 3);
  assert.equal(cmd.hasWord(line, 0, n, 'quiet'), true);
  assert.equal(cmd.hasWord(line, 0, n, 'quie'), false);
});

const frames = await importKernelModule('kernel/mm/frames.ts');
const keymap = await importKernelModule('kernel/devices/keymap.ts');
const input = await importKernelModule('kernel/devices/input.ts');

test('frames: available regions minus reservations, lowest first, no double free', () => {
  frames.framesReset();
  frames.framesAddAvailable(0, 0x9fc00); // 159 whole frames
  frames.framesAddAvailable(0x100000, 0x100000); // 256 frames
  assert.equal(frames.framesAvailable(), 415);
  frames.framesReserve(0, 0x100000);
  frames.framesReserve(0x100800, 0x101001); // partial frames count whole: 0x100000..0x102000
  assert.equal(frames.framesAvailable(), 254);
  assert.equal(frames.framesFree(), 254);
  assert.equal(frames.frameAllocBelow(0x200000), 0x102000);
  assert.equal(frames.frameFree(0x100000), false, 'a reserved frame is not freeable');
  assert.equal(frames.frameFree(0x102000), true);
  assert.equal(frames.frameFree(0x102000), false, 'double free refused');
  assert.equal(frames.frameFree(0x102001), false, 'unaligned refused');
  assert.equal(frames.frameAllocContiguous(3, 0x200000), 0x102000);
  let n = 0;
  while (frames.frameAllocBelow(0x200000) !== 0) n++;
  assert.equal(n, 251);
  assert.equal(frames.framesFree(), 0);
  assert.equal(frames.frameIsFree(0x150000), false);
  frames.frameFree(0x150000);
  assert.equal(frames.frameIsFree(0x150000), true);
  assert.equal(frames.frameAllocBelow(0x150000), 0, 'limit is exclusive');
});

test('frames: commitments keep their frames, the reserve is the kernel\'s', () => {
  frames.framesReset();
  frames.framesAddAvailable(0x100000, 1252 * 4096);
  const reserve = frames.kernelReserveFrames();
  assert.equal(reserve, 156, 'a small memory keeps an eighth');
  const committable = 1252 - reserve;
  assert.equal(frames.framesCommittable(), committable);
  assert.equal(frames.framesCommit(committable + 1), false, 'more than committable');
  assert.equal(frames.framesCommitted(), 0, 'a refused commitment promises nothing');
  assert.equal(frames.framesCommit(committable - 40), true);
  assert.equal(frames.framesCommittable(), 40);
  let fileFrames = 0;
  while (frames.frameAllocBeyondReserve(0x40000000) !== 0) fileFrames++;
  assert.equal(fileFrames, 40, 'file pages stop at the commitments and the reserve');
  let kernelFrames = 0;
  while (frames.frameAllocBelow(0x40000000) !== 0) kernelFrames++;
  assert.equal(kernelFrames, reserve, 'the kernel has its reserve, not the committed frames');
  assert.equal(frames.framesFree(), committable - 40);
  let taken = 0;
  while (frames.framesCommitted() > 0 && frames.frameAllocCommitted(0x40000000) !== 0) taken++;
  assert.equal(taken, committable - 40, 'every committed frame can be taken');
  assert.equal(frames.framesFree(), 0);
  assert.equal(frames.frameAllocContiguous(1, 0x40000000), 0);
  frames.frameFree(0x100000);
  assert.equal(frames.framesCommittable(), 0, 'a freed frame refills the reserve first');
  frames.framesReset();
  frames.framesAddAvailable(0x100000, 16384 * 4096);
  assert.equal(frames.kernelReserveFrames(), frames.KERNEL_RESERVE_FRAMES, 'from 36 MiB up the reserve is whole');
  const rest = 16384 - frames.KERNEL_RESERVE_FRAMES;
  frames.framesCommit(rest);
  assert.equal(frames.frameAllocContiguous(frames.KERNEL_RESERVE_FRAMES + 1, 0x40000000), 0, 'contiguous runs leave the commitments');
  frames.framesUncommit(rest);
  assert.equal(frames.framesCommitted(), 0);
  assert.equal(frames.framesCommittable(), rest);
});

test('keymap: US layout with shift, caps lock, control, releases and extended codes', () => {
  keymap.keymapReset();
  const typed = (codes) => codes.map((c) => keymap.translateScancode(c)).filter((c) => c >= 0);
  assert.equal(String.fromCharCode(...typed([0x23, 0x17, 0x1c])), 'hi\n');
  assert.equal(String.fromCharCode(...typed([0x2a, 0x23, 0x02, 0xaa, 0x23])), 'H!h');
  assert.equal(String.fromCharCode(...typed([0x3a, 0x1e, 0x02, 0x3a, 0x1e])), 'A1a', 'caps lock shifts letters only');
  assert.deepEqual(typed([0x1d, 0x2e, 0x9d]), [3], 'ctrl-c');
  assert.deepEqual(typed([0xe0, 0x48, 0xe0, 0xc8, 0x9e]), [], 'extended keys and releases yield nothing');
});

test('input queues: one per source, FIFO, bounded, counting what they drop', () => {
  const { INPUT_SERIAL: serial, INPUT_KEYBOARD: keyboard } = input;
  for (let i = 0; i < 1030; i++) input.inputPush(serial, i & 0xff);
  input.inputPush(keyboard, 0x41);
  assert.equal(input.inputAvailable(serial), 1024);
  assert.equal(input.inputAvailable(keyboard), 1, 'a full serial queue leaves the keyboard\'s alone');
  assert.equal(input.inputDropped(), 6);
  assert.equal(input.inputPop(serial), 0);
  assert.equal(input.inputPop(serial), 1);
  assert.equal(input.inputPop(keyboard), 0x41);
  while (input.inputPop(serial) >= 0);
  assert.equal(input.inputAvailable(serial), 0);
  assert.equal(input.inputPop(serial), -1);
  assert.equal(input.inputPop(keyboard), -1);
});
