// CPU, interrupts and the panic path: timer and FPU tests, deliberate
// kernel faults (each must panic with the right vector, CR2 and a
// symbolised backtrace, and exit QEMU with the panic status), and console
// input from the PS/2 keyboard and COM1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootQemu, tail, PANIC_STATUS } from '../tools/qemu.mjs';
import { ktestSuite } from './lib/ktest-suite.mjs';

ktestSuite('cpu: timer rate, f64 rounding to doubles, FPU state across interrupts', { name: 'cpu', cmdline: 'test=cpu', timeoutMs: 60000 }, { minCases: 5 });

// frame: the TypeScript function eip must name; caller: one the backtrace
// must name. gcc -O2 inlines small functions (peek32 into its caller, the
// one-instruction triggers into runFaultTest), so either name is right, and
// may split a function, naming the part it moved out (runFaultTest.part.0).
const GCC_PART = '(?:\\.(?:part|constprop|isra|cold)(?:\\.\\d+)?)*';
const FAULTS = [
  { kind: 'unmapped', vector: 14, frame: '(?:peek32|touchAfterUnmap)', caller: '(?:touchAfterUnmap|runFaultTest)' },
  { kind: 'readonly', vector: 14, frame: '(?:poke32|writeReadOnly)', caller: '(?:writeReadOnly|runFaultTest)' },
  { kind: 'divide', vector: 0, frame: '(?:triggerDivideError|runFaultTest)', caller: 'runKernelTestSet' },
  { kind: 'opcode', vector: 6, frame: '(?:triggerInvalidOpcode|runFaultTest)', caller: 'runKernelTestSet' },
  // With SMAP the kernel may not read a user page; with NX it may not run a
  // data page (eip is then that page, which no symbol names).
  { kind: 'smap', vector: 14, cpu: 'max', frame: '(?:peek32|readUserPage)', caller: '(?:readUserPage|runFaultTest)', report: /^page fault: kernel read of 0x10000000 \(protection violation\)/m },
  { kind: 'nx', vector: 14, cpu: 'max', frame: null, caller: '(?:callAddress|runDataPage|runFaultTest)', report: /^page fault: kernel execute of 0xf0020000 \(protection violation\) at eip 0xf0020000$/m },
];

for (const fault of FAULTS) {
  test(`fault-${fault.kind}: panics with vector ${fault.vector}, registers and a backtrace`, async () => {
    const run = await bootQemu({ name: `fault-${fault.kind}`, cmdline: `test=fault-${fault.kind}`, cpu: fault.cpu });
    const log = run.log;
    assert.ok(!run.timedOut, `timed out:\n${tail(log)}`);
    assert.equal(run.guestStatus, PANIC_STATUS, `exit status\n${tail(log)}`);
    const expect = log.match(/^FAULT-EXPECT vector 0x([0-9a-f]+) cr2 0x([0-9a-f]+)$/m);
    assert.ok(expect, `no FAULT-EXPECT line\n${tail(log)}`);
    assert.equal(parseInt(expect[1], 16), fault.vector);
    assert.match(log, new RegExp(`^PANIC: .*\\(vector ${fault.vector}\\) in kernel mode$`, 'm'));
    for (const reg of ['eip', 'eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'esp', 'cr0', 'cr2', 'cr3', 'cr4']) {
      assert.match(log, new RegExp(`\\b${reg} 0x[0-9a-f]{8}`), `register ${reg} missing`);
    }
    if (fault.vector === 14) assert.match(log, new RegExp(`cr2 0x${expect[2]}\\b`), 'CR2 is the faulting address');
    if (fault.report) assert.match(log, fault.report, 'the fault described');
    // The faulting function by name (eip), and its callers back to kmain.
    if (fault.frame) assert.match(log, new RegExp(`eip 0x[0-9a-f]{8} ${fault.frame}${GCC_PART}\\+0x`), `eip not symbolised as ${fault.frame}`);
    const backtrace = log.slice(log.indexOf('backtrace:'));
    assert.match(backtrace, new RegExp(`${fault.caller}${GCC_PART}\\+0x`), 'backtrace names the TypeScript callers');
    assert.match(backtrace, /kmain\+0x/);
  });
}

const KEYS = ['shift-h', 'e', 'l', 'l', 'o', 'comma', 'spc', 'shift-t', 'shift-s', 'shift-o', 'shift-s', 'shift-1', 'spc', '4', '2', 'ret'];

ktestSuite('input: PS/2 keyboard and COM1 into the console queue', {
  name: 'input', cmdline: 'test=input', timeoutMs: 60000,
  interact: [
    { after: /^INPUT-READY keyboard$/m, sendkey: KEYS },
    { after: /^INPUT-READY serial$/m, serial: 'typed on COM1\r' },
  ],
}, {
  minCases: 2,
  extra: (run, test) => {
    test('echoes what was typed', () => {
      assert.match(run.log, /^INPUT-LINE keyboard: Hello, TSOS! 42$/m);
      assert.match(run.log, /^INPUT-LINE serial: typed on COM1$/m);
    });
  },
});
