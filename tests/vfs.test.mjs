// The VFS from inside the kernel (test=vfs), before any process: the root
// file system populated from the ramdisk, walks through ".", "..", mounts
// and missing names, create/write/read with a hole, unlink, and the inode
// slots all returned. The syscall-level file tests are guest programs
// (userland/tests/test-fileio.c, test-paths.c, ...) run by tests/user.test.mjs.
import { join } from 'node:path';
import { ktestSuite } from './lib/ktest-suite.mjs';

const BUILD = new URL('../build/', import.meta.url).pathname;
ktestSuite('vfs in the kernel', {
  name: 'vfs', cmdline: 'test=vfs', modules: [{ path: join(BUILD, 'initrd.tar'), cmdline: 'initrd' }], timeoutMs: 60000,
}, { minCases: 13 });
