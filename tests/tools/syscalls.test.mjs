// Tests for the syscall table (kernel/api/syscalls.ts) and its generator (tools/gen-syscalls.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  generate, readPromises, readTable, DISPATCH_FILE, DOCS_FILE, HEADER_FILE,
} from '../../tools/gen-syscalls.mjs';
import { bundle } from '../../tools/lib/bundler.mjs';
import { checkSubset, formatViolation } from '../../tools/lib/subset.mjs';
import { stripTypes } from '../lib/tsmodule.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GEN = path.join(ROOT, 'tools', 'gen-syscalls.mjs');
const PORF = path.join(ROOT, 'node_modules', 'porffor', 'runtime', 'index.js');

// The 152 syscalls of SerenityOS's ENUMERATE_SYSCALLS (July 2021), in number order, written
// out here so that a change to kernel/api/syscalls.ts that renumbers one fails this test.
const NAMES = `
yield open close read lseek kill getuid exit geteuid getegid getgid getpid getppid getresuid
getresgid waitid mmap munmap get_dir_entries getcwd gettimeofday gethostname sethostname chdir
uname set_mmap_name readlink write ttyname stat getsid setsid getpgid setpgid getpgrp fork execve
dup2 sigaction umask getgroups setgroups sigreturn sigprocmask sigpending pipe killpg seteuid
setegid setuid setgid setreuid setresuid setresgid alarm fstat access fcntl ioctl mkdir times utime
sync ptsname select unlink poll rmdir chmod socket bind accept4 listen connect link chown fchmod
symlink sendmsg recvmsg getsockopt setsockopt create_thread gettid rename ftruncate exit_thread
mknod writev beep getsockname getpeername socketpair sched_setparam sched_getparam fchown halt
reboot mount umount dump_backtrace dbgputch dbgputstr create_inode_watcher inode_watcher_add_watch
inode_watcher_remove_watch mprotect realpath get_process_name fchdir getrandom getkeymap setkeymap
clock_gettime clock_settime clock_nanosleep join_thread module_load module_unload detach_thread
set_thread_name get_thread_name madvise purge profiling_enable profiling_disable
profiling_free_buffer futex chroot pledge unveil perf_event shutdown get_stack_bounds ptrace sendfd
recvfd sysconf set_process_name disown adjtime allocate_tls prctl mremap set_coredump_metadata
anon_create msyscall readv emuctl statvfs fstatvfs kill_thread
`.trim().split(/\s+/);

const table = () => readTable(ROOT, readPromises(ROOT));
const entry = (name) => table().find((e) => e.name === name);

/** `export const NAME: number = N;` constants of a kernel file. */
function numberConstants(rel) {
  const out = new Map();
  for (const m of fs.readFileSync(path.join(ROOT, rel), 'utf8').matchAll(/^export const (\w+): number = (-?\d+);/gm)) out.set(m[1], Number(m[2]));
  return out;
}

const run = (args, cwd = ROOT) => spawnSync(process.execPath, [GEN, ...args], { cwd, encoding: 'utf8' });

test('the table has the 152 syscalls of the reference, in order', () => {
  assert.equal(NAMES.length, 152);
  const t = table();
  assert.equal(t.length, 152);
  assert.deepEqual(t.map((e) => e.name), NAMES);
  t.forEach((e, i) => assert.equal(e.number, i));
});

test('spot numbers in the table and in libc/include/syscall_numbers.h', () => {
  const header = fs.readFileSync(path.join(ROOT, HEADER_FILE), 'utf8');
  const spots = { yield: 0, open: 1, exit: 7, getpid: 11, fork: 35, execve: 36, dbgputch: 101, kill_thread: 151 };
  for (const [name, number] of Object.entries(spots)) {
    assert.equal(entry(name).number, number, name);
    assert.match(header, new RegExp(`^#define SC_${name} +${number}$`, 'm'), name);
  }
  assert.match(header, /^#define SC__Count +152$/m);
  const xmacro = [...header.matchAll(/^ {4}S\((\w+)\)/gm)].map((m) => m[1]);
  assert.deepEqual(xmacro, NAMES);
});

test('syscall_numbers.h compiles as C; the X-macro and SC_<name> agree', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-syscalls-c-'));
  write(dir, 'x.c', `#include "syscall_numbers.h"
#define NAME(n) #n,
static const char *names[] = { __ENUMERATE_SYSCALLS(NAME) };
#define CHECK(n) _Static_assert(SC_##n >= 0 && SC_##n < SC__Count, #n);
__ENUMERATE_SYSCALLS(CHECK)
_Static_assert(sizeof(names) / sizeof(names[0]) == SC__Count, "count");
_Static_assert(SC_getpid == 11 && SC_kill_thread == 151 && SC__Count == 152, "numbers");
const char *name_of(int n) { return names[n]; }
`);
  execFileSync('gcc', ['-m32', '-std=c11', '-Wall', '-Werror', '-I', path.join(ROOT, 'libc', 'include'), '-c', path.join(dir, 'x.c'), '-o', path.join(dir, 'x.o')], { stdio: 'pipe' });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('promises: pledge bits follow the Pledge enumeration, rows name the right promise', () => {
  const p = numberConstants('kernel/api/pledge.ts');
  assert.equal(p.get('PROMISE_STDIO'), 0);
  assert.equal(p.get('PROMISE_EXEC'), 9);
  assert.equal(p.get('PROMISE_GETKEYMAP'), 25);
  assert.equal(p.get('PROMISE_COUNT'), 26);
  const bits = [...p].filter(([k]) => k.startsWith('PROMISE_') && k !== 'PROMISE_COUNT').map(([, v]) => v).sort((a, b) => a - b);
  assert.deepEqual(bits, [...Array(26).keys()]);
  assert.equal(entry('getpid').promise, 'stdio');
  assert.equal(entry('fork').promise, 'proc');
  assert.equal(entry('execve').promise, 'exec');
  assert.equal(entry('exit').promise, 'none');
  assert.equal(entry('sethostname').promise, 'NO-PROMISES');
  assert.equal(entry('mmap').promise, 'stdio');
  assert.deepEqual(entry('mmap').handlerPromises, ['prot_exec', 'map_fixed', 'video']);
  assert.equal(entry('open').promise, 'none');
  assert.deepEqual(entry('open').handlerPromises, ['rpath', 'wpath', 'cpath']);
  assert.equal(table().filter((e) => e.promise === 'NO-PROMISES').length, 11);
  assert.equal(table().filter((e) => e.handlerCheck !== '').length, 16);
});

test('errno: SerenityOS numbering, consecutive from EPERM to EMAXERRNO', () => {
  const e = numberConstants('kernel/api/errno.ts');
  const spots = { EPERM: 1, ENOENT: 2, EFAULT: 14, EINVAL: 22, ENAMETOOLONG: 34, ELOOP: 35, EOVERFLOW: 36, EOPNOTSUPP: 37,
    ENOSYS: 38, ENOTIMPL: 39, EAFNOSUPPORT: 40, ENOTSOCK: 41, ENOTEMPTY: 44, ETIMEDOUT: 66, EDIRINTOSELF: 73, EDQUOT: 74, EMAXERRNO: 75 };
  for (const [name, value] of Object.entries(spots)) assert.equal(e.get(name), value, name);
  assert.deepEqual([...e.values()], [...Array(76).keys()]);
});

test('--check passes on the committed generated files', () => {
  const r = run(['--check']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /up to date \(\d+ of 152 syscalls implemented\)/);
});

test('generation is deterministic and the committed dispatch.ts passes the kernel checks', () => {
  const a = generate(ROOT).files, b = generate(ROOT).files;
  assert.deepEqual(a, b);
  for (const [rel, text] of Object.entries(a)) assert.equal(fs.readFileSync(path.join(ROOT, rel), 'utf8'), text, rel);
  const { violations } = checkSubset({ cwd: ROOT, root: 'kernel', files: [DISPATCH_FILE, 'kernel/api/syscalls.ts', 'kernel/api/pledge.ts', 'kernel/api/errno.ts'] });
  assert.deepEqual(violations.map(formatViolation), []);
});

// --- a scratch tree with fake handlers --------------------------------------------------------

function scratchTree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-syscalls-'));
  fs.mkdirSync(path.join(dir, 'kernel', 'api'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'kernel', 'syscalls'), { recursive: true });
  for (const f of ['syscalls.ts', 'pledge.ts', 'errno.ts']) fs.copyFileSync(path.join(ROOT, 'kernel', 'api', f), path.join(dir, 'kernel', 'api', f));
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  return dir;
}
const write = (dir, rel, text) => fs.writeFileSync(path.join(dir, rel), text);
const read = (dir, rel) => fs.readFileSync(path.join(dir, rel), 'utf8');

const GETPID = `export const sys$getpid = (frame: number, a: number, b: number, c: number): number => {
  return (1000 + frame + a + b + c) | 0;
};
`;
const PROCESS = `const helper = (x: number): number => x * 2;
export const sys$getppid = (frame: number, arg1: number, arg2: number, arg3: number): number => helper(arg1) + frame + arg2 + arg3;
export const sys$fork = (frame: number, arg1: number, arg2: number, arg3: number): number => -frame - arg1 - arg2 - arg3;
`;

function typeErrors(dir) {
  const cfg = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram({ rootNames: cfg.fileNames, options: cfg.options });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

test('a handler file in kernel/syscalls/ is wired into dispatch.ts and marked implemented', () => {
  const dir = scratchTree();
  write(dir, 'kernel/syscalls/getpid.ts', GETPID);
  write(dir, 'kernel/syscalls/process.ts', PROCESS);
  const r = run(['--root', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /3 of 152 syscalls implemented/);

  const dispatch = read(dir, DISPATCH_FILE);
  assert.match(dispatch, /^\/\/ GENERATED by tools\/gen-syscalls\.mjs from kernel\/api\/syscalls\.ts; do not edit/);
  assert.match(dispatch, /^import \{ sys\$getpid \} from "\.\/getpid";$/m);
  assert.match(dispatch, /^import \{ sys\$fork, sys\$getppid \} from "\.\/process";$/m);
  assert.match(dispatch, /case 11: return sys\$getpid\(frame, arg1, arg2, arg3\);/);
  assert.match(dispatch, /case 12: return sys\$getppid\(frame, arg1, arg2, arg3\);/);
  assert.match(dispatch, /case 35: return sys\$fork\(frame, arg1, arg2, arg3\);/);
  assert.doesNotMatch(dispatch, /sys\$yield/);

  const docs = read(dir, DOCS_FILE);
  assert.match(docs, /\*\*3 of 152 implemented\.\*\*/);
  assert.match(docs, /^\| 11 \| getpid \| stdio \| implemented \| `kernel\/syscalls\/getpid\.ts` \|$/m);
  assert.match(docs, /^\| 35 \| fork \| proc \| implemented \| `kernel\/syscalls\/process\.ts` \|$/m);
  assert.match(docs, /^\| 0 \| yield \| stdio \| ENOSYS \(not implemented yet\) \| — \|$/m);
  assert.equal(read(dir, HEADER_FILE), fs.readFileSync(path.join(ROOT, HEADER_FILE), 'utf8'));

  // The generated module passes the kernel's checks.
  assert.deepEqual(typeErrors(dir), []);
  assert.deepEqual(checkSubset({ cwd: dir, root: 'kernel' }).violations.map(formatViolation), []);

  // --check: fresh now; a new handler makes dispatch.ts and the docs stale (not the header).
  assert.equal(run(['--root', dir, '--check']).status, 0);
  write(dir, 'kernel/syscalls/yield.ts', 'export const sys$yield = (f: number, a: number, b: number, c: number): number => 0;\n');
  const stale = run(['--root', dir, '--check']);
  assert.equal(stale.status, 1);
  assert.match(stale.stderr, /kernel\/syscalls\/dispatch\.ts is stale/);
  assert.match(stale.stderr, /docs\/syscalls\.md is stale/);
  assert.doesNotMatch(stale.stderr, /syscall_numbers\.h/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('with no handler at all, dispatch.ts returns -ENOSYS and still type-checks', () => {
  const dir = scratchTree();
  assert.equal(run(['--root', dir]).status, 0);
  assert.match(read(dir, DISPATCH_FILE), /0 of 152 syscalls have a handler/);
  assert.match(read(dir, DOCS_FILE), /\*\*0 of 152 implemented\.\*\*/);
  assert.deepEqual(typeErrors(dir), []);
  assert.deepEqual(checkSubset({ cwd: dir, root: 'kernel' }).violations.map(formatViolation), []);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('bad handler declarations are errors with file:line', () => {
  const dir = scratchTree();
  write(dir, 'kernel/syscalls/bad.ts', [
    'export const sys$getuid = (frame: number, arg1: number): number => frame + arg1;',
    'export const sys$no_such_call = (f: number, a: number, b: number, c: number): number => 0;',
    'export function sys$getgid(f: number, a: number, b: number, c: number): number { return 0; }',
    '',
  ].join('\n'));
  write(dir, 'kernel/syscalls/getpid.ts', GETPID);
  write(dir, 'kernel/syscalls/other.ts', GETPID);
  const r = run(['--root', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /kernel\/syscalls\/bad\.ts:1:14: error: handler `sys\$getuid` must have the uniform signature/);
  assert.match(r.stderr, /kernel\/syscalls\/bad\.ts:2:14: error: `sys\$no_such_call`: `no_such_call` is not a syscall/);
  assert.match(r.stderr, /kernel\/syscalls\/bad\.ts:3:17: error: handler `sys\$getgid` must be declared as `export const/);
  assert.match(r.stderr, /kernel\/syscalls\/other\.ts:1:14: error: `sys\$getpid` is also defined in kernel\/syscalls\/getpid\.ts/);
  assert.equal(fs.existsSync(path.join(dir, DISPATCH_FILE)), false, 'nothing is written on error');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('bad table entries are errors: unknown promise, wrong number comment', () => {
  const dir = scratchTree();
  const src = read(dir, 'kernel/api/syscalls.ts');
  write(dir, 'kernel/api/syscalls.ts', src.replace('["getpid", "stdio", ""], // 11', '["getpid", "stdoi", ""], // 12'));
  const r = run(['--root', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /kernel\/api\/syscalls\.ts:\d+:\d+: error: getpid: unknown promise `stdoi`/);
  assert.match(r.stderr, /entry `getpid` is syscall 11, but its comment says 12/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('dispatch.ts compiled by the kernel pipeline (bundler, porffor, gcc -m32) agrees with node', () => {
  const dir = scratchTree();
  write(dir, 'kernel/syscalls/getpid.ts', GETPID);
  write(dir, 'kernel/syscalls/process.ts', PROCESS);
  assert.equal(run(['--root', dir]).status, 0);
  write(dir, 'driver.ts', `import { syscallDispatch, syscallPromise } from "./kernel/syscalls/dispatch";
declare const print: (value: number) => void;
declare const printChar: (code: number) => void;
const emit = (value: number): void => {
  print(value);
  printChar(10);
};
emit(syscallDispatch(5, 11, 1, 2, 3));
emit(syscallDispatch(5, 12, 1, 2, 3));
emit(syscallDispatch(5, 35, 1, 2, 3));
emit(syscallDispatch(5, 0, 1, 2, 3));
emit(syscallDispatch(5, 152, 1, 2, 3));
emit(syscallDispatch(5, -1, 1, 2, 3));
emit(syscallDispatch(5, 4294967295, 1, 2, 3));
emit(syscallPromise(11));
emit(syscallPromise(36));
emit(syscallPromise(151));
emit(syscallPromise(22));
emit(syscallPromise(7));
emit(syscallPromise(1));
emit(syscallPromise(16));
emit(syscallPromise(152));
emit(syscallPromise(-1));
`);
  const expected = [1011, 12, -11, -38, -38, -38, -38, 0, 9, 17, -2, -1, -1, 0, -1, -1].join('\n') + '\n';
  const text = bundle({ entry: 'driver.ts', cwd: dir }).text;
  write(dir, 'driver.bundle.ts', text);
  let node = '';
  new Function('print', 'printChar', stripTypes(text))((v) => { node += String(v); }, (c) => { node += String.fromCharCode(c); });
  assert.equal(node, expected);
  execFileSync(process.execPath, [PORF, 'c', '--module', path.join(dir, 'driver.bundle.ts'), path.join(dir, 'driver.c')], { stdio: 'pipe' });
  execFileSync('gcc', ['-m32', '-O1', '-fwrapv', '-w', path.join(dir, 'driver.c'), '-o', path.join(dir, 'driver'), '-lm'], { stdio: 'pipe' });
  assert.equal(execFileSync(path.join(dir, 'driver'), { encoding: 'latin1' }), expected);
  // The `$` of sys$<name> survives porffor as valid C (porffor spells it `kk`).
  assert.match(fs.readFileSync(path.join(dir, 'driver.c'), 'utf8'), /\bsyskkgetpid\(/);
  fs.rmSync(dir, { recursive: true, force: true });
});
