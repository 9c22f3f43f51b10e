// Core of tools/check-layers.mjs: the kernel's floors, and the checks that
// keep every import pointing down and every table indexed by its owner only.
import fs from 'node:fs';
import path from 'node:path';
import ts from './ts.mjs';
import { displayPath, lineCol, listFiles, isKernelTs, skipOuterExpressions } from './common.mjs';

const SK = ts.SyntaxKind;

export const RULES = {
  'layer-arrow': 'an import from a folder that is not below in FLOORS',
  'layer-circle': 'folders that import each other, directly or round a ring',
  'foreign-write': 'a write to a binding imported from another folder (call its owner\'s function)',
  'foreign-index': 'an index into an array imported from another file (call its owner\'s accessor or setter)',
  'layer-unknown': 'a kernel file in a folder FLOORS does not name',
};

// The floors, bottom to top: a folder may import the folders of every
// floor below its own and the shared folders. Folders on one floor may not
// import each other. "." is the kernel's root folder (main.ts).
export const SHARED = ['api', 'lib'];
export const FLOORS = [
  ['arch/i386'], // CPU and memory primitives: port I/O, control registers, descriptor tables, PIC, PIT, trap frame
  ['devices'],   // serial, PS/2 keyboard, VGA, RTC, the kernel console (kprint)
  ['boot'],      // what the boot loader handed over (multiboot information)
  ['debug'],     // panic and the kernel symbol table for backtraces
  ['time'],      // the realtime and monotonic clocks
  ['mm'],        // physical frames, the kernel heap, paging, address spaces, user copies
  ['proc'],      // processes, threads, the scheduler's sleep/wakeup and its wait channels
  ['tty'],       // the console terminal: line discipline, termios, controlling terminal, job control
  ['fs'],        // descriptions, inodes, the VFS and its file systems, pipes, watches
  ['lifecycle'], // a process's life: exec, exit, the first process, the leak check
  ['syscalls'],  // the sys$ handlers and the syscall entry
  ['trap'],      // the trap dispatch: routes a vector to its handler
  ['tests'],     // in-kernel test sets
  ['.'],         // main.ts: boots every floor in order
];

/** Folder (relative to the kernel root, '/'-separated) holding abs. */
const folderOf = (abs, rootAbs) => {
  const dir = path.relative(rootAbs, path.dirname(abs)).split(path.sep).join('/');
  return dir === '' ? '.' : dir;
};

const rankOf = (folder) => FLOORS.findIndex((floor) => floor.includes(folder));

/** Whether a file in folder `from` may import from folder `to`: its own, a shared one, or one on a lower floor. */
export const arrowAllowed = (from, to) => {
  if (from === to || SHARED.includes(to)) return true;
  if (SHARED.includes(from)) return false; // shared folders import only each other
  const a = rankOf(from);
  const b = rankOf(to);
  return a >= 0 && b >= 0 && b < a;
};

const violation = (sf, node, rule, message, cwd) => {
  const { line, col } = lineCol(sf, node.getStart(sf));
  return { file: displayPath(sf.fileName, cwd), line, col, rule, message };
};

/** Every `import ... from "./x"` of a file, resolved to a .ts path. */
const importsOf = (sf) => {
  const out = [];
  for (const s of sf.statements) {
    if (!(ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || !s.moduleSpecifier) continue;
    const spec = s.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    out.push({ node: s, target: path.resolve(path.dirname(sf.fileName), spec) + '.ts' });
  }
  return out;
};

/** Local names a file imports from other kernel files (named, default and namespace imports), each with the folder and file it comes from. */
const importedBindings = (sf, rootAbs, otherFolderOnly) => {
  const names = new Map();
  const from = folderOf(sf.fileName, rootAbs);
  for (const { node, target } of importsOf(sf)) {
    if (!ts.isImportDeclaration(node) || !node.importClause || target === sf.fileName) continue;
    const where = folderOf(target, rootAbs);
    if (otherFolderOnly && where === from) continue;
    const owner = { folder: where, file: path.relative(rootAbs, target).split(path.sep).join('/') };
    const clause = node.importClause;
    if (clause.name) names.set(clause.name.text, owner);
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) names.set(nb.name.text, owner);
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) names.set(el.name.text, owner);
  }
  return names;
};

/** Whether a local declaration of id's name, in a scope around id, hides the import. */
const shadowed = (sf, id) => {
  for (let n = id.parent; n; n = n.parent) {
    const locals = n.locals;
    if (locals && n !== sf && locals.has(id.text)) return true;
  }
  return false;
};

/** The identifier at the root of x, x[i], x.y, x[i][j]... */
const rootIdentifier = (e) => {
  let x = skipOuterExpressions(e);
  while (x && (ts.isElementAccessExpression(x) || ts.isPropertyAccessExpression(x))) x = skipOuterExpressions(x.expression);
  return x && ts.isIdentifier(x) ? x : undefined;
};

const isAssignmentOperator = (kind) => kind >= SK.FirstAssignment && kind <= SK.LastAssignment;
const isIncDec = (kind) => kind === SK.PlusPlusToken || kind === SK.MinusMinusToken;

/** The target of node when it is an assignment, compound assignment or ++/--. */
const writeTarget = (node) => {
  if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) return node.left;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncDec(node.operator)) return node.operand;
  return undefined;
};

/** Writes in sf to bindings imported from another folder. */
const foreignWrites = (sf, rootAbs, cwd) => {
  const names = importedBindings(sf, rootAbs, true);
  const out = [];
  if (names.size === 0) return out;
  const visit = (node) => {
    const target = writeTarget(node);
    if (target) {
      const id = rootIdentifier(target);
      if (id && names.has(id.text) && !shadowed(sf, id)) {
        const { folder } = names.get(id.text);
        out.push(violation(sf, node, 'foreign-write', `writes \`${id.text}\`, which ${folder}/ owns: call a function ${folder}/ exports`, cwd));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
};

/**
 * Indexes in sf into bindings imported from another file: a table belongs to
 * the file that declares it, and every other file goes through its accessors.
 * A write from another folder is foreign-write's, not reported twice.
 */
const foreignIndexes = (sf, rootAbs, cwd) => {
  const names = importedBindings(sf, rootAbs, false);
  const out = [];
  if (names.size === 0) return out;
  const from = folderOf(sf.fileName, rootAbs);
  const visit = (node) => {
    if (ts.isElementAccessExpression(node)) {
      const base = skipOuterExpressions(node.expression);
      if (ts.isIdentifier(base) && names.has(base.text) && !shadowed(sf, base)) {
        let up = node.parent;
        while (up && ts.isParenthesizedExpression(up)) up = up.parent;
        const written = up && writeTarget(up) && skipOuterExpressions(writeTarget(up)) === node;
        const { folder, file } = names.get(base.text);
        if (!(written && folder !== from)) {
          out.push(violation(sf, node, 'foreign-index', `indexes \`${base.text}\`, which ${file} owns: call the accessor (or setter) it exports`, cwd));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
};

/** Strongly connected folder sets of more than one folder (Tarjan). */
const circles = (graph) => {
  let index = 0;
  const idx = new Map(), low = new Map(), stack = [], on = new Set(), out = [];
  const strong = (v) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const set = [];
      let w;
      do { w = stack.pop(); on.delete(w); set.push(w); } while (w !== v);
      if (set.length > 1) out.push(set.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
};

/** Folder -> set of folders it imports from. */
export const folderGraph = (imports) => {
  const graph = new Map();
  for (const i of imports) {
    if (i.from === i.to) continue;
    if (!graph.has(i.from)) graph.set(i.from, new Set());
    graph.get(i.from).add(i.to);
  }
  return new Map([...graph].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
};

/**
 * Run the layer checker over every kernel file under root.
 * @returns {{violations: {file, line, col, rule, message}[], filesChecked: number, imports: {from, to, sf, node}[]}}
 */
export function checkLayers({ root = 'kernel', cwd = process.cwd() } = {}) {
  const rootAbs = path.resolve(cwd, root);
  if (!fs.existsSync(rootAbs) || !fs.statSync(rootAbs).isDirectory()) throw new Error(`root directory ${displayPath(rootAbs, cwd)} not found`);
  const files = listFiles(rootAbs, isKernelTs);
  const violations = [];
  const imports = [];
  for (const abs of files) {
    const sf = ts.createSourceFile(abs, fs.readFileSync(abs, 'utf8'), ts.ScriptTarget.ES2022, true);
    // Binding fills in each scope's `locals` (the names it declares), which
    // tells a write to a local from a write to an import of the same name.
    ts.bindSourceFile(sf, { target: ts.ScriptTarget.ES2022 });
    const from = folderOf(abs, rootAbs);
    if (rankOf(from) < 0 && !SHARED.includes(from)) {
      violations.push({ file: displayPath(abs, cwd), line: 1, col: 1, rule: 'layer-unknown', message: `folder ${from}/ is on no floor of tools/lib/layers.mjs` });
    }
    for (const { node, target } of importsOf(sf)) {
      const to = folderOf(target, rootAbs);
      imports.push({ from, to, sf, node });
      if (!arrowAllowed(from, to) && (rankOf(from) >= 0 || SHARED.includes(from))) {
        violations.push(violation(sf, node, 'layer-arrow', `${from}/ may not import ${displayPath(target, cwd)} (${to}/ is not below it)`, cwd));
      }
    }
    violations.push(...foreignWrites(sf, rootAbs, cwd));
    violations.push(...foreignIndexes(sf, rootAbs, cwd));
  }
  const graph = folderGraph(imports);
  for (const ring of circles(graph)) {
    const inRing = new Set(ring);
    const first = imports.find((i) => i.from !== i.to && inRing.has(i.from) && inRing.has(i.to));
    violations.push(violation(first.sf, first.node, 'layer-circle', `folders ${ring.join(', ')} import each other`, cwd));
  }
  violations.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
  return { violations, filesChecked: files.length, imports };
}

export const formatViolation = (v) => `${v.file}:${v.line}:${v.col}: ${v.rule}: ${v.message}`;
