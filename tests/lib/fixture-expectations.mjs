// The violations a checker fixture expects, written in its sources as
// trailing `// expect: rule-id[, rule-id]` comments (tests/tools/fixtures/).
import fs from 'node:fs';
import path from 'node:path';

/** `file:line:rule` for every expectation under caseDir/kernel, file relative to caseDir, sorted. */
export function expectations(caseDir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) {
        fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
          const m = /\/\/ expect: (.*)$/.exec(line);
          if (m) for (const r of m[1].split(',')) out.push(`${path.relative(caseDir, p).split(path.sep).join('/')}:${i + 1}:${r.trim()}`);
        });
      }
    }
  };
  walk(path.join(caseDir, 'kernel'));
  return out.sort();
}
