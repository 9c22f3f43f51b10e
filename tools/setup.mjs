// Checks for the host tools the build and the tests need and installs the
// missing ones with apt-get when running as root; otherwise prints the exact
// command to run and fails. make runs it (build/.setup-ok) after
// `npm ci --ignore-scripts` has installed zx and before the porffor patches
// are applied, since applying them needs `patch`, one of the tools checked.
import { $ } from 'zx';

/** [how to tell the tool is there, the Debian package that provides it]. */
const NEEDS = [
  ['command -v nasm', 'nasm'],
  ['command -v qemu-system-i386', 'qemu-system-x86'],
  ['command -v grub-mkrescue', 'grub-common'],
  ['test -d /usr/lib/grub/i386-pc', 'grub-pc-bin'],
  ['command -v xorriso', 'xorriso'],
  ['command -v mformat', 'mtools'],
  ["echo 'int main(void){return 0;}' | gcc -m32 -x c - -o /dev/null", 'gcc-multilib'],
  ['command -v patch', 'patch'],
];

$.quiet = true;
const missing = [];
for (const [check, pkg] of NEEDS) {
  if (!(await $({ nothrow: true })`bash -c ${check}`).ok) missing.push(pkg);
}
if (missing.length > 0) {
  console.log(`setup: missing packages: ${missing.join(' ')}`);
  const isRoot = process.getuid() === 0;
  if (isRoot && (await $({ nothrow: true })`command -v apt-get`).ok) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await $({ env, quiet: false })`apt-get update -qq`;
    await $({ env, quiet: false })`apt-get install -y -qq --no-install-recommends ${missing}`;
  } else {
    console.log('setup: run this, then make again:');
    console.log(`  sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
}
