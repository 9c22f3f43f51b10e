// Boot-foundation tests, selected with `test=boot` on the kernel command
// line: the compiler's integer semantics inside the kernel, the console
// drivers, and what the boot loader handed over.
import { kernelImageEnd, kernelImageStart, KERNEL_BASE } from "../arch/i386/cpu";
import { bytesAddress, peek32, peek8, wordsAddress } from "../arch/i386/io";
import { serialLoopbackTest } from "../devices/serial";
import { vgaCell, vgaPutCell } from "../devices/vga";
import {
  cmdline, cmdlineLength, earlyPhysToVirt, MEMORY_AVAILABLE, moduleCount, moduleName, moduleNameOffset,
  regionCount, regionBaseOf, regionLengthOf, regionTypeOf, moduleEndOf, moduleStartOf, moduleNameLengthOf,
} from "../boot/multiboot";
import { argumentEquals, hasWord } from "../lib/cmdline";
import { bytesEqual, formatSigned, formatUnsigned } from "../lib/format";
import { ktest } from "../debug/ktest";

const text: Uint8Array = new Uint8Array(32);
const probeWords: Uint32Array = new Uint32Array(4);

const testIntegerSemantics = (): void => {
  const high: number = 0xc0000000;
  const minusEight: number = -8;
  ktest("u32-to-i32", (high | 0) === -1073741824, "0xc0000000 | 0");
  ktest("u32-unsigned-shift", high >>> 0 === 3221225472 && minusEight >>> 1 === 2147483644, ">>> results");
  ktest("u32-mask", ((high & 0xffff0000) >>> 0) === 3221225472, "& with high bits");
  ktest("shift-count-masked", (1 << (high - 3221225439)) === 2, "1 << 33");
  ktest("division", 7 / 2 === 3.5 && Math.floor(7 / 2) === 3, "7 / 2");
};

/** bytesAddress/wordsAddress rely on porffor's typed array layout: writes through them must land in the arrays. */
const testTypedArrayAddresses = (): void => {
  text[3] = 0x5a;
  probeWords[2] = 0xc0ffee11;
  ktest("bytes-address", peek8(bytesAddress(text) + 3) === 0x5a, "bytesAddress points elsewhere");
  ktest("words-address", peek32(wordsAddress(probeWords) + 8) === 0xc0ffee11, "wordsAddress points elsewhere");
};

const testFormatting = (): void => {
  ktest("format-decimal", bytesEqual(text, 0, formatUnsigned(4294967295, 10, 1, text), "4294967295"), "u32 max");
  ktest("format-hex", bytesEqual(text, 0, formatUnsigned(0xc0100000, 16, 8, text), "c0100000"), "kernel base");
  ktest("format-padding", bytesEqual(text, 0, formatUnsigned(0xb8, 16, 4, text), "00b8"), "zero padding");
  ktest("format-negative", bytesEqual(text, 0, formatSigned(-2147483648, text), "-2147483648"), "i32 min");
};

const testConsoles = (): void => {
  ktest("serial-loopback", serialLoopbackTest(0x5a), "COM1 did not echo in loopback mode");
  const saved: number = vgaCell(0, 79);
  vgaPutCell(0, 79, 0x1f41);
  const readBack: number = vgaCell(0, 79);
  vgaPutCell(0, 79, saved);
  ktest("vga-readback", readBack === 0x1f41, "VGA text memory did not keep a cell");
};

/** True when the kernel image lies inside one available region. */
const kernelInAvailableMemory = (): boolean => {
  const start: number = kernelImageStart() - KERNEL_BASE;
  const end: number = kernelImageEnd() - KERNEL_BASE;
  for (let i: number = 0; i < regionCount; i++) {
    const inside: boolean = regionBaseOf(i) <= start && end <= regionBaseOf(i) + regionLengthOf(i);
    if (regionTypeOf(i) === MEMORY_AVAILABLE && inside) return true;
  }
  return false;
};

/** Module 0 must be the harness's test module: its string holds the word `testmod`, its bytes start with TSOSMOD1. */
const testModuleLooksRight = (): boolean => {
  if (moduleCount < 1 || moduleEndOf(0) <= moduleStartOf(0)) return false;
  if (!hasWord(moduleName, moduleNameOffset(0), moduleNameLengthOf(0), "testmod")) return false;
  const contents: number = earlyPhysToVirt(moduleStartOf(0));
  const magic: string = "TSOSMOD1";
  for (let i: number = 0; i < magic.length; i++) {
    if (peek8(contents + i) !== magic.charCodeAt(i)) return false;
  }
  return true;
};

const testBootInformation = (magic: number): void => {
  ktest("multiboot-magic", magic === 0x2badb002, "boot loader magic");
  ktest("memory-map", regionCount > 0 && kernelInAvailableMemory(), "kernel image not inside available memory");
  ktest("cmdline", argumentEquals(cmdline, cmdlineLength, "test", "boot"), "test=boot not found in the command line");
  if (argumentEquals(cmdline, cmdlineLength, "expect-module", "1")) {
    ktest("module", testModuleLooksRight(), "module 0 missing or wrong");
  }
};

/** Runs every boot test. */
export const runBootTests = (magic: number): void => {
  testIntegerSemantics();
  testTypedArrayAddresses();
  testFormatting();
  testConsoles();
  testBootInformation(magic);
};
