// Writes the kernel symbol table that backtraces use (kernel/debug/ksyms.ts):
// the function symbols of a linked kernel, sorted by address, as
//   u32 count, count x (u32 address, u32 name offset), NUL-terminated names
// with offsets from the start of the table (little-endian).
// Usage: node tools/ksyms.mjs build/kernel-stage1.elf -o build/ksyms.bin
//        node tools/ksyms.mjs --check build/kernel.elf build/ksyms.bin
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Function symbols of an ELF file as [{ address, name }], sorted by address. */
export function functionSymbols(elf) {
  const out = execFileSync('nm', ['-n', '--defined-only', elf], { encoding: 'utf8' });
  const symbols = [];
  for (const line of out.split('\n')) {
    const m = line.match(/^([0-9a-f]{8}) [tT] (\S+)$/);
    // porffor spells the $ of sys$name handlers as kk in C; show the TypeScript name.
    if (m) symbols.push({ address: parseInt(m[1], 16), name: m[2].replace(/^syskk/, 'sys$') });
  }
  return symbols;
}

/** Serialises symbols into the table format. */
export function encodeTable(symbols) {
  const names = symbols.map((s) => Buffer.from(`${s.name}\0`, 'latin1'));
  const header = Buffer.alloc(4 + symbols.length * 8);
  header.writeUInt32LE(symbols.length, 0);
  let offset = header.length;
  symbols.forEach((s, i) => {
    header.writeUInt32LE(s.address, 4 + i * 8);
    header.writeUInt32LE(offset, 8 + i * 8);
    offset += names[i].length;
  });
  return Buffer.concat([header, ...names]);
}

/** The command line: writes the table, or checks that the final link left it true. */
function main() {
  const USAGE = 'usage: ksyms.mjs <kernel.elf> -o <table.bin> | --check <kernel.elf> <table.bin>';
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: 'string', short: 'o' }, check: { type: 'boolean' } } });
  } catch (e) {
    console.error(`ksyms: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.check && !values.out && positionals.length === 2) {
    // The final link must not have moved any function the table names.
    const [elf, tableFile] = positionals;
    if (!readFileSync(tableFile).equals(encodeTable(functionSymbols(elf)))) {
      console.error(`ksyms: ${tableFile} does not match the functions of ${elf}`);
      process.exit(1);
    }
  } else if (!values.check && values.out && positionals.length === 1) {
    writeFileSync(values.out, encodeTable(functionSymbols(positionals[0])));
  } else {
    console.error(USAGE);
    process.exit(2);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
