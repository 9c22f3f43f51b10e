#!/usr/bin/env node
// Packs a directory tree into the initial ramdisk: a POSIX ustar archive.
//
//   node tools/mkinitrd.mjs <root-dir> -o <out.tar>
//
// Format (docs/initrd.md has the full description):
// * A sequence of entries, each a 512-byte header followed by the file data
//   padded with zeros to a multiple of 512 bytes; the archive ends with two
//   all-zero 512-byte blocks (no padding to a 10 KiB record).
// * Only regular files (typeflag '0') and directories (typeflag '5', no data)
//   are stored; anything else (symlinks, devices, FIFOs) is an error.
// * Names are relative to the root with no leading "/" or "./", e.g.
//   "bin/" and "bin/init"; a directory's name ends with "/". Names must fit the
//   100-byte name field (the ustar prefix field is left empty), else error.
// * Entries are sorted (a directory comes right before its contents), and
//   nothing depends on the host: uid, gid and mtime are 0, uname/gname are
//   empty. Only the permission bits (mode & 07777) come from the file system.
// * Numeric fields are octal ASCII, zero-padded, NUL-terminated: mode, uid,
//   gid (8 bytes: 7 digits + NUL), size and mtime (12 bytes: 11 digits + NUL),
//   devmajor/devminor (8 bytes). magic "ustar\0", version "00".
// * chksum (offset 148, 8 bytes) is the sum of all 512 header bytes as
//   unsigned values, computed with the chksum field taken as 8 spaces, and
//   stored as 6 octal digits, NUL, space.
// * A file of a page (4096 bytes) or more has its data start at a multiple
//   of 4096 from the archive's start: before it, a pax global header (typeflag
//   'g', named pax_global_header, data one `comment` record) fills the gap.
//   The boot loader puts the archive on a page, so the kernel takes such a
//   file's whole pages as they are instead of copying them; tar tools read a
//   comment as nothing.
// The same archive is produced for the same tree, byte for byte.
import { lstatSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const BLOCK = 512;
export const PAGE = 4096;

// Header field offsets and sizes (POSIX.1-1988 ustar).
export const FIELDS = {
  name: [0, 100], mode: [100, 8], uid: [108, 8], gid: [116, 8], size: [124, 12], mtime: [136, 12],
  chksum: [148, 8], typeflag: [156, 1], linkname: [157, 100], magic: [257, 6], version: [263, 2],
  uname: [265, 32], gname: [297, 32], devmajor: [329, 8], devminor: [337, 8], prefix: [345, 155],
};

function putString(header, [offset, size], text) {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > size) throw new Error(`"${text}" does not fit a ${size}-byte field`);
  bytes.copy(header, offset);
}

function putOctal(header, [offset, size], value) {
  const digits = value.toString(8).padStart(size - 1, '0');
  if (digits.length > size - 1) throw new Error(`${value} does not fit a ${size}-byte octal field`);
  header.write(digits, offset, 'ascii'); // the last byte stays NUL
}

/** The checksum of a header: every byte summed, with the chksum field counted as spaces. */
export function headerChecksum(header) {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) {
    sum += i >= FIELDS.chksum[0] && i < FIELDS.chksum[0] + FIELDS.chksum[1] ? 0x20 : header[i];
  }
  return sum;
}

/** One 512-byte ustar header. */
export function makeHeader({ name, mode, size, type }) {
  const header = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > FIELDS.name[1]) throw new Error(`name longer than 100 bytes: ${name}`);
  putString(header, FIELDS.name, name);
  putOctal(header, FIELDS.mode, mode & 0o7777);
  putOctal(header, FIELDS.uid, 0);
  putOctal(header, FIELDS.gid, 0);
  putOctal(header, FIELDS.size, size);
  putOctal(header, FIELDS.mtime, 0);
  putString(header, FIELDS.typeflag, type);
  putString(header, FIELDS.magic, 'ustar'); // + the NUL already there
  putString(header, FIELDS.version, '00');
  putOctal(header, FIELDS.devmajor, 0);
  putOctal(header, FIELDS.devminor, 0);
  const sum = headerChecksum(header);
  header.write(sum.toString(8).padStart(6, '0'), FIELDS.chksum[0], 'ascii');
  header[FIELDS.chksum[0] + 6] = 0;
  header[FIELDS.chksum[0] + 7] = 0x20;
  return header;
}

/** The entries of the tree under root, depth first, sorted by name. */
function collect(root, relative, out) {
  const names = readdirSync(join(root, relative)).sort();
  for (const entry of names) {
    const rel = relative ? `${relative}/${entry}` : entry;
    const stat = lstatSync(join(root, rel));
    if (stat.isDirectory()) {
      out.push({ name: `${rel}/`, mode: stat.mode, size: 0, type: '5' });
      collect(root, rel, out);
    } else if (stat.isFile()) {
      out.push({ name: rel, mode: stat.mode, size: stat.size, type: '0', path: join(root, rel) });
    } else {
      throw new Error(`${join(root, rel)}: only regular files and directories can go in the initrd`);
    }
  }
  return out;
}

/**
 * A pax global header of gap bytes in all (a multiple of BLOCK): its header
 * block, then one `comment` record filling the rest, which needs no padding.
 */
function gapEntry(gap) {
  const size = gap - BLOCK;
  const header = makeHeader({ name: 'pax_global_header', mode: 0o644, size, type: 'g' });
  if (size === 0) return [header];
  const prefix = `${size} comment=`;
  return [header, Buffer.from(`${prefix}${'x'.repeat(size - prefix.length - 1)}\n`, 'ascii')];
}

/** The archive of the tree under root, as a Buffer. */
export function createInitrd(root) {
  const blocks = [];
  let offset = 0;
  const push = (block) => {
    blocks.push(block);
    offset += block.length;
  };
  for (const entry of collect(root, '', [])) {
    const data = entry.type === '0' ? readFileSync(entry.path) : Buffer.alloc(0);
    if (data.length !== entry.size) throw new Error(`${entry.path} changed while being packed`);
    const gap = (PAGE - ((offset + BLOCK) % PAGE)) % PAGE;
    if (data.length >= PAGE && gap) for (const block of gapEntry(gap)) push(block);
    push(makeHeader(entry));
    push(data);
    const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (padding) push(Buffer.alloc(padding));
  }
  push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(blocks);
}

function main(args) {
  const usage = () => {
    console.error('usage: node tools/mkinitrd.mjs <root-dir> -o <out.tar>');
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', short: 'o' } } });
  } catch {
    usage();
  }
  const { values: { out: output }, positionals: inputs } = parsed;
  if (!output || inputs.length !== 1) usage();
  const archive = createInitrd(inputs[0]);
  writeFileSync(`${output}.tmp`, archive);
  renameSync(`${output}.tmp`, output); // never leave a half-written archive
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`mkinitrd: ${error.message}`);
    process.exit(1);
  }
}
