// The `typescript` package, loaded through require(): importing it as ESM makes Node scan the
// 9 MB CommonJS file for named exports, which costs ~0.4 s per process.
import { createRequire } from 'node:module';

const ts = createRequire(import.meta.url)('typescript');
export default ts;
