// Physical and virtual memory at three RAM sizes: the frame allocator must
// agree with the memory map, hand out every free frame once and take them
// all back; kernel mappings, CR0.WP, NX on all but kernel text, and the
// kernel pools work.
import assert from 'node:assert/strict';
import { ktestSuite } from './lib/ktest-suite.mjs';

// QEMU's default processor has PAE without NX; -cpu max has NX, which the
// kernel-*-no-execute cases then see in the page tables.
for (const { mem, cpu } of [{ mem: 32 }, { mem: 256 }, { mem: 3072 }, { mem: 256, cpu: 'max' }]) {
  const label = cpu ? `${mem}-${cpu}` : `${mem}`;
  ktestSuite(`mm, -m ${mem}${cpu ? ` -cpu ${cpu}` : ''}`, { name: `mm-m${label}`, mem, cpu, cmdline: 'test=mm', timeoutMs: 90000 }, {
    minCases: 12,
    extra: (run, test) => {
      // The kernel (image, heap, page tables, pools) keeps under 16 MiB
      // whatever the RAM, and the initrd's frames are back after boot. The
      // allocator has only the direct-mapped frames, below 768 MiB. porffor
      // grows its heap in 1 MiB steps, and gives every typed array of up to
      // 16 KiB a 16 KiB page of its own: the kernel's tables fit in 11 steps.
      test('leaves all but 16 MiB free after boot', () => {
        const m = run.log.match(/^frames: (\d+) free after boot, kernel heap (\d+) KiB$/m);
        assert.ok(m, 'no frames line');
        const freeMiB = (Number(m[1]) * 4) / 1024;
        const usableMiB = Math.min(mem, 768);
        assert.ok(freeMiB > usableMiB - 16 && freeMiB < usableMiB, `${freeMiB} MiB free of ${usableMiB} usable`);
        assert.ok(Number(m[2]) > 0 && Number(m[2]) <= 11264, `kernel heap ${m[2]} KiB`);
      });
    },
  });
}
