// The initial ramdisk and the user programs in it:
// - tools/mkinitrd.mjs writes a correct ustar archive (checked here with an
//   independent parser, and by GNU tar extracting it);
// - every user ELF in build/user is a static i386 executable whose PT_LOAD
//   segments are never both writable and executable (W^X), on separate pages;
// - libc's errno numbers match the kernel's (kernel/api/errno.ts).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInitrd } from '../tools/mkinitrd.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const BUILD = join(ROOT, 'build');
const MKINITRD = join(ROOT, 'tools/mkinitrd.mjs');

// ---- an independent ustar reader ----

const field = (block, offset, size) => {
  const bytes = block.subarray(offset, offset + size);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? size : end).toString('utf8');
};

function parseOctal(block, offset, size, what) {
  const raw = block.subarray(offset, offset + size);
  assert.equal(raw[size - 1], 0, `${what}: field must end with NUL`);
  const text = raw.subarray(0, size - 1).toString('ascii');
  assert.match(text, /^[0-7]+$/, `${what}: "${text}" is not zero-padded octal`);
  return parseInt(text, 8);
}

/** Parses an archive, checking every header; returns [{name, type, mode, data, offset}] (offset: of the data), gap headers left out. */
function readTar(archive) {
  assert.equal(archive.length % 512, 0, 'archive length is a multiple of 512');
  const entries = [];
  let offset = 0;
  for (;;) {
    assert.ok(offset + 512 <= archive.length, 'archive ends with two zero blocks');
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) {
      const next = archive.subarray(offset + 512, offset + 1024);
      assert.equal(next.length, 512, 'second end block present');
      assert.ok(next.every((b) => b === 0), 'second end block is zero');
      assert.equal(offset + 1024, archive.length, 'nothing after the end blocks');
      return entries;
    }
    const name = field(header, 0, 100);
    // checksum: sum of the header with the chksum field as spaces
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
    const stored = header.subarray(148, 156);
    assert.match(stored.subarray(0, 6).toString('ascii'), /^[0-7]{6}$/, `${name}: chksum digits`);
    assert.equal(stored[6], 0, `${name}: chksum NUL`);
    assert.equal(stored[7], 32, `${name}: chksum space`);
    assert.equal(parseInt(stored.subarray(0, 6).toString('ascii'), 8), sum, `${name}: checksum`);
    assert.equal(header.subarray(257, 263).toString('latin1'), 'ustar\0', `${name}: magic`);
    assert.equal(header.subarray(263, 265).toString('latin1'), '00', `${name}: version`);
    const mode = parseOctal(header, 100, 8, `${name} mode`);
    assert.equal(parseOctal(header, 108, 8, `${name} uid`), 0);
    assert.equal(parseOctal(header, 116, 8, `${name} gid`), 0);
    assert.equal(parseOctal(header, 136, 12, `${name} mtime`), 0);
    const size = parseOctal(header, 124, 12, `${name} size`);
    const type = String.fromCharCode(header[156]);
    assert.ok(type === '0' || type === '5' || (type === 'g' && name === 'pax_global_header'), `${name}: typeflag ${type}`);
    assert.equal(field(header, 345, 155), '', `${name}: prefix unused`);
    if (type === '5') {
      assert.ok(name.endsWith('/'), `${name}: directory names end with /`);
      assert.equal(size, 0, `${name}: directory size`);
    }
    const data = archive.subarray(offset + 512, offset + 512 + size);
    const padded = Math.ceil(size / 512) * 512;
    const padding = archive.subarray(offset + 512 + size, offset + 512 + padded);
    assert.ok(padding.every((b) => b === 0), `${name}: zero padding`);
    if (type === 'g') {
      assert.match(data.toString('ascii'), size ? new RegExp(`^${size} comment=x*\n$`) : /^$/, 'a gap header holds one comment record');
      assert.equal(size % 512, 0, 'a gap header needs no padding');
    } else entries.push({ name, type, mode, data: Buffer.from(data), offset: offset + 512 });
    offset += 512 + padded;
  }
}

// ---- mkinitrd on a small tree ----

describe('tools/mkinitrd.mjs', () => {
  const work = mkdtempSync(join(tmpdir(), 'tsos-initrd-'));
  const tree = join(work, 'root');
  const files = {
    'bin/prog': { data: Buffer.from([0x7f, 0x45, 0x4c, 0x46, ...Array(1000).fill(7)]), mode: 0o755 },
    'bin/script': { data: Buffer.from('#!/bin/prog arg\n'), mode: 0o755 },
    'etc/empty': { data: Buffer.alloc(0), mode: 0o644 },
    'etc/one': { data: Buffer.from('x'), mode: 0o600 },
    'etc/block': { data: Buffer.alloc(512, 0x41), mode: 0o644 },
    'etc/block-and-one': { data: Buffer.alloc(513, 0x42), mode: 0o644 },
    'etc/page': { data: Buffer.alloc(4096, 0x43), mode: 0o644 },
    'etc/pages-and-one': { data: Buffer.alloc(2 * 4096 + 1, 0x44), mode: 0o644 },
    [`long/${'n'.repeat(95)}`]: { data: Buffer.from('exactly 100 bytes of name\n'), mode: 0o644 },
  };
  for (const [name, { data, mode }] of Object.entries(files)) {
    mkdirSync(join(tree, name, '..'), { recursive: true });
    writeFileSync(join(tree, name), data);
    chmodSync(join(tree, name), mode);
  }
  mkdirSync(join(tree, 'empty-dir'));
  chmodSync(join(tree, 'empty-dir'), 0o755);
  const archive = createInitrd(tree);
  const entries = readTar(archive);

  test('headers, checksums, sizes and data are right', () => {
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const [name, { data, mode }] of Object.entries(files)) {
      const entry = byName.get(name);
      assert.ok(entry, `${name} is in the archive`);
      assert.equal(entry.type, '0');
      assert.equal(entry.mode, mode, `${name} mode`);
      assert.deepEqual(entry.data, data, `${name} data`);
    }
    for (const dir of ['bin/', 'etc/', 'long/', 'empty-dir/']) {
      assert.equal(byName.get(dir)?.type, '5', `${dir} is a directory entry`);
    }
    assert.equal(entries.length, Object.keys(files).length + 4);
  });

  test('entries are sorted, each directory before its contents', () => {
    const names = entries.map((e) => e.name);
    assert.deepEqual(names, [
      'bin/', 'bin/prog', 'bin/script', 'empty-dir/', 'etc/', 'etc/block', 'etc/block-and-one', 'etc/empty', 'etc/one',
      'etc/page', 'etc/pages-and-one',
      'long/', `long/${'n'.repeat(95)}`,
    ]);
  });

  test('a file of a page or more starts on a page of the archive, a smaller one right after its header', () => {
    for (const entry of entries.filter((e) => e.type === '0')) {
      if (entry.data.length >= 4096) assert.equal(entry.offset % 4096, 0, `${entry.name} data at ${entry.offset}`);
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    assert.equal(byName.get('etc/one').offset, byName.get('etc/empty').offset + 512, 'no gap before a small file');
  });

  test('the output is deterministic and the CLI writes the same bytes', () => {
    assert.deepEqual(createInitrd(tree), archive);
    const out = join(work, 'cli.tar');
    const run = spawnSync(process.execPath, [MKINITRD, tree, '-o', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(readFileSync(out), archive);
    assert.ok(!existsSync(`${out}.tmp`));
  });

  test('GNU tar lists and extracts it to the same tree', () => {
    const list = spawnSync('tar', ['-tf', '-'], { input: archive, encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(list.stdout.trim().split('\n'), entries.map((e) => e.name));
    const out = join(work, 'extracted');
    mkdirSync(out);
    const extract = spawnSync('tar', ['-x', '-p', '-f', '-', '-C', out], { input: archive, encoding: 'utf8' });
    assert.equal(extract.status, 0, extract.stderr);
    for (const [name, { data, mode }] of Object.entries(files)) {
      assert.deepEqual(readFileSync(join(out, name)), data, name);
      assert.equal(statSync(join(out, name)).mode & 0o7777, mode, `${name} mode after extraction`);
    }
    assert.ok(statSync(join(out, 'empty-dir')).isDirectory());
  });

  test('rejects names over 100 bytes and anything but files and directories', () => {
    const bad = join(work, 'bad');
    mkdirSync(join(bad, 'd'), { recursive: true });
    writeFileSync(join(bad, 'd', 'x'.repeat(99)), 'too long with "d/"');
    assert.throws(() => createInitrd(bad), /longer than 100 bytes/);
    const link = join(work, 'link');
    mkdirSync(link);
    symlinkSync('elsewhere', join(link, 'symlink'));
    assert.throws(() => createInitrd(link), /only regular files and directories/);
    const run = spawnSync(process.execPath, [MKINITRD, link, '-o', join(work, 'x.tar')], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /mkinitrd:/);
    assert.ok(!existsSync(join(work, 'x.tar')));
  });

  after(() => rmSync(work, { recursive: true, force: true }));
});

// ---- the built user programs ----

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const PT_GNU_STACK = 0x6474e551;
const PF_X = 1;
const PF_W = 2;
const USER_CEILING = 0xbe000000;

/** The ELF32 header and program headers of an executable. */
function readElf(buf, name) {
  assert.ok(buf.length >= 52, `${name}: too short for an ELF header`);
  assert.deepEqual([...buf.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46], `${name}: ELF magic`);
  assert.equal(buf[4], 1, `${name}: ELFCLASS32`);
  assert.equal(buf[5], 1, `${name}: little endian`);
  assert.equal(buf.readUInt16LE(16), 2, `${name}: ET_EXEC`);
  assert.equal(buf.readUInt16LE(18), 3, `${name}: EM_386`);
  const entry = buf.readUInt32LE(24);
  const phoff = buf.readUInt32LE(28);
  const phentsize = buf.readUInt16LE(42);
  const phnum = buf.readUInt16LE(44);
  assert.equal(phentsize, 32, `${name}: phentsize`);
  const phdrs = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * 32;
    phdrs.push({
      type: buf.readUInt32LE(o), offset: buf.readUInt32LE(o + 4), vaddr: buf.readUInt32LE(o + 8),
      filesz: buf.readUInt32LE(o + 16), memsz: buf.readUInt32LE(o + 20), flags: buf.readUInt32LE(o + 24),
      align: buf.readUInt32LE(o + 28),
    });
  }
  return { entry, phdrs };
}

const userMakefileIncluded = existsSync(join(ROOT, 'Makefile'))
  && /^\s*-?include\s+userland\/userland\.mk/m.test(readFileSync(join(ROOT, 'Makefile'), 'utf8'));
const userDir = join(BUILD, 'user');
const testDir = join(userDir, 'tests');
const programsIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).sort() : []);
// build/user/<name> is /bin/<name>; build/user/tests/<name> (test-* and fail-*) is /usr/tests/<name>.
const userPrograms = programsIn(userDir).filter((f) => !f.endsWith('.h'));
const testPrograms = programsIn(testDir);
const allPrograms = [
  ...userPrograms.map((name) => ({ name, built: join(userDir, name), installed: `bin/${name}` })),
  ...testPrograms.map((name) => ({ name, built: join(testDir, name), installed: `usr/tests/${name}` })),
];

describe('user programs (build/user)', () => {
  const skip = !userMakefileIncluded && userPrograms.length === 0
    ? 'userland/userland.mk is not included by the Makefile yet and build/user is empty' : false;

  test('exist (init, echo-args, run-tests and the test programs)', { skip }, () => {
    for (const name of ['init', 'echo-args', 'run-tests']) {
      assert.ok(userPrograms.includes(name), `build/user/${name}`);
    }
    for (const name of ['test-ids', 'test-fork', 'test-cow', 'test-preempt', 'test-exec', 'test-wait', 'test-misc', 'fail-demo']) {
      assert.ok(testPrograms.includes(name), `build/user/tests/${name}`);
    }
  });

  for (const { name, built } of allPrograms) {
    test(`${name}: static i386 ELF, PT_LOAD segments W^X on separate pages`, () => {
      const { entry, phdrs } = readElf(readFileSync(built), name);
      // A PT_LOAD with nothing in memory (an empty .rodata) maps nothing; the kernel's loader skips it too.
      const loads = phdrs.filter((p) => p.type === PT_LOAD && p.memsz > 0);
      assert.ok(loads.length >= 1, `${name}: has PT_LOAD segments`);
      assert.ok(!phdrs.some((p) => p.type === PT_INTERP || p.type === PT_DYNAMIC), `${name}: static`);
      const stack = phdrs.find((p) => p.type === PT_GNU_STACK);
      assert.ok(stack && !(stack.flags & PF_X), `${name}: PT_GNU_STACK without PF_X`);
      let previousEndPage = 0;
      for (const p of loads) {
        const where = `${name}: PT_LOAD at 0x${p.vaddr.toString(16)}`;
        assert.ok(!((p.flags & PF_W) && (p.flags & PF_X)), `${where} is both writable and executable`);
        assert.equal(p.align, 4096, `${where}: align`);
        assert.equal(p.offset % 4096, p.vaddr % 4096, `${where}: offset and address agree mod 4096`);
        assert.ok(p.filesz <= p.memsz, `${where}: filesz <= memsz`);
        assert.ok(p.vaddr >= 0x08048000 && p.vaddr + p.memsz < USER_CEILING, `${where}: inside user space`);
        const firstPage = Math.floor(p.vaddr / 4096);
        assert.ok(firstPage >= previousEndPage, `${where}: shares a page with the previous segment`);
        previousEndPage = Math.ceil((p.vaddr + p.memsz) / 4096);
      }
      const text = loads.find((p) => entry >= p.vaddr && entry < p.vaddr + p.memsz);
      assert.ok(text && (text.flags & PF_X), `${name}: entry 0x${entry.toString(16)} in an executable segment`);
    });
  }

  test('build/initrd.tar holds every program under bin/, the tests under usr/tests/, and the #! fixtures under usr/tests/fixtures/', { skip }, () => {
    const entries = readTar(readFileSync(join(BUILD, 'initrd.tar')));
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const { built, installed } of allPrograms) {
      const entry = byName.get(installed);
      assert.ok(entry, installed);
      assert.deepEqual(entry.data, readFileSync(built), `${installed} is the built ELF`);
      assert.equal(entry.mode, 0o755, `${installed} mode`);
    }
    assert.ok(!entries.some((e) => /^bin\/(test|fail)-/.test(e.name)), 'no test program left under bin/');
    const installed = new Set(allPrograms.map((p) => p.installed));
    const strays = entries.filter((e) => e.name.startsWith('bin/') && e.type !== '5' && !installed.has(e.name));
    assert.deepEqual(strays.map((e) => e.name), [], 'bin/ holds commands only: fixtures live in usr/tests/fixtures/');
    assert.equal(byName.get('usr/tests/')?.type, '5', 'usr/tests/ is a directory');
    assert.equal(byName.get('usr/tests/fixtures/script-hello')?.data.toString(), '#!/bin/echo-args from-script\n');
    assert.equal(byName.get('usr/tests/fixtures/script-nested')?.data.toString(), '#!/usr/tests/fixtures/script-hello\n');
    assert.equal(byName.get('usr/tests/fixtures/script-deep')?.data.toString(), '#!/usr/tests/fixtures/script-nested\n');
    assert.equal(byName.get('usr/tests/fixtures/no-exec-perm')?.mode, 0o644);
    assert.equal(byName.get('usr/tests/fixtures/tiny')?.data.length, 2);
  });
});

// ---- errno numbers shared by libc and the kernel ----

test('libc/include/errno_numbers.h matches kernel/api/errno.ts', { skip: !existsSync(join(ROOT, 'kernel/api/errno.ts')) }, () => {
  const kernel = new Map();
  for (const m of readFileSync(join(ROOT, 'kernel/api/errno.ts'), 'utf8').matchAll(/export const (E[A-Z0-9]+): number = (\d+);/g)) {
    kernel.set(m[1], Number(m[2]));
  }
  const libc = new Map();
  for (const m of readFileSync(join(ROOT, 'libc/include/errno_numbers.h'), 'utf8').matchAll(/^#define (E[A-Z0-9]+) (\d+)$/gm)) {
    libc.set(m[1], Number(m[2]));
  }
  assert.ok(kernel.size > 70, 'parsed kernel/api/errno.ts');
  assert.deepEqual(libc, kernel);
});
