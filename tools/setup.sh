#!/usr/bin/env bash
# Checks for the host tools the build and the tests need and installs the
# missing ones with apt-get when running as root; otherwise prints the exact
# command to run. Called by make (build/.setup-ok) and by .ci/run.
set -euo pipefail

missing=()
need() { # need <command-or-test> <debian-package>
  if ! eval "$1" >/dev/null 2>&1; then missing+=("$2"); fi
}

need "command -v nasm" nasm
need "command -v qemu-system-i386" qemu-system-x86
need "command -v grub-mkrescue" grub-common
need "test -d /usr/lib/grub/i386-pc" grub-pc-bin
need "command -v xorriso" xorriso
need "command -v mformat" mtools
need "echo 'int main(void){return 0;}' | gcc -m32 -x c - -o /dev/null" gcc-multilib
need "command -v patch" patch

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: run this, then make again:"
  echo "  sudo apt-get install -y ${missing[*]}"
  exit 1
fi
