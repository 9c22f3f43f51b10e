// Physical and virtual memory at three RAM sizes: the frame allocator must
// agree with the memory map, hand out every free frame once and take them
// all back; kernel mappings, CR0.WP and the kernel pools work.
import assert from 'node:assert/strict';
import { ktestSuite } from './lib/ktest-suite.mjs';

for (const mem of [32, 256, 3072]) {
  ktestSuite(`mm, -m ${mem}`, { name: `mm-m${mem}`, mem, cmdline: 'test=mm', timeoutMs: 90000 }, {
    minCases: 12,
    extra: (run, test) => {
      test('reports the free frames at boot', () => {
        const m = run.log.match(/^frames: (\d+) free after boot$/m);
        assert.ok(m, 'no frames line');
        const freeMiB = (Number(m[1]) * 4) / 1024;
        assert.ok(freeMiB > mem - 32 && freeMiB < mem, `${freeMiB} MiB free of ${mem}`);
      });
    },
  });
}
